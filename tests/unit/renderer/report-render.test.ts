import { afterEach, describe, expect, it, vi } from 'vitest';
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStore } from 'zustand/vanilla';
import { openReport, type AgentState, type DraftProblem, type OutboxEntry, type OutboxItem, type TicketDraft } from '../../../electron/contract';
import { presentOutbox } from '../../../electron/agent/tickets/outbox-view';
import { App } from '../../../renderer/src/App';
import { createI18n } from '../../../renderer/src/i18n';
import type { Mirror } from '../../../renderer/src/store';
import type { PopupBridge } from '../../../renderer/src/bridge/types';
import { ReportForm, type ReportActions } from '../../../renderer/src/components/report/ReportForm';
import { ReportResult } from '../../../renderer/src/components/report/ReportResult';
import { OutboxList } from '../../../renderer/src/components/report/OutboxList';
import { SendPreview } from '../../../renderer/src/components/report/SendPreview';
import { MyTickets } from '../../../renderer/src/components/MyTickets';
import { newDraft } from '../../../renderer/src/report';
import { desk, samplePreview, sampleState } from './sample-state';
import { outboxEntry } from '../tickets/outbox-entry';

// The report form and its results, rendered to HTML the way a user first sees them (no DOM here;
// typing and clicking are in tests/e2e/report-*.spec.ts).
const bridge = { kind: 'socket', actions: {}, on: () => () => undefined, onReconnect: () => () => undefined } as unknown as PopupBridge;
const noActions: ReportActions = {
  submit: async () => ({ outcome: 'saved', id: 'x' }),
  preview: async () => samplePreview(),
  removeScreenshot: async () => undefined,
  cancel: async () => undefined,
};
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function html(element: ReactElement, language: 'nl' | 'en' = 'nl'): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(language) }, element));
}
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function app(state: AgentState): string {
  const mirror = { store: createStore<Mirror>(() => ({ status: 'ready', state })), sync: async () => undefined, stop: () => undefined };
  return html(createElement(App, { bridge, mirror }), state.settings.language);
}

function withReport(relatedItemId: string | null = null): AgentState {
  const state = sampleState();
  return { ...state, tickets: { ...state.tickets, report: openReport({ relatedItemId, screenshot: { thumbnail: PNG, width: 1920, height: 1080, bytes: 312_000 } }) } };
}

function form(state: AgentState, draft: Partial<TicketDraft> = {}, problems: DraftProblem[] = []): string {
  return html(
    createElement(ReportForm, {
      state,
      draft: { ...newDraft(state), ...draft },
      onDraft: () => undefined,
      problems,
      onProblems: () => undefined,
      onSaved: () => undefined,
      actions: noActions,
      now: new Date('2026-11-25T18:00:00Z'), // Wednesday 19:00 in Amsterdam
    }),
    state.settings.language,
  );
}

/** An outbox entry as the agent presents it at 10:30 that morning (phase, whether its reason shows, whom to call). */
function entry(patch: Partial<OutboxEntry>, support = sampleState().support): OutboxItem {
  return presentOutbox([outboxEntry(patch)], Date.parse('2026-11-25T10:30:00Z'), support)[0]!;
}

afterEach(() => vi.useRealTimers());

describe('ways in', () => {
  it('offers "Meld een probleem" on the main view and "Meld dit" on each item that is not ok', () => {
    const shown = app(sampleState());
    expect(text(shown)).toContain('Meld een probleem');
    expect(text(shown)).toContain('Mijn meldingen');
    expect(shown.match(/>Meld dit</g)).toHaveLength(1); // the disk is low; memory is ok
    expect(shown).toContain('aria-label="Meld dit: Schijf C: raakt vol: nog 4,2 GB vrij (3\u00a0%)."');
  });

  it('shows the form, and only the form, while the agent has a report open', () => {
    const shown = text(app(withReport()));
    expect(shown).toContain('Wat is er aan de hand?');
    expect(shown).not.toContain('Je computer heeft even aandacht nodig.');
    expect(shown).not.toContain('Voor beheerders');
  });
});

describe('the form', () => {
  it('has the description with its counter, the categories, how bad it is and the contact prefilled', () => {
    const markup = form(withReport());
    const shown = text(markup);
    expect(shown).toContain('0 / 2.000');
    for (const label of ['Mijn computer is traag', 'Printen lukt niet', 'Iets anders']) expect(shown).toContain(label);
    for (const label of ['Ik kan verder werken', 'Ik kan niet werken', 'Meerdere collega’s kunnen niet werken']) expect(shown).toContain(label);
    expect(markup).toContain('value="Anna de Vries"');
    expect(markup).toContain('value="06 12345678"');
    expect(markup).toContain('value="anna@korenschoof.nl"');
    expect(markup).toMatch(/<img[^>]*src="data:image\/png;base64,iVBORw0KGgo="[^>]*alt="Schermafbeelding van je scherm/);
    expect(shown).toContain('1920 × 1080 pixels, 312 kB');
    expect(shown).toContain('Verwijder schermafbeelding');
    expect(markup).toMatch(/<input type="checkbox" checked=""[^>]*\/><span>Stuur de lijst met programma’s mee/);
    // What goes out without a choice is shown as chosen: "Iets anders".
    expect(markup).toMatch(/<input type="radio"[^>]*checked=""[^>]*value="other"\/><span>Iets anders/);
    expect(shown).toContain('Bekijk wat er wordt meegestuurd');
    expect(markup).not.toMatch(/\sstyle=/);
    expect(shown).not.toMatch(/\b(report|draft|desk|preview|result|outbox|myTickets)\.[a-zA-Z-]+/);
  });

  it('counts characters as the API does: an emoji is one', () => {
    expect(text(form(withReport(), { description: 'Printer 🖨️ kapot' }))).toContain('16 / 2.000');
  });

  it('says which status item the report is about, in words', () => {
    expect(text(form(withReport('disk-space:C:')))).toContain('Over: Schijf C: raakt vol: nog 4,2 GB vrij (3 %).');
  });

  it('says it for a protection line too, not only for the health checks', () => {
    const state = withReport('firewall:public');
    state.checks = { ...state.checks, items: [{ id: 'firewall:public', check: 'firewall', severity: 'problem', code: 'health.firewall.off-public', params: {} }] };
    expect(text(form(state))).toMatch(/Over: .*firewall/i);
  });

  it('says when a closed servicedesk will read it, and that a 24x7 one always does', () => {
    const closed = withReport();
    closed.support = desk(closed.support, { openNow: false, nextChangeAt: '2026-11-26T07:00:00Z' });
    expect(text(form(closed))).toContain('De servicedesk is nu gesloten. Je melding wordt gelezen morgen om 08:00.');
    const always = withReport();
    always.support = desk(always.support, { slaTier: '24x7', openNow: true, nextChangeAt: null });
    expect(text(form(always))).toContain('De servicedesk is dag en nacht bereikbaar.');
  });

  it('when it cannot wait: "call" only while the servicedesk is open; closed and no emergency line is said plainly', () => {
    const state = withReport();
    expect(text(form(state, { impact: 'can-work' }))).not.toContain('Is het dringend?');
    expect(text(form(state, { impact: 'cannot-work' }))).toContain('Is het dringend? Bel de servicedesk: +31 20 123 4567');
    state.support = desk(state.support, { openNow: false, nextChangeAt: '2026-11-26T07:00:00Z' });
    const closed = text(form(state, { impact: 'several-cannot-work' }));
    expect(closed).not.toContain('Bel de servicedesk');
    expect(closed).toContain('Buiten openingstijden is er geen noodnummer.');
  });

  it('puts the emergency line first when several colleagues cannot work', () => {
    const state = withReport();
    state.support = desk(state.support, { emergencyPhone: '+31 20 999 0000' });
    expect(text(form(state, { impact: 'cannot-work' }))).not.toContain('calamiteitendienst');
    const markup = form(state, { impact: 'several-cannot-work' });
    expect(markup).toMatch(/href="tel:\+31209990000"[^>]*>.*Bel nu de calamiteitendienst: \+31 20 999 0000/);
  });

  it('without an emergency line: calls the servicedesk while it is open, and out of hours says what happens instead', () => {
    const open = withReport();
    expect(form(open, { impact: 'several-cannot-work' })).toMatch(/href="tel:\+31201234567"[^>]*>Is het dringend\? Bel de servicedesk: \+31 20 123 4567/);
    const closed = withReport();
    closed.support = desk(closed.support, { openNow: false, nextChangeAt: '2026-11-26T07:00:00Z' });
    const shown = text(form(closed, { impact: 'several-cannot-work' }));
    expect(shown).toContain('Buiten openingstijden is er geen noodnummer.');
    expect(shown).not.toContain('Bel de servicedesk');
  });

  it('shows problems at their fields and summarised at the top', () => {
    const markup = form(withReport(), {}, [
      { field: 'contact.email', code: 'invalid-email' },
      { field: 'description', code: 'required' },
      { field: 'description', code: 'too-long', params: { max: 2000 } },
    ]);
    const shown = text(markup);
    expect(shown).toContain('Kijk dit even na:');
    expect(shown).toContain('Beschrijving: Dit moet je invullen.');
    expect(shown).toContain('E-mail: Vul een e-mailadres in zoals naam@bedrijf.nl.');
    expect(markup).toMatch(/<input[^>]*type="email"[^>]*aria-invalid="true"[^>]*aria-describedby="[^"]*contact-email-error"/);
    expect(markup).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(markup).not.toMatch(/type="tel"[^>]*aria-invalid/);
  });

  it('says why there is no screenshot, never leaves it out without a word', () => {
    const note = (screenshotNote: NonNullable<AgentState['tickets']['report']>['screenshotNote']) => {
      const state = sampleState();
      return text(form({ ...state, tickets: { ...state.tickets, report: openReport({ screenshotNote }) } }));
    };
    expect(note('taking')).toContain('Schermafbeelding wordt klaargemaakt…');
    expect(note('too-large')).toContain('Je scherm was te groot om mee te sturen, ook verkleind.');
    expect(note('capture-failed')).toContain('Er kon geen schermafbeelding worden gemaakt.');
    expect(note('removed')).toContain('Je hebt de schermafbeelding verwijderd.');
  });

  it('a refused ticket brought back says so above the form', () => {
    const state = sampleState();
    const reopened = { ...state, tickets: { ...state.tickets, report: openReport({ replaces: '01JREFUSED' }) } };
    expect(text(form(reopened))).toContain('Dit is je melding die de servicedesk niet kon aannemen.');
    expect(text(form(withReport()))).not.toContain('niet kon aannemen');
  });

  it('marks a description over the limit', () => {
    const shown = text(form(withReport(), { description: 'x'.repeat(2001) }));
    expect(shown).toContain('2.001 / 2.000');
  });
});

describe('what will be sent', () => {
  it('reads the request body in sections, with attachment sizes and the processes', () => {
    const state = sampleState();
    const body = samplePreview();
    const shown = text(html(createElement(SendPreview, { body, processesWanted: true, language: 'nl', units: 'binary', categories: state.tickets.categories })));
    for (const part of ['Computer', 'LAPTOP-ANNA', 'Dell Inc. Latitude 5440', 'Windows 11 Pro 10.0.22631 22631', 'Gezondheid en controles', 'Let op', '12 %', 'Schijf C: raakt vol', '2 metingen', 'Teams.exe – 31,5 %, 812 MB', 'chrome.exe', 'smart probe timed out', 'screenshot.png (image/png, 312 kB)', 'Hoog', 'Printen lukt niet']) {
      expect(shown).toContain(part);
    }
  });

  it('says why the process list is left out: turned off, or not to be had just now', () => {
    const shown = (processesWanted: boolean) =>
      text(html(createElement(SendPreview, { body: { ...samplePreview(), diagnostics: { ...samplePreview().diagnostics, processes: null }, attachments: [] }, processesWanted, language: 'nl', units: 'binary', categories: [] })));
    expect(shown(false)).toContain('Niet meegestuurd: je hebt de lijst met programma’s uitgezet.');
    expect(shown(true)).toContain('Niet meegestuurd: de lijst met programma’s kon nu niet worden gemaakt.');
    expect(shown(true)).toContain('Geen bijlagen.');
  });
});

describe('the result, from the outbox entry', () => {
  const support = sampleState().support;
  const result = (patch: Partial<OutboxEntry>) => text(html(createElement(ReportResult, { entry: entry(patch), support, onClose: () => undefined })));

  it('says "sent" with the number only once the API gave one', () => {
    expect(result({ status: 'sending', attempts: 1 })).toContain('Bezig met versturen…');
    expect(result({ status: 'queued', attempts: 0 })).toContain('Bezig met versturen…');
    expect(result({ status: 'sending' })).not.toContain('Verzonden');
    expect(result({ status: 'sent', number: 10001 })).toContain('Verzonden, meldingnummer 10001');
  });

  it('says queued, with the servicedesk phone, when sending failed', () => {
    const shown = result({ status: 'queued', attempts: 1, lastError: { code: 'network' } });
    expect(shown).toContain('Staat klaar, wordt verstuurd zodra er weer verbinding is');
    expect(shown).toContain('Bel de servicedesk: +31 20 123 4567');
    expect(shown).not.toContain('calamiteitendienst');
  });

  it('a waiting ticket does not advise calling a servicedesk that is closed', () => {
    const closed = desk(support, { openNow: false, nextChangeAt: '2026-11-26T07:00:00Z' });
    const shown = text(html(createElement(ReportResult, { entry: entry({ status: 'queued', attempts: 1, lastError: { code: 'network' } }, closed), support: closed, onClose: () => undefined })));
    expect(shown).not.toContain('Bel de servicedesk');
    expect(shown).toContain('Je melding is bewaard op deze computer en gaat vanzelf weg zodra het kan.');
  });

  it('a waiting ticket for several colleagues who cannot work shows the emergency line', () => {
    const withEmergency = desk(support, { emergencyPhone: '088 - 123 45 99' });
    const shown = text(html(createElement(ReportResult, { entry: entry({ status: 'queued', attempts: 1, lastError: { code: 'network' }, urgency: 'critical' }, withEmergency), support: withEmergency, onClose: () => undefined })));
    expect(shown).toContain('Bel nu de calamiteitendienst: 088 - 123 45 99');
    const normal = text(html(createElement(ReportResult, { entry: entry({ status: 'queued', attempts: 1, lastError: { code: 'network' }, urgency: 'high' }, withEmergency), support: withEmergency, onClose: () => undefined })));
    expect(normal).not.toContain('calamiteitendienst');
  });

  it('never says "call" while the servicedesk is closed', () => {
    const closed = desk(support, { openNow: false, nextChangeAt: '2026-11-26T07:00:00Z' });
    const shown = text(html(createElement(ReportResult, { entry: entry({ status: 'queued', attempts: 1, lastError: { code: 'network' }, urgency: 'high' }, closed), support: closed, onClose: () => undefined })));
    expect(shown).not.toContain('Bel de servicedesk');
    expect(shown).toContain('Je melding is bewaard op deze computer');
  });
});

describe('Meldingen onderweg', () => {
  it('a ticket that waited and has now gone says so with its number, until closed; one sent at once is not listed', () => {
    const outbox = [entry({ id: 'a', status: 'sent', attempts: 3, number: 10042, subject: 'Outlook start niet op' }), entry({ id: 'b', status: 'sent', attempts: 1, number: 10043, subject: 'Printer' })];
    const shown = text(html(createElement(OutboxList, { outbox, damaged: [], phone: null, onDismiss: () => undefined, hideId: null, language: 'nl', now: new Date(), onFix: () => undefined })));
    expect(shown).toContain('Outlook start niet op');
    expect(shown).toContain('Nu bij de servicedesk: meldingnummer 10042');
    expect(shown).toContain('Sluiten');
    expect(shown).not.toContain('Printer');
  });

  it('keeps unsent tickets in sight, with the reason once they have waited long', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const now = new Date('2026-11-25T10:30:00Z');
    const outbox = [
      entry({ id: 'a', subject: 'Wifi valt weg', attempts: 4, lastError: { code: 'http-5xx', status: 503 }, nextAttemptAt: '2026-11-25T10:31:00Z' }),
      entry({ id: 'b', subject: 'Nieuw', createdAt: '2026-11-25T10:29:30Z', attempts: 1, lastError: { code: 'network' } }),
      entry({ id: 'c', subject: 'Al weg', status: 'sent', number: 10002 }),
      entry({ id: 'd', subject: 'Te lang', status: 'rejected', draft: newDraft(sampleState()), problems: [{ field: 'description', code: 'too-long' }] }),
    ];
    const shown = text(html(createElement(OutboxList, { outbox, damaged: [], phone: null, onDismiss: () => undefined, hideId: null, language: 'nl', now, onFix: () => undefined })));
    expect(shown).toContain('Meldingen onderweg');
    expect(shown).toContain('Wifi valt weg');
    expect(shown).toContain('Reden: hallo, heeft een storing.');
    expect(shown).toContain('Nieuw');
    expect(shown).not.toContain('Geen verbinding met hallo'); // not long enough to worry anyone
    expect(shown).not.toContain('Al weg');
    expect(shown).toContain('Moet worden aangepast');
    expect(shown).toContain('Aanpassen');
  });

  it('says so when a saved ticket could not be read back, with the servicedesk number, until dismissed', () => {
    const damaged = [{ file: '01JDAMAGED00000000000000000.json', problem: 'Unexpected end of JSON input', at: '2026-11-25T10:00:00Z' }];
    const markup = html(createElement(OutboxList, { outbox: [], damaged, phone: '088 - 123 45 67', onDismiss: () => undefined, hideId: null, language: 'nl', now: new Date(), onFix: () => undefined }));
    expect(text(markup)).toContain('Een opgeslagen melding kon niet meer worden gelezen en is niet verstuurd.');
    expect(markup).toMatch(/href="tel:0881234567"[^>]*>Bel de servicedesk en vertel wat er aan de hand was: 088 - 123 45 67/);
    expect(text(markup)).toContain('Begrepen');
    expect(text(markup)).not.toContain('Unexpected end'); // the technical reason is for the log
  });

  it('shows nothing when everything is sent', () => {
    expect(html(createElement(OutboxList, { outbox: [entry({ status: 'sent', number: 1 })], damaged: [], phone: null, onDismiss: () => undefined, hideId: null, language: 'nl', now: new Date(), onFix: () => undefined }))).toBe('');
  });
});

describe('Mijn meldingen', () => {
  it('lists number, subject, status in plain words and the last reply, cut short', () => {
    const tickets = {
      ...sampleState().tickets,
      list: [
        { ticketId: 't2', number: 10002, subject: 'Outlook start niet', status: 'waiting' as const, createdAt: '2026-11-25T10:00:00Z', updatedAt: '2026-11-25T11:00:00Z', lastReply: { from: 'Sanne (hallo,)', at: '2026-11-25T11:00:00Z', text: 'Kun je Outlook opnieuw starten? ' + 'x'.repeat(400) }, unread: 0, pendingReplies: 0 },
        { ticketId: 't1', number: 10001, subject: 'Printen lukt niet', status: 'resolved' as const, createdAt: '2026-11-24T10:00:00Z', updatedAt: '2026-11-24T12:00:00Z', lastReply: null, unread: 0, pendingReplies: 0 },
      ],
    };
    const shown = text(html(createElement(MyTickets, { tickets, language: 'nl', refreshing: false, onBack: () => undefined, onOpen: () => undefined, focusTicketId: null })));
    expect(shown).toContain('Melding 10002');
    expect(shown).toContain('Outlook start niet');
    expect(shown).toContain('Wacht op jouw reactie');
    expect(shown).toContain('Laatste reactie van Sanne (hallo,)');
    expect(shown).toContain('Kun je Outlook opnieuw starten?');
    expect(shown).not.toContain('x'.repeat(300));
    expect(shown).toContain('Opgelost');
    const english = text(html(createElement(MyTickets, { tickets, language: 'en', refreshing: false, onBack: () => undefined, onOpen: () => undefined, focusTicketId: null }), 'en'));
    expect(english).toContain('Waiting for your reply');
    expect(english).toContain('Resolved');
  });

  it('says so when there are none yet', () => {
    expect(text(html(createElement(MyTickets, { tickets: sampleState().tickets, language: 'nl', refreshing: false, onBack: () => undefined, onOpen: () => undefined, focusTicketId: null })))).toContain(
      'Je hebt vanaf deze computer nog geen meldingen gedaan.',
    );
  });
});
