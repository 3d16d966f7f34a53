import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { INBOX_NAME } from '../../../electron/main/machine-update/apply';
import { createMachineHandoff } from '../../../electron/main/machine-update/handoff';
import { machineDirs, type MachineUpdateDirs } from './fixtures';

let root: string;
let dirs: MachineUpdateDirs;
beforeEach(() => {
  ({ root, dirs } = machineDirs('hallo-handoff-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const handoff = () => createMachineHandoff({ inbox: dirs.inbox, runTask: async () => {}, startTask: () => {} });
const download = (bytes: string) => {
  const file = join(root, `download-${bytes}.exe`);
  writeFileSync(file, bytes);
  return file;
};

describe("the user's side: the inbox", () => {
  it("leaves one installer under a name the task reads (the version, a token of this agent's); a newer one replaces it", async () => {
    const mine = handoff();
    await mine.leave(download('a'), '0.3.0');
    await mine.leave(download('b'), '0.4.0');
    const names = readdirSync(dirs.inbox);
    expect(names).toHaveLength(1);
    expect(names[0]).toMatch(INBOX_NAME);
    expect(INBOX_NAME.exec(names[0]!)![1]).toBe('0.4.0');
  });

  it("two users' agents on one PC leave the same version without taking each other's back", async () => {
    const anna = handoff();
    const ben = handoff();
    await anna.leave(download('a'), '0.3.0');
    await ben.leave(download('b'), '0.3.0');
    expect(readdirSync(dirs.inbox)).toHaveLength(2);
    await anna.takeBack(); // Anna's technician started a remote session
    expect(readdirSync(dirs.inbox)).toHaveLength(1);
  });

  it('tidy: what was left for the installed version or older goes, newer ones and other files stay', async () => {
    writeFileSync(join(dirs.inbox, 'hallo-agent-0.2.0~0a1b2c3d.exe'), 'installed now');
    writeFileSync(join(dirs.inbox, 'hallo-agent-0.1.0~11111111.exe'), 'older');
    writeFileSync(join(dirs.inbox, 'hallo-agent-0.3.0~22222222.exe'), 'newer');
    writeFileSync(join(dirs.inbox, 'notes.txt'), 'not ours');
    await handoff().tidy('0.2.0');
    expect(readdirSync(dirs.inbox).sort()).toEqual(['hallo-agent-0.3.0~22222222.exe', 'notes.txt']);
  });

  it('a version that is not one (from a feed) never becomes a path', async () => {
    await expect(handoff().leave(download('a'), '../../Windows/evil')).rejects.toThrow(/not a version/);
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });

  it('a copy that fails leaves nothing half-written', async () => {
    await expect(handoff().leave(join(root, 'gone.exe'), '0.3.0')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });
});
