import DataLoader from 'dataloader';
import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { builder } from './builder';
import { badUserInput } from './errors';
import { WebhookRef } from './editorial-admin';
import { notFound } from '../editorial/errors';
import { PRIVATE } from '../editorial/private-fields';
import { attemptsOf, findWebhook, listDeliveries, redeliver, redeliverFailed, setWebhookDisabled } from '../events/webhook-deliveries';
import { webhookDb, type DeliveryAttemptRow, type DeliveryRow } from '../events/webhook-tables';
import type { Context } from '../context';

// Webhook delivery for admins: the delivery log with each attempt, redelivery of one or all failed
// deliveries, and switching a webhook off and on. Registration is in ./editorial-admin.ts.

const DeliveryStatusEnum = builder.enumType('WebhookDeliveryStatus', {
  description: 'Where a webhook delivery is.',
  values: {
    PENDING: { value: 'pending' as const, description: 'Waiting for its first attempt or for a retry (nextAttemptAt).' },
    DELIVERING: { value: 'delivering' as const, description: 'Being sent right now.' },
    SUCCEEDED: { value: 'succeeded' as const, description: 'The endpoint answered 2xx.' },
    DEAD: { value: 'dead' as const, description: 'Still failing when the retry window ended: dead-lettered; redeliver to try again.' },
  },
});

const AttemptRef = builder.objectRef<DeliveryAttemptRow>('WebhookDeliveryAttempt').implement({
  description: 'One POST of a delivery.',
  fields: (t) => ({
    attempt: t.exposeInt('attempt', { description: 'Attempt number, from 1.' }),
    startedAt: t.field({ type: 'DateTime', description: 'When the POST started.', resolve: (a) => a.started_at }),
    durationMs: t.exposeInt('duration_ms', { description: 'Milliseconds until the answer, the failure or the timeout.' }),
    statusCode: t.exposeInt('status_code', {
      nullable: true,
      description: 'HTTP status of the answer; null when none came (timeout, refused, network error).',
    }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed; null when it succeeded.' }),
    succeeded: t.exposeBoolean('succeeded', { description: 'Whether the endpoint answered 2xx.' }),
  }),
});

const attemptLoaders = new WeakMap<Context, DataLoader<number, DeliveryAttemptRow[]>>();

/** The attempts of every delivery on a page, in one statement (per request). */
function attemptsLoader(ctx: Context): DataLoader<number, DeliveryAttemptRow[]> {
  let loader = attemptLoaders.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const grouped = await attemptsOf(webhookDb(ctx.db), ids);
      return ids.map((id) => grouped.get(id) ?? []);
    });
    attemptLoaders.set(ctx, loader);
  }
  return loader;
}

const DeliveryRef = builder.objectRef<DeliveryRow>('WebhookDelivery').implement({
  description: 'One change event on its way to one webhook, with every attempt.',
  fields: (t) => ({
    id: t.exposeID('delivery_id', { description: 'The X-Kabar-Delivery header: the same on every attempt and redelivery.' }),
    webhookId: t.exposeID('webhook_id', { description: 'The webhook it goes to.' }),
    eventId: t.exposeID('event_id', { description: 'The change event (the "id" of the body).' }),
    eventType: t.exposeString('event_type', { description: 'The change event type, e.g. article.published.' }),
    status: t.field({ type: DeliveryStatusEnum, description: 'Where it is.', resolve: (d) => d.status }),
    attempts: t.exposeInt('attempts', { description: 'Attempts started so far.' }),
    nextAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the next attempt is due (pending deliveries only).',
      resolve: (d) => (d.status === 'pending' ? d.next_attempt_at : null),
    }),
    lastStatusCode: t.exposeInt('last_status_code', { nullable: true, description: 'HTTP status of the last answer.' }),
    lastError: t.exposeString('last_error', { nullable: true, description: 'Why the last attempt failed.' }),
    createdAt: t.field({ type: 'DateTime', description: 'When the event was fanned out to this webhook.', resolve: (d) => d.created_at }),
    deliveredAt: t.field({ type: 'DateTime', nullable: true, description: 'When the endpoint took it (2xx).', resolve: (d) => d.delivered_at }),
    payload: t.string({
      description: 'The JSON body sent (its article part is redacted once the article is no longer public).',
      resolve: (d) => JSON.stringify(d.payload),
    }),
    attemptLog: t.field({
      type: [AttemptRef],
      description: 'Every attempt, oldest first.',
      resolve: (d, _args, ctx) => attemptsLoader(ctx).load(d.id),
    }),
  }),
});

function webhookIdOf(value: string | number): number {
  const text = String(value);
  if (!/^\d{1,9}$/.test(text)) throw badUserInput('"webhookId" must be the id of a webhook (see the webhooks query).', { field: 'webhookId' });
  return Number(text);
}

async function actorId(ctx: Context): Promise<number> {
  return (await ctx.editorial.actor())!.id;
}

const CURSOR_PREFIX = 'delivery:';

function deliveryCursor(id: number): string {
  return Buffer.from(`${CURSOR_PREFIX}${id}`).toString('base64url');
}

function deliveryIdOfCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const digits = text.slice(CURSOR_PREFIX.length);
  if (!text.startsWith(CURSOR_PREFIX) || !/^\d{1,15}$/.test(digits))
    throw badUserInput('"after" must be a cursor from this connection.', { field: 'after' });
  return Number(digits);
}

builder.queryFields((t) => ({
  webhookDeliveries: t.connection({
    type: DeliveryRef,
    description: "A webhook's delivery log, newest first (admins). Pages forward only (first/after).",
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: {
      webhookId: t.arg.id({ required: true, description: 'The webhook.' }),
      status: t.arg({ type: DeliveryStatusEnum, description: 'Only deliveries in this state.' }),
    },
    resolve: async (_root, args, ctx) => {
      const webhookId = webhookIdOf(args.webhookId);
      if (args.last != null || args.before != null)
        throw badUserInput('webhookDeliveries pages forward only: use first and after.', { field: 'last' });
      if (!(await findWebhook(webhookDb(ctx.db), webhookId))) throw notFound(`There is no webhook ${webhookId}.`);
      const beforeId = args.after ? deliveryIdOfCursor(args.after) : undefined;
      const page = (params: ResolveCursorConnectionArgs): Promise<DeliveryRow[]> =>
        listDeliveries(webhookDb(ctx.db), webhookId, { status: args.status ?? undefined, beforeId, limit: params.limit });
      return resolveCursorConnection({ args, defaultSize: 20, maxSize: 100, toCursor: (d) => deliveryCursor(d.id) }, page);
    },
  }),
}));

builder.mutationFields((t) => ({
  redeliverWebhookDelivery: t.field({
    type: DeliveryRef,
    description: 'Sends a delivery again, now, with the same X-Kabar-Delivery id and a fresh retry window (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { id: t.arg.id({ required: true, description: 'The delivery id (X-Kabar-Delivery).' }) },
    resolve: async (_root, args, ctx) => {
      const row = await redeliver(webhookDb(ctx.db), String(args.id), await actorId(ctx));
      if (!row) throw notFound(`There is no webhook delivery "${String(args.id)}".`);
      return row;
    },
  }),
  redeliverFailedWebhookDeliveries: t.int({
    description: "Sends a webhook's failed deliveries (dead-lettered or waiting for a retry) again, now; returns how many (admins).",
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { webhookId: t.arg.id({ required: true, description: 'The webhook.' }) },
    resolve: async (_root, args, ctx) => {
      const webhookId = webhookIdOf(args.webhookId);
      if (!(await findWebhook(webhookDb(ctx.db), webhookId))) throw notFound(`There is no webhook ${webhookId}.`);
      return redeliverFailed(webhookDb(ctx.db), webhookId, await actorId(ctx));
    },
  }),
  disableWebhook: t.field({
    type: WebhookRef,
    description: 'Stops deliveries to a webhook; waiting ones are kept, new events are not delivered to it (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { id: t.arg.id({ required: true, description: 'The webhook.' }) },
    resolve: async (_root, args, ctx) => {
      const row = await setWebhookDisabled(webhookDb(ctx.db), webhookIdOf(args.id), true, await actorId(ctx));
      if (!row) throw notFound(`There is no webhook ${String(args.id)}.`);
      return row;
    },
  }),
  enableWebhook: t.field({
    type: WebhookRef,
    description: 'Resumes deliveries to a webhook: waiting ones go out, then events from now on (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { id: t.arg.id({ required: true, description: 'The webhook.' }) },
    resolve: async (_root, args, ctx) => {
      const row = await setWebhookDisabled(webhookDb(ctx.db), webhookIdOf(args.id), false, await actorId(ctx));
      if (!row) throw notFound(`There is no webhook ${String(args.id)}.`);
      return row;
    },
  }),
}));
