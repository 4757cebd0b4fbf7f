// Jest runs the TypeScript sources as native ES modules (node --experimental-vm-modules),
// transformed by SWC, which keeps decorator metadata for Nest's dependency injection.
const libs = [
  'config',
  'contracts',
  'domain',
  'ledger',
  'methodologies',
  'partner-client',
  'persistence',
  'queues',
];

// CommonJS packages that require() an ESM-only dependency work in Node (require(esm)) but not in
// Jest's module registry before Node 24.9, so those few dependencies are compiled to CommonJS.
const esmOnlyRequiredFromCjs = ['content-disposition', 'cookie'];

const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    [`/node_modules/(${esmOnlyRequiredFromCjs.join('|')})/.+\\.js$`]: [
      '@swc/jest',
      { module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnlyRequiredFromCjs.join('|')})/)`],
  moduleNameMapper: {
    [`^@app/(${libs.join('|')})$`]: '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testEnvironment: 'node',
};

/** @type {import('jest').Config} */
export default {
  testTimeout: 30_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,seeds}/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.js',
      globalTeardown: '<rootDir>/test/support/global-teardown.js',
    },
  ],
};
