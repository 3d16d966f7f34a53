import type { OutboxEntry, OutboxItem, SupportState } from '../../contract';
import { waitingAdvice } from '../support/advice';

// What the employee is told about each ticket on its way, decided here rather than in the UI.

/** Long enough that a short hiccup does not worry anyone; then the reason it waits is shown. */
export const LONG_WAIT_MS = 10 * 60_000;
/** After this many tries the reason is worth saying, however young the ticket. */
export const MANY_ATTEMPTS = 3;

/** A fresh entry is about to go: "sending", not "queued", until a first try has failed or waited. */
export function phaseOf(entry: OutboxEntry): OutboxItem['phase'] {
  if (entry.status === 'queued' && entry.attempts === 0 && entry.lastError === null) return 'sending';
  return entry.status;
}

function waitedLong(entry: OutboxEntry, now: number): boolean {
  const created = Date.parse(entry.createdAt);
  return entry.attempts >= MANY_ATTEMPTS || (Number.isFinite(created) && now - created >= LONG_WAIT_MS);
}

/** The entries as the UI shows them, newest first; whom to call only while one waits. */
export function presentOutbox(entries: readonly OutboxEntry[], now: number, desk: Pick<SupportState, 'openNow' | 'phone' | 'emergencyPhone'>): OutboxItem[] {
  return [...entries]
    .sort((a, b) => (a.id < b.id ? 1 : -1))
    .map((entry) => {
      const phase = phaseOf(entry);
      return {
        ...entry,
        phase,
        showReason: phase === 'queued' && entry.lastError !== null && waitedLong(entry, now),
        advice: phase === 'queued' ? waitingAdvice(desk, entry.urgency) : null,
        // The same tickets as the "delivered" notice (delivered.ts): it waited, then went.
        deliveredLater: entry.status === 'sent' && entry.number !== null && entry.attempts > 1,
      };
    });
}

/** When the view changes by time alone (a waiting ticket's reason comes into sight), or null. */
export function nextViewChange(entries: readonly OutboxEntry[], now: number): number | null {
  let next: number | null = null;
  for (const entry of entries) {
    if (entry.status !== 'queued') continue;
    const due = Date.parse(entry.createdAt) + LONG_WAIT_MS;
    if (Number.isFinite(due) && due > now && (next === null || due < next)) next = due;
  }
  return next;
}
