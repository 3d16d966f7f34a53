import { beforeEach, describe, expect, it } from 'vitest';
import { globalShortcut, __reset } from '../doubles/electron';
import { bindReportShortcut } from '../../electron/main/shortcut';
import { fakeAgent, flush } from '../doubles/fake-agent';

function start(reportShortcut = 'Control+Alt+H') {
  const fake = fakeAgent();
  fake.store.update('settings', (settings) => ({ ...settings, reportShortcut }));
  const pressed: string[] = [];
  const binding = bindReportShortcut({ agent: fake.agent, onPress: () => void pressed.push('report') });
  const setShortcut = async (accelerator: string) => {
    fake.store.update('settings', (settings) => ({ ...settings, reportShortcut: accelerator }));
    await flush();
  };
  const warnings = () => fake.agent.log.recent().filter((entry) => entry.level === 'warn').map((entry) => entry.data);
  return { ...fake, pressed, binding, setShortcut, warnings };
}

describe('global "report a problem" shortcut', () => {
  beforeEach(() => __reset());

  it('registers Ctrl+Alt+H by default; pressing it reports', () => {
    const { pressed, warnings } = start();
    expect([...globalShortcut.registered.keys()]).toEqual(['Control+Alt+H']);
    globalShortcut.__press('Control+Alt+H');
    expect(pressed).toEqual(['report']);
    expect(warnings()).toEqual([]);
  });

  it('follows a changed setting: the old combination is released, the new one works', async () => {
    const { pressed, setShortcut } = start();
    await setShortcut('CommandOrControl+Shift+F1');
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Shift+F1']);
    globalShortcut.__press('Control+Alt+H');
    expect(pressed).toEqual([]);
    globalShortcut.__press('CommandOrControl+Shift+F1');
    expect(pressed).toEqual(['report']);
  });

  it('a combination another app holds is logged as taken; the app goes on', async () => {
    globalShortcut.taken.add('Control+Alt+H');
    const { warnings, setShortcut, store } = start();
    expect(globalShortcut.registered.size).toBe(0);
    expect(warnings()).toEqual([{ accelerator: 'Control+Alt+H', reason: 'taken' }]);
    // Other settings changing do not retry (and log) it again; a new setting is tried.
    store.update('settings', (settings) => ({ ...settings, language: 'en' }));
    await flush();
    expect(warnings()).toHaveLength(1);
    await setShortcut('Super+Alt+H');
    expect([...globalShortcut.registered.keys()]).toEqual(['Super+Alt+H']);
  });

  it('an invalid accelerator from the managed config is logged with the reason, nothing throws', async () => {
    const { warnings, setShortcut } = start('Ctrl+Banana');
    expect(globalShortcut.registered.size).toBe(0);
    expect(warnings()).toEqual([
      { accelerator: 'Ctrl+Banana', reason: 'invalid', error: expect.stringContaining('conversion failure') },
    ]);
    await setShortcut('');
    expect(warnings().at(-1)).toEqual({ accelerator: '', reason: 'invalid', error: 'empty accelerator' });
    await setShortcut('Control+Alt+H');
    expect([...globalShortcut.registered.keys()]).toEqual(['Control+Alt+H']);
  });

  it('dispose releases every shortcut and stops following the setting', async () => {
    const { binding, setShortcut } = start();
    binding.dispose();
    expect(globalShortcut.registered.size).toBe(0);
    await setShortcut('Alt+F9');
    expect(globalShortcut.registered.size).toBe(0);
  });
});
