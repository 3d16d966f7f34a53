import type { ProbeName, ProbeRun, UnknownReason } from '../../contract';

// What the protection probes found, the same on every OS: the parsers (checks/parse/) turn a
// tool's output into one of these, the sources (checks/sources/) run the tools of this machine, and
// the rules (checks/rules.ts) judge them by the policy into status items. Nothing here is a sentence.

/** A parser's answer: what it read, or why it could not (one line for admins, never a stack trace). */
export type Parsed<T> = { value: T } | { unknown: UnknownReason; detail: string };

/** One finding as the checks see it: read, or unknown with its reason (`detail` for admins). */
export type Finding<T> = { value: T } | { unknown: UnknownReason; detail: string };

export type AntivirusState = 'on' | 'off' | 'snoozed' | 'expired';

/** One antivirus product, as Security Center (decoded productState), Defender or the OS tells it. */
export interface AntivirusProduct {
  /** The product's own name (`displayName`, "Microsoft Defender Antivirus", "XProtect", "ClamAV"). */
  name: string;
  state: AntivirusState;
  /** Security Center's "signatures up to date" bit, or the product's own word; null: not said. */
  signaturesUpToDate: boolean | null;
  /** How old the signatures are (whole days, rounded down), where the product says; else null. */
  signatureAgeDays: number | null;
  /** The last scan (RFC 3339) and its kind, where the product says; else null. */
  lastScan: { at: string; kind: 'quick' | 'full' } | null;
  /** Where it came from: 'securitycenter' | 'defender' | 'xprotect' | 'clamav'. */
  source: 'securitycenter' | 'defender' | 'xprotect' | 'clamav';
}

export interface AntivirusFinding {
  /** False where no antivirus is expected (macOS without a third-party product is fine: XProtect; Linux). */
  expected: boolean;
  products: AntivirusProduct[];
}

export type FirewallProfileName = 'domain' | 'private' | 'public';

export interface FirewallFinding {
  /** The tool the answer came from: 'windows' | 'socketfilterfw' | 'ufw' | 'firewalld' | 'nftables', or null: none found (Linux). */
  tool: 'windows' | 'socketfilterfw' | 'ufw' | 'firewalld' | 'nftables' | null;
  /** Windows: each profile in effect (the active store: Group Policy included). Elsewhere: empty. */
  profiles: { name: FirewallProfileName; enabled: boolean }[];
  /** macOS and Linux: whether it filters; Windows: every profile on. */
  enabled: boolean;
}

export type EncryptionState = 'on' | 'off' | 'suspended' | 'encrypting' | 'decrypting';

export interface EncryptionFinding {
  /** The system volume: `C:`, `/`, or the LUKS device behind `/`. */
  volume: string;
  state: EncryptionState;
  /** Percent encrypted while it converts; else null. */
  percent: number | null;
  /** 'bitlocker' | 'filevault' | 'luks'. */
  method: 'bitlocker' | 'filevault' | 'luks';
}

export interface TimeFinding {
  /** The OS says the clock is synchronised with a source (not the local CMOS clock). */
  synchronised: boolean;
  /** The source as the OS names it (an NTP server, `time.windows.com`, the domain controller); null: none. */
  source: string | null;
  /** The last successful sync (RFC 3339), where the OS says; else null. */
  lastSyncAt: string | null;
  /** The measured offset in seconds (positive: this clock is ahead), where it can be measured; else null. */
  offsetSeconds: number | null;
}

/** Microsoft 365 Apps (Click-to-Run); null in OfficeFinding when it is not installed. */
export interface OfficeInstall {
  version: string;
  /** Our id for the channel, from CDNBaseUrl's GUID (UpdateChannel wins when set); 'unknown' when neither names a known one. */
  channel: OfficeChannel;
}
export const OFFICE_CHANNELS = ['current', 'current-preview', 'monthly-enterprise', 'semi-annual', 'semi-annual-preview', 'beta', 'unknown'] as const;
export type OfficeChannel = (typeof OFFICE_CHANNELS)[number];

export interface TempFinding {
  /** The user's own temp folder(s): the part the employee can clean. */
  userBytes: number;
  /** The OS's temp folder (Windows' C:\Windows\Temp, /var/tmp), where it can be read; else null. */
  systemBytes: number | null;
}

/** Everything one check round found. A check that is off in the policy, or has no probe on this OS, is absent. */
export interface Findings {
  antivirus?: Finding<AntivirusFinding>;
  firewall?: Finding<FirewallFinding>;
  encryption?: Finding<EncryptionFinding>;
  time?: Finding<TimeFinding>;
  /** null value: Microsoft 365 is not installed (no line in the checklist). */
  office?: Finding<OfficeInstall | null>;
  tempFiles?: Finding<TempFinding>;
}

export type CheckName = keyof Findings;

/** What one round of this machine's probes gives: the findings, and each probe's run for admins. */
export interface ChecksReading {
  findings: Findings;
  probes: ProbeRun[];
}

/** This machine's probes (Windows: one PowerShell script; macOS, Linux: their tools). Never rejects. */
export interface ChecksSource {
  /** Which checks to read (the policy's `enabled`); the others are not run at all. */
  read(which: ReadonlySet<CheckName>): Promise<ChecksReading>;
}

export type { ProbeName };
