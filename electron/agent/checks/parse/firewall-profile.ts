import { firstWords } from '../../updates/parse/lines';
import type { FirewallFinding, FirewallProfileName, Parsed } from '../types';
import { anyRecords, field } from './powershell-output';

/*
 * `Get-NetFirewallProfile` as a table (`| Select-Object Name, Enabled`), a list (its default
 * view) or JSON, read by its property names (never translated).
 *
 * `Enabled` is a GpoBoolean: `True`, `False` or `NotConfigured` (in JSON from Windows PowerShell
 * 5.1 its number: 1, 0, 2). NotConfigured means "not set in this store", not "off": the default
 * (persistent) store says NotConfigured for every profile that Group Policy sets
 * (windows-server-2025/firewall-profile.persistent-not-configured.en.txt). The checks script
 * therefore reads `-PolicyStore ActiveStore`, the values in effect with Group Policy merged in,
 * where every profile is True or False; a NotConfigured that still reaches this parser is
 * unreadable (with the reason for admins), never counted as off.
 */

const PROFILE_NAMES: Readonly<Record<string, FirewallProfileName>> = { domain: 'domain', private: 'private', public: 'public' };
const ENABLED: Readonly<Record<string, boolean | 'not-configured'>> = { true: true, '1': true, false: false, '0': false, notconfigured: 'not-configured', '2': 'not-configured' };

export function parseFirewallProfile(text: string): Parsed<FirewallFinding> {
  const found = anyRecords(text);
  if (!found) return { unknown: 'unreadable', detail: `not Get-NetFirewallProfile output: ${firstWords(text)}` };
  const profiles: FirewallFinding['profiles'] = [];
  for (const record of found.records) {
    const name = PROFILE_NAMES[String(field(record, 'Name') ?? '').trim().toLowerCase()];
    const enabled = ENABLED[String(field(record, 'Enabled') ?? '').trim().toLowerCase()];
    if (!name || enabled === undefined) continue;
    if (enabled === 'not-configured') {
      return { unknown: 'unreadable', detail: `${name} is NotConfigured: the persistent store, not the state in effect (read -PolicyStore ActiveStore)` };
    }
    if (!profiles.some((p) => p.name === name)) profiles.push({ name, enabled });
  }
  if (!profiles.length) return { unknown: 'unreadable', detail: `no profile with Name and Enabled (${found.form}): ${firstWords(text)}` };
  return { value: { tool: 'windows', profiles, enabled: profiles.every((p) => p.enabled) } };
}
