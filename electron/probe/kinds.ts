import { parseAptOutput } from '../agent/updates/parse/apt';
import { parseDnfCheckUpdate } from '../agent/updates/parse/dnf';
import { parseNeedsRestarting } from '../agent/updates/parse/needs-restarting';
import { parseRebootRequired } from '../agent/updates/parse/reboot-required';
import { parseSoftwareUpdateList } from '../agent/updates/parse/softwareupdate';
import { parseWuaDocument } from '../agent/updates/parse/wua';
import { parsePmsetAssertions } from '../agent/updates/busy/pmset-assertions';
import type { BusyReading } from '../agent/updates/busy/reading';
import { parseWindowsBusy } from '../agent/updates/busy/windows-busy';
import { pendingItem, restartItem } from '../agent/updates/status';
import type { Parsed, Part, Pending, PendingUpdate, RestartReason, UpdatesProblem } from '../agent/updates/types';
import { problemWithWords, withWords, type ReportedItem } from './report';

/** What `probe parse` prints: the agent's status items for one output, and what it found in it. */
export interface ParseReport {
  kind: ParseKind;
  /** False when the output could not be read: then the items say `unknown`. */
  readable: boolean;
  items: ReportedItem[];
  found: Record<string, unknown>;
}

export const PARSE_KINDS = ['wua-search', 'apt-simulate', 'reboot-required', 'dnf-check-update', 'needs-restarting', 'softwareupdate-list', 'pmset-assertions', 'windows-busy'] as const;
export type ParseKind = (typeof PARSE_KINDS)[number];
export const isParseKind = (kind: string): kind is ParseKind => (PARSE_KINDS as readonly string[]).includes(kind);

/** The tool each kind's output comes from, for the admin's problem line. */
const TOOL: Record<ParseKind, string> = {
  'wua-search': 'Windows Update Agent',
  'apt-simulate': 'apt',
  'reboot-required': '/var/run/reboot-required',
  'dnf-check-update': 'dnf',
  'needs-restarting': 'needs-restarting',
  'softwareupdate-list': 'softwareupdate',
  'pmset-assertions': 'pmset',
  'windows-busy': 'the busy script',
};

const asPart = <T>(kind: ParseKind, parsed: Parsed<T>): Part<T> =>
  'value' in parsed ? parsed : { problem: { code: 'unreadable', tool: TOOL[kind], detail: parsed.unreadable } };

const problemOf = (part: Part<unknown>): UpdatesProblem | undefined => ('problem' in part ? part.problem : undefined);

function pendingFound(part: Part<Pending>): Record<string, unknown> {
  if ('problem' in part) return { problem: problemWithWords(part.problem) };
  const { updates, total, security } = part.value;
  const kbs = updates.flatMap((u) => u.kb ?? []);
  return {
    total,
    security,
    ...(updates.some((u) => u.package) ? { packages: updates.flatMap((u) => (u.package ? [u.package] : [])) } : {}),
    ...(kbs.length ? { kb: kbs.map((kb) => `KB${kb}`) } : {}),
    updates: updates.map((u: PendingUpdate) => u),
  };
}

const restartFound = (part: Part<RestartReason[]>): Record<string, unknown> =>
  'problem' in part ? { problem: problemWithWords(part.problem) } : { restartRequired: part.value.some((r) => !r.soft), reasons: part.value };

/** What the agent makes of one recorded output of `kind`. Pure: the CLI reads the file. */
export function parseRecorded(kind: ParseKind, text: string): ParseReport {
  const pendingReport = (parsed: Parsed<Pending>): ParseReport => {
    const part = asPart(kind, parsed);
    return { kind, readable: !problemOf(part), items: withWords([pendingItem(part)]), found: pendingFound(part) };
  };
  const restartReport = (parsed: Parsed<RestartReason[]>): ParseReport => {
    const part = asPart(kind, parsed);
    return { kind, readable: !problemOf(part), items: withWords([restartItem(part)]), found: restartFound(part) };
  };
  // Whether the restart prompt would wait: no status item of its own, only what the planner hears.
  const busyReport = (parsed: Parsed<BusyReading>): ParseReport => {
    const part = asPart(kind, parsed);
    return { kind, readable: !problemOf(part), items: [], found: 'problem' in part ? { problem: problemWithWords(part.problem) } : { ...part.value } };
  };
  switch (kind) {
    case 'pmset-assertions':
      return busyReport(parsePmsetAssertions(text));
    case 'windows-busy':
      return busyReport(parseWindowsBusy(text));
    case 'apt-simulate':
      return pendingReport(parseAptOutput(text));
    case 'dnf-check-update':
      return pendingReport(parseDnfCheckUpdate(text));
    case 'softwareupdate-list':
      return pendingReport(parseSoftwareUpdateList(text));
    case 'reboot-required':
      return restartReport(parseRebootRequired(text));
    case 'needs-restarting':
      return restartReport(parseNeedsRestarting(text));
    case 'wua-search': {
      const parsed = parseWuaDocument(text);
      if ('unreadable' in parsed) {
        const problem = { problem: { code: 'unreadable' as const, tool: TOOL[kind], detail: parsed.unreadable } };
        return { kind, readable: false, items: withWords([pendingItem(problem), restartItem(problem)]), found: { problem: problemWithWords(problem.problem) } };
      }
      const { pending, installed, restart, office } = parsed.value;
      return {
        kind,
        readable: true,
        items: withWords([pendingItem(pending), restartItem({ value: restart })]),
        found: { ...pendingFound(pending), ...restartFound({ value: restart }), installed: 'value' in installed ? installed.value : installed, office },
      };
    }
  }
}
