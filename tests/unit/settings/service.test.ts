import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../electron/agent/log';
import { createSettingsService } from '../../../electron/agent/settings/service';
import { AgentStore } from '../../../electron/agent/store';
import { initialState } from '../../../electron/agent/capabilities';
import { createFakeClock } from '../../doubles/fake-clock';

const clock = createFakeClock();

describe('settings service', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hallo-settings-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  function make(systemLanguages = ['nl-NL']) {
    const store = new AgentStore(initialState({ appVersion: '1.0.0', platform: 'linux' }));
    const log = createLogger({ file: null, clock });
    const service = createSettingsService({ store, log, dataDir: dir, managedLanguage: () => undefined, managedShortcut: () => undefined, managedEndShortcut: () => undefined, systemLanguages });
    return { store, log, service };
  }

  it('remembers the chosen language across restarts', async () => {
    const first = make(['nl-NL']);
    await first.service.load();
    expect(first.store.get().settings).toMatchObject({ languagePreference: 'system', language: 'nl' });
    await first.service.setLanguage('en');
    expect(first.store.get().settings.language).toBe('en');

    const second = make(['nl-NL']);
    await second.service.load();
    expect(second.store.get().settings).toMatchObject({ languagePreference: 'en', language: 'en', reportShortcut: 'Control+Alt+H' });
  });

  it('a broken settings file gives the defaults and a warning, not a crash', async () => {
    await writeFile(join(dir, 'settings.json'), '{"languagePreference": "fr"}');
    const { store, log, service } = make(['en-US']);
    await service.load();
    expect(store.get().settings).toMatchObject({ languagePreference: 'system', language: 'en' });
    expect(log.recent().map((e) => e.msg)).toContain('settings file invalid, using defaults');
  });

  it('an unwritable folder still switches the language now and logs why it was not saved', async () => {
    // A file where the data folder should be: no user, not even root, can write below it.
    const blocked = join(dir, 'blocked');
    await writeFile(blocked, '');
    const store = new AgentStore(initialState({ appVersion: '1.0.0', platform: 'linux' }));
    const log = createLogger({ file: null, clock });
    const service = createSettingsService({ store, log, dataDir: blocked, managedLanguage: () => undefined, managedShortcut: () => undefined, managedEndShortcut: () => undefined, systemLanguages: [] });
    await service.setLanguage('en');
    expect(store.get().settings.language).toBe('en');
    expect(log.recent().map((e) => e.msg)).toContain('could not save settings');
  });
});
