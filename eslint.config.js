// Type-aware lint for every TypeScript file, through the root tsconfig.json (one program, so a
// test file is checked against the same types as the code it tests) — except the console's
// browser code, which is its own program (DOM, JSX). Formatting is Prettier's.
import { createRequire } from 'node:module';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The hooks rules belong to the console's web app, so the plugin is that package's dependency
// and is loaded from there rather than from the root.
const reactHooks = createRequire(new URL('./apps/console/package.json', import.meta.url))('eslint-plugin-react-hooks');

const typeAwareRules = {
  // A promise nobody awaits loses its error: a job acknowledged before its write, a crash unseen.
  '@typescript-eslint/no-floating-promises': 'error',
  '@typescript-eslint/no-misused-promises': 'error',
  '@typescript-eslint/await-thenable': 'error',
  '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
  '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
};

export default tseslint.config(
  { ignores: ['**/node_modules/', '**/dist/', 'packages/domain/src/generated/', 'bench/out/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.mts'],
    // The console's browser code is its own TypeScript program (DOM, JSX), linted below.
    ignores: ['apps/console/web/**'],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: typeAwareRules,
  },
  {
    files: ['apps/console/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: {
      globals: globals.browser,
      parserOptions: { project: ['./apps/console/web/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
    },
    rules: { ...typeAwareRules, ...reactHooks.configs.flat.recommended.rules },
  },
  {
    // Fakes and assertions read third parties' wire JSON, which has no type to give.
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test-support/**', 'test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], languageOptions: { globals: globals.node } },
  prettier,
);
