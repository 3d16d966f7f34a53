import { parseSoftwareUpdateList } from '../parse/softwareupdate';
import { failed, runTool, unreadable, type ProviderIo } from '../tool';
import type { UpdatesProvider } from '../types';

// softwareupdate asks Apple's catalog: up to a minute or two.
const SOFTWAREUPDATE_TIMEOUT_MS = 3 * 60_000;

/**
 * macOS: `softwareupdate -l`. macOS has no signal for a restart pending now (an update's
 * `Action: restart` only predicts one), so the restart part says unsupported rather than guess.
 */
export function createMacProvider(io: ProviderIo, now: () => number): UpdatesProvider {
  return {
    id: 'macos',
    async check() {
      const checkedAt = new Date(now()).toISOString();
      const restart = { problem: { code: 'unsupported' as const, tool: 'softwareupdate', detail: 'macOS reports no pending restart' } };
      const out = await runTool(io, 'softwareupdate', '/usr/sbin/softwareupdate', ['-l'], SOFTWAREUPDATE_TIMEOUT_MS);
      if ('problem' in out) return { provider: 'macos', checkedAt, pending: out, restart };
      if (out.code !== 0) return { provider: 'macos', checkedAt, pending: failed('softwareupdate', out), restart };
      // "No new software available." goes to stderr.
      const parsed = parseSoftwareUpdateList(`${out.stdout}\n${out.stderr}`);
      return { provider: 'macos', checkedAt, pending: 'value' in parsed ? parsed : unreadable('softwareupdate', parsed.unreadable), restart };
    },
  };
}
