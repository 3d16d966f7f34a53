import type { ProbeRun } from '../../../contract';
import { firstWords } from '../../updates/parse/lines';
import type { ProviderIo } from '../../updates/tool';
import { parseFdesetupStatus } from '../parse/fdesetup';
import { parseSocketFilterFw } from '../parse/socketfilterfw';
import { parseBundleVersion, xprotectFromBundle } from '../parse/xprotect';
import type { AntivirusFinding, AntivirusProduct, ChecksSource, Finding, Findings, Parsed } from '../types';
import { askTool, probe, type ToolAnswer } from './tool-probe';

/*
 * macOS, without admin rights (the agent runs as the signed-in user):
 *  - antivirus: XProtect, always on; its signatures' age from its bundle (`defaults read` of the
 *    version, the Info.plist's modification time by `stat`). Where the bundle lives moved: macOS 15
 *    keeps the updated one under /private/var/protected/xprotect, 10.15 to 14 under /Library/Apple,
 *    earlier under /System/Library. A third-party product is not seen (macOS has no registry of them).
 *  - firewall: `socketfilterfw --getglobalstate` (the application firewall; no root needed).
 *  - encryption: `fdesetup status` (no root needed).
 *  - time: not read. `systemsetup -getusingnetworktime` needs admin rights, `sntp` asks a server over
 *    the network (a probe must not), and `log show` for timed's syncs takes seconds to minutes: no
 *    reliable answer without them, so the check says unsupported rather than guess.
 *  - Microsoft 365 and temporary files: not here (Click-to-Run is Windows; temp sizes are measured
 *    by the capability on every OS).
 */
const XPROTECT_BUNDLES = [
  '/private/var/protected/xprotect/XProtect.bundle',
  '/Library/Apple/System/Library/CoreServices/XProtect.bundle',
  '/System/Library/CoreServices/XProtect.bundle',
];
const DEFAULTS = '/usr/bin/defaults';
const STAT = '/usr/bin/stat';
const EPOCH_SECONDS = /^\d{9,11}$/;
const TIME_UNSUPPORTED = { unknown: 'unsupported', detail: 'macOS tells whether the clock is synchronised only to admins' } as const;

/** `stat -f %m`: the modification time in epoch seconds. */
const parseEpochSeconds = (text: string): Parsed<number> => (EPOCH_SECONDS.test(text.trim()) ? { value: Number(text.trim()) * 1000 } : { unknown: 'unreadable', detail: firstWords(text) });

export function createMacChecksSource(io: ProviderIo, now: () => number): ChecksSource {
  /** XProtect from the first bundle that answers; the raw output of each attempt for admins. */
  async function xprotect(): Promise<ToolAnswer<AntivirusFinding>> {
    const raws: string[] = [];
    let last: Finding<AntivirusProduct> = { unknown: 'blocked', detail: 'XProtect was not found' };
    let found = false;
    for (const bundle of XPROTECT_BUNDLES) {
      const plist = `${bundle}/Contents/Info.plist`;
      const version = await askTool(io, { tool: 'defaults', files: [DEFAULTS], args: ['read', plist, 'CFBundleShortVersionString'] }, parseBundleVersion);
      raws.push(`${plist}: ${version.raw.trim()}`);
      if (!('value' in version.finding)) {
        // "does not exist" (exit 1) there: the next place; anything else is kept to tell admins
        if (version.finding.unknown !== 'error' && !found) [last, found] = [version.finding, true];
        continue;
      }
      // Without its date the age is unknown, not the product: XProtect is still there and on.
      const modified = await askTool(io, { tool: 'stat', files: [STAT], args: ['-f', '%m', plist] }, parseEpochSeconds);
      raws.push(`modified: ${modified.raw.trim()}`);
      const product = xprotectFromBundle(version.finding.value, 'value' in modified.finding ? modified.finding.value : null, now());
      if ('value' in product) return { finding: { value: { expected: true, products: [product.value] } }, raw: raws.join('\n') };
    }
    return { finding: last, raw: raws.join('\n') };
  }

  return {
    async read(which) {
      const findings: Findings = {};
      const runs: (ProbeRun | null)[] = await Promise.all([
        which.has('antivirus')
          ? probe('xprotect', now, xprotect).then(({ finding, run }) => ((findings.antivirus = finding), run))
          : null,
        which.has('firewall')
          ? probe('socketfilterfw', now, () => askTool(io, { tool: 'socketfilterfw', files: ['/usr/libexec/ApplicationFirewall/socketfilterfw'], args: ['--getglobalstate'] }, parseSocketFilterFw)).then(
              ({ finding, run }) => ((findings.firewall = finding), run),
            )
          : null,
        which.has('encryption')
          ? probe('fdesetup', now, () => askTool(io, { tool: 'fdesetup', files: ['/usr/bin/fdesetup'], args: ['status'] }, parseFdesetupStatus)).then(({ finding, run }) => ((findings.encryption = finding), run))
          : null,
      ]);
      if (which.has('time')) findings.time = TIME_UNSUPPORTED;
      return { findings, probes: runs.filter((run): run is ProbeRun => run !== null) };
    },
  };
}
