import type { Config } from '../config';
import type { ContentGeneration } from '../cache/generation';
import type { ChangeFeed } from '../events/change-feed';
import { actorOfToken } from './sessions';
import { editorialDb, type EditorialDb } from './tables';
import type { Actor } from './policy';

// The writing side's part of a request's context: who is signed in (looked up once, and only when
// a field asks), the client address for the sign-in throttle, and a hook that starts a new cache
// generation in this process after a committed write (other processes hear the NOTIFY).

export interface EditorialRequest {
  db: EditorialDb;
  settings: Config['editorial'];
  /** The bearer token sent, if any (not checked yet). */
  token: string | null;
  client: string | null;
  actor(): Promise<Actor | null>;
  /** The actor once actor() has resolved (scope-auth's error builder is synchronous). */
  knownActor(): Actor | null;
  /**
   * Call after a committed content write: resolves once this process's caches have applied it
   * (the change feed has read the write's events), so the writer's next read cannot be stale.
   */
  changed(): Promise<void>;
}

export function bearerToken(request: Request | undefined): string | null {
  const header = request?.headers.get('authorization');
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header.trim()) : null;
  return match ? match[1]! : null;
}

export function createEditorialRequest(
  deps: { db: unknown; config: Config; generation?: ContentGeneration; changes?: ChangeFeed },
  request: Request | undefined,
  /** The client's address (src/http/client-address.ts), null for in-process calls. */
  client: string | null,
): EditorialRequest {
  const db = editorialDb(deps.db as EditorialDb);
  const token = bearerToken(request);
  let actor: Promise<Actor | null> | null = null;
  let known: Actor | null = null;
  return {
    db,
    settings: deps.config.editorial,
    token,
    client,
    actor() {
      actor ??= (token ? actorOfToken(db, token) : Promise.resolve(null)).then((found) => (known = found));
      return actor;
    },
    knownActor: () => known,
    async changed() {
      if (deps.changes) await deps.changes.catchUp();
      else deps.generation?.invalidate('editorial write');
    },
  };
}
