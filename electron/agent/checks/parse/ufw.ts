import { firstWords, lines } from '../../updates/parse/lines';
import type { FirewallFinding, Parsed } from '../types';

/*
 * Linux firewalls with a yes/no answer (English: Debian's ufw and firewalld print the same bytes
 * under other languages, see tests/fixtures/checks/debian-12/SOURCE.md):
 *   `ufw status` and `ufw status verbose`: `Status: active` | `Status: inactive` (then rules)
 *   `firewall-cmd --state`: `running` | `not running` (the latter on stderr, exit 252)
 *   `ufw status` without root: `ERROR: You need to be root to run this script` → denied
 * /etc/ufw/ufw.conf's `ENABLED=yes|no` (parseUfwConf) is the answer without root: it is what ufw
 * starts with at boot, so it can lag a `ufw disable` done since without a restart.
 */
const STATUS = /^Status:\s*(active|inactive)\s*$/i;
const FIREWALLD = /^(running|not running)$/i;
const DENIED = /need to be root|permission denied|operation not permitted/i;
const ENABLED = /^ENABLED\s*=\s*"?(yes|no)"?\s*$/i;

const finding = (tool: 'ufw' | 'firewalld', enabled: boolean): Parsed<FirewallFinding> => ({ value: { tool, profiles: [], enabled } });

export function parseUfwStatus(text: string): Parsed<FirewallFinding> {
  const all = lines(text).map((line) => line.trim());
  const status = all.map((line) => STATUS.exec(line)).find(Boolean);
  if (status) return finding('ufw', status[1]!.toLowerCase() === 'active');
  if (all.length === 1) {
    const firewalld = FIREWALLD.exec(all[0]!);
    if (firewalld) return finding('firewalld', firewalld[1]!.toLowerCase() === 'running');
  }
  if (all.some((line) => DENIED.test(line))) return { unknown: 'denied', detail: firstWords(text) };
  return { unknown: 'unreadable', detail: firstWords(text) };
}

/** /etc/ufw/ufw.conf (readable by everyone): whether ufw is enabled at boot. */
export function parseUfwConf(text: string): Parsed<FirewallFinding> {
  const enabled = lines(text)
    .map((line) => ENABLED.exec(line.trim()))
    .find(Boolean);
  return enabled ? finding('ufw', enabled[1]!.toLowerCase() === 'yes') : { unknown: 'unreadable', detail: firstWords(text) };
}
