import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { AgentState, ConfigProblem } from '../../../electron/contract';
import { AdminView } from '../../../renderer/src/components/AdminView';
import { createI18n } from '../../../renderer/src/i18n';
import { quietAdminActions, sampleState } from './sample-state';

// Rendered to HTML and read as text, as in popup-render.test.ts (no DOM here).
function render(state: AgentState): string {
  const i18n = createI18n(state.settings.language);
  const view = createElement(AdminView, { state, onBack: () => undefined, enroll: async () => undefined, setLanguage: () => undefined, actions: quietAdminActions() });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, view));
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const FILE = 'C:\\ProgramData\\hallo\\agent\\config.json';
const problems: ConfigProblem[] = [
  { file: FILE, field: 'language', code: 'invalid-value', detail: "Invalid option: expected one of \"system\"|\"nl\"|\"en\"" },
  { file: 'C:\\ProgramData\\hallo\\agent\\extra.json', field: '', code: 'invalid-json', detail: 'Unexpected token } in JSON at position 12' },
  { file: 'https://agent.hallo.eu/v1/policy', field: 'policy.support', code: 'invalid-value', detail: '/policy/support: must be object' },
];
function withProblems(): AgentState {
  const state = sampleState();
  return { ...state, config: { ...state.config, files: [FILE], problems, policySource: 'cache' } };
}

describe('the admin view', () => {
  it('shows each configuration problem: which file, which field, what is wrong, in Dutch', () => {
    const shown = text(render(withProblems()));
    expect(shown).toContain('Configuratie');
    expect(shown).toContain('Problemen');
    expect(shown).toContain(`${FILE} Veld language: Deze waarde is niet geldig.`);
    expect(shown).toContain('Invalid option: expected one of');
    expect(shown).toContain('extra.json Het hele bestand: Het bestand is geen geldige JSON.');
    expect(shown).toContain('Unexpected token } in JSON at position 12');
    // A policy from the API that fails its schema is shown the same way, with where it came from.
    expect(shown).toContain('https://agent.hallo.eu/v1/policy Veld policy.support: Deze waarde is niet geldig.');
    expect(shown).toContain('Beleid uit de opgeslagen kopie (offline)');
    expect(shown).not.toContain('Geen problemen.');
    expect(shown).not.toMatch(/\badmin\.[a-zA-Z]+|\bconfig\.(problem|source)\.|\bconnection\.(status|error)\./); // no raw keys
  });

  it('tells the admin whether the device token is encrypted by the OS', () => {
    expect(text(render(sampleState()))).toContain('Apparaatsleutel Versleuteld door het besturingssysteem');
    const plain = sampleState();
    const shown = text(render({ ...plain, app: { ...plain.app, secretStorage: 'file' } }));
    expect(shown).toContain('Apparaatsleutel Niet versleuteld: alleen een bestand dat voor deze gebruiker leesbaar is (geen sleutelbos gevonden)');
  });

  it('says so when there is no problem', () => {
    expect(text(render(sampleState()))).toContain('Geen problemen.');
  });

  it('speaks English when the agent resolved English', () => {
    const state = withProblems();
    const shown = text(render({ ...state, settings: { ...state.settings, languagePreference: 'en', language: 'en' } }));
    expect(shown).not.toContain('Deze waarde is niet geldig.');
    expect(shown).toContain(`${FILE} Field language: This value is not valid.`);
  });

  it('puts enrolling first while the PC is not enrolled, and below the connection once it is; no "Volgende poging" while connected', () => {
    const base = sampleState();
    const online = text(render({ ...base, connection: { ...base.connection, status: 'online', nextAttemptAt: '2026-11-25T10:05:00Z' } }));
    expect(online.indexOf('Verbinding')).toBeLessThan(online.indexOf('Aanmeldcode'));
    expect(online).not.toContain('Volgende poging');
    const state = sampleState();
    const waiting = text(render({ ...state, connection: { ...state.connection, status: 'not-enrolled', nextAttemptAt: null } }));
    expect(waiting.indexOf('Aanmeldcode')).toBeLessThan(waiting.indexOf('Verbinding'));
    const retrying = text(render({ ...state, connection: { ...state.connection, status: 'offline', nextAttemptAt: '2026-11-25T10:05:00Z' } }));
    expect(retrying).toContain('Volgende poging');
  });

  it('shows each probe behind the protection checks: when it ran, how long, read or why not, and its raw output folded', () => {
    const state = sampleState();
    const checks = {
      ...state.checks,
      lastCheckedAt: '2026-11-25T09:45:00Z',
      probes: [
        { probe: 'w32tm-status' as const, ranAt: '2026-11-25T09:45:00Z', durationMs: 412, read: true, reason: null, detail: null, raw: 'Leap Indicator: 0(no warning)\nStratum: 4 (secondary reference - syncd by (S)NTP)' },
        { probe: 'bitlocker' as const, ranAt: '2026-11-25T09:45:01Z', durationMs: 1830, read: false, reason: 'denied' as const, detail: 'exit 2147942405: Access is denied.', raw: '<error> Access is denied & more' },
        { probe: 'c2r-config' as const, ranAt: '2026-11-25T09:45:01Z', durationMs: 20, read: false, reason: 'timeout' as const, detail: null, raw: '' },
      ],
    };
    const html = render({ ...state, checks });
    const shown = text(html);
    expect(shown).toContain('Ruwe uitkomsten van de controles');
    expect(shown).toContain('Nu controleren');
    expect(shown).toMatch(/w32tm-status .*412 ms Gelezen/);
    expect(shown).toMatch(/bitlocker .*1\.830 ms Niet gelezen: geen rechten exit 2147942405: Access is denied\./);
    expect(shown).toContain('Niet gelezen: duurde te lang');
    expect(shown).toContain('Uitvoer van w32tm-status');
    expect(shown).toContain('Geen uitvoer.');
    // The raw output is text in a folded, focusable pre: never markup.
    expect(html).toMatch(/<details class="disclosure"><summary><span class="summary-text">Uitvoer van bitlocker<\/span><\/summary><pre class="code block raw-json" tabindex="0">&lt;error&gt; Access is denied &amp; more<\/pre>/);
    expect(html).toContain('<th scope="col">Duur</th>');
    const busy = render({ ...state, checks: { ...checks, checking: true } });
    expect(text(busy)).toContain('Bezig met controleren…');
    expect(busy).toContain('aria-disabled="true"');
    expect(text(render(state))).toContain('Er is nog niets gecontroleerd.');
  });
});
