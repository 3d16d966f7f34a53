import { describe, expect, it } from 'vitest';
import { classify, officeChannel, parseWuaDocument, type WindowsFindings } from '../../../../electron/agent/updates/parse/wua';
import { GARBAGE, recorded } from '../fixtures';

const findings = (text: string): WindowsFindings => {
  const parsed = parseWuaDocument(text);
  if (!('value' in parsed)) throw new Error(`unreadable: ${parsed.unreadable}`);
  return parsed.value;
};

describe('the Windows script’s document', () => {
  it('classifies each update by CategoryID, whatever language its title is in', () => {
    const { pending } = findings(recorded('windows-11-23h2/wua-search.de.json'));
    if (!('value' in pending)) throw new Error('no pending list');
    expect(pending.value.updates.map((u) => [u.kb?.[0], u.classification, u.reboot])).toEqual([
      ['5036893', 'security', 'always'],
      ['2267602', 'definition', 'never'],
      ['890830', 'update', 'never'], // an update rollup
      [undefined, 'driver', 'can-request'],
    ]);
    expect(pending.value.updates[0]).toMatchObject({ msrcSeverity: 'Important', sizeBytes: 842184326, downloaded: true });
    expect(pending.value).toMatchObject({ total: 4, security: 1 });
  });

  it('names every restart reason; a file rename at boot is soft', () => {
    expect(findings(recorded('windows-11-23h2/wua-search.de.json')).restart).toEqual([
      { code: 'servicing', soft: false },
      { code: 'windows-update', soft: false },
      { code: 'update-agent', soft: false },
      { code: 'file-rename', soft: true },
    ]);
    // Only soft signals: said, but no hard reason among them.
    expect(findings(recorded('windows-10-22h2/wua-search.en.json')).restart).toEqual([
      { code: 'file-rename', soft: true },
      { code: 'office-updater', soft: true },
    ]);
  });

  it('reads the installed history with KB numbers and results, and Microsoft 365’s version and channel', () => {
    const { installed, office } = findings(recorded('windows-11-23h2/wua-search.de.json'));
    expect(installed).toEqual({
      value: [
        { title: expect.stringContaining('KB5035853'), kb: ['5035853'], installedAt: '2024-03-13T07:41:12.000Z', result: 'succeeded' },
        { title: expect.stringContaining('.NET Framework'), kb: ['5034467'], installedAt: '2024-03-13T07:30:55.000Z', result: 'failed' },
      ],
    });
    expect(office).toEqual({ version: '16.0.17425.20176', channel: 'current' });
    expect(findings(recorded('windows-10-22h2/wua-search.en.json'))).toMatchObject({ installed: { value: [] }, office: null });
  });

  it('an upgrade and a critical update in English', () => {
    const { pending } = findings(recorded('windows-10-22h2/wua-search.en.json'));
    expect('value' in pending && pending.value.updates.map((u) => u.classification)).toEqual(['security', 'upgrade', 'critical']);
  });

  it('a failed search is a problem for the pending list only: the restart reasons still count', () => {
    const doc = JSON.parse(recorded('windows-11-23h2/wua-search.de.json')) as Record<string, unknown>;
    const result = findings(JSON.stringify({ ...doc, updates: null, searchError: 'Ausnahme von HRESULT: 0x8024402C' }));
    expect(result.pending).toEqual({ problem: { code: 'failed', tool: 'Windows Update Agent', detail: 'Ausnahme von HRESULT: 0x8024402C' } });
    expect(result.restart.length).toBe(4);
  });

  it('maps Click-to-Run channels by their GUID, and keeps an unknown value as it is', () => {
    expect(officeChannel('http://officecdn.microsoft.com/pr/55336b82-a18d-4dd6-b5f6-9e5095c314a6')).toBe('monthly-enterprise');
    expect(officeChannel('7FFBC6BF-BC32-4F92-8982-F9DD17FD3114')).toBe('semi-annual');
    expect(officeChannel('Custom')).toBe('Custom');
    expect(classify([])).toBe('update');
  });

  it.each([...GARBAGE, '{"schema":1}', 'null', '[]'])('%j is unreadable, with a one-line reason', (text) => {
    const parsed = parseWuaDocument(text);
    expect(parsed).toHaveProperty('unreadable');
    expect((parsed as { unreadable: string }).unreadable).not.toContain('\n');
  });
});
