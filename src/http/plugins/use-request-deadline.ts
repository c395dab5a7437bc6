import type { Plugin } from 'graphql-yoga';
import { runInStatementScope, StatementScope } from '../../db/statement-scope';

/**
 * Runs each GraphQL execution in a statement scope (src/db/statement-scope.ts) and cancels its SQL
 * when the client gives up (the request's signal aborts: a closed tab, a timed-out proxy) or when it
 * has run for `deadlineMs`. Cancelled statements fail with 57014, which the error mask answers as
 * `503 TIMEOUT` (for a client that left, nobody reads it).
 */
export function useRequestDeadline(options: { deadlineMs: number }): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const signal = (args.contextValue as { request?: Request }).request?.signal;
      const scope = new StatementScope();
      const onAbort = () => scope.cancel('the client closed the request');
      signal?.addEventListener('abort', onAbort, { once: true });
      if (signal?.aborted) onAbort();
      const deadline =
        options.deadlineMs > 0 ? setTimeout(() => scope.cancel(`the request ran longer than ${options.deadlineMs} ms`), options.deadlineMs) : null;
      deadline?.unref();
      setExecuteFn((executionArgs) => runInStatementScope(scope, () => executeFn(executionArgs)));
      return {
        onExecuteDone() {
          if (deadline) clearTimeout(deadline);
          signal?.removeEventListener('abort', onAbort);
        },
      };
    },
  };
}
