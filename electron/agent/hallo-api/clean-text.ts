// Text from the network reaches the screen (the servicedesk's name and hours, ticket subjects and
// replies, a tenant's name). Controls could break a line or a log entry; bidi controls could make
// "088 123" display as another number or a name read backwards. Both go, once, right after the
// answer passed its schema. Letters of right-to-left languages stay: only the invisible controls go.

/** C0 and C1 controls and DEL, except tab and newline (the ticket draft strips the same). */
export const CONTROL_CHARS = '\\u0000-\\u0008\\u000B-\\u001F\\u007F-\\u009F';
/** ALM, LRM, RLM, the embeddings and overrides (LRE…RLO), the isolates (LRI…PDI). */
const BIDI_CONTROLS = '\\u061C\\u200E\\u200F\\u202A-\\u202E\\u2066-\\u2069';
const UNSAFE = new RegExp(`[${CONTROL_CHARS}${BIDI_CONTROLS}]`, 'g');

/** The text without controls (tab and newline stay) and without bidi controls. */
export function cleanText(text: string): string {
  return text.replace(UNSAFE, '');
}

/** A parsed JSON value with every string in it cleaned (keys too); other values as they are. */
export function cleanStrings<T>(value: T): T {
  if (typeof value === 'string') return cleanText(value) as T;
  if (Array.isArray(value)) return value.map(cleanStrings) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [cleanText(key), cleanStrings(inner)])) as T;
}
