import { describe, expect, it } from 'vitest';
import { charCount, formField, resultKind, sizeWords, sortProblems, tooLongLocally, waitedLong } from '../../../renderer/src/report';
import type { OutboxEntry } from '../../../electron/contract';

const base: OutboxEntry = { id: 'a', createdAt: '2026-11-25T10:00:00Z', subject: 's', status: 'queued', attempts: 0, nextAttemptAt: null, lastError: null, number: null, problems: [], draft: null };

describe('report bookkeeping', () => {
  it('reads both the agent’s field names and the API’s pointers onto the form', () => {
    expect(formField('contact.email')).toBe('contact.email');
    expect(formField('/contact/phone')).toBe('contact.phone');
    expect(formField('/category')).toBe('categoryId');
    expect(formField('/subject')).toBe('description');
    expect(formField('/attachments/0/dataBase64')).toBe('screenshot');
    expect(formField('/diagnostics/device')).toBeNull();
    expect(sortProblems([{ field: 'contact.email', code: 'invalid' }, { field: '/x', code: 'invalid' }, { field: 'description', code: 'required' }]).map((p) => p.field)).toEqual([
      'description',
      'contact.email',
      '/x',
    ]);
  });

  it('counts code points, refuses an over-long description before it travels', () => {
    expect(charCount('😀ab')).toBe(3);
    expect(charCount('שלום')).toBe(4);
    const draft = { description: 'x'.repeat(1_000_000), categoryId: null, impact: 'can-work' as const, contact: { name: 'A', phone: '', email: '' }, relatedItemId: null, includeScreenshot: false, includeProcesses: true };
    expect(tooLongLocally(draft, 2000)).toEqual({ field: 'description', code: 'too-long', params: { max: 2000 } });
    expect(tooLongLocally({ ...draft, description: '😀'.repeat(2000) }, 2000)).toBeNull();
  });

  it('tells a fresh entry from one that waits, and one that waited long', () => {
    expect(resultKind(base)).toBe('sending');
    expect(resultKind({ ...base, attempts: 1, lastError: { code: 'network' } })).toBe('queued');
    expect(resultKind({ ...base, status: 'sent', number: 1 })).toBe('sent');
    expect(waitedLong(base, new Date('2026-11-25T10:05:00Z'))).toBe(false);
    expect(waitedLong(base, new Date('2026-11-25T10:15:00Z'))).toBe(true);
    expect(waitedLong({ ...base, attempts: 3 }, new Date('2026-11-25T10:00:01Z'))).toBe(true);
  });

  it('puts sizes in words', () => {
    expect(sizeWords(512)).toEqual({ key: 'size.bytes', value: 512, digits: 0 });
    expect(sizeWords(312_000).key).toBe('size.kb');
    expect(sizeWords(1_400_000)).toEqual({ key: 'size.mb', value: 1.4, digits: 1 });
  });
});
