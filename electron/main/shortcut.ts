import { globalShortcut } from 'electron';
import type { Agent } from '../agent/agent';

/**
 * The global "report a problem" shortcut, following state.settings.reportShortcut (an Electron
 * accelerator from the managed config, or Ctrl+Alt+H). One that cannot be had (another app holds
 * it, the OS refuses, the config's accelerator is not one) is logged and the app goes on without.
 */
export function bindReportShortcut(opts: { agent: Agent; onPress: () => void }): { dispose(): void } {
  const log = opts.agent.log.child('shortcut');
  let current: string | null = null;

  const apply = (accelerator: string) => {
    if (accelerator === current) return;
    if (current !== null) globalShortcut.unregister(current);
    current = null;
    const problem = register(accelerator, opts.onPress);
    if (problem) log.warn('report shortcut not registered', { accelerator, reason: problem.reason, error: problem.error });
    else current = accelerator;
  };
  // A setting that failed is not retried on unrelated settings changes (language), only when it changes.
  let wanted = opts.agent.state().settings.reportShortcut;
  apply(wanted);
  const unsubscribe = opts.agent.subscribe((patch) => {
    const next = patch.settings?.reportShortcut;
    if (next === undefined || next === wanted) return;
    wanted = next;
    apply(next);
  });
  return {
    dispose: () => {
      unsubscribe();
      globalShortcut.unregisterAll();
      current = null;
    },
  };
}

type Refusal = { reason: 'invalid' | 'taken'; error?: string };

function register(accelerator: string, onPress: () => void): Refusal | null {
  if (accelerator.trim() === '') return { reason: 'invalid', error: 'empty accelerator' };
  try {
    // false: another application (or the OS) already holds this combination.
    return globalShortcut.register(accelerator, onPress) ? null : { reason: 'taken' };
  } catch (error) {
    // Electron throws when the string is not an accelerator it can parse.
    return { reason: 'invalid', error: String(error) };
  }
}
