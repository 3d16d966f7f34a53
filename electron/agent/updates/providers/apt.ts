import { parseAptOutput } from '../parse/apt';
import { parseRebootRequired } from '../parse/reboot-required';
import { failed, runTool, unreadable, type ProviderIo } from '../tool';
import type { Part, Pending, RestartReason, UpdatesProvider } from '../types';

const APT_GET = '/usr/bin/apt-get';
const REBOOT_REQUIRED = '/var/run/reboot-required';
// A simulation reads the local package lists only: seconds, even on a slow disk.
const APT_TIMEOUT_MS = 60_000;

/** Debian and Ubuntu: `apt-get -s upgrade` for what is pending, /var/run/reboot-required for a restart. */
export function createAptProvider(io: ProviderIo, now: () => number): UpdatesProvider {
  async function pending(): Promise<Part<Pending>> {
    const out = await runTool(io, 'apt-get', APT_GET, ['-s', 'upgrade'], APT_TIMEOUT_MS);
    if ('problem' in out) return out;
    if (out.code !== 0) return failed('apt-get', out);
    const parsed = parseAptOutput(out.stdout);
    return 'value' in parsed ? parsed : unreadable('apt-get', parsed.unreadable);
  }

  async function restart(): Promise<Part<RestartReason[]>> {
    try {
      const banner = await io.readText(REBOOT_REQUIRED);
      if (banner === null) return { value: [] };
      // The file's existence is the signal; its .pkgs (if any) names the packages.
      const pkgs = await io.readText(`${REBOOT_REQUIRED}.pkgs`);
      const parsed = pkgs ? parseRebootRequired(pkgs) : null;
      return { value: parsed && 'value' in parsed ? parsed.value : [{ code: 'packages', soft: false }] };
    } catch (error) {
      return { problem: { code: 'failed', tool: REBOOT_REQUIRED, detail: String((error as Error).message).slice(0, 200) } };
    }
  }

  return {
    id: 'apt',
    async check() {
      const [p, r] = await Promise.all([pending(), restart()]);
      return { provider: 'apt', checkedAt: new Date(now()).toISOString(), pending: p, restart: r };
    },
  };
}
