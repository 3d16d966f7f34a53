import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { AgentState } from '../../../electron/contract';
import { RestartPrompt } from '../../../renderer/src/restart/RestartPrompt';
import { announceAt, clockText, secondsLeft } from '../../../renderer/src/restart/countdown';
import { createI18n } from '../../../renderer/src/i18n';
import { sampleState } from './sample-state';

// The restart window as the employee first sees it, read as text (no DOM here; clicks are e2e).
const now = new Date('2026-10-26T12:00:00Z'); // Monday 13:00 in Amsterdam, the day after the clock change
const actions = { defer: () => undefined, remindLater: () => undefined, restartNow: () => undefined };
function render(restart: Partial<AgentState['updates']['restart']>, language: 'nl' | 'en' = 'nl'): string {
  const state = sampleState();
  const given: AgentState = { ...state, updates: { ...state.updates, restart: { ...state.updates.restart, needed: true, source: 'local', reasons: [{ code: 'windows-update', soft: false }], deadline: '2026-10-29T16:00:00Z', deferralsLeft: 2, ...restart } } };
  const html = renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(language) }, createElement(RestartPrompt, { state: given, language, now, actions })));
  return html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
}

describe('the restart prompt', () => {
  it('says why, by when, and the exact time each deferral moves it to, with the deferrals left', () => {
    const shown = render({
      step: {
        kind: 'prompt',
        plugIn: false,
        options: [
          { kind: 'in', at: '2026-10-26T13:30:00Z', minutes: 90 },
          { kind: 'in', at: '2026-10-27T08:00:00Z', minutes: null },
          { kind: 'pick', at: '2026-10-26T17:00:00Z', minutes: null },
        ],
      },
    });
    expect(shown).toContain('Je computer moet opnieuw opstarten');
    expect(shown).toContain('Windows Update vraagt om een herstart.');
    expect(shown).toContain('Dat moet uiterlijk donderdag om 17:00.');
    expect(shown).toContain('Herinner me om 14:30');
    expect(shown).toContain('Herinner me morgen om 09:00');
    expect(shown).toContain('Kies een tijd');
    expect(shown).toContain('Opnieuw opstarten om 18:00');
    expect(shown).toContain('Je kunt de herstart nog 2 keer uitstellen.');
    expect(shown).toContain('Sla je werk op');
    expect(shown).toContain('Nu opnieuw opstarten');
    expect(shown).toContain('Later');
  });

  it('with no deferrals left offers only the restart and a close that reminds later, and asks to plug in on battery', () => {
    const shown = render({ deferralsLeft: 0, step: { kind: 'prompt', plugIn: true, options: [] } }, 'en');
    expect(shown).not.toContain('Remind me');
    expect(shown).toContain('You can no longer put the restart off.');
    expect(shown).toContain('Plug in your charger first');
    expect(shown).toContain('Restart now');
    expect(shown).toContain('Later');
  });

  it('the final countdown shows mm:ss and the restart button, and no way to put it off', () => {
    const shown = render({ step: { kind: 'countdown', endsAt: '2026-10-26T12:04:35Z', plugIn: false } });
    expect(shown).toContain('Je computer start zo opnieuw op');
    expect(shown).toContain('04:35');
    expect(shown).toContain('Nu opnieuw opstarten');
    expect(shown).not.toContain('Herinner me');
    expect(shown).not.toContain('Later');
  });

  it('the countdown is heard at whole minutes and the last 30 and 10 seconds, never each second', () => {
    expect(secondsLeft('2026-10-26T12:05:00Z', now)).toBe(300);
    expect(secondsLeft('2026-10-26T11:00:00Z', now)).toBe(0);
    expect(clockText(275)).toBe('04:35');
    const heard = Array.from({ length: 301 }, (_, i) => 300 - i).filter(announceAt);
    expect(heard).toEqual([300, 240, 180, 120, 60, 30, 10]);
  });
});
