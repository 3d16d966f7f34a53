import { firstWords, lines } from '../../updates/parse/lines';
import type { FirewallFinding, Parsed } from '../types';

/*
 * macOS application firewall: `/usr/libexec/ApplicationFirewall/socketfilterfw --getglobalstate`
 * (no root needed; English only). The state number is the reliable part, the words changed:
 *   Firewall is enabled. (State = 1)
 *   Firewall is enabled. (State = 2)                                           block all, older macOS
 *   Firewall is blocking all non-essential incoming connections. (State = 2)  block all, macOS 15
 *   Firewall is disabled. (State = 0)
 * Older macOS printed the sentence without the number. Only the first firewall line counts: the
 * tool prints further `--get…` answers after it when asked for several.
 */
const NUMBERED = /\(State = (\d)\)\s*$/;
const WORDED = /^Firewall is (enabled|disabled)\.?$/i;

export function parseSocketFilterFw(text: string): Parsed<FirewallFinding> {
  const first = lines(text).map((line) => line.trim()).find((line) => /^Firewall is /i.test(line));
  const finding = (enabled: boolean): Parsed<FirewallFinding> => ({ value: { tool: 'socketfilterfw', profiles: [], enabled } });
  const state = first ? NUMBERED.exec(first)?.[1] : undefined;
  if (state === '0') return finding(false);
  if (state === '1' || state === '2') return finding(true);
  const worded = first && state === undefined ? WORDED.exec(first) : null;
  if (worded) return finding(worded[1]!.toLowerCase() === 'enabled');
  return { unknown: 'unreadable', detail: firstWords(text) };
}
