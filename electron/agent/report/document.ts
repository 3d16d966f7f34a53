import type { AgentState, Language, StatusItem } from '../../contract';
import { checklistOf, orderedChecks } from '../../contract/checklist';
import { createI18n, hasText } from '../../contract/i18n';
import { itemMessage } from '../../contract/item-message';
import { maintenanceLine } from '../../contract/maintenance-line';
import { formatGb, formatter, localizeParams } from '../../contract/numbers';
import { formatDateTime, LOCALE } from '../../contract/when';
import { maskDeep, type Masker } from '../platform/mask';
import { chartsHtml, type Translate } from './charts';
import { accentOf, cssString, esc, logoOf } from './html';
import { reportCss } from './style';

// "Rapport maken": this PC's health as one self-contained HTML document, the same for the HTML
// download and for the PDF (printed by Chromium). No scripts, nothing fetched (its own CSP says
// so too); the words are the popup's, from the catalog; every value from the state is masked
// (the user's name and home folder, the token and the code: `mask`) and then escaped.

export interface ReportInput {
  state: AgentState;
  language: Language;
  /** When the report is made (epoch ms): "the last 30 days" count back from it. */
  now: number;
  mask: Masker;
}

/** Tickets and upkeep of this many days go into the report (the popup's "Onderhoud" keeps as many). */
export const REPORT_DAYS = 30;
const DAY_MS = 24 * 60 * 60_000;

const WORST_FIRST = ['problem', 'attention', 'unknown'] as const;

export function reportHtml({ state, language, now, mask }: ReportInput): string {
  const i18n = createI18n(language);
  const t: Translate = (key, params) => i18n.t(key, params as Record<string, string>);
  /** A sentence of the catalog filled with values from the state: the values masked, the whole escaped. */
  const say = (key: string, params: Record<string, unknown> = {}) => esc(t(key, maskDeep(params, mask)));
  const value = (text: string | null | undefined) => (text === null || text === undefined || text === '' ? esc(t('admin.none')) : esc(mask(text)));
  const dayText = (iso: string) => {
    const at = new Date(iso);
    return Number.isNaN(at.getTime()) ? mask(iso) : formatter(`d:${language}`, () => new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium' })).format(at);
  };
  const day = (iso: string) => `<span class="date">${esc(dayText(iso))}</span>`;
  const since = now - REPORT_DAYS * DAY_MS;
  const recent = (iso: string) => Date.parse(iso) >= since;

  const { device, branding } = state;
  const pc = device?.hostname || t('admin.none');
  const nowIso = new Date(now).toISOString();
  const items = checklistOf(state);
  const accent = accentOf(branding.accentColor);
  const logo = logoOf(branding.logo?.dataUrl);

  const summary = () => {
    if (items.length === 0) return say('report.document.summary.none', { pc });
    const worst = WORST_FIRST.find((severity) => items.some((item) => item.severity === severity)) ?? 'ok';
    const count = items.filter((item) => (worst === 'unknown' ? item.severity === 'unknown' : item.severity !== 'ok')).length;
    return say(`report.document.summary.${worst}`, { pc, count, total: items.length });
  };

  const field = (label: string, text: string) => `<div><dt>${esc(t(label))}</dt><dd>${text}</dd></div>`;
  const deviceSection = `<section><h2>${say('report.document.device')}</h2><dl class="fields">
${field('admin.hostname', value(device?.hostname))}
${field('admin.manufacturer', value(device?.manufacturer))}
${field('admin.model', value(device?.model))}
${field('admin.serial', value(device?.serialNumber))}
${field('admin.os', value(device && [device.os.distro, device.os.release, device.os.build && `(${device.os.build})`, device.os.arch].filter(Boolean).join(' ')))}
${field('admin.cpu', value(device?.cpu))}
${field('admin.memory', device ? say('admin.memoryValue', { value: formatGb(device.memoryBytes, state.app.sizeUnits, language) }) : value(null))}
</dl></section>`;

  const checkLine = (item: StatusItem) => {
    const message = itemMessage(item, (key) => hasText(i18n, key));
    const params = localizeParams(message.params, language);
    const advice = item.severity === 'ok' ? '' : `<p class="advice">${say(message.advice, params)}</p>`;
    return `<li class="check sev-${item.severity}"><span class="sev">${say(`severity.${item.severity}`)}</span><div><p>${say(message.text, params)}</p>${advice}</div></li>`;
  };
  const checksSection = `<section><h2>${say('report.document.checks')}</h2>${
    items.length === 0 ? `<p class="muted">${say('report.document.checksNone')}</p>` : `<ul class="checks">${orderedChecks(items).map(checkLine).join('\n')}</ul>`
  }</section>`;

  const chartsSection = `<section class="keep"><h2>${say('report.document.charts')}</h2>${chartsHtml(state.health.history, language, t)}</section>`;

  const { updates } = state;
  const pending = updates.pending
    ? `<p>${say('report.document.pendingCount', { count: updates.pending.total })}</p>${
        updates.pending.updates.length === 0
          ? ''
          : `<ul class="plain">${updates.pending.updates.map((u) => `<li>${value(u.title)}${u.kb.length > 0 ? ` <span class="muted">(${value(u.kb.join(', '))})</span>` : ''}</li>`).join('')}</ul>`
      }`
    : `<p class="muted">${updates.lastCheckedAt === null ? say('updatesSection.neverChecked') : say(`updatesSection.unknown.${updates.pendingProblem?.code ?? 'failed'}`)}</p>`;
  const installedRows = [
    ...(updates.installed ?? []).filter((u) => recent(u.installedAt)).map((u) => ({
      at: u.installedAt,
      what: `${value(u.title)}${u.result === 'succeeded' ? '' : ` <span class="muted">(${say(`updatesSection.result.${u.result}`)})</span>`}`,
    })),
    ...state.maintenance.entries
      .filter((entry) => entry.kind === 'updates-installed' && recent(entry.at))
      .map((entry) => ({ at: entry.at, what: esc(mask(maintenanceLine(entry, state.app.sizeUnits, language, t))) })),
  ].sort((a, b) => b.at.localeCompare(a.at));
  const installed =
    installedRows.length > 0
      ? table(['report.document.when', 'report.document.what'], installedRows.map((row) => [day(row.at), row.what]), t)
      : `<p class="muted">${updates.installed === null ? say('report.document.installedUnknown') : say('updatesSection.installedNone')}</p>`;
  const updatesSection = `<section><h2>${say('report.document.updates')}</h2>
<h3>${say('report.document.pending')}</h3>${pending}
<h3>${say('report.document.installed')}</h3>${installed}</section>`;

  const upkeep = state.maintenance.entries.filter((entry) => recent(entry.at));
  const maintenanceSection = `<section><h2>${say('report.document.maintenance')}</h2>${
    upkeep.length === 0
      ? `<p class="muted">${say('maintenance.empty')}</p>`
      : table(
          ['report.document.when', 'report.document.what', 'report.document.by'],
          upkeep.map((entry) => [
            day(entry.at),
            `${esc(mask(maintenanceLine(entry, state.app.sizeUnits, language, t)))}${entry.note ? `<br><span class="muted">${say('maintenance.note', { note: entry.note })}</span>` : ''}`,
            say(entry.source === 'hallo' ? 'maintenance.byHallo' : 'maintenance.byPc'),
          ]),
          t,
        )
  }</section>`;

  const tickets = state.tickets.list.filter((ticket) => recent(ticket.updatedAt) || recent(ticket.createdAt));
  const ticketsSection = `<section><h2>${say('report.document.tickets')}</h2>${
    tickets.length === 0
      ? `<p class="muted">${say('report.document.ticketsNone')}</p>`
      : table(
          ['report.document.ticketNumber', 'report.document.ticketSubject', 'report.document.ticketStatus', 'report.document.ticketCreated', 'report.document.ticketUpdated'],
          tickets.map((ticket) => [esc(String(ticket.number)), value(ticket.subject), say(`myTickets.status.${ticket.status}`), day(ticket.createdAt), day(ticket.updatedAt)]),
          t,
        )
  }</section>`;

  const generated = formatDateTime(nowIso, language, 'short') ?? nowIso;
  const footer = t('report.document.footer', { pc: mask(pc), date: dayText(nowIso) });
  const title = `${t('report.document.title')} · ${mask(pc)}`;

  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${reportCss(accent, cssString(footer))}</style>
</head>
<body>
<header class="title">
${logo ? `<img class="logo" src="${esc(logo)}" alt="${esc(mask(state.connection.tenantName ?? ''))}" width="${esc(String(branding.logo!.width))}" height="${esc(String(branding.logo!.height))}">` : '<p class="wordmark" aria-hidden="true">hallo,</p>'}
<h1>${say('report.document.title')}</h1>
<p class="who">${state.connection.tenantName ? `${say('report.document.customer', { customer: state.connection.tenantName })}<br>` : ''}${say('report.document.pc', { pc })}</p>
<p class="muted">${say('report.document.generatedAt', { when: generated })}</p>
</header>
<main>
<p class="summary">${summary()}</p>
${deviceSection}
${checksSection}
${chartsSection}
${updatesSection}
${maintenanceSection}
${ticketsSection}
</main>
<footer><p class="muted">${say('report.document.agentVersion', { version: state.app.version })} · ${say('report.document.generatedAt', { when: generated })}</p></footer>
</body>
</html>
`;
}

/** A table with a header row of catalog keys; the cells are HTML already escaped. */
function table(headers: readonly string[], rows: readonly (readonly string[])[], t: Translate): string {
  return `<table><thead><tr>${headers.map((key) => `<th scope="col">${esc(t(key))}</th>`).join('')}</tr></thead>
<tbody>${rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}
