import { z } from 'zod';
import { DRAFT_FIELDS } from './fields';
import { ErrorInfoSchema } from './error-info';
import { FIELD_LIMITS as MAX } from './limits';

// "Report a problem": what the employee fills in, what the agent keeps in its outbox, and this
// PC's tickets as the servicedesk sees them. Codes and values only; the words are in the catalog.

/** How bad it is, in the employee's words; the agent maps it to the API's urgency. */
export const Impact = z.enum(['can-work', 'cannot-work', 'several-cannot-work']);
export type Impact = z.infer<typeof Impact>;

/**
 * What to tell someone who cannot wait: call the emergency line (`emergency`), call the open
 * servicedesk (`call`), or that it is closed and the ticket is read first when it opens (`closed`).
 */
export const UrgentAdvice = z.enum(['emergency', 'call', 'closed']).nullable();
export type UrgentAdvice = z.infer<typeof UrgentAdvice>;

export const ContactDetails = z.object({
  name: z.string().max(MAX['contact.name']),
  phone: z.string().max(MAX['contact.phone']),
  email: z.string().max(MAX['contact.email']),
});
export type ContactDetails = z.infer<typeof ContactDetails>;

export const TicketDraft = z.object({
  description: z.string().max(MAX.description),
  categoryId: z.string().max(MAX.categoryId).nullable(),
  impact: Impact,
  contact: ContactDetails,
  /** The status item the employee reported with "Meld dit", if any. */
  relatedItemId: z.string().max(MAX.relatedItemId).nullable(),
  includeScreenshot: z.boolean(),
  includeProcesses: z.boolean(),
});
export type TicketDraft = z.infer<typeof TicketDraft>;

export const DraftField = z.enum(DRAFT_FIELDS);
export type DraftField = z.infer<typeof DraftField>;

/** Why a field was refused (`draft.problem.<code>`), as precisely as the agent can say it. */
export const DraftProblemCode = z.enum(['required', 'too-long', 'invalid', 'too-large', 'invalid-phone', 'invalid-email', 'unknown-category']);
export type DraftProblemCode = z.infer<typeof DraftProblemCode>;

/** A field the employee must fix, and why. Fields and codes are mapped by the agent, once. */
export const DraftProblem = z.object({ field: DraftField, code: DraftProblemCode, params: z.record(z.string(), z.union([z.string(), z.number()])).optional() });
export type DraftProblem = z.infer<typeof DraftProblem>;

/**
 * A ticket on its way. `queued`: saved on disk, waiting to be sent (offline, API failing);
 * `sending`: a request is out; `sent`: the API acknowledged it with a number;
 * `rejected`: the API refused it (413/422): the draft comes back with the problems to fix.
 */
export const OutboxEntry = z.object({
  id: z.string(), // ULID, also the Idempotency-Key
  createdAt: z.string(),
  subject: z.string(),
  status: z.enum(['queued', 'sending', 'sent', 'rejected']),
  attempts: z.number(),
  nextAttemptAt: z.string().nullable(),
  // Why sending has not worked yet: one of OUTBOX_ERROR_CODES. A string on disk, so that an outbox
  // file from another version is still read.
  lastError: ErrorInfoSchema.nullable(),
  number: z.number().nullable(),
  problems: z.array(DraftProblem),
  draft: TicketDraft.nullable(), // only for `rejected`: to bring the form back
  /** As sent; `critical` (several colleagues cannot work) makes a waiting ticket show the emergency number. */
  urgency: z.enum(['low', 'normal', 'high', 'critical']).optional(),
});
export type OutboxEntry = z.infer<typeof OutboxEntry>;

/** An outbox entry as the employee is told about it; the agent decides both words. */
export const OutboxItem = OutboxEntry.extend({
  /** `sending` for a fresh entry about to go (not "queued" until a first try failed), else the status. */
  phase: z.enum(['sending', 'queued', 'sent', 'rejected']),
  /** Whether the reason it waits is worth saying: it has waited long, or was tried several times. */
  showReason: z.boolean(),
  /** While it waits: whom to call meanwhile, if anyone (support/advice.ts). */
  advice: UrgentAdvice,
  /** Sent after waiting (a first attempt failed): it stays in sight with its number until closed. */
  deliveredLater: z.boolean(),
});
export type OutboxItem = z.infer<typeof OutboxItem>;

export const TicketStatus = z.enum(['new', 'open', 'waiting', 'resolved', 'closed']);
export type TicketStatus = z.infer<typeof TicketStatus>;

export const MyTicket = z.object({
  ticketId: z.string(),
  number: z.number(),
  subject: z.string(),
  status: TicketStatus,
  createdAt: z.string(),
  updatedAt: z.string(),
  lastReply: z.object({ from: z.string(), at: z.string(), text: z.string() }).nullable(),
  /** Messages from the servicedesk this PC has not shown yet (opening the thread reads them). */
  unread: z.number(),
  /** This PC's replies to it still in the outbox. */
  pendingReplies: z.number(),
});
export type MyTicket = z.infer<typeof MyTicket>;

export const ScreenshotInfo = z.object({
  thumbnail: z.string(), // data:image/png;base64,… small enough to show in the form
  width: z.number(),
  height: z.number(),
  bytes: z.number(), // what will be sent, after scaling or compressing to the policy's limit
});

/**
 * Why the form has no screenshot: `taking` (being fitted to the policy's limit), `removed` by the
 * employee, `capture-failed`, `too-large` (not even a small version fits), `unreadable`.
 */
export const ScreenshotNote = z.enum(['taking', 'removed', 'capture-failed', 'too-large', 'unreadable']);
export type ScreenshotNote = z.infer<typeof ScreenshotNote>;

/** The report being written. `draft`/`problems` are set when a refused ticket comes back to be fixed. */
export const OpenReport = z.object({
  relatedItemId: z.string().nullable(),
  screenshot: ScreenshotInfo.nullable(),
  screenshotNote: ScreenshotNote.nullable(),
  draft: TicketDraft.nullable(),
  problems: z.array(DraftProblem),
  /** The refused ticket this report fixes: it leaves the outbox only when the new one is saved. */
  replaces: z.string().nullable(),
});
export type OpenReport = z.infer<typeof OpenReport>;

/** A report with nothing filled in but what is given. */
export const openReport = (value: Partial<OpenReport> = {}): OpenReport => ({
  relatedItemId: null,
  screenshot: null,
  screenshotNote: null,
  draft: null,
  problems: [],
  replaces: null,
  ...value,
});

/** An outbox file that could not be read back: kept in `outbox/damaged/`, shown until dismissed. */
export const DamagedTicket = z.object({ file: z.string(), problem: z.string(), at: z.string() });
export type DamagedTicket = z.infer<typeof DamagedTicket>;

// The conversation on a ticket ("Mijn meldingen" → one ticket): the thread, the reply box, and
// "Het is opgelost" / "Het is nog niet opgelost". The agent merges the API's pages, its events and
// this PC's replies still in the outbox into one list; the popup only shows it.

/** What a reply says besides its text: a plain reply, or the employee's answer to a resolved ticket. */
export const ReplyIntent = z.enum(['reply', 'solved', 'not-solved']);
export type ReplyIntent = z.infer<typeof ReplyIntent>;

/** The reply box as sent. `solved` may have an empty text; `reply` and `not-solved` need one. */
export const ReplyDraft = z.object({
  ticketId: z.string().max(64),
  text: z.string().max(MAX.description),
  intent: ReplyIntent,
  includeScreenshot: z.boolean(),
});
export type ReplyDraft = z.infer<typeof ReplyDraft>;

/** Why a reply was refused: a field of the box (`text`, `screenshot`), or the ticket itself (`gone`: deleted at the servicedesk; `closed`). */
export const ReplyProblem = z.object({
  field: z.enum(['text', 'screenshot', 'ticket']),
  code: z.enum([...DraftProblemCode.options, 'gone', 'closed']),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ReplyProblem = z.infer<typeof ReplyProblem>;

/**
 * One entry of the thread, oldest first. `id` is the API's messageId, or the outbox id of this
 * PC's reply that is not acknowledged yet (`delivery` then says `sending`/`queued`/`rejected`;
 * `sent` once the API has it; null for what others wrote). `kind: status`: the ticket changed to
 * `status`. Text is plain text: the popup never renders it as markup.
 */
export const ThreadMessage = z.object({
  id: z.string(),
  seq: z.number().nullable(),
  kind: z.enum(['message', 'status']),
  from: z.enum(['employee', 'servicedesk', 'system']),
  name: z.string(),
  at: z.string(),
  text: z.string(),
  status: TicketStatus.nullable(),
  resolution: z.enum(['solved', 'not-solved']).nullable(),
  attachments: z.array(z.object({ name: z.string(), bytes: z.number() })),
  delivery: z.enum(['sending', 'queued', 'sent', 'rejected']).nullable(),
});
export type ThreadMessage = z.infer<typeof ThreadMessage>;

/** The reply box: a screenshot taken for it, and a refused reply brought back with its problems. */
export const OpenReply = z.object({
  screenshot: ScreenshotInfo.nullable(),
  screenshotNote: ScreenshotNote.nullable(),
  draft: ReplyDraft.nullable(),
  problems: z.array(ReplyProblem),
});
export type OpenReply = z.infer<typeof OpenReply>;

/**
 * The ticket the employee opened. `messages`: the newest page and any older pages loaded
 * ("Toon eerdere berichten" while `olderAvailable`), from the cache on disk first, then brought up
 * to date. `lastError`: why it could not be updated (the cached thread is shown meanwhile).
 * `gone`: the servicedesk deleted it. `canReply`/`canResolve`: which boxes the popup offers
 * (`canResolve` on a resolved ticket: "Het is opgelost" / "Het is nog niet opgelost").
 */
export const OpenThread = z.object({
  ticketId: z.string(),
  number: z.number().nullable(),
  subject: z.string(),
  status: TicketStatus.nullable(),
  messages: z.array(ThreadMessage),
  olderAvailable: z.boolean(),
  loading: z.enum(['idle', 'newer', 'older']),
  syncedAt: z.string().nullable(),
  lastError: ErrorInfoSchema.nullable(),
  gone: z.boolean(),
  canReply: z.boolean(),
  canResolve: z.boolean(),
  reply: OpenReply,
});
export type OpenThread = z.infer<typeof OpenThread>;

export const TicketsState = z.object({
  categories: z.array(z.object({ id: z.string(), label: z.object({ nl: z.string(), en: z.string() }) })),
  maxDescriptionChars: z.number(),
  maxAttachmentBytes: z.number(),
  /** Name from the OS account, phone and e-mail as last used. */
  contact: ContactDetails,
  /** The report being written: the screenshot taken when it was opened, the item it is about. */
  report: OpenReport.nullable(),
  outbox: z.array(OutboxItem), // newest first; `sent` ones stay a day so the UI can show the number
  damaged: z.array(DamagedTicket),
  list: z.array(MyTicket), // "Wacht op jouw reactie" first, then newest first
  listUpdatedAt: z.string().nullable(),
  /** The open conversation, or null: the list is shown. */
  thread: OpenThread.nullable(),
  /** Tickets waiting for the employee (status `waiting`): the count on the tray and on "Mijn meldingen". */
  waitingForYou: z.number(),
});
export type TicketsState = z.infer<typeof TicketsState>;
