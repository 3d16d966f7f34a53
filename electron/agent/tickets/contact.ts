import { userInfo } from 'node:os';
import { join } from 'node:path';
import { ContactDetails, FIELD_LIMITS } from '../../contract';
import { readJsonFile, writeFileAtomic } from '../files';
import type { Logger } from '../log';
import { runCommand, type RunResult } from '../platform/run';

type Run = (file: string, args: readonly string[]) => Promise<RunResult>;

const RUN_LIMITS = { timeoutMs: 3000, maxOutputBytes: 16 * 1024 };
const POWERSHELL = 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe';
// `net user` waits for a domain controller; ADSI on the local WinNT provider answers at once.
const FULL_NAME_PS = '([adsi]"WinNT://$env:USERDOMAIN/$env:USERNAME,user").FullName';

const Remembered = ContactDetails.partial();

const clean = (s: string) => s.replace(/[\p{Cc}]/gu, ' ').replace(/\s+/g, ' ').trim().slice(0, FIELD_LIMITS['contact.name']);

function loginName(): string {
  try {
    return userInfo().username;
  } catch {
    return ''; // a user without a passwd entry (containers): no name to start from
  }
}

/** The OS account's full name, or its login name when the OS does not know one. */
export async function osFullName(opts: { platform: NodeJS.Platform; username: string; run?: Run }): Promise<string> {
  const run: Run = opts.run ?? ((file, args) => runCommand(file, args, RUN_LIMITS));
  const { platform, username } = opts;
  try {
    if (platform === 'linux' && /^[a-z_][a-z0-9._-]*\$?$/i.test(username)) {
      const out = await run('/usr/bin/getent', ['passwd', username]);
      const gecos = out.code === 0 ? (out.stdout.split('\n')[0]?.split(':')[4] ?? '') : '';
      const name = clean(gecos.split(',')[0] ?? '');
      if (name) return name;
    } else if (platform === 'darwin') {
      const out = await run('/usr/bin/id', ['-F']);
      const name = out.code === 0 ? clean(out.stdout) : '';
      if (name) return name;
    } else if (platform === 'win32') {
      const out = await run(POWERSHELL, ['-NoProfile', '-NonInteractive', '-Command', FULL_NAME_PS]);
      const name = out.code === 0 ? clean(out.stdout) : '';
      if (name) return name;
    }
  } catch {
    // no such program, or it failed: the login name will do
  }
  return clean(username);
}

/**
 * The contact fields the form starts with: the OS account's full name, and what the employee
 * used on the last ticket (a corrected name too) from `<dataDir>/contact.json`.
 */
export class ContactMemory {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = join(dataDir, 'contact.json');
  }

  async load(opts: { platform?: NodeJS.Platform; run?: Run } = {}): Promise<ContactDetails> {
    const read = await readJsonFile(this.file);
    const parsed = read.ok ? Remembered.safeParse(read.value) : null;
    if (read.ok && !parsed?.success) this.log.warn('contact.json is not valid, starting empty');
    const remembered = parsed?.success ? parsed.data : {};
    // Asking the OS costs a process (PowerShell on Windows) at every start: only when no name is remembered.
    const name = remembered.name || (await osFullName({ platform: opts.platform ?? process.platform, username: loginName(), run: opts.run }));
    return { name, phone: remembered.phone ?? '', email: remembered.email ?? '' };
  }

  /** After a ticket was saved; a failure costs only the convenience. */
  async remember(contact: ContactDetails): Promise<void> {
    try {
      await writeFileAtomic(this.file, JSON.stringify(contact));
    } catch (error) {
      this.log.warn('could not remember the contact details', { error: String(error) });
    }
  }
}
