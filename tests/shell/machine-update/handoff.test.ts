import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMachineHandoff } from '../../../electron/main/machine-update/handoff';
import type { MachineUpdateDirs } from '../../../electron/main/machine-update/places';

let root: string;
let dirs: MachineUpdateDirs;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'hallo-handoff-'));
  dirs = { inbox: join(root, 'inbox'), staging: join(root, 'staging'), result: join(root, 'result.json') };
  mkdirSync(dirs.inbox);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const handoff = () => createMachineHandoff({ dirs, runTask: async () => {}, startTask: () => {} });
const download = (bytes: string) => {
  const file = join(root, `download-${bytes}.exe`);
  writeFileSync(file, bytes);
  return file;
};

describe("the user's side: the inbox", () => {
  it('leaves one installer under the name the task looks for; a newer one replaces it; another agent\'s file is left alone', async () => {
    writeFileSync(join(dirs.inbox, 'hallo-agent-0.2.0.exe'), "another user's agent");
    const mine = handoff();
    await mine.leave(download('a'), '0.3.0');
    await mine.leave(download('b'), '0.4.0');
    expect(readdirSync(dirs.inbox).sort()).toEqual(['hallo-agent-0.2.0.exe', 'hallo-agent-0.4.0.exe']);
    await mine.takeBack();
    expect(readdirSync(dirs.inbox)).toEqual(['hallo-agent-0.2.0.exe']);
  });

  it('a version that is not one (from a feed) never becomes a path', async () => {
    await expect(handoff().leave(download('a'), '../../Windows/evil')).rejects.toThrow(/not a version/);
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });

  it('a copy that fails leaves nothing half-written', async () => {
    await expect(handoff().leave(join(root, 'gone.exe'), '0.3.0')).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dirs.inbox)).toEqual([]);
  });

  it('the last result: null when there is none or it is not one', async () => {
    expect(await handoff().lastResult()).toBeNull();
    writeFileSync(dirs.result, '{"outcome":"started"');
    expect(await handoff().lastResult()).toBeNull();
  });
});
