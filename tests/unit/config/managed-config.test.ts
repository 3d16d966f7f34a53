import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadManagedConfig } from '../../../electron/agent/config/managed-config';
import { managedConfigPath } from '../../../electron/agent/config/managed-path';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hallo-config-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function file(name: string, content: string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  return path;
}

describe('loadManagedConfig', () => {
  it('merges files in order, later ones winning, then the HALLO_* environment', async () => {
    const a = await file('a.json', JSON.stringify({ apiUrl: 'https://a.example/v1/', language: 'en', enrollmentCode: 'AAAA-1' }));
    const b = await file('b.json', JSON.stringify({ apiUrl: 'https://b.example/v1', reportShortcut: 'Ctrl+Alt+H' }));
    const loaded = await loadManagedConfig([a, b], { HALLO_ENROLLMENT_CODE: 'ENV-CODE', OTHER: 'x' });
    expect(loaded.config).toEqual({
      apiUrl: 'https://b.example/v1',
      language: 'en',
      enrollmentCode: 'ENV-CODE',
      reportShortcut: 'Ctrl+Alt+H',
    });
    expect(loaded.files).toEqual([a, b]);
    expect(loaded.problems).toEqual([]);
  });

  it('treats a missing file as normal: no problem, not listed', async () => {
    const loaded = await loadManagedConfig([join(dir, 'absent.json')], {});
    expect(loaded).toEqual({ config: {}, files: [], problems: [] });
  });

  it('reports broken JSON with the file, and keeps the other files', async () => {
    const good = await file('good.json', JSON.stringify({ apiUrl: 'https://good.example' }));
    const broken = await file('broken.json', '{ "apiUrl": ');
    const loaded = await loadManagedConfig([good, broken], {});
    expect(loaded.config.apiUrl).toBe('https://good.example');
    expect(loaded.problems).toEqual([{ file: broken, field: '', code: 'invalid-json', detail: expect.any(String) }]);
  });

  it('says where the JSON breaks, never what the file says (a link to /etc/shadow stays unquoted)', async () => {
    const secret = await file('shadow-like.json', 'root:$6$saltsalt$hashhashhash:19000:0:99999:7:::\n');
    const tail = await file('tail.json', '{"apiUrl": "https://a.example"} leaked-secret');
    const loaded = await loadManagedConfig([secret, tail], {});
    expect(loaded.problems).toEqual([
      { file: secret, field: '', code: 'invalid-json', detail: 'not valid JSON' },
      { file: tail, field: '', code: 'invalid-json', detail: 'not valid JSON at position 32' },
    ]);
    expect(JSON.stringify(loaded)).not.toMatch(/root|hash|leaked/);
  });

  it('reports an unreadable file', async () => {
    const folder = join(dir, 'config.json');
    await mkdir(folder);
    const loaded = await loadManagedConfig([folder], {});
    expect(loaded.problems).toEqual([{ file: folder, field: '', code: 'unreadable', detail: 'EISDIR' }]);
  });

  it('names each bad field; the valid fields of the same and other files still apply', async () => {
    const base = await file('base.json', JSON.stringify({ apiUrl: 'https://base.example', language: 'nl' }));
    const bad = await file(
      'bad.json',
      JSON.stringify({ apiUrl: 'http://evil.example', language: 'de', enrollmentCode: 'GOOD-CODE', apiUrll: 'x' }),
    );
    const loaded = await loadManagedConfig([base, bad], {});
    expect(loaded.config).toEqual({ apiUrl: 'https://base.example', language: 'nl', enrollmentCode: 'GOOD-CODE' });
    expect(loaded.problems.map((p) => [p.file, p.field, p.code])).toEqual([
      [bad, 'apiUrl', 'invalid-value'],
      [bad, 'language', 'invalid-value'],
      [bad, 'apiUrll', 'invalid-value'],
    ]);
  });

  it('refuses a file that is not an object', async () => {
    const list = await file('list.json', '[1,2]');
    const loaded = await loadManagedConfig([list], {});
    expect(loaded.problems).toEqual([{ file: list, field: '', code: 'invalid-value', detail: expect.any(String) }]);
  });

  it('accepts http only for loopback', async () => {
    for (const [url, ok] of [
      ['http://127.0.0.1:4010/v1', true],
      ['http://localhost:4010', true],
      ['http://[::1]:4010', true],
      ['http://192.168.1.10', false],
      ['https://user:pw@agent.example', false],
      ['ftp://agent.example', false],
      ['not a url', false],
    ] as const) {
      const loaded = await loadManagedConfig([], { HALLO_API_URL: url });
      expect(loaded.config.apiUrl !== undefined, url).toBe(ok);
      if (!ok) expect(loaded.problems[0]).toMatchObject({ file: 'environment', field: 'HALLO_API_URL', code: 'invalid-value' });
    }
  });

  it('takes the self-update feed from HALLO_UPDATE_FEED_URL (the preview): https, or http on loopback only', async () => {
    for (const [url, ok] of [
      ['http://127.0.0.1:4010/updates', true],
      ['https://mirror.klant.nl/hallo/', true],
      ['http://mirror.klant.nl/hallo', false],
    ] as const) {
      const loaded = await loadManagedConfig([], { HALLO_UPDATE_FEED_URL: url });
      expect(loaded.config.updateFeedUrl, url).toBe(ok ? url.replace(/\/$/, '') : undefined);
      if (!ok) expect(loaded.problems[0]).toMatchObject({ file: 'environment', field: 'HALLO_UPDATE_FEED_URL', code: 'invalid-value' });
    }
  });

  it('skips a BOM at the start of a file written by Notepad', async () => {
    const bom = await file('bom.json', '\uFEFF{"language":"en"}');
    expect((await loadManagedConfig([bom], {})).config).toEqual({ language: 'en' });
  });
});

describe('managedConfigPath', () => {
  it('gives the per-OS machine-wide file', () => {
    expect(managedConfigPath('win32', { ProgramData: 'D:\\PD' })).toBe('D:\\PD\\hallo\\agent\\config.json');
    expect(managedConfigPath('win32', {})).toBe('C:\\ProgramData\\hallo\\agent\\config.json');
    expect(managedConfigPath('darwin', {})).toBe('/Library/Application Support/hallo/agent/config.json');
    expect(managedConfigPath('linux', {})).toBe('/etc/hallo-agent/config.json');
  });
});
