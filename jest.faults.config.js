// The reliability suite (npm run test:faults): real API and worker processes built into dist/,
// killed and restarted against their own PostgreSQL and Redis. One file at a time: they share
// the machine's two cores and the processes they start.
import base from './jest.config.js';

const [unit] = base.projects;

/** @type {import('jest').Config} */
export default {
  ...unit,
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 600_000,
  maxWorkers: 1,
};
