import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'coverage/**',
      '.data/**',
      'node_modules/**',
      'apps/miniprogram/dist/**',
      'apps/miniprogram/src/api/generated/**',
      'build/**',
      'apps/console/src/api/schema.d.ts',
      'test-artifacts/**',
      'reports/**',
      '.stryker-tmp/**',
    ],
  },
  js.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only']", message: 'Focused tests never land.' },
      ],
    },
  },
  {
    // The console runs in the browser.
    files: ['apps/console/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', sessionStorage: 'readonly', fetch: 'readonly' },
    },
  },
  {
    // The mini-program's build configuration is CommonJS read by Taro's CLI.
    files: ['apps/miniprogram/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Mutation testing's Jest plugins (scripts/mutation-spec-*.cjs) are CommonJS, loaded by Jest.
    files: ['scripts/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        module: 'writable',
        require: 'readonly',
        process: 'readonly',
        afterEach: 'readonly',
        afterAll: 'readonly',
        expect: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The mini-program runs in WeChat and in the browser (H5).
    files: ['apps/miniprogram/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', fetch: 'readonly', localStorage: 'readonly' },
    },
  },
  {
    // Methodologies are pure: no I/O, no Nest, no ORM, no clock.
    files: ['libs/methodologies/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            '@nestjs/*',
            'typeorm',
            'pg',
            'bullmq',
            'ioredis',
            'node:*',
            '@app/persistence',
            '@app/ledger',
          ],
        },
      ],
    },
  },
);
