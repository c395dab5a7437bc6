import { AsyncLocalStorage } from 'node:async_hooks';
import net from 'node:net';
import type pg from 'pg';

// A request whose client has gone away (or whose deadline passed) should not keep PostgreSQL busy:
// the statements it has running are cancelled, and it starts no new ones. The pool does not know
// which request a connection serves, so a request's work runs inside a scope (AsyncLocalStorage,
// entered around GraphQL execution by src/http/plugins/use-request-deadline.ts), and the pool's
// checkout (src/db/database.ts) records each connection in the scope of whoever took it.
//
// Cancelling uses PostgreSQL's cancel protocol (a CancelRequest with the backend's key on a
// connection of its own, as psql's Ctrl-C does), so it works even when the pool has no free
// connection. A cancel could, in principle, arrive after its statement finished and hit the next
// one on that connection; so a connection that was cancelled is closed, not returned to the pool.

export class StatementScope {
  private readonly connections = new Set<pg.PoolClient>();
  private reason: string | null = null;

  /** Why this scope's statements are being cancelled, once they are. */
  get cancelled(): string | null {
    return this.reason;
  }

  /** Cancels every statement running in this scope and refuses new checkouts. */
  cancel(reason: string): void {
    if (this.reason !== null) return;
    this.reason = reason;
    for (const connection of this.connections) void sendCancelRequest(connection);
  }

  /** Called by the pool's checkout; returns what release must do. */
  track(connection: pg.PoolClient): () => boolean {
    this.connections.add(connection);
    return () => {
      this.connections.delete(connection);
      // True: close the connection instead of reusing it (a cancel may be on its way to it).
      return this.reason !== null;
    };
  }
}

const scopes = new AsyncLocalStorage<StatementScope>();

export function runInStatementScope<T>(scope: StatementScope, work: () => T): T {
  return scopes.run(scope, work);
}

export function currentStatementScope(): StatementScope | undefined {
  return scopes.getStore();
}

/** The error of a checkout after its request was cancelled: nothing more is started for it. */
export class StatementsCancelledError extends Error {
  readonly code = '57014';
  constructor(reason: string) {
    super(`canceling statement: ${reason}`);
  }
}

interface BackendKey {
  processID: number | null;
  secretKey: number | null;
  host?: string;
  port?: number;
}

/** Sends PostgreSQL's CancelRequest for the statement running on `connection`. */
function sendCancelRequest(connection: pg.PoolClient): Promise<void> {
  const { processID, secretKey, host, port } = connection as unknown as BackendKey;
  if (processID == null || secretKey == null || !port) return Promise.resolve();
  return new Promise((resolve) => {
    const socket = host?.startsWith('/') ? net.connect(`${host}/.s.PGSQL.${port}`) : net.connect(port, host ?? 'localhost');
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve();
    };
    const timer = setTimeout(done, 2_000);
    timer.unref();
    socket.once('connect', () => {
      const message = Buffer.alloc(16);
      message.writeInt32BE(16, 0);
      message.writeInt32BE(80_877_102, 4);
      message.writeInt32BE(processID, 8);
      message.writeInt32BE(secretKey, 12);
      socket.end(message);
    });
    socket.once('close', done);
    socket.once('error', done);
  });
}
