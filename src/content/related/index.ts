// Artikel Terkait: scoring (./scoring.ts), the background refresh of stored lists (./refresh.ts)
// and the hot read of an article page (./read.ts).
export { STORED_RELATED_PER_ARTICLE, scoreRelatedCandidates, type RelatedCandidate } from './scoring';
export { listArticlesNeedingRelated, refreshRelatedArticles, refreshStaleRelated } from './refresh';
export { listRelatedArticles, relatedListsOf, relatedQuery, type RelatedRow } from './read';
