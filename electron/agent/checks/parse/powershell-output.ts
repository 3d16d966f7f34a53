import { MAX_LINE_LENGTH } from '../../updates/parse/lines';
import { parseLocalDateTime } from './local-date';

/*
 * The shapes PowerShell prints objects in, read once here for every Windows parser: the list
 * format (`Name : Value` a line, records apart by a blank line; wmic's `/format:list` writes
 * `Name=Value`), the table format (a header, a dashed line, rows: `Format-Table`, or what
 * `Select-Object` of a few properties prints), and `ConvertTo-Json` (one object, or an array of them).
 */

export type Fields = Record<string, unknown>;

const FIELD = /^([A-Za-z_]\w*)\s*(?::|=)(?:\s(.*))?$/;

/** The records of a list-format output. A long value that wraps continues on an indented line. */
export function listRecords(text: string): Fields[] {
  const records: Fields[] = [];
  let record: Record<string, string> | null = null;
  let last: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trimEnd();
    if (line.length > MAX_LINE_LENGTH) continue;
    if (!line.trim()) {
      record = null;
      continue;
    }
    const field = FIELD.exec(line);
    if (field) {
      if (!record) records.push((record = {}));
      last = field[1] as string;
      record[last] = (field[2] ?? '').trim();
    } else if (record && last !== null && /^\s/.test(line)) {
      record[last] = `${record[last] ?? ''} ${line.trim()}`.trim();
    }
  }
  return records;
}

/** The objects of a `ConvertTo-Json` output (`null` and `[]`: none), or null when it is not JSON of objects. */
export function jsonRecords(text: string): Fields[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  if (parsed === null) return [];
  const all = Array.isArray(parsed) ? parsed : [parsed];
  return all.every((item): item is Fields => typeof item === 'object' && item !== null && !Array.isArray(item)) ? all : null;
}

// A table's columns are where its dashed line has dashes. A header may take two lines (PowerShell
// wraps a long name: `Mount` over `Point`); the parts of one column join into the property's name.
// A value sits inside its column's span, left- or right-aligned, so each is cut out by position.
const DASHES = /^[ -]*-[ -]*$/;

/** The rows of a table-format output (the first table in it); [] when there is none. */
export function tableRecords(text: string): Fields[] {
  const lines = text.split(/\r?\n/).map((line) => line.trimEnd());
  if (lines.some((line) => line.length > MAX_LINE_LENGTH)) return [];
  const at = lines.findIndex((line, i) => i > 0 && DASHES.test(line) && lines[i - 1]!.trim() !== '');
  if (at < 0) return [];
  const starts = [...lines[at]!.matchAll(/-+/g)].map((m) => m.index);
  const cut = (line: string, i: number) => line.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim();
  let top = at - 1;
  while (top > 0 && lines[top - 1]!.trim() !== '') top--;
  const names = starts.map((_, i) => lines.slice(top, at).map((line) => cut(line, i)).join(''));
  if (names.some((name) => !/^[A-Za-z_][\w.-]*$/.test(name))) return [];
  const rows: Fields[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === '') break;
    rows.push(Object.fromEntries(names.map((name, i) => [name, cut(line, i)])));
  }
  return rows;
}

/** The records of an output in any of the three shapes, and which it was; null when it is JSON of something else. */
export function anyRecords(text: string): { form: 'json' | 'table' | 'list'; records: Fields[] } | null {
  if (looksLikeJson(text)) {
    const records = jsonRecords(text);
    return records ? { form: 'json', records } : null;
  }
  const table = tableRecords(text);
  return table.length ? { form: 'table', records: table } : { form: 'list', records: listRecords(text) };
}

/** Looks like JSON: the caller reads it as JSON only, never falls back to the list format. */
export const looksLikeJson = (text: string): boolean => /^\uFEFF?\s*[[{]/.test(text) || text.trim() === 'null';

/** A field by name whatever its case (WMI's and PowerShell's names are case-insensitive). */
export function field(record: Fields, name: string): unknown {
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : record[key];
}

/** `True`/`False` (list) or a JSON boolean; else null. */
export function boolField(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  return word === 'true' ? true : word === 'false' ? false : null;
}

/** A whole number, from JSON or a list's text; else null. */
export function intField(value: unknown): number | null {
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(number) ? number : null;
}

/** A non-empty string field, trimmed; else null. */
export function textField(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

// Windows PowerShell 5.1's ConvertTo-Json writes a date as `/Date(1665000000000)/` (sometimes
// inside `{ "value": …, "DisplayHint": 2, "DateTime": "…" }`); PowerShell 7 writes ISO 8601.
const MS_DATE = /^\/Date\((-?\d+)([+-]\d{4})?\)\/$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
// Windows' "never" (FILETIME 0 is 1601): no date of these tools is older than this.
const FIRST_REAL_MS = Date.UTC(1970, 0, 2);

/** A date field in any of PowerShell's forms (JSON, or the list's regional text) as RFC 3339; else null. */
export function dateField(value: unknown, now: number): string | null {
  if (typeof value === 'object' && value !== null && 'value' in value) return dateField(value.value, now);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const ms = MS_DATE.exec(text);
  const at = ms ? Number(ms[1]) : ISO_DATE.test(text) ? Date.parse(text) : null;
  if (at === null) return parseLocalDateTime(text, now);
  return Number.isFinite(at) && at >= FIRST_REAL_MS ? new Date(at).toISOString() : null;
}
