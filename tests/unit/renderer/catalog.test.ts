import { describe, expect, it } from 'vitest';
import { catalogs } from '../../../electron/contract/messages';
import { ACTION_ERROR_CODES, CheckId, ConfigProblem, ConnectionStatus, Impact, OutboxEntry, Overall, Severity, TicketStatus } from '../../../electron/contract';

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

// The codes the agent may emit, as agreed between the engineers (status items and their params).
const HEALTH_CODES: Record<string, string[]> = {
  'health.disk-space.ok': ['mount', 'freeGb', 'freePercent', 'sizeGb'],
  'health.disk-space.low': ['mount', 'freeGb', 'freePercent', 'sizeGb'],
  'health.disk-space.critical': ['mount', 'freeGb', 'freePercent', 'sizeGb'],
  'health.memory.ok': ['usedPercent', 'minutes'],
  'health.memory.pressure': ['usedPercent', 'minutes'],
  'health.uptime.ok': ['days'],
  'health.uptime.long': ['days'],
  'health.smart.ok': ['disk'],
  'health.smart.failing': ['disk'],
  'health.battery.ok': ['healthPercent'],
  'health.battery.worn': ['healthPercent'],
};
// The agreed list, plus what electron/agent/hallo-api/api-error.ts and the connection service emit.
const CONNECTION_ERRORS = ['network', 'timeout', 'http-5xx', 'http-429', 'http-4xx', 'invalid-response', 'unauthorized', 'enroll-rejected', 'not-configured'];

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

  it('explains every health code with a text and an advice that use only the params the agent sends', () => {
    for (const [code, params] of Object.entries(HEALTH_CODES)) {
      for (const catalog of [nl, en]) {
        for (const part of ['text', 'advice']) {
          const text = catalog.get(`${code}.${part}`);
          expect(text, `${code}.${part}`).toBeTruthy();
          for (const name of placeholders(text!)) expect(params, `${code}.${part} uses {{${name}}}`).toContain(name);
        }
      }
    }
  });

  it('says in plain words why any check could not be done', () => {
    for (const check of CheckId.options) {
      for (const reason of ['timeout', 'error', 'unsupported']) {
        expect(nl.get(`health.unknown.${check}.${reason}`), `${check} ${reason}`).toBeTruthy();
        expect(en.get(`health.unknown.${check}.${reason}`), `${check} ${reason}`).toBeTruthy();
        expect(nl.get(`health.unknown.advice.${reason}`)).toBeTruthy();
      }
      expect(nl.get(`check.${check}`)).toBeTruthy();
    }
  });

  it('has words for every state, status, error and problem code of the contract', () => {
    const keys = [
      ...Overall.options.flatMap((o) => [`overall.${o}`, `headline.${o}`]),
      // The headline's more precise sentences (Headline.tsx) and the tray's words while checking.
      ...['reenroll', 'not-enrolled', 'unchecked'].map((h) => `headline.${h}`),
      'tray.tooltipChecking',
      ...Severity.options.map((s) => `severity.${s}`),
      ...ConnectionStatus.options.map((s) => `connection.status.${s}`),
      ...CONNECTION_ERRORS.map((c) => `connection.error.${c}`),
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
      ...['network', 'timeout', 'http-5xx', 'http-429', 'http-4xx', 'unauthorized', 'invalid-response', 'not-enrolled'].map((c) => `outbox.error.${c}`),
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
    for (const code of ['ticket-answered', 'ticket-resolved']) expect(placeholders(nl.get(`notice.${code}.body`)!)).toEqual(['number']);
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
