import { parseDnfCheckUpdate } from '../parse/dnf';
import { parseNeedsRestarting } from '../parse/needs-restarting';
import { failed, runTool, unreadable, type ProviderIo } from '../tool';
import type { Part, Pending, RestartReason, UpdatesProvider } from '../types';

// check-update may refresh the repository metadata first (network): minutes on a slow line.
const DNF_TIMEOUT_MS = 5 * 60_000;
const NEEDS_RESTARTING_TIMEOUT_MS = 60_000;

/** Fedora and RHEL: `dnf check-update` (exit 100 = updates) and `needs-restarting -r` (exit 1 = restart). */
export function createDnfProvider(io: ProviderIo, now: () => number): UpdatesProvider {
  async function pending(): Promise<Part<Pending>> {
    const out = await runTool(io, 'dnf', '/usr/bin/dnf', ['check-update'], DNF_TIMEOUT_MS);
    if ('problem' in out) return out;
    if (out.code !== 0 && out.code !== 100) return failed('dnf', out);
    if (out.code === 0 && !out.stdout.trim()) return { value: { updates: [], total: 0, security: null } };
    const parsed = parseDnfCheckUpdate(out.stdout);
    return 'value' in parsed ? parsed : unreadable('dnf', parsed.unreadable);
  }

  async function restart(): Promise<Part<RestartReason[]>> {
    // yum-utils / dnf-utils install needs-restarting; on dnf 5 it is a dnf subcommand.
    let out = await runTool(io, 'needs-restarting', '/usr/bin/needs-restarting', ['-r'], NEEDS_RESTARTING_TIMEOUT_MS);
    if ('problem' in out && out.problem.code === 'missing') out = await runTool(io, 'dnf needs-restarting', '/usr/bin/dnf', ['needs-restarting', '-r'], NEEDS_RESTARTING_TIMEOUT_MS);
    if ('problem' in out) return out;
    if (out.code === 0) return { value: [] };
    if (out.code !== 1) return failed('needs-restarting', out);
    const parsed = parseNeedsRestarting(out.stdout);
    // Exit 1 is the answer; the text only names the packages.
    return { value: 'value' in parsed && parsed.value.length ? parsed.value : [{ code: 'core-libraries', soft: false }] };
  }

  return {
    id: 'dnf',
    async check() {
      const [p, r] = await Promise.all([pending(), restart()]);
      return { provider: 'dnf', checkedAt: new Date(now()).toISOString(), pending: p, restart: r };
    },
  };
}
