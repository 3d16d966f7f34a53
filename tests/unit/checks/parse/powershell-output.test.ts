import { describe, expect, it } from 'vitest';
import { boolField, dateField, intField, jsonRecords, listRecords } from '../../../../electron/agent/checks/parse/powershell-output';
import { NOW } from '../fixtures';

describe('PowerShell’s output shapes', () => {
  it('a list: records apart by blank lines, a wrapped value joined, wmic’s Name=Value too', () => {
    expect(listRecords('\r\na : 1\r\nb : long\r\n    tail\r\n\r\na : 2\r\n')).toEqual([{ a: '1', b: 'long tail' }, { a: '2' }]);
    expect(listRecords('\n\nAMRunningMode=Normal\nAMServiceEnabled=TRUE\n')).toEqual([{ AMRunningMode: 'Normal', AMServiceEnabled: 'TRUE' }]);
    expect(listRecords('Get-Thing : failed\nAt line:1 char:1')).toEqual([]);
  });

  it('JSON: an object, an array, null; anything else is not records', () => {
    expect(jsonRecords('\uFEFF{"a": 1}')).toEqual([{ a: 1 }]);
    expect(jsonRecords('[{"a": 1}, {"a": 2}]')).toHaveLength(2);
    expect(jsonRecords('null')).toEqual([]);
    expect(jsonRecords('[1]')).toBeNull();
    expect(jsonRecords('{')).toBeNull();
  });

  it('values: booleans and whole numbers as list text or JSON', () => {
    expect([boolField('True'), boolField('FALSE'), boolField(true), boolField('yes')]).toEqual([true, false, true, null]);
    expect([intField('4294967295'), intField(' 12 '), intField('1.5'), intField(7)]).toEqual([4294967295, 12, null, 7]);
  });

  it('dates in every form PowerShell and WMI print; Windows’ “never” (1601) is no date', () => {
    const at = '2024-06-01T09:40:35.000Z';
    expect(dateField('/Date(1717234835000)/', NOW)).toBe(at); // Windows PowerShell 5.1's ConvertTo-Json
    expect(dateField({ value: '/Date(1717234835000)/', DisplayHint: 2 }, NOW)).toBe(at);
    expect(dateField('2024-06-01T11:40:35+02:00', NOW)).toBe(at); // PowerShell 7
    expect(dateField('20240601094035.000000+000', NOW)).toBe(at); // WMI (Get-WmiObject, wmic: glpi-agent#565)
    expect(dateField('20240601114035.000000+120', NOW)).toBe(at);
    expect(dateField('16010101000000.000000+000', NOW)).toBeNull();
    expect(dateField('/Date(-11644473600000)/', NOW)).toBeNull();
    expect([dateField('', NOW), dateField(null, NOW), dateField(12, NOW)]).toEqual([null, null, null]);
  });
});
