import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layer arrows of ARCHITECTURE.md, enforced: renderer → contract; preload → contract;
// main → agent, contract; preview → agent, contract; probe → agent, contract; agent → contract.
// tests/unit/lint/boundaries.test.ts holds one breaking and one allowed import per arrow.
const layer = (regex, message) => ({ regex, message });
// `electron` and its subpaths (`electron/main`, `electron/renderer`, `electron/common`).
const NO_ELECTRON = layer('^electron(/|$)', 'Only electron/main and electron/preload may import electron.');
const AGENT = layer('(^|/)agent(/|$)', 'Only the shell and the preview may import the agent.');
const MAIN = layer('(^|/)main(/|$)', 'Nothing imports the shell.');
const PRELOAD = layer('(^|/)preload(/|$)', 'Nothing imports a preload.');
const PREVIEW = layer('(^|/)preview(/|$)', 'Nothing imports the preview host.');
const RENDERER = layer('(^|/)renderer(/|$)', 'Only the renderer itself imports renderer code.');
const TESTS = layer('(^|/)tests(/|$)', 'App code does not import tests (the shell’s demo API and the preview host aside).');
const IPC_MAIN_MESSAGE = 'Bind actions through electron/main/ipc/handle.ts only.';
const IPC_MAIN = { regex: '^electron(/main)?$', importNames: ['ipcMain'], message: IPC_MAIN_MESSAGE };

const restrict = (patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

// no-restricted-imports sees only import and export declarations (and `import x = require()`):
// loading electron at run time (`await import('electron')`, `require('electron')`) or naming its
// types (`import('electron').App`) is refused by these selectors.
const ELECTRON_SPECIFIER = String.raw`/^electron($|\/)/`;
const NOT_ELECTRON = NO_ELECTRON.message;
const electronAtRunTime = [
  { selector: `ImportExpression[source.value=${ELECTRON_SPECIFIER}]`, message: NOT_ELECTRON },
  { selector: `ImportExpression[source.type='TemplateLiteral'][source.expressions.length=0][source.quasis.0.value.cooked=${ELECTRON_SPECIFIER}]`, message: NOT_ELECTRON },
  { selector: `CallExpression[callee.name='require'][arguments.0.value=${ELECTRON_SPECIFIER}]`, message: NOT_ELECTRON },
  { selector: `CallExpression[callee.property.name='require'][arguments.0.value=${ELECTRON_SPECIFIER}]`, message: NOT_ELECTRON },
  { selector: `TSImportType[argument.literal.value=${ELECTRON_SPECIFIER}]`, message: NOT_ELECTRON },
];
// In the shell, ipcMain reached without a named import: `electron.ipcMain`, require() or import().
const ipcMainOutsideTheDoor = [
  { selector: "MemberExpression[property.name='ipcMain']", message: IPC_MAIN_MESSAGE },
  { selector: "ObjectPattern > Property[key.name='ipcMain']", message: IPC_MAIN_MESSAGE },
];
const restrictSyntax = (selectors) => ({ 'no-restricted-syntax': ['error', ...selectors] });

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'tests/.tmp/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'electron/agent/hallo-api/openapi.d.ts', 'electron/agent/hallo-api/api-validators/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['electron/contract/**'],
    rules: { ...restrict([NO_ELECTRON, AGENT, MAIN, PRELOAD, PREVIEW, RENDERER, TESTS]), ...restrictSyntax(electronAtRunTime) },
  },
  {
    files: ['electron/agent/**'],
    rules: { ...restrict([NO_ELECTRON, MAIN, PRELOAD, PREVIEW, RENDERER, TESTS]), ...restrictSyntax(electronAtRunTime) },
  },
  // npm run probe: a command-line tool for admins that reads with the agent's own parsers.
  {
    files: ['electron/probe/**'],
    rules: { ...restrict([NO_ELECTRON, MAIN, PRELOAD, PREVIEW, RENDERER, TESTS]), ...restrictSyntax(electronAtRunTime) },
  },
  {
    files: ['electron/preview/**'],
    rules: { ...restrict([NO_ELECTRON, MAIN, PRELOAD, RENDERER]), ...restrictSyntax(electronAtRunTime) },
  },
  { files: ['electron/preload/**'], rules: restrict([AGENT, MAIN, PREVIEW, RENDERER, TESTS]) },
  {
    files: ['electron/main/**'],
    ignores: ['electron/main/ipc/handle.ts'],
    rules: { ...restrict([IPC_MAIN, PRELOAD, PREVIEW, RENDERER]), ...restrictSyntax(ipcMainOutsideTheDoor) },
  },
  { files: ['electron/main/ipc/handle.ts'], rules: restrict([PRELOAD, PREVIEW, RENDERER]) },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([NO_ELECTRON, AGENT, MAIN, PRELOAD, PREVIEW, TESTS]),
      ...restrictSyntax(electronAtRunTime),
    },
  },
);
