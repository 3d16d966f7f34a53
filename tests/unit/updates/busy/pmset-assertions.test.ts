import { describe, expect, it } from 'vitest';
import { parsePmsetAssertions } from '../../../../electron/agent/updates/busy/pmset-assertions';
import { GARBAGE, recorded } from '../fixtures';

// `pmset -g assertions` as posted from real Macs (tests/fixtures/updates/macos-*/SOURCE.md).
describe('pmset -g assertions', () => {
  it('an app keeping the display awake (a video, a call, a presentation) is busy, and named', () => {
    expect(parsePmsetAssertions(recorded('macos-10.12/pmset-assertions.video.txt'))).toEqual({ value: { busy: true, reason: 'display-awake', app: 'WWDC' } });
    // The older name of the same assertion, Chromium's "Video Wake Lock".
    expect(parsePmsetAssertions(recorded('macos-10.12/pmset-assertions.wake-lock.txt'))).toEqual({ value: { busy: true, reason: 'display-awake', app: 'Keybase' } });
  });

  it('the system keeping itself awake (powerd, Handoff, a keyboard) is not busy', () => {
    expect(parsePmsetAssertions(recorded('macos-10.15/pmset-assertions.idle.txt'))).toEqual({ value: { busy: false } });
    expect(parsePmsetAssertions(recorded('macos-11/pmset-assertions.idle.txt'))).toEqual({ value: { busy: false } });
  });

  it('caffeinate is someone keeping the Mac awake on purpose, not a meeting', () => {
    const text = 'Listed by owning process:\n   pid 901(caffeinate): [0x0000a1b200058cc1] 00:10:00 PreventUserIdleDisplaySleep named: "caffeinate command-line tool"\n';
    expect(parsePmsetAssertions(text)).toEqual({ value: { busy: false } });
  });

  it('what pmset never prints is unreadable, never a guess', () => {
    for (const text of GARBAGE) expect(parsePmsetAssertions(text)).toHaveProperty('unreadable');
  });
});
