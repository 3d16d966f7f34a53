import type { ProbeRun } from '../../../contract';
import type { ProviderIo } from '../../updates/tool';
import { parseClamavVersion } from '../parse/clamav';
import { parseLsblkLuks } from '../parse/luks';
import { parseNftRuleset } from '../parse/nftables';
import { parseTimedatectl } from '../parse/timedatectl';
import { parseUfwConf, parseUfwStatus } from '../parse/ufw';
import type { AntivirusFinding, ChecksSource, EncryptionFinding, Finding, FirewallFinding, Findings } from '../types';
import { askTool, probe, type ToolAnswer } from './tool-probe';

/*
 * Linux, without root (the agent runs as the signed-in user):
 *  - antivirus: ClamAV when installed (`clamscan --version`, else `freshclam --version`: the
 *    database date gives the signatures' age); none installed: nothing is expected (`expected: false`).
 *  - firewall: ufw, then firewalld, then nftables, the first that filters wins. `ufw status` needs
 *    root: then /etc/ufw/ufw.conf's ENABLED (readable by all) answers. `firewall-cmd --state`
 *    works without root. `nft list ruleset` needs root: denied. A tool that says "off" is kept while
 *    the next is asked; none installed at all: `tool: null` (the rules say "no firewall").
 *  - encryption: `lsblk --json` (no root needed): is `/` on LUKS.
 *  - time: `timedatectl status` (systemd; no root needed).
 *  - Microsoft 365 and temporary files: not here (Click-to-Run is Windows; temp sizes are measured
 *    by the capability on every OS).
 */
const UFW_CONF = '/etc/ufw/ufw.conf';
const NO_FIREWALL: FirewallFinding = { tool: null, profiles: [], enabled: false };

const at = (...names: string[]): string[] => names.flatMap((name) => [`/usr/sbin/${name}`, `/usr/bin/${name}`, `/sbin/${name}`, `/bin/${name}`]);
const isBlocked = (finding: Finding<unknown>): boolean => 'unknown' in finding && finding.unknown === 'blocked';
const filters = (finding: Finding<FirewallFinding>): boolean => 'value' in finding && finding.value.enabled;

export function createLinuxChecksSource(io: ProviderIo, now: () => number): ChecksSource {
  async function clamav(): Promise<ToolAnswer<AntivirusFinding>> {
    for (const tool of ['clamscan', 'freshclam']) {
      const answer = await askTool(io, { tool, files: at(tool), args: ['--version'] }, (text) => parseClamavVersion(text, now()));
      if (isBlocked(answer.finding)) continue;
      const finding: Finding<AntivirusFinding> = 'value' in answer.finding ? { value: { expected: true, products: [answer.finding.value] } } : answer.finding;
      return { finding, raw: answer.raw };
    }
    return { finding: { value: { expected: false, products: [] } }, raw: '' };
  }

  /** `ufw status`, or without root the file it starts from at boot. */
  async function ufw(): Promise<ToolAnswer<FirewallFinding>> {
    const answer = await askTool(io, { tool: 'ufw', files: at('ufw'), args: ['status'] }, parseUfwStatus);
    if (!('unknown' in answer.finding) || answer.finding.unknown !== 'denied') return answer;
    const conf = await io.readText(UFW_CONF).catch(() => null);
    if (conf === null) return answer;
    const read = parseUfwConf(conf);
    return { finding: 'value' in read ? read : answer.finding, raw: `${answer.raw}\n${UFW_CONF}:\n${conf}` };
  }

  /**
   * MOUNTPOINTS lists every mount of a device (a btrfs root is also /home), where MOUNTPOINT shows
   * one of them; util-linux before 2.37 knows only MOUNTPOINT and says "unknown column".
   */
  async function luks(): Promise<ToolAnswer<EncryptionFinding>> {
    const ask = (column: string) => askTool(io, { tool: 'lsblk', files: at('lsblk'), args: ['--json', '-o', `NAME,TYPE,FSTYPE,${column}`] }, parseLsblkLuks);
    const answer = await ask('MOUNTPOINTS');
    return 'unknown' in answer.finding && answer.finding.unknown === 'error' ? ask('MOUNTPOINT') : answer;
  }

  /** Each firewall tool in turn until one filters; the runs of those asked, for admins. */
  async function firewall(): Promise<{ finding: Finding<FirewallFinding>; runs: ProbeRun[] }> {
    const steps = [
      { name: 'ufw-status', ask: ufw },
      { name: 'firewalld', ask: () => askTool(io, { tool: 'firewall-cmd', files: at('firewall-cmd'), args: ['--state'] }, parseUfwStatus) },
      { name: 'nftables', ask: () => askTool(io, { tool: 'nft', files: at('nft'), args: ['list', 'ruleset'] }, parseNftRuleset) },
    ] as const;
    const asked: Finding<FirewallFinding>[] = [];
    const runs: ProbeRun[] = [];
    for (const step of steps) {
      const { finding, run } = await probe(step.name, now, step.ask);
      asked.push(finding);
      runs.push(run);
      if (filters(finding)) return { finding, runs };
    }
    const off = asked.find((finding) => 'value' in finding);
    const failed = asked.find((finding) => !isBlocked(finding));
    return { finding: off ?? failed ?? { value: NO_FIREWALL }, runs };
  }

  return {
    async read(which) {
      const findings: Findings = {};
      const runs = await Promise.all([
        which.has('antivirus') ? probe('clamav', now, clamav).then(({ finding, run }) => ((findings.antivirus = finding), [run])) : [],
        which.has('firewall') ? firewall().then(({ finding, runs }) => ((findings.firewall = finding), runs)) : [],
        which.has('encryption') ? probe('luks', now, luks).then(({ finding, run }) => ((findings.encryption = finding), [run])) : [],
        which.has('time')
          ? probe('timedatectl', now, () => askTool(io, { tool: 'timedatectl', files: at('timedatectl'), args: ['status'] }, (text) => parseTimedatectl(text, now()))).then(
              ({ finding, run }) => ((findings.time = finding), [run]),
            )
          : [],
      ]);
      return { findings, probes: runs.flat() };
    },
  };
}
