import { stat } from 'node:fs/promises';
import { win32 } from 'node:path';
import { readJsonFile, notJsonDetail } from '../files';
import { windowsSystemRoot } from '../platform/os';
import { runCommand, type RunOptions, type RunResult } from '../platform/run';

/*
 * Where managed configuration comes from besides config.json (README "Deployment"), each read
 * into the same plain object that a config.json holds, so that one loader checks them all:
 * - Windows: the registry key the MSI (Intune, Group Policy) writes, `reg query`'d;
 * - macOS: the managed preferences a configuration profile installs, converted by `plutil`.
 * A source is named by what it is, and that name is what the admin view lists.
 */
export const WINDOWS_POLICY_KEY = String.raw`HKLM\SOFTWARE\Policies\hallo\agent`;
export const MACOS_MANAGED_PREFERENCES = '/Library/Managed Preferences/eu.hallo.agent.plist';

export type SourceRead = { ok: true; value: unknown } | { ok: false; missing: boolean; unreadable: boolean; detail: string };

export interface SourceIo {
  run(file: string, args: readonly string[], opts: RunOptions): Promise<RunResult>;
  exists(path: string): Promise<boolean>;
}

const defaultIo: SourceIo = {
  run: runCommand,
  exists: (path) => stat(path).then(() => true, () => false),
};

// Both answer in milliseconds; a hung one must not hold up the agent's start for long.
const RUN: RunOptions = { timeoutMs: 10_000, maxOutputBytes: 256 * 1024 };

export async function readConfigSource(name: string, env: Record<string, string | undefined>, io: SourceIo = defaultIo): Promise<SourceRead> {
  if (name === WINDOWS_POLICY_KEY) return readPolicyKey(name, env, io);
  if (name === MACOS_MANAGED_PREFERENCES) return readManagedPreferences(name, io);
  const read = await readJsonFile(name);
  return read.ok ? read : { ...read, unreadable: /^E[A-Z]+$/.test(read.detail) };
}

/** Value names as Group Policy writes them (ApiUrl) are the file's keys (apiUrl). */
async function readPolicyKey(key: string, env: Record<string, string | undefined>, io: SourceIo): Promise<SourceRead> {
  const root = windowsSystemRoot(env);
  const reg = win32.join(root, 'System32', 'reg.exe');
  let result: RunResult;
  try {
    result = await io.run(reg, ['query', key], { ...RUN, env: { SystemRoot: root } });
  } catch (error) {
    return { ok: false, missing: false, unreadable: true, detail: String(error) };
  }
  if (result.timedOut || result.truncated) return { ok: false, missing: false, unreadable: true, detail: result.timedOut ? 'reg query timed out' : 'reg query printed too much' };
  // Loaded here, on Windows only: its line helpers are the updates parsers', which wait for the first check.
  const { multiStrings, parseRegQuery } = await import('../platform/reg-query');
  const read = parseRegQuery(result.stdout || result.stderr);
  if (read.kind === 'missing') return { ok: false, missing: true, unreadable: false, detail: 'no such key' };
  if (read.kind !== 'values') return { ok: false, missing: false, unreadable: true, detail: read.detail };
  const value = Object.fromEntries(
    Object.entries(read.values).map(([name, { type, data }]) => [name.charAt(0).toLowerCase() + name.slice(1), type === 'REG_MULTI_SZ' ? multiStrings(data) : data]),
  );
  return { ok: true, value };
}

/** A profile's managed preferences: a binary plist, which plutil (every macOS) turns into JSON. */
async function readManagedPreferences(file: string, io: SourceIo): Promise<SourceRead> {
  if (!(await io.exists(file))) return { ok: false, missing: true, unreadable: false, detail: 'ENOENT' };
  let result: RunResult;
  try {
    result = await io.run('/usr/bin/plutil', ['-convert', 'json', '-o', '-', file], { ...RUN, env: {} });
  } catch (error) {
    return { ok: false, missing: false, unreadable: true, detail: String(error) };
  }
  if (result.code !== 0 || result.timedOut || result.truncated) return { ok: false, missing: false, unreadable: true, detail: `plutil could not convert it (exit ${result.code ?? 'killed'})` };
  try {
    return { ok: true, value: JSON.parse(result.stdout) };
  } catch (error) {
    return { ok: false, missing: false, unreadable: false, detail: notJsonDetail(error, result.stdout.length) };
  }
}
