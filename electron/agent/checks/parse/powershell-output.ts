import { MAX_LINE_LENGTH } from '../../updates/parse/lines';

// PowerShell prints the same objects in three shapes that people paste: a list (`Format-List`,
// `Name : Value` blocks), a table (`Format-Table`: a header, a dashed line, rows) and JSON
// (`ConvertTo-Json`: one object, or an array of them). Property names are never translated;
// values of enums are their English names, or their numbers in JSON (Windows PowerShell 5.1).

export type PsForm = 'json' | 'list' | 'table';
export type PsObject = Readonly<Record<string, unknown>>;

/** The objects in a PowerShell output, and the shape they were in; null when it is none of the three. */
export function psObjects(text: string): { form: PsForm; objects: PsObject[] } | null {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const objects = jsonObjects(trimmed);
    return objects ? { form: 'json', objects } : null;
  }
  const all = body.split(/\r?\n/).map((line) => line.trimEnd());
  if (all.some((line) => line.length > MAX_LINE_LENGTH)) return null;
  const table = tableObjects(all);
  if (table.length) return { form: 'table', objects: table };
  const list = listObjects(all);
  return list.length ? { form: 'list', objects: list } : null;
}

function jsonObjects(text: string): PsObject[] | null {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return null;
  }
  const items = Array.isArray(json) ? json : [json];
  const objects = items.filter((item): item is PsObject => typeof item === 'object' && item !== null && !Array.isArray(item));
  return objects.length ? objects : null;
}

// `Name : Value`; a property name is one word, its value may be empty. A line that starts with
// spaces and has no name continues the value above (a long path wrapped at the console's width).
const LIST_LINE = /^([A-Za-z_][\w.-]*)\s*: ?(.*)$/;

function listObjects(lines: readonly string[]): PsObject[] {
  const objects: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  let last: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') {
      current = null;
      last = null;
      continue;
    }
    const match = LIST_LINE.exec(line);
    if (match) {
      if (!current) objects.push((current = {}));
      current[match[1]!] = match[2]!.trim();
      last = match[1]!;
    } else if (current && last && /^\s/.test(line)) {
      current[last] += line.trim();
    }
  }
  return objects;
}

// A table's columns are where its dashed line has dashes. A header may take two lines (PowerShell
// wraps a long name: `Mount` over `Point`); the parts of one column join into the property's name.
// A value sits inside its column's span, left- or right-aligned, so each is cut out by position.
const DASHES = /^[ -]*-[ -]*$/;

function tableObjects(lines: readonly string[]): PsObject[] {
  const at = lines.findIndex((line, i) => i > 0 && DASHES.test(line) && lines[i - 1]!.trim() !== '');
  if (at < 0) return [];
  const starts = [...lines[at]!.matchAll(/-+/g)].map((m) => m.index);
  const cut = (line: string, i: number) => line.slice(starts[i], i + 1 < starts.length ? starts[i + 1] : undefined).trim();
  let top = at - 1;
  while (top > 0 && lines[top - 1]!.trim() !== '') top--;
  const names = starts.map((_, i) => lines.slice(top, at).map((line) => cut(line, i)).join(''));
  if (names.some((name) => !/^[A-Za-z_][\w.-]*$/.test(name))) return [];
  const rows: PsObject[] = [];
  for (const line of lines.slice(at + 1)) {
    if (line.trim() === '') break;
    rows.push(Object.fromEntries(names.map((name, i) => [name, cut(line, i)])));
  }
  return rows;
}

/** A property by name, whatever its case (JSON from other tools, hand-edited pastes). */
export function prop(object: PsObject, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const key = Object.keys(object).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : object[key];
}
