import { expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { catalogs } from '../../electron/contract/messages';
import type { RunningPreview } from './preview';

// How an employee works the report form, step by step; shared by the report-*.spec.ts files.
export const nl = catalogs.nl;

export async function openPopup(page: Page, preview: RunningPreview): Promise<void> {
  await page.goto(preview.url);
  await expect(page.locator('.skeleton')).toHaveCount(0);
  // The servicedesk's phone comes with the policy: the API is talking to us.
  await expect(page.getByRole('link', { name: /^Bel / })).toBeVisible();
}

export async function openForm(page: Page): Promise<void> {
  await page.getByRole('button', { name: nl.report.open, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: nl.report.title })).toBeVisible();
}

export function description(page: Page) {
  return page.getByLabel(nl.report.description);
}

export interface Fill {
  text: string;
  category?: string;
  impact?: keyof typeof nl.report.impactOptions;
  name?: string;
  phone?: string;
  email?: string;
}

export async function fillForm(page: Page, fill: Fill): Promise<void> {
  await description(page).fill(fill.text);
  if (fill.category) await page.getByRole('radio', { name: fill.category, exact: true }).check();
  if (fill.impact) await page.getByRole('radio', { name: nl.report.impactOptions[fill.impact] }).check();
  if (fill.name !== undefined) await page.getByLabel(nl.report.name, { exact: true }).fill(fill.name);
  if (fill.phone !== undefined) await page.getByLabel(nl.report.phone).fill(fill.phone);
  if (fill.email !== undefined) await page.getByLabel(nl.report.email).fill(fill.email);
}

export async function send(page: Page): Promise<void> {
  await page.getByRole('button', { name: nl.report.send, exact: true }).click();
}

/** Waits for "Verzonden, meldingnummer N" and returns N. */
export async function sentNumber(page: Page): Promise<number> {
  const sent = page.getByText(/^Verzonden, meldingnummer \d+$/);
  await expect(sent).toBeVisible();
  return Number((await sent.textContent())!.match(/\d+$/)![0]);
}

export async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}
