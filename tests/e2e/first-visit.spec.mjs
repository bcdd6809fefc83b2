// The first visit (issue 22, item 8): an empty page says what to do and offers the sample, instead of
// "0 dates, 0 places, 0 events" and an axis of hours; clearing the text comes back to it.
import { test, expect } from '@playwright/test';
import { region } from './helpers.mjs';
import AxeBuilder from '@axe-core/playwright';

async function expectWelcome(page) {
  await expect(page.getByRole('status')).toHaveText('', { timeout: 20_000 });
  await expect(page.locator('main')).not.toContainText(/\b0 (dates|places|events)\b/);
  // No axis of hours on an empty timeline, only a word of what will be there.
  await expect(region(page, 'Timeline').locator('svg.tl-main')).toHaveCount(0);
  await expect(region(page, 'Timeline')).not.toContainText(/\d\d:00|1970/);
  await expect(region(page, 'Timeline')).toContainText('Events appear here');
  // No date is "assumed" for a text that is not there.
  await expect(page.locator('main')).not.toContainText('assumed');
  // One sentence says what to do: paste, drop a file or a saved page, or try the sample, which is offered.
  const welcome = page.locator('.welcome');
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText(/paste/i);
  await expect(welcome).toContainText(/drop a file/i);
  await expect(welcome).toContainText(/web page saved/i);
  await expect(welcome).toContainText(/sample/i);
  await expect(page.getByRole('button', { name: 'Try the sample' })).toBeVisible();
}

test('a fresh visit says what to do and offers the sample', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('./');
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeVisible();
  // Long enough for the engine to start and answer for the empty text (which used to show its zero counts).
  await page.waitForTimeout(2500);
  await expectWelcome(page);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)).toEqual([]);
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/, { timeout: 20_000 });
  await expect(page.locator('.welcome')).toHaveCount(0);
  await expect(region(page, 'Timeline').locator('[data-event]').first()).toBeVisible();
  await context.close();
});

test('clearing the text comes back to the first view, not to zero counts', async ({ page }) => {
  await page.goto('./');
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill('Rain hit Faenza on Wednesday, officials said.');
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* dates/, { timeout: 20_000 });
  await expect(page.locator('.welcome')).toHaveCount(0);
  await box.fill('');
  await expectWelcome(page);
});
