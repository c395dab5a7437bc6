import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';

// Label values of src/observability/metrics.ts come from closed sets or are capped, so that what
// clients send cannot create an unbounded number of series.

/** A label whose values are capped: the first `max` new values (plus the fixed ones) pass, the rest become `overflow`. */
export class LabelCap {
  private readonly seen = new Set<string>();
  private readonly fixed: Set<string>;

  constructor(
    private readonly max: number,
    private readonly overflow: string,
    fixed: Iterable<string> = [],
  ) {
    this.fixed = new Set(fixed);
  }

  label(value: string): string {
    if (this.fixed.has(value) || this.seen.has(value)) return value;
    if (this.seen.size >= this.max) return this.overflow;
    this.seen.add(value);
    return value;
  }
}

/** The route label of a path: a fixed set, so paths cannot create series. */
export function routeOf(pathname: string): string {
  if (pathname === '/graphql') return '/graphql';
  if (pathname === '/healthz' || pathname === '/readyz' || pathname === '/metrics' || pathname === '/views') return pathname;
  if (pathname.startsWith('/feeds/')) return '/feeds';
  if (pathname === '/sitemap.xml' || pathname.startsWith('/sitemaps/')) return '/sitemaps';
  if (pathname.startsWith('/articles/')) return '/articles';
  if (pathname.startsWith('/media/')) return '/media';
  return 'other';
}

/** Names of the operations in the .graphql files below `folder` (operations/); none when it is missing. */
export function operationNamesIn(folder: string): string[] {
  const names: string[] = [];
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else if (entry.name.endsWith('.graphql')) {
        for (const definition of parse(readFileSync(file, 'utf8')).definitions) {
          if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) names.push(definition.name.value);
        }
      }
    }
  };
  try {
    visit(folder);
  } catch {
    return names;
  }
  return names;
}
