import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Language } from '../../../electron/contract';
import { AdminView } from '../../../renderer/src/components/AdminView';
import { ReportCard, ReportStatus } from '../../../renderer/src/components/admin/ReportCard';
import { createI18n } from '../../../renderer/src/i18n';
import { quietAdminActions, sampleState } from './sample-state';

// "Rapport maken" in the admin view as rendered text (the clicks and the downloads are driven end
// to end in tests/e2e/health-report.spec.ts).

function render(element: ReactElement, language: Language = 'nl'): string {
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(language) }, element));
}
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
const checked = (html: string) => [...html.matchAll(/<input type="radio"[^>]*>/g)].filter(([input]) => input.includes('checked=""')).map(([input]) => /value="(\w+)"/.exec(input)?.[1]);

describe('Rapport maken', () => {
  it('sits in the admin view with its choices, the UI’s language and PDF chosen', () => {
    const html = render(createElement(AdminView, { state: sampleState(), onBack: () => undefined, enroll: async () => undefined, setLanguage: () => undefined, actions: quietAdminActions() }));
    const shown = text(html);
    expect(shown).toContain('Rapport maken Een rapport over de gezondheid van deze computer');
    expect(shown).toContain('Taal van het rapport Nederlands English Bestandsvorm PDF HTML (webpagina) Rapport maken');
    expect(shown).not.toMatch(/\breport\.make\./);
  });

  it('starts in English when the UI is in English', () => {
    const html = render(createElement(ReportCard, { language: 'en', make: quietAdminActions()['report.make'] }), 'en');
    expect(checked(html)).toEqual(['en', 'pdf']);
    expect(text(html)).toContain('Language of the report Nederlands English File type PDF HTML (web page) Make report');
    expect(html).toContain('<span lang="nl">Nederlands</span>');
  });

  it('says where the report went, that the download started, or why not', () => {
    const status = (result: Parameters<typeof ReportStatus>[0]['result'], language: Language = 'nl', busy = false) =>
      text(render(createElement(ReportStatus, { busy, result }), language));
    expect(status(null, 'nl', true)).toBe('Bezig met het rapport…');
    expect(status({ kind: 'made', outcome: { outcome: 'saved', path: 'D:\\Rapporten\\hallo-rapport-PC-01-20261207.pdf', bytes: 51234 } })).toBe(
      'Het rapport is opgeslagen: D:\\Rapporten\\hallo-rapport-PC-01-20261207.pdf',
    );
    expect(status({ kind: 'made', outcome: { outcome: 'download', url: '/downloads/abc/x.pdf', name: 'hallo-rapport-PC-01-20261207.pdf', bytes: 5 } }, 'en')).toBe(
      'The report is being downloaded: hallo-rapport-PC-01-20261207.pdf',
    );
    expect(status({ kind: 'made', outcome: { outcome: 'cancelled' } })).toBe('Niet opgeslagen: je hebt het opslaan geannuleerd.');
    expect(status({ kind: 'error', code: 'render-failed' })).toBe('De pdf kon niet worden gemaakt. Probeer het opnieuw, of kies HTML.');
    expect(status({ kind: 'error', code: 'disk-full' }, 'en')).toMatch(/^There is not enough space/);
  });
});
