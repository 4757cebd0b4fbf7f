// The console and the mini-program in a browser (npm run test:browser): a real API serving the built
// console and the mini-program's H5, and a real worker, driven by Chromium through playwright-core.
// Needs a Chromium at /usr/bin/chromium (or CHROMIUM_PATH), the console built into dist/console and
// the H5 into apps/miniprogram/dist/h5 first (the npm script does both).
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
