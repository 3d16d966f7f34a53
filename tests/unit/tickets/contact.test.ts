import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/agent/log';
import type { RunResult } from '../../../electron/agent/platform/run';
import { ContactMemory, osFullName } from '../../../electron/agent/tickets/contact';
import { createFakeClock } from '../../doubles/fake-clock';

const ok = (stdout: string): RunResult => ({ code: 0, stdout, stderr: '', timedOut: false, truncated: false });
const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

describe('the contact name from the OS account', () => {
  it('Linux: the GECOS full name from getent', async () => {
    const seen: string[][] = [];
    const name = await osFullName({
      platform: 'linux',
      username: 'anna',
      run: async (file, args) => (seen.push([file, ...args]), ok('anna:x:1000:1000:Anna de Vries,,,:/home/anna:/bin/bash\n')),
    });
    expect(name).toBe('Anna de Vries');
    expect(seen).toEqual([['/usr/bin/getent', 'passwd', 'anna']]);
  });

  it('macOS: id -F; Windows: the ADSI full name through PowerShell, never net user', async () => {
    expect(await osFullName({ platform: 'darwin', username: 'anna', run: async () => ok('Anna de Vries\n') })).toBe('Anna de Vries');
    const seen: string[] = [];
    const name = await osFullName({ platform: 'win32', username: 'anna', run: async (file, args) => (seen.push(file, ...args), ok('Anna de Vries\r\n')) });
    expect(name).toBe('Anna de Vries');
    expect(seen[0]).toMatch(/powershell\.exe$/i);
    expect(seen.join(' ')).toContain('WinNT://');
    expect(seen.join(' ')).not.toMatch(/net(\.exe)? user/);
  });

  it('falls back to the login name when the OS knows no full name or the command fails', async () => {
    expect(await osFullName({ platform: 'linux', username: 'anna', run: async () => ok('anna:x:1000:1000::/home/anna:/bin/bash') })).toBe('anna');
    expect(await osFullName({ platform: 'win32', username: 'anna', run: async () => Promise.reject(new Error('spawn failed')) })).toBe('anna');
    // A name that could be an option is never handed to getent.
    expect(await osFullName({ platform: 'linux', username: '--help', run: async () => ok('root:x:0:0:root:/root:/bin/sh') })).toBe('--help');
  });
});

describe('remembered contact details', () => {
  it('phone and e-mail (and a corrected name) come back from the last ticket; a broken file is ignored', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'hallo-contact-'));
    dirs.push(dir);
    const memory = new ContactMemory(dir, createLogger({ file: null, clock: createFakeClock() }));
    const run = async () => ok('anna:x:1000:1000:Anna de Vries:/home/anna:/bin/bash');
    expect(await memory.load({ platform: 'linux', run })).toMatchObject({ phone: '', email: '' });
    await memory.remember({ name: 'Anna de Vries-Bakker', phone: '06 12345678', email: 'anna@example.nl' });
    expect(await memory.load({ platform: 'linux', run })).toEqual({ name: 'Anna de Vries-Bakker', phone: '06 12345678', email: 'anna@example.nl' });
    await writeFile(join(dir, 'contact.json'), '{"phone": 12}');
    expect(await memory.load({ platform: 'linux', run })).toMatchObject({ phone: '', email: '' });
  });
});
