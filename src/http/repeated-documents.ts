import type { DocumentNode } from 'graphql';

// graphql-jit turns a document into JavaScript once, which pays off for the few documents clients
// send all the time (the page operations) and is a loss for one-offs: compiling costs about
// 200 ms and megabytes per document, so 10,000 documents differing only in an alias name took
// the process from 255 MB to 3.3 GB (issue 15). Documents are compiled from their third use on;
// the counts live in a bounded map of the parsed documents (yoga's parse cache hands out the same
// DocumentNode for the same text).

export const COMPILE_AFTER_USES = 3;
const MAX_TRACKED_DOCUMENTS = 1_000;

export function createRepeatedDocumentFilter(): (document: DocumentNode) => boolean {
  const uses = new Map<DocumentNode, number>();
  return (document) => {
    const count = (uses.get(document) ?? 0) + 1;
    if (count === 1 && uses.size >= MAX_TRACKED_DOCUMENTS) {
      const oldest = uses.keys().next();
      if (!oldest.done) uses.delete(oldest.value);
    }
    uses.set(document, count);
    return count >= COMPILE_AFTER_USES;
  };
}
