import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStore } from 'zustand/vanilla';
import type { AgentState, SelfUpdateState } from '../../../electron/contract';
import { App } from '../../../renderer/src/App';
import type { PopupBridge } from '../../../renderer/src/bridge/types';
import { AdminView } from '../../../renderer/src/components/AdminView';
import { createI18n } from '../../../renderer/src/i18n';
import type { Mirror } from '../../../renderer/src/store';
import { quietAdminActions, sampleState } from './sample-state';

// The admin view's self-update card as an admin reads it (rendered to HTML, read as text, as in
// admin-view-render.test.ts), and the employee's popup, which says nothing of it.

const FEED = 'https://updates.hallo.eu/agent';
const ENABLED: SelfUpdateState = {
  phase: 'idle',
  channel: 'stable',
  feedUrl: FEED,
  feedSource: 'policy',
  stagingPercentage: 100,
  bucket: 37,
  lastCheckedAt: '2026-12-07T08:00:00Z',
  available: null,
  heldBack: false,
  installWhen: null,
  waitingFor: null,
  lastError: null,
};

function withUpdate(selfUpdate: Partial<SelfUpdateState>, language: 'nl' | 'en' = 'nl'): AgentState {
  const state = sampleState();
  return { ...state, settings: { ...state.settings, language }, selfUpdate: { ...ENABLED, ...selfUpdate } };
}
function admin(state: AgentState): string {
  const i18n = createI18n(state.settings.language);
  const view = createElement(AdminView, { state, onBack: () => undefined, enroll: async () => undefined, setLanguage: () => undefined, actions: quietAdminActions() });
  return text(renderToStaticMarkup(createElement(I18nextProvider, { i18n }, view)));
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const card = (shown: string) => shown.slice(shown.indexOf('Nieuwe versies van hallo,') >= 0 ? shown.indexOf('Nieuwe versies van hallo,') : shown.indexOf('New versions of hallo,'));

describe('the self-update card', () => {
  it('shows the version, channel, feed and its source, the rollout place and the last check, with "Nu zoeken"', () => {
    const shown = card(admin(withUpdate({})));
    expect(shown).toContain('Nieuwe versies van hallo, Geen nieuwere versie Nu zoeken');
    expect(shown).toContain(`Deze versie ${sampleState().app.version}`);
    expect(shown).toContain('Kanaal Stabiel');
    expect(shown).toContain(`Updatebron ${FEED} uit het beleid van hallo,`);
    expect(shown).toContain('Gefaseerde uitrol 100 % van de pc’s; deze pc heeft plaats 37 (0–99)');
    expect(shown).toMatch(/Laatst gezocht \S/);
    expect(shown).not.toMatch(/\bselfUpdate\.[a-zA-Z]+/); // no raw keys
  });

  it('a ready version: when it installs, or what it waits for', () => {
    const ready = { phase: 'ready', available: { version: '1.5.0', releaseDate: '2026-12-06T12:00:00Z' }, installWhen: 'at-quit' } as const;
    expect(card(admin(withUpdate(ready)))).toContain('Versie 1.5.0 staat klaar');
    expect(card(admin(withUpdate(ready)))).toContain('Installatie Wanneer hallo, de volgende keer afsluit');
    expect(card(admin(withUpdate({ ...ready, installWhen: 'with-restart' })))).toContain('Installatie Samen met de herstart van de computer');
    expect(card(admin(withUpdate({ ...ready, waitingFor: 'remote-session' })))).toContain('Installatie Wacht: er loopt hulp op afstand');
    expect(card(admin(withUpdate({ ...ready, waitingFor: 'restart-countdown' })))).toContain('Installatie Wacht: de computer start zo opnieuw op');
  });

  it('a version held back by the staged rollout, with the place and the percentage', () => {
    const shown = card(admin(withUpdate({ available: { version: '1.5.0', releaseDate: null }, heldBack: true, stagingPercentage: 10, bucket: 62 })));
    expect(shown).toContain('Versie 1.5.0 is er, maar nog niet voor deze pc: de uitrol staat op 10 % en deze pc heeft plaats 62.');
  });

  it('the rollout place before the first check, and before enrolment', () => {
    expect(card(admin(withUpdate({ bucket: null, stagingPercentage: 20 })))).toContain('Gefaseerde uitrol 20 % van de pc’s; de plaats van deze pc volgt bij het eerste zoeken');
    const state = withUpdate({ bucket: null, stagingPercentage: 20 });
    expect(card(admin({ ...state, connection: { ...state.connection, deviceId: null } }))).toContain('Gefaseerde uitrol 20 % van de pc’s; deze pc heeft nog geen plaats (niet aangemeld)');
  });

  it('off without a feed; the configuration’s feed named as such', () => {
    expect(card(admin(withUpdate({ phase: 'disabled', feedUrl: null, feedSource: null })))).toContain('Uit: er is geen updatebron ingesteld');
    // A feed, but an install the admin's tool keeps current (the MSI, the deb, the pkg: no updater).
    expect(card(admin(withUpdate({ phase: 'disabled', feedUrl: 'https://updates.hallo.eu/agent', feedSource: 'policy' })))).toContain(
      'Uit voor deze installatie: nieuwe versies komen via je beheertool (Intune, Group Policy, apt of de MDM)',
    );
    expect(card(admin(withUpdate({ feedUrl: 'https://mirror.klant.nl/hallo', feedSource: 'config' })))).toContain(
      'Updatebron https://mirror.klant.nl/hallo uit de configuratie op deze pc',
    );
  });

  const errors: [SelfUpdateState['lastError'] & object, string, string][] = [
    [{ code: 'feed-invalid', detail: 'latest.yml: version: Required' }, 'De updatebron gaf geen leesbare versie-informatie. Er is niets geïnstalleerd.', 'The update source gave no readable version information. Nothing was installed.'],
    [{ code: 'older-version', detail: 'offered 1.3.0, running 1.4.0' }, 'De updatebron biedt een oudere versie aan. Die wordt nooit geïnstalleerd.', 'The update source offers an older version. That is never installed.'],
    [{ code: 'hash-mismatch', detail: 'sha512 differs' }, 'Het gedownloade bestand klopt niet met de updatebron (ander controlegetal). Er is niets geïnstalleerd.', 'The downloaded file does not match the update source (a different checksum). Nothing was installed.'],
  ];
  it.each(errors)('the last error in words, with its code and detail: %j', (lastError, dutch, english) => {
    const nl = card(admin(withUpdate({ lastError })));
    expect(nl).toContain(`Laatste fout ${dutch} ${lastError.code} · ${lastError.detail}`);
    expect(card(admin(withUpdate({ lastError }, 'en')))).toContain(`Last error ${english}`);
  });
});

describe('the employee’s popup', () => {
  it('says nothing of a ready update or a failed one', () => {
    const bridge = { kind: 'socket', actions: {}, on: () => () => undefined, onReconnect: () => () => undefined } as unknown as PopupBridge;
    const state = withUpdate({ phase: 'ready', available: { version: '1.5.0', releaseDate: null }, installWhen: 'at-quit', lastError: { code: 'hash-mismatch' } });
    const mirror = { store: createStore<Mirror>(() => ({ status: 'ready', state })), sync: async () => undefined, stop: () => undefined };
    const shown = text(renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n('nl') }, createElement(App, { bridge, mirror }))));
    expect(shown).toContain('LAPTOP-ANNA'); // the popup did render
    expect(shown).not.toMatch(/1\.5\.0|Nieuwe versies|updatebron|staat klaar/i);
  });
});
