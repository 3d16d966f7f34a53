import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStore } from 'zustand/vanilla';
import type { AgentState } from '../../../electron/contract';
import { headlineOf } from '../../../electron/agent/status/overall';
import { App } from '../../../renderer/src/App';
import { createI18n } from '../../../renderer/src/i18n';
import type { Mirror } from '../../../renderer/src/store';
import type { PopupBridge } from '../../../renderer/src/bridge/types';
import { desk, sampleState } from './sample-state';

// No DOM here (jsdom is not installed): the popup is rendered to HTML, the way a user would first
// see it, and read as text. Clicking and focus are left to the end-to-end tests.
const bridge = { kind: 'socket', actions: {}, on: () => () => undefined, onReconnect: () => () => undefined } as unknown as PopupBridge;

/** Renders the state with the headline the agent's status capability would give it. */
function render(given: AgentState | null, status: Mirror['status'] = given ? 'ready' : 'loading'): string {
  const state = given && { ...given, headline: headlineOf(given.overall, given.health.items, given.connection.status) };
  const mirror = { store: createStore<Mirror>(() => ({ status, state })), sync: async () => undefined, stop: () => undefined };
  const i18n = createI18n(state?.settings.language ?? 'nl');
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(App, { bridge, mirror })));
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

afterEach(() => vi.useRealTimers());

describe('the popup as rendered', () => {
  it('shows the device, the demo badge, the headline and each problem with what to do, in Dutch', () => {
    const shown = text(render(sampleState()));
    expect(shown).toContain('LAPTOP-ANNA');
    expect(shown).toContain('Demo: geen echte servicedesk');
    expect(shown).toContain('Je computer heeft even aandacht nodig.');
    expect(shown).toContain('Schijf C: raakt vol: nog 4,2 GB vrij (3 %).');
    expect(shown).toContain('Ruim bestanden op die je niet meer nodig hebt');
    expect(shown).toContain('Al het andere is in orde');
    expect(shown).not.toMatch(/\b(health|headline|details|support|admin|checks)\.[a-z-]+/); // no raw keys
  });

  it('shows the protection checks from state.checks among the health lines, the cleanup where the agent offers it, and Onderhoud', () => {
    const state = sampleState();
    const html = render({
        ...state,
        checks: {
          ...state.checks,
          items: [
            { id: 'antivirus:Microsoft Defender Antivirus', check: 'antivirus', severity: 'ok', code: 'health.antivirus.ok', params: { product: 'Microsoft Defender Antivirus' } },
            { id: 'firewall:public', check: 'firewall', severity: 'problem', code: 'health.firewall.off-public', params: {} },
            { id: 'temp-files', check: 'temp-files', severity: 'attention', code: 'health.temp-files.large', params: { sizeGb: 6.4 } },
          ],
          cleanup: { itemIds: ['temp-files', 'disk-space:C:'], running: false, last: null },
        },
      });
    const shown = text(html);
    expect(shown.indexOf('De firewall staat uit op openbare netwerken')).toBeLessThan(shown.indexOf('Schijf C: raakt vol'));
    expect(shown).toContain('Tijdelijke bestanden nemen 6,4 GB in op je computer.');
    expect(html.match(/>Tijdelijke bestanden opruimen</g)).toHaveLength(2);
    expect(shown).toContain('Microsoft Defender Antivirus beschermt je computer en is bijgewerkt.');
    expect(shown).toContain('Onderhoud');
    expect(shown).toContain('Er is de afgelopen 30 dagen nog geen onderhoud gedaan.');
  });

  it('speaks English when the agent resolved English', () => {
    const shown = text(render({ ...sampleState(), settings: { ...sampleState().settings, languagePreference: 'en', language: 'en' } }));
    expect(shown).toContain('Your computer needs a little attention.');
    expect(shown).toContain('Drive C: is filling up: 4.2 GB free (3%).');
    expect(shown).toContain('Demo: not a real service desk');
  });

  it('links the servicedesk by phone and e-mail and says when it opens again', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-11-25T18:00:00Z')); // Wednesday 19:00 in Amsterdam
    const state = sampleState();
    const html = render({ ...state, support: desk(state.support, { openNow: false, nextChangeAt: '2026-11-26T07:00:00Z' }) });
    expect(html).toContain('href="tel:+31201234567"');
    expect(html).toContain('href="mailto:servicedesk@hallo.eu"');
    expect(text(html)).toContain('Servicedesk gesloten, weer open morgen om 08:00');
  });

  it('asks for re-enrolment when the API no longer knows the PC, and does not promise to keep trying', () => {
    const state = sampleState();
    const shown = text(render({ ...state, overall: 'offline', connection: { ...state.connection, status: 'reenroll' } }));
    expect(shown).toContain('Voor je IT-contactpersoon: meld deze computer hier opnieuw aan.');
    expect(shown.match(/aangemeld/g)).toHaveLength(1); // said once, by the headline
    expect(shown).toContain('Deze computer moet opnieuw bij hallo, worden aangemeld. Vraag je IT-contactpersoon of bel de servicedesk.');
    expect(shown).not.toContain('We proberen het steeds opnieuw');
    const english = text(
      render({ ...state, overall: 'offline', connection: { ...state.connection, status: 'reenroll' }, settings: { ...state.settings, language: 'en' } }),
    );
    expect(english).toContain('This computer must be enrolled with hallo, again. Ask your IT contact or call the service desk.');
    expect(english).not.toContain('We keep trying');
  });

  it('says a PC that was never enrolled is not enrolled yet, in Dutch and English', () => {
    const state = sampleState();
    const notEnrolled = { ...state, overall: 'offline' as const, connection: { ...state.connection, status: 'not-enrolled' as const } };
    const shown = text(render(notEnrolled));
    expect(shown).toContain('Deze computer is nog niet bij hallo, aangemeld.');
    expect(shown).toContain('Voor je IT-contactpersoon: meld deze computer hier aan.');
    expect(shown.match(/aangemeld/g)).toHaveLength(1); // said once, by the headline
    expect(shown).not.toMatch(/\bpc\b/);
    expect(shown).not.toContain('opnieuw worden aangemeld');
    expect(shown).not.toContain('We proberen het steeds opnieuw');
    expect(text(render({ ...notEnrolled, settings: { ...state.settings, language: 'en' } }))).toContain('This computer is not enrolled with hallo, yet.');
  });

  it('plain offline still says we keep trying', () => {
    const state = sampleState();
    const shown = text(render({ ...state, overall: 'offline', connection: { ...state.connection, status: 'offline' } }));
    expect(shown).toContain('hallo, is nu niet bereikbaar. We proberen het steeds opnieuw.');
  });

  it('claims nothing before the first sample, and says so when no check could run', () => {
    const state = sampleState();
    const before = text(render({ ...state, overall: 'checking', health: { ...state.health, collectedAt: null, items: [] } }));
    expect(before).toContain('Even kijken hoe je computer ervoor staat…');
    expect(before).not.toContain('Je computer is in orde.');
    const unknown = state.health.items.map((item) => ({ ...item, severity: 'unknown' as const, code: 'health.unknown', params: { reason: 'timeout' } }));
    const none = text(render({ ...state, overall: 'attention', health: { ...state.health, items: unknown } }));
    expect(none).toContain('Je computer kon niet worden gecontroleerd. We proberen het zo opnieuw.');
    expect(none).not.toContain('Je computer heeft even aandacht nodig.');
    expect(none).not.toContain('Je computer is in orde.');
  });

  it('gives the figures in words that fit them: minutes after a fresh start, the percent sign on the number', () => {
    const state = sampleState();
    const figures = { cpuLoadPercent: 31, memory: null, disks: [], uptimeSeconds: 33 * 60, battery: null };
    const html = render({ ...state, health: { ...state.health, figures } });
    expect(text(html)).toContain('Tijd sinds herstart 33 minuten');
    expect(text(html)).not.toContain('0 uur');
    expect(html).toContain('31\u00a0%'); // a no-break space: "31" and "%" never part at a line end
    expect(text(html)).toContain('Nog te weinig metingen voor een grafiek.');
  });

  it('shows a placeholder while loading and a plain message when the agent cannot be reached', () => {
    expect(text(render(null))).toContain('Even kijken hoe je computer ervoor staat');
    expect(text(render(null, 'failed'))).toContain('De hallo, agent reageert niet.');
  });

  it('never uses inline styles (the CSP forbids them) and puts the headline in a live region', () => {
    const html = render(sampleState());
    expect(html).not.toMatch(/\sstyle=/);
    expect(html).toMatch(/aria-live="polite"[^>]*>(<svg[\s\S]*?<\/svg>)?<h1/);
  });
});
