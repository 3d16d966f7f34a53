import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layer arrows of ARCHITECTURE.md, enforced: renderer → contract; preload → contract;
// main → agent, contract; preview → agent, contract; agent → contract.
const layer = (regex, message) => ({ regex, message });
const NO_ELECTRON = { name: 'electron', message: 'Only electron/main and electron/preload may import electron.' };
const AGENT = layer('(^|/)agent(/|$)', 'Only the shell and the preview may import the agent.');
const MAIN = layer('(^|/)main(/|$)', 'Nothing imports the shell.');
const PRELOAD = layer('(^|/)preload(/|$)', 'Nothing imports a preload.');
const PREVIEW = layer('(^|/)preview(/|$)', 'Nothing imports the preview host.');
const RENDERER = layer('(^|/)renderer(/|$)', 'Only the renderer itself imports renderer code.');

const restrict = (paths, patterns) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'tests/.tmp/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'electron/agent/hallo-api/openapi.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['electron/contract/**'], rules: restrict([NO_ELECTRON], [AGENT, MAIN, PRELOAD, PREVIEW, RENDERER]) },
  { files: ['electron/agent/**'], rules: restrict([NO_ELECTRON], [MAIN, PRELOAD, PREVIEW, RENDERER]) },
  { files: ['electron/preview/**'], rules: restrict([NO_ELECTRON], [MAIN, PRELOAD, RENDERER]) },
  { files: ['electron/preload/**'], rules: restrict([], [AGENT, MAIN, PREVIEW, RENDERER]) },
  {
    files: ['electron/main/**'],
    rules: restrict(
      [{ name: 'electron', importNames: ['ipcMain'], message: 'Bind actions through electron/main/ipc/handle.ts only.' }],
      [PRELOAD, PREVIEW, RENDERER],
    ),
  },
  { files: ['electron/main/ipc/handle.ts'], rules: restrict([], [PRELOAD, PREVIEW, RENDERER]) },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([NO_ELECTRON], [AGENT, MAIN, PRELOAD, PREVIEW]),
    },
  },
);
