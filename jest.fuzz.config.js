// The fuzz suite (npm run test:fuzz): property-based requests against every operation of the OpenAPI
// document, on the e2e project's real PostgreSQL and Redis. One file, in band: bounded by a fixed seed
// and a fixed number of runs per operation (FUZZ_SEED, FUZZ_RUNS) so CI finishes in a few minutes.
import base from './jest.config.js';

const e2e = base.projects.find((p) => p.displayName === 'e2e');

/** @type {import('jest').Config} */
export default {
  ...e2e,
  displayName: 'fuzz',
  testMatch: ['<rootDir>/test/fuzz/**/*.fuzz-spec.ts'],
  testTimeout: 300_000,
  maxWorkers: 1,
};
