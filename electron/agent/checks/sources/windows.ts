import { z } from 'zod';
import type { ProbeRun, UnknownReason } from '../../../contract';
import { currentUserMasker } from '../../platform/mask';
import type { PowerShellHost, PowerShellResult } from '../../platform/powershell-host';
import { bitLockerProtectionOf, parseBitLocker } from '../parse/bitlocker';
import { c2rInstallOf } from '../parse/c2r-config';
import { parseFirewallProfile } from '../parse/firewall-profile';
import { parseMpComputerStatus } from '../parse/mp-status';
import { parseSecurityCenterAv } from '../parse/securitycenter';
import { parseW32tmStatus } from '../parse/w32tm';
import type { AntivirusFinding, AntivirusProduct, CheckName, ChecksReading, ChecksSource, EncryptionFinding, Finding, Findings, Parsed, TempFinding } from '../types';
import { PART_DEADLINE_MS, SCRIPT_OVERHEAD_MS, WINDOWS_PARTS, windowsChecksScript, type WindowsPart } from '../windows-script';

// Windows: the checks script (checks/windows-script.ts) in the agent's one PowerShell host. Its
// document is read here once: checked with zod, each part through its parser, and every finding
// either read or unknown with its reason. Nothing here throws; a host that fails makes every
// finding asked for unknown, with the host's words for admins.

/** The parts each check needs; a check not asked for runs none of them. */
const PARTS_OF: Readonly<Record<CheckName, readonly WindowsPart[]>> = {
  antivirus: ['securitycenter-av', 'mp-computer-status'],
  firewall: ['firewall-profile'],
  encryption: ['bitlocker'],
  time: ['w32tm-status'],
  office: ['c2r-config'],
  tempFiles: ['temp-size'],
};
const CHECKS = Object.keys(PARTS_OF) as CheckName[];

/** What admins see of a probe's output (contract: ProbeRun.raw). */
const RAW_MAX_CHARS = 4000;

const Entry = z
  .object({
    value: z.unknown().optional(),
    error: z.enum(['timeout', 'denied', 'failed']).optional(),
    detail: z.string().max(4000).optional(),
    ms: z.number().nonnegative().optional(),
  })
  .refine((entry) => entry.error !== undefined || 'value' in entry, 'neither value nor error');
type Entry = z.infer<typeof Entry>;
export const WindowsChecksDocument = z.object({ schema: z.literal(1), parts: z.partialRecord(z.enum(WINDOWS_PARTS), Entry) });
type Parts = z.infer<typeof WindowsChecksDocument>['parts'];

const BitLockerValue = z.object({
  systemDrive: z.string().max(10),
  shellProtection: z.number().int().nullable(),
  volumes: z.array(z.unknown()).nullable(),
  volumesError: z.string().nullable(),
});
const Size = z.object({ bytes: z.number().nonnegative(), readable: z.boolean(), link: z.boolean() });
const TempValue = z.object({ user: Size, system: Size });
const C2rValue = z
  .object({ VersionToReport: z.string().nullish(), ClientVersionToReport: z.string().nullish(), UpdateChannel: z.string().nullish(), CDNBaseUrl: z.string().nullish() })
  .nullable();

const unknownOf = (reason: UnknownReason, detail: string) => ({ unknown: reason, detail: detail.replace(/\s+/g, ' ').slice(0, 300) });
const zodDetail = (error: z.ZodError) => {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.') || 'value'}: ${issue.message}` : 'not the script’s value';
};

/** A part's failure as a reason (its detail, for admins). */
function partFailure(entry: Entry): { unknown: UnknownReason; detail: string } {
  const detail = entry.detail ?? entry.error ?? 'failed';
  return unknownOf(entry.error === 'timeout' ? 'timeout' : entry.error === 'denied' ? 'denied' : 'error', detail);
}

/**
 * Each part read by its parser: its value, or why not. A cmdlet's failure is read by the part's
 * parser too where it knows the failure's code (Defender's service not running is Defender off;
 * no Security Center on Windows Server is unsupported), else it is the part's failure.
 */
function readPart<T>(parts: Parts, part: WindowsPart, read: (value: unknown) => Parsed<T>, readFailure?: (detail: string) => Parsed<T>): Parsed<T> | undefined {
  const entry = parts[part];
  if (!entry) return undefined;
  if (entry.error === undefined) return read(entry.value);
  const known = entry.error === 'failed' && entry.detail && readFailure ? readFailure(entry.detail) : null;
  return known && !('unknown' in known && known.unknown === 'unreadable') ? known : partFailure(entry);
}

const asText = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

function encryptionOf(value: unknown): Parsed<EncryptionFinding> {
  const parsed = BitLockerValue.safeParse(value);
  if (!parsed.success) return unknownOf('unreadable', zodDetail(parsed.error));
  const { systemDrive, shellProtection, volumes } = parsed.data;
  if (!volumes?.length) return bitLockerProtectionOf(shellProtection, systemDrive);
  const all = parseBitLocker(JSON.stringify(volumes));
  if ('unknown' in all) return all;
  const system = all.value.find((v) => v.volume.toUpperCase() === systemDrive.toUpperCase());
  return system ? { value: system } : unknownOf('unreadable', `no volume ${systemDrive} among ${all.value.map((v) => v.volume).join(', ')}`);
}

function tempOf(value: unknown): Parsed<TempFinding> {
  const parsed = TempValue.safeParse(value);
  if (!parsed.success) return unknownOf('unreadable', zodDetail(parsed.error));
  const { user, system } = parsed.data;
  if (!user.readable) return unknownOf('denied', 'the user’s temp folder could not be listed');
  if (user.link) return unknownOf('unsupported', 'the user’s temp folder is a link or junction: not followed, not sized');
  // Windows' own Temp cannot be listed by a standard user: unknown (null), not zero.
  return { value: { userBytes: user.bytes, systemBytes: system.readable && !system.link ? system.bytes : null } };
}

/**
 * Security Center's products, with Defender's own details (signature age, last scan) on its
 * entry; where Security Center cannot answer (Windows Server has none), Defender alone.
 */
function antivirusOf(center: Parsed<AntivirusFinding> | undefined, defender: Parsed<AntivirusProduct> | undefined): Finding<AntivirusFinding> | undefined {
  if (!center && !defender) return undefined;
  if (center && 'value' in center) {
    if (!defender || !('value' in defender)) return center;
    const details = defender.value;
    const products = center.value.products.map((p) =>
      /defender/i.test(p.name) ? { ...p, signatureAgeDays: p.signatureAgeDays ?? details.signatureAgeDays, lastScan: p.lastScan ?? details.lastScan } : p,
    );
    return { value: { ...center.value, products } };
  }
  if (defender && 'value' in defender) return { value: { expected: true, products: [defender.value] } };
  // Neither: Security Center's reason, unless it only said "not on this Windows".
  return center && !(center.unknown === 'unsupported' && defender) ? center : defender!;
}

/**
 * The findings and probe runs of one script document (what the host printed, or a recorded one:
 * the preview's `--checks FILE`). Only the checks whose parts are in the document are found.
 */
export function windowsChecksFromDocument(doc: unknown, now: number, ranAt: string, durationMs: number): ChecksReading {
  const parsed = WindowsChecksDocument.safeParse(doc);
  if (!parsed.success) return failedReading(CHECKS, unknownOf('unreadable', `not the checks script’s document: ${zodDetail(parsed.error)}`), ranAt, durationMs);
  const parts = parsed.data.parts;
  const center = readPart(parts, 'securitycenter-av', (v) => parseSecurityCenterAv(JSON.stringify(v)), parseSecurityCenterAv);
  const defender = readPart(
    parts,
    'mp-computer-status',
    (v) => parseMpComputerStatus(JSON.stringify(v), now),
    (detail) => parseMpComputerStatus(detail, now),
  );
  const firewall = readPart(parts, 'firewall-profile', (v) => parseFirewallProfile(JSON.stringify(v)));
  const encryption = readPart(parts, 'bitlocker', encryptionOf);
  const time = readPart(parts, 'w32tm-status', (v) => (typeof v === 'string' ? parseW32tmStatus(v, now) : unknownOf('unreadable', 'not text')));
  const office = readPart(parts, 'c2r-config', (v) => {
    const values = C2rValue.safeParse(v);
    return values.success ? c2rInstallOf(values.data) : unknownOf('unreadable', zodDetail(values.error));
  });
  const tempFiles = readPart(parts, 'temp-size', tempOf);
  const antivirus = antivirusOf(center, defender);
  const findings: Findings = {
    ...(antivirus && { antivirus }),
    ...(firewall && { firewall }),
    ...(encryption && { encryption }),
    ...(time && { time }),
    ...(office && { office }),
    ...(tempFiles && { tempFiles }),
  };

  const results: Partial<Record<WindowsPart, Parsed<unknown>>> = {
    'securitycenter-av': center,
    'mp-computer-status': defender,
    'firewall-profile': firewall,
    bitlocker: encryption,
    'w32tm-status': time,
    'c2r-config': office,
    'temp-size': tempFiles,
  };
  const probes: ProbeRun[] = WINDOWS_PARTS.flatMap((part) => {
    const entry = parts[part];
    const result = results[part];
    if (!entry || !result) return [];
    const known = 'value' in result;
    return [
      {
        probe: part,
        ranAt,
        durationMs: entry.ms ?? durationMs,
        read: known,
        reason: known ? null : result.unknown,
        detail: known ? null : result.detail,
        raw: entry.error !== undefined ? '' : asText(entry.value).slice(0, RAW_MAX_CHARS),
      },
    ];
  });
  return { findings, probes };
}

/** Every check in `checks` unknown for the same reason, and a run for each of their parts. */
function failedReading(checks: readonly CheckName[], why: { unknown: UnknownReason; detail: string }, ranAt: string, durationMs: number): ChecksReading {
  const findings: Findings = {};
  for (const check of checks) findings[check] = why;
  const probes = partsFor(checks).map((probe): ProbeRun => ({ probe, ranAt, durationMs, read: false, reason: why.unknown, detail: why.detail, raw: '' }));
  return { findings, probes };
}

const partsFor = (checks: Iterable<CheckName>): WindowsPart[] => {
  const asked = new Set([...checks].flatMap((check) => PARTS_OF[check] ?? []));
  return WINDOWS_PARTS.filter((part) => asked.has(part));
};

const callTimeoutMs = (parts: readonly WindowsPart[]) => Math.max(...parts.map((part) => PART_DEADLINE_MS[part])) + SCRIPT_OVERHEAD_MS;

/**
 * Why the host could not run the script. PowerShell that cannot start (missing, or refused by
 * AppLocker or Software Restriction Policies: Node says ENOENT, EACCES or UNKNOWN) or that runs in
 * Constrained Language Mode (the pool and COM refused: "… in this language mode") is `blocked`.
 */
export function hostFailureReason(result: Extract<PowerShellResult, { ok: false }>): UnknownReason {
  switch (result.error) {
    case 'timeout':
      return 'timeout';
    case 'garbage':
    case 'too-large':
      return 'unreadable';
    case 'died':
      return /could not start|\b(ENOENT|EACCES|EPERM|UNKNOWN)\b/.test(result.detail) ? 'blocked' : 'error';
    case 'script-error':
      return /language mode|blocked|group policy|malicious content|disabled on this system/i.test(result.detail) ? 'blocked' : 'error';
    default:
      return 'error';
  }
}

/** Windows: the checks asked for, from the script in the agent's PowerShell host. */
export function createWindowsChecksSource(powershell: PowerShellHost, now: () => number): ChecksSource {
  const mask = currentUserMasker();

  /** Asks again part by part (each bounded alone) after a whole call hung: one stuck part no longer hides the others. */
  async function partByPart(parts: readonly WindowsPart[]): Promise<unknown> {
    const answered: Parts = {};
    for (const part of parts) {
      const started = now();
      const result = await powershell.run(windowsChecksScript([part]), { timeoutMs: callTimeoutMs([part]) });
      const entry = result.ok ? WindowsChecksDocument.safeParse(result.json).data?.parts[part] : undefined;
      answered[part] = entry ?? {
        error: !result.ok && result.error === 'timeout' ? 'timeout' : 'failed',
        detail: result.ok ? 'not the checks script’s document' : `${result.error}: ${result.detail}`,
        ms: now() - started,
      };
    }
    return { schema: 1, parts: answered };
  }

  return {
    async read(which) {
      const checks = CHECKS.filter((check) => which.has(check));
      const parts = partsFor(checks);
      if (!parts.length) return { findings: {}, probes: [] };
      const started = now();
      const ranAt = new Date(started).toISOString();
      const result = await powershell.run(windowsChecksScript(parts), { timeoutMs: callTimeoutMs(parts) });
      let doc: unknown;
      if (result.ok) doc = result.json;
      else if (result.error === 'timeout' && parts.length > 1) doc = await partByPart(parts);
      else return masked(failedReading(checks, unknownOf(hostFailureReason(result), `${result.error}: ${result.detail}`), ranAt, now() - started));
      const reading = windowsChecksFromDocument(doc, now(), ranAt, now() - started);
      // A check asked for whose parts the document left out is unknown, never silently absent.
      for (const check of checks) reading.findings[check] ??= unknownOf('error', `the script gave no answer for ${PARTS_OF[check].join(', ')}`);
      return masked(reading);
    },
  };

  function masked(reading: ChecksReading): ChecksReading {
    return { ...reading, probes: reading.probes.map((run) => ({ ...run, raw: mask(run.raw), detail: run.detail === null ? null : mask(run.detail) })) };
  }
}
