/**
 * Browser tests (`npm run test:browser`): the example frontend and GraphiQL in Debian's Chromium,
 * against Kabar with the demo publication. Same database set-up as `npm test` (jest.config.js).
 * @type {import('jest').Config}
 */
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/browser'],
  testMatch: ['**/*.e2e.ts'],
  maxWorkers: 1,
  testTimeout: 60_000,
};
