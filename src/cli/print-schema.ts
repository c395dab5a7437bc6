import fs from 'node:fs';
import path from 'node:path';
import { printSchema } from 'graphql';
import { schema } from '../schema';

// Rewrites schema.graphql, the committed contract; test/schema-file.test.ts fails when it drifts.
export const SCHEMA_FILE = path.resolve(__dirname, '..', '..', 'schema.graphql');

export function renderSchemaFile(): string {
  return `${printSchema(schema)}\n`;
}

if (require.main === module) {
  fs.writeFileSync(SCHEMA_FILE, renderSchemaFile());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
