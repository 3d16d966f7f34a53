import { describe, expect, it } from 'vitest';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { RemoteRequestView, RemoteSessionView, RemoteState } from '../../../electron/contract';
import { ConsentPrompt, groupedCode } from '../../../renderer/src/consent/ConsentPrompt';
import { SessionBar, shortcutLabel } from '../../../renderer/src/session-bar/SessionBar';
import { hasRemoteNews, RemoteSection } from '../../../renderer/src/components/Remote';
import { createI18n } from '../../../renderer/src/i18n';
import { INITIAL_REMOTE } from '../../../electron/agent/remote/capability';
import { sampleRemoteRequest, sampleRemoteSession } from './sample-state';

// The consent window, the session bar and the popup's "Hulp op afstand" as the employee reads them
// (text only, no DOM; clicks, keys, the 500 ms guard and axe are in tests/e2e/remote-consent.spec.ts).
const now = new Date('2026-12-07T13:20:15Z'); // 14:20:15 in Amsterdam
const zone = 'Europe/Amsterdam';

function text(element: ReactElement, language: 'nl' | 'en' = 'nl'): string {
  const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(language) }, element));
  return html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');
}

const request = sampleRemoteRequest;
const answers = { answer: async () => 'accepted' as const, showTicket: () => undefined };
const consent = (over: Partial<RemoteRequestView> | null, language: 'nl' | 'en' = 'nl') =>
  text(createElement(ConsentPrompt, { request: over === null ? null : request(over), now, actions: answers }), language);

describe('the consent window', () => {
  it('shows who, why, the ticket with a link to it, view, the short code, the time left and three answers, in Dutch', () => {
    const shown = consent({});
    expect(shown).toContain('Jan van hallo, wil meekijken op je scherm');
    expect(shown).toContain('Outlook start niet op');
    expect(shown).toContain('Melding 1042');
    expect(shown).toContain('Bekijk melding');
    expect(shown).toContain('Meekijken: Jan ziet je scherm');
    expect(shown).toContain('Code: 482 913 — de medewerker van hallo, noemt deze code aan de telefoon');
    expect(shown).toContain('Nog 00:45.');
    for (const button of ['Toestaan', 'Weigeren', 'Ik heb hier niet om gevraagd']) expect(shown).toContain(button);
  });

  it('a ticket that is not one of this PC\'s has its number but no link', () => {
    const shown = consent({ ticketId: null });
    expect(shown).toContain('Melding 1042');
    expect(shown).not.toContain('Bekijk melding');
    expect(consent({ ticketNumber: null, ticketId: null })).not.toContain('Melding');
  });

  it('control with a control engine offers narrowing to view; without one it says view only and why', () => {
    const offered = consent({ modeRequested: 'control', controlOffered: true });
    expect(offered).toContain('Jan van hallo, wil je computer overnemen');
    expect(offered).toContain('Overnemen: Jan ziet je scherm en kan je muis en toetsenbord gebruiken.');
    expect(offered).toContain('Alleen meekijken toestaan, niet overnemen');
    const notOffered = consent({ modeRequested: 'control', controlOffered: false });
    expect(notOffered).toContain('Alleen meekijken: overnemen kan op deze pc nog niet.');
    expect(notOffered).toContain('Meekijken: Jan ziet je scherm');
    expect(notOffered).not.toContain('Alleen meekijken toestaan');
  });

  it('in English, and with nothing pending it says so', () => {
    expect(consent({}, 'en')).toContain('Jan from hallo, wants to see your screen');
    expect(consent({}, 'en')).toContain('I did not ask for this');
    expect(consent(null)).toContain('Er is nu geen verzoek om hulp op afstand.');
  });

  it('reads the code in groups of three', () => {
    expect(groupedCode('482913')).toBe('482 913');
    expect(groupedCode('482 913')).toBe('482 913');
    expect(groupedCode('AB12')).toBe('AB12');
  });
});

const session = sampleRemoteSession;
const bar = (s: RemoteSessionView | null, language: 'nl' | 'en' = 'nl') =>
  text(createElement(SessionBar, { session: s, language, zone, shortcut: 'Control+Alt+E', onEnd: () => undefined }), language);

describe('the session bar', () => {
  it('says who watches since when in the policy\'s zone, with "Beëindigen" and the shortcut', () => {
    const shown = bar(session());
    expect(shown).toContain('Jan van hallo, kijkt mee sinds 14:20');
    expect(shown).toContain('Beëindigen');
    expect(shown).toContain('Sneltoets: Ctrl+Alt+E');
    expect(bar(session(), 'en')).toContain('Jan from hallo, has been watching since 14:20');
  });

  it('while connecting and ending it says so', () => {
    expect(bar(session({ phase: 'connecting', startedAt: null }))).toContain('Jan van hallo, maakt verbinding…');
    expect(bar(session({ phase: 'ending' }))).toContain('De sessie met Jan van hallo, wordt beëindigd…');
    expect(bar(null)).toContain('Er loopt nu geen sessie.');
    expect(shortcutLabel('CommandOrControl+Alt+E')).toBe('Ctrl+Alt+E');
  });
});

const section = (remote: RemoteState, language: 'nl' | 'en' = 'nl') =>
  text(createElement(RemoteSection, { remote, language, zone, actions: { end: () => undefined, acknowledge: () => undefined } }), language);

describe('the popup\'s Hulp op afstand', () => {
  it('is not there before anything happened', () => {
    expect(hasRemoteNews(INITIAL_REMOTE)).toBe(false);
    expect(hasRemoteNews({ ...INITIAL_REMOTE, session: session() })).toBe(true);
  });

  it('shows the running session with Beëindigen', () => {
    const shown = section({ ...INITIAL_REMOTE, session: session() });
    expect(shown).toContain('Hulp op afstand');
    expect(shown).toContain('Jan van hallo, kijkt mee sinds 14:20.');
    expect(shown).toContain('Beëindigen');
  });

  it('shows the receipt once, with why when it was not the employee, and an Oké', () => {
    const receipt = { sessionId: 's-1', technicianName: 'Jan', endedAt: '2026-12-07T13:32:00Z', minutes: 12, by: 'user' as const, reason: 'ended' as const };
    const shown = section({ ...INITIAL_REMOTE, receipt });
    expect(shown).toContain('Sessie met Jan van hallo, beëindigd om 14:32, 12 minuten.');
    expect(shown).toContain('Oké');
    expect(section({ ...INITIAL_REMOTE, receipt: { ...receipt, by: 'agent', reason: 'connection-lost' } })).toContain('De verbinding met hallo, viel weg.');
  });

  it('lists the history newest first: who, why, when, what was decided, how long, who ended it', () => {
    const shown = section({
      ...INITIAL_REMOTE,
      history: [
        { sessionId: 's-2', technicianName: 'Jan', reason: 'Printer', ticketNumber: 1042, requestedAt: '2026-12-07T13:20:00Z', outcome: 'granted', denial: null, mode: 'view', startedAt: '2026-12-07T13:20:05Z', endedAt: '2026-12-07T13:32:00Z', endedBy: 'user', minutes: 12 },
        { sessionId: 's-1', technicianName: 'Piet', reason: 'Mail', ticketNumber: null, requestedAt: '2026-12-06T09:00:00Z', outcome: 'denied', denial: 'not-requested', mode: null, startedAt: null, endedAt: null, endedBy: null, minutes: null },
      ],
    });
    expect(shown).toMatch(/Jan van hallo, .*melding 1042.*Printer.*Toegestaan, meekijken.*12 minuten.*Beëindigd door jou.*Piet van hallo, .*Mail.*Geweigerd, door jou: niet om gevraagd/);
  });

  it('reads the audit log in plain lines and says plainly when it was changed, with the line number for admins', () => {
    const shown = section({
      ...INITIAL_REMOTE,
      audit: {
        lines: [
          { seq: 3, at: '2026-12-07T13:20:00Z', kind: 'consent', sessionId: 's-2', params: { decision: 'granted' } },
          { seq: 2, at: '2026-12-07T13:19:00Z', kind: 'request-refused', sessionId: null, params: { reason: 'bad-signature' } },
        ],
        chain: 'broken',
        brokenAtSeq: 2,
        unsent: 1,
      },
    });
    expect(shown).toContain('Antwoord op een verzoek: Toegestaan.');
    expect(shown).toContain('Een verzoek is geweigerd zonder het te tonen: de handtekening klopte niet.');
    expect(shown).toContain('Het logboek is gewijzigd');
    expect(shown).toContain('Eerste regel die niet klopt: nummer 2.');
    expect(shown).toContain('1 regel moet nog naar hallo, worden gestuurd.');
    expect(section({ ...INITIAL_REMOTE, audit: { lines: [], chain: 'intact', brokenAtSeq: null, unsent: 0 } })).not.toContain('gewijzigd:');
  });
});
