import type { Language } from '../contract';
import { catalogs } from '../contract/messages';

// The shell's words (tray tooltip, notifications) come from the same catalog as the renderer's;
// this is the one place the shell fills `{{name}}` placeholders.

export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

/**
 * The catalog string at a dotted key (`notice.ticket-answered.title`) in a language, filled with
 * params; null when the key is missing, so that a caller shows nothing rather than a key.
 */
export function message(language: Language, key: string, params: Record<string, string | number> = {}): string | null {
  let node: unknown = catalogs[language];
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return null;
    node = (node as Record<string, unknown>)[part];
  }
  return typeof node === 'string' ? fill(node, params) : null;
}
