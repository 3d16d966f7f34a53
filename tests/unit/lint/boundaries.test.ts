import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layer arrows of ARCHITECTURE.md as eslint.config.js enforces them: for each arrow an import
// that breaks it (refused) and for each layer the imports it may make (no error at all). Linted
// as if the snippet were a file at that path; nothing is read from or written to disk.

const eslint = new ESLint({ cwd: process.cwd() });

async function lint(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages;
}
const ruleIds = (messages: { ruleId: string | null; severity: number }[]) =>
  messages.filter((m) => m.severity === 2).map((m) => m.ruleId);

// One file per layer, and what an import of each other layer looks like from there.
const AT = {
  agent: 'electron/agent/health/probe.ts',
  contract: 'electron/contract/actions.ts',
  main: 'electron/main/tray.ts',
  preload: 'electron/preload/popup.ts',
  preview: 'electron/preview/host.ts',
  probe: 'electron/probe/main.ts',
  renderer: 'renderer/src/App.tsx',
} as const;
const use = (specifier: string) => `import { thing } from '${specifier}';\nexport const used = thing;\n`;

const refused: [string, keyof typeof AT, string][] = [
  // electron only in electron/main and electron/preload
  ['agent → electron', 'agent', use('electron')],
  ['agent → electron/main (subpath)', 'agent', use('electron/main')],
  ['contract → electron', 'contract', use('electron')],
  ['preview → electron', 'preview', use('electron')],
  ['renderer → electron', 'renderer', use('electron')],
  ['renderer → electron/renderer (subpath)', 'renderer', use('electron/renderer')],
  ['agent → electron (type only)', 'agent', "import type { App } from 'electron';\nexport type A = App;\n"],
  // renderer → contract only
  ['renderer → agent', 'renderer', use('../../electron/agent/agent')],
  ['renderer → main', 'renderer', use('../../electron/main/tray')],
  ['renderer → preload', 'renderer', use('../../electron/preload/popup')],
  ['renderer → preview', 'renderer', use('../../electron/preview/bridge')],
  ['renderer → tests', 'renderer', use('../../tests/reference-api/server')],
  // agent → contract only
  ['agent → main', 'agent', use('../../main/tray')],
  ['agent → preload', 'agent', use('../../preload/popup')],
  ['agent → preview', 'agent', use('../../preview/host')],
  ['agent → renderer', 'agent', use('../../../renderer/src/store')],
  ['agent → tests', 'agent', use('../../../tests/reference-api/server')],
  // contract → nothing of ours
  ['contract → agent', 'contract', use('../agent/agent')],
  ['contract → main', 'contract', use('../main/tray')],
  ['contract → preload', 'contract', use('../preload/popup')],
  ['contract → preview', 'contract', use('../preview/bridge')],
  ['contract → renderer', 'contract', use('../../renderer/src/store')],
  // preload → contract (and electron) only
  ['preload → agent', 'preload', use('../agent/agent')],
  ['preload → main', 'preload', use('../main/ipc/handle')],
  ['preload → preview', 'preload', use('../preview/bridge')],
  ['preload → renderer', 'preload', use('../../renderer/src/store')],
  // preview → agent, contract only
  ['preview → main', 'preview', use('../main/tray')],
  ['preview → preload', 'preview', use('../preload/popup')],
  ['preview → renderer', 'preview', use('../../renderer/src/store')],
  // probe → agent, contract only
  ['probe → electron', 'probe', use('electron')],
  ['probe → main', 'probe', use('../main/tray')],
  ['probe → preview', 'probe', use('../preview/host')],
  ['probe → renderer', 'probe', use('../../renderer/src/store')],
  ['probe → tests', 'probe', use('../../tests/reference-api/server')],
  // main → agent, contract (and electron) only
  ['main → preload', 'main', use('../preload/popup')],
  ['main → preview', 'main', use('../preview/host')],
  ['main → renderer', 'main', use('../../renderer/src/store')],
  // ipcMain only through the single door
  ['main → ipcMain outside ipc/handle.ts', 'main', "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n"],
  ['main → ipcMain from electron/main outside ipc/handle.ts', 'main', "import { ipcMain } from 'electron/main';\nipcMain.handle('x', () => 1);\n"],
];

describe('lint: layer arrows (no-restricted-imports)', () => {
  // The first lint builds the TypeScript program (seconds on a busy machine); the rest reuse it.
  beforeAll(() => lint(AT.agent, 'export const warm = 1;\n'), 120_000);

  it.each(refused)('refuses %s', async (_arrow, layer, code) => {
    expect(ruleIds(await lint(AT[layer], code))).toContain('no-restricted-imports');
  });

  const allowed: [keyof typeof AT | 'handle', string, string][] = [
    ['agent', 'agent → contract, packages', "import { z } from 'zod';\nimport { catalogs } from '../../contract/messages';\nexport const used = [z, catalogs];\n"],
    ['contract', 'contract → contract, zod', "import { z } from 'zod';\nimport { actionChannel } from './channels';\nexport const used = [z, actionChannel];\n"],
    [
      'main',
      'main → electron, agent, contract',
      "import { app, BrowserWindow } from 'electron';\nimport { createAgent } from '../agent/agent';\nimport { catalogs } from '../contract/messages';\nexport const used = [app, BrowserWindow, createAgent, catalogs];\n",
    ],
    ['handle', 'main/ipc/handle.ts → ipcMain', "import { ipcMain } from 'electron';\nipcMain.handle('x', () => 1);\n"],
    [
      'preload',
      'preload → electron, contract',
      "import { contextBridge, ipcRenderer } from 'electron';\nimport { actionChannel } from '../contract';\nexport const used = [contextBridge, ipcRenderer, actionChannel];\n",
    ],
    [
      'preview',
      'preview → agent, contract, the reference API',
      "import { createAgent } from '../agent/agent';\nimport { catalogs } from '../contract/messages';\nimport { startReferenceApi } from '../../tests/reference-api/server';\nexport const used = [createAgent, catalogs, startReferenceApi];\n",
    ],
    [
      'probe',
      'probe → agent, contract',
      "import { parseAptOutput } from '../agent/updates/parse/apt';\nimport { catalogs } from '../contract/messages';\nexport const used = [parseAptOutput, catalogs];\n",
    ],
    ['renderer', 'renderer → contract', "import { catalogs } from '../../electron/contract/messages';\nexport const used = catalogs;\n"],
  ];
  it.each(allowed)('%s: allows %s', async (layer, _what, code) => {
    const file = layer === 'handle' ? 'electron/main/ipc/handle.ts' : AT[layer];
    expect(await lint(file, code)).toEqual([]);
  });
});

describe('lint: electron loaded at run time (no-restricted-syntax)', () => {
  const forms: [string, string][] = [
    ['await import()', "export const electron = await import('electron');\n"],
    ['await import() of a subpath', "export const electron = await import('electron/main');\n"],
    ['import() of a template literal', 'export const electron = await import(`electron`);\n'],
    ['require()', "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const electron = require('electron');\n"],
    ['module.require()', "export const electron = module.require('electron');\n"],
    ['an import() type', "// eslint-disable-next-line @typescript-eslint/consistent-type-imports\nexport type App = import('electron').App;\n"],
  ];
  const layers = ['agent', 'contract', 'preview', 'renderer'] as const;
  const cases = layers.flatMap((layer) => forms.map(([form, code]) => [layer, form, code] as const));

  it.each(cases)('%s: refuses %s', async (layer, _form, code) => {
    expect(ruleIds(await lint(AT[layer], code))).toEqual(['no-restricted-syntax']);
  });

  it.each(layers)('%s: other packages may still be loaded at run time', async (layer) => {
    expect(await lint(AT[layer], "export const zod = await import('zod');\nexport const updater = await import('electron-updater');\n")).toEqual([]);
  });

  it('main may load electron at run time, but not reach ipcMain through it', async () => {
    expect(await lint(AT.main, "export const { app } = await import('electron');\n")).toEqual([]);
    for (const code of [
      "const { ipcMain } = await import('electron');\nipcMain.handle('x', () => 1);\n",
      "import electron from 'electron';\nelectron.ipcMain.handle('x', () => 1);\n",
    ]) {
      expect(ruleIds(await lint(AT.main, code))).toEqual(['no-restricted-syntax']);
    }
    expect(await lint('electron/main/ipc/handle.ts', "import electron from 'electron';\nelectron.ipcMain.handle('x', () => 1);\n")).toEqual([]);
  });
});
