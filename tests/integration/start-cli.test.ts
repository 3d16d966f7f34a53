import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The README's first command on a machine where the Electron binary cannot be had: `npm start`
// tries electron's own installer, then says so in one sentence and points to the preview.
// Where the binary is present this would start the app, so it runs only where it is absent.

const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
const electronDir = resolve('node_modules/electron');
const binaryPresent = existsSync(join(electronDir, 'path.txt'));

describe('npm start', () => {
  it.skipIf(binaryPresent)('without the Electron binary and no way to download it: one sentence, the preview named, no stack trace', () => {
    const run = spawnSync('sh', ['-c', scripts.start!], {
      encoding: 'utf8',
      // A download that fails at once: nothing listens on the discard port; an empty cache.
      env: { ...process.env, ELECTRON_MIRROR: 'http://127.0.0.1:9/', electron_config_cache: mkdtempSync(join(tmpdir(), 'electron-cache-')) },
      timeout: 60_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^The Electron binary could not be downloaded\b.*`npm run preview`/);
    expect(run.stderr + run.stdout).not.toMatch(/^\s+at /m);
  });
});
