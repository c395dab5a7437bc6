import fs from 'node:fs';
import { renderSchemaFile, SCHEMA_FILE } from '../src/cli/print-schema';

describe('schema.graphql', () => {
  it('is the printed schema: run `npm run schema` after changing types', () => {
    expect(fs.readFileSync(SCHEMA_FILE, 'utf8')).toBe(renderSchemaFile());
  });
});
