// The report is HTML put together as text: every value from the state (a ticket's subject, a
// hostname, hallo,'s note) passes through `esc` on its way in, so none can open a tag or an attribute.

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text and attribute values, escaped for HTML. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Text as a CSS string literal (the page footer's margin box): everything but letters, digits and
 * a few marks becomes a CSS escape, so a value can close neither the string nor the style element.
 */
export function cssString(text: string): string {
  return `"${text.replace(/[^\p{L}\p{N} .,·:()-]/gu, (c) => `\\${c.codePointAt(0)!.toString(16)} `)}"`;
}

/** hallo,'s own accent (renderer/src/styles.css `--accent`): white text on it has a contrast of 8.8:1. */
export const DEFAULT_ACCENT = '#4b2bbd';

/** The branding capability hands #rrggbb already checked; anything else here is hallo,'s own. */
export const accentOf = (color: string | null): string => (color !== null && /^#[0-9a-fA-F]{6}$/.test(color) ? color : DEFAULT_ACCENT);

/** A logo only as the branding capability caches it: a base64 data: URL of a PNG, JPEG or WebP. */
export const logoOf = (dataUrl: string | undefined): string | null =>
  dataUrl !== undefined && /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+={0,2}$/.test(dataUrl) ? dataUrl : null;
