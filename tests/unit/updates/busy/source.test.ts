import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../../electron/agent/log';
import { BUSY_CACHE_MS, busyReaderForThisMachine, createBusySource, type BusyReader } from '../../../../electron/agent/updates/busy/source';
import { createFakeClock } from '../../../doubles/fake-clock';
import { fakeIo, recorded } from '../fixtures';

function source(read: BusyReader | null) {
  const clock = createFakeClock(Date.parse('2026-12-07T09:00:00Z'));
  const log = createLogger({ file: null, clock });
  return { clock, log, busy: createBusySource(read, { clock, log }) };
}

describe('the busy source the restart planner asks', () => {
  it('looks once for a burst of questions, and again after a while', async () => {
    let looks = 0;
    const { clock, busy } = source(async () => (looks++, { value: { busy: true, reason: 'presentation', app: null } }));
    expect(await Promise.all([busy.busy(), busy.busy(), busy.busy()])).toEqual([true, true, true]);
    await clock.advance(BUSY_CACHE_MS - 1);
    await busy.busy();
    expect(looks).toBe(1);
    await clock.advance(1);
    expect(await busy.reading()).toEqual({ busy: true, reason: 'presentation', app: null });
    expect(looks).toBe(2);
  });

  it('a reader that fails, throws or hangs means "not busy", said once in the log', async () => {
    const failing = source(async () => ({ unreadable: 'PowerShell died: exit 1' }));
    expect(await failing.busy.busy()).toBe(false);
    await failing.clock.advance(BUSY_CACHE_MS);
    expect(await failing.busy.busy()).toBe(false);
    expect(failing.log.recent().map((e) => [e.msg, e.data?.detail])).toEqual([['busy: could not tell; taken as not busy', 'PowerShell died: exit 1']]);

    const throwing = source(() => Promise.reject(new Error('boom')));
    expect(await throwing.busy.busy()).toBe(false);

    const hanging = source(() => new Promise(() => undefined));
    const answer = hanging.busy.busy();
    await hanging.clock.advance(15_000);
    expect(await answer).toBe(false);
    expect(hanging.log.recent().at(-1)?.data?.detail).toBe('no answer within 15 s');
  });

  it('where the OS offers nothing to read (Linux), never busy', async () => {
    expect(busyReaderForThisMachine({ platform: 'linux' })).toBeNull();
    expect(await source(null).busy.busy()).toBe(false);
  });

  it('macOS asks pmset, bounded, and reads its answer', async () => {
    const io = fakeIo({ '/usr/bin/pmset -g assertions': { code: 0, stdout: recorded('macos-10.12/pmset-assertions.video.txt') } });
    const read = busyReaderForThisMachine({ platform: 'darwin', io })!;
    expect(await read()).toEqual({ value: { busy: true, reason: 'display-awake', app: 'WWDC' } });
    const hung = busyReaderForThisMachine({ platform: 'darwin', io: fakeIo({ '/usr/bin/pmset -g assertions': 'hang' }) })!;
    expect(await hung()).toEqual({ unreadable: 'timeout: no answer within 10 s' });
  });
});
