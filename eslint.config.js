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
);
