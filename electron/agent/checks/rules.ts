import type { SizeUnits, TypedStatusItem, UnknownReason } from '../../contract';
import { exactGigabytes, gigabytes } from '../../contract/sizes';
import type { ChecksPolicy } from '../hallo-api/types';
import type {
  AntivirusFinding,
  AntivirusProduct,
  CheckName,
  EncryptionFinding,
  Finding,
  Findings,
  FirewallFinding,
  OfficeChannel,
  OfficeInstall,
  TempFinding,
  TimeFinding,
} from './types';

// The judgement of the protection checks: findings (what the parsers read) in, status items out,
// by the policy's thresholds. Pure: the capability, the probe CLI and the tests call the same thing.

/** The policy's `checks`, every field filled in (the defaults are the OpenAPI file's, in brackets there). */
export interface ResolvedChecksPolicy {
  intervalMinutes: number;
  enabled: Record<CheckName, boolean>;
  signatureMaxAgeDays: number;
  scanMaxAgeDays: number;
  timeMaxOffsetMinutes: number;
  timeMaxSyncAgeDays: number;
  tempFilesGb: number;
  officeMinimumBuilds: Partial<Record<OfficeChannel, string>>;
}

/** The checks in the checklist's order (also the order of their items). */
export const CHECK_NAMES: readonly CheckName[] = ['antivirus', 'firewall', 'encryption', 'time', 'office', 'tempFiles'];

export const DEFAULT_CHECKS_POLICY: Readonly<ResolvedChecksPolicy> = Object.freeze({
  intervalMinutes: 15,
  enabled: { antivirus: true, firewall: true, encryption: true, time: true, office: true, tempFiles: true },
  signatureMaxAgeDays: 3,
  scanMaxAgeDays: 14,
  timeMaxOffsetMinutes: 5,
  // Windows outside a domain synchronises once a week: a day's grace over that.
  timeMaxSyncAgeDays: 8,
  tempFilesGb: 2,
  officeMinimumBuilds: {},
});

const NUMBERS = ['intervalMinutes', 'signatureMaxAgeDays', 'scanMaxAgeDays', 'timeMaxOffsetMinutes', 'timeMaxSyncAgeDays', 'tempFilesGb'] as const;
const DOTTED = /^[0-9]+(\.[0-9]+){1,3}$/;

/**
 * The policy's `checks` over the defaults. A missing or non-positive number keeps its default (the
 * API's schema already bounds them; a cached policy from an older server may lack the whole part);
 * a check not named in `enabled` stays on; a minimum build that is not a dotted version is ignored.
 */
export function resolveChecksPolicy(partial?: ChecksPolicy | null): ResolvedChecksPolicy {
  const resolved: ResolvedChecksPolicy = { ...DEFAULT_CHECKS_POLICY, enabled: { ...DEFAULT_CHECKS_POLICY.enabled }, officeMinimumBuilds: {} };
  for (const key of NUMBERS) {
    const value = partial?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) resolved[key] = value;
  }
  for (const name of CHECK_NAMES) {
    const on = partial?.enabled?.[name];
    if (typeof on === 'boolean') resolved.enabled[name] = on;
  }
  for (const [channel, build] of Object.entries(partial?.officeMinimumBuilds ?? {})) {
    if (channel !== 'unknown' && typeof build === 'string' && DOTTED.test(build)) resolved.officeMinimumBuilds[channel as OfficeChannel] = build;
  }
  return resolved;
}

/** The checks the policy turns on: what the source reads. */
export function enabledChecks(policy: ResolvedChecksPolicy): Set<CheckName> {
  return new Set(CHECK_NAMES.filter((name) => policy.enabled[name]));
}

/** Dotted versions compared part by part as numbers (16.0.17531.20140 > 16.0.9126.2259); a missing part counts as 0. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0 && Number.isFinite(diff)) return Math.sign(diff);
  }
  return 0;
}

/** Microsoft's names for the channels: the status code's `channel` (a product name, not translated). */
export const OFFICE_CHANNEL_NAMES: Record<OfficeChannel, string> = {
  current: 'Current Channel',
  'current-preview': 'Current Channel (Preview)',
  'monthly-enterprise': 'Monthly Enterprise Channel',
  'semi-annual': 'Semi-Annual Enterprise Channel',
  'semi-annual-preview': 'Semi-Annual Enterprise Channel (Preview)',
  beta: 'Beta Channel',
  unknown: '?',
};

const DAY_MS = 86_400_000;
const CHECK_ID: Record<CheckName, TypedStatusItem['check']> = {
  antivirus: 'antivirus',
  firewall: 'firewall',
  encryption: 'encryption',
  time: 'time',
  office: 'office',
  tempFiles: 'temp-files',
};

const unknown = (name: CheckName, reason: UnknownReason): TypedStatusItem => ({ id: CHECK_ID[name], check: CHECK_ID[name], severity: 'unknown', code: 'health.unknown', params: { reason } });

/** Whole days from `at` (RFC 3339) to `now`, rounded down; null when `at` cannot be read. */
function daysSince(at: string, now: number): number | null {
  const then = Date.parse(at);
  return Number.isFinite(then) ? Math.max(0, Math.floor((now - then) / DAY_MS)) : null;
}

function productItem(product: AntivirusProduct, policy: ResolvedChecksPolicy, now: number): TypedStatusItem {
  const base = { id: `antivirus:${product.name}`, check: 'antivirus' as const };
  const params = { product: product.name };
  if (product.state === 'off') return { ...base, severity: 'problem', code: 'health.antivirus.off', params };
  if (product.state === 'expired') return { ...base, severity: 'problem', code: 'health.antivirus.expired', params };
  if (product.state === 'snoozed') return { ...base, severity: 'attention', code: 'health.antivirus.snoozed', params };
  const days = product.signatureAgeDays;
  if (days !== null && days > policy.signatureMaxAgeDays) return { ...base, severity: 'attention', code: 'health.antivirus.outdated', params: { ...params, days } };
  if (days === null && product.signaturesUpToDate === false) return { ...base, severity: 'attention', code: 'health.antivirus.outdated', params };
  const scanDays = product.lastScan ? daysSince(product.lastScan.at, now) : null;
  if (scanDays !== null && scanDays > policy.scanMaxAgeDays) return { ...base, severity: 'attention', code: 'health.antivirus.scan-old', params: { ...params, days: scanDays } };
  return { ...base, severity: 'ok', code: 'health.antivirus.ok', params };
}

/**
 * One item per product. Only the active protection counts: while one product is on, a product that
 * is off (Defender in passive mode beside a third-party scanner, an old scanner left behind) is not
 * listed. Nothing at all is a problem on a Windows PC that expects a scanner, and not applicable
 * where none is expected (macOS without a third-party product has XProtect; Linux).
 */
function antivirusItems(finding: AntivirusFinding, policy: ResolvedChecksPolicy, env: ChecksEnv): TypedStatusItem[] {
  const anyOn = finding.products.some((p) => p.state === 'on');
  const counted = finding.products.filter((p) => !(anyOn && p.state === 'off'));
  if (counted.length === 0) {
    return finding.expected && env.platform === 'win32'
      ? [{ id: 'antivirus', check: 'antivirus', severity: 'problem', code: 'health.antivirus.none', params: {} }]
      : [{ id: 'antivirus', check: 'antivirus', severity: 'ok', code: 'health.antivirus.not-applicable', params: {} }];
  }
  const seen = new Set<string>(); // Security Center and Defender may both name the same product
  return counted.map((p) => productItem(p, policy, env.now)).filter((item) => !seen.has(item.id) && seen.add(item.id));
}

/** Windows: one line when every profile is on (or every one off), else one per profile that is off. */
function firewallItems(finding: FirewallFinding): TypedStatusItem[] {
  if (finding.tool === null) return [{ id: 'firewall', check: 'firewall', severity: 'attention', code: 'health.firewall.none', params: {} }];
  const off = finding.profiles.filter((p) => !p.enabled);
  if (off.length > 0 && off.length < finding.profiles.length) {
    return off.map((p) => ({ id: `firewall:${p.name}`, check: 'firewall', severity: 'problem', code: `health.firewall.off-${p.name}`, params: {} }) as const);
  }
  const on = finding.profiles.length > 0 ? off.length === 0 : finding.enabled;
  return [on ? { id: 'firewall', check: 'firewall', severity: 'ok', code: 'health.firewall.ok', params: {} } : { id: 'firewall', check: 'firewall', severity: 'problem', code: 'health.firewall.off', params: {} }];
}

/** hallo, turns encryption on and resumes it: off or suspended asks attention, never something of the employee. */
function encryptionItem(finding: EncryptionFinding): TypedStatusItem {
  const base = { id: 'encryption', check: 'encryption' as const };
  const volume = finding.volume;
  const percent = finding.percent === null ? {} : { percent: Math.round(finding.percent) };
  switch (finding.state) {
    case 'on':
      return { ...base, severity: 'ok', code: 'health.encryption.on', params: { volume } };
    case 'off':
      return { ...base, severity: 'attention', code: 'health.encryption.off', params: { volume } };
    case 'suspended':
      return { ...base, severity: 'attention', code: 'health.encryption.suspended', params: { volume } };
    case 'encrypting':
      return { ...base, severity: 'ok', code: 'health.encryption.encrypting', params: { volume, ...percent } };
    case 'decrypting':
      return { ...base, severity: 'attention', code: 'health.encryption.decrypting', params: { volume, ...percent } };
  }
}

/** Too far off breaks sign-in (Kerberos allows 5 minutes): a problem before anything else about time. */
function timeItem(finding: TimeFinding, policy: ResolvedChecksPolicy, now: number): TypedStatusItem {
  const base = { id: 'time', check: 'time' as const };
  const offset = finding.offsetSeconds;
  if (offset !== null && Math.abs(offset) > policy.timeMaxOffsetMinutes * 60) {
    return { ...base, severity: 'problem', code: 'health.time.off', params: { minutes: Math.round(Math.abs(offset) / 6) / 10 } };
  }
  if (!finding.synchronised) return { ...base, severity: 'attention', code: 'health.time.not-synced', params: {} };
  const days = finding.lastSyncAt ? daysSince(finding.lastSyncAt, now) : null;
  if (days !== null && days > policy.timeMaxSyncAgeDays) return { ...base, severity: 'attention', code: 'health.time.stale', params: { days } };
  return { ...base, severity: 'ok', code: 'health.time.ok', params: finding.source ? { source: finding.source } : {} };
}

function officeItem(install: OfficeInstall, policy: ResolvedChecksPolicy): TypedStatusItem {
  const params = { version: install.version, channel: OFFICE_CHANNEL_NAMES[install.channel] };
  const minimum = policy.officeMinimumBuilds[install.channel];
  return minimum && compareVersions(install.version, minimum) < 0
    ? { id: 'office', check: 'office', severity: 'attention', code: 'health.office.old', params: { ...params, minimum } }
    : { id: 'office', check: 'office', severity: 'ok', code: 'health.office.ok', params };
}

/** The user's and the OS's temp folders together, in the GB the PC's own file manager shows. */
function tempItem(finding: TempFinding, policy: ResolvedChecksPolicy, units: SizeUnits): TypedStatusItem {
  const bytes = finding.userBytes + (finding.systemBytes ?? 0);
  const large = exactGigabytes(bytes, units) > policy.tempFilesGb;
  return { id: 'temp-files', check: 'temp-files', severity: large ? 'attention' : 'ok', code: large ? 'health.temp-files.large' : 'health.temp-files.ok', params: { sizeGb: gigabytes(bytes, units) } };
}

export interface ChecksEnv {
  platform: NodeJS.Platform;
  /** The PC's GB (`state.app.sizeUnits`). */
  sizeUnits: SizeUnits;
  now: number;
}

/**
 * The findings judged by the policy, in the checklist's order. A check the policy turns off, or
 * one this OS has no probe for (absent), gives no line; Microsoft 365 not installed gives none
 * either; a finding that could not be read gives `health.unknown` with its reason.
 */
export function checksItems(findings: Findings, policy: ResolvedChecksPolicy, env: ChecksEnv): TypedStatusItem[] {
  const items: TypedStatusItem[] = [];
  const judge = <T>(name: CheckName, finding: Finding<T> | undefined, lines: (value: T) => TypedStatusItem[]) => {
    if (!finding || !policy.enabled[name]) return;
    items.push(...('unknown' in finding ? [unknown(name, finding.unknown)] : lines(finding.value)));
  };
  judge('antivirus', findings.antivirus, (v) => antivirusItems(v, policy, env));
  judge('firewall', findings.firewall, firewallItems);
  judge('encryption', findings.encryption, (v) => [encryptionItem(v)]);
  judge('time', findings.time, (v) => [timeItem(v, policy, env.now)]);
  judge('office', findings.office, (v) => (v ? [officeItem(v, policy)] : []));
  judge('tempFiles', findings.tempFiles, (v) => [tempItem(v, policy, env.sizeUnits)]);
  return items;
}
