import { lstat, mkdir, open, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import semver from 'semver';
import { readInstallerVersion, readSignature, signatureScript, signedBy, versionScript } from './authenticode';

// The update task's run, as SYSTEM (`hallo, agent.exe --apply-update`, helper-mode.ts): copies an
// installer a user's agent left in that user's inbox into SYSTEM's own folder and starts it
// silently only if Windows says it is signed by hallo,, names the product, and its signed version
// is newer than the one installed. The inboxes are the users': SYSTEM only reads there (it never
// writes, renames or deletes by a path a user controls), and a name, a link or a file there
// decides nothing. The installer then replaces the app and starts it again for the logged-on
// users (build/installer.nsh, START_TASK).

/** How the agent names what it leaves (handoff.ts): the version, then a token of its own. */
export const INBOX_NAME = /^hallo-agent-([0-9A-Za-z.+-]{1,64})~([0-9a-f]{8})\.exe$/;
/** An installer of both architectures is about 200 MB; a file far larger is not one. */
export const MAX_INSTALLER_BYTES = 512 * 1024 * 1024;
/** The product name in electron-builder's version resource (electron-builder.yml's productName). */
export const PRODUCT_NAME = 'hallo, agent';
const STAGED = 'hallo-agent-setup.exe';
const INSTALLING = 'installing.json';
/** An installer still running after this long is not waited for (a hung one must not block updates forever). */
const INSTALLING_FOR_MS = 30 * 60 * 1000;

export type Refusal = 'signature-invalid' | 'older-version' | 'not-an-installer' | 'install-failed';
export interface ApplyOutcome {
  outcome: 'started' | 'refused' | 'nothing' | 'busy';
  /** The signed version (started), or the name's (refused: only what the name claims). */
  version: string | null;
  reason: Refusal | null;
  detail: string;
}

export interface ApplyDeps {
  /** Each user's inbox (a folder that does not exist is none). */
  inboxes: readonly string[];
  /** SYSTEM's own folder: the copy, what it refused, the installer running. */
  staging: string;
  /** The installed version (the app running this is the installed one). */
  currentVersion: string;
  /** electron-builder.yml's win.signtoolOptions.publisherName (publisher.ts). */
  publisherNames: readonly string[];
  /** Runs one PowerShell script; stdout and whether it exited 0 with nothing on stderr. */
  powershell(script: string): Promise<{ ok: boolean; stdout: string; detail: string }>;
  /** Starts the installer and does not wait (it replaces the running app, this process too); its process id. */
  startInstaller(file: string, args: string[], env: { TEMP: string; TMP: string }): Promise<number | undefined>;
  /** Whether a process still runs (an installer started by an earlier run). */
  running(pid: number): boolean;
  /** The order of trying the users' inboxes (random in the app: no user can put theirs first). */
  shuffle?: <T>(items: T[]) => T[];
  /** Tests: the copy into SYSTEM's folder (copyIn). */
  copy?: (source: string, target: string) => Promise<'ok' | string>;
  /** How long one file's copy may take before it is left behind (a user can hold it with an oplock). */
  copyTimeoutMs?: number;
  now(): Date;
  log(line: string): void;
}

/** The installer's version resource says `1.2.3` or `1.2.3.0`; a pre-release keeps its tail. */
export function productVersion(text: string): string | null {
  const trimmed = text.trim();
  return semver.valid(trimmed) ?? semver.valid(trimmed.replace(/^(\d+\.\d+\.\d+)\.0$/, '$1'));
}

export async function applyInbox(deps: ApplyDeps): Promise<ApplyOutcome> {
  await mkdir(deps.staging, { recursive: true });
  if (await installerStillRunning(deps)) return { outcome: 'busy', version: null, reason: null, detail: 'an installer started earlier is still running' };
  // What earlier runs left (their copies) goes first.
  for (const name of await readdir(deps.staging).catch(() => [] as string[])) if (name.endsWith(STAGED)) await rm(join(deps.staging, name), { force: true }).catch(() => {});

  // In each user's inbox, the file most recently left there that claims a newer version and was
  // not refused before for what it is (SYSTEM never removes anything there; it knows a file by
  // its path, size and change time, in its own folder). One per inbox, the inboxes in a random
  // order, at most a few per run, each copy with a time limit: a user who floods their own inbox,
  // or holds a file open, holds up no one else's for good. The version that counts is the signed
  // one: a file that lies in its name is only refused.
  const refusedBefore = await readRefused(deps.staging);
  const claims: Array<{ source: string; name: string; version: string; seen: string; at: number }> = [];
  const newestIn = async (inbox: string) => {
    let newest: (typeof claims)[number] | null = null;
    const names = (await readdir(inbox).catch(() => [] as string[])).filter((name) => INBOX_NAME.test(name)).slice(0, MAX_NAMES_PER_INBOX);
    for (const name of names) {
      const version = semver.valid(INBOX_NAME.exec(name)![1]!);
      if (version === null || !semver.gt(version, deps.currentVersion)) continue;
      const source = join(inbox, name);
      const stat = await lstat(source).catch(() => null);
      if (stat === null) continue;
      const seen = `${source}|${stat.size}|${stat.mtimeMs}`;
      if (!refusedBefore.has(seen) && (newest === null || stat.mtimeMs > newest.at)) newest = { source, name, version, seen, at: stat.mtimeMs };
    }
    return newest;
  };
  for (const inbox of deps.inboxes) {
    // Reading one user's inbox is bounded too: a folder someone keeps from answering is skipped.
    const newest = await withTimeout(newestIn(inbox), deps.copyTimeoutMs ?? COPY_TIMEOUT_MS);
    if (newest) claims.push(newest);
  }
  const order = (deps.shuffle ?? shuffled)(claims);

  const refusedNow: string[] = [];
  let outcome: ApplyOutcome = { outcome: 'nothing', version: null, reason: null, detail: 'no newer installer in the inbox' };
  for (const [index, { source, name, version: claimed, seen }] of order.slice(0, MAX_TRIES_PER_RUN).entries()) {
    // A copy of its own per file: one left behind still open must not stand in the next one's way.
    const staged = join(deps.staging, `${index}-${STAGED}`);
    /** `lasting`: the file itself is wrong (not a passing failure: PowerShell not running, a full disk). */
    const refused = (reason: Refusal, detail: string, lasting = false): ApplyOutcome => {
      deps.log(`refused ${name}: ${reason}: ${detail}`);
      if (lasting) refusedNow.push(seen);
      return { outcome: 'refused', version: claimed, reason, detail };
    };
    try {
      const copied = await withTimeout((deps.copy ?? copyIn)(source, staged), deps.copyTimeoutMs ?? COPY_TIMEOUT_MS);
      if (copied === null) {
        outcome = refused('not-an-installer', 'reading it took too long (held open by someone?)');
        continue;
      }
      if (copied !== 'ok') {
        outcome = refused('not-an-installer', copied, true);
        continue;
      }
      const checked = await check(staged, deps);
      if (checked.refusal) {
        outcome = refused(checked.refusal, checked.detail, checked.lasting);
        await rm(staged, { force: true });
        continue;
      }
      deps.log(`starting the installer of ${checked.version} (signed by ${checked.detail})`);
      const tmp = join(deps.staging, 'tmp');
      await mkdir(tmp, { recursive: true });
      try {
        // NSIS unpacks its plug-ins and the old uninstaller into %TEMP%: SYSTEM's is C:\Windows\Temp,
        // where users may write (CVE-2022-24767), so a folder of SYSTEM's own instead.
        const pid = await deps.startInstaller(staged, ['/S', '--updated'], { TEMP: tmp, TMP: tmp });
        if (pid !== undefined) await writeFile(join(deps.staging, INSTALLING), JSON.stringify({ pid, at: deps.now().toISOString() }));
      } catch (error) {
        outcome = refused('install-failed', String(error).slice(0, 300));
        break;
      }
      outcome = { outcome: 'started', version: checked.version, reason: null, detail: checked.detail };
      break;
    } catch (error) {
      // Gone before it was read, unreadable, the disk full: this one is not installed.
      // Gone, unreadable to SYSTEM (an antivirus holding it, a user's rights on it), or the disk
      // full: tried again at the next run, which is one file of that user's inbox only.
      outcome = refused('not-an-installer', String(error).slice(0, 300));
      await rm(staged, { force: true }).catch(() => {});
    }
  }
  if (refusedNow.length > 0) await writeFile(join(deps.staging, REFUSED), JSON.stringify([...refusedBefore, ...refusedNow].slice(-REFUSED_KEPT))).catch(() => {});
  return outcome;
}

const REFUSED = 'refused.json';
const REFUSED_KEPT = 1000;
const MAX_TRIES_PER_RUN = 5;
/** An agent leaves one file per version; far more names in one inbox are not its. */
const MAX_NAMES_PER_INBOX = 1000;
/** An installer is copied on the same disk in seconds; a copy this slow is someone holding the file. */
const COPY_TIMEOUT_MS = 2 * 60 * 1000;

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((done) => (timer = setTimeout(() => done(null), ms)));
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function readRefused(dir: string): Promise<Set<string>> {
  try {
    const list: unknown = JSON.parse(await readFile(join(dir, REFUSED), 'utf8'));
    return new Set(Array.isArray(list) ? list.filter((item): item is string => typeof item === 'string') : []);
  } catch {
    return new Set();
  }
}


/** A second run while the installer replaces the app would hold the app's exe open: it waits for the next one. */
async function installerStillRunning(deps: ApplyDeps): Promise<boolean> {
  try {
    const { pid, at } = JSON.parse(await readFile(join(deps.staging, INSTALLING), 'utf8')) as { pid: number; at: string };
    return deps.now().getTime() - Date.parse(at) < INSTALLING_FOR_MS && deps.running(pid);
  } catch {
    return false;
  }
}

/**
 * Copies the inbox file into SYSTEM's folder: only a plain file of a sane size by its own lstat
 * and by the stat of what was opened. Opening follows a link a user may have swapped in since;
 * what is read then lands only where users cannot look, and is refused by its signature. The
 * copy, not the user's file, is what is checked and run, so it cannot change in between.
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

type Checked = { refusal: null; version: string; detail: string } | { refusal: Refusal; detail: string; lasting: boolean };

async function check(file: string, deps: ApplyDeps): Promise<Checked> {
  const signature = await deps.powershell(signatureScript(file));
  if (!signature.ok) return { refusal: 'signature-invalid', detail: `the signature could not be read: ${signature.detail}`, lasting: false };
  const read = readSignature(signature.stdout);
  if (!read.valid || read.subject === null) return { refusal: 'signature-invalid', detail: read.detail, lasting: true };
  if (read.path !== null && read.path.toLowerCase() !== file.toLowerCase()) return { refusal: 'signature-invalid', detail: `PowerShell read ${read.path}`, lasting: true };
  if (!signedBy(read.subject, deps.publisherNames)) return { refusal: 'signature-invalid', detail: `signed by ${read.subject}`, lasting: true };
  const versionRun = await deps.powershell(versionScript(file));
  if (!versionRun.ok) return { refusal: 'not-an-installer', detail: `the version could not be read: ${versionRun.detail}`, lasting: false };
  const info = readInstallerVersion(versionRun.stdout);
  // Another program of hallo,'s, signed with the same certificate, is not this app's installer.
  if (info?.productName !== PRODUCT_NAME) return { refusal: 'not-an-installer', detail: `not the installer of ${PRODUCT_NAME}: ${versionRun.stdout.trim().slice(0, 120)}`, lasting: true };
  const version = info.productVersion === null ? null : productVersion(info.productVersion);
  if (version === null) return { refusal: 'not-an-installer', detail: `no version in the installer: ${versionRun.stdout.trim().slice(0, 120)}`, lasting: true };
  if (!semver.gt(version, deps.currentVersion)) return { refusal: 'older-version', detail: `${version} is not newer than ${deps.currentVersion}`, lasting: true };
  return { refusal: null, version, detail: read.subject };
}
