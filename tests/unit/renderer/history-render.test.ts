import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import type { HealthState, HistoryPoint, Language } from '../../../electron/contract';
import { appendHistory } from '../../../electron/agent/health/history';
import { Details } from '../../../renderer/src/components/Details';
import { createI18n } from '../../../renderer/src/i18n';
import { formatTime } from '../../../renderer/src/format';

// The charts in Details as the employee (and a screen reader) meets them: three small charts of
// the last 24 hours, each a figure whose caption says average, highest and lowest in words.

const NOW = Date.parse('2026-03-02T17:00:00Z');
const MIN = 60_000;
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** A day as the agent keeps it: a sample a minute, busy from 08:00 to 12:00, the disk filling from 30 % free to 20 %. */
function day(disk = true): HistoryPoint[] {
  let history: HistoryPoint[] = [];
  for (let at = NOW - 24 * 60 * MIN + MIN; at <= NOW; at += MIN) {
    const busy = new Date(at).getUTCHours() >= 8 && new Date(at).getUTCHours() < 12;
    history = appendHistory(history, {
      at: new Date(at).toISOString(),
      cpuLoadPercent: busy ? 80 : 10,
      memoryUsedPercent: busy ? 70 : 40,
      diskFreePercent: disk ? 20 + (NOW - at) / MIN / 144 : null,
    });
  }
  return history;
}

function render(history: HistoryPoint[], language: Language): string {
  const health: HealthState = { collectedAt: new Date(NOW).toISOString(), items: [], figures: null, history };
  const i18n = createI18n(language);
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(Details, { health, units: 'binary', language })));
}

const figures = (html: string) => [...html.matchAll(/<figure class="history-chart">(.*?)<\/figure>/g)].map((m) => m[1]!);

describe('the history charts in Details', () => {
  it('in Dutch: three charts of the last 24 hours, each with its figures in words', () => {
    const html = render(day(), 'nl');
    expect(text(html)).toContain('De afgelopen 24 uur');
    const charts = figures(html);
    expect(charts.map((c) => text(c.slice(c.indexOf('<figcaption>'), c.indexOf('</figcaption>'))).trim())).toEqual([
      'Processor: gemiddeld 22 %, hoogst 80 %, laagst 10 %',
      'Geheugen in gebruik: gemiddeld 45 %, hoogst 70 %, laagst 40 %',
      'Vrije ruimte op de systeemschijf: gemiddeld 25 %, hoogst 30 %, laagst 20 %',
    ]);
    // Each chart is one image with a name; the time axis under them is for the eye only.
    expect(charts.map((c) => /<svg[^>]*role="img"[^>]*aria-label="([^"]+)"/.exec(c)?.[1])).toEqual([
      'Processor in de afgelopen 24 uur',
      'Geheugen in gebruik in de afgelopen 24 uur',
      'Vrije ruimte op de systeemschijf in de afgelopen 24 uur',
    ]);
    expect(html).toMatch(new RegExp(`<div class="history-axis" aria-hidden="true"><span>gisteren ${formatTime(new Date(NOW - 24 * 60 * MIN), 'nl')}</span><span>nu</span></div>`));
    expect(charts.every((c) => /<path class="spark-\w+" d="M[^"]+"/.test(c))).toBe(true);
  });

  it('in English', () => {
    const charts = figures(render(day(), 'en')).map((c) => text(c.slice(c.indexOf('<figcaption>'), c.indexOf('</figcaption>'))).trim());
    expect(charts).toEqual([
      'Processor: average 22%, highest 80%, lowest 10%',
      'Memory in use: average 45%, highest 70%, lowest 40%',
      'Free space on the system drive: average 25%, highest 30%, lowest 20%',
    ]);
  });

  it('a figure never measured says so instead of a line', () => {
    const charts = figures(render(day(false), 'nl'));
    expect(text(charts[2]!)).toContain('Vrije ruimte op de systeemschijf: niet gemeten');
    expect(charts[2]).toMatch(/<path class="spark-disk" d=""/);
  });

  it('with fewer than two points, no charts but a sentence', () => {
    const html = render([{ at: new Date(NOW).toISOString(), cpuLoadPercent: 5, memoryUsedPercent: 5, diskFreePercent: 5 }], 'nl');
    expect(figures(html)).toEqual([]);
    expect(text(html)).toContain('Nog te weinig metingen voor een grafiek.');
  });
});
