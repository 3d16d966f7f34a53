import type { Agent } from '../../electron/agent/agent';
import { createLogger } from '../../electron/agent/log';
import { AgentStore } from '../../electron/agent/store';
import { initialState } from '../../electron/agent/capabilities';
import { openReport, type AgentState, type Notice } from '../../electron/contract';
import { createFakeClock } from './fake-clock';

/** An agent as the shell sees it: a real store, and a record of every intent it received. */
export function fakeAgent(patch: Partial<AgentState> = {}) {
  const store = new AgentStore({ ...initialState({ appVersion: '0.1.0', platform: 'linux' }), ...patch });
  const invoked: { name: string; request: unknown }[] = [];
  const notices = new Set<(notice: Notice) => void>();
  const log = createLogger({ file: null, clock: createFakeClock() });
  const agent: Agent = {
    state: () => store.get(),
    invoke: async (name, request) => {
      invoked.push({ name, request });
      if (name === 'settings.setLanguage') {
        const language = (request as { language: 'system' | 'nl' | 'en' }).language;
        store.update('settings', (settings) => ({ ...settings, languagePreference: language, language: language === 'en' ? 'en' : 'nl' }));
      }
      if (name === 'tickets.startReport') {
        // As the real agent: the screenshot takes a moment, then the form's report is open.
        await flush();
        const { relatedItemId } = request as { relatedItemId: string | null };
        store.update('tickets', (tickets) => ({ ...tickets, report: openReport({ relatedItemId }) }));
      }
      return (name === 'state.get' ? store.get() : undefined) as never;
    },
    subscribe: (listener) => store.subscribe(listener),
    onNotice: (listener) => {
      notices.add(listener);
      return () => notices.delete(listener);
    },
    start: async () => {},
    stop: async () => {},
    log,
  };
  return { agent, store, invoked, notify: (notice: Notice) => notices.forEach((listener) => listener(notice)) };
}

/** Lets the store's microtask flush reach its listeners. */
export const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
