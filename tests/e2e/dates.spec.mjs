// A date for every article (issue 22, item 1): a pasted article with no date of its own is read as of today,
// marked as assumed, and the page asks when it was published; a date found in a saved page's metadata is kept in
// the saved view and the link.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shared, viewSaved } from './helpers.mjs';

// Written for this test: no dateline, weekdays only, one full date written in the text.
const UNDATED = [
  'Ministers fail to agree on river deal',
  '',
  'Talks between the two governments collapsed in Geneva on Tuesday after a week of meetings, officials said.',
  '',
  'Negotiators met again on Wednesday, but the ministers left without signing the agreement that had been drafted on 14 March 2025.',
].join('\n');

const timelineItems = (page) => page.getByRole('region', { name: 'Timeline', exact: true }).locator('[data-event]');

function isoToday() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

test('an undated article: today is assumed and marked, the page asks, and "Today" makes the date the person\'s', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Article text' }).fill(UNDATED);
  const prompt = page.getByRole('region', { name: 'When was this published?' });
  await expect(prompt).toBeVisible();
  await expect(prompt).toContainText("today's is assumed");
  // Until answered, the timeline is not empty: the weekdays are read as of today, and say so.
  await expect(timelineItems(page).first()).toBeVisible();
  await expect(page.locator('.dct-found')).toContainText(`${isoToday()} (assumed: no date found)`);
  await prompt.getByRole('button', { name: 'Today' }).click();
  await expect(prompt).toBeHidden();
  await expect(page.locator('.dct-found')).toContainText(`${isoToday()} (from you)`);
  await expect(timelineItems(page).first()).toBeVisible();
  await expect(page.locator('.event-card .tag.dated-by').filter({ hasText: 'date assumed' })).toHaveCount(0);
});

test('"From the text" takes the newest date written in the article, and the choice travels in the link', async ({ page, browser }) => {
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Article text' }).fill(UNDATED);
  const prompt = page.getByRole('region', { name: 'When was this published?' });
  await prompt.getByRole('button', { name: 'From the text' }).click();
  await expect(prompt).toBeHidden();
  await expect(page.locator('.dct-found')).toContainText('2025-03-14 (from the newest date in the text)');
  await viewSaved(page);
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(page.url());
  await expect(other.locator('.dct-found')).toContainText('2025-03-14 (from the newest date in the text)');
  await fresh.close();
});

test('a date picked in the prompt is used', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Article text' }).fill(UNDATED);
  const prompt = page.getByRole('region', { name: 'When was this published?' });
  await prompt.getByLabel('Publication date').fill('2025-03-20');
  await expect(prompt).toBeHidden();
  await expect(page.locator('.dct-found')).toContainText('2025-03-20 (from you)');
});

const corpus = join(shared, 'corpora', 'web', 'readability', 'bbc-1');

test('a saved page\'s date survives a reload and a fresh context', async ({ page, browser }) => {
  test.skip(!existsSync(corpus), `SKIP saved page not found at ${corpus}`);
  const published = JSON.parse(readFileSync(join(corpus, 'expected-metadata.json'), 'utf8')).publishedTime.slice(0, 10);
  await page.goto('./');
  await page.locator('input[type=file]').setInputFiles({ name: 'page.html', mimeType: 'text/html', buffer: readFileSync(join(corpus, 'source.html')) });
  const date = page.getByRole('region', { name: 'About this page' }).locator('.page-date time');
  await expect(date).toHaveAttribute('datetime', new RegExp('^' + published));
  await expect(page.locator('.dct-found')).toContainText("(from the page's metadata)");
  await viewSaved(page);
  const address = page.url();
  await page.reload();
  await expect(page.locator('.dct-found')).toContainText(`${published}`);
  await expect(page.locator('.dct-found')).toContainText("(from the page's metadata)");
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(address);
  await expect(other.getByRole('region', { name: 'About this page' }).locator('.page-date time')).toHaveAttribute('datetime', new RegExp('^' + published));
  await fresh.close();
});
