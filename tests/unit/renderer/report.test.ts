import { describe, expect, it } from 'vitest';
import { charCount, fitPaste, sizeWords, sortProblems, tooLongLocally } from '../../../renderer/src/report';

describe('report bookkeeping', () => {
  it('lists problems in the order the form shows its fields', () => {
    expect(sortProblems([{ field: 'contact.email', code: 'invalid-email' }, { field: 'ticket', code: 'invalid' }, { field: 'description', code: 'required' }]).map((p) => p.field)).toEqual([
      'description',
      'contact.email',
      'ticket',
    ]);
  });

  it('counts code points, refuses an over-long description before it travels', () => {
    expect(charCount('😀ab')).toBe(3);
    expect(charCount('שלום')).toBe(4);
    const draft = { description: 'x'.repeat(1_000_000), categoryId: null, impact: 'can-work' as const, contact: { name: 'A', phone: '', email: '' }, relatedItemId: null, includeScreenshot: false, includeProcesses: true };
    expect(tooLongLocally(draft, 2000)).toEqual({ field: 'description', code: 'too-long', params: { max: 2000 } });
    expect(tooLongLocally({ ...draft, description: '😀'.repeat(2000) }, 2000)).toBeNull();
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
