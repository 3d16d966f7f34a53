import { describe, expect, it } from 'vitest';
import { charCount, fitPaste, formField, resultKind, sizeWords, sortProblems, tooLongLocally, waitedLong } from '../../../renderer/src/report';
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

describe('a paste into the description', () => {
  it('that fits is left to the browser; one that does not keeps what fits, where the caret was, and counts the rest', () => {
    expect(fitPaste('abc', 3, 3, 'def', 10)).toBeNull();
    expect(fitPaste('abcd', 2, 2, 'x'.repeat(1_000_000), 10)).toEqual({ value: 'ab' + 'x'.repeat(6) + 'cd', caret: 8, pasted: 1_000_000, kept: 6 });
    // Replacing a selection frees its room; an emoji counts as one character and is never split.
    expect(fitPaste('abcdef', 1, 5, '😀😀😀😀😀', 4)).toEqual({ value: 'a😀😀f', caret: 5, pasted: 5, kept: 2 });
    expect(fitPaste('x'.repeat(12), 12, 12, 'more', 10)).toEqual({ value: 'x'.repeat(12), caret: 12, pasted: 4, kept: 0 });
  });
});

