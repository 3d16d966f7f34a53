import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Menu, Tray, __reset, type MenuItem, type NativeImage } from '../doubles/electron';
import type { BrandLink, Overall } from '../../electron/contract';
import { catalogs } from '../../electron/contract/messages';
import { createShellTray, trayIconFile } from '../../electron/main/tray';
import { fakeAgent, flush } from '../doubles/fake-agent';

const iconsDir = resolve('resources/tray');
const STATES: Overall[] = ['checking', 'ok', 'attention', 'problem', 'offline'];
// The icons drawn by build/make-icons.ts: `checking` claims nothing and shares offline's grey badge.
const ICONS = ['ok', 'attention', 'problem', 'offline'] as const;
const PLATFORMS: NodeJS.Platform[] = ['win32', 'darwin', 'linux'];

function start(platform: NodeJS.Platform, overall: Overall, language: 'nl' | 'en') {
  const { agent, store, invoked } = fakeAgent({ overall, headline: overall, settings: { languagePreference: language, language, reportShortcut: 'Control+Alt+H', remoteEndShortcut: 'Control+Alt+E' } });
  const calls: string[] = [];
  // What the employee would see when the popup shows: the form, if the report is already open.
  const show = () => void calls.push(store.get().tickets.report ? 'show with the report open' : 'show');
  const popup = { show, toggle: () => void calls.push('toggle') };
  createShellTray({ agent, popup, iconsDir, platform, quit: () => void calls.push('quit'), openLink: async (id) => void calls.push(`link ${id}`) });
  const tray = Tray.all.at(-1)!;
  return { tray, store, invoked, calls, agent };
}
const imagePath = (tray: InstanceType<typeof Tray>) => (tray.image as NativeImage).source;
const labels = (items: MenuItem[]) => items.map((item) => item.label);

describe('tray icon', () => {
  beforeEach(() => __reset());

  for (const platform of PLATFORMS) {
    it(`${platform}: an existing icon for each state, distinct but for checking (neutral grey, as offline)`, () => {
      const seen = new Set<string>();
      for (const overall of STATES) {
        const { tray } = start(platform, overall, 'nl');
        const file = imagePath(tray);
        expect(file).toBe(trayIconFile(iconsDir, overall, platform));
        expect(existsSync(file), file).toBe(true);
        expect(existsSync(file.replace(/\.png$/, '@2x.png'))).toBe(true);
        seen.add(readFileSync(file).toString('base64'));
        if (platform === 'darwin') {
          expect(file).toMatch(/Template\.png$/);
          expect((tray.image as NativeImage).isTemplateImage()).toBe(true);
        }
      }
      expect(seen.size).toBe(ICONS.length);
      expect(trayIconFile(iconsDir, 'checking', platform)).toBe(trayIconFile(iconsDir, 'offline', platform));
      expect(trayIconFile(iconsDir, 'checking', platform)).not.toBe(trayIconFile(iconsDir, 'ok', platform));
    });
  }

  it('macOS template images are black + alpha only, and differ in shape per state', () => {
    const masks = ICONS.map((overall) => {
      const png = PNG.sync.read(readFileSync(join(iconsDir, `tray-${overall}Template@2x.png`)));
      expect(png.data.filter((value, i) => i % 4 !== 3 && value !== 0)).toHaveLength(0);
      return Buffer.from(png.data.filter((_, i) => i % 4 === 3)).toString('base64');
    });
    expect(new Set(masks).size).toBe(ICONS.length);
  });

  it('tooltip says the state in words, in Dutch and in English', () => {
    expect(start('win32', 'ok', 'nl').tray.tooltip).toBe('hallo, – Alles in orde');
    expect(start('win32', 'problem', 'nl').tray.tooltip).toBe('hallo, – Er is een probleem');
    expect(start('linux', 'attention', 'en').tray.tooltip).toBe('hallo, – Needs attention');
    expect(start('darwin', 'offline', 'en').tray.tooltip).toBe('hallo, – No contact with hallo,');
    // Before the first sample the tray claims nothing.
    expect(start('win32', 'checking', 'nl').tray.tooltip).toBe('hallo, controleert je computer…');
    expect(start('linux', 'checking', 'en').tray.tooltip).toBe('hallo, is checking your computer…');
  });

  it('tooltip gives the reason the popup headline gives: not enrolled, enrol again, nothing checked', async () => {
    const { tray, store } = start('win32', 'offline', 'nl');
    store.set('headline', 'reenroll');
    await flush();
    expect(tray.tooltip).toBe('hallo, – Opnieuw aanmelden nodig');
    store.set('headline', 'not-enrolled');
    await flush();
    expect(tray.tooltip).toBe('hallo, – Nog niet aangemeld');
    store.set('overall', 'attention');
    store.set('headline', 'unchecked');
    await flush();
    expect(tray.tooltip).toBe('hallo, – Niet gecontroleerd');
  });

  it('a fresh agent starts checking, not ok: grey icon and "controleert" until the first sample', async () => {
    const { tray, store } = start('win32', 'checking', 'nl');
    expect(imagePath(tray)).toBe(trayIconFile(iconsDir, 'offline', 'win32'));
    expect(tray.tooltip).not.toContain(catalogs.nl.overall.ok);
    store.set('overall', 'ok');
    store.set('headline', 'ok');
    await flush();
    expect(imagePath(tray)).toBe(trayIconFile(iconsDir, 'ok', 'win32'));
    expect(tray.tooltip).toBe('hallo, – Alles in orde');
  });

  it('follows the agent: new state and new language change icon, tooltip and menu', async () => {
    const { tray, store } = start('win32', 'ok', 'nl');
    store.set('overall', 'problem');
    store.set('headline', 'problem');
    await flush();
    expect(imagePath(tray)).toBe(trayIconFile(iconsDir, 'problem', 'win32'));
    expect(tray.tooltip).toBe('hallo, – Er is een probleem');
    store.update('settings', (settings) => ({ ...settings, languagePreference: 'en', language: 'en' }));
    await flush();
    expect(tray.tooltip).toBe('hallo, – There is a problem');
    expect(labels(tray.contextMenu!.items)).toContain('Quit');
  });

  it('tooltip says how many tickets wait for the employee’s reply, under the headline, and follows the count', async () => {
    const { tray, store } = start('win32', 'ok', 'nl');
    const waiting = (count: number) => store.update('tickets', (tickets) => ({ ...tickets, waitingForYou: count }));
    waiting(1);
    await flush();
    expect(tray.tooltip).toBe('hallo, – Alles in orde\n1 melding wacht op jouw reactie');
    waiting(3);
    await flush();
    expect(tray.tooltip).toBe('hallo, – Alles in orde\n3 meldingen wachten op jouw reactie');
    store.update('settings', (settings) => ({ ...settings, languagePreference: 'en', language: 'en' }));
    await flush();
    expect(tray.tooltip).toBe('hallo, – All is well\n3 tickets are waiting for your reply');
    waiting(0);
    await flush();
    expect(tray.tooltip).toBe('hallo, – All is well');
  });

  it('a change in the tickets that leaves the count alone does not redraw the tray', async () => {
    const { tray, store } = start('linux', 'ok', 'nl');
    const menu = tray.contextMenu;
    store.update('tickets', (tickets) => ({ ...tickets, listUpdatedAt: '2026-11-25T10:00:00Z' }));
    await flush();
    expect(tray.contextMenu).toBe(menu);
  });
});

describe("the customer's links in the tray menu (state.branding.links)", () => {
  beforeEach(() => __reset());
  const LINKS: BrandLink[] = [
    { id: 'intranet', label: { nl: 'Ons intranet', en: 'Our intranet' }, url: 'https://intranet.acme.nl/', where: 'both' },
    { id: 'handbook', label: { nl: 'Handboek', en: 'Handbook' }, url: 'https://intranet.acme.nl/handboek', where: 'popup' },
    { id: 'hr', label: { nl: 'HR-portaal', en: 'HR portal' }, url: 'https://hr.acme.nl/', where: 'tray' },
  ];
  const withLinks = async (store: ReturnType<typeof start>['store'], links: BrandLink[]) => {
    store.set('branding', { ...store.get().branding, links });
    await flush();
  };

  for (const platform of PLATFORMS) {
    it(`${platform}: those for the tray, in the UI's language, after "Meld een probleem"; they change when the policy does`, async () => {
      const { tray, store } = start(platform, 'ok', 'nl');
      const menu = () => (platform === 'darwin' ? Menu.built.at(-1)!.menu : tray.contextMenu!);
      expect(labels(menu().items)).toEqual(['Openen', 'Meld een probleem', '', 'Taal', '', 'Afsluiten']);
      await withLinks(store, LINKS);
      expect(labels(menu().items)).toEqual(['Openen', 'Meld een probleem', '', 'Ons intranet', 'HR-portaal', '', 'Taal', '', 'Afsluiten']);
      store.update('settings', (settings) => ({ ...settings, languagePreference: 'en', language: 'en' }));
      await flush();
      expect(labels(menu().items)).toContain('Our intranet');
      await withLinks(store, [LINKS[0]!]);
      expect(labels(menu().items)).toEqual(['Open', 'Report a problem', '', 'Our intranet', '', 'Language', '', 'Quit']);
      await withLinks(store, []);
      expect(labels(menu().items)).toEqual(['Open', 'Report a problem', '', 'Language', '', 'Quit']);
    });
  }

  it('a click opens the link through the shell’s links.open, by its id', async () => {
    const { tray, store, calls } = start('win32', 'ok', 'nl');
    await withLinks(store, LINKS);
    tray.contextMenu!.getMenuItemById('link-hr')!.click();
    await flush();
    expect(calls).toEqual(['link hr']);
  });

  it('a link that cannot be opened is logged, nothing else happens', async () => {
    const { agent, store } = fakeAgent();
    createShellTray({
      agent,
      popup: { show: () => {}, toggle: () => {} },
      iconsDir,
      platform: 'linux',
      quit: () => {},
      openLink: async () => {
        throw new Error('link not allowed');
      },
    });
    store.set('branding', { ...store.get().branding, links: LINKS });
    await flush();
    Tray.all.at(-1)!.contextMenu!.getMenuItemById('link-intranet')!.click();
    await flush();
    expect(agent.log.recent().map((entry) => [entry.msg, entry.data?.id, entry.data?.error])).toContainEqual(['tray: link not opened', 'intranet', 'Error: link not allowed']);
  });
});

describe('tray while a restart is needed', () => {
  beforeEach(() => __reset());
  afterEach(() => vi.useRealTimers());

  // What the agent's status capability says while a restart is needed (status/overall.ts): the shell only shows it.
  const needRestart = (store: ReturnType<typeof start>['store'], deadline: string) => {
    store.set('overall', 'attention');
    store.set('headline', 'restart');
    store.update('updates', (updates) => ({ ...updates, restart: { ...updates.restart, needed: true, source: 'local', deadline } }));
  };

  it('says a restart is needed and by when, in the policy’s zone, with the attention icon; back to normal after it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-10-26T08:00:00Z')); // Monday, the day after Amsterdam left summer time
    const { tray, store } = start('win32', 'ok', 'nl');
    const restart = store.get().updates.restart;
    needRestart(store, '2026-10-29T16:00:00Z');
    await flush();
    expect(tray.tooltip).toBe('hallo, – Opnieuw opstarten nodig, uiterlijk donderdag om 17:00');
    expect(imagePath(tray)).toBe(trayIconFile(iconsDir, 'attention', 'win32'));
    store.update('settings', (settings) => ({ ...settings, languagePreference: 'en', language: 'en' }));
    await flush();
    expect(tray.tooltip).toBe('hallo, – Restart needed, at the latest on Thursday at 17:00');
    store.update('updates', (updates) => ({ ...updates, restart }));
    store.set('overall', 'ok');
    store.set('headline', 'ok');
    await flush();
    expect(tray.tooltip).toBe('hallo, – All is well');
    expect(imagePath(tray)).toBe(trayIconFile(iconsDir, 'ok', 'win32'));
  });

  it('keeps the line of tickets waiting for a reply under the restart line', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-10-26T08:00:00Z'));
    const { tray, store } = start('win32', 'ok', 'nl');
    needRestart(store, '2026-10-29T16:00:00Z');
    store.update('tickets', (tickets) => ({ ...tickets, waitingForYou: 2 }));
    await flush();
    expect(tray.tooltip).toBe(`hallo, – Opnieuw opstarten nodig, uiterlijk donderdag om 17:00\n${catalogs.nl.tray.waiting_other.replace('{{count}}', '2')}`);
  });

  it('"morgen om 17:00" becomes "om 17:00" when the day changes in the policy’s zone, without any change in the agent', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(new Date('2026-10-28T22:50:00Z')); // Wednesday 23:50 in Amsterdam
    const { tray, store } = start('win32', 'ok', 'nl');
    needRestart(store, '2026-10-29T16:00:00Z'); // Thursday 17:00
    await flush();
    expect(tray.tooltip).toBe('hallo, – Opnieuw opstarten nodig, uiterlijk morgen om 17:00');
    vi.advanceTimersByTime(9 * 60_000);
    expect(tray.tooltip).toBe('hallo, – Opnieuw opstarten nodig, uiterlijk morgen om 17:00');
    vi.advanceTimersByTime(60_000); // midnight in Amsterdam
    expect(tray.tooltip).toBe('hallo, – Opnieuw opstarten nodig, uiterlijk om 17:00');
  });
});

describe('tray menu', () => {
  beforeEach(() => __reset());

  it('Openen, Meld een probleem, Taal, Afsluiten', () => {
    const { tray, calls } = start('win32', 'ok', 'nl');
    const items = tray.contextMenu!.items.filter((item) => item.type !== 'separator');
    expect(labels(items)).toEqual(['Openen', 'Meld een probleem', 'Taal', 'Afsluiten']);
    expect(items.map((item) => item.enabled)).toEqual([true, true, true, true]);
    items[0]!.click();
    items[3]!.click();
    expect(calls).toEqual(['show', 'quit']);
  });

  it('Meld een probleem starts the report (and its screenshot) first, then shows the popup on it', async () => {
    const { tray, calls, invoked } = start('linux', 'ok', 'en');
    const report = tray.contextMenu!.items.find((item) => item.id === 'report')!;
    expect(report.label).toBe('Report a problem');
    report.click();
    expect(calls).toEqual([]); // not before the screenshot is taken
    for (let i = 0; i < 3; i++) await flush();
    expect(invoked).toEqual([{ name: 'tickets.startReport', request: { relatedItemId: null } }]);
    expect(calls).toEqual(['show with the report open']);
  });

  it('a report that cannot start is logged, and the popup still opens', async () => {
    const { agent, store } = fakeAgent();
    agent.invoke = async () => {
      throw new Error('capture exploded');
    };
    const calls: string[] = [];
    createShellTray({ agent, popup: { show: () => void calls.push('show'), toggle: () => {} }, iconsDir, platform: 'win32', quit: () => {}, openLink: async () => {} });
    Tray.all.at(-1)!.contextMenu!.getMenuItemById('report')!.click();
    for (let i = 0; i < 3; i++) await flush();
    expect(calls).toEqual(['show']);
    expect(store.get().tickets.report).toBeNull();
    expect(agent.log.recent().map((entry) => [entry.level, entry.msg, entry.data?.error])).toContainEqual([
      'warn',
      'report: could not start the report',
      'Error: capture exploded',
    ]);
  });

  it('the language submenu is a radio group that asks the agent to switch', async () => {
    const { tray, invoked } = start('linux', 'ok', 'nl');
    const language = tray.contextMenu!.items.find((item) => item.label === 'Taal')!;
    const choices = language.submenu!.items;
    expect(labels(choices)).toEqual(['Zoals het systeem', 'Nederlands', 'English']);
    expect(choices.map((item) => item.type)).toEqual(['radio', 'radio', 'radio']);
    expect(choices.map((item) => item.checked)).toEqual([false, true, false]);
    choices[2]!.click();
    await flush();
    expect(invoked).toEqual([{ name: 'settings.setLanguage', request: { language: 'en' } }]);
    const after = tray.contextMenu!.items.find((item) => item.label === 'Language')!.submenu!.items;
    expect(after.map((item) => item.checked)).toEqual([false, false, true]);
  });

  it('left click toggles the popup; macOS keeps the menu for the right click', () => {
    const win = start('win32', 'ok', 'nl');
    win.tray.emit('click', {}, { x: 1, y: 2, width: 3, height: 4 });
    expect(win.calls).toEqual(['toggle']);
    const mac = start('darwin', 'ok', 'nl');
    expect(mac.tray.contextMenu).toBeNull();
    mac.tray.emit('click', {}, { x: 1, y: 2, width: 3, height: 4 });
    expect(mac.calls).toEqual(['toggle']);
  });
});
