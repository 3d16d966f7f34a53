import { test, expect, type Page } from '@playwright/test';
import { catalogs } from '../../electron/contract/messages';
import { startPreviewProcess, type RunningPreview } from './preview';
import { description, nl, openForm, openPopup } from './report-helpers';

// The popup as a keyboard user and someone at 200 % zoom meet it (issue 8): the focused control is
// never hidden behind the sticky Versturen/Annuleren bar, nothing is cut off or scrolls sideways,
// and Terug, Escape and the language control leave focus where the user expects it.
const en = catalogs.en;
let preview: RunningPreview;
test.beforeAll(async () => {
  preview = await startPreviewProcess(['--language', 'nl-NL']);
});
test.afterAll(async () => {
  await preview?.stop();
});

/** The focused element lies inside the scrolling content and clear of the sticky bar. */
async function focusedInView(page: Page): Promise<{ name: string; visible: boolean }> {
  return page.evaluate(() => {
    const focused = document.activeElement as HTMLElement;
    const box = focused.getBoundingClientRect();
    const content = document.querySelector('.content')!.getBoundingClientRect();
    const bar = document.querySelector('.report-actions');
    const inBar = bar?.contains(focused) ?? false;
    const barTop = bar && !inBar ? bar.getBoundingClientRect().top : Infinity;
    const name = focused.getAttribute('aria-label') ?? (focused as HTMLInputElement).labels?.[0]?.textContent ?? focused.textContent ?? '';
    return { name, visible: box.top >= content.top - 1 && box.bottom <= Math.min(content.bottom, barTop) + 1 };
  });
}

test('tabbing through the form: every focused field is in view, never behind Versturen/Annuleren', async ({ page }) => {
  await page.setViewportSize({ width: 380, height: 560 }); // the Electron popup's size
  await openPopup(page, preview);
  await openForm(page);
  await expect(description(page)).toBeFocused();
  const seen: string[] = [];
  const cancel = page.getByRole('button', { name: nl.report.cancel });
  while (!(await cancel.evaluate((el) => el === document.activeElement)) && seen.length < 40) {
    await page.keyboard.press('Tab');
    const where = await focusedInView(page);
    expect(where.visible, `focused "${where.name}" is hidden`).toBe(true);
    seen.push(where.name);
  }
  expect(seen).toContain(nl.report.name);
  expect(seen).toContain(nl.report.phone);
  await page.getByRole('button', { name: nl.report.cancel }).click();
});

/** No sideways scrolling, and every button wholly inside the window. */
async function nothingCutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of [document.documentElement, ...document.querySelectorAll<HTMLElement>('.content, .flyout, .footer')]) {
      if (el.scrollWidth > el.clientWidth + 1) out.push(`${el.className || el.tagName} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
    }
    for (const button of document.querySelectorAll<HTMLElement>('button, a, select, input')) {
      const box = button.getBoundingClientRect();
      if (box.width === 0) continue;
      if (box.left < -1 || box.right > width + 1) out.push(`"${button.textContent?.trim() || button.getAttribute('aria-label')}" is cut off (${box.left}..${box.right} of ${width})`);
      if (button.scrollWidth > button.clientWidth + 1) out.push(`"${button.textContent?.trim()}" overflows its button`);
    }
    return out;
  });
}

test('at 200 % zoom nothing is cut off and nothing scrolls sideways: main view, form and admin view', async ({ page }) => {
  // The popup's 380 × 560 at 200 %: half as many CSS pixels.
  await page.setViewportSize({ width: 190, height: 280 });
  await openPopup(page, preview);
  expect(await nothingCutOff(page)).toEqual([]);
  await openForm(page);
  expect(await nothingCutOff(page)).toEqual([]);
  await page.getByRole('button', { name: nl.report.cancel }).click();
  await page.getByRole('button', { name: nl.footer.admin }).click();
  await expect(page.getByRole('heading', { level: 1, name: nl.admin.title })).toBeVisible();
  expect(await nothingCutOff(page)).toEqual([]);
});

test('Terug and Escape return focus to where the user came from; the language control keeps it', async ({ page }) => {
  await openPopup(page, preview);
  const tickets = page.getByRole('button', { name: /^Mijn meldingen/ });
  await tickets.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: nl.myTickets.title })).toBeFocused();
  await page.getByRole('button', { name: nl.myTickets.back }).press('Enter');
  await expect(tickets).toBeFocused();

  await tickets.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: nl.myTickets.title })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(tickets).toBeFocused();

  const admin = page.getByRole('button', { name: nl.footer.admin });
  await admin.press('Enter');
  const language = page.getByLabel(nl.admin.language);
  await language.focus();
  await language.selectOption('en');
  await expect(page.getByRole('heading', { level: 1, name: en.admin.title })).toBeVisible();
  await expect(page.getByLabel(en.admin.language)).toBeFocused();
  await page.getByLabel(en.admin.language).selectOption('nl');
  await expect(page.getByLabel(nl.admin.language)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(admin).toBeFocused();
});

test('Escape on the form closes it with the draft kept and focus on Meld een probleem', async ({ page }) => {
  await openPopup(page, preview);
  await openForm(page);
  await description(page).fill('Outlook start niet op.');
  await page.keyboard.press('Escape');
  const open = page.getByRole('button', { name: nl.report.open, exact: true });
  await expect(open).toBeFocused();
  await open.press('Enter');
  await expect(description(page)).toHaveValue('Outlook start niet op.');
  await page.getByRole('button', { name: nl.report.cancel }).click();
});
