import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Language, LogLine } from '../../../electron/contract';
import { AdminView } from '../../../renderer/src/components/AdminView';
import { ExportList, ExportStatus } from '../../../renderer/src/components/admin/DiagnosticsExport';
import { LogLines } from '../../../renderer/src/components/admin/LogCard';
import { createI18n } from '../../../renderer/src/i18n';
import { quietAdminActions, sampleState } from './sample-state';

// The admin view's log and "Diagnose exporteren" as rendered text, in Dutch and English (no DOM
// here: the clicks are driven end to end in tests/e2e/admin-export.spec.ts).

function render(element: ReactElement, language: Language = 'nl'): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(language) }, element));
}
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();

const lines: LogLine[] = [
  { at: '2026-12-07T08:00:00.000Z', level: 'info', scope: 'connection', msg: 'online' },
  { at: '2026-12-07T08:05:00.000Z', level: 'error', scope: 'hallo-api', msg: 'heartbeat failed', data: { status: 503 } },
];

describe('the log card', () => {
  it('shows the lines newest at the top, each with its level in words, in an ordered list', () => {
    const html = render(createElement(LogLines, { read: { kind: 'read', lines, file: '/home/<user>/.config/hallo/logs/agent.log' }, language: 'nl', labelledBy: 'log' }));
    expect(html).toContain('<ol class="log-lines" tabindex="0" aria-labelledby="log">');
    const shown = text(html);
    expect(shown).toContain('2 regels uit /home/<user>/.config/hallo/logs/agent.log, nieuwste bovenaan');
    expect(shown.indexOf('Fout hallo-api heartbeat failed {"status":503}')).toBeGreaterThan(-1);
    expect(shown.indexOf('heartbeat failed')).toBeLessThan(shown.indexOf('Info connection online'));
  });

  it('says when there is nothing at this level, and a refusal in words', () => {
    expect(text(render(createElement(LogLines, { read: { kind: 'read', lines: [], file: 'x' }, language: 'nl', labelledBy: 'l' })))).toBe('Geen regels op dit niveau.');
    expect(text(render(createElement(LogLines, { read: { kind: 'error', code: 'unavailable' }, language: 'en', labelledBy: 'l' }), 'en'))).toContain('That is not possible right now');
  });

  it('offers the four levels and "Vernieuwen" in the admin view', () => {
    const state = sampleState();
    const shown = text(render(createElement(AdminView, { state, onBack: () => undefined, enroll: async () => undefined, setLanguage: () => undefined, actions: quietAdminActions() })));
    expect(shown).toContain('Logboek Tonen Alles, ook details Informatie en hoger Waarschuwingen en fouten Alleen fouten Vernieuwen');
    expect(shown).toContain('Diagnose exporteren');
    expect(shown).not.toMatch(/\badmin\.(log|export)\./);
  });
});

describe('Diagnose exporteren', () => {
  const listing = {
    suggestedName: 'hallo-diagnose-PC-01-20261207-0930.zip',
    entries: [
      { name: 'README.txt', kind: 'readme' as const, bytes: 900 },
      { name: 'logs/agent.log', kind: 'log' as const, bytes: 524_288 },
      { name: 'outbox.json', kind: 'outbox' as const, bytes: 120 },
    ],
  };

  it('lists each file with what it is and its size before saving', () => {
    const shown = text(render(createElement(ExportList, { listing, language: 'nl', sizeUnits: 'decimal' })));
    expect(shown).toContain('Dit komt in hallo-diagnose-PC-01-20261207-0930.zip:');
    expect(shown).toContain('logs/agent.log Logboek 524,3 kB');
    expect(shown).toContain('outbox.json Wachtrij van meldingen (zonder inhoud) 120 bytes');
    const english = text(render(createElement(ExportList, { listing, language: 'en', sizeUnits: 'decimal' }), 'en'));
    expect(english).toContain('README.txt Read me: what is inside, when, which agent 900 bytes');
  });

  it('says where it was saved, that the download started, or why not', () => {
    const status = (result: Parameters<typeof ExportStatus>[0]['result'], language: Language = 'nl') => text(render(createElement(ExportStatus, { busy: null, result }), language));
    expect(status({ kind: 'saved', outcome: { outcome: 'saved', path: 'D:\\hallo-diagnose.zip', bytes: 10 } })).toBe('Opgeslagen in D:\\hallo-diagnose.zip');
    expect(status({ kind: 'saved', outcome: { outcome: 'download', url: '/downloads/x/y.zip', name: 'y.zip', bytes: 10 } }, 'en')).toBe('The download of y.zip has started.');
    expect(status({ kind: 'saved', outcome: { outcome: 'cancelled' } })).toBe('Niet opgeslagen.');
    expect(status({ kind: 'error', code: 'disk-full' })).toBe('Er is niet genoeg ruimte op die plek. Er is niets half opgeslagen: kies een andere plek of maak ruimte vrij.');
    expect(status({ kind: 'error', code: 'not-written' }, 'en')).toMatch(/^The file could not be saved there/);
  });
});
