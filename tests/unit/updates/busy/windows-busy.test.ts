import { describe, expect, it } from 'vitest';
import { parseWindowsBusy } from '../../../../electron/agent/updates/busy/windows-busy';
import { GARBAGE, recorded } from '../fixtures';

// The Windows busy script's document (composed from documented values: tests/fixtures/updates/windows-busy/SOURCE.md).
const read = (name: string) => parseWindowsBusy(recorded(`windows-busy/${name}.json`));

describe('the Windows busy document', () => {
  it('an app holding the microphone is a call, named by its program or package, before anything else', () => {
    expect(read('in-a-call')).toEqual({ value: { busy: true, reason: 'in-a-call', app: 'Teams' } });
    expect(read('packaged-call')).toEqual({ value: { busy: true, reason: 'in-a-call', app: 'MSTeams_8wekyb3d8bbwe' } });
  });

  it('presenting is busy; Focus Assist is busy even while the notification state says "accepts notifications"', () => {
    expect(read('presentation')).toEqual({ value: { busy: true, reason: 'presentation', app: null } });
    expect(read('focus-assist')).toEqual({ value: { busy: true, reason: 'focus-assist', app: null } });
  });

  it('nothing going on is not busy', () => {
    expect(read('free')).toEqual({ value: { busy: false } });
  });

  it('a document that says nothing, or is not the document, is unreadable', () => {
    expect(parseWindowsBusy('{"schema":1,"quns":null,"qunsError":"HRESULT 0x80004005","focusAssist":null,"focusAssistError":"NtQueryWnfStateData failed","microphone":null}')).toEqual({
      unreadable: 'neither the notification state nor Focus Assist could be read: HRESULT 0x80004005',
    });
    for (const text of GARBAGE) expect(parseWindowsBusy(text)).toHaveProperty('unreadable');
  });
});
