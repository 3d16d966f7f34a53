import { describe, expect, it } from 'vitest';
import { ActionError } from '../../../electron/contract';
import type { PdfRenderer, SaveTarget } from '../../../electron/agent/ports';
import { CODE, savingTarget, TOKEN } from '../admin/harness';
import { startReport, textOf } from './harness';
import { reportState } from './sample';

// "Rapport maken" as the admin view sends it: report.make { language, format } → where it went.

const printer = (): PdfRenderer & { printed: string[] } => {
  const printed: string[] = [];
  return { printed, render: async (html) => (printed.push(html), new TextEncoder().encode('%PDF-1.7 stand-in')) };
};

describe('report.make', () => {
  it('saves the HTML under the agreed name', async () => {
    const save = savingTarget();
    const { make } = startReport({ state: reportState(), save });
    const outcome = await make({ language: 'en', format: 'html' });
    expect(outcome).toEqual({ outcome: 'saved', path: '/exports/hallo-rapport-LAPTOP-ANNA-20261207.html', bytes: save.saved[0]!.bytes.byteLength });
    expect(save.saved[0]!.contentType).toBe('text/html; charset=utf-8');
    expect(textOf(new TextDecoder().decode(save.saved[0]!.bytes))).toContain('LAPTOP-ANNA needs attention');
  });

  it('prints the same document to PDF and saves the printer’s bytes', async () => {
    const save = savingTarget();
    const pdf = printer();
    const { make } = startReport({ state: reportState(), save, pdf });
    await make({ language: 'nl', format: 'pdf' });
    expect(save.saved.map((f) => [f.suggestedName, f.contentType, new TextDecoder().decode(f.bytes)])).toEqual([
      ['hallo-rapport-LAPTOP-ANNA-20261207.pdf', 'application/pdf', '%PDF-1.7 stand-in'],
    ]);
    expect(textOf(pdf.printed[0]!)).toContain('LAPTOP-ANNA vraagt aandacht');
  });

  it('says render-failed when the PDF cannot be made, and saves nothing', async () => {
    const save = savingTarget();
    const { make } = startReport({ state: reportState(), save, pdf: { render: async () => Promise.reject(new Error('Target page, context or browser has been closed')) } });
    await expect(make({ language: 'nl', format: 'pdf' })).rejects.toMatchObject({ code: 'render-failed' });
    expect(save.saved).toEqual([]);
  });

  it('passes a full disk on as disk-full', async () => {
    const full: SaveTarget = { save: async () => Promise.reject(new ActionError('disk-full', 'ENOSPC')) };
    const { make } = startReport({ state: reportState(), save: full });
    await expect(make({ language: 'nl', format: 'html' })).rejects.toMatchObject({ code: 'disk-full' });
  });

  it('is unavailable where nothing can save or print', async () => {
    await expect(startReport({ state: reportState() }).make({ language: 'nl', format: 'html' })).rejects.toMatchObject({ code: 'unavailable' });
    await expect(startReport({ state: reportState(), save: savingTarget() }).make({ language: 'nl', format: 'pdf' })).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('never carries the device token or the enrolment code, wherever they turn up', async () => {
    const state = reportState();
    state.tickets.list[1] = { ...state.tickets.list[1]!, subject: `Code ${CODE} werkt niet, token ${TOKEN}` };
    state.maintenance.entries[0] = { ...state.maintenance.entries[0]!, note: `Opnieuw aangemeld met ${CODE}` };
    const save = savingTarget();
    await startReport({ state, save }).make({ language: 'nl', format: 'html' });
    const html = new TextDecoder().decode(save.saved[0]!.bytes);
    expect(html).not.toContain(TOKEN);
    expect(html).not.toContain(CODE);
    expect(textOf(html)).toContain('Code <enrolment-code> werkt niet, token <device-token>');
  });
});
