import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { MaintenanceEntry, MaintenanceState } from '../../../electron/contract';
import { Maintenance } from '../../../renderer/src/components/Maintenance';
import { createI18n } from '../../../renderer/src/i18n';

// "Onderhoud" as the employee reads it, rendered to HTML (no DOM here, as in popup-render.test.ts).
const NOW = new Date('2026-12-07T10:00:00Z'); // a Monday, 11:00 in Amsterdam
function render(maintenance: MaintenanceState, language: 'nl' | 'en' = 'nl'): string {
  const i18n = createI18n(language);
  const view = createElement(Maintenance, { maintenance, units: 'binary', zone: 'Europe/Amsterdam', language, now: NOW, onOpen: () => undefined });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, view));
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const entry = (patch: Partial<MaintenanceEntry> & Pick<MaintenanceEntry, 'kind' | 'at'>): MaintenanceEntry => ({ id: `${patch.kind}:${patch.at}`, source: 'agent', params: {}, note: null, ...patch });
const timeline: MaintenanceEntry[] = [
  entry({ kind: 'temp-files-removed', at: '2026-12-07T09:12:00Z', params: { freedBytes: 734_003_200, removed: 214 } }),
  entry({ kind: 'updates-installed', at: '2026-12-06T02:00:00Z', source: 'hallo', params: { count: 3, failed: 1 }, note: 'Patchronde december' }),
  entry({ kind: 'antivirus-scan', at: '2026-12-04T12:30:00Z', params: { scan: 'quick', product: 'Microsoft Defender Antivirus' } }),
  entry({ kind: 'admin-password-changed', at: '2026-11-20T08:00:00Z', source: 'hallo' }),
  entry({ kind: 'disk-checked', at: '2026-11-19T08:00:00Z', source: 'hallo', params: { count: 'veel' } }),
];

describe('Onderhoud', () => {
  it('lists what was done newest first, each with when (in days and exactly), what, who, and hallo,’s note', () => {
    const shown = text(render({ entries: timeline, fetchedAt: '2026-12-07T09:59:00Z', stale: false }));
    expect(shown).toContain('Onderhoud');
    expect(shown).toContain('Tijdelijke bestanden opgeruimd: 700 MB vrijgemaakt vandaag');
    expect(shown).toContain('3 updates geïnstalleerd, waarvan 1 mislukt gisteren');
    expect(shown).toContain('Door hallo,');
    expect(shown).toContain('hallo, schrijft: Patchronde december');
    expect(shown).toContain('Microsoft Defender Antivirus heeft je computer nagekeken (snelle controle) 3 dagen geleden');
    expect(shown).toContain('Door deze computer');
    expect(shown).toContain('Beheerderswachtwoord van deze computer vernieuwd');
    expect(shown.indexOf('Tijdelijke bestanden opgeruimd')).toBeLessThan(shown.indexOf('Beheerderswachtwoord'));
    expect(render({ entries: timeline, fetchedAt: null, stale: false })).toContain('<time dateTime="2026-12-06T02:00:00Z">gisteren</time>');
    expect(shown).not.toContain('hallo, is nu niet bereikbaar');
  });

  it('says it in English', () => {
    const shown = text(render({ entries: timeline, fetchedAt: null, stale: false }, 'en'));
    expect(shown).toContain('Temporary files cleaned up: 700 MB freed today');
    expect(shown).toContain('3 updates installed, 1 of them failed yesterday');
    expect(shown).toContain('Microsoft Defender Antivirus checked your computer (quick scan) 3 days ago');
  });

  it('says an entry whose figures are missing without a hole in the sentence', () => {
    const shown = text(render({ entries: [entry({ kind: 'updates-installed', at: '2026-12-07T08:00:00Z', source: 'hallo', params: { count: 'drie' } }), entry({ kind: 'antivirus-scan', at: '2026-12-07T07:00:00Z', params: { scan: 'deep' } })], fetchedAt: null, stale: false }));
    expect(shown).toContain('Updates geïnstalleerd');
    expect(shown).toContain('Je computer is op virussen nagekeken');
    expect(shown).not.toMatch(/\{\{|undefined|maintenance\./);
  });

  it('says when nothing was done yet, and quietly when hallo, could not be reached', () => {
    const shown = text(render({ entries: [], fetchedAt: null, stale: true }));
    expect(shown).toContain('Er is de afgelopen 30 dagen nog geen onderhoud gedaan.');
    expect(shown).toContain('hallo, is nu niet bereikbaar: je ziet wat deze computer al wist.');
  });
});
