import { beforeEach, describe, expect, it } from 'vitest';
import { Notification, __reset } from '../doubles/electron';
import { catalogs } from '../../electron/contract/messages';
import { showNotices } from '../../electron/main/notices';
import { fakeAgent, flush } from '../doubles/fake-agent';

// The catalog's wording is the renderer engineer's; what the shell must get right is the key,
// the language and the filled-in number.
const ANSWER = { name: 'Sanne', excerpt: 'Kun je Outlook een keer afsluiten?' };
const words = (language: 'nl' | 'en', code: 'ticket-answered' | 'ticket-resolved', number: string) => {
  const entry = catalogs[language].notice[code];
  const fill = (text: string) => text.replace('{{number}}', number).replace('{{name}}', ANSWER.name).replace('{{excerpt}}', ANSWER.excerpt);
  return { title: fill(entry.title), body: fill(entry.body) };
};

function start(language: 'nl' | 'en', platform: NodeJS.Platform = 'win32') {
  const fake = fakeAgent();
  fake.store.update('settings', (settings) => ({ ...settings, language, languagePreference: language }));
  const opened: string[] = [];
  // What the employee sees when the popup shows: the conversation the agent opened, or the popup.
  const show = () => void opened.push(fake.invoked.some((call) => call.name === 'tickets.openThread') ? `popup at ${JSON.stringify(fake.invoked.at(-1)?.request)}` : 'popup');
  // The restart window comes to the front while the agent asks (prompt or countdown), as windows/restart.ts does.
  const restart = {
    show: () => {
      const asking = fake.agent.state().updates.restart.step?.kind === 'prompt';
      if (asking) opened.push('restart window');
      return asking;
    },
  };
  const stop = showNotices({ agent: fake.agent, platform, popup: { show }, restart });
  return { ...fake, opened, stop };
}

describe('notices become OS notifications', () => {
  beforeEach(() => __reset());

  it('a ticket answered, in Dutch, with its number; clicking it opens the popup', () => {
    const { notify, opened } = start('nl');
    notify({ code: 'ticket-answered', params: { number: 12345, ...ANSWER } });
    expect(Notification.shown).toHaveLength(1);
    const [shown] = Notification.shown;
    expect(shown!.options).toEqual(words('nl', 'ticket-answered', '12345'));
    expect(shown!.options.title).toContain('12345');
    expect(JSON.stringify(shown!.options)).not.toContain('{{');
    expect(opened).toEqual([]);
    shown!.emit('click');
    expect(opened).toEqual(['popup']);
  });

  it('a notice about a ticket opens the popup at its conversation when clicked', async () => {
    const { notify, opened, invoked } = start('nl');
    notify({ code: 'ticket-answered', params: { number: 12345 }, ticketId: 't-42' });
    const [shown] = Notification.shown;
    // Windows and Linux notifications have no buttons of their own: the click is the way in.
    expect(shown!.options.actions).toBeUndefined();
    shown!.emit('click');
    await flush();
    expect(invoked).toEqual([{ name: 'tickets.openThread', request: { ticketId: 't-42' } }]);
    expect(opened).toEqual(['popup at {"ticketId":"t-42"}']);
  });

  it('on macOS a notice about a ticket offers "Beantwoorden", which opens its conversation', async () => {
    const { notify, opened } = start('nl', 'darwin');
    notify({ code: 'ticket-answered', params: { number: 12345 }, ticketId: 't-42' });
    notify({ code: 'ticket-delivered', params: { number: 12346 } }); // no ticket to open: no button
    const [answered, delivered] = Notification.shown;
    expect(answered!.options.actions).toEqual([{ type: 'button', text: 'Beantwoorden' }]);
    expect(delivered!.options.actions).toBeUndefined();
    answered!.emit('action', {}, 0);
    await flush();
    expect(opened).toEqual(['popup at {"ticketId":"t-42"}']);
  });

  it('the ticket that cannot be opened still opens the popup', async () => {
    const { notify, opened, agent } = start('en', 'darwin');
    agent.invoke = async () => {
      throw new Error('gone');
    };
    notify({ code: 'ticket-answered', params: { number: 7 }, ticketId: 't-gone' });
    expect(Notification.shown[0]!.options.actions).toEqual([{ type: 'button', text: 'Reply' }]);
    Notification.shown[0]!.emit('click');
    await flush();
    expect(opened).toEqual(['popup']);
    expect(agent.log.recent().at(-1)?.msg).toBe('notices: could not open the ticket');
  });

  it('a ticket resolved, in English', () => {
    const { notify } = start('en');
    notify({ code: 'ticket-resolved', params: { number: 7 } });
    expect(Notification.shown.map((n) => n.options)).toEqual([words('en', 'ticket-resolved', '7')]);
    expect(words('en', 'ticket-resolved', '7')).not.toEqual(words('nl', 'ticket-resolved', '7'));
  });

  it('follows the language the agent has now', () => {
    const { notify, store } = start('nl');
    store.update('settings', (settings) => ({ ...settings, language: 'en' }));
    notify({ code: 'ticket-answered', params: { number: 3, ...ANSWER } });
    expect(Notification.shown[0]!.options).toEqual(words('en', 'ticket-answered', '3'));
  });

  it('a code the catalog does not know is logged, not shown as a raw key', () => {
    const { notify, agent } = start('nl');
    notify({ code: 'constructor', params: {} });
    notify({ code: 'no-such-notice', params: {} });
    expect(Notification.shown).toHaveLength(0);
    expect(agent.log.recent().map((entry) => entry.data?.code)).toEqual(['constructor', 'no-such-notice']);
  });

  it('where the OS has no notifications, nothing is shown and nothing throws', () => {
    Notification.supported = false;
    const { notify } = start('nl');
    expect(() => notify({ code: 'ticket-answered', params: { number: 1 } })).not.toThrow();
    expect(Notification.shown).toHaveLength(0);
  });

  it('stops when unsubscribed', () => {
    const { notify, stop } = start('nl');
    stop();
    notify({ code: 'ticket-answered', params: { number: 1 } });
    expect(Notification.shown).toHaveLength(0);
  });

  describe('the restart notice: "Nu opnieuw opstarten" and "Later"', () => {
    const RESTART_NOTICE = { code: 'restart-needed', params: {}, actions: ['restart-now' as const, 'remind-later' as const] };
    const asking = (store: ReturnType<typeof start>['store']) =>
      store.update('updates', (updates) => ({ ...updates, restart: { ...updates.restart, needed: true, step: { kind: 'prompt', options: [], plugIn: false } } }));

    it('on macOS its buttons send the restart window\'s own intents through the agent', async () => {
      const { notify, invoked, store, opened } = start('nl', 'darwin');
      asking(store);
      notify(RESTART_NOTICE);
      notify(RESTART_NOTICE);
      const [first, second] = Notification.shown;
      expect(first!.options).toEqual({
        title: catalogs.nl.notice['restart-needed'].title,
        body: catalogs.nl.notice['restart-needed'].body,
        actions: [
          { type: 'button', text: 'Nu opnieuw opstarten' },
          { type: 'button', text: 'Later' },
        ],
      });
      first!.emit('action', { actionIndex: 0 }, 0);
      second!.emit('action', { actionIndex: 1 }, 1);
      await flush();
      expect(invoked).toEqual([
        { name: 'updates.restartNow', request: {} },
        { name: 'updates.remindLater', request: {} },
      ]);
      expect(opened).toEqual([]);
    });

    it.each(['win32', 'linux'] as const)('on %s it has no buttons (they would not answer) and a click brings up the restart window', async (platform) => {
      const { notify, invoked, store, opened } = start('en', platform);
      asking(store);
      notify(RESTART_NOTICE);
      const [shown] = Notification.shown;
      expect(shown!.options).toEqual({ title: catalogs.en.notice['restart-needed'].title, body: catalogs.en.notice['restart-needed'].body });
      shown!.emit('click');
      await flush();
      expect(opened).toEqual(['restart window']);
      expect(invoked).toEqual([]);
    });

    it('a click after the agent stopped asking opens the popup, which says where the restart stands', () => {
      const { notify, opened } = start('nl');
      notify(RESTART_NOTICE);
      Notification.shown[0]!.emit('click');
      expect(opened).toEqual(['popup']);
    });
  });
});
