import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

// What a running agent holds in memory: the parts it needs rarely (the process list and the
// screenshot codec, both for a report; systeminformation's modules it never calls) load at their
// first use, not at start. A fresh process, since this test run has loaded them all already.

const PROBE = resolve('tests/integration/fixtures/started-agent-modules.ts');

async function modulesOfStartedAgent(): Promise<string[]> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', PROBE], { timeout: 25_000 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '[]') as string[];
}

// systeminformation's modules the agent never calls at start. (network.js may load: osInfo reads
// MAC addresses through it where the kernel masks them, as in containers.)
const NOT_AT_START = ['index', 'processes', 'graphics', 'wifi', 'internet', 'docker', 'virtualbox', 'printer', 'usb', 'audio', 'bluetooth', 'bluetoothVendors', 'users'];

describe('the started agent', () => {
  it('has loaded the systeminformation modules it samples with, not the rest, and no PNG codec', async () => {
    const loaded = await modulesOfStartedAgent();
    expect(loaded).toContain('systeminformation/lib/memory.js'); // it did sample
    expect(loaded).toContain('systeminformation/lib/filesystem.js');
    expect(loaded.filter((path) => NOT_AT_START.some((name) => path === `systeminformation/lib/${name}.js`))).toEqual([]);
    expect(loaded.filter((path) => path.startsWith('pngjs/'))).toEqual([]);
  });
});
