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

/**
 * The shortcut that ends a running remote-support session (state.settings.remoteEndShortcut,
 * Ctrl+Alt+E unless the managed config says otherwise): held only while a session runs, so that
 * it takes nothing from other applications the rest of the time. Pressing it is remote.end.
 */
export function bindRemoteEndShortcut(opts: { agent: Agent }): { dispose(): void } {
  const log = opts.agent.log.child('shortcut');
  let held: string | null = null;
  // What was last tried: one that could not be had is not tried again until session or setting change.
  let attempted: string | null = null;
  const end = () =>
    void opts.agent.invoke('remote.end', {}).catch((error: unknown) => log.warn('remote end shortcut: ending failed', { error: String(error) }));

  const release = () => {
    if (held !== null) globalShortcut.unregister(held);
    held = null;
  };
  const follow = () => {
    const { remote, settings } = opts.agent.state();
    const wanted = remote.session !== null ? settings.remoteEndShortcut : null;
    if (wanted === attempted) return;
    release();
    attempted = wanted;
    if (wanted === null) return;
    const problem = register(wanted, end);
    if (problem) log.warn('remote end shortcut not registered', { accelerator: wanted, reason: problem.reason, error: problem.error });
    else held = wanted;
  };
  follow();
  const unsubscribe = opts.agent.subscribe((patch) => {
    if (patch.remote || patch.settings) follow();
  });
  return {
    dispose: () => {
      unsubscribe();
      release();
      attempted = null;
    },
  };
}
