// The console in a browser (npm run test:browser): a real API serving the built console and a real
// worker, driven by Chromium through playwright-core. Needs a Chromium at /usr/bin/chromium
// (or CHROMIUM_PATH) and the console built into dist/console first (the npm script does it).
import base from './jest.config.js';

const [, e2e] = base.projects;

/** @type {import('jest').Config} */
export default {
  ...e2e,
  displayName: 'browser',
  testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
  globalSetup: '<rootDir>/test/browser/support/global-setup.js',
  testTimeout: 120_000,
  maxWorkers: 1,
};
