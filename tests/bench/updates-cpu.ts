import { providerForThisMachine } from '../../electron/agent/updates/provider';
import { cpuOf, round } from './cpu';

// CPU of one updates check by this machine's provider (apt on Debian: `apt-get -s upgrade` and the
// reboot-required files), its child processes included. In a fresh process: the first check is
// cold (nothing in the page cache from us), the next ones warm; the warm figure is their median.
const clock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};
const WARM_CHECKS = 3;

const provider = await providerForThisMachine({ clock });
const cold = await cpuOf(() => provider.check());
const warm: number[] = [];
for (let i = 0; i < WARM_CHECKS; i++) warm.push(await cpuOf(() => provider.check()));
warm.sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ updatesProvider: provider.id, updatesCheckCpuColdMs: round(cold), updatesCheckCpuMs: round(warm[Math.floor(WARM_CHECKS / 2)]!) }) + '\n');
process.exit(0);
