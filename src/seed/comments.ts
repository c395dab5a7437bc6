import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { commentsDb, type CommentReason, type CommentStatus } from '../comments/tables';
import { recountThreads } from '../comments/repository';
import { Random } from './random';

// Demo comments for the newest articles: mostly published conversations with a few replies, and
// enough held, refused and reported comments that the moderation screen and its figures show
// something. Deterministic for a given seed.

const NAMES = [
  'Budi Santoso',
  'Siti Rahayu',
  'Agus Wijaya',
  'Dewi Lestari',
  'Rudi Hartono',
  'Nur Aini',
  'Andi Pratama',
  'Rina Marlina',
  'Yoga Saputra',
  'Fitri Handayani',
  'Hendra Gunawan',
  'Wulan Sari',
  'Joko Susilo',
  'Maya Putri',
  'Eko Prasetyo',
  'Lina Kurniawati',
];

const PUBLISHED = [
  'Semoga pemerintah daerah cepat tanggap. Warga sudah lama menunggu.',
  'Terima kasih atas liputannya, sangat informatif.',
  'Di kampung kami juga terjadi hal yang sama sejak bulan lalu.',
  'Mohon redaksi menindaklanjuti berita ini, terutama soal anggarannya.',
  'Setuju dengan langkah ini, asal pelaksanaannya diawasi.',
  'Kalau bisa datanya dilengkapi per kecamatan supaya lebih jelas.',
  'Harga di pasar tradisional kami masih tinggi, belum turun.',
  'Salut untuk para relawan yang turun langsung ke lapangan.',
  'Semoga tidak hanya jadi wacana seperti tahun-tahun sebelumnya.',
  'Infonya bermanfaat. Saya bagikan ke grup warga.\n\nSemoga yang lain juga waspada.',
  'Babinsa di desa kami ikut membantu warga, patut diapresiasi.',
  'Pantai di daerah kami juga perlu perhatian yang sama.',
];
const REPLIES = [
  'Betul, di tempat saya juga begitu.',
  'Setuju, Pak.',
  'Sumbernya dari mana ya?',
  'Semoga cepat ada solusi.',
  'Terima kasih infonya.',
];
const HELD: [string, CommentReason[]][] = [
  ['Pertama kali komentar di sini, semoga bermanfaat.', ['FIRST_COMMENT']],
  ['Cek info lengkap di https://promo.example/a dan https://promo.example/b serta https://promo.example/c', ['LINKS', 'FIRST_COMMENT']],
  ['Pejabatnya bodoh, tidak becus mengurus rakyat.', ['SUSPECT_WORD']],
];
const REFUSED: [string, CommentReason[]][] = [
  ['Dasar 4nj1ng semua!', ['BANNED_WORD']],
  ['Jual obat murah, hubungi kami', ['HONEYPOT']],
];
const REPORT_REASONS = ['SPAM', 'ABUSIVE', 'HATE', 'MISINFORMATION', 'OTHER'];

function pickComment(random: Random): [string, CommentStatus, CommentReason[]] {
  const roll = random.next();
  if (roll < 0.08) {
    const [body, reasons] = random.pick(HELD);
    return [body, 'pending', reasons];
  }
  if (roll < 0.12) {
    const [body, reasons] = random.pick(REFUSED);
    return [body, 'rejected', reasons];
  }
  return [random.pick(PUBLISHED), 'published', []];
}

const hash = (text: string) => createHash('md5').update(text.toLowerCase()).digest('hex');

export interface CommentSeedSummary {
  comments: number;
  reports: number;
}

export async function seedDemoComments(database: Db, options: { randomSeed: number; articles?: number }): Promise<CommentSeedSummary> {
  const db = commentsDb(database);
  const random = Random.derive(options.randomSeed, 'comments');
  const articles = await database
    .selectFrom('articles')
    .select(['id', 'published_at'])
    .where('status', '=', 'published')
    .where('published_at', '<=', new Date())
    .orderBy('published_at', 'desc')
    .limit(options.articles ?? 80)
    .execute();
  let comments = 0;
  let reports = 0;
  for (const article of articles) {
    const count = random.pick([0, 0, 1, 2, 3, 5, 8, 12]);
    const base = article.published_at!.getTime();
    for (let i = 0; i < count; i += 1) {
      const author = random.pick(NAMES);
      const [body, status, reasons] = pickComment(random);
      const createdAt = new Date(Math.min(Date.now() - 60_000, base + (i + 1) * random.int(5, 90) * 60_000));
      const row = await db
        .insertInto('comments')
        .values({
          article_id: article.id,
          parent_id: null,
          author_name: author,
          // Held first comments come from new readers; everyone else has commented before.
          author_email: reasons.includes('FIRST_COMMENT') ? `baru.${comments}@contoh.id` : `${author.toLowerCase().replace(/\s+/g, '.')}@contoh.id`,
          body,
          body_hash: hash(body),
          status,
          reasons: sql<CommentReason[]>`${reasons}::text[]`,
          client: `198.51.100.${random.int(1, 250)}`,
          created_at: createdAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      comments += 1;
      if (status === 'published' && random.chance(0.3)) {
        const replier = random.pick(NAMES);
        const reply = random.pick(REPLIES);
        await db
          .insertInto('comments')
          .values({
            article_id: article.id,
            parent_id: row.id,
            author_name: replier,
            author_email: `${replier.toLowerCase().replace(/\s+/g, '.')}@contoh.id`,
            body: reply,
            body_hash: hash(`${reply}${row.id}`),
            status: 'published',
            client: `198.51.100.${random.int(1, 250)}`,
            created_at: new Date(Math.min(Date.now() - 30_000, createdAt.getTime() + random.int(2, 120) * 60_000)),
          })
          .execute();
        comments += 1;
      }
      if (status === 'published' && random.chance(0.06)) {
        // A reported comment: some reports still open (for the REPORTED queue), some resolved in time.
        const hoursAgo = random.int(1, 30);
        const resolved = random.chance(0.5);
        await db
          .insertInto('comment_reports')
          .values({
            comment_id: row.id,
            client: `203.0.113.${random.int(1, 250)}`,
            reason: random.pick(REPORT_REASONS),
            received_at: new Date(Date.now() - hoursAgo * 3_600_000),
            resolved_at: resolved ? new Date(Date.now() - hoursAgo * 3_600_000 + random.int(10, 600) * 60_000) : null,
          })
          .execute();
        if (!resolved) await db.updateTable('comments').set({ report_count: 1 }).where('id', '=', row.id).execute();
        reports += 1;
      }
    }
  }
  await sql`insert into comment_authors (email, approved_at)
    select distinct author_email, now() from comments where status = 'published' on conflict (email) do nothing`.execute(db);
  await recountThreads(
    db,
    articles.map((a) => a.id),
  );
  return { comments, reports };
}
