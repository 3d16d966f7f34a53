import { describe, expect, it } from 'vitest';
import { catalogs } from '../../../electron/contract/messages';
import {
  ACTION_ERROR_CODES,
  CONNECTION_ERROR_CODES,
  OUTBOX_ERROR_CODES,
  CheckId,
  ConfigProblem,
  ConnectionStatus,
  Impact,
  OutboxEntry,
  Headline,
  Severity,
  STATUS_CODES,
  TicketStatus,
  UNKNOWN_REASONS,
  RESTART_REASONS,
  UPDATE_CLASSES,
  UPDATES_PROBLEMS,
  MAINTENANCE_KINDS,
  type TypedStatusItem,
} from '../../../electron/contract';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const nl = flatten(catalogs.nl as unknown as Tree);
const en = flatten(catalogs.en as unknown as Tree);
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();

// The status codes with their params: the contract's table, which the rules must build from.
const HEALTH_CODES = Object.entries(STATUS_CODES).filter(([code]) => code !== 'health.unknown');
const paramNames = (params: Readonly<Record<string, string>>) => Object.keys(params);

// The table is enforced by the compiler: an item with a code it lacks, or a param its code does
// not carry, does not typecheck (tsc covers the tests, so these lines fail it once they compile).
export const refused: TypedStatusItem[] = [
  // @ts-expect-error a code that is not in the table
  { id: 'x', check: 'memory', severity: 'ok', code: 'health.memory.fine', params: {} },
  // @ts-expect-error a param the code does not carry
  { id: 'x', check: 'uptime', severity: 'ok', code: 'health.uptime.ok', params: { days: 1, hours: 2 } },
  // @ts-expect-error a param the code needs, missing
  { id: 'x', check: 'battery', severity: 'attention', code: 'health.battery.worn', params: {} },
];


describe('message catalog', () => {
  it('has exactly the same keys in Dutch and English', () => {
    expect([...en.keys()].sort()).toEqual([...nl.keys()].sort());
  });

  it('uses the same placeholders in both languages, and no empty texts', () => {
    for (const [key, text] of nl) {
      expect(text.trim(), key).not.toBe('');
      expect(en.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(en.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('explains every status code of the table with a text and an advice that use only the params it carries', () => {
    for (const [code, { params }] of HEALTH_CODES) {
      for (const catalog of [nl, en]) {
        for (const part of ['text', 'advice']) {
          const text = catalog.get(`${code}.${part}`);
          expect(text, `${code}.${part}`).toBeTruthy();
          for (const name of placeholders(text!)) expect(paramNames(params), `${code}.${part} uses {{${name}}}`).toContain(name);
        }
      }
    }
  });

  it('has a code in the table for every status sentence in the catalogs', () => {
    const sentences = [...nl.keys()].filter((key) => /^health\.[a-z-]+\.[a-z-]+\.(text|advice)$/.test(key) && !key.startsWith('health.unknown.'));
    const codes = new Set(sentences.map((key) => key.replace(/\.(text|advice)$/, '')));
    expect([...codes].sort()).toEqual(HEALTH_CODES.map(([code]) => code).sort());
    const unknownChecks = new Set([...nl.keys()].filter((k) => k.startsWith('health.unknown.') && !k.startsWith('health.unknown.advice.')).map((k) => k.split('.')[2]));
    expect([...unknownChecks].sort()).toEqual([...CheckId.options].sort());
  });

  it('says in plain words why any check could not be done', () => {
    for (const check of CheckId.options) {
      for (const reason of UNKNOWN_REASONS) {
        expect(nl.get(`health.unknown.${check}.${reason}`), `${check} ${reason}`).toBeTruthy();
        expect(en.get(`health.unknown.${check}.${reason}`), `${check} ${reason}`).toBeTruthy();
        expect(nl.get(`health.unknown.advice.${reason}`)).toBeTruthy();
      }
      expect(nl.get(`check.${check}`)).toBeTruthy();
    }
  });

  // An employee is never sent to do what needs admin rights: the protection lines say "Meld dit" and hallo, acts.
  it('never asks an employee to change a protection setting themselves', () => {
    const protection = HEALTH_CODES.filter(([, { check }]) => ['antivirus', 'firewall', 'encryption', 'time'].includes(check ?? ''));
    for (const [code] of protection) {
      for (const [language, catalog] of [['nl', nl], ['en', en]] as const) {
        const advice = catalog.get(`${code}.advice`)!;
        expect(advice, `${language} ${code}`).not.toMatch(/BitLocker|FileVault|Defender|beheerder|administrator|zet (hem|de firewall|de versleuteling) aan\b|turn (it|the firewall) on\b/i);
      }
    }
  });

  it('says every kind of upkeep, and why a probe was not read, in words', () => {
    for (const catalog of [nl, en]) {
      for (const kind of MAINTENANCE_KINDS) {
        const forms = [`maintenance.kind.${kind}`, `maintenance.kind.${kind}_one`, `maintenance.kind.${kind}_other`];
        expect(forms.some((key) => catalog.has(key)), kind).toBe(true);
      }
      for (const reason of UNKNOWN_REASONS) expect(catalog.get(`admin.probes.reason.${reason}`), reason).toBeTruthy();
    }
  });

  it('names every kind of update, every restart reason and every update problem, and nothing else', () => {
    const under = (prefix: string) => [...nl.keys()].filter((k) => k.startsWith(prefix)).map((k) => k.slice(prefix.length)).sort();
    expect(under('updates.class.')).toEqual([...UPDATE_CLASSES].sort());
    expect(under('updates.reason.')).toEqual([...RESTART_REASONS].sort());
    expect(under('updates.problem.')).toEqual([...UPDATES_PROBLEMS].sort());
  });

  it('has words for every state, status, error and problem code of the contract', () => {
    const keys = [
      // The headline and the tray's tooltip say the agent's headline code; the tray has its own words while checking.
      ...Headline.options.flatMap((o) => [`overall.${o}`, `headline.${o}`]),
      'tray.tooltipChecking',
      ...Severity.options.map((s) => `severity.${s}`),
      ...ConnectionStatus.options.map((s) => `connection.status.${s}`),
      ...CONNECTION_ERROR_CODES.map((c) => `connection.error.${c}`),
      ...ConfigProblem.shape.code.options.map((c) => `config.problem.${c}`),
      ...['api', 'cache', 'defaults'].map((s) => `config.source.${s}`),
      ...ACTION_ERROR_CODES.map((c) => `errors.${c}`),
    ];
    for (const key of keys) {
      expect(nl.has(key), key).toBe(true);
      expect(en.has(key), key).toBe(true);
    }
  });

  it('has the words agreed for tickets: problems, outbox reasons, statuses and notifications', () => {
    const keys = [
      ...['required', 'too-long', 'invalid', 'too-large'].map((c) => `draft.problem.${c}`),
      ...OUTBOX_ERROR_CODES.map((c) => `outbox.error.${c}`),
      ...OutboxEntry.shape.status.options.map((s) => `outbox.status.${s}`),
      ...TicketStatus.options.map((s) => `myTickets.status.${s}`),
      ...Impact.options.map((i) => `report.impactOptions.${i}`),
      ...['ticket-answered', 'ticket-resolved'].flatMap((c) => [`notice.${c}.title`, `notice.${c}.body`]),
      'errors.not-saved',
      'tray.report',
    ];
    for (const key of keys) {
      expect(nl.has(key), key).toBe(true);
      expect(en.has(key), key).toBe(true);
    }
    expect(placeholders(nl.get('notice.ticket-resolved.body')!)).toEqual(['number']);
    // An answer says who, on which ticket, and its first words; "Beantwoorden" opens the thread.
    expect(placeholders(`${nl.get('notice.ticket-answered.title')!} ${nl.get('notice.ticket-answered.body')!}`)).toEqual(['excerpt', 'name', 'number']);
    expect(nl.get('notice.ticket-answered.action')).toBe('Beantwoorden');
    expect(placeholders(nl.get('draft.problem.too-long')!)).toEqual(['max']);
  });

  it('keeps the demo badge and the re-enrolment banner as agreed', () => {
    expect(nl.get('header.demo')).toBe('Demo: geen echte servicedesk');
    expect(nl.get('banner.reenroll')).toBe('Voor je IT-contactpersoon: meld deze computer hier opnieuw aan.');
    expect(nl.get('banner.not-enrolled')).toBe('Voor je IT-contactpersoon: meld deze computer hier aan.');
    expect(nl.get('headline.ok')).toBe('Je computer is in orde.');
    expect(nl.get('headline.reenroll')).toBe(
      'Deze computer moet opnieuw bij hallo, worden aangemeld. Vraag je IT-contactpersoon of bel de servicedesk.',
    );
    expect(nl.get('tray.tooltipChecking')).toBe('hallo, controleert je computer…');
  });

  // The brand ends on a comma ("hallo,"), so a sentence that ends on the name reads "hallo,."; and a
  // label that already ends on "?" must not get a second mark. Placeholders are stood in for by a word.
  it('has no doubled punctuation in any sentence, nor a full stop right after the brand', () => {
    const doubled = /[.?!:;,]\s*[.?!:;]/;
    for (const [language, catalog] of [['nl', nl], ['en', en]] as const) {
      for (const [key, text] of catalog) {
        const sentence = text.replace(/\{\{[^}]*\}\}/g, 'X');
        expect(doubled.test(sentence), `${language} ${key}: ${text}`).toBe(false);
        expect(text, `${language} ${key}: a number and its % sign part at a line end`).not.toMatch(/ %/);
      }
      // The form's summary composes "{{field}}: {{problem}}" from two entries of the catalog.
      const fields = [...catalog].filter(([key]) => key.startsWith('draft.field.'));
      const problems = [...catalog].filter(([key]) => key.startsWith('draft.problem.'));
      for (const [fieldKey, field] of fields) {
        for (const [problemKey, problem] of problems) {
          const line = catalog.get('report.problemAt')!.replace('{{field}}', field).replace('{{problem}}', problem.replace(/\{\{[^}]*\}\}/g, 'X'));
          expect(doubled.test(line), `${language} ${fieldKey} + ${problemKey}: ${line}`).toBe(false);
        }
      }
    }
  });
});
