import { chownSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketDraft } from '../../electron/contract';
import { defaultPreviewDataDir } from '../../electron/preview/data-dir';
import { startPreview } from '../../electron/preview/host';
import { until } from './fixtures/until';

// The preview on a fresh data folder, as `npm run preview` runs it: enrolled with the bundled API,
// a ticket sent, then every folder it made is the user's alone and every file 0600.

const posix = process.platform !== 'win32';
let base: string;
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'hallo-data-folder-'));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true, maxRetries: 5 });
});

const options = (dataDir: string) => ({
  port: 0,
  host: '127.0.0.1',
  rendererDir: base, // the page is not needed here
  systemLanguages: ['nl-NL'],
  configFiles: [],
  appVersion: '0.1.0-test',
  dataDir,
});

/** Every entry under `dir` with its permission bits, folders marked with a trailing slash. */
function modes(dir: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const name = path.slice(dir.length + 1) + (entry.isDirectory() ? '/' : '');
    found[name] = (lstatSync(path).mode & 0o777).toString(8);
  }
  return found;
}

describe.runIf(posix)('the data folder after a real run', () => {
  it('folders are 0700 and files 0600: log, outbox, policy cache, secrets', async () => {
    const dataDir = join(base, 'fresh', 'data');
    const preview = await startPreview(options(dataDir));
    try {
      const { agent } = preview;
      await until('online with categories', () => agent.state().connection.status === 'online' && agent.state().tickets.categories.length > 1);
      const draft: TicketDraft = {
        description: 'Printen lukt niet',
        categoryId: agent.state().tickets.categories[0]!.id,
        impact: 'can-work',
        contact: { name: 'Anna de Vries', phone: '', email: '' },
        relatedItemId: null,
        includeScreenshot: false,
        includeProcesses: false,
      };
      await agent.invoke('tickets.submit', { draft });
      await until('the ticket sent', () => agent.state().tickets.outbox.some((entry) => entry.status === 'sent'));
    } finally {
      await preview.close();
    }
    const found = modes(dataDir);
    // What a run writes (the outbox keeps a sent ticket for a day).
    expect(Object.keys(found)).toEqual(expect.arrayContaining(['logs/', 'logs/agent.log', 'outbox/', 'secrets/', 'secrets/device-token.secret', 'policy.json', 'enrolment.json']));
    expect(Object.keys(found).some((name) => /^outbox\/[0-9A-Z]{26}\.json$/.test(name))).toBe(true);
    const wrong = Object.entries(found).filter(([name, mode]) => mode !== (name.endsWith('/') ? '700' : '600'));
    expect(wrong).toEqual([]);
    expect((lstatSync(dataDir).mode & 0o777).toString(8)).toBe('700');
  });

  it.runIf(process.getuid?.() === 0)('a data folder another user created first is refused: the preview does not start', async () => {
    const planted = join(base, 'planted');
    mkdirSync(planted, { mode: 0o777 });
    chownSync(planted, 65534, 65534); // nobody
    await expect(startPreview(options(planted))).rejects.toThrow(`refusing the data folder ${planted}: another user owns it`);
    expect(readdirSync(planted)).toEqual([]);
  });

  it('the default folder is the user\'s own cache, not a fixed name in the shared temp folder', () => {
    expect(defaultPreviewDataDir({ platform: 'linux', env: {}, homedir: '/home/anna', tmpdir: '/tmp' })).toBe('/home/anna/.cache/hallo-agent/preview');
    expect(defaultPreviewDataDir({ platform: 'darwin', env: { XDG_CACHE_HOME: '/var/anna-cache' }, homedir: '/Users/anna', tmpdir: '/tmp' })).toBe('/var/anna-cache/hallo-agent/preview');
    expect(defaultPreviewDataDir({ platform: 'linux', env: { XDG_CACHE_HOME: 'relative' }, homedir: '/home/anna', tmpdir: '/tmp' })).toBe('/home/anna/.cache/hallo-agent/preview');
  });
});
