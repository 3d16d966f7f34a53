import type { ProbeName, ProbeRun, UnknownReason } from '../../../contract';
import type { UpdatesProblemCode } from '../../../contract/updates';
import { failed, runTool, type ProviderIo } from '../../updates/tool';
import type { Finding, Parsed } from '../types';

// How the macOS and Linux sources run one probe: each tool bounded (updates/tool.ts runTool: no
// shell, absolute path, English, capped output), tried at each of its usual paths, its output read
// by a pure parser, and one ProbeRun for admins per probe, whatever it took to get there.

/** What admins see of a probe's output; the rest is cut (the user's name is masked by the capability). */
export const RAW_LIMIT = 4000;
// A status tool answers in well under a second; ten covers a busy machine, a hung D-Bus does not.
export const PROBE_TIMEOUT_MS = 10_000;

const REASON_OF: Record<UpdatesProblemCode, UnknownReason> = { missing: 'blocked', failed: 'error', timeout: 'timeout', unreadable: 'unreadable', unsupported: 'unsupported' };
const DENIED = /permission denied|operation not permitted|must be root|need to be root|not authori[sz]ed/i;

export interface ToolSpec {
  tool: string;
  /** The tool's usual absolute paths, tried in order while it is not there. */
  files: readonly string[];
  args: readonly string[];
  timeoutMs?: number;
}

/** One tool's answer read by `parse`, and the text it printed (for ProbeRun.raw). */
export interface ToolAnswer<T> {
  finding: Finding<T>;
  raw: string;
}

/**
 * Runs the tool and reads what it printed (stdout, or stderr when stdout is empty: many of these
 * say "not running" or "not root" there). A parser's value wins over the exit code (firewall-cmd
 * says "not running" with exit 252); an exit code with nothing readable is `denied` when the tool
 * says so, else `error`. A missing tool is `blocked`.
 */
export async function askTool<T>(io: ProviderIo, spec: ToolSpec, parse: (text: string) => Parsed<T>): Promise<ToolAnswer<T>> {
  let out = await runTool(io, spec.tool, spec.files[0]!, spec.args, spec.timeoutMs ?? PROBE_TIMEOUT_MS);
  for (const file of spec.files.slice(1)) {
    if (!('problem' in out) || out.problem.code !== 'missing') break;
    out = await runTool(io, spec.tool, file, spec.args, spec.timeoutMs ?? PROBE_TIMEOUT_MS);
  }
  if ('problem' in out) {
    const detail = out.problem.code === 'missing' ? `${spec.tool} is not installed` : out.problem.detail;
    return { finding: { unknown: REASON_OF[out.problem.code], detail }, raw: '' };
  }
  const raw = [out.stdout, out.stderr].filter((text) => text.trim() !== '').join('\n');
  const parsed = parse(out.stdout.trim() !== '' ? out.stdout : out.stderr);
  if ('value' in parsed || out.code === 0 || parsed.unknown !== 'unreadable') return { finding: parsed, raw };
  const said = failed(spec.tool, out).problem.detail;
  return { finding: { unknown: DENIED.test(raw) ? 'denied' : 'error', detail: said }, raw };
}

/** The ProbeRun of one probe: when it started, how long it took, and how its finding came out. */
export function probeRun(probe: ProbeName, startedAt: number, endedAt: number, finding: Finding<unknown>, raw: string): ProbeRun {
  return {
    probe,
    ranAt: new Date(startedAt).toISOString(),
    durationMs: Math.max(0, endedAt - startedAt),
    read: 'value' in finding,
    reason: 'unknown' in finding ? finding.unknown : null,
    detail: 'unknown' in finding ? finding.detail : null,
    raw: raw.length > RAW_LIMIT ? `${raw.slice(0, RAW_LIMIT - 1)}…` : raw,
  };
}

/** Runs `work` as one probe: its finding, and its ProbeRun timed on `now`. */
export async function probe<T>(probe: ProbeName, now: () => number, work: () => Promise<ToolAnswer<T>>): Promise<{ finding: Finding<T>; run: ProbeRun }> {
  const startedAt = now();
  const answer = await work();
  return { finding: answer.finding, run: probeRun(probe, startedAt, now(), answer.finding, answer.raw) };
}
