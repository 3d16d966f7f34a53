import { describe, expect, it } from 'vitest';
import type { AgentState, Language } from '../../../electron/contract';
import { createMasker } from '../../../electron/agent/platform/mask';
import { reportHtml } from '../../../electron/agent/report/document';
import { textOf } from './harness';
import { HOSTILE_SUBJECT, REPORT_NOW, reportState } from './sample';

// The health report as its reader meets it: the words on the page, in Dutch and in English.

const noMask = (text: string) => text;
const make = (language: Language, state: AgentState = reportState()) => reportHtml({ state, language, now: REPORT_NOW, mask: noMask });

describe('the health report (HTML)', () => {
  it('has every section, in Dutch, with the customer, the PC and the popup’s sentences', () => {
    const html = make('nl');
    const text = textOf(html);
    expect(html).toMatch(/^<!doctype html>\n<html lang="nl">/);
    for (const heading of ['Gezondheidsrapport', 'Computer', 'Controles', 'De afgelopen 24 uur', 'Updates', 'Onderhoud in de afgelopen 30 dagen', 'Meldingen in de afgelopen 30 dagen']) {
      expect(html).toMatch(new RegExp(`<h[12]>${heading}</h[12]>`));
    }
    expect(text).toContain('Klant: Bakkerij De Korenschoof');
    expect(text).toContain('Computer: LAPTOP-ANNA');
    expect(text).toContain('LAPTOP-ANNA vraagt aandacht: 1 van de 4 controles is niet in orde.');
    // The checklist as the popup says it, worst first, with the advice beside what is not fine.
    expect(text).toContain('Let op Schijf C: raakt vol: nog 4,2 GB vrij (3 %). Ruim bestanden op die je niet meer nodig hebt, zoals oude downloads.');
    expect(text).toContain('In orde Er is genoeg werkgeheugen vrij.');
    expect(text.indexOf('Schijf C: raakt vol')).toBeLessThan(text.indexOf('genoeg werkgeheugen'));
    // Device, updates pending and installed (the OS's list and the PC's own upkeep), maintenance, tickets.
    expect(text).toContain('Model Latitude 5440');
    expect(text).toContain('2 updates staan klaar.');
    expect(text).toContain('2026-12 Cumulatieve update voor Windows 11 (KB5044284)');
    expect(text).toContain('Stuurprogramma Intel Graphics (mislukt)');
    expect(text).toContain('3 dec 2026 3 updates geïnstalleerd');
    expect(text).toContain('5 dec 2026 Schijf nagekeken hallo, schrijft: Schijf C: gecontroleerd Door hallo,');
    expect(text).toContain('1017 Outlook start niet Opgelost 30 nov 2026 1 dec 2026');
    expect(text).toContain('hallo, agent 0.1.0');
  });

  it('says the same in English', () => {
    const text = textOf(make('en'));
    for (const words of [
      'Health report',
      'Customer: Bakkerij De Korenschoof',
      'LAPTOP-ANNA needs attention: 1 of the 4 checks is not fine.',
      'Attention Drive C: is filling up: 4.2 GB free (3%).',
      'The last 24 hours',
      'Processor: average 40%, highest 40%, lowest 40%',
      '2 updates are ready.',
      'Maintenance in the last 30 days',
      'Tickets in the last 30 days',
      '1017 Outlook start niet Resolved 30 Nov 2026 1 Dec 2026',
    ]) {
      expect(text).toContain(words);
    }
    expect(text).not.toContain('Gezondheidsrapport');
  });

  it('keeps only the tickets of the last 30 days', () => {
    const text = textOf(make('nl'));
    expect(text).toContain('1042');
    expect(text).not.toContain('Oude melding over de scanner');
  });

  it('shows a hostile ticket subject as text: no tag, no attribute, nothing run', () => {
    const html = make('nl');
    expect(textOf(html)).toContain(HOSTILE_SUBJECT);
    expect(html).toContain('Printer &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;');
    expect(html).not.toMatch(/<script|<img/i);
  });

  it('is self-contained: no scripts, nothing fetched, its own policy says so', () => {
    const html = make('nl');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`);
    expect(html).not.toMatch(/<script|<link|<iframe|\bsrc="(?!data:)|\bhref=|url\(|@import/i);
  });

  it('draws the three 24-hour charts, broken where the PC was off, each said in words', () => {
    const html = make('nl');
    const charts = [...html.matchAll(/<figure class="chart">[\s\S]*?<\/figure>/g)].map(([chart]) => chart);
    expect(charts).toHaveLength(3);
    expect(charts.map((chart) => chart.match(/aria-label="([^"]+)"/)?.[1])).toEqual([
      'Processor in de afgelopen 24 uur',
      'Geheugen in gebruik in de afgelopen 24 uur',
      'Vrije ruimte op de systeemschijf in de afgelopen 24 uur',
    ]);
    expect(textOf(charts[1]!)).toContain('Geheugen in gebruik: gemiddeld 60 %, hoogst 60 %, laagst 60 %');
    // 40 % of a 90-high chart is at y = 54; the two hours the laptop was off start a new line.
    const path = charts[0]!.match(/ d="([^"]+)"/)![1]!;
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path).toMatch(/^M0 54L/);
    expect(textOf(charts[0]!)).toContain('gisteren 09:00 nu');
  });

  it('says there is no chart yet when the history is too short', () => {
    const state = reportState();
    const text = textOf(make('nl', { ...state, health: { ...state.health, history: [] } }));
    expect(text).toContain('Nog te weinig metingen voor een grafiek.');
  });

  it('uses the customer’s accent and logo, and hallo,’s own when the branding is missing or not valid', () => {
    const logo = { dataUrl: 'data:image/png;base64,iVBORw0KGgo=', width: 200, height: 60 };
    const branded = reportState();
    branded.branding = { ...branded.branding, accentColor: '#0b5394', logo };
    const html = make('nl', branded);
    expect(html).toContain('--accent: #0b5394;');
    expect(html).toContain(`<img class="logo" src="${logo.dataUrl}" alt="Bakkerij De Korenschoof" width="200" height="60">`);

    const bad = reportState();
    bad.branding = { ...bad.branding, accentColor: 'red;}body{display:none', logo: { ...logo, dataUrl: 'https://evil.example/logo.png' } };
    const fallback = make('nl', bad);
    expect(fallback).toContain('--accent: #4b2bbd;');
    expect(fallback).not.toContain('evil.example');
    expect(fallback).toContain('<p class="wordmark" aria-hidden="true">hallo,</p>');
  });

  it('masks the user’s name and home folder wherever the state carries them', () => {
    const state = reportState();
    state.tickets.list[1] = { ...state.tickets.list[1]!, subject: 'Map C:\\Users\\anna.devries\\Documenten is weg (anna.devries)' };
    const html = reportHtml({ state, language: 'nl', now: REPORT_NOW, mask: createMasker({ username: 'anna.devries', home: 'C:\\Users\\anna.devries' }) });
    expect(html).not.toContain('anna.devries');
    expect(textOf(html)).toContain('Map C:\\Users\\<user>\\Documenten is weg (<user>)');
  });

  it('puts the PC and the date in every page’s foot, escaped for CSS', () => {
    const state = reportState();
    state.device = { ...state.device!, hostname: 'PC"}</style><script>x' };
    const html = make('nl', state);
    expect(html).not.toMatch(/<script/);
    const footer = html.match(/@bottom-left \{ content: ("[^"]*");/)?.[1];
    expect(footer).toBe('"PC\\22 \\7d \\3c \\2f style\\3e \\3c script\\3e x · gezondheidsrapport van 7 dec 2026"');
  });
});
