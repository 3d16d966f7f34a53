import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { multiStrings, parseRegQuery } from '../../../electron/agent/platform/reg-query';

// Recorded outputs and their sources: tests/fixtures/config/SOURCE.md.
const fixture = (name: string) => readFileSync(resolve('tests/fixtures/config', name), 'utf8');
const ERROR_MISSING = 'ERROR: The system was unable to find the specified registry key or value.\r\n';

describe('parseRegQuery on recorded reg.exe output', () => {
  it('reads the values of the key asked for, their types and data; subkey lines are not values', () => {
    const read = parseRegQuery(fixture('windows-11/reg-query.lsa-key.es.txt'));
    expect(read.kind).toBe('values');
    if (read.kind !== 'values') return;
    expect(Object.keys(read.values)).toHaveLength(23);
    expect(read.values['Authentication Packages']).toEqual({ type: 'REG_MULTI_SZ', data: 'msv1_0' });
    expect(read.values['Bounds']).toEqual({ type: 'REG_BINARY', data: '0030000000200000' });
    expect(read.values['LsaPid']).toEqual({ type: 'REG_DWORD', data: '0x498' });
    expect(read.values['Security Packages']).toEqual({ type: 'REG_MULTI_SZ', data: '""' });
  });

  it('one error line is a missing key, or a refusal when it says so; anything else is unreadable', () => {
    expect(parseRegQuery(ERROR_MISSING)).toEqual({ kind: 'missing' });
    expect(parseRegQuery('FOUT: Toegang geweigerd.')).toEqual({ kind: 'denied', detail: 'FOUT: Toegang geweigerd.' });
    expect(parseRegQuery('<html>not reg</html>\nsecond line').kind).toBe('unreadable');
  });
});

describe('multiStrings', () => {
  it('splits a REG_MULTI_SZ at the \\0 reg query prints between its strings', () => {
    expect(multiStrings(String.raw`intranet.klant.nl\0wiki.klant.nl`)).toEqual(['intranet.klant.nl', 'wiki.klant.nl']);
    expect(multiStrings('')).toEqual([]);
  });
});
