import { decodeGlobalID, resolveOffsetConnection } from '@pothos/plugin-relay';
import { builder } from './builder';
import { ArticleRef, SectionRef, TagRef } from './refs';
import { EditorialArticleRef, StaffRef, StaffRoleEnum, loadEditableArticle, staffLoader } from './editorial';
import { badUserInput } from './errors';
import { changeStaffRole, createStaff, disableStaff, listStaff, resetStaffPassword } from '../editorial/staff';
import { createSection, createTag, setEditorsPicks, updateSection } from '../editorial/taxonomy';
import { createWebhook, listWebhooks, WEBHOOK_EVENTS } from '../editorial/webhooks';
import { listAudit } from '../editorial/audit';
import { PRIVATE } from '../editorial/private-fields';
import type { AuditRow, StaffRow, WebhookRow } from '../editorial/tables';
import type { Context } from '../context';

// Staff, sections, tags, editors' picks, webhooks and the audit log. Admin-only unless said otherwise.

async function actorId(ctx: Context): Promise<number> {
  return (await ctx.editorial.actor())!.id;
}

function staffIdOf(id: string): number {
  const decoded = (() => {
    try {
      return decodeGlobalID(id);
    } catch {
      return null;
    }
  })();
  if (!decoded || decoded.typename !== 'Staff' || !/^\d+$/.test(decoded.id))
    throw badUserInput('"id" must be a Staff id returned by this API.', { field: 'id' });
  return Number(decoded.id);
}

const StaffWithPassword = builder.objectRef<{ staff: StaffRow; password: string }>('StaffWithPassword').implement({
  description: 'A staff account with its generated password, shown only this once.',
  fields: (t) => ({
    staff: t.field({ type: StaffRef, description: 'The account.', resolve: (p) => p.staff }),
    password: t.exposeString('password', { description: 'The generated password; Kabar keeps only its hash.' }),
  }),
});

export const WebhookRef = builder.objectRef<WebhookRow & { freshSecret?: string }>('Webhook').implement({
  description: 'An endpoint that receives change events as signed POSTs (README "Webhooks").',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Webhook id.' }),
    url: t.field({ type: 'URL', description: 'Where deliveries are POSTed.', resolve: (w) => w.url }),
    events: t.exposeStringList('events', { description: 'Event names, or "*" for all.' }),
    secret: t.string({
      nullable: true,
      description: 'The signing secret (HMAC-SHA256), shown only in the createWebhook answer; null afterwards.',
      resolve: (w) => w.freshSecret ?? null,
    }),
    createdAt: t.field({ type: 'DateTime', description: 'When it was registered.', resolve: (w) => w.created_at }),
    disabledAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When it was switched off (disableWebhook); null while it receives deliveries.',
      resolve: (w) => w.disabled_at,
    }),
  }),
});

const AuditEntryRef = builder.objectRef<AuditRow>('AuditEntry').implement({
  description: 'One thing a staff member (or the scheduler) did.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Entry id (grows with time).' }),
    occurredAt: t.field({ type: 'DateTime', description: 'When.', resolve: (r) => r.occurred_at }),
    action: t.exposeString('action', { description: 'E.g. article.published, staff.signed-in, staff.role-changed.' }),
    staff: t.field({
      type: StaffRef,
      nullable: true,
      description: 'Who; null for the scheduler and for unknown e-mails.',
      resolve: (r, _args, ctx) => (r.staff_id === null ? null : staffLoader(ctx).load(r.staff_id)),
    }),
    entityType: t.exposeString('entity_type', { nullable: true, description: 'article, staff, section, tag or webhook.' }),
    entityId: t.exposeString('entity_id', { nullable: true, description: 'Database id of the entity.' }),
    details: t.string({ description: 'Details as JSON.', resolve: (r) => JSON.stringify(r.details) }),
  }),
});

const CreateStaffInput = builder.inputType('CreateStaffInput', {
  description: 'A new staff account; the password is generated.',
  fields: (t) => ({
    email: t.string({ required: true, description: 'Sign-in e-mail.' }),
    name: t.string({ required: true, description: 'Display name and byline.' }),
    role: t.field({ type: StaffRoleEnum, required: true, description: 'Role.' }),
  }),
});

const SectionInput = builder.inputType('SectionInput', {
  description: 'A section (rubrik).',
  fields: (t) => ({
    name: t.string({ description: 'Display name (required to create).' }),
    slug: t.string({ description: 'URL slug (create only; from the name when omitted).' }),
    description: t.string({ description: 'Short description.' }),
    position: t.int({ description: 'Order in navigation.' }),
  }),
});

const CreateWebhookInput = builder.inputType('CreateWebhookInput', {
  description: 'A webhook endpoint.',
  fields: (t) => ({
    url: t.string({ required: true, description: 'https:// URL receiving POSTs.' }),
    events: t.stringList({
      required: true,
      description: `Change event types (${WEBHOOK_EVENTS.filter((e) => e !== '*').join(', ')}), or "*" for all.`,
    }),
  }),
});

const CreateWebhookPayload = builder.objectRef<{ webhook: WebhookRow & { freshSecret?: string } }>('CreateWebhookPayload').implement({
  description: 'The registered webhook, with its secret shown once.',
  fields: (t) => ({ webhook: t.field({ type: WebhookRef, description: 'The webhook.', resolve: (p) => p.webhook }) }),
});

builder.queryFields((t) => ({
  staffMembers: t.field({
    type: [StaffRef],
    description: 'Every staff account (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    resolve: (_root, _args, ctx) => listStaff(ctx.editorial.db),
  }),
  webhooks: t.field({
    type: [WebhookRef],
    description: 'Registered webhooks (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    resolve: (_root, _args, ctx) => listWebhooks(ctx.editorial.db),
  }),
  auditLog: t.connection({
    type: AuditEntryRef,
    description: 'Who did what and when, newest first (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { action: t.arg.string({ description: 'Only this action, e.g. "article.published".' }) },
    resolve: (_root, args, ctx) =>
      resolveOffsetConnection({ args, defaultSize: 50, maxSize: 100 }, async ({ limit, offset }) => {
        const page = await listAudit(ctx.editorial.db, { limit: limit + offset, action: args.action ?? undefined });
        return page.rows.slice(offset, offset + limit);
      }),
  }),
}));

builder.mutationFields((t) => ({
  createStaff: t.field({
    type: StaffWithPassword,
    description: 'Creates a staff account linked to an author profile (created when needed) (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { input: t.arg({ type: CreateStaffInput, required: true }) },
    resolve: async (_root, args, ctx) => createStaff(ctx.editorial.db, args.input, await actorId(ctx)),
  }),
  setStaffRole: t.field({
    type: StaffRef,
    description: "Changes a staff member's role (admins).",
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: {
      id: t.arg.id({ required: true, description: 'Staff id.' }),
      role: t.arg({ type: StaffRoleEnum, required: true, description: 'The new role.' }),
    },
    resolve: async (_root, args, ctx) => changeStaffRole(ctx.editorial.db, staffIdOf(String(args.id)), args.role, await actorId(ctx)),
  }),
  disableStaff: t.field({
    type: StaffRef,
    description: 'Disables an account and ends its sessions at once (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { email: t.arg.string({ required: true, description: "The account's e-mail." }) },
    resolve: async (_root, args, ctx) => disableStaff(ctx.editorial.db, args.email, await actorId(ctx)),
  }),
  resetStaffPassword: t.field({
    type: StaffWithPassword,
    description: 'Generates a new password (shown once), ends old sessions and re-enables the account (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { email: t.arg.string({ required: true, description: "The account's e-mail." }) },
    resolve: async (_root, args, ctx) => resetStaffPassword(ctx.editorial.db, args.email, await actorId(ctx)),
  }),
  createSection: t.field({
    type: SectionRef,
    description: 'Adds a section (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { input: t.arg({ type: SectionInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const section = await createSection(ctx.editorial.db, args.input, await actorId(ctx));
      await ctx.editorial.changed();
      return section;
    },
  }),
  updateSection: t.field({
    type: SectionRef,
    description: 'Renames, describes or reorders a section; its slug stays (admins).',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { slug: t.arg.string({ required: true, description: "The section's slug." }), input: t.arg({ type: SectionInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const section = await updateSection(ctx.editorial.db, args.slug, args.input, await actorId(ctx));
      await ctx.editorial.changed();
      return section;
    },
  }),
  createTag: t.field({
    type: TagRef,
    description: 'Adds a tag, or returns the existing one of that name (editors and up).',
    authScopes: { editor: true },
    extensions: PRIVATE,
    args: { name: t.arg.string({ required: true, description: 'Tag name.' }) },
    resolve: async (_root, args, ctx) => {
      const tag = await createTag(ctx.editorial.db, args.name, await actorId(ctx));
      await ctx.editorial.changed();
      return tag;
    },
  }),
  setEditorsPicks: t.field({
    type: EditorialArticleRef,
    description: "Sets the editors' picks of an article: shown first in its Artikel Terkait, in this order (editors and up).",
    authScopes: { editor: true },
    extensions: PRIVATE,
    args: {
      id: t.arg.globalID({ required: true, for: ArticleRef, description: 'The article.' }),
      relatedIds: t.arg.globalIDList({ required: true, for: ArticleRef, description: 'Articles to show, in order (at most 10).' }),
    },
    resolve: async (_root, args, ctx) => {
      await setEditorsPicks(
        ctx.editorial.db,
        args.id.id,
        args.relatedIds.map((r) => r.id),
        await actorId(ctx),
      );
      await ctx.editorial.changed();
      return (await loadEditableArticle(ctx, args.id.id))!;
    },
  }),
  createWebhook: t.field({
    type: CreateWebhookPayload,
    description: 'Registers a webhook endpoint; the secret is shown once (admins). It receives the events committed after this.',
    authScopes: { admin: true },
    extensions: PRIVATE,
    args: { input: t.arg({ type: CreateWebhookInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const row = await createWebhook(
        ctx.editorial.db,
        args.input,
        await actorId(ctx),
        ctx.config.production,
        ctx.config.webhooks.allowPrivateAddresses,
      );
      return { webhook: { ...row, freshSecret: row.secret } };
    },
  }),
}));
