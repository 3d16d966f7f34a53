import { lstat, mkdir, open, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import semver from 'semver';
import { readSignature, signatureScript, signedBy, versionScript } from './authenticode';
import type { MachineUpdateDirs } from './places';
import { writeTaskResult, type Refusal, type TaskResult } from './result';

// The update task's run, as SYSTEM (`hallo, agent.exe --apply-update`, helper-mode.ts): takes the
// installer a user's agent left in the inbox, copies it where only SYSTEM and Administrators can
// write or read, and starts it silently only if Windows says it is signed by hallo, and its signed
// version is newer than the one installed. The inbox is the user's: a name, a link or a file
// there decides nothing. The installer then replaces the app and starts it again for the
// logged-on users (build/installer.nsh, START_TASK).

/** The agent names what it leaves `hallo-agent-<version>.exe` (handoff.ts); anything else is not looked at. */
export const INBOX_NAME = /^hallo-agent-([0-9A-Za-z.+-]{1,64})\.exe$/;
/** An installer of both architectures is about 200 MB; a file far larger is not one. */
export const MAX_INSTALLER_BYTES = 512 * 1024 * 1024;
const STAGED = 'hallo-agent-setup.exe';

export interface ApplyDeps {
  dirs: MachineUpdateDirs;
  /** The installed version (the app running this is the installed one). */
  currentVersion: string;
  /** electron-builder.yml's win.signtoolOptions.publisherName (publisher.ts). */
  publisherNames: readonly string[];
  /** Runs one PowerShell script; stdout and whether it exited 0. */
  powershell(script: string): Promise<{ ok: boolean; stdout: string; detail: string }>;
  /** Starts the installer and does not wait (it replaces the running app, this process too). */
  startInstaller(file: string, args: string[]): Promise<void>;
  now(): Date;
  log(line: string): void;
}

/** The installer's version resource says `1.2.3` or `1.2.3.0`; a pre-release keeps its tail. */
export function productVersion(text: string): string | null {
  const trimmed = text.trim();
  return semver.valid(trimmed) ?? semver.valid(trimmed.replace(/^(\d+\.\d+\.\d+)\.0$/, '$1'));
}

export async function applyInbox(deps: ApplyDeps): Promise<TaskResult> {
  const { dirs } = deps;
  const result = (fields: Omit<TaskResult, 'at'>): TaskResult => ({ at: deps.now().toISOString(), ...fields });
  await mkdir(dirs.staging, { recursive: true });
  const staged = join(dirs.staging, STAGED);
  await rm(staged, { force: true });

  // Newest first by name: only the order of trying, the version that counts is the signed one.
  const names = (await readdir(dirs.inbox).catch(() => [] as string[])).filter((name) => INBOX_NAME.test(name));
  const nameVersion = (name: string) => semver.valid(INBOX_NAME.exec(name)![1]!) ?? '0.0.0';
  names.sort((a, b) => semver.rcompare(nameVersion(a), nameVersion(b)));

  let outcome = result({ outcome: 'nothing', version: null, reason: null, detail: 'no installer in the inbox' });
  for (const name of names) {
    const source = join(dirs.inbox, name);
    const refused = (reason: Refusal, detail: string) => {
      deps.log(`refused ${name}: ${reason}: ${detail}`);
      return result({ outcome: 'refused', version: nameVersion(name), reason, detail });
    };
    try {
      const copied = await copyIn(source, staged);
      if (copied !== 'ok') {
        outcome = refused('not-an-installer', copied);
        continue;
      }
      const checked = await check(staged, deps);
      if (checked.refusal) {
        outcome = refused(checked.refusal, checked.detail);
        await rm(staged, { force: true });
        continue;
      }
      deps.log(`starting the installer of ${checked.version} (signed by ${checked.detail})`);
      try {
        await deps.startInstaller(staged, ['/S', '--updated']);
      } catch (error) {
        outcome = refused('install-failed', String(error));
        break;
      }
      outcome = result({ outcome: 'started', version: checked.version, reason: null, detail: checked.detail });
      break;
    } catch (error) {
      // Gone before it was read, unreadable, the disk full: this one is not installed.
      outcome = refused('not-an-installer', String(error).slice(0, 300));
      await rm(staged, { force: true }).catch(() => {});
    } finally {
      // Used or refused, it is gone from the inbox: the agent leaves it again if it still wants it.
      await rm(source, { force: true }).catch(() => {});
    }
  }
  // The rest of the inbox (older ones, when one started) is not needed any more.
  for (const name of names) await rm(join(dirs.inbox, name), { force: true }).catch(() => {});
  await writeTaskResult(dirs.result, outcome).catch((error: unknown) => deps.log(`result not written: ${String(error)}`));
  return outcome;
}

/**
 * Copies the inbox file into the staging folder: never a link (lstat), only a regular file of a
 * sane size (the opened file's own stat, in case it was swapped after the lstat). The copy, not
 * the user's file, is what is checked and run, so it cannot change in between.
 */
async function copyIn(source: string, target: string): Promise<'ok' | string> {
  const link = await lstat(source);
  if (!link.isFile()) return 'not a plain file (a link or a folder)';
  const handle = await open(source, 'r');
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return 'not a plain file';
    if (stat.size > MAX_INSTALLER_BYTES) return `${stat.size} bytes: too large for an installer`;
    const out = await open(target, 'wx');
    await pipeline(handle.createReadStream({ start: 0, end: MAX_INSTALLER_BYTES - 1, autoClose: false }), out.createWriteStream());
    return 'ok';
  } finally {
    await handle.close();
  }
}

type Checked = { refusal: null; version: string; detail: string } | { refusal: Refusal; detail: string };

async function check(file: string, deps: ApplyDeps): Promise<Checked> {
  const signature = await deps.powershell(signatureScript(file));
  if (!signature.ok) return { refusal: 'signature-invalid', detail: `the signature could not be read: ${signature.detail}` };
  const read = readSignature(signature.stdout);
  if (!read.valid || read.subject === null) return { refusal: 'signature-invalid', detail: read.detail };
  if (read.path !== null && read.path.toLowerCase() !== file.toLowerCase()) return { refusal: 'signature-invalid', detail: `PowerShell read ${read.path}` };
  if (!signedBy(read.subject, deps.publisherNames)) return { refusal: 'signature-invalid', detail: `signed by ${read.subject}` };
  const versionRun = await deps.powershell(versionScript(file));
  const version = versionRun.ok ? productVersion(versionRun.stdout) : null;
  if (version === null) return { refusal: 'not-an-installer', detail: `no version in the installer: ${versionRun.stdout.trim().slice(0, 80)}` };
  if (!semver.gt(version, deps.currentVersion)) return { refusal: 'older-version', detail: `${version} is not newer than ${deps.currentVersion}` };
  return { refusal: null, version, detail: read.subject };
}
