import type { OutboxEntry } from '../../../electron/contract';

/** An outbox entry as the agent publishes it: a fresh, queued ticket unless told otherwise. */
export function outboxEntry(patch: Partial<OutboxEntry>): OutboxEntry {
  return {
    id: '01JTEST',
    createdAt: '2026-11-25T10:00:00Z',
    subject: 'Printen lukt niet',
    status: 'queued',
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    number: null,
    problems: [],
    draft: null,
    ...patch,
  };
}
