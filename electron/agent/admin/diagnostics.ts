import { basename } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import type { AgentState, ExportEntry } from '../../contract';
import { policyCachePath } from '../config/policy-cache';
import { maskDeep, type Masker } from '../platform/mask';
import { CODE_MARK } from '../platform/export-mask';
import { logFiles } from './log-read';

// "Diagnose exporteren": what goes into the zip, built once per ask. The list the admin sees
// before saving (entriesOf) and the zip that is saved (zipOf) come from the same files, so the
// list cannot promise what the zip lacks. Everything is masked here, by the caller's masker (the
// user's name and home folder, then the device token's and the enrolment code's values).

export type ExportKind = ExportEntry['kind'];
export interface DiagnosticsFile {
  name: string;
  kind: ExportKind;
  text: string;
}

export interface DiagnosticsSources {
  now: number;
  state: AgentState;
  dataDir: string;
  /** The managed configuration files the agent looks at (ports.paths.configFiles), least important first. */
  configFiles: readonly string[];
  /** A file's text; '' when it does not exist; throws when it cannot be read. */
  read(file: string): Promise<string>;
  mask: Masker;
}

/** What each kind of file is, for the README (the admin view says it from the catalog: admin.export.kind.*). */
const ABOUT: Record<ExportKind, string> = {
  readme: 'this file',
  state: "the agent's state as the admin view shows it (tickets left out: see outbox.json)",
  log: "the agent's log (JSON lines), the rotated file first",
  config: 'a managed configuration file as read (enrolment code masked), or the problems found in them',
  policy: 'the policy the agent works from, the cache it came from and its source (api, cache, defaults)',
  probes: "the checks' raw probe results and the updates' last check",
  outbox: "the tickets' outbox: ids, states, attempts, times and error codes only",
  history: 'the health history of the last 24 hours',
};

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';

/** The files of the zip, README.txt first. A source that cannot be read is left out and named in the README. */
export async function collectDiagnostics(src: DiagnosticsSources): Promise<DiagnosticsFile[]> {
  const { state, mask } = src;
  const files: DiagnosticsFile[] = [];
  const missing: string[] = [];
  const masked = <T>(value: T): T => maskDeep(value, mask);

  const { tickets, ...rest } = state;
  files.push({ name: 'state.json', kind: 'state', text: json(masked({ ...rest, health: { ...rest.health, history: `see health-history.json` } })) });
  files.push({ name: 'health-history.json', kind: 'history', text: json(state.health.history) });
  files.push({
    name: 'probes.json',
    kind: 'probes',
    text: json(
      masked({
        checks: { lastCheckedAt: state.checks.lastCheckedAt, probes: state.checks.probes },
        updates: {
          lastCheckedAt: state.updates.lastCheckedAt,
          pending: state.updates.pending,
          pendingProblem: state.updates.pendingProblem,
          installed: state.updates.installed,
          restartReasons: state.updates.restart.reasons,
        },
      }),
    ),
  });
  files.push({ name: 'outbox.json', kind: 'outbox', text: json(outboxMetadata(tickets)) });

  for (const [i, file] of src.configFiles.entries()) {
    const name = `config/${i + 1}-${mask(basename(file)).replace(/[^A-Za-z0-9._<>-]/g, '_')}`;
    try {
      const text = await src.read(file);
      if (text !== '') files.push({ name, kind: 'config', text: mask(withoutCode(text)) });
    } catch (error) {
      missing.push(`${name} (${mask(file)}): ${reason(error)}`);
    }
  }
  files.push({ name: 'config/problems.json', kind: 'config', text: json(masked({ files: state.config.files, problems: state.config.problems })) });

  const policyFile = policyCachePath(src.dataDir);
  let cache: unknown = null;
  try {
    const text = await src.read(policyFile);
    cache = text === '' ? null : (JSON.parse(text) as unknown);
  } catch (error) {
    missing.push(`policy.json's cache (${mask(policyFile)}): ${reason(error)}`);
  }
  files.push({ name: 'policy.json', kind: 'policy', text: json(masked({ source: state.config.policySource, etag: state.config.policyEtag, cache })) });

  for (const file of logFiles(src.dataDir)) {
    const name = `logs/${basename(file)}`;
    try {
      const text = await src.read(file);
      if (text !== '') files.push({ name, kind: 'log', text: mask(text) });
    } catch (error) {
      missing.push(`${name}: ${reason(error)}`);
    }
  }

  return [{ name: 'README.txt', kind: 'readme', text: readme(src, files, missing) }, ...files];
}

/** The tickets' outbox as a technician needs it: never the description, the contact or the pictures. */
function outboxMetadata(tickets: AgentState['tickets']) {
  return {
    entries: tickets.outbox.map((e) => ({
      id: e.id,
      status: e.status,
      attempts: e.attempts,
      createdAt: e.createdAt,
      nextAttemptAt: e.nextAttemptAt,
      error: e.lastError?.code ?? null,
      number: e.number,
    })),
    // Replies waiting in the outbox, counted per ticket (the state keeps no more of them outside their thread).
    replies: tickets.list.filter((t) => t.pendingReplies > 0).map((t) => ({ ticketId: t.ticketId, number: t.number, waiting: t.pendingReplies })),
    damaged: tickets.damaged.map((d) => ({ file: basename(d.file), at: d.at })),
  };
}

/** The enrolment code by its key, whatever its value (even one the agent refused as invalid). */
function withoutCode(text: string): string {
  try {
    const value = JSON.parse(text) as unknown;
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && 'enrollmentCode' in value) {
      return json({ ...value, enrollmentCode: CODE_MARK });
    }
  } catch {
    // Not JSON (the agent said so in its problems), so the agent never learnt the code it holds:
    // masked by its key's pattern here, since the pass by value cannot know it.
  }
  return text.replace(/("enrollmentCode"\s*:\s*)("(?:[^"\\\n]|\\.)*"?|[^,}\n]*)/g, `$1"${CODE_MARK}"`);
}

const reason = (error: unknown) => (error as NodeJS.ErrnoException).code ?? String(error);

function readme(src: DiagnosticsSources, files: DiagnosticsFile[], missing: string[]): string {
  const { state } = src;
  const lines = [
    'hallo, agent: diagnostics',
    '',
    `Made:      ${new Date(src.now).toISOString()}`,
    `Agent:     ${state.app.version} (${state.app.platform})`,
    `Device:    ${state.device?.hostname ?? 'unknown'}, id ${state.connection.deviceId ?? 'not enrolled'}${state.connection.tenantName ? `, ${state.connection.tenantName}` : ''}`,
    `API:       ${state.connection.apiUrl ?? 'none'} (${state.connection.status})`,
    '',
    'The device token, the enrolment code, the user name and the home folder are masked',
    "(<device-token>, <enrolment-code>, <user>). Ticket descriptions, contacts and pictures are not included.",
    '',
    'Files:',
    ...files.map((f) => `  ${f.name.padEnd(28)} ${ABOUT[f.kind]}`),
  ];
  if (missing.length > 0) lines.push('', 'Could not be read, left out:', ...missing.map((m) => `  ${m}`));
  return src.mask(lines.join('\n') + '\n');
}

/** The list shown before saving: each file's size as it will be in the zip (uncompressed). */
export function entriesOf(files: readonly DiagnosticsFile[]): ExportEntry[] {
  return files.map((f) => ({ name: f.name, kind: f.kind, bytes: strToU8(f.text).byteLength }));
}

export function zipOf(files: readonly DiagnosticsFile[], now: number): Uint8Array {
  const mtime = new Date(now);
  return zipSync(Object.fromEntries(files.map((f) => [f.name, [strToU8(f.text), { mtime }]])), { level: 6 });
}
