import { XMLBuilder } from 'fast-xml-parser';
import type { FeedImage } from './model';

// XML output for the feeds and sitemaps, built from plain objects with fast-xml-parser's builder:
// keys are element names, "@"-keys attributes, "#text" text beside attributes, arrays repeated
// elements. The builder escapes every "&", "<", ">" and quote in text and attributes, so HTML
// carried inside an element (content:encoded, Atom content) arrives exactly as it was, and "]]>"
// is harmless. (xmlbuilder2 was tried first and dropped: it leaves "&name;" sequences unescaped,
// which turns escaped markup in an article into live markup at the partner.)

export type XmlNode = { [name: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlNode[] | string[];

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  format: true,
  indentBy: '  ',
  processEntities: true,
  suppressEmptyNode: true,
  suppressBooleanAttributes: false,
});

/** A whole XML document with its declaration. */
export function xmlDocument(rootName: string, root: XmlNode): string {
  return builder.build({ '?xml': { '@version': '1.0', '@encoding': 'UTF-8' }, [rootName]: root }) as string;
}

/** Drops the keys whose value is undefined, so optional elements simply do not appear. */
export function compact(node: Record<string, XmlValue | undefined>): XmlNode {
  const result: XmlNode = {};
  for (const [key, value] of Object.entries(node)) if (value !== undefined) result[key] = value;
  return result;
}

/** Media RSS <media:content> for the hero image, with its size; shared by the RSS and Atom feeds. */
export function mediaContent(image: FeedImage): XmlNode {
  return compact({
    '@url': image.url,
    '@medium': 'image',
    '@type': image.type ?? undefined,
    '@width': image.width ? String(image.width) : undefined,
    '@height': image.height ? String(image.height) : undefined,
    'media:description': image.caption ? { '@type': 'plain', '#text': image.caption } : undefined,
    'media:credit': image.credit ?? undefined,
  });
}
