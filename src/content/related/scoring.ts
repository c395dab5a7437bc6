import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { hasPublicStatus } from '../visibility';

// Artikel Terkait, the scoring. Score of a candidate c for an article t (computed when t is
// published or edited, and again hourly while t is recent, so follow-up stories join its list;
// see ./refresh.ts):
//   Σ over shared tags of ln(1 + N / df(tag))     rarer tags weigh more (N: tagged articles)
// + SAME_SECTION_BONUS if c is in t's section
// + TITLE_SIMILARITY_WEIGHT × trigram similarity of the titles (pg_trgm, 0…1)
// + 1.0 × 0.5 ^ (|published(c) − published(t)| / CLOSENESS_HALF_LIFE)   closeness in time
// Ties go to the newer candidate, then the higher id, so the list is deterministic.
//
// Candidates: for each tag of t, the CANDIDATES_PER_TAG newest articles with that tag published up
// to CANDIDATE_WINDOW after t, and the CANDIDATES_OF_SECTION newest of t's section in that range
// (index range scans, never a whole tag). Only the best SHORTLIST by the cheaper terms get the
// title-similarity term (at most TITLE_SIMILARITY_WEIGHT: a candidate outside that shortlist could
// still overtake, which we accept for a 5× cheaper refresh). Candidates are scored by status only:
// whether one is due yet is decided when a list is read (./read.ts), so scheduled stories join in
// when their time comes.

/** How many related articles are stored per article; Article.related can show at most this many. */
export const STORED_RELATED_PER_ARTICLE = 20;
/** Candidates per article that get the (costly) title-similarity term; the rest cannot reach the top 20. */
const SHORTLIST = 40;
const CANDIDATES_PER_TAG = 100;
const CANDIDATES_OF_SECTION = 30;
/** Candidates published up to this long after the article still count (follow-ups). */
const CANDIDATE_WINDOW = '7 days';
const SAME_SECTION_BONUS = 0.75;
const TITLE_SIMILARITY_WEIGHT = 2.0;
const CLOSENESS_HALF_LIFE_SECONDS = 7 * 24 * 60 * 60;

export interface RelatedCandidate {
  article_id: number;
  rank: number;
  related_article_id: number;
  score: number;
}

/** Scores candidates for the given articles without storing them (used to refresh, and to compare designs). */
export async function scoreRelatedCandidates(db: Db, articleIds: readonly number[]): Promise<RelatedCandidate[]> {
  if (articleIds.length === 0) return [];
  const ids = sql.val([...articleIds]);
  const { rows } = await sql<RelatedCandidate>`
    with targets as (
      select id, section_id, published_at, title from articles
      where id = any(${ids}::int[]) and published_at is not null
    ),
    target_tags as (
      select article_id, tag_id from article_tags where article_id = any(${ids}::int[])
    ),
    tag_idf as (
      select tag_id, ln(1 + (select count(distinct article_id) from article_tags)::float8 / count(*)) as idf
      from article_tags where tag_id in (select tag_id from target_tags) group by tag_id
    ),
    tag_candidates as (
      select t.id as article_id, c.article_id as candidate_id, sum(i.idf) as tag_score
      from targets t
      join target_tags tt on tt.article_id = t.id
      join tag_idf i on i.tag_id = tt.tag_id
      cross join lateral (
        select ct.article_id from article_tags ct
        where ct.tag_id = tt.tag_id and ct.article_id <> t.id
          and ct.published_at <= t.published_at + ${CANDIDATE_WINDOW}::interval
        order by ct.published_at desc
        limit ${sql.lit(CANDIDATES_PER_TAG)}
      ) c
      group by t.id, c.article_id
    ),
    section_candidates as (
      select t.id as article_id, c.id as candidate_id
      from targets t
      cross join lateral (
        select a.id from articles a
        where a.section_id = t.section_id and ${hasPublicStatus('a')} and a.id <> t.id
          and a.published_at <= t.published_at + ${CANDIDATE_WINDOW}::interval
        order by a.published_at desc, a.id desc
        limit ${sql.lit(CANDIDATES_OF_SECTION)}
      ) c
    ),
    candidates as (
      select article_id, candidate_id, max(tag_score) as tag_score from (
        select article_id, candidate_id, tag_score from tag_candidates
        union all
        select article_id, candidate_id, 0 from section_candidates
      ) both_kinds
      group by article_id, candidate_id
    ),
    base_scored as (
      select c.article_id, c.candidate_id, a.published_at, a.title,
        ( c.tag_score
        + case when a.section_id = t.section_id then ${sql.lit(SAME_SECTION_BONUS)} else 0 end
        + power(0.5, abs(extract(epoch from a.published_at - t.published_at)) / ${sql.lit(CLOSENESS_HALF_LIFE_SECONDS)})
        ) as base_score,
        row_number() over (
          partition by c.article_id
          order by c.tag_score + case when a.section_id = t.section_id then ${sql.lit(SAME_SECTION_BONUS)} else 0 end
                 + power(0.5, abs(extract(epoch from a.published_at - t.published_at)) / ${sql.lit(CLOSENESS_HALF_LIFE_SECONDS)}) desc,
                   a.published_at desc, c.candidate_id desc
        ) as shortlist_rank
      from candidates c
      join targets t on t.id = c.article_id
      join articles a on a.id = c.candidate_id
      where ${hasPublicStatus('a')}
    ),
    -- Trigram similarity is the costly term: only the shortlist by the other terms gets it.
    scored as (
      select b.article_id, b.candidate_id, b.published_at,
        (b.base_score + ${sql.lit(TITLE_SIMILARITY_WEIGHT)} * similarity(b.title, t.title))::real as score
      from base_scored b
      join targets t on t.id = b.article_id
      where b.shortlist_rank <= ${SHORTLIST}
    ),
    ranked as (
      select article_id, candidate_id, score,
        row_number() over (partition by article_id order by score desc, published_at desc, candidate_id desc) as rank
      from scored
    )
    select article_id, rank::int, candidate_id as related_article_id, score
    from ranked where rank <= ${STORED_RELATED_PER_ARTICLE}
    order by article_id, rank`.execute(db);
  return rows;
}
