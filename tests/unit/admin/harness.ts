import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import type { SaveOutcome } from '../../../electron/contract';
import { adminCapability } from '../../../electron/agent/admin/capability';
import { sliceStore, type CapabilityContext } from '../../../electron/agent/capability';
import { initialState } from '../../../electron/agent/capabilities';
import type { LoadedConfig } from '../../../electron/agent/config/managed-config';
import { createLogger } from '../../../electron/agent/log';
import { DEFAULT_POLICY } from '../../../electron/agent/config/policy-defaults';
import type { SaveTarget } from '../../../electron/agent/ports';
import { AgentStore } from '../../../electron/agent/store';
import { createFakeClock } from '../../doubles/fake-clock';

// The admin capability on a data folder of the test's own, with a device token in the secret store
// and a managed configuration file: as the admin view meets it through its three actions.

export const TOKEN = 'tok_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
export const CODE = 'ENROL-7Q4K-22XP';

const dirs: string[] = [];
export async function removeFolders(): Promise<void> {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true, maxRetries: 5 })));
}

export async function dataFolder(): Promise<{ root: string; dataDir: string; configFile: string }> {
  const root = await mkdtemp(join(tmpdir(), 'hallo-admin-'));
  dirs.push(root);
  const dataDir = join(root, 'data');
  await mkdir(join(dataDir, 'logs'), { recursive: true });
  return { root, dataDir, configFile: join(root, 'hallo-agent.json') };
}

export async function writeLog(dataDir: string, lines: readonly (object | string)[], rotated = false): Promise<void> {
  const text = lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n') + '\n';
  await writeFile(join(dataDir, 'logs', rotated ? 'agent.log.1' : 'agent.log'), text);
}

/** Saved files, as a SaveTarget that hands them back to the test. */
export function savingTarget(): SaveTarget & { saved: { suggestedName: string; contentType: string; bytes: Uint8Array }[] } {
  const saved: { suggestedName: string; contentType: string; bytes: Uint8Array }[] = [];
  return {
    saved,
    async save(file): Promise<SaveOutcome> {
      saved.push(file);
      return { outcome: 'saved', path: `/exports/${file.suggestedName}`, bytes: file.bytes.byteLength };
    },
  };
}

export function startAdmin(opts: { dataDir: string; configFiles?: string[]; save?: SaveTarget; config?: LoadedConfig['config']; now?: number }) {
  const clock = createFakeClock(opts.now ?? Date.parse('2026-12-07T08:30:00Z'));
  const store = new AgentStore(initialState({ appVersion: '1.4.0', platform: 'linux' }));
  const log = createLogger({ file: null, clock });
  const ctx = {
    ports: {
      clock,
      secrets: { get: async (name: string) => (name === 'device-token' ? TOKEN : null), set: async () => undefined, delete: async () => undefined },
      paths: { dataDir: opts.dataDir, configFiles: opts.configFiles ?? [] },
      ...(opts.save ? { admin: { save: opts.save } } : {}),
    },
    clock,
    options: { appVersion: '1.4.0', systemLanguages: ['nl-NL'] },
    log,
    dataDir: opts.dataDir,
    config: () => ({ config: opts.config ?? { enrollmentCode: CODE }, files: opts.configFiles ?? [], problems: [] }),
    policy: () => DEFAULT_POLICY,
  } as unknown as CapabilityContext;
  const capability = adminCapability.create(ctx, sliceStore(store, 'admin', adminCapability.slices));
  return { capability, store, log };
}

export function unzipped(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}
