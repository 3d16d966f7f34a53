import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStore } from 'zustand/vanilla';
import type { AgentState, MyTicket, OpenThread } from '../../../electron/contract';
import { App } from '../../../renderer/src/App';
import { createI18n } from '../../../renderer/src/i18n';
import type { Mirror } from '../../../renderer/src/store';
import type { PopupBridge } from '../../../renderer/src/bridge/types';
import { sampleState } from './sample-state';
import { sampleThread, threadMessage } from './sample-thread';

// The conversation on a ticket as the popup first shows it (rendered to HTML: no DOM here; typing,
// focus and Send are in tests/e2e/ticket-conversation.spec.ts).
const bridge = { kind: 'socket', actions: {}, on: () => () => undefined, onReconnect: () => () => undefined } as unknown as PopupBridge;
const PNG = 'data:image/png;base64,iVBORw0KGgo=';

function app(state: AgentState): string {
  const mirror = { store: createStore<Mirror>(() => ({ status: 'ready', state })), sync: async () => undefined, stop: () => undefined };
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(state.settings.language) }, createElement(App, { bridge, mirror })));
}
const text = (markup: string) => markup.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function withThread(thread: Partial<OpenThread> = {}, language: 'nl' | 'en' = 'nl'): AgentState {
  const state = sampleState();
  return { ...state, settings: { ...state.settings, language }, tickets: { ...state.tickets, thread: sampleThread(thread) } };
}

const ticket = (patch: Partial<MyTicket>): MyTicket => ({
  ticketId: 't1',
  number: 10001,
  subject: 'Printen lukt niet',
  status: 'open',
  createdAt: '2026-11-24T10:00:00Z',
  updatedAt: '2026-11-24T12:00:00Z',
  lastReply: null,
  unread: 0,
  pendingReplies: 0,
  ...patch,
});

describe('the conversation on a ticket', () => {
  it('shows the whole conversation in order: the report, the servicedesk with name and time, the status in words, this PC’s reply waiting', () => {
    const shown = text(app(withThread()));
    expect(shown).toContain('Melding 10002');
    expect(shown).toContain('Outlook start niet');
    expect(shown).toContain('Status: Wacht op jouw reactie');
    const order = ['Jij', 'Outlook start niet. Sinds vanochtend.', 'Sanne van hallo,', 'Kun je Outlook een keer afsluiten', 'Status: Wacht op jouw reactie', 'Nee, nog steeds niet.', 'Bijlage: screenshot.png (312 kB)', 'Wacht op verbinding'];
    // Each part after the one before it (the status pill at the top says "Wacht op jouw reactie" too).
    let from = shown.indexOf('Bijgewerkt');
    for (const part of order) {
      const at = shown.indexOf(part, from);
      expect(at, part).toBeGreaterThan(from);
      from = at;
    }
    // The servicedesk's reply with its time, the Dutch way, to the minute (whatever this machine's zone).
    expect(shown).toMatch(/Sanne van hallo, 2[56] nov 2026, \d\d:\d\d Kun je Outlook/);
    expect(shown).not.toMatch(/\b(thread|reply|myTickets)\.[a-zA-Z]+/); // no raw keys
    // Only the popup: no list, no main view behind it.
    expect(shown).not.toContain('Meld een probleem');
  });

  it('says each of this PC’s replies truthfully: being sent, waiting for a connection, sent, not accepted', () => {
    for (const [delivery, words] of [['sending', 'Wordt verstuurd…'], ['queued', 'Wacht op verbinding'], ['sent', 'Verstuurd'], ['rejected', 'Niet aangenomen']] as const) {
      const thread = sampleThread();
      const messages = thread.messages.map((m) => (m.id === 'o1' ? { ...m, delivery } : m));
      const shown = text(app(withThread({ messages })));
      expect(shown, delivery).toContain(words);
    }
    // What others wrote carries no delivery words.
    const others = sampleThread().messages.filter((m) => m.id !== 'o1');
    expect(text(app(withThread({ messages: others })))).not.toMatch(/Verstuurd|Wacht op verbinding|Wordt verstuurd/);
  });

  it('shows HTML and markdown from the API as text, never as markup; right-to-left text reads its own way', () => {
    const messages = [
      threadMessage({ id: 'h', text: '<img src=x onerror=alert(1)><b>vet</b> **ook vet** [klik](https://evil.example)' }),
      threadMessage({ id: 'r', name: 'سارة', text: 'مرحبا، هل يمكنك إعادة تشغيل الكمبيوتر؟' }),
    ];
    const markup = app(withThread({ messages }));
    expect(markup).not.toContain('<img src=x');
    expect(markup).not.toContain('<b>');
    expect(markup).not.toContain('href="https://evil.example"');
    expect(markup).toContain('&lt;img src=x onerror=alert(1)&gt;&lt;b&gt;vet&lt;/b&gt; **ook vet** [klik](https://evil.example)');
    expect(markup).toMatch(/<p class="message-text" dir="auto">مرحبا/);
    expect(markup).toMatch(/<span class="message-name" dir="auto">سارة/);
  });

  it('offers "Toon eerdere berichten" only while there are older ones', () => {
    expect(text(app(withThread({ olderAvailable: true })))).toContain('Toon eerdere berichten');
    expect(text(app(withThread({ olderAvailable: false })))).not.toContain('Toon eerdere berichten');
  });

  it('has a reply box with the report’s counter and limit, and "Voeg een schermafbeelding toe"', () => {
    const markup = app(withThread());
    expect(text(markup)).toContain('Je reactie');
    expect(text(markup)).toContain('0 / 2.000');
    expect(text(markup)).toContain('Voeg een schermafbeelding toe');
    expect(text(markup)).toContain('Versturen');
    expect(markup).toMatch(/<textarea[^>]*dir="auto"/);
  });

  it('shows a screenshot taken for the reply, with its size and a way to remove it', () => {
    const reply = { screenshot: { thumbnail: PNG, width: 1920, height: 1080, bytes: 312_000 }, screenshotNote: null, draft: null, problems: [] };
    const markup = app(withThread({ reply }));
    expect(markup).toContain('alt="Schermafbeelding van je scherm, voor je reactie"');
    expect(text(markup)).toContain('1920 × 1080 pixels, 312 kB');
    expect(text(markup)).toContain('Verwijder schermafbeelding');
    expect(text(markup)).not.toContain('Voeg een schermafbeelding toe');
  });

  it('on a resolved ticket asks whether it is solved: "Het is opgelost" and "Het is nog niet opgelost"', () => {
    const shown = text(app(withThread({ status: 'resolved', canResolve: true, canReply: false })));
    expect(shown).toContain('De servicedesk heeft je melding opgelost. Klopt dat?');
    expect(shown).toContain('Het is opgelost');
    expect(shown).toContain('Het is nog niet opgelost');
    expect(shown).not.toContain('Je reactie'); // a sentence is asked for once "not solved" is chosen
  });

  it('brings a refused reply back into the box with its reason, and says a deleted ticket is gone while keeping the text', () => {
    const draft = { ticketId: 't-outlook', text: 'Hij doet het nog steeds niet.', intent: 'reply' as const, includeScreenshot: false };
    const markup = app(withThread({ gone: true, canReply: false, reply: { screenshot: null, screenshotNote: null, draft, problems: [{ field: 'ticket', code: 'gone' }] } }));
    const shown = text(markup);
    expect(shown).toContain('Deze melding bestaat niet meer bij de servicedesk. Je kunt er niet meer op reageren.');
    expect(shown).toContain('Je reactie is niet aangenomen. Je tekst staat hieronder weer klaar.');
    expect(shown).toContain('Melding: Deze melding bestaat niet meer bij de servicedesk. Je tekst staat er nog');
    expect(markup).toMatch(/<textarea[^>]*>Hij doet het nog steeds niet\.<\/textarea>/);
    expect(shown).not.toContain('Versturen'); // nothing to send it to
  });

  it('shows a refused text at its field', () => {
    const draft = { ticketId: 't-outlook', text: '', intent: 'reply' as const, includeScreenshot: false };
    const markup = app(withThread({ reply: { screenshot: null, screenshotNote: null, draft, problems: [{ field: 'text', code: 'required' }] } }));
    expect(markup).toMatch(/<textarea[^>]*aria-invalid="true"/);
    expect(text(markup)).toContain('Je reactie: Dit moet je invullen.');
  });

  it('says a closed ticket takes no more replies', () => {
    const shown = text(app(withThread({ status: 'closed', canReply: false, canResolve: false })));
    expect(shown).toContain('Deze melding is gesloten. Je kunt er niet meer op reageren.');
    expect(shown).not.toContain('Versturen');
  });

  it('speaks English when the agent resolved English', () => {
    const markup = app(withThread({ status: 'resolved', canResolve: true }, 'en'));
    const shown = text(markup);
    expect(shown).toContain('Ticket 10002');
    expect(shown).toContain('Status: Resolved');
    expect(shown).toContain('Waiting for a connection');
    expect(shown).toContain('It is not solved yet');
    expect(markup).toContain('aria-label="Back to My tickets"');
  });
});

describe('Mijn meldingen with conversations', () => {
  it('counts the tickets waiting for the employee on "Mijn meldingen"', () => {
    const state = sampleState();
    const list = [ticket({ ticketId: 'w', status: 'waiting' }), ticket({})];
    const markup = app({ ...state, tickets: { ...state.tickets, list, waitingForYou: 1 } });
    expect(text(markup)).toContain('Mijn meldingen (2) 1 , 1 wacht op jou');
    const none = app({ ...state, tickets: { ...state.tickets, list, waitingForYou: 0 } });
    expect(text(none)).not.toContain('wacht op jou');
  });
});
