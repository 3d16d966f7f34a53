import { parseRegQuery } from '../../platform/reg-query';
import { firstWords } from '../../updates/parse/lines';
import type { OfficeInstall, Parsed } from '../types';
import { officeChannelOf } from './office-channel';

/*
 * Microsoft 365 Apps (Click-to-Run) from `reg query HKLM\SOFTWARE\Microsoft\Office\ClickToRun\Configuration`,
 * the whole key or single values (`/v VersionToReport`, `/v CDNBaseUrl`, `/v UpdateChannel`):
 *
 *   HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Office\ClickToRun\Configuration
 *       VersionToReport    REG_SZ    16.0.17425.20176
 *       CDNBaseUrl    REG_SZ    http://officecdn.microsoft.com/pr/492350f6-3a01-4f97-b9c0-c7c6ddf67d60
 *
 * The version is VersionToReport (ClientVersionToReport, the updater's own, where it is missing);
 * the channel is UpdateChannel when set (Group Policy and Configuration Manager change only that
 * one), else CDNBaseUrl (the channel Office was installed from).
 *
 * Without the key reg.exe prints one line in the user's language ("ERROR: The system was unable to
 * find the specified registry key or value.", "FEHLER: Der angegebene Registrierungsschlüssel bzw.
 * Wert wurde nicht gefunden."): "not installed" (null), unless it says access was denied. The
 * output itself is read by platform/reg-query.ts.
 */

/** The ClickToRun Configuration values the checks read (the script's `c2r-config` part gives these). */
export interface C2rValues {
  VersionToReport?: string | null;
  ClientVersionToReport?: string | null;
  UpdateChannel?: string | null;
  CDNBaseUrl?: string | null;
}

/** Office from the key's values; null when the key is absent (not installed). */
export function c2rInstallOf(values: C2rValues | null): Parsed<OfficeInstall | null> {
  if (values === null) return { value: null };
  const version = (values.VersionToReport || values.ClientVersionToReport || '').trim();
  if (!/^\d+(\.\d+){1,3}$/.test(version)) {
    return { unknown: 'unreadable', detail: version ? `version "${version.slice(0, 40)}" is not a version` : 'no VersionToReport in the Click-to-Run configuration' };
  }
  const channelValue = values.UpdateChannel?.trim() || values.CDNBaseUrl?.trim() || '';
  return { value: { version, channel: channelValue ? officeChannelOf(channelValue) : 'unknown' } };
}

export function parseC2rConfig(text: string): Parsed<OfficeInstall | null> {
  const read = parseRegQuery(text);
  if (read.kind === 'missing') return { value: null };
  if (read.kind !== 'values') {
    return read.kind === 'denied'
      ? { unknown: 'denied', detail: read.detail }
      : { unknown: 'unreadable', detail: read.detail.replace('not reg query output', 'not reg query output of the Click-to-Run configuration') };
  }
  const values = Object.fromEntries(Object.entries(read.values).map(([name, value]) => [name, value.data]));
  if (Object.keys(values).length) return c2rInstallOf(values);
  return { unknown: 'unreadable', detail: `not reg query output of the Click-to-Run configuration: ${firstWords(text)}` };
}
