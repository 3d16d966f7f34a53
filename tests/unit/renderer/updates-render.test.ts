import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { AgentState, UpdatesState } from '../../../electron/contract';
import { Updates } from '../../../renderer/src/components/Updates';
import { createI18n } from '../../../renderer/src/i18n';
import { sampleState } from './sample-state';

// The popup's Updates section as the employee first sees it, read as text (no DOM here).
function render(updates: UpdatesState, language: 'nl' | 'en' = 'nl', now = new Date('2026-12-07T10:00:00Z')): string {
  const i18n = createI18n(language);
  const html = renderToStaticMarkup(
    createElement(I18nextProvider, { i18n }, createElement(Updates, { updates, zone: 'Europe/Amsterdam', language, now, onAcknowledge: () => undefined })),
  );
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}
const base = (): AgentState['updates'] => sampleState().updates;
const noClasses = base().pending!.byClass;

afterEach(() => vi.useRealTimers());

describe('the Updates section', () => {
  it('names what is pending by kind in plain words, with titles and KB numbers on expand', () => {
    const shown = render({
      ...base(),
      pending: {
        total: 3,
        security: 2,
        byClass: { ...noClasses, security: 2, driver: 1 },
        updates: [
          { title: '2026-12 Cumulatieve update voor Windows 11', classification: 'security', kb: ['5036980'], severity: 'Critical' },
          { title: 'Microsoft Edge', classification: 'security', kb: [], severity: null },
          { title: 'Intel - Display - 31.0.101', classification: 'driver', kb: [], severity: null },
        ],
      },
    });
    expect(shown).toContain('Beveiligingsupdates: 2');
    expect(shown).toContain('Stuurprogramma’s: 1');
    expect(shown).not.toContain('Definities');
    expect(shown).toContain('2026-12 Cumulatieve update voor Windows 11 (KB5036980)');
    expect(shown).toContain('Laatst gecontroleerd om 09:00'); // 08:00Z is 09:00 in Amsterdam
  });

  it('says why the list is unknown in plain words, with the tool’s detail for admins', () => {
    const shown = render({ ...base(), pending: null, pendingProblem: { code: 'timeout', tool: 'apt-get', detail: '', keptFrom: null } });
    expect(shown).toContain('Niet bekend welke updates klaarstaan, omdat het controleren te lang duurde.');
    expect(shown).toContain('apt-get gaf geen antwoord binnen de tijd en is gestopt.');
  });

  it('gives the restart deadline as a day and time in the policy’s zone, on both sides of the October clock change', () => {
    const restart = (deadline: string) => ({ ...base().restart, needed: true, reasons: [{ code: 'windows-update' as const, soft: false }], source: 'local' as const, deadline, deferralsLeft: 2 });
    // Monday 26 October 2026, before and after Amsterdam's change on Sunday 25 October (CEST → CET).
    const before = render({ ...base(), restart: restart('2026-10-22T15:00:00Z') }, 'nl', new Date('2026-10-19T08:00:00Z'));
    expect(before).toContain('Je computer moet opnieuw opstarten, uiterlijk donderdag om 17:00.');
    const after = render({ ...base(), restart: restart('2026-10-29T16:00:00Z') }, 'nl', new Date('2026-10-26T08:00:00Z'));
    expect(after).toContain('uiterlijk donderdag om 17:00.');
    expect(after).toContain('Windows Update vraagt om een herstart.');
    expect(after).toContain('Je kunt de herstart nog 2 keer uitstellen.');
    const english = render({ ...base(), restart: restart('2026-10-29T16:00:00Z') }, 'en', new Date('2026-10-26T08:00:00Z'));
    expect(english).toContain('Your computer must restart, at the latest on Thursday at 17:00.');
  });

  it('says hallo,’s own reason when hallo, asked, and never a soft reason alone', () => {
    const shown = render({
      ...base(),
      restart: { ...base().restart, needed: true, source: 'hallo', halloReason: 'Beveiligingspatch voor Outlook', reasons: [{ code: 'file-rename', soft: true }], deadline: '2026-12-08T16:00:00Z' },
    });
    expect(shown).toContain('hallo, vraagt het: Beveiligingspatch voor Outlook');
    expect(shown).toContain('uiterlijk morgen om 17:00');
    expect(shown).not.toContain('Een programma vervangt bij het opstarten bestanden.');
  });

  it('says the PC is up to date after the restart, and what hallo, installed lately', () => {
    const shown = render({
      ...base(),
      upToDate: true,
      installed: [{ title: '2026-11 Cumulatieve update (KB5036111)', kb: ['5036111'], installedAt: '2026-11-20T09:00:00Z', result: 'failed' }],
    });
    expect(shown).toContain('Je computer is opnieuw opgestart en is bijgewerkt.');
    expect(shown).toContain('Oké');
    expect(shown).toContain('Wat hallo, heeft bijgewerkt');
    expect(shown).toContain('mislukt');
    expect(shown).not.toContain('(KB5036111) (KB5036111)');
  });
});
