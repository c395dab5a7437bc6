import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for every operation in src/, generated from Kabar's committed schema (no server needed).
// Run `npm run codegen` after schema.graphql or an operation changes; the output in src/gql/ is committed.
const config: CodegenConfig = {
  schema: '../../schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', URL: 'string', NonNegativeInt: 'number', PositiveInt: 'number' },
      },
    },
  },
};

export default config;
