import { homedir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TOKEN, dataFolder, removeFolders, startAdmin, writeLog } from './harness';

// The admin view's log: the last lines at a level or above, newest last, over agent.log and the
// file rotated away; lines that are not the agent's skipped; masked as the diagnostics are.

afterEach(removeFolders);

const line = (minute: number, level: string, msg: string, data?: object) => ({ at: `2026-12-07T08:${String(minute).padStart(2, '0')}:00.000Z`, level, scope: 'test', msg, ...(data ? { data } : {}) });

describe('admin.readLog', () => {
  it('gives the newest lines at the level or above, across the rotated file, newest last', async () => {
    const { dataDir } = await dataFolder();
    await writeLog(dataDir, [line(1, 'warn', 'old warning'), line(2, 'debug', 'old detail')], true);
    await writeLog(dataDir, [line(3, 'info', 'started'), line(4, 'error', 'api down'), line(5, 'warn', 'slow disk'), line(6, 'info', 'back online')]);
    const { capability } = startAdmin({ dataDir });
    const read = async (level: 'debug' | 'info' | 'warn' | 'error', limit: number) => (await capability.actions['admin.readLog']({ level, limit })).lines.map((l) => l.msg);
    expect(await read('debug', 100)).toEqual(['old warning', 'old detail', 'started', 'api down', 'slow disk', 'back online']);
    expect(await read('warn', 100)).toEqual(['old warning', 'api down', 'slow disk']);
    expect(await read('error', 100)).toEqual(['api down']);
    expect(await read('info', 2)).toEqual(['slow disk', 'back online']);
  });

  it('skips a line cut by a crash, another program’s text and an unknown level, and keeps the rest', async () => {
    const { dataDir } = await dataFolder();
    await writeLog(dataDir, [line(1, 'info', 'before'), '{"at":"2026-12-07T08:02:00.000Z","level":"info","sc', 'plain text from elsewhere', JSON.stringify(line(3, 'fatal', 'odd')), line(4, 'info', 'after')]);
    const { capability } = startAdmin({ dataDir });
    const { lines, file } = await capability.actions['admin.readLog']({ level: 'debug', limit: 10 });
    expect(lines.map((l) => l.msg)).toEqual(['before', 'after']);
    expect(file.endsWith(join('logs', 'agent.log'))).toBe(true);
  });

  it('masks the token and the home folder, and reads an absent log as empty', async () => {
    const { dataDir } = await dataFolder();
    const { capability } = startAdmin({ dataDir });
    expect((await capability.actions['admin.readLog']({ level: 'debug', limit: 10 })).lines).toEqual([]);
    await writeLog(dataDir, [line(1, 'error', `refused ${TOKEN}`, { file: join(homedir(), 'x.txt') })]);
    const [only] = (await capability.actions['admin.readLog']({ level: 'debug', limit: 10 })).lines;
    expect(only?.msg).toBe('refused <device-token>');
    expect(JSON.stringify(only?.data)).not.toContain(homedir() + '/');
  });
});
