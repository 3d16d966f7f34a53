import { describe, expect, it } from 'vitest';
import type { TicketDraft } from '../../../electron/contract';
import { codePointLength } from '../../../electron/contract';
import { checkDraft, cleanDraft, subjectOf } from '../../../electron/agent/tickets/draft';

const limits = { maxDescriptionChars: 2000, categoryIds: ['slow', 'print', 'other'] };

function draft(overrides: Partial<TicketDraft> = {}, contact: Partial<TicketDraft['contact']> = {}): TicketDraft {
  return {
    description: 'Printen lukt niet',
    categoryId: 'print',
    impact: 'can-work',
    contact: { name: 'Anna de Vries', phone: '', email: '', ...contact },
    relatedItemId: null,
    includeScreenshot: true,
    includeProcesses: true,
    ...overrides,
  };
}

const problems = (d: TicketDraft) => {
  const result = checkDraft(d, limits);
  return result.ok ? [] : result.problems;
};

describe('the draft', () => {
  it('an empty or whitespace-only description is required', () => {
    expect(problems(draft({ description: '' }))).toEqual([{ field: 'description', code: 'required' }]);
    expect(problems(draft({ description: ' \n\t \u0007 ' }))).toEqual([{ field: 'description', code: 'required' }]);
  });

  it('one character over the limit is too long, with the limit to show; at the limit it passes', () => {
    expect(problems(draft({ description: 'a'.repeat(2000) }))).toEqual([]);
    expect(problems(draft({ description: 'a'.repeat(2001) }))).toEqual([{ field: 'description', code: 'too-long', params: { max: 2000 } }]);
  });

  it('a 1 MB paste is too long, without trouble', () => {
    const paste = 'Foutmelding 0x80070005 bij het openen van het bestand.\r\n'.repeat(18_000);
    expect(paste.length).toBeGreaterThan(1_000_000);
    expect(problems(draft({ description: paste }))).toEqual([{ field: 'description', code: 'too-long', params: { max: 2000 } }]);
  });

  it('counts code points as the API does: an emoji is one character, and is kept whole', () => {
    const emoji = '😬'.repeat(2000); // 4000 UTF-16 units
    expect(codePointLength(emoji)).toBe(2000);
    const result = checkDraft(draft({ description: emoji }), limits);
    expect(result.ok && result.draft.description).toBe(emoji);
  });

  it('keeps emoji with joiners and right-to-left text exactly as typed', () => {
    const text = 'مرحبا، الطابعة لا تعمل 👩‍💻 שלום\u200F עולם';
    const result = checkDraft(draft({ description: text }), limits);
    expect(result.ok && result.draft.description).toBe(text);
    expect(result.ok && result.draft.subject).toBe(text);
  });

  it('removes control characters but keeps newlines and tabs; CRLF becomes LF', () => {
    const result = checkDraft(draft({ description: 'Regel\u0000 een\r\n\tRegel\u001b[31m twee\u0085\u007f' }, { name: 'Anna\u0000 de Vries' }), limits);
    expect(result.ok && result.draft.description).toBe('Regel een\n\tRegel[31m twee');
    expect(result.ok && result.draft.contact.name).toBe('Anna de Vries');
  });

  it('refuses an e-mail address or phone number that cannot be right; empty ones are fine', () => {
    for (const email of ['anna', 'anna@', '@example.nl', 'anna@example', 'anna de vries@example.nl', 'anna@exa mple.nl']) {
      expect(problems(draft({}, { email }))).toEqual([{ field: 'contact.email', code: 'invalid-email' }]);
    }
    for (const phone of ['12345', 'bel me maar', '06-1234567x', '+'.repeat(41), '------']) {
      expect(problems(draft({}, { phone }))).toEqual([{ field: 'contact.phone', code: 'invalid-phone' }]);
    }
    expect(problems(draft({}, { email: 'anna.de.vries@example.nl', phone: '+31 (0)6 12-34 56 78' }))).toEqual([]);
  });

  it('the name is required', () => {
    expect(problems(draft({}, { name: '   ' }))).toEqual([{ field: 'contact.name', code: 'required' }]);
  });

  it('an unknown category is invalid; none means "other"', () => {
    expect(problems(draft({ categoryId: 'coffee' }))).toEqual([{ field: 'categoryId', code: 'unknown-category' }]);
    const result = checkDraft(draft({ categoryId: null }), limits);
    expect(result.ok && result.draft.category).toBe('other');
  });

  it('maps how bad it is to the API urgency', () => {
    expect(cleanDraft(draft({ impact: 'can-work' })).urgency).toBe('normal');
    expect(cleanDraft(draft({ impact: 'cannot-work' })).urgency).toBe('high');
    expect(cleanDraft(draft({ impact: 'several-cannot-work' })).urgency).toBe('critical');
  });

  it('reports every problem at once', () => {
    expect(problems(draft({ description: '', categoryId: 'x' }, { name: '', email: 'x', phone: 'x' })).map((p) => p.field)).toEqual([
      'description',
      'categoryId',
      'contact.name',
      'contact.phone',
      'contact.email',
    ]);
  });
});

describe('the subject', () => {
  it('is the first line', () => {
    expect(subjectOf('  Outlook start niet\nSinds vanochtend…')).toBe('Outlook start niet');
  });
  it('is cut at a word boundary at 80 characters, with an ellipsis', () => {
    const line = 'Sinds de update van gisteren start Outlook niet meer op en krijg ik steeds een foutmelding over het profiel';
    const subject = subjectOf(line);
    expect(Array.from(subject).length).toBeLessThanOrEqual(80);
    expect(subject.endsWith('…')).toBe(true);
    expect(line.startsWith(subject.slice(0, -1))).toBe(true);
    expect(line[subject.length - 1]).toBe(' ');
  });
  it('cuts a line without spaces hard, never inside an emoji', () => {
    const subject = subjectOf('😬'.repeat(100));
    expect(subject).toBe(`${'😬'.repeat(79)}…`);
  });
});
