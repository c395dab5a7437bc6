import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { migrateToLatest } from '../db/migrate';
import { openCliDatabase, runCommand } from './command';
import { createWebhook, listWebhooks, WEBHOOK_EVENTS } from '../editorial/webhooks';
import { editorialDb } from '../editorial/tables';
import { deliveryCounts, findWebhook, listDeliveries, redeliver, redeliverFailed, setWebhookDisabled } from '../events/webhook-deliveries';
import { DELIVERY_STATUSES, webhookDb, type DeliveryStatus } from '../events/webhook-tables';

// `npm run webhooks -- list | add <url> --events a,b | deliveries <webhookId> | redeliver
// <deliveryId> | redeliver --failed <webhookId> | disable <id> | enable <id>`: the same as the admin
// mutations, for operators. `add` prints the signing secret once, on a line of its own
// ("secret: …"). Running Kabar processes pick up redeliveries within WEBHOOK_POLL_INTERVAL_MS.

const USAGE = `Usage:
  npm run webhooks -- list                              webhooks with their deliveries by status
  npm run webhooks -- add <url> --events <a,b,…>        register an endpoint; prints its secret once
                                                        events: ${WEBHOOK_EVENTS.join(', ')}
  npm run webhooks -- deliveries <webhookId> [--status ${DELIVERY_STATUSES.join('|')}] [--limit <n>]
                                                        the delivery log, newest first
  npm run webhooks -- redeliver <deliveryId>            send one delivery again (same X-Kabar-Delivery id)
  npm run webhooks -- redeliver --failed <webhookId>    send every failed delivery of a webhook again
  npm run webhooks -- disable <webhookId>               stop deliveries (waiting ones are kept)
  npm run webhooks -- enable <webhookId>                resume deliveries`;

const COMMANDS = ['list', 'add', 'deliveries', 'redeliver', 'disable', 'enable'];

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { events: { type: 'string' }, status: { type: 'string' }, limit: { type: 'string' }, failed: { type: 'string' } },
  });
  const [command, target] = positionals;
  const usage = (problem?: string) => {
    console.error(problem ? `${problem}\n\n${USAGE}` : USAGE);
    return 2;
  };
  if (!command || !COMMANDS.includes(command)) return usage();
  if (command === 'add' && (!target || !values.events)) return usage('"add" needs a URL and --events.');
  if (command === 'redeliver' && !target && !values.failed) return usage('"redeliver" needs a delivery id, or --failed <webhookId>.');
  if (['deliveries', 'disable', 'enable'].includes(command) && !/^\d+$/.test(target ?? ''))
    return usage(`"${command}" needs a webhook id (see "list").`);
  if (values.failed !== undefined && !/^\d+$/.test(values.failed)) return usage('--failed needs a webhook id (see "list").');
  if (values.status !== undefined && !(DELIVERY_STATUSES as readonly string[]).includes(values.status)) {
    return usage(`--status must be one of ${DELIVERY_STATUSES.join(', ')}.`);
  }
  const limit = values.limit === undefined ? 20 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) return usage('--limit must be a whole number from 1 to 1000.');

  const config = loadConfig();
  const database = await openCliDatabase(config);
  try {
    await migrateToLatest(database.db);
    const db = webhookDb(database.db);
    if (command === 'list') {
      const [hooks, counts] = await Promise.all([listWebhooks(editorialDb(database.db)), deliveryCounts(db)]);
      if (hooks.length === 0) console.log('No webhooks yet. Register one with: npm run webhooks -- add <url> --events article.published');
      for (const w of hooks) {
        const c = counts.get(w.id) ?? { pending: 0, delivering: 0, succeeded: 0, dead: 0 };
        const state = w.disabled_at ? `disabled ${w.disabled_at.toISOString()}` : 'active';
        console.log(
          `${w.id}\t${w.url}\t${w.events.join(',')}\t${state}\tpending ${c.pending + c.delivering}, succeeded ${c.succeeded}, dead ${c.dead}`,
        );
      }
    } else if (command === 'add') {
      const events = values
        .events!.split(',')
        .map((e) => e.trim())
        .filter(Boolean);
      const row = await createWebhook(
        editorialDb(database.db),
        { url: target!, events },
        null,
        config.production,
        config.webhooks.allowPrivateAddresses,
      );
      console.log(`Registered webhook ${row.id} for ${row.url} (${row.events.join(', ')}). Its signing secret is shown only this once:`);
      console.log(`secret: ${row.secret}`);
    } else if (command === 'deliveries') {
      const webhookId = Number(target);
      if (!(await findWebhook(db, webhookId))) {
        console.error(`There is no webhook ${webhookId}. See them with: npm run webhooks -- list`);
        return 1;
      }
      const rows = await listDeliveries(db, webhookId, { status: values.status as DeliveryStatus | undefined, limit });
      if (rows.length === 0) console.log('No deliveries.');
      for (const d of rows) {
        const outcome = d.last_error ?? (d.last_status_code === null ? '' : `HTTP ${d.last_status_code}`);
        const when = d.status === 'pending' ? `next ${d.next_attempt_at.toISOString()}` : (d.delivered_at?.toISOString() ?? '');
        console.log(
          `${d.delivery_id}\t${d.status}\t${d.event_type}\tevent ${d.event_id}\tattempts ${d.attempts}\t${d.created_at.toISOString()}\t${when}\t${outcome}`,
        );
      }
    } else if (command === 'redeliver') {
      if (values.failed !== undefined) {
        const webhookId = Number(values.failed);
        if (!(await findWebhook(db, webhookId))) {
          console.error(`There is no webhook ${webhookId}. See them with: npm run webhooks -- list`);
          return 1;
        }
        const count = await redeliverFailed(db, webhookId, null);
        console.log(`${count} failed deliver${count === 1 ? 'y' : 'ies'} of webhook ${webhookId} will be sent again now.`);
      } else {
        const row = await redeliver(db, target!, null);
        if (!row) {
          console.error(`There is no delivery "${target}". Delivery ids are the X-Kabar-Delivery values shown by "deliveries".`);
          return 1;
        }
        console.log(`Delivery ${row.delivery_id} (${row.event_type}) will be sent again now.`);
      }
    } else {
      const row = await setWebhookDisabled(db, Number(target), command === 'disable', null);
      if (!row) {
        console.error(`There is no webhook ${target}. See them with: npm run webhooks -- list`);
        return 1;
      }
      console.log(command === 'disable' ? `Webhook ${row.id} is disabled; waiting deliveries are kept.` : `Webhook ${row.id} is enabled again.`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(() => main(process.argv.slice(2)));
