import { parseBitLocker } from '../agent/checks/parse/bitlocker';
import { parseC2rConfig } from '../agent/checks/parse/c2r-config';
import { parseFdesetupStatus } from '../agent/checks/parse/fdesetup';
import { parseFirewallProfile } from '../agent/checks/parse/firewall-profile';
import { parseMpComputerStatus } from '../agent/checks/parse/mp-status';
import { parseSecurityCenterAv } from '../agent/checks/parse/securitycenter';
import { parseSocketFilterFw } from '../agent/checks/parse/socketfilterfw';
import { parseTimedatectl } from '../agent/checks/parse/timedatectl';
import { parseUfwStatus } from '../agent/checks/parse/ufw';
import { parseW32tmStatus } from '../agent/checks/parse/w32tm';
import { checksItems, DEFAULT_CHECKS_POLICY } from '../agent/checks/rules';
import type { EncryptionFinding, Finding, Findings, Parsed } from '../agent/checks/types';
import { sizeUnitsFor } from '../agent/platform/os';
import { withWords, type ReportedItem } from './report';

// The protection checks' kinds of `probe parse`: each runs the kind's parser (checks/parse/), then
// the rules with the default policy, as the agent would on the OS that prints that output.

export const CHECK_PARSE_KINDS = ['w32tm-status', 'securitycenter-av', 'mp-computer-status', 'firewall-profile', 'bitlocker', 'c2r-config', 'fdesetup', 'socketfilterfw', 'timedatectl', 'ufw-status'] as const;
export type CheckParseKind = (typeof CHECK_PARSE_KINDS)[number];

/** What one output gives: the parser's answer, and the findings of the check it fills. */
interface Read {
  parsed: Parsed<unknown>;
  findings: Findings;
}

const as = <T, U>(parsed: Parsed<T>, wrap: (value: T) => U): Finding<U> => ('value' in parsed ? { value: wrap(parsed.value) } : parsed);

/** The system volume among every volume found (C:, else the first): the one the encryption check judges. */
function systemVolume(volumes: EncryptionFinding[]): Finding<EncryptionFinding> {
  const system = volumes.find((v) => v.volume.toUpperCase() === 'C:') ?? volumes[0];
  return system ? { value: system } : { unknown: 'unreadable', detail: 'no volume in the output' };
}

/** A kind: the OS that prints it, its parser, and the check its answer fills. */
const kind = <T>(platform: NodeJS.Platform, parse: (text: string, now: number) => Parsed<T>, fill: (parsed: Parsed<T>) => Findings) => ({
  platform,
  read(text: string, now: number): Read {
    const parsed = parse(text, now);
    return { parsed, findings: fill(parsed) };
  },
});

const KINDS: Record<CheckParseKind, ReturnType<typeof kind>> = {
  'w32tm-status': kind('win32', parseW32tmStatus, (time) => ({ time })),
  'securitycenter-av': kind('win32', parseSecurityCenterAv, (antivirus) => ({ antivirus })),
  // Defender's own word: the one product it describes, on a PC that expects a scanner.
  'mp-computer-status': kind('win32', parseMpComputerStatus, (p) => ({ antivirus: as(p, (product) => ({ expected: true, products: [product] })) })),
  'firewall-profile': kind('win32', parseFirewallProfile, (firewall) => ({ firewall })),
  bitlocker: kind('win32', parseBitLocker, (p) => ({ encryption: 'value' in p ? systemVolume(p.value) : p })),
  'c2r-config': kind('win32', parseC2rConfig, (office) => ({ office })),
  fdesetup: kind('darwin', parseFdesetupStatus, (encryption) => ({ encryption })),
  socketfilterfw: kind('darwin', parseSocketFilterFw, (firewall) => ({ firewall })),
  timedatectl: kind('linux', parseTimedatectl, (time) => ({ time })),
  'ufw-status': kind('linux', parseUfwStatus, (firewall) => ({ firewall })),
};

export interface CheckParseReport {
  kind: CheckParseKind;
  readable: boolean;
  items: ReportedItem[];
  /** What the parser read, or why it could not (`unknown`, `detail`). */
  found: unknown;
}

/** What the agent makes of one recorded output of a protection check's `kind`, judged at `now` by the default policy. */
export function parseCheckRecorded(kind: CheckParseKind, text: string, now: number): CheckParseReport {
  const { platform, read } = KINDS[kind];
  const { parsed, findings } = read(text, now);
  const items = checksItems(findings, DEFAULT_CHECKS_POLICY, { platform, sizeUnits: sizeUnitsFor(platform), now });
  return { kind, readable: 'value' in parsed, items: withWords(items), found: 'value' in parsed ? parsed.value : { unknown: parsed.unknown, detail: parsed.detail } };
}
