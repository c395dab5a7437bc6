import { sql } from 'kysely';
import { useTestDatabase } from './helpers/app';
import { insertArticle } from './helpers/fixtures';
import { createDatabase } from '../src/db/database';
import { ChangeFeed } from '../src/events/change-feed';
import {
  decodeChangeCursor,
  encodeChangeCursor,
  latestChangeId,
  pruneChangeEvents,
  readChangesAfter,
  type ChangeEvent,
} from '../src/events/change-log';
import { publishDueArticles } from '../src/editorial/scheduler';
import { editorialDb } from '../src/editorial/tables';
import { commentsDb } from '../src/comments/tables';

// The change log (issue 13): what the triggers record for each kind of write, in commit order.

const database = useTestDatabase({ poolSize: 6 });

async function eventsDuring(work: () => Promise<unknown>): Promise<Pick<ChangeEvent, 'type' | 'articleId' | 'entityId'>[]> {
  const before = await latestChangeId(database.db);
  await work();
  return (await readChangesAfter(database.db, before, 1_000)).map(({ type, articleId, entityId }) => ({ type, articleId, entityId }));
}

describe('what the triggers record', () => {
  it('publications, schedules, edits and take-downs of articles; nothing for drafts or background columns', async () => {
    let published = { id: 0, slug: '' };
    expect(await eventsDuring(async () => (published = await insertArticle(database.db, { title: 'Terbit' })))).toEqual([
      { type: 'article.published', articleId: published.id, entityId: published.id },
    ]);
    let scheduled = { id: 0, slug: '' };
    expect(
      await eventsDuring(
        async () => (scheduled = await insertArticle(database.db, { status: 'scheduled', published_at: new Date(Date.now() + 3_600_000) })),
      ),
    ).toEqual([{ type: 'article.scheduled', articleId: scheduled.id, entityId: scheduled.id }]);
    expect(await eventsDuring(() => insertArticle(database.db, { status: 'draft', published_at: null }))).toEqual([]);

    expect(
      await eventsDuring(() => database.db.updateTable('articles').set({ title: 'Terbit, disunting' }).where('id', '=', published.id).execute()),
    ).toEqual([{ type: 'article.updated', articleId: published.id, entityId: published.id }]);
    // The related refresh and a no-op write are not changes a reader can see.
    expect(
      await eventsDuring(async () => {
        await database.db.updateTable('articles').set({ related_computed_at: new Date() }).where('id', '=', published.id).execute();
        await sql`update articles set title = title where id = ${published.id}`.execute(database.db);
      }),
    ).toEqual([]);

    // The scheduled one falls due and the scheduler sends it out.
    await database.db
      .updateTable('articles')
      .set({ published_at: new Date(Date.now() - 1_000) })
      .where('id', '=', scheduled.id)
      .execute();
    expect(await eventsDuring(() => publishDueArticles(editorialDb(database.db)))).toContainEqual({
      type: 'article.published',
      articleId: scheduled.id,
      entityId: scheduled.id,
    });

    expect(
      await eventsDuring(() => database.db.updateTable('articles').set({ status: 'archived' }).where('id', '=', published.id).execute()),
    ).toEqual([{ type: 'article.withdrawn', articleId: published.id, entityId: published.id }]);
    expect(await eventsDuring(() => database.db.deleteFrom('articles').where('id', '=', scheduled.id).execute())).toEqual([
      { type: 'article.withdrawn', articleId: scheduled.id, entityId: scheduled.id },
    ]);
  });

  it('one "article.updated" for a save of an article and its tags, and one for a tag added later', async () => {
    const article = await insertArticle(database.db);
    const tag = await database.db
      .insertInto('tags')
      .values({ slug: `uji-log-${Date.now()}`, name: 'Uji log' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const together = await eventsDuring(() =>
      database.db.transaction().execute(async (trx) => {
        await trx.updateTable('articles').set({ subtitle: 'Baru' }).where('id', '=', article.id).execute();
        await trx.insertInto('article_tags').values({ article_id: article.id, tag_id: tag.id }).execute();
      }),
    );
    expect(together).toEqual([{ type: 'article.updated', articleId: article.id, entityId: article.id }]);
    const later = await eventsDuring(() => database.db.deleteFrom('article_tags').where('article_id', '=', article.id).execute());
    expect(later).toEqual([{ type: 'article.updated', articleId: article.id, entityId: article.id }]);
    expect(
      (await eventsDuring(() => database.db.updateTable('tags').set({ name: 'Uji log 2' }).where('id', '=', tag.id).execute()))[0],
    ).toMatchObject({
      type: 'tag.changed',
      entityId: tag.id,
    });
  });

  it('comments as readers see them: published, and removed', async () => {
    const article = await insertArticle(database.db);
    const values = {
      article_id: article.id,
      author_name: 'Pembaca',
      author_email: 'pembaca@contoh.id',
      body: 'Setuju.',
      body_hash: `h${Date.now()}`,
    };
    let held = { id: 0 };
    expect(
      await eventsDuring(
        async () =>
          (held = await commentsDb(database.db)
            .insertInto('comments')
            .values({ ...values, status: 'pending' })
            .returning('id')
            .executeTakeFirstOrThrow()),
      ),
    ).toEqual([]);
    expect(
      await eventsDuring(() => commentsDb(database.db).updateTable('comments').set({ status: 'published' }).where('id', '=', held.id).execute()),
    ).toEqual([{ type: 'comment.published', articleId: article.id, entityId: held.id }]);
    expect(
      await eventsDuring(() => commentsDb(database.db).updateTable('comments').set({ status: 'rejected' }).where('id', '=', held.id).execute()),
    ).toEqual([{ type: 'comment.removed', articleId: article.id, entityId: held.id }]);
  });
});

describe('order', () => {
  it('hands out ids in commit order: a writer that commits later gets a later id', async () => {
    const [first, second] = [await insertArticle(database.db), await insertArticle(database.db)];
    const other = createDatabase({ connectionString: database.connectionString, poolSize: 1 });
    try {
      const before = await latestChangeId(database.db);
      let releaseFirst!: () => void;
      const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
      let firstWrote!: () => void;
      const firstHasWritten = new Promise<void>((resolve) => (firstWrote = resolve));
      const firstTx = database.db.transaction().execute(async (trx) => {
        await trx.updateTable('articles').set({ title: 'Pertama menulis' }).where('id', '=', first.id).execute();
        firstWrote();
        await firstHolds;
      });
      await firstHasWritten;
      // The second writer starts after the first wrote, and commits first if it can.
      let secondDone = false;
      const secondTx = other
        .updateTable('articles')
        .set({ title: 'Kedua menulis' })
        .where('id', '=', second.id)
        .execute()
        .then(() => (secondDone = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      // It waits for the first to commit: otherwise its smaller-or-larger id could be read before
      // the first's, and a reader past it would never see the first's event.
      expect(secondDone).toBe(false);
      releaseFirst();
      await Promise.all([firstTx, secondTx]);
      const events = await readChangesAfter(database.db, before, 10);
      expect(events.map((e) => e.articleId)).toEqual([first.id, second.id]);
    } finally {
      await other.destroy();
    }
  });
});

describe('background writes', () => {
  it('take no part in the order: a related refresh in progress holds up no writer', async () => {
    const article = await insertArticle(database.db);
    const other = createDatabase({ connectionString: database.connectionString, poolSize: 1 });
    try {
      let release!: () => void;
      const holding = new Promise<void>((resolve) => (release = resolve));
      let refreshed!: () => void;
      const hasRefreshed = new Promise<void>((resolve) => (refreshed = resolve));
      const refresh = database.db.transaction().execute(async (trx) => {
        await trx.updateTable('articles').set({ related_computed_at: new Date() }).where('id', '=', article.id).execute();
        refreshed();
        await holding;
      });
      await hasRefreshed;
      // Would wait for the refresh's commit if the refresh had taken the change log's lock.
      const written = await Promise.race([
        insertArticle(other).then(() => 'written'),
        new Promise((resolve) => setTimeout(() => resolve('blocked'), 3_000)),
      ]);
      release();
      await refresh;
      expect(written).toBe('written');
    } finally {
      await other.destroy();
    }
  });
});

describe('the change feed', () => {
  it('resumes after losing its connection, missing nothing that committed meanwhile', async () => {
    const feed = new ChangeFeed(database.connectionString, { log: () => undefined, retryDelayMs: 100, applicationName: 'kabar-feed-test' }).start();
    const seen: number[] = [];
    feed.subscribe((events) => {
      for (const event of events) if (event.articleId !== null) seen.push(event.articleId);
    });
    try {
      await feed.ready;
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'kabar-feed-test'`.execute(database.db);
      const whileAway = await insertArticle(database.db);
      const deadline = Date.now() + 5_000;
      while (!seen.includes(whileAway.id) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(seen).toContain(whileAway.id);
    } finally {
      await feed.close();
    }
  });
});

describe('retention and cursors', () => {
  it('prunes events older than the retention, in batches', async () => {
    await insertArticle(database.db);
    await sql`update change_events set occurred_at = now() - interval '8 days' where id <= (select max(id) - 1 from change_events)`.execute(
      database.db,
    );
    const kept = await latestChangeId(database.db);
    const deleted = await pruneChangeEvents(database.db, new Date(Date.now() - 7 * 86_400_000), 3);
    expect(deleted).toBeGreaterThan(3);
    const left = await database.db.selectFrom('change_events').select('id').execute();
    expect(left.map((row) => Number(row.id))).toEqual([kept]);
  });

  it('encodes cursors opaquely and refuses what is not one', () => {
    expect(decodeChangeCursor(encodeChangeCursor(12345))).toBe(12345);
    for (const bad of ['', 'abc', '12345', encodeChangeCursor(1).slice(0, -2), 'x'.repeat(100), Buffer.from('change:-1').toString('base64url')]) {
      expect(decodeChangeCursor(bad)).toBeNull();
    }
  });
});
