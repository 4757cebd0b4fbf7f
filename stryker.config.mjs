// Mutation testing (npm run test:mutation; scripts/mutation.mjs runs it and prints the score per
// folder). What is mutated: scripts/mutation-targets.mjs. The judges are the unit specs of the same
// folders, run by Jest in ESM mode exactly as `npm run test:unit` runs them.
import jestConfig from './jest.config.js';
import { FOLDERS, mutatePatterns } from './scripts/mutation-targets.mjs';

const unit = jestConfig.projects.find((project) => project.displayName === 'unit');
// scripts/mutation.mjs narrows the run to some folders or files (a comma-separated list of patterns).
const mutate = process.env.STRYKER_MUTATE ? process.env.STRYKER_MUTATE.split(',') : mutatePatterns();

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  // Jest runs the TypeScript sources as native ES modules (see jest.config.js).
  testRunnerNodeArgs: ['--experimental-vm-modules', '--disable-warning=ExperimentalWarning'],
  jest: {
    // package.json has no "jest" key: the configuration is the unit project's, given here whole.
    configFile: 'package.json',
    config: {
      ...unit,
      displayName: undefined,
      testMatch: FOLDERS.map((folder) => `<rootDir>/${folder}/**/*.spec.ts`),
      // Each mutant runs the spec files that reached it in the initial run, not every "related" one.
      setupFilesAfterEnv: ['<rootDir>/scripts/mutation-spec-coverage.cjs'],
      filter: '<rootDir>/scripts/mutation-spec-filter.cjs',
    },
    enableFindRelatedTests: false,
  },
  mutate,
  coverageAnalysis: 'perTest',
  // Module-level constants (error codes, district names, factor tables) are data, not rules: a
  // static mutant would rerun every spec for each string in a table.
  ignoreStatic: true,
  // 2 cores, shared: one or two test processes at a time.
  concurrency: 2,
  timeoutMS: 5_000,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['json', 'html', 'progress'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  thresholds: { high: 90, low: 80, break: null },
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
  // The sandbox needs the sources these folders import and the configuration; not the front ends.
  ignorePatterns: [
    '/apps/console',
    '/apps/miniprogram',
    '/bench',
    '/docs',
    '/test',
    '/reports',
    '/coverage',
    '/dist',
    '/build',
    '/test-artifacts',
    '/.data',
  ],
};
