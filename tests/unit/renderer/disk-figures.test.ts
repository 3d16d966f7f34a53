import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { createStore } from 'zustand/vanilla';
import type { AgentState, Language } from '../../../electron/contract';
import { createHealthService } from '../../../electron/agent/health/service';
import { DEFAULT_THRESHOLDS, healthSummary } from '../../../electron/agent/health/rules';
import { initialState } from '../../../electron/agent/capabilities';
import { createLogger } from '../../../electron/agent/log';
import { AgentStore } from '../../../electron/agent/store';
import { App } from '../../../renderer/src/App';
import { SendPreview } from '../../../renderer/src/components/report/SendPreview';
import { createI18n } from '../../../renderer/src/i18n';
import type { Mirror } from '../../../renderer/src/store';
import type { PopupBridge } from '../../../renderer/src/bridge/types';
import { createFakeClock } from '../../doubles/fake-clock';
import { fakeProbes, loadFixture } from '../health/helpers';
import { samplePreview } from './sample-state';

// Issue 7.4: one disk, one number. The recorded PC is sampled by the real health service, then the
// popup is rendered from that state: the checklist, Details and the send preview must agree, and
// use the GB of the platform's own file manager (Explorer: 2^30 bytes; Finder, GNOME Files: 10^9).

const bridge = { kind: 'socket', actions: {}, on: () => () => undefined, onReconnect: () => () => undefined } as unknown as PopupBridge;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

async function sampled(fixture: 'windows11-laptop' | 'linux-debian12', platform: string, language: Language): Promise<AgentState> {
  const clock = createFakeClock(Date.parse('2026-03-02T09:00:00Z'));
  const store = new AgentStore(initialState({ appVersion: '1.0.0', platform }));
  const service = createHealthService({
    store,
    log: createLogger({ file: null, clock }),
    clock,
    probes: fakeProbes(loadFixture(fixture)).probes,
    thresholds: () => DEFAULT_THRESHOLDS,
    sampleSeconds: () => 60,
  });
  service.start();
  await clock.advance(0);
  service.stop();
  const state = store.get();
  return { ...state, settings: { ...state.settings, language } };
}

function views(state: AgentState) {
  const i18n = createI18n(state.settings.language);
  const mirror = { store: createStore<Mirror>(() => ({ status: 'ready', state })), sync: async () => undefined, stop: () => undefined };
  const popup = renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(App, { bridge, mirror })));
  const sample = samplePreview();
  const body = { ...sample, diagnostics: { ...sample.diagnostics, health: { ...healthSummary(state), history: [] }, checks: state.health.items } };
  const preview = renderToStaticMarkup(
    createElement(I18nextProvider, { i18n }, createElement(SendPreview, { body, processesWanted: false, language: state.settings.language, units: state.app.sizeUnits, categories: [] })),
  );
  const details = popup.slice(popup.indexOf('class="disclosure details"'));
  return { checklist: text(popup.slice(0, popup.indexOf('class="disclosure details"'))), details: text(details), preview: text(preview) };
}

beforeEach(() => vi.useFakeTimers({ now: Date.parse('2026-03-02T09:00:00Z'), toFake: ['Date'] })); // the popup's "now"
afterEach(() => vi.useRealTimers());

describe('one disk, one figure', () => {
  it('the Windows laptop: C: as Explorer counts it, the same in the checklist, Details and the send preview', async () => {
    // C: has 40 861 664 215 bytes free of 510 770 802 688: 38.06 and 475.69 units of 2^30 bytes.
    const { checklist, details, preview } = views(await sampled('windows11-laptop', 'win32', 'nl'));
    expect(checklist).toContain('Schijf C: raakt vol: nog 38,1 GB vrij (8 %).');
    expect(details).toContain('38,1 GB vrij van 475,7 GB');
    expect(preview).toContain('38,1 GB vrij van 475,7 GB');
    expect(preview).toContain('Schijf C: raakt vol: nog 38,1 GB vrij (8 %).');
    expect(`${checklist} ${details} ${preview}`).not.toContain('40,9');
  });

  it('a Linux PC: / as GNOME Files counts it (10^9 bytes), the same everywhere, in English too', async () => {
    // / has 84 457 385 984 bytes free of 270 553 174 016.
    const { checklist, details, preview } = views(await sampled('linux-debian12', 'linux', 'en'));
    expect(checklist).toContain('Drive / has enough space: 84.5 GB free.');
    expect(details).toContain('84.5 GB free of 270.6 GB');
    expect(preview).toContain('84.5 GB free of 270.6 GB');
  });
});
