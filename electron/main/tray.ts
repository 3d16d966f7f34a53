import { join } from 'node:path';
import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import type { AgentState, Headline, Language, LanguagePreference, Overall } from '../contract';
import { catalogs } from '../contract/messages';
import { describeWhen } from '../contract/when';
import type { Agent } from '../agent/agent';
import { zone } from '../agent/platform/zoned-time';
import { fill, message } from './catalog';
import type { Rect } from './position';
import { openReport } from './report';
import { remoteMenuItems, remoteTooltip, remoteTrayIcon, type RemoteTrayIcon } from './remote-tray';

export interface TrayOptions {
  agent: Agent;
  popup: { show(trayBounds?: Rect): void; toggle(trayBounds?: Rect): void };
  /** resources/tray inside the app (asar). */
  iconsDir: string;
  platform: NodeJS.Platform;
  quit: () => void;
  /** The shell's `links.open` (electron/main/index.ts): a customer's link from the tray opens as one from the popup does. */
  openLink: (id: string) => Promise<unknown>;
}

/**
 * The icon for each state. `checking` (nothing measured yet) claims nothing: it shows the neutral
 * grey badge that offline has; the tooltip tells the two apart.
 */
const ICON: Record<Overall, 'ok' | 'attention' | 'problem' | 'offline'> = {
  checking: 'offline',
  ok: 'ok',
  attention: 'attention',
  problem: 'problem',
  offline: 'offline',
};

/**
 * The icon file for a state (made by build/make-icons.ts). macOS gets black template images that
 * it tints for the menu bar, so the state is told by the badge's shape; Windows' notification area
 * is 16 px, Linux panels are 22–24 px and get the 32 px image. @2x files are picked up by Electron.
 */
export function trayIconFile(iconsDir: string, overall: Overall | RemoteTrayIcon, platform: NodeJS.Platform): string {
  const icon = overall === 'remote-request' || overall === 'remote-session' ? overall : ICON[overall];
  if (platform === 'darwin') return join(iconsDir, `tray-${icon}Template.png`);
  return join(iconsDir, `tray-${icon}-${platform === 'win32' ? 16 : 32}.png`);
}

/**
 * The agent's headline in a few words: the same reason the popup's headline gives (for `restart`,
 * the restart's own line with its deadline, `restartTooltip`); then, on a line of its own, how
 * many tickets wait for the employee's reply (`tickets.waitingForYou`).
 */
export function trayTooltip(headline: Headline, language: Language, waitingForYou = 0, restartLine: string | null = null): string {
  const messages = catalogs[language];
  const state = restartLine ?? (headline === 'checking' ? messages.tray.tooltipChecking : fill(messages.tray.tooltip, { state: messages.overall[headline] }));
  if (waitingForYou <= 0) return state;
  const waiting = waitingForYou === 1 ? messages.tray.waiting_one : fill(messages.tray.waiting_other, { count: waitingForYou });
  return `${state}\n${waiting}`;
}

/**
 * The tooltip's line while a restart is needed: that, and the deadline as a day and time in the
 * policy's zone, as the popup and the restart window say it. Null when no restart is needed.
 */
export function restartTooltip(state: Pick<AgentState, 'updates' | 'support'>, language: Language, now: Date): string | null {
  const { restart } = state.updates;
  if (!restart.needed) return null;
  const t = catalogs[language].tray;
  const when = describeWhen(restart.deadline, now, state.support.timeZone, language);
  const deadline = when && message(language, when.key, when.params);
  return deadline ? fill(t.tooltipRestartBy, { when: deadline }) : t.tooltipRestart;
}

/** Milliseconds until the next midnight in `timeZone` (at least a second): when "morgen" becomes "vandaag". */
export function untilNextDay(now: number, timeZone: string): number {
  const z = zone(timeZone) ?? zone('Europe/Amsterdam')!;
  const wall = z.wall(now);
  return Math.max(1_000, z.at(wall.year, wall.month, wall.day + 1, 0) - now);
}

export function trayMenu(opts: TrayOptions, language: Language, preference: LanguagePreference): Menu {
  const t = catalogs[language].tray;
  const setLanguage = (choice: LanguagePreference) => () => {
    opts.agent.invoke('settings.setLanguage', { language: choice }).catch((error: unknown) => {
      opts.agent.log.warn('tray: language not changed', { error: String(error) });
    });
  };
  const choice = (id: LanguagePreference, label: string) => ({
    id: `language-${id}`,
    label,
    type: 'radio' as const,
    checked: preference === id,
    click: setLanguage(id),
  });
  const endSession = () =>
    void opts.agent.invoke('remote.end', {}).catch((error: unknown) => opts.agent.log.warn('tray: session not ended', { error: String(error) }));
  return Menu.buildFromTemplate([
    ...remoteMenuItems(opts.agent.state().remote, language, endSession),
    { id: 'open', label: t.open, click: () => opts.popup.show() },
    { id: 'report', label: t.report, click: () => void openReport(opts.agent, opts.popup) },
    { type: 'separator' },
    ...brandLinkItems(opts, language),
    {
      id: 'language',
      label: t.language,
      submenu: [choice('system', t.languageSystem), choice('nl', t.languageNl), choice('en', t.languageEn)],
    },
    { type: 'separator' },
    { id: 'quit', label: t.quit, click: opts.quit },
  ]);
}

/** The customer's links for the tray (state.branding.links, `tray` or `both`), in the UI's language, then a separator. */
function brandLinkItems(opts: TrayOptions, language: Language): MenuItemConstructorOptions[] {
  const links = opts.agent.state().branding.links.filter((link) => link.where !== 'popup');
  if (links.length === 0) return [];
  const open = (id: string) => () =>
    void opts.openLink(id).catch((error: unknown) => opts.agent.log.warn('tray: link not opened', { id, error: String(error) }));
  return [...links.map((link) => ({ id: `link-${link.id}`, label: link.label[language], click: open(link.id) })), { type: 'separator' as const }];
}

/** The tray icon, kept in step with the agent's overall state and language. */
export function createShellTray(opts: TrayOptions): { tray: Tray; dispose(): void } {
  const image = (overall: Overall | RemoteTrayIcon) => {
    const icon = nativeImage.createFromPath(trayIconFile(opts.iconsDir, overall, opts.platform));
    if (opts.platform === 'darwin') icon.setTemplateImage(true);
    return icon;
  };
  let { overall, headline, settings } = opts.agent.state();
  let waiting = opts.agent.state().tickets.waitingForYou;
  const tray = new Tray(image(overall));
  let menu = trayMenu(opts, settings.language, settings.languagePreference);

  // While the tooltip names a day ("morgen om 17:00"), it is said again when that day begins.
  let dayChange: ReturnType<typeof setTimeout> | null = null;
  const render = () => {
    const state = opts.agent.state();
    const restart = headline === 'restart' ? restartTooltip(state, settings.language, new Date()) : null;
    // Remote support first: whether someone watches (or asks to) matters more than the PC's state.
    const { remote } = state;
    tray.setImage(image(remoteTrayIcon(remote) ?? overall));
    tray.setToolTip(remoteTooltip(remote, settings.language) ?? trayTooltip(headline, settings.language, waiting, restart));
    menu = trayMenu(opts, settings.language, settings.languagePreference);
    // On macOS a context menu would take over the left click that opens the popup.
    if (opts.platform !== 'darwin') tray.setContextMenu(menu);
    if (dayChange !== null) clearTimeout(dayChange);
    dayChange = restart && state.updates.restart.deadline ? setTimeout(render, untilNextDay(Date.now(), state.support.timeZone)) : null;
  };
  render();

  tray.on('click', (_event, bounds) => opts.popup.toggle(bounds));
  tray.on('right-click', () => {
    if (opts.platform === 'darwin') tray.popUpContextMenu(menu);
  });

  const unsubscribe = opts.agent.subscribe((patch) => {
    // The tickets slice changes often (a thread being read); only its count shows here.
    const waitingNow = patch.tickets?.waitingForYou ?? waiting;
    if (!patch.overall && !patch.headline && !patch.settings && !patch.updates && !patch.support && !patch.remote && !patch.branding && waitingNow === waiting) return;
    ({ overall, headline, settings } = opts.agent.state());
    waiting = waitingNow;
    render();
  });
  return {
    tray,
    dispose: () => {
      unsubscribe();
      if (dayChange !== null) clearTimeout(dayChange);
      tray.destroy();
    },
  };
}
