// PostGraphile 5 calls Promise.withResolvers, which Node 22 has and Node 20 does not. Loaded with
// NODE_OPTIONS=--import ./bench/servers/polyfill.mjs for the PostGraphile server only.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
