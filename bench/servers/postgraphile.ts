import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';
import { makePgService } from 'postgraphile/adaptors/pg';

// PostGraphile 5 with the amber preset over the bench database, as a team would run it: Kabar's
// tables exposed as they are, visibility by row-level security (it connects as kabar_bench_reader),
// and the few SQL functions of bench/postgraphile/functions.sql for what tables alone cannot say
// (article URL, related articles, Terpopuler, search). Needs Promise.withResolvers (Node 22), which
// bench/servers/polyfill.mjs provides on Node 20.
//
//   BENCH_DATABASE_URL=postgres://kabar_bench_reader:…@host/kabar_bench_N PORT=4101 DB_POOL_SIZE=10 \
//   NODE_OPTIONS=--import=./bench/servers/polyfill.mjs node --import tsx bench/servers/postgraphile.ts

const connectionString = process.env.BENCH_DATABASE_URL;
if (!connectionString) throw new Error('BENCH_DATABASE_URL is required');
const port = Number(process.env.PORT ?? 4101);
const poolSize = Number(process.env.DB_POOL_SIZE ?? 10);

const preset: GraphileConfig.Preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [makePgService({ connectionString, schemas: ['public', 'kabar_bench'], poolConfig: { max: poolSize } })],
  grafserv: { port, graphqlPath: '/graphql', graphiql: false, watch: false },
  grafast: { explain: false },
};

async function main(): Promise<void> {
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = createServer();
  server.keepAliveTimeout = 5_000;
  serv.addTo(server);
  // Build the schema before saying we are ready, so the first measured request does not pay for it.
  await pgl.getSchema();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  console.log(`postgraphile ready on ${port}`);
  const stop = () => {
    server.close();
    void Promise.resolve(pgl.release()).finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
