import type { Migration, MigrationProvider } from 'kysely';
import * as content from './2026-11-25T10-00-00_content';
import * as related from './2026-11-25T11-00-00_related';
import * as partnerKeys from './2026-11-25T14-00-00_partner_keys';
import * as search from './2026-11-25T16-00-00_search';
import * as importHash from './2026-11-25T16-00-01_import';
import * as contentNotify from './2026-11-25T18-00-00_content_notify';
import * as searchQuery from './2026-11-25T19-00-00_search_query';
import * as editorial from './2026-12-01T22-00-00_editorial';
import * as partnerQuotas from './2026-12-02T09-00-00_partner_quotas';
import * as comments from './2026-12-02T10-00-00_comments';
import * as importIdentity from './2026-12-02T12-00-00_import_identity_old_paths';
import * as searchRanking from './2026-12-02T13-00-00_search_ranking';
import * as changeLog from './2026-12-07T10-00-00_change_log';
import * as liveBlogs from './2026-12-07T11-00-00_live_blogs';
import * as webhookDeliveries from './2026-12-07T12-00-00_webhook_deliveries';
import * as fleet from './2026-12-07T13-00-00_fleet';
import * as jobLeases from './2026-12-07T14-00-00_job_leases';
import * as webhookFairness from './2026-12-07T15-00-00_webhook_fairness';

// Migrations are listed statically rather than read from the folder at run time, so the same
// list works under ts-jest, tsx and the compiled build. Names sort by timestamp; add new ones below.
const migrations: Record<string, Migration> = {
  '2026-11-25T10-00-00_content': content,
  '2026-11-25T11-00-00_related': related,
  '2026-11-25T14-00-00_partner_keys': partnerKeys,
  '2026-11-25T16-00-00_search': search,
  '2026-11-25T16-00-01_import': importHash,
  '2026-11-25T18-00-00_content_notify': contentNotify,
  '2026-11-25T19-00-00_search_query': searchQuery,
  '2026-12-01T22-00-00_editorial': editorial,
  '2026-12-02T09-00-00_partner_quotas': partnerQuotas,
  '2026-12-02T10-00-00_comments': comments,
  '2026-12-02T12-00-00_import_identity_old_paths': importIdentity,
  '2026-12-02T13-00-00_search_ranking': searchRanking,
  '2026-12-07T10-00-00_change_log': changeLog,
  '2026-12-07T11-00-00_live_blogs': liveBlogs,
  '2026-12-07T12-00-00_webhook_deliveries': webhookDeliveries,
  '2026-12-07T13-00-00_fleet': fleet,
  '2026-12-07T14-00-00_job_leases': jobLeases,
  '2026-12-07T15-00-00_webhook_fairness': webhookFairness,
};

export const staticMigrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
