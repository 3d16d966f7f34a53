import { join } from 'node:path';
import { z } from 'zod';
import type { MyTicket, Notice } from '../../contract';
import { readJsonFile, writeFileAtomic } from '../files';
import type { Logger } from '../log';
import { subjectOf } from './draft';

// What this PC has told the employee about each ticket's answers, and what they have read. Kept
// on disk so that an answer is told exactly once: as it arrives (an event), or at the next list
// when it came while the PC was off, never both, and never again after a restart.

/** Per ticket: the newest servicedesk message told (its `at`), the newest read, and how many are unread. */
export interface TicketMarks {
  notifiedAt: string | null;
  readAt: string | null;
  unread: number;
}

/** A servicedesk answer as the event or the list tells it. */
export interface Answer {
  ticketId: string;
  number: number;
  name: string;
  text: string;
  at: string;
}

/** More tickets than the API lists (500) are old ones: the oldest marks go. */
const MARKS_MAX = 1000;

const later = (at: string, than: string | null) => than === null || Date.parse(at) > Date.parse(than);

/** The notification: number, who, the first words; a click opens the thread. */
export function answeredNotice(answer: Answer): Notice {
  // "hallo," when the desk left its name out: the brand, the same in every language.
  return { code: 'ticket-answered', params: { number: answer.number, name: answer.name.trim() || 'hallo,', excerpt: subjectOf(answer.text) }, ticketId: answer.ticketId };
}

/**
 * A servicedesk answer: told unless it was already (then null). While its thread is open it is read
 * at once; otherwise it counts as unread.
 */
export function markAnswer(marks: TicketMarks | undefined, answer: Answer, open: boolean): { marks: TicketMarks; notice: Notice | null } {
  const was = marks ?? { notifiedAt: null, readAt: null, unread: 0 };
  if (!later(answer.at, was.notifiedAt)) return { marks: was, notice: null };
  const read = open || !later(answer.at, was.readAt);
  return {
    marks: { notifiedAt: answer.at, readAt: open ? answer.at : was.readAt, unread: read ? was.unread : was.unread + 1 },
    notice: answeredNotice(answer),
  };
}

/**
 * The list's last answer of a ticket. A ticket seen for the first time is no news (this PC just
 * sent it, or the marks are new): its answer so far counts as told and read.
 */
export function markListed(marks: TicketMarks | undefined, ticket: MyTicket, open: boolean): { marks: TicketMarks; notice: Notice | null } {
  const reply = ticket.lastReply;
  if (!marks) return { marks: { notifiedAt: reply?.at ?? null, readAt: reply?.at ?? null, unread: 0 }, notice: null };
  if (!reply) return { marks, notice: null };
  return markAnswer(marks, { ticketId: ticket.ticketId, number: ticket.number, name: reply.from, text: reply.text, at: reply.at }, open);
}

/** The thread was opened (or is open): everything up to `at` is read. */
export function markRead(marks: TicketMarks | undefined, at: string | null): TicketMarks {
  const was = marks ?? { notifiedAt: at, readAt: null, unread: 0 };
  return { ...was, readAt: at !== null && later(at, was.readAt) ? at : was.readAt, unread: 0 };
}

const Stored = z.object({
  version: z.literal(1),
  tickets: z.record(
    z.string().max(64),
    z.object({ notifiedAt: z.string().max(40).nullable(), readAt: z.string().max(40).nullable(), unread: z.number().int().min(0).max(100_000) }),
  ),
});

/** `<dataDir>/ticket-marks.json`. Lost, the worst is an answer told twice or an unread count gone. */
export class TicketMarksMemory {
  private readonly file: string;

  constructor(
    dataDir: string,
    private readonly log: Logger,
  ) {
    this.file = join(dataDir, 'ticket-marks.json');
  }

  async load(): Promise<Map<string, TicketMarks> | null> {
    const read = await readJsonFile(this.file, { ownFile: { maxBytes: 1024 * 1024 } });
    if (!read.ok) {
      if (!read.missing) this.log.warn('ticket-marks.json cannot be read: answers are told from the next list', { detail: read.detail });
      return null;
    }
    const parsed = Stored.safeParse(read.value);
    if (!parsed.success) this.log.warn('ticket-marks.json is not valid: answers are told from the next list');
    return parsed.success ? new Map(Object.entries(parsed.data.tickets)) : null;
  }

  async save(marks: ReadonlyMap<string, TicketMarks>): Promise<void> {
    const kept = [...marks.entries()].slice(-MARKS_MAX);
    try {
      await writeFileAtomic(this.file, JSON.stringify({ version: 1, tickets: Object.fromEntries(kept) }));
    } catch (error) {
      this.log.warn('could not keep the ticket marks', { error: String(error) });
    }
  }
}
