import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateRoute, type RouteFacts } from '../../../electron/main/machine-update/route';

// Never a password or UAC prompt for an employee: electron-updater only where the user can
// replace the app; the update task on a per-machine NSIS install; otherwise the deployment tool.

const resources = 'C:\\Program Files\\hallo, agent\\resources';
const markers = (...names: string[]) => (path: string) => names.some((name) => path === join(resources, name));
const route = (facts: Partial<RouteFacts>) => updateRoute({ platform: 'win32', isPackaged: true, resourcesPath: resources, exists: markers(), writable: () => false, ...facts });

describe('updateRoute: how this install updates itself', () => {
  it('a development run: not at all', () => {
    expect(route({ isPackaged: false, exists: markers('update-task') })).toBe('none');
  });

  it('Windows with the update task the NSIS installer registered: through the task', () => {
    expect(route({ exists: markers('update-task', 'machine-autostart') })).toBe('update-task');
  });
  it('Windows per machine without the task (the MSI, or registering failed): not at all', () => {
    expect(route({ exists: markers('machine-autostart') })).toBe('none');
  });
  it('Windows, a copy run by hand (per user): electron-updater', () => {
    expect(route({})).toBe('electron-updater');
  });

  it('Linux: an AppImage in a folder of the user\'s: electron-updater; a deb (apt\'s) or an AppImage the user cannot replace: not at all', () => {
    const linux = { platform: 'linux' as const, resourcesPath: '/opt/hallo, agent/resources' };
    expect(route({ ...linux, appImage: '/home/anna/Apps/hallo-agent.AppImage', writable: (p) => p === '/home/anna/Apps' })).toBe('electron-updater');
    expect(route({ ...linux, appImage: '/opt/apps/hallo-agent.AppImage', writable: () => false })).toBe('none');
    expect(route({ ...linux, writable: () => true })).toBe('none');
  });

  it('macOS: an app the user may replace (bundle and its folder writable): electron-updater; the pkg in /Applications for a standard user: not at all', () => {
    const mac = { platform: 'darwin' as const, resourcesPath: '/Applications/hallo, agent.app/Contents/Resources' };
    expect(route({ ...mac, writable: () => true })).toBe('electron-updater');
    expect(route({ ...mac, writable: (p) => p === '/Applications/hallo, agent.app' })).toBe('none');
  });
});
