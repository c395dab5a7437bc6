import fs from 'node:fs';
import path from 'node:path';
import { parse, print, validate, type OperationDefinitionNode } from 'graphql';
import { schema } from '../src/schema';
import { readOperation } from './helpers/operations';

// The example frontend (examples/react-news) keeps its own copy of the client operations (operations/), as a client
// in its own folder would: it must send them exactly as written, and its own must be valid too.

const ROOT = path.resolve(__dirname, '..');
const EXAMPLE = path.join(ROOT, 'examples', 'react-news', 'src', 'graphql', 'operations.ts');
const EXAMPLE_COMMENTS = path.join(ROOT, 'examples', 'react-news', 'src', 'graphql', 'comments.ts');
const EXAMPLE_LIVE = path.join(ROOT, 'examples', 'react-news', 'src', 'graphql', 'live.ts');

function exampleOperations(file = EXAMPLE): Map<string, string> {
  const source = fs.readFileSync(file, 'utf8');
  const operations = new Map<string, string>();
  for (const match of source.matchAll(/graphql\(`([^`]*)`\)/g)) {
    const document = parse(match[1]!);
    const name = (document.definitions[0] as OperationDefinitionNode).name!.value;
    operations.set(name, print(document));
  }
  return operations;
}

describe('example frontend operations', () => {
  const operations = exampleOperations();

  it.each(['HomePage', 'SectionPage', 'ArticlePage'])('%s is the shared operation, as written', (name) => {
    expect(operations.get(name)).toBe(print(parse(readOperation(name))));
  });

  it('all validate against the schema', () => {
    expect(operations.size).toBeGreaterThanOrEqual(4);
    for (const [name, text] of operations) {
      expect({ name, errors: validate(schema, parse(text)).map((e) => e.message) }).toEqual({ name, errors: [] });
    }
  });
});

describe('example frontend comment operations', () => {
  const operations = exampleOperations(EXAMPLE_COMMENTS);

  it.each(['ArticleComments', 'PostComment', 'ReportComment', 'ModerateComments'])('%s is the shared operation, as written', (name) => {
    expect(operations.get(name)).toBe(print(parse(readOperation(`comments/${name}`))));
  });

  it('all validate against the schema', () => {
    expect(operations.size).toBeGreaterThanOrEqual(7);
    for (const [name, text] of operations) {
      expect({ name, errors: validate(schema, parse(text)).map((e) => e.message) }).toEqual({ name, errors: [] });
    }
  });
});

describe('example frontend live operations', () => {
  const operations = exampleOperations(EXAMPLE_LIVE);

  it.each(['LatestArticles', 'LiveBlog', 'LiveBlogUpdates', 'AddLiveEntry'])('%s is the shared operation, as written', (name) => {
    expect(operations.get(name)).toBe(print(parse(readOperation(`live/${name}`))));
  });

  it('all validate against the schema', () => {
    expect(operations.size).toBe(5);
    for (const [name, text] of operations) {
      expect({ name, errors: validate(schema, parse(text)).map((e) => e.message) }).toEqual({ name, errors: [] });
    }
  });
});
