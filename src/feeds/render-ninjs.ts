import type { FeedItem } from './model';
import { rfc3339 } from './dates';

// One article as IPTC ninjs 2.1 (https://www.iptc.org/std/ninjs/), for partners that ingest JSON
// news items. ninjs 2.x uses arrays of named objects (headlines, bodies, renditions, associations)
// and has no author list: the byline goes in "by". Without a partner key the item is "partial":
// no body, only the summary.

export const NINJS_SCHEMA = 'http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json';

export function renderNinjs(item: FeedItem, publisher: string): string {
  const ninjs: Record<string, unknown> = {
    standard: { name: 'ninjs', version: '2.1', schema: NINJS_SCHEMA },
    uri: item.id,
    type: 'text',
    representationtype: item.contentHtml !== null ? 'full' : 'partial',
    // The version follows the last edit, so a changed article has a new version under the same uri.
    version: String(item.updatedAt.getTime()),
    firstcreated: rfc3339(item.publishedAt),
    versioncreated: rfc3339(item.updatedAt),
    pubstatus: 'usable',
    language: item.language,
    copyrightholder: publisher,
    slugline: item.slug,
    headlines: [
      { role: 'main', contenttype: 'text/plain', value: item.title },
      ...(item.subtitle ? [{ role: 'sub', contenttype: 'text/plain', value: item.subtitle }] : []),
    ],
    descriptions: [{ role: 'summary', contenttype: 'text/plain', value: item.summary }],
    ...(item.contentHtml !== null
      ? { bodies: [{ role: 'main', contenttype: 'text/html', value: item.contentHtml, wordcount: item.wordCount }] }
      : {}),
    ...(item.authors.length ? { by: item.authors.map((a) => a.name).join(', ') } : {}),
    ...(item.dateline ? { located: item.dateline } : {}),
    subjects: [
      ...(item.section ? [{ name: item.section.name, rel: 'section', uri: item.section.url, literal: item.section.slug }] : []),
      ...item.tags.map((t) => ({ name: t.name, rel: 'tag', uri: t.url, literal: t.slug })),
    ],
    renditions: [{ name: 'web', href: item.url, contenttype: 'text/html' }],
    ...(item.image
      ? {
          associations: [
            {
              name: 'featureimage',
              uri: `${item.id}:featureimage`,
              type: 'picture',
              ...(item.image.caption ? { descriptions: [{ role: 'caption', contenttype: 'text/plain', value: item.image.caption }] } : {}),
              ...(item.image.credit ? { by: item.image.credit } : {}),
              renditions: [
                {
                  name: 'original',
                  href: item.image.url,
                  ...(item.image.type ? { contenttype: item.image.type } : {}),
                  ...(item.image.width ? { width: item.image.width } : {}),
                  ...(item.image.height ? { height: item.image.height } : {}),
                },
              ],
            },
          ],
        }
      : {}),
    altids: [{ role: 'kabar-id', value: String(item.articleId) }],
  };
  return `${JSON.stringify(ninjs, null, 2)}\n`;
}
