import { codePointLength, FALLBACK_CATEGORY, FIELD_LIMITS, type DraftProblem, type Impact, type TicketDraft } from '../../contract';
import { CONTROL_CHARS } from '../hallo-api/clean-text';
import { validateSchema } from '../hallo-api/validator';
import { problem } from './problems';

// What the employee typed, checked before anything is saved. Every problem is a field and a code
// (`draft.problem.<code>` in the catalog); a clean draft has control characters removed and is
// trimmed. Lengths count Unicode code points (an emoji is one), as the hallo, API does: a
// description the agent accepts is never one the API refuses as too long.

export interface DraftLimits {
  maxDescriptionChars: number;
  categoryIds: readonly string[];
}

/** A draft that passed: what goes into the request body. */
export interface CleanDraft {
  description: string;
  subject: string;
  category: string;
  urgency: 'normal' | 'high' | 'critical';
  contact: { name: string; phone: string; email: string };
  relatedItemId: string | null;
  includeScreenshot: boolean;
  includeProcesses: boolean;
}

export type DraftCheck = { ok: true; draft: CleanDraft } | { ok: false; problems: DraftProblem[] };

export { FALLBACK_CATEGORY };
const SUBJECT_MAX = 80;
const NAME_MAX = FIELD_LIMITS['contact.name'];

const URGENCY: Record<Impact, CleanDraft['urgency']> = {
  'can-work': 'normal',
  'cannot-work': 'high',
  'several-cannot-work': 'critical',
};

export function urgencyOf(impact: Impact): CleanDraft['urgency'] {
  return URGENCY[impact];
}

// C0 and C1 controls and DEL, except tab and newline. Format characters (ZWJ in emoji, the
// bidi marks of right-to-left text the employee types) are not controls and stay as they are.
const CONTROLS = new RegExp(`[${CONTROL_CHARS}]`, 'g');

/** Line ends become \n (a lone CR too), other controls go. */
export function stripControls(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROLS, '');
}


/** The first line, cut at a word boundary to at most 80 characters, "…" when cut. */
export function subjectOf(description: string): string {
  const first = description.trim().split('\n')[0]!.trim();
  const chars = Array.from(first.length > SUBJECT_MAX * 4 ? first.slice(0, SUBJECT_MAX * 4) : first);
  if (chars.length <= SUBJECT_MAX) return first;
  const head = chars.slice(0, SUBJECT_MAX - 1);
  const space = head.lastIndexOf(' ');
  const cut = space >= SUBJECT_MAX / 2 ? head.slice(0, space) : head;
  return `${cut.join('').trimEnd()}…`;
}

function plausibleEmail(email: string): boolean {
  // The API's own rule (format: email), so that the agent never saves what the API refuses.
  return email.length <= FIELD_LIMITS['contact.email'] && validateSchema('Contact', { name: 'x', email }).ok;
}

/** The draft as it would be sent, without judging it (also what "what will be sent" shows). */
export function cleanDraft(input: TicketDraft): CleanDraft {
  const description = stripControls(input.description).trim();
  return {
    description,
    subject: subjectOf(description),
    category: input.categoryId ?? FALLBACK_CATEGORY,
    urgency: urgencyOf(input.impact),
    contact: {
      name: stripControls(input.contact.name).replace(/\s+/g, ' ').trim(),
      phone: stripControls(input.contact.phone).trim(),
      email: stripControls(input.contact.email).trim(),
    },
    relatedItemId: input.relatedItemId,
    includeScreenshot: input.includeScreenshot,
    includeProcesses: input.includeProcesses,
  };
}

/** Problems the employee can fix, or the draft as it will be sent. */
export function checkDraft(input: TicketDraft, limits: DraftLimits): DraftCheck {
  const draft = cleanDraft(input);
  const { description, contact } = draft;
  const problems: DraftProblem[] = [];
  if (description === '') problems.push(problem('description', 'required'));
  else if (codePointLength(description) > limits.maxDescriptionChars) {
    problems.push(problem('description', 'too-long', { max: limits.maxDescriptionChars }));
  }
  if (input.categoryId !== null && !limits.categoryIds.includes(input.categoryId)) {
    problems.push(problem('categoryId', 'invalid'));
  }
  if (contact.name === '') problems.push(problem('contact.name', 'required'));
  else if (codePointLength(contact.name) > NAME_MAX) problems.push(problem('contact.name', 'too-long', { max: NAME_MAX }));
  if (contact.phone !== '' && !validateSchema('PhoneNumber', contact.phone).ok) {
    problems.push(problem('contact.phone', 'invalid'));
  }
  if (contact.email !== '' && !plausibleEmail(contact.email)) problems.push(problem('contact.email', 'invalid'));
  return problems.length > 0 ? { ok: false, problems } : { ok: true, draft };
}
