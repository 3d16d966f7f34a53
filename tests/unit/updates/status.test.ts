import { describe, expect, it } from 'vitest';
import { catalogs } from '../../../electron/contract/messages';
import { updatesStatusItems } from '../../../electron/agent/updates/status';
import type { Part, Pending, RestartReason } from '../../../electron/agent/updates/types';

const pending = (total: number, security: number | null): Part<Pending> => ({ value: { updates: [], total, security } });
const restart = (...reasons: RestartReason[]): Part<RestartReason[]> => ({ value: reasons });
const problem = (code: 'timeout' | 'failed' | 'unreadable' | 'missing' | 'unsupported') => ({ problem: { code, tool: 'apt-get', detail: 'x' } });

// What the employee reads for an item: its code's sentence in Dutch, placeholders filled.
function dutch(item: { code: string; check: string; params: Record<string, unknown> }): string {
  const path = item.code === 'health.unknown' ? `health.unknown.${item.check}.${String(item.params.reason)}` : `${item.code}.text`;
  const text = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], catalogs.nl) as string;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(item.params[name]));
}

describe('update status items', () => {
  it.each([
    [pending(0, 0), 'ok', 'Je computer is bijgewerkt: er staan geen updates klaar.'],
    [pending(3, 0), 'ok', 'Er staan updates klaar (3).'],
    [pending(3, null), 'ok', 'Er staan updates klaar (3).'],
    [pending(144, 37), 'attention', 'Er staan updates klaar (144), waaronder beveiligingsupdates (37).'],
    [problem('timeout'), 'unknown', 'Niet gelukt om te zien welke updates klaarstaan: dat duurde te lang.'],
    [problem('unreadable'), 'unknown', 'Niet gelukt om te zien welke updates klaarstaan: er ging iets mis.'],
    [problem('unsupported'), 'unknown', 'Op deze computer is niet te zien welke updates klaarstaan.'],
  ] as const)('pending %j: %s, "%s"', (part, severity, text) => {
    const [item] = updatesStatusItems({ pending: part, restart: restart() });
    expect(item).toMatchObject({ id: 'updates', check: 'updates', severity });
    expect(dutch(item!)).toBe(text);
  });

  it.each([
    [restart(), 'ok', 'Je computer hoeft niet opnieuw op te starten.'],
    [restart({ code: 'file-rename', soft: true }, { code: 'office-updater', soft: true }), 'ok', 'Een programma maakt iets af bij de volgende herstart. Dat hoeft niet nu.'],
    [restart({ code: 'file-rename', soft: true }, { code: 'servicing', soft: false }), 'attention', 'Je computer moet opnieuw opstarten om updates af te maken.'],
    [restart({ code: 'packages', soft: false, packages: ['linux-base'] }), 'attention', 'Je computer moet opnieuw opstarten om updates af te maken.'],
    [problem('missing'), 'unknown', 'Niet gelukt om te zien of je computer opnieuw moet opstarten: er ging iets mis.'],
  ] as const)('restart %j: %s, "%s"', (part, severity, text) => {
    const [, item] = updatesStatusItems({ pending: pending(0, 0), restart: part });
    expect(item).toMatchObject({ id: 'restart', check: 'restart', severity });
    expect(dutch(item!)).toBe(text);
  });
});
