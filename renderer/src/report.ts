import type { AgentState, DraftField, DraftProblem, OutboxItem, TicketDraft } from '../../electron/contract';
import { DRAFT_FIELDS } from '../../electron/contract/fields';
import { FALLBACK_CATEGORY } from '../../electron/contract/ticket-defaults';
import { codePointLength } from '../../electron/contract/text';

// The report form's bookkeeping. The agent validates and decides (fields, codes, each entry's
// phase); this only keeps the draft and orders the agent's problems as the form shows its fields.

/** The fields the form shows, in its order: where focus goes first and how problems are listed. */
export const FORM_FIELDS: readonly DraftField[] = DRAFT_FIELDS;
export type FormField = DraftField;

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

/** The problems the form shows, first by the order of the fields on screen. */
export function sortProblems(problems: DraftProblem[]): DraftProblem[] {
  return [...problems].sort((a, b) => FORM_FIELDS.indexOf(a.field) - FORM_FIELDS.indexOf(b.field));
}

/**
 * A description over the policy's limit is refused here, before it travels: a 1 MB paste would
 * otherwise fail the door's schema as a whole instead of at its field.
 */
export function tooLongLocally(draft: TicketDraft, max: number): DraftProblem | null {
  return charCount(draft.description) > max ? { field: 'description', ...tooLong(max) } : null;
}

/** The agent's own words for a text over its limit (a reply's `text` is checked here the same way). */
export function tooLong(max: number) {
  return { code: 'too-long', params: { max } } as const;
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

/** Entries the main view keeps showing until they are sent. */
export function pendingEntries(outbox: OutboxItem[]): OutboxItem[] {
  return outbox.filter((entry) => entry.status !== 'sent');
}

/** Bytes in the catalog's size words. */
export function sizeWords(bytes: number): { key: 'size.bytes' | 'size.kb' | 'size.mb'; value: number; digits: number } {
  if (bytes < 1000) return { key: 'size.bytes', value: bytes, digits: 0 };
  if (bytes < 1_000_000) return { key: 'size.kb', value: bytes / 1000, digits: 0 };
  return { key: 'size.mb', value: bytes / 1_000_000, digits: 1 };
}
