import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The import rules of ARCHITECTURE.md, enforced here rather than remembered.
const NODE_AND_ELECTRON = [
  { name: 'electron', message: 'renderer/ runs sandboxed: talk to the core through lib/api.ts.' },
  { name: 'typeorm', message: 'Only electron/db/ imports typeorm.' },
  { name: 'better-sqlite3-multiple-ciphers', message: 'Only electron/db/ opens the database.' },
];
const rendererPatterns = [
  { group: ['node:*'], message: 'renderer/ has no Node: use shared/ or lib/api.ts.' },
  { group: ['**/electron/**', '**/electron'], message: 'renderer/ must not import electron/** (the main process).' },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'dist-electron/**', 'release/**', 'native/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    files: ['scripts/**/*.mjs', 'bin/**/*.mjs', '*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { paths: NODE_AND_ELECTRON, patterns: rendererPatterns }] },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: NODE_AND_ELECTRON,
        patterns: [
          { group: ['node:*'], message: 'shared/ is used by both sides: no Node.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports only zod and shared/.' },
          { regex: '^(?!zod$|\\.{1,2}/)', message: 'shared/ imports only zod and shared/.' },
        ],
      }],
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/crypto/**/*.ts', 'electron/ipc/dispatcher.ts', 'electron/ipc/handlers.ts', 'electron/ipc/preview-*.ts', 'electron/cli.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'electron', message: 'The core runs under plain Node (tests, CLI, bench): no electron import.' },
          { name: 'typeorm', message: 'Only electron/db/ imports typeorm.' },
          { name: 'better-sqlite3-multiple-ciphers', message: 'Only electron/db/ opens the database.' },
        ],
        patterns: [{ group: ['**/renderer/**'], message: 'The main process never imports the renderer.' }],
      }],
    },
  },
  {
    files: ['electron/preload.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ regex: '^(?!electron$|(\\.\\./)+shared/ipc/|\\./)', message: 'preload imports only shared/ipc and electron.' }],
      }],
    },
  },
);
