import type { AgentState, DraftProblem, OutboxEntry, SupportState, TicketDraft } from '../../electron/contract';
import { FALLBACK_CATEGORY } from '../../electron/contract/ticket-defaults';
import { codePointLength } from '../../electron/contract/text';

// The report form's bookkeeping. The agent validates and decides; this only keeps the draft,
// reads the agent's problems onto the form's fields, and says which result an entry means.

/** The fields the form can point at; anything else lands in the summary only. */
export const FORM_FIELDS = ['description', 'categoryId', 'impact', 'contact.name', 'contact.phone', 'contact.email', 'screenshot'] as const;
export type FormField = (typeof FORM_FIELDS)[number];

export function newDraft(state: AgentState): TicketDraft {
  const report = state.tickets.report;
  return {
    description: '',
    // What goes out without a choice, shown as chosen (a policy without it leaves none chosen).
    categoryId: state.tickets.categories.some((c) => c.id === FALLBACK_CATEGORY) ? FALLBACK_CATEGORY : null,
    impact: 'can-work',
    contact: { ...state.tickets.contact },
    relatedItemId: report?.relatedItemId ?? null,
    includeScreenshot: report?.screenshot != null,
    includeProcesses: true,
  };
}

/** Characters as the API counts them (code points: an emoji is one, not two). */
export const charCount = codePointLength;

/**
 * The agent's field names (`contact.email`) and the API's pointers (`/contact/email`,
 * `/category`, `/attachments/0/dataBase64`) as one of the form's fields, or null.
 */
export function formField(field: string): FormField | null {
  const path = field.replace(/^\//, '').replace(/\//g, '.');
  if (path === 'category') return 'categoryId';
  if (path === 'subject') return 'description';
  if (path.startsWith('attachments')) return 'screenshot';
  if (path === 'contact') return 'contact.name';
  return (FORM_FIELDS as readonly string[]).includes(path) ? (path as FormField) : null;
}

// `invalid` says little; on these fields the catalog can say what a good value looks like.
const INVALID_SAYS: Partial<Record<FormField, string>> = {
  'contact.phone': 'invalid-phone',
  'contact.email': 'invalid-email',
  categoryId: 'unknown-category',
};

/** The catalog code (`draft.problem.<code>`) that explains a problem best. */
export function problemCode(problem: DraftProblem): string {
  const field = formField(problem.field);
  return (problem.code === 'invalid' && field && INVALID_SAYS[field]) || problem.code;
}

/** The problems the form shows, first by the order of the fields on screen. */
export function sortProblems(problems: DraftProblem[]): DraftProblem[] {
  const rank = (p: DraftProblem) => {
    const field = formField(p.field);
    return field ? FORM_FIELDS.indexOf(field) : FORM_FIELDS.length;
  };
  return [...problems].sort((a, b) => rank(a) - rank(b));
}

/**
 * A description over the policy's limit is refused here, before it travels: a 1 MB paste would
 * otherwise fail the door's schema as a whole instead of at its field.
 */
export function tooLongLocally(draft: TicketDraft, max: number): DraftProblem | null {
  return charCount(draft.description) > max ? { field: 'description', code: 'too-long', params: { max } } : null;
}

/**
 * Whom to call when it cannot wait, by the servicedesk's hours and SLA tier: the emergency line
 * (several colleagues cannot work, and the policy has one), else the servicedesk while it is open,
 * else nobody: then the form says so instead of advising a call nobody answers.
 */
export type UrgentCall = { kind: 'emergency'; phone: string } | { kind: 'desk'; phone: string } | { kind: 'none' };
export function urgentCall(support: SupportState, severalCannotWork: boolean): UrgentCall {
  if (severalCannotWork && support.emergencyPhone) return { kind: 'emergency', phone: support.emergencyPhone };
  const open = support.openNow || support.slaTier === '24x7';
  return open && support.phone ? { kind: 'desk', phone: support.phone } : { kind: 'none' };
}

/**
 * A paste that would take the description over its limit: only what still fits goes in, and the
 * form says at once how much did not (it is still on the clipboard). A 1 MB paste in a textarea
 * makes every later keystroke crawl; a paste that fits is left to the browser (null).
 */
export function fitPaste(value: string, start: number, end: number, pasted: string, max: number): { value: string; caret: number; pasted: number; kept: number } | null {
  const before = value.slice(0, start);
  const after = value.slice(end);
  const pastedChars = charCount(pasted);
  const room = Math.max(0, max - charCount(before) - charCount(after));
  if (pastedChars <= room) return null;
  const kept = [...pasted].slice(0, room).join('');
  return { value: before + kept + after, caret: before.length + kept.length, pasted: pastedChars, kept: room };
}

export type ResultKind = 'sending' | 'queued' | 'sent' | 'rejected';

/** What the employee is told about an entry. A fresh entry is about to go: not "queued" yet. */
export function resultKind(entry: OutboxEntry): ResultKind {
  if (entry.status === 'queued' && entry.attempts === 0 && entry.lastError === null) return 'sending';
  return entry.status;
}

// Long enough that a short hiccup does not worry anyone; then the reason is shown.
const LONG_WAIT_MS = 10 * 60_000;
const MANY_ATTEMPTS = 3;

export function waitedLong(entry: OutboxEntry, now: Date): boolean {
  const created = Date.parse(entry.createdAt);
  return entry.attempts >= MANY_ATTEMPTS || (Number.isFinite(created) && now.getTime() - created >= LONG_WAIT_MS);
}

/** Entries the main view keeps showing until they are sent. */
export function pendingEntries(outbox: OutboxEntry[]): OutboxEntry[] {
  return outbox.filter((entry) => entry.status !== 'sent');
}

/**
 * Sent after waiting (its first attempt failed): stays in "Meldingen onderweg" with its number
 * until the employee closes it, instead of vanishing without a word. The agent's notification
 * (tickets/delivered.ts) picks the same tickets.
 */
export function deliveredLater(outbox: OutboxEntry[]): OutboxEntry[] {
  return outbox.filter((entry) => entry.status === 'sent' && entry.attempts > 1 && entry.number !== null);
}

/** Bytes in the catalog's size words. */
export function sizeWords(bytes: number): { key: 'size.bytes' | 'size.kb' | 'size.mb'; value: number; digits: number } {
  if (bytes < 1000) return { key: 'size.bytes', value: bytes, digits: 0 };
  if (bytes < 1_000_000) return { key: 'size.kb', value: bytes / 1000, digits: 0 };
  return { key: 'size.mb', value: bytes / 1_000_000, digits: 1 };
}
