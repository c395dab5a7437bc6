import type { ArticleStatus, StaffRole } from '../gql/graphql';

// The newsroom's Indonesian words for the API's enums.

export const STATUS_LABELS: Record<ArticleStatus, string> = {
  DRAFT: 'Draf',
  SCHEDULED: 'Terjadwal',
  PUBLISHED: 'Terbit',
  ARCHIVED: 'Diarsipkan',
};

export const ROLE_LABELS: Record<StaffRole, string> = {
  WRITER: 'Penulis',
  EDITOR: 'Editor',
  ADMIN: 'Admin',
  MODERATOR: 'Moderator',
};

/** What kind of change a revision records. */
export const REVISION_KINDS: Record<string, string> = {
  create: 'Dibuat',
  save: 'Disimpan',
  publish: 'Diterbitkan',
  schedule: 'Dijadwalkan',
  unpublish: 'Ditarik',
  restore: 'Dipulihkan',
  'scheduled-publish': 'Terbit terjadwal',
};
