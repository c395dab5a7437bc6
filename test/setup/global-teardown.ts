import pg from 'pg';

export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.KABAR_TEST_ADMIN_URL;
  const template = process.env.KABAR_TEST_TEMPLATE;
  if (adminUrl && template) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      await admin.query(`drop database if exists ${template} with (force)`);
    } finally {
      await admin.end();
    }
  }
  const embedded = (globalThis as Record<string, unknown>).__kabarEmbedded as { stop(): Promise<void> } | undefined;
  await embedded?.stop();
}
