import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './eslint/layers.js';

export default tseslint.config(
  { ignores: ['node_modules/', 'web/dist/', 'data/', 'migrations/', 'test-results/', 'coverage/', 'bench/**/.scratch/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // DESIGN.md's layers (eslint/layers.js); tests and benchmarks may reach inside.
    files: ['src/**/*.ts', 'web/**/*.ts'],
    plugins: { layers },
    rules: { 'layers/boundaries': 'error' },
  },
  {
    // Only types cross from the server's contract into the web app: a value import bundles zod,
    // whose schemas probe for eval when built and so trip the app's Content-Security-Policy.
    // The zod-free `*-limits.ts` files (plain constants) are the exception.
    files: ['web/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/contract/*', '!**/src/contract/*-limits.ts'],
              allowTypeImports: true,
              message: 'Only types cross from src/contract into the web app (a value bundles zod); plain constants go in a zod-free *-limits.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // What the web app may import as values stays free of zod.
    files: ['src/contract/*-limits.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'zod', message: 'A *-limits.ts file is imported by the web app: no zod here.' }] }],
    },
  },
);
