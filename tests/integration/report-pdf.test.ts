import { afterAll, describe, expect, it } from 'vitest';
import type { Language } from '../../electron/contract';
import { reportHtml } from '../../electron/agent/report/document';
import { createPreviewPdfRenderer } from '../../electron/preview/pdf-renderer';
import { HOSTILE_SUBJECT, REPORT_NOW, reportState } from '../unit/report/sample';
import { pdfPages } from './fixtures/pdf-text';

// The health report printed to A4 by the preview's PdfRenderer (Debian's Chromium, headless), and
// its text read back with pdfjs-dist: what a manager sees when they open the file.

const printer = createPreviewPdfRenderer();
afterAll(() => printer.close());

async function printed(language: Language): Promise<{ bytes: Uint8Array; text: string; pages: string[] }> {
  const html = reportHtml({ state: reportState(), language, now: REPORT_NOW, mask: (s) => s });
  const bytes = await printer.render(html);
  const pages = await pdfPages(bytes);
  return { bytes, pages, text: pages.join(' ') };
}

describe('the health report as a PDF (preview Chromium)', () => {
  it('prints the Dutch report: the PC, a check, the tickets, the dates, a foot on every page', async () => {
    const { bytes, text, pages } = await printed('nl');
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
    expect(text).toContain('Gezondheidsrapport');
    expect(text).toContain('Computer: LAPTOP-ANNA');
    expect(text).toContain('Klant: Bakkerij De Korenschoof');
    expect(text).toContain('Schijf C: raakt vol: nog 4,2 GB vrij (3 %).');
    expect(text).toContain('Outlook start niet');
    expect(text).toContain(HOSTILE_SUBJECT);
    expect(text).toContain('30 nov 2026');
    expect(text).toContain('Gemaakt op 7 dec 2026');
    expect(text).toContain('Processor: gemiddeld 40 %, hoogst 40 %, laagst 40 %');
    expect(pages.length).toBeGreaterThan(1);
    pages.forEach((page, index) => {
      expect(page).toContain('LAPTOP-ANNA · gezondheidsrapport van 7 dec 2026');
      expect(page).toContain(`${index + 1} / ${pages.length}`);
    });
  });

  it('prints the English report', async () => {
    const { text } = await printed('en');
    expect(text).toContain('Health report');
    expect(text).toContain('Computer: LAPTOP-ANNA');
    expect(text).toContain('Drive C: is filling up: 4.2 GB free (3%).');
    expect(text).toContain('Outlook start niet');
    expect(text).toContain('30 Nov 2026');
    expect(text).toContain('Made on 7 Dec 2026');
    expect(text).not.toContain('Gezondheidsrapport');
  });
});
