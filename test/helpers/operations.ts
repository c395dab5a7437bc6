import fs from 'node:fs';
import path from 'node:path';

// The client operations (the contract with the frontend, the example app and the benchmark) live in
// the repository's own operations/ folder, so a bare clone has them. ../shared/operations is the
// team's original; test/operations.test.ts checks the copy against it when that folder is there.

export const OPERATIONS_DIR = path.resolve(__dirname, '..', '..', 'operations');
export const SHARED_OPERATIONS_DIR = path.resolve(__dirname, '..', '..', '..', 'shared', 'operations');

/** The text of an operation file, e.g. `readOperation('ArticlePage')` or `readOperation('editorial/SignIn')`. */
export function readOperation(name: string): string {
  return fs.readFileSync(path.join(OPERATIONS_DIR, `${name}.graphql`), 'utf8');
}

/** Every file below `dir`, as paths relative to it with '/' separators, sorted. */
export function listFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const child = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else found.push(child);
    }
  };
  walk('');
  return found.sort();
}
