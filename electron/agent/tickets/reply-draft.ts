import { codePointLength, type ReplyDraft, type ReplyProblem } from '../../contract';
import { stripControls } from './draft';

// The reply box as sent, checked as the report is (draft.ts): control characters out, trimmed,
// lengths in code points against the policy's maxDescriptionChars; right-to-left text and its
// bidi marks stay as typed.

export type ReplyCheck = { ok: true; text: string } | { ok: false; problems: ReplyProblem[] };

/** What the ticket allows, as the thread knows it. */
export interface ReplyTarget {
  maxDescriptionChars: number;
  gone: boolean;
  canReply: boolean;
  canResolve: boolean;
}

export function checkReply(draft: ReplyDraft, target: ReplyTarget): ReplyCheck {
  const text = stripControls(draft.text).trim();
  if (target.gone) return { ok: false, problems: [{ field: 'ticket', code: 'gone' }] };
  if (!target.canReply) return { ok: false, problems: [{ field: 'ticket', code: 'closed' }] };
  // "Het is opgelost" / "nog niet" only on a resolved ticket: the API would refuse it otherwise.
  if (draft.intent !== 'reply' && !target.canResolve) return { ok: false, problems: [{ field: 'ticket', code: 'invalid' }] };
  if (text === '' && draft.intent !== 'solved') return { ok: false, problems: [{ field: 'text', code: 'required' }] };
  if (codePointLength(text) > target.maxDescriptionChars) {
    return { ok: false, problems: [{ field: 'text', code: 'too-long', params: { max: target.maxDescriptionChars } }] };
  }
  return { ok: true, text };
}
