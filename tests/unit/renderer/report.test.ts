import { describe, expect, it } from 'vitest';
import { charCount, sizeWords, sortProblems, tooLongLocally } from '../../../renderer/src/report';

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
