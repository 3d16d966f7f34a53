import { CHECK_NAMES } from '../../electron/agent/checks/rules';
import { checksSourceForThisMachine } from '../../electron/agent/checks/sources/this-machine';
import { defaultTempDirs } from '../../electron/agent/checks/temp/size';
import { createPowerShellHost } from '../../electron/agent/platform/powershell-host';
import { cpuOf, round } from './cpu';

// CPU of one round of the protection checks by this machine's source (every check on: on Debian
// ClamAV, ufw, firewalld, nft, lsblk, timedatectl and the temp folders' sizing), child processes
// included. In a fresh process: the first round is cold, the next ones warm; the warm figure is their median.
const clock = {
  now: () => Date.now(),
  setTimeout: (fn: () => void, ms: number) => setTimeout(fn, ms),
  clearTimeout: (h: unknown) => clearTimeout(h as NodeJS.Timeout),
};
const WARM_ROUNDS = 3;

const powershell = process.platform === 'win32' ? createPowerShellHost({ clock }) : null;
const source = await checksSourceForThisMachine({ clock, powershell: () => powershell!, tempDirs: defaultTempDirs(process.platform, process.env) });
const all = new Set(CHECK_NAMES);
const cold = await cpuOf(() => source.read(all));
const warm: number[] = [];
for (let i = 0; i < WARM_ROUNDS; i++) warm.push(await cpuOf(() => source.read(all)));
warm.sort((a, b) => a - b);
powershell?.stop();
process.stdout.write(JSON.stringify({ checksCpuColdMs: round(cold), checksCpuMs: round(warm[Math.floor(WARM_ROUNDS / 2)]!) }) + '\n');
process.exit(0);
