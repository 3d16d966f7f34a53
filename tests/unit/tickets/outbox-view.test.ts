import { describe, expect, it } from 'vitest';
import type { OutboxEntry } from '../../../electron/contract';
import { nextViewChange, presentOutbox } from '../../../electron/agent/tickets/outbox-view';

const base: OutboxEntry = { id: 'a', createdAt: '2026-11-25T10:00:00Z', subject: 's', status: 'queued', attempts: 0, nextAttemptAt: null, lastError: null, number: null, problems: [], draft: null };
const at = (iso: string) => Date.parse(iso);
const desk = { openNow: true, phone: '088 123 45 67', emergencyPhone: null };
const one = (entry: OutboxEntry, now: string) => presentOutbox([entry], at(now), desk)[0]!;

describe('what the employee is told about a ticket on its way', () => {
  it('a fresh entry is "sending" until a first try failed; then queued; sent and rejected as they are', () => {
    expect(one(base, '2026-11-25T10:00:01Z').phase).toBe('sending');
    expect(one({ ...base, attempts: 1, lastError: { code: 'network' } }, '2026-11-25T10:00:01Z').phase).toBe('queued');
    expect(one({ ...base, status: 'sending', attempts: 1 }, '2026-11-25T10:00:01Z').phase).toBe('sending');
    expect(one({ ...base, status: 'sent', number: 1 }, '2026-11-25T10:00:01Z').phase).toBe('sent');
    expect(one({ ...base, status: 'rejected' }, '2026-11-25T10:00:01Z').phase).toBe('rejected');
  });

  it('says why it waits only after 10 minutes or 3 tries, and only while it waits with a reason', () => {
    const waiting = { ...base, attempts: 1, lastError: { code: 'network' } };
    expect(one(waiting, '2026-11-25T10:09:59Z').showReason).toBe(false);
    expect(one(waiting, '2026-11-25T10:10:00Z').showReason).toBe(true);
    expect(one({ ...waiting, attempts: 3 }, '2026-11-25T10:00:05Z').showReason).toBe(true);
    expect(one({ ...base, status: 'sent', attempts: 5, lastError: null }, '2026-11-25T11:00:00Z').showReason).toBe(false);
  });

  it('lists the newest first', () => {
    const list = presentOutbox([{ ...base, id: '01A' }, { ...base, id: '01C' }, { ...base, id: '01B' }], at('2026-11-25T10:00:00Z'), desk);
    expect(list.map((e) => e.id)).toEqual(['01C', '01B', '01A']);
  });

  it('knows when time alone changes the view: the oldest waiting ticket reaching 10 minutes', () => {
    const entries = [{ ...base, id: '1', createdAt: '2026-11-25T10:00:00Z' }, { ...base, id: '2', createdAt: '2026-11-25T10:03:00Z' }, { ...base, id: '3', status: 'sent' as const, createdAt: '2026-11-25T09:58:00Z' }];
    expect(nextViewChange(entries, at('2026-11-25T10:05:00Z'))).toBe(at('2026-11-25T10:10:00Z'));
    expect(nextViewChange(entries, at('2026-11-25T10:11:00Z'))).toBe(at('2026-11-25T10:13:00Z'));
    expect(nextViewChange(entries, at('2026-11-25T10:20:00Z'))).toBeNull();
  });
});
