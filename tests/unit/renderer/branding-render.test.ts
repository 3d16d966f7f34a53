import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStore } from 'zustand/vanilla';
import type { AgentState, BrandingState } from '../../../electron/contract';
import { App } from '../../../renderer/src/App';
import { AdminView } from '../../../renderer/src/components/AdminView';
import { createI18n } from '../../../renderer/src/i18n';
import type { Mirror } from '../../../renderer/src/store';
import type { PopupBridge } from '../../../renderer/src/bridge/types';
import { quietAdminActions, sampleState } from './sample-state';

// The customer's look as the popup shows it (rendered to HTML and read, as in popup-render.test.ts;
// the click on a link, the accent's colour and axe are in tests/e2e/branding.spec.ts).

const bridge = { kind: 'socket', actions: {}, on: () => () => undefined, onReconnect: () => () => undefined } as unknown as PopupBridge;
const LOGO = `data:image/png;base64,${readFileSync('tests/fixtures/branding/logo-160x48.png').toString('base64')}`;
const BRANDED: BrandingState = {
  accentColor: '#0b5cad',
  logo: { dataUrl: LOGO, width: 160, height: 48 },
  links: [
    { id: 'intranet', label: { nl: 'Ons intranet', en: 'Our intranet' }, url: 'https://intranet.acme.nl/', where: 'both' },
    { id: 'handbook', label: { nl: 'Handboek', en: 'Handbook' }, url: 'https://intranet.acme.nl/handboek', where: 'popup' },
    { id: 'hr', label: { nl: 'HR-portaal', en: 'HR portal' }, url: 'https://hr.acme.nl/', where: 'tray' },
  ],
  problems: [],
};

function withBranding(branding: BrandingState, language: 'nl' | 'en' = 'nl'): AgentState {
  const state = sampleState();
  return {
    ...state,
    branding,
    connection: { ...state.connection, tenantName: 'Acme B.V.' },
    settings: { ...state.settings, language, languagePreference: language },
  };
}
function popup(state: AgentState): string {
  const mirror = { store: createStore<Mirror>(() => ({ status: 'ready', state })), sync: async () => undefined, stop: () => undefined };
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(state.settings.language) }, createElement(App, { bridge, mirror })));
}
function admin(state: AgentState): string {
  const view = createElement(AdminView, { state, onBack: () => undefined, enroll: async () => undefined, setLanguage: () => undefined, actions: quietAdminActions() });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(state.settings.language) }, view));
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const footer = (html: string) => /<footer[^]*<\/footer>/.exec(html)![0];

describe('the customer’s look in the popup', () => {
  it('shows the customer’s logo beside hallo,’s name, named for screen readers', () => {
    const html = popup(withBranding(BRANDED));
    expect(html).toContain(`<img class="brand-logo" src="${LOGO}" width="160" height="48" alt="Logo van Acme B.V."/>`);
    expect(text(html)).toContain('hallo ,');
    expect(popup(withBranding(BRANDED, 'en'))).toContain('alt="Acme B.V. logo"');
  });

  it('shows the links meant for the popup in the footer, in the employee’s language, as buttons; not those for the tray', () => {
    const nl = footer(popup(withBranding(BRANDED)));
    expect(nl).toContain('<nav class="brand-links" aria-label="Links van je organisatie">');
    expect(nl.match(/<button type="button" class="link-button">[^<]+<\/button>/g)).toEqual([
      '<button type="button" class="link-button">Ons intranet</button>',
      '<button type="button" class="link-button">Handboek</button>',
    ]);
    expect(nl).not.toContain('HR-portaal');
    expect(text(footer(popup(withBranding(BRANDED, 'en'))))).toContain('Our intranet Handbook');
    // The page never carries the URL: the shell opens it by id.
    expect(nl).not.toContain('intranet.acme.nl');
  });

  it('marks the popup branded only when the agent kept an accent colour, without an inline style', () => {
    const html = popup(withBranding(BRANDED));
    expect(html).toMatch(/^<div class="flyout branded">/);
    expect(html).not.toMatch(/\sstyle=/);
    expect(popup(withBranding({ ...BRANDED, accentColor: null }))).toMatch(/^<div class="flyout">/);
  });

  it('without branding: hallo,’s own look, no logo, no links row', () => {
    const html = popup(withBranding({ accentColor: null, logo: null, links: [], problems: [] }));
    expect(html).not.toContain('<img');
    expect(html).not.toContain('brand-links');
  });
});

describe('branding in the admin view', () => {
  it('shows what was taken from the policy', () => {
    const shown = text(admin(withBranding(BRANDED)));
    expect(shown).toContain('Huisstijl en links');
    expect(shown).toContain('Accentkleur #0b5cad');
    expect(shown).toContain('Logo 160 × 48 pixels');
    expect(shown).toContain('Ons intranet (venster en systeemvak) https://intranet.acme.nl/');
    expect(shown).toContain('HR-portaal (systeemvak) https://hr.acme.nl/');
    expect(shown).toContain('Niets weggelaten.');
  });

  it('shows what was left out and why, so the admin knows why hallo,’s own logo shows', () => {
    const shown = text(
      admin(
        withBranding({
          accentColor: null,
          logo: null,
          links: [],
          problems: [
            { field: 'branding.logoUrl', code: 'logo-too-large', detail: '2000 × 20 pixels, at most 1024 × 1024' },
            { field: 'branding.accentColor', code: 'accent-invalid', detail: 'white text on #ffd700 has a contrast of 1.40:1, below 4.5:1' },
            { field: 'branding.links[0].url', code: 'link-not-allowed', detail: "evil.example is not hallo,'s, the portal's or in allowedLinkHosts" },
          ],
        }),
      ),
    );
    expect(shown).toContain('Accentkleur Die van hallo,');
    expect(shown).toContain('Logo Dat van hallo,');
    expect(shown).toContain('Veld branding.logoUrl: Het logo is te groot (meer dan 100 kB of 1024 × 1024 pixels): het logo van hallo, wordt getoond. 2000 × 20 pixels, at most 1024 × 1024');
    expect(shown).toContain('Veld branding.accentColor: De accentkleur is geen #rrggbb of witte tekst is er slecht op te lezen');
    expect(shown).toContain('Veld branding.links[0].url: Deze link gaat naar een adres dat niet is toegestaan');
  });
});
