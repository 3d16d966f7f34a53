import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { en } from '../../electron/contract/messages/en';
import { nl } from '../../electron/contract/messages/nl';
import { pdfPages } from '../integration/fixtures/pdf-text';
import { portalTickets, startPreviewProcess, type RunningPreview } from './preview';
import { expectNoAxeViolations } from './report-helpers';
import { reportProblem } from './thread-helpers';

// The on-site admin makes this PC's health report through `npm run preview` (the real agent,
// enrolled at the bundled reference API): "Rapport maken" in the admin view, as a PDF in Dutch
// (printed by the preview's Chromium, downloaded through the preview's SaveTarget, its text read
// back with pdfjs-dist) and as an HTML page in English. The employee has reported a problem first,
// so that the report has a ticket of the last 30 days.

let preview: RunningPreview;
test.beforeAll(async () => {
  preview = await startPreviewProcess(['--language', 'nl-NL']);
});
test.afterAll(async () => {
  await preview?.stop();
});

const PROBLEM = 'De printer op de tweede verdieping drukt niets af';
/** A catalog sentence with its {{placeholders}} as "anything": the check's figures are this machine's. */
const sentence = (template: string) => new RegExp(template.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\\\{\w+\\\}\\\}/g, '.+?'));
const today = (language: 'nl' | 'en') => new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium' }).format(new Date());

async function openAdmin(page: Page) {
  await page.getByRole('button', { name: nl.footer.admin }).click();
  await expect(page.getByRole('heading', { level: 1, name: nl.admin.title })).toBeVisible();
}

test('the admin makes a report: the PDF in Dutch and the HTML page in English arrive as downloads', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(preview.url);
  const { number } = await reportProblem(page, preview.api, PROBLEM);
  const subject = (await portalTickets(preview.api)).find((ticket) => ticket.number === number)!.subject;
  // "Mijn meldingen" shows the ticket once the agent has fetched the list: the report reads the same list.
  await page.getByRole('button', { name: /^Mijn meldingen/ }).click();
  await expect(page.getByRole('button', { name: new RegExp(`melding ${number}:`) })).toBeVisible();
  await page.getByRole('button', { name: nl.myTickets.back, exact: true }).click();

  await openAdmin(page);
  const tenant = (await page.locator('.field').filter({ hasText: nl.admin.tenant }).locator('dd').textContent())!;
  const card = page.getByRole('region', { name: nl.report.make.title });
  await expect(card.getByRole('radio', { name: 'Nederlands' })).toBeChecked();
  await expect(card.getByRole('radio', { name: nl.report.make.pdf })).toBeChecked();

  const pdfArriving = page.waitForEvent('download');
  await card.getByRole('button', { name: nl.report.make.submit }).click();
  const pdf = await pdfArriving;
  expect(pdf.suggestedFilename()).toMatch(/^hallo-rapport-[A-Za-z0-9-]+-\d{8}\.pdf$/);
  await expect(card.getByRole('status')).toHaveText(nl.report.make.download.replace('{{name}}', pdf.suggestedFilename()));
  const pages = await pdfPages(new Uint8Array(await readFile((await pdf.path())!)));
  const text = pages.join(' ');
  expect(text).toContain(nl.report.document.title);
  expect(text).toContain(`Computer: ${hostname()}`);
  expect(text).toContain(`Klant: ${tenant}`);
  expect(text).toMatch(new RegExp(`${sentence(nl.health.memory.ok.text).source}|${sentence(nl.health.memory.pressure.text).source}`));
  expect(text).toContain(subject);
  expect(text).toContain(`Gemaakt op ${today('nl')}`);
  expect(pages.at(-1)).toContain(`${pages.length} / ${pages.length}`);
  await expectNoAxeViolations(page);

  // The same card, in English and as a web page.
  await card.getByRole('radio', { name: 'English' }).check();
  await card.getByRole('radio', { name: nl.report.make.html }).check();
  const htmlArriving = page.waitForEvent('download');
  await card.getByRole('button', { name: nl.report.make.submit }).click();
  const html = await htmlArriving;
  expect(html.suggestedFilename()).toMatch(/^hallo-rapport-[A-Za-z0-9-]+-\d{8}\.html$/);
  await expect(card.getByRole('status')).toHaveText(nl.report.make.download.replace('{{name}}', html.suggestedFilename()));
  const page2 = await readFile((await html.path())!, 'utf8');
  expect(page2).toMatch(/^<!doctype html>\n<html lang="en">/);
  expect(page2).toContain(`<h1>${en.report.document.title}</h1>`);
  expect(page2).toContain(`Made on ${today('en')}`);
  expect(page2).not.toContain(nl.report.document.title);
});
