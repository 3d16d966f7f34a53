import type { Notice, OutboxEntry } from '../../contract';

/**
 * A ticket the employee saw waiting ("Staat klaar": at least one attempt failed) that has now
 * reached the servicedesk: say so with its number, so that it does not just vanish from
 * "Meldingen onderweg". One sent at its first attempt is no news: the form already said "Verzonden".
 */
export function deliveredNotices(before: readonly OutboxEntry[], after: readonly OutboxEntry[]): Notice[] {
  const waited = new Set(before.filter((e) => e.status !== 'sent' && e.status !== 'rejected' && e.attempts > 0).map((e) => e.id));
  return after
    .filter((e) => e.status === 'sent' && e.number !== null && waited.has(e.id))
    .map((e) => ({ code: 'ticket-delivered', params: { number: e.number! } }));
}
