import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { startReferenceApi } from '../reference-api/server';
import { bundleLikeMain } from './fixtures/bundle';

// What a running agent holds in memory: the parts it needs rarely (the process list and the
// screenshot codec, both for a report; systeminformation's modules it never calls) load at their
// first use, not at start. A fresh process, since this test run has loaded them all already; bundled
// like the app's main process (its packages external), since tsx would load node:crypto itself.

const PROBE = resolve('tests/.tmp/modules/started-agent-modules.mjs');
beforeAll(async () => {
  rmSync(dirname(PROBE), { recursive: true, force: true }); // no chunks of an earlier build
  await bundleLikeMain('tests/integration/fixtures/started-agent-modules.ts', PROBE);
});

interface Loaded {
  packages: string[];
  chunks: string[];
  builtins: string[];
  dateFormats: number;
}
const RECORD_MODULES = pathToFileURL(resolve('tests/integration/fixtures/record-modules.mjs')).href;

/** The bundle's entry and its chunks. */
function bundleFiles(): string[] {
  return readdirSync(dirname(PROBE))
    .filter((name) => name.endsWith('.mjs'))
    .map((name) => join(dirname(PROBE), name));
}

async function modulesOfStartedAgent(...args: string[]): Promise<Loaded> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', RECORD_MODULES, PROBE, ...args], { timeout: 25_000 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Loaded;
}

// systeminformation's modules the agent never calls at start. (network.js may load: osInfo reads
// MAC addresses through it where the kernel masks them, as in containers.)
const NOT_AT_START = ['index', 'processes', 'graphics', 'wifi', 'internet', 'docker', 'virtualbox', 'printer', 'usb', 'audio', 'bluetooth', 'bluetoothVendors', 'users'];

describe('the started agent', () => {
  it('has loaded the systeminformation modules it samples with, not the rest, and no PNG codec', async () => {
    const { packages } = await modulesOfStartedAgent();
    expect(packages).toContain('systeminformation/lib/memory.js'); // it did sample
    expect(packages).toContain('systeminformation/lib/filesystem.js');
    expect(packages.filter((path) => NOT_AT_START.some((name) => path === `systeminformation/lib/${name}.js`))).toEqual([]);
    expect(packages.filter((path) => path.startsWith('pngjs/'))).toEqual([]);
  });

  it('holds zod bundled, without its ~60 locales, and its own source in Latin-1 (one byte a character)', async () => {
    const { packages } = await modulesOfStartedAgent();
    expect(packages.filter((path) => path.startsWith('zod/'))).toEqual([]); // zod as a package loads them all (build/main-bundle.ts)
    const beyondLatin1 = bundleFiles().flatMap((file) => readFileSync(file, 'utf8').match(/[^\0-\xff]/g) ?? []);
    expect(beyondLatin1).toEqual([]); // one would make V8 hold the whole source at two bytes a character
  });

  it('loads the updates providers and their parsers at the first check (2 minutes after login), not at start', async () => {
    const { chunks } = await modulesOfStartedAgent();
    // The bundler writes each module's path above its code: the parsers are in a chunk of their own.
    const withParsers = bundleFiles().filter((file) => readFileSync(file, 'utf8').includes('// electron/agent/updates/parse/'));
    expect(withParsers.map((file) => basename(file))).not.toContain(basename(PROBE));
    expect(withParsers).not.toEqual([]);
    expect(chunks.filter((chunk) => withParsers.some((file) => basename(file) === chunk))).toEqual([]);
  });

  it('holds no fflate: the diagnostics zip is built with it at the first export, not at start', async () => {
    const { packages, chunks } = await modulesOfStartedAgent();
    const loaded = [PROBE, ...chunks.map((chunk) => join(dirname(PROBE), chunk))];
    expect(loaded.filter((file) => readFileSync(file, 'utf8').includes('// node_modules/fflate/')).map((file) => basename(file))).toEqual([]);
    expect(packages.filter((path) => path.startsWith('fflate/'))).toEqual([]);
  });

  it('holds no i18next: the health report says its words with it at the first report, not at start', async () => {
    const { packages } = await modulesOfStartedAgent();
    expect(packages.filter((path) => path.startsWith('i18next/'))).toEqual([]);
  });

  it('holds no jose: remote support verifies a request with it at the first request, not at start', async () => {
    const { packages, chunks } = await modulesOfStartedAgent();
    // jose is bundled (a devDependency) or, once a dependency, loaded from node_modules: neither at start.
    const loaded = [PROBE, ...chunks.map((chunk) => join(dirname(PROBE), chunk))];
    expect(loaded.filter((file) => readFileSync(file, 'utf8').includes('// node_modules/jose/')).map((file) => basename(file))).toEqual([]);
    expect(packages.filter((path) => path.startsWith('jose/'))).toEqual([]);
  });

  it('talks to the API over node:http in the preview, without fetch: undici never loads; no node:crypto, no Intl date format, no Ajv compiler', async () => {
    const api = await startReferenceApi({ port: 0, host: '127.0.0.1' });
    try {
      const { builtins, dateFormats, packages } = await modulesOfStartedAgent(api.url, api.enrollmentCode);
      expect(builtins).toContain('_http_client'); // it did talk to the API
      expect(builtins.filter((name) => name.includes('undici'))).toEqual([]);
      expect(builtins).not.toContain('crypto'); // node:crypto (about 2 MB) waits for the first ticket's id
      expect(dateFormats).toBe(0); // the servicedesk's hours are worked out without Intl (ICU data, about 8 MB)
      // The API's answers pass validators compiled ahead (build/api-validators.ts), each from its own
      // file: Ajv's compiler (about 2 MB of heap with its compiled schemas) never loads.
      expect(packages).toContain('ajv/dist/runtime/ucs2length.js'); // it did validate
      expect(packages.filter((path) => /^ajv(-formats)?\//.test(path) && !/^ajv\/dist\/runtime\/|^ajv-formats\/dist\/formats\.js$/.test(path))).toEqual([]);
      expect(api.received.requests.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining(['POST /enroll', 'GET /events']));
      // Self-update compares versions (semver) at its first read of the feed, minutes after start.
      expect(packages.filter((path) => path.startsWith('semver/'))).toEqual([]);
    } finally {
      await api.close();
    }
  });
});
