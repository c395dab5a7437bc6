import { sql } from 'kysely';
import type { Config } from '../config';
import type { Db } from './database';

// The connection budget (README "Connection budget"). Each process opens at most:
//   primary:  DB_POOL_SIZE (requests, view flushes, jobs — a job holds one for its claim while it
//             runs) + 1 LISTEN connection + 2 for migrations and the demo seed, during start-up only;
//   each replica: DB_REPLICA_POOL_SIZE.
// pg's pools never open more than their `max`. At start-up the primary's max_connections (less the
// superuser reserve) is compared with FLEET_SIZE × the per-process figure, and a warning names the
// shortfall; so are the replicas' (a replica's max_connections must be at least the primary's).

/** Connections opened by the migrations' pool during start-up, then closed. */
export const MAINTENANCE_POOL_SIZE = 2;
/** The one LISTEN connection (DATABASE_LISTEN_URL). */
export const LISTEN_CONNECTIONS = 1;

export interface ConnectionBudget {
  primaryPerProcess: number;
  replicaPerProcess: number;
  primaryFleet: number;
  replicaFleet: number;
}

export function connectionBudget(config: Config): ConnectionBudget {
  const primaryPerProcess = config.dbPoolSize + LISTEN_CONNECTIONS + MAINTENANCE_POOL_SIZE;
  const replicaPerProcess = config.fleet.replicaUrls.length > 0 ? config.fleet.replicaPoolSize : 0;
  return {
    primaryPerProcess,
    replicaPerProcess,
    primaryFleet: primaryPerProcess * config.fleet.fleetSize,
    replicaFleet: replicaPerProcess * config.fleet.fleetSize,
  };
}

/** max_connections less superuser_reserved_connections: what non-superuser clients can open. */
export async function serverConnectionLimit(db: Db): Promise<number> {
  const result = await sql<{ available: number }>`
    select current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int as available`.execute(db);
  return result.rows[0]!.available;
}

/** Warns when the fleet's pools could exceed a server's connection limit; returns the warnings. */
export async function checkConnectionBudget(
  config: Config,
  primary: Db,
  replicas: ReadonlyArray<{ url: string; db: Db }>,
  log: (message: string) => void,
): Promise<string[]> {
  const budget = connectionBudget(config);
  const warnings: string[] = [];
  const check = async (what: string, db: Db, needed: number, perProcess: number) => {
    try {
      const available = await serverConnectionLimit(db);
      if (needed > available) {
        warnings.push(
          `[budget] ${what}: FLEET_SIZE ${config.fleet.fleetSize} × ${perProcess} connections per process = ${needed}, more than its max_connections less superuser_reserved_connections (${available}); lower DB_POOL_SIZE/DB_REPLICA_POOL_SIZE, raise max_connections or put PgBouncer in front`,
        );
      }
    } catch (error) {
      log(`[budget] cannot read ${what}'s max_connections: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  await check('the primary', primary, budget.primaryFleet, budget.primaryPerProcess);
  for (const replica of replicas) await check(`replica ${replica.url}`, replica.db, budget.replicaFleet, budget.replicaPerProcess);
  for (const warning of warnings) log(warning);
  return warnings;
}
