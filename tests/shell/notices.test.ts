import { beforeEach, describe, expect, it } from 'vitest';
import { Notification, __reset } from '../doubles/electron';
import { catalogs } from '../../electron/contract/messages';
import { showNotices } from '../../electron/main/notices';
import { fakeAgent } from '../doubles/fake-agent';

// The catalog's wording is the renderer engineer's; what the shell must get right is the key,
// the language and the filled-in number.
const ANSWER = { name: 'Sanne', excerpt: 'Kun je Outlook een keer afsluiten?' };
const words = (language: 'nl' | 'en', code: 'ticket-answered' | 'ticket-resolved', number: string) => {
  const entry = catalogs[language].notice[code];
  const fill = (text: string) => text.replace('{{number}}', number).replace('{{name}}', ANSWER.name).replace('{{excerpt}}', ANSWER.excerpt);
  return { title: fill(entry.title), body: fill(entry.body) };
};

function start(language: 'nl' | 'en') {
  const fake = fakeAgent();
  fake.store.update('settings', (settings) => ({ ...settings, language, languagePreference: language }));
  const opened: string[] = [];
  const stop = showNotices({ agent: fake.agent, onClick: () => void opened.push('popup') });
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
});
