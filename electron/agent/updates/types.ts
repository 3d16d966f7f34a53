import type { RestartReasonCode, UpdateClass, UpdatesProblemCode } from '../../contract/updates';

/** What a provider found about one update that is not installed yet. */
export interface PendingUpdate {
  title: string;
  classification: UpdateClass;
  /** The package (apt, dnf) or the softwareupdate label; absent on Windows. */
  package?: string;
  version?: string;
  /** Knowledge Base numbers without "KB" (Windows). */
  kb?: string[];
  /** MSRC severity as Windows gives it (Critical, Important, Moderate, Low). */
  msrcSeverity?: string;
  sizeBytes?: number;
  downloaded?: boolean;
  /** Whether installing it will ask for a restart: a prediction, not a pending restart. */
  reboot: 'never' | 'always' | 'can-request' | 'unknown';
}

/** A pending list: the updates one by one where the tool names them, and the counts. */
export interface Pending {
  updates: PendingUpdate[];
  total: number;
  /** Security updates among them; null where the tool cannot tell (dnf check-update). */
  security: number | null;
}

export interface InstalledUpdate {
  title: string;
  kb?: string[];
  installedAt: string; // ISO 8601
  result: 'succeeded' | 'succeeded-with-errors' | 'failed' | 'aborted' | 'in-progress' | 'unknown';
}

export interface RestartReason {
  code: RestartReasonCode;
  /** Often stale (antivirus, installers): reported, but never alone a reason to prompt. */
  soft: boolean;
  /** The packages that asked for it, where the tool names them. */
  packages?: string[];
}

export interface OfficeInfo {
  version: string;
  /** Our name for the Click-to-Run channel, or the raw value when it is not one we know. */
  channel: string;
}

export interface UpdatesProblem {
  code: UpdatesProblemCode;
  /** The tool, by name, for the admin's sentence (`updates.problem.<code>`). */
  tool: string;
  /** One line for admins: an exit code, the first words of what it printed. */
  detail: string;
}

/**
 * One part of a check: its value, or why there is none. After a failure the checker keeps the
 * last good value beside the problem (`kept`), so that a provider that breaks loses nothing.
 */
export type Part<T> = { value: T } | { problem: UpdatesProblem; kept?: { value: T; checkedAt: string } };

/** A parser's answer for one recorded output. */
export type Parsed<T> = { value: T } | { unreadable: string };

export type ProviderId = 'windows' | 'apt' | 'dnf' | 'macos' | 'none';

/** What one check found. Parts fail on their own: a failing history never hides the pending list. */
export interface UpdatesCheck {
  provider: ProviderId;
  checkedAt: string; // ISO 8601
  pending: Part<Pending>;
  /** Pending restart now, with every reason (hard and soft). */
  restart: Part<RestartReason[]>;
  /** Installed in the last 30 days, where the OS keeps a history (Windows). */
  installed?: Part<InstalledUpdate[]>;
  /** Microsoft 365 Click-to-Run (Windows); null when it is not installed. */
  office?: Part<OfficeInfo | null>;
}

/** One provider per OS, each behind this: a check never throws, it reports each part's problem. */
export interface UpdatesProvider {
  readonly id: ProviderId;
  check(): Promise<UpdatesCheck>;
}

export const hardReasons = (reasons: readonly RestartReason[]): RestartReason[] => reasons.filter((r) => !r.soft);
