import { join } from 'node:path';
import { readJsonFile, writeFileAtomic } from '../agent/files';
import type { RestartPort } from '../agent/platform/restart';
import { RESTART_REASONS, SOFT_RESTART_REASONS, type RestartReasonCode } from '../contract/updates';
import type { UpdatesProvider } from '../agent/updates/types';

// The preview (and the tests) restart the agent, never the machine. What a restart would clear is
// simulated by a small file in the data folder, `preview-machine.json`:
//   { "restartReasons": ["packages"] }
// While it exists, its reasons replace what this machine's provider says about a pending restart
// (the pending updates stay real); the simulated restart empties the list, then relaunches the agent
// on the same data folder, as if the PC had come back. `npm run preview -- --pending-restart packages`
// writes the file at start. Without the file the machine's own answer stands.

export const SIMULATED_MACHINE_FILE = 'preview-machine.json';

const reasonsOf = (value: unknown): RestartReasonCode[] | null => {
  const list = typeof value === 'object' && value !== null ? (value as { restartReasons?: unknown }).restartReasons : undefined;
  if (!Array.isArray(list)) return null;
  return list.filter((code): code is RestartReasonCode => (RESTART_REASONS as readonly unknown[]).includes(code));
};

export async function writeSimulatedReasons(dataDir: string, reasons: RestartReasonCode[]): Promise<void> {
  await writeFileAtomic(join(dataDir, SIMULATED_MACHINE_FILE), JSON.stringify({ restartReasons: reasons }));
}

/** The machine's provider, with the pending restart as the simulated machine says while its file exists. */
export function simulatedProvider(inner: UpdatesProvider, dataDir: string): UpdatesProvider {
  return {
    id: inner.id,
    async check() {
      const check = await inner.check();
      const read = await readJsonFile(join(dataDir, SIMULATED_MACHINE_FILE), { ownFile: { maxBytes: 4096 } });
      const reasons = read.ok ? reasonsOf(read.value) : null;
      if (reasons === null) return check;
      return { ...check, restart: { value: reasons.map((code) => ({ code, soft: SOFT_RESTART_REASONS.includes(code) })) } };
    },
  };
}

/**
 * The restart port of the preview and the tests: logs the request, clears the simulated reasons,
 * and relaunches the agent once this call has answered (the agent waits for its own restart
 * call while it stops, so the relaunch must not be awaited here).
 */
export function simulatedRestartPort(opts: { dataDir: string; relaunch: () => Promise<void>; log: (msg: string, data: Record<string, unknown>) => void }): RestartPort {
  return {
    async restart(request) {
      opts.log('simulated restart: the agent restarts, not the machine', { delaySeconds: request.delaySeconds });
      await writeSimulatedReasons(opts.dataDir, []);
      setImmediate(() => void opts.relaunch());
      return { outcome: 'accepted' };
    },
  };
}
