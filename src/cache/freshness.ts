import type { ChangeFeed } from '../events/change-feed';
import type { ChangeEvent } from '../events/change-log';
import type { CdnPurger } from './cdn-purge';
import type { ContentGeneration } from './generation';
import type { FinishedResponses } from './store';
import type { TaggedAnswers } from './tagged-store';
import { invalidationOfAll } from './tags';

// Cache freshness by what changed (issue 13): every batch of committed changes the change feed
// reads drops exactly the cached answers that read what changed, in the response cache (memory or
// Redis), the finished GET answers, the feed documents and, through the purge hook, at the CDN. A
// process hears of every change (its own writes included, before they answer: see
// src/editorial/context.ts), so this runs in every process, within a notification's delay of the
// commit. When the feed loses continuity (its position was pruned during a long outage), nothing is
// known: everything goes.

export interface FreshnessTargets {
  answers: TaggedAnswers;
  finished?: FinishedResponses;
  /** The feed documents' generation: moved on when a change reaches syndication. */
  feeds?: ContentGeneration;
  purger?: CdnPurger | null;
  log?: (message: string) => void;
}

/** Applies one batch of events to the caches; returns the tags dropped (for tests and logs). */
export async function applyChanges(events: readonly ChangeEvent[], targets: FreshnessTargets): Promise<string[]> {
  const { tags, softTags, feeds } = invalidationOfAll(events);
  if (tags.length > 0) {
    await targets.answers.invalidate(tags);
    targets.finished?.invalidate(tags);
  }
  if (feeds) targets.feeds?.invalidate('content change');
  if (targets.purger && (tags.length > 0 || softTags.length > 0)) {
    // Not awaited: a slow CDN API must not hold up the feed (purges are queued in order).
    void targets.purger.purge(tags, softTags);
  }
  return tags;
}

export function followChangesWithTags(feed: ChangeFeed, targets: FreshnessTargets): () => void {
  const stopChanges = feed.subscribe((events) => applyChanges(events, targets).then(() => undefined));
  const stopResets = feed.onReset(async (reason) => {
    targets.log?.(`[cache] dropping every cached answer: ${reason}`);
    await targets.answers.clear();
    targets.finished?.clear();
    targets.feeds?.invalidate(reason);
  });
  return () => {
    stopChanges();
    stopResets();
  };
}
