import { describe, expect, it } from 'vitest';
import type { TicketMessage, TicketMessagePage } from '../../../electron/agent/hallo-api/types';
import type { ReplyRecord } from '../../../electron/agent/tickets/outbox';
import { addMessages, addPage, emptyWindow, fromApi, olderCursor, trimWindow, withReplies } from '../../../electron/agent/tickets/thread-merge';

const msg = (seq: number, patch: Partial<TicketMessage> = {}): TicketMessage => ({
  messageId: `m${seq}`,
  seq,
  ticketId: 't1',
  kind: 'message',
  author: seq === 1 ? 'employee' : 'servicedesk',
  name: seq === 1 ? 'Anna' : 'Sanne',
  at: new Date(Date.UTC(2025, 2, 3, 9, seq)).toISOString(),
  text: `bericht ${seq}`,
  ...patch,
});
const page = (seqs: number[], older: string | null, newer = `after-${seqs.at(-1) ?? 0}`, hasNewer = false): TicketMessagePage => ({
  messages: seqs.map((s) => msg(s)),
  older,
  newer,
  hasNewer,
});
const ids = (messages: readonly { id: string }[]) => messages.map((m) => m.id);

function reply(id: string, patch: Partial<ReplyRecord> = {}, status: ReplyRecord['entry']['status'] = 'queued'): ReplyRecord {
  return {
    kind: 'reply',
    ticketId: 't1',
    entry: { id, createdAt: '2025-03-03T10:00:00.000Z', subject: 'Ja', status, attempts: 0, nextAttemptAt: null, lastError: null, number: null, problems: [], draft: null },
    body: { text: 'Ja, nu werkt het' },
    draft: { ticketId: 't1', text: 'Ja, nu werkt het', intent: 'reply', includeScreenshot: false },
    problems: [],
    message: null,
    sentAt: null,
    ...patch,
  };
}

describe('the thread merge', () => {
  it('pages and events that overlap give each message once, ordered by seq, whatever came first', () => {
    const orders = [
      ['newest', 'event', 'after'],
      ['event', 'newest', 'after'],
      ['newest', 'after', 'event'],
    ] as const;
    for (const order of orders) {
      let window = emptyWindow();
      for (const step of order) {
        if (step === 'newest') window = addPage(window, page([3, 4, 5], 'before-3'), 'newest');
        if (step === 'event') window = addMessages(window, [fromApi(msg(6)), fromApi(msg(5))]);
        if (step === 'after') window = addPage(window, page([5, 6, 7], 'before-5'), 'after');
      }
      expect(ids(window.messages), order.join(' → ')).toEqual(['m3', 'm4', 'm5', 'm6', 'm7']);
      expect(olderCursor(window), order.join(' → ')).toBe('before-3');
    }
  });

  it('a later copy of a message replaces the earlier, keeping that it is this PC’s reply', () => {
    let window = addMessages(emptyWindow(), [fromApi(msg(2, { author: 'employee', text: 'oud' }), 'sent')]);
    window = addMessages(window, [fromApi(msg(2, { author: 'employee', text: 'nieuw' }))]);
    expect(window.messages).toEqual([expect.objectContaining({ id: 'm2', text: 'nieuw', delivery: 'sent' })]);
  });

  it('the newest page after a gap replaces the window, keeping only an event newer than it', () => {
    let window = addPage(emptyWindow(), page([1, 2, 3], null), 'newest');
    window = addMessages(window, [fromApi(msg(900))]);
    window = addPage(window, page([700, 701], 'before-700', 'after-701'), 'newest');
    expect(ids(window.messages)).toEqual(['m700', 'm701', 'm900']);
    expect(olderCursor(window)).toBe('before-700');
    expect(window.newer).toBe('after-701');
  });

  it('an older page goes before, and keeps the newer cursor; the thread’s first page says nothing is older', () => {
    let window = addPage(emptyWindow(), page([3, 4], 'before-3'), 'newest');
    window = addPage(window, page([1, 2], null, 'after-2', true), 'before');
    expect(ids(window.messages)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(window.newer).toBe('after-4');
    expect(olderCursor(window)).toBeNull();
  });

  it('is cut only where a page began, so the page before it can still be asked for', () => {
    let window = addPage(emptyWindow(), page([11, 12, 13, 14], 'before-11'), 'newest');
    window = addPage(window, page([7, 8, 9, 10], 'before-7', 'x', true), 'before');
    window = addMessages(window, [fromApi(msg(15)), fromApi(msg(16))]);
    const trimmed = trimWindow(window, 7);
    expect(ids(trimmed.messages)).toEqual(['m11', 'm12', 'm13', 'm14', 'm15', 'm16']);
    expect(olderCursor(trimmed)).toBe('before-11');
    // Smaller than the newest page: the newest page stays whole.
    expect(ids(trimWindow(window, 2).messages)).toEqual(['m11', 'm12', 'm13', 'm14', 'm15', 'm16']);
    expect(trimWindow(window, 100)).toBe(window);
  });

  it('this PC’s replies wait at the end, and an acknowledged one is shown once, as sent, also before a page brings it', () => {
    const window = addPage(emptyWindow(), page([1, 2], null), 'newest');
    const acknowledged = reply('01A', { message: msg(3, { author: 'employee', name: 'Anna', messageId: 'm3' }), sentAt: '2025-03-03T10:00:01.000Z' }, 'sent');
    const waiting = reply('01B');
    const refused = reply('01C', { problems: [{ field: 'text', code: 'too-long', params: { max: 10 } }] }, 'rejected');

    const before = withReplies(window, [waiting, acknowledged, refused], 'Anna');
    expect(before.map((m) => [m.id, m.seq, m.delivery])).toEqual([
      ['m1', 1, null],
      ['m2', 2, null],
      ['m3', 3, 'sent'],
      ['01B', null, 'sending'],
      ['01C', null, 'rejected'],
    ]);
    expect(before[3]).toMatchObject({ from: 'employee', name: 'Anna', text: 'Ja, nu werkt het' });

    // The page (or the event) brings m3 as well: still once, still this PC's.
    const after = withReplies(addPage(window, page([2, 3], 'before-2'), 'after'), [acknowledged, waiting], 'Anna');
    expect(after.map((m) => [m.id, m.delivery])).toEqual([
      ['m1', null],
      ['m2', null],
      ['m3', 'sent'],
      ['01B', 'sending'],
    ]);
  });

  it('a waiting reply that failed a try says queued; its picture is named with its size', () => {
    const record = reply('01D', { body: { text: 'kijk', attachments: [{ name: 'screenshot.png', contentType: 'image/png', dataBase64: Buffer.from('12345').toString('base64') }] } });
    record.entry.attempts = 1;
    record.entry.lastError = { code: 'network' };
    expect(withReplies(emptyWindow(), [record], 'Anna')).toEqual([
      expect.objectContaining({ id: '01D', delivery: 'queued', attachments: [{ name: 'screenshot.png', bytes: 5 }] }),
    ]);
  });
});
