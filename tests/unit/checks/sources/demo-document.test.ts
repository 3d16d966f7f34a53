import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checksItems, resolveChecksPolicy } from '../../../../electron/agent/checks/rules';
import { windowsChecksFromDocument } from '../../../../electron/agent/checks/sources/windows';

// The preview's `--checks` demo (tests/fixtures/checks/composed-demo, COMPOSED: see its SOURCE.md)
// stays a document the agent reads whole: a Windows PC with its Public firewall profile off and
// large temp files beside lines that are fine.
const DOCUMENT = JSON.parse(readFileSync(new URL('../../../fixtures/checks/composed-demo/windows-checks-document.json', import.meta.url), 'utf8')) as unknown;
const NOW = Date.parse('2026-12-07T09:00:00Z');

describe('the preview demo checks document', () => {
  it('is read part by part into the lines a Windows PC shows', () => {
    const { findings, probes } = windowsChecksFromDocument(DOCUMENT, NOW, '2026-12-07T09:00:00.000Z', 2000);
    expect(probes.every((p) => p.read)).toBe(true);
    const items = checksItems(findings, resolveChecksPolicy(undefined), { platform: 'win32', sizeUnits: 'binary', now: NOW });
    expect(Object.fromEntries(items.map((i) => [i.id, i.code]))).toEqual({
      'antivirus:Windows Defender': 'health.antivirus.ok',
      'firewall:public': 'health.firewall.off-public',
      encryption: 'health.encryption.on',
      time: expect.stringMatching(/^health\.time\./),
      office: 'health.office.ok',
      'temp-files': 'health.temp-files.large',
    });
  });
});
