import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { StatusItem, TypedStatusItem } from '../../../electron/contract';
import { Checks, type CleanupOffer } from '../../../renderer/src/components/Checks';
import { cleanupSaid } from '../../../renderer/src/cleanup';
import { createI18n } from '../../../renderer/src/i18n';

// The checklist with the protection checks, read as text (no DOM here, as in popup-render.test.ts).
function render(items: TypedStatusItem[], language: 'nl' | 'en' = 'nl', cleanup?: Partial<CleanupOffer>): string {
  const i18n = createI18n(language);
  const offer: CleanupOffer | undefined = cleanup && { itemIds: [], running: false, units: 'binary', clean: async () => ({ outcome: 'cleaned', freedBytes: 0, removed: 0, skipped: 0 }), ...cleanup };
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(Checks, { items: items as StatusItem[], language, onReport: () => undefined, cleanup: offer })));
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const defender = (severity: 'ok' | 'problem'): TypedStatusItem =>
  severity === 'ok'
    ? { id: 'antivirus:Microsoft Defender Antivirus', check: 'antivirus', severity, code: 'health.antivirus.ok', params: { product: 'Microsoft Defender Antivirus' } }
    : { id: 'antivirus:Microsoft Defender Antivirus', check: 'antivirus', severity, code: 'health.antivirus.off', params: { product: 'Microsoft Defender Antivirus' } };
const firewall: TypedStatusItem = { id: 'firewall', check: 'firewall', severity: 'ok', code: 'health.firewall.ok', params: {} };
const publicOff: TypedStatusItem = { id: 'firewall:public', check: 'firewall', severity: 'problem', code: 'health.firewall.off-public', params: {} };
const bitlocker: TypedStatusItem = { id: 'encryption:C:', check: 'encryption', severity: 'ok', code: 'health.encryption.on', params: { volume: 'C:' } };
const diskFull: TypedStatusItem = { id: 'disk-space:C:', check: 'disk-space', severity: 'problem', code: 'health.disk-space.critical', params: { mount: 'C:', freeGb: 1.2, freePercent: 1, sizeGb: 237 } };
const temp: TypedStatusItem = { id: 'temp-files', check: 'temp-files', severity: 'attention', code: 'health.temp-files.large', params: { sizeGb: 6.4 } };
const clockOff: TypedStatusItem = { id: 'time', check: 'time', severity: 'problem', code: 'health.time.off', params: { minutes: 7 } };
const office: TypedStatusItem = { id: 'office', check: 'office', severity: 'ok', code: 'health.office.ok', params: { version: '16.0.17126.20132', channel: 'Current Channel' } };

describe('the protection checks in the checklist', () => {
  it('puts protection first among equally bad lines, then the clock, then the rest', () => {
    const shown = text(render([diskFull, clockOff, publicOff, firewall, bitlocker]));
    const at = (words: string) => shown.indexOf(words);
    expect(at('De firewall staat uit op openbare netwerken')).toBeGreaterThan(-1);
    expect(at('De firewall staat uit op openbare netwerken')).toBeLessThan(at('De klok van je computer loopt 7 minuten verkeerd'));
    expect(at('De klok van je computer loopt 7 minuten verkeerd')).toBeLessThan(at('Schijf C: is bijna vol'));
    expect(shown).toContain('Gebruik geen openbare wifi tot dit is opgelost. Meld dit, dan zet hallo, hem weer voor je aan.');
    // One profile off: not "protected", even though other protection lines are fine.
    expect(shown).not.toContain('Beveiligd:');
  });

  it('says at a glance that the PC is protected when every protection line is fine, naming them', () => {
    const shown = text(render([diskFull, defender('ok'), firewall, bitlocker, office]));
    expect(shown).toContain('Beveiligd: virusscanner, firewall en versleuteling in orde');
    const english = text(render([diskFull, defender('ok'), firewall, bitlocker], 'en'));
    expect(english).toContain('Protected: antivirus, firewall and encryption fine');
    expect(text(render([diskFull, defender('problem'), firewall]))).not.toContain('Beveiligd:');
    expect(text(render([diskFull]))).not.toContain('Beveiligd:');
  });

  it('offers "Meld dit" on a protection line that needs attention', () => {
    const html = render([defender('problem'), firewall]);
    expect(html).toContain('aria-label="Meld dit: Microsoft Defender Antivirus staat uit: je computer is niet beschermd tegen virussen."');
  });

  it('says why a check could not be done, for a new check and a new reason, in both languages', () => {
    const unknown = (check: 'antivirus' | 'encryption', reason: 'blocked' | 'denied'): TypedStatusItem => ({ id: check, check, severity: 'unknown', code: 'health.unknown', params: { reason } });
    const shown = text(render([unknown('antivirus', 'blocked'), unknown('encryption', 'denied')]));
    expect(shown).toContain('Niet gelukt om de virusscanner te controleren: het programma dat daarvoor nodig is, ontbreekt of is geblokkeerd.');
    expect(shown).toContain('Niet gelukt om te zien of je schijf versleuteld is: daarvoor heeft hallo, meer rechten nodig op deze computer.');
    const english = text(render([unknown('antivirus', 'blocked')], 'en'));
    expect(english).toContain('Could not check the antivirus: the program it needs is missing or blocked.');
  });
});

describe('"Tijdelijke bestanden opruimen"', () => {
  it('is offered on exactly the lines the agent names', () => {
    const html = render([diskFull, temp, clockOff], 'nl', { itemIds: ['temp-files', 'disk-space:C:'] });
    expect(html.match(/Tijdelijke bestanden opruimen</g)).toHaveLength(2);
    const onlyTemp = render([diskFull, temp, clockOff], 'nl', { itemIds: ['temp-files'] });
    expect(onlyTemp.match(/Tijdelijke bestanden opruimen</g)).toHaveLength(1);
    const lineOf = (id: string) => onlyTemp.split('<li').find((li) => li.includes(id === 'temp-files' ? 'Tijdelijke bestanden nemen' : 'Schijf C:'))!;
    expect(lineOf('temp-files')).toContain('Tijdelijke bestanden opruimen');
    expect(lineOf('disk-space:C:')).not.toContain('Tijdelijke bestanden opruimen');
    expect(render([diskFull, temp], 'nl', { itemIds: [] })).not.toContain('Tijdelijke bestanden opruimen<');
  });

  it('says it is busy while the agent cleans, and keeps the button reachable', () => {
    const html = render([temp], 'nl', { itemIds: ['temp-files'], running: true });
    expect(html).toContain('aria-disabled="true"');
    expect(text(html)).toContain('Bezig met opruimen…');
    expect(html).toContain('aria-live="polite"');
  });

  it('says what it freed as the PC’s file manager counts it, what it left, and why it did nothing', () => {
    const i18n = createI18n('nl');
    const t = i18n.t.bind(i18n) as (key: string, params?: Record<string, unknown>) => string;
    const cleaned = { outcome: 'cleaned' as const, freedBytes: 734_003_200, removed: 214, skipped: 3 };
    expect(cleanupSaid({ result: cleaned }, 'binary', 'nl', t)).toEqual(['700 MB vrijgemaakt: 214 bestanden opgeruimd.', '3 bestanden zijn blijven staan: ze zijn nieuw of in gebruik.']);
    expect(cleanupSaid({ result: { ...cleaned, freedBytes: 1_610_612_736, skipped: 0 } }, 'binary', 'nl', t)).toEqual(['1,5 GB vrijgemaakt: 214 bestanden opgeruimd.']);
    expect(cleanupSaid({ result: { ...cleaned, freedBytes: 1_500_000_000, removed: 1, skipped: 0 } }, 'decimal', 'nl', t)).toEqual(['1,5 GB vrijgemaakt: 1 bestand opgeruimd.']);
    expect(cleanupSaid({ result: { outcome: 'cleaned', freedBytes: 0, removed: 0, skipped: 0 } }, 'binary', 'nl', t)).toEqual(['Er was niets op te ruimen.']);
    expect(cleanupSaid({ result: { outcome: 'failed', freedBytes: 0, removed: 0, skipped: 0 } }, 'binary', 'nl', t)[0]).toContain('Opruimen lukte niet');
    expect(cleanupSaid({ failure: new Error('socket closed') }, 'binary', 'nl', t)).toEqual(['Er ging iets mis. Probeer het opnieuw of bel de servicedesk.']);
    const en = createI18n('en');
    expect(cleanupSaid({ result: cleaned }, 'binary', 'en', en.t.bind(en) as typeof t)[0]).toBe('700 MB freed: 214 files cleaned up.');
  });
});
