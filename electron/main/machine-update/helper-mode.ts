import { spawn } from 'node:child_process';
import { appendFile, lstat, mkdir, readdir, rename, stat } from 'node:fs/promises';
import { dirname, win32 } from 'node:path';
import { windowsPowerShellPath } from '../../agent/platform/powershell-host';
import { runCommand } from '../../agent/platform/run';
import { applyInbox, type ApplyDeps } from './apply';
import { HELPER_ARGS, profileInbox, systemDirs } from './places';
import { powershellArgs } from './powershell';
import { PUBLISHER_NAMES } from './publisher';
import { registerUpdateTasks } from './register';
import type { Run } from './schtasks';

// The app started by the installer or a task to do one thing and quit, before any window,
// tray or agent (index.ts): `--register-update-task` (the installer, elevated) and
// `--apply-update` (the update task, as SYSTEM). No other argument changes what the app does.

export type HelperMode = 'apply' | 'register';

/** A run copies and checks at most five installers of a few seconds each; one this long is held up. */
const RUN_DEADLINE_MS = 20 * 60 * 1000;

export function helperModeOf(argv: readonly string[]): HelperMode | null {
  if (argv.includes(HELPER_ARGS.apply)) return 'apply';
  if (argv.includes(HELPER_ARGS.register)) return 'register';
  return null;
}

export interface HelperDeps {
  platform: NodeJS.Platform;
  /** The app's own executable (process.execPath): what the tasks run. */
  exe: string;
  env: Record<string, string | undefined>;
  currentVersion: string;
  /** Tests: folders of their own instead of the machine's. */
  dirs?: { inboxes: string[]; staging: string; log: string };
  run?: Run;
  startInstaller?: ApplyDeps['startInstaller'];
  running?: ApplyDeps['running'];
  /** Tests: the whole run's time limit. */
  runDeadlineMs?: number;
}

/** The exit code: 0 done (or nothing to do), 1 failed; the reason is in the task log. */
export async function runHelper(mode: HelperMode, deps: HelperDeps): Promise<number> {
  if (deps.platform !== 'win32') return 1;
  const log = taskLog(deps.dirs?.log ?? systemDirs(deps.env).log);
  const run = deps.run ?? runCommand;
  try {
    if (mode === 'register') {
      await registerUpdateTasks({ exe: deps.exe, env: deps.env, run });
      await log('registered the update and start tasks');
      return 0;
    }
    const dirs = deps.dirs ?? (await machineDirs(deps.env));
    const powershell = windowsPowerShellPath(deps.env);
    const applying = applyInbox({
      inboxes: dirs.inboxes,
      staging: dirs.staging,
      currentVersion: deps.currentVersion,
      publisherNames: PUBLISHER_NAMES,
      async powershell(script) {
        const result = await run(powershell, powershellArgs(script), {
          timeoutMs: 60_000,
          maxOutputBytes: 64 * 1024,
        });
        return { ok: result.code === 0 && result.stderr.trim() === '', stdout: result.stdout, detail: (result.stderr || `exit ${result.code}`).trim().slice(0, 300) };
      },
      startInstaller: deps.startInstaller ?? startDetached,
      running: deps.running ?? isRunning,
      now: () => new Date(),
      log: (line) => void log(line),
    });
    // However the run is held up (a file someone keeps from being read), it ends: index.ts exits
    // the process, and the next trigger runs afresh. Windows applies no time limit to a run on demand.
    const outcome = await Promise.race([applying, new Promise<null>((done) => setTimeout(() => done(null), deps.runDeadlineMs ?? RUN_DEADLINE_MS).unref())]);
    if (outcome === null) {
      await log(`stopped after ${Math.round((deps.runDeadlineMs ?? RUN_DEADLINE_MS) / 1000)} s`);
      return 1;
    }
    await log(`${outcome.outcome}${outcome.version ? ` ${outcome.version}` : ''}${outcome.reason ? `: ${outcome.reason}` : ''}: ${outcome.detail}`);
    return outcome.outcome === 'refused' ? 1 : 0;
  } catch (error) {
    await log(`${mode} failed: ${String(error)}`);
    return 1;
  }
}

/** SYSTEM's folders, and every profile's inbox (a profile without one has none). */
async function machineDirs(env: Record<string, string | undefined>) {
  const { profiles, staging, log } = systemDirs(env);
  const entries = await readdir(profiles, { withFileTypes: true }).catch(() => []);
  // Real folders only: "All Users" and "Default User" are links (to ProgramData, to Default), and
  // Default and Public are no one's; only administrators can make a folder here.
  const users = entries.filter((entry) => entry.isDirectory() && !NOT_USERS.has(entry.name.toLowerCase()));
  const inboxes: string[] = [];
  for (const entry of users) {
    const inbox = profileInbox(win32.join(profiles, entry.name));
    if (await linkFreeBelow(win32.join(profiles, entry.name), inbox)) inboxes.push(inbox);
  }
  return { inboxes, staging, log };
}

/**
 * Whether every folder from the profile down to its inbox exists and is a plain folder: SYSTEM
 * follows no link a user made there (one to a network share would make Windows sign in to it as
 * this computer).
 */
export async function linkFreeBelow(profile: string, inbox: string, path = win32): Promise<boolean> {
  const parts = path.relative(profile, inbox).split(path.sep);
  let at = profile;
  for (const part of parts) {
    at = path.join(at, part);
    const stat = await lstat(at).catch(() => null);
    if (stat === null || stat.isSymbolicLink() || !stat.isDirectory()) return false;
  }
  return true;
}
const NOT_USERS = new Set(['all users', 'default', 'default user', 'public']);

/** The installer outlives this process (it replaces the app that runs this), with the environment it is given. */
function startDetached(file: string, args: string[], env: { TEMP: string; TMP: string }): Promise<number | undefined> {
  return new Promise((started, failed) => {
    const child = spawn(file, args, { detached: true, stdio: 'ignore', windowsHide: true, shell: false, env: { ...process.env, ...env } });
    child.once('error', failed);
    child.once('spawn', () => {
      child.unref();
      started(child.pid);
    });
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Lines for the admin (%ProgramData%\hallo\agent\updates\task.log), kept to about 256 KB and one older file. */
const TASK_LOG_MAX = 256 * 1024;
function taskLog(file: string) {
  return async (line: string) => {
    try {
      await mkdir(dirname(file), { recursive: true });
      if (((await stat(file).catch(() => null))?.size ?? 0) > TASK_LOG_MAX) await rename(file, `${file}.1`);
      await appendFile(file, `${new Date().toISOString()} ${line}\r\n`);
    } catch {
      // The log is only for reading later; the update does not wait for it.
    }
  };
}
