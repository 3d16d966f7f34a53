import { z } from 'zod';
import type { UpdateClass } from '../../../contract/updates';
import { officeChannelOf } from '../../checks/parse/office-channel';
import type { InstalledUpdate, OfficeInfo, Parsed, Part, Pending, PendingUpdate, RestartReason } from '../types';

/*
 * The JSON document the Windows script prints (updates/windows-script.ts), read once here.
 * Its shape, documented for admins who paste it into `npm run probe -- parse wua-search`:
 *
 * {
 *   "schema": 1,
 *   "updates": [ { "title": "2024-04 Kumulatives Update für Windows 11 … (KB5036980)",
 *                  "kb": ["5036980"], "msrcSeverity": "Critical" | null,
 *                  "maxDownloadSize": 123456789, "isDownloaded": true,
 *                  "rebootBehavior": 0 | 1 | 2,          // never, always, can request
 *                  "categoryIds": ["0fa1201d-4330-4fa8-8ae9-b877473b6441", …] } ] | null,
 *   "searchError": "<message>" | null,                   // the offline search failed
 *   "history": [ { "title": "…", "date": "2024-04-10T08:12:00.0000000Z", "resultCode": 2 } ] | null,
 *   "historyError": "<message>" | null,                  // installations of the last 30 days
 *   "reboot": { "cbsRebootPending": bool, "wuRebootRequired": bool, "servicesPending": bool,
 *               "updateAgentRebootRequired": bool | null, "intuneRebootFlag": bool,
 *               "computerRenamePending": bool, "pendingFileRename": bool, "updateExeVolatile": bool },
 *   "office": { "version": "16.0.17531.20140", "updateChannel": "<url or GUID>" | null,
 *               "cdnBaseUrl": "<url>" | null } | null    // Microsoft 365 Click-to-Run
 * }
 */

const Update = z.object({
  title: z.string(),
  kb: z.array(z.string()).nullish(),
  msrcSeverity: z.string().nullish(),
  maxDownloadSize: z.number().nonnegative().nullish(),
  isDownloaded: z.boolean().nullish(),
  rebootBehavior: z.number().int().nullish(),
  categoryIds: z.array(z.string()).nullish(),
});
const History = z.object({ title: z.string(), date: z.string(), resultCode: z.number().int() });
const Reboot = z.object({
  cbsRebootPending: z.boolean(),
  wuRebootRequired: z.boolean(),
  servicesPending: z.boolean(),
  updateAgentRebootRequired: z.boolean().nullable(),
  intuneRebootFlag: z.boolean(),
  computerRenamePending: z.boolean(),
  pendingFileRename: z.boolean(),
  updateExeVolatile: z.boolean(),
});
// ConvertTo-Json turns a one-element array into … an array, but an empty @() can come out as null.
const list = <T extends z.ZodType>(item: T) => z.array(item).nullable();
export const WuaDocument = z.object({
  schema: z.literal(1),
  updates: list(Update),
  searchError: z.string().nullish(),
  history: list(History),
  historyError: z.string().nullish(),
  reboot: Reboot,
  office: z.object({ version: z.string().nullish(), updateChannel: z.string().nullish(), cdnBaseUrl: z.string().nullish() }).nullable(),
});

// Classification by CategoryID, never by the translated name (windows-probes.md). The first that
// matches wins, so that a security update that is also a rollup counts as security.
const CLASS_BY_CATEGORY: [UpdateClass, string[]][] = [
  ['security', ['0fa1201d-4330-4fa8-8ae9-b877473b6441']],
  ['critical', ['e6cf1350-c01b-414d-a61f-263d14d133b4']],
  ['definition', ['e0789628-ce08-4437-be74-2495b842f43b']],
  ['driver', ['ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0']],
  ['service-pack', ['68c5b0a3-d1a6-4553-ae49-01d3a7827828']],
  ['upgrade', ['3689bdc8-b205-4af4-8d4a-a63924c5e9d5', 'b54e7d24-7add-428f-8b75-90a396fa584f']], // upgrades, feature packs
  // Updates, update rollups, tools, and anything else: plain updates.
];
export function classify(categoryIds: readonly string[]): UpdateClass {
  const ids = new Set(categoryIds.map((id) => id.toLowerCase()));
  return CLASS_BY_CATEGORY.find(([, known]) => known.some((id) => ids.has(id)))?.[0] ?? 'update';
}

const REBOOT_BEHAVIOR: Record<number, PendingUpdate['reboot']> = { 0: 'never', 1: 'always', 2: 'can-request' };
const RESULT: Record<number, InstalledUpdate['result']> = { 1: 'in-progress', 2: 'succeeded', 3: 'succeeded-with-errors', 4: 'failed', 5: 'aborted' };

/** Our name for a Click-to-Run channel (checks/parse/office-channel.ts), or the raw value when it is not one we know. */
export function officeChannel(value: string): string {
  const channel = officeChannelOf(value);
  return channel === 'unknown' ? value.trim() : channel;
}

type Doc = z.infer<typeof WuaDocument>;

function restartReasons(reboot: Doc['reboot']): RestartReason[] {
  const flags: [boolean | null, RestartReason['code'], boolean][] = [
    [reboot.cbsRebootPending, 'servicing', false],
    [reboot.wuRebootRequired, 'windows-update', false],
    [reboot.servicesPending, 'update-service', false],
    [reboot.updateAgentRebootRequired, 'update-agent', false],
    [reboot.intuneRebootFlag, 'intune', false],
    [reboot.computerRenamePending, 'computer-rename', false],
    [reboot.pendingFileRename, 'file-rename', true],
    [reboot.updateExeVolatile, 'office-updater', true],
  ];
  return flags.filter(([set]) => set === true).map(([, code, soft]) => ({ code, soft }));
}

function pendingOf(doc: Doc): Part<Pending> {
  if (doc.searchError || !doc.updates) return { problem: { code: 'failed', tool: 'Windows Update Agent', detail: doc.searchError ?? 'no search result' } };
  const updates = doc.updates.map(
    (u): PendingUpdate => ({
      title: u.title,
      classification: classify(u.categoryIds ?? []),
      ...(u.kb?.length ? { kb: u.kb } : {}),
      ...(u.msrcSeverity ? { msrcSeverity: u.msrcSeverity } : {}),
      ...(u.maxDownloadSize != null ? { sizeBytes: u.maxDownloadSize } : {}),
      ...(u.isDownloaded != null ? { downloaded: u.isDownloaded } : {}),
      reboot: REBOOT_BEHAVIOR[u.rebootBehavior ?? -1] ?? 'unknown',
    }),
  );
  return { value: { updates, total: updates.length, security: updates.filter((u) => u.classification === 'security').length } };
}

function installedOf(doc: Doc): Part<InstalledUpdate[]> {
  if (doc.historyError || !doc.history) {
    // An empty history (after SoftwareDistribution was reset) is no error: null without a message.
    if (!doc.historyError) return { value: [] };
    return { problem: { code: 'failed', tool: 'Windows Update Agent', detail: doc.historyError } };
  }
  return {
    value: doc.history
      .filter((h) => !Number.isNaN(Date.parse(h.date)))
      .map((h) => {
        const kb = /\bKB(\d{6,8})\b/i.exec(h.title)?.[1];
        return { title: h.title, ...(kb ? { kb: [kb] } : {}), installedAt: new Date(h.date).toISOString(), result: RESULT[h.resultCode] ?? 'unknown' };
      }),
  };
}

function officeOf(doc: Doc): OfficeInfo | null {
  if (!doc.office?.version) return null;
  const channel = doc.office.updateChannel || doc.office.cdnBaseUrl;
  return { version: doc.office.version, channel: channel ? officeChannel(channel) : 'unknown' };
}

export interface WindowsFindings {
  pending: Part<Pending>;
  installed: Part<InstalledUpdate[]>;
  restart: RestartReason[];
  office: OfficeInfo | null;
}

/** The script's document, as text (what the probe reads) or as parsed JSON (what the host gives). */
export function parseWuaDocument(input: string | unknown): Parsed<WindowsFindings> {
  let json: unknown = input;
  if (typeof input === 'string') {
    try {
      json = JSON.parse(input.replace(/^\uFEFF/, ''));
    } catch {
      return { unreadable: 'not JSON' };
    }
  }
  const doc = WuaDocument.safeParse(json);
  if (!doc.success) {
    const issue = doc.error.issues[0];
    return { unreadable: issue ? `${issue.path.join('.') || 'document'}: ${issue.message}` : 'not the script’s document' };
  }
  return { value: { pending: pendingOf(doc.data), installed: installedOf(doc.data), restart: restartReasons(doc.data.reboot), office: officeOf(doc.data) } };
}
