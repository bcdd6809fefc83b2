// Keyboard (issue 22, item 6): skip buttons reach each region from the top of the page in a few key presses, and
// Escape closes the inspector; codes read as words in the event list and the inspector (item 8).
import { test, expect } from '@playwright/test';

test('from the top, the timeline is two Tabs and an Enter away', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  // From the top of a freshly opened page (the link holds the sample).
  await page.waitForTimeout(700);
  await page.reload();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip to the timeline' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const inTimeline = await page.evaluate(() => !!document.activeElement.closest('[aria-labelledby="h-timeline"]'));
  expect(inTimeline).toBe(true);
});

test('Escape closes the inspector', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  const events = page.getByRole('region', { name: 'Events', exact: true });
  await events.locator('.event-card button').first().click();
  const inspector = page.getByRole('region', { name: 'Selected mention' });
  await expect(inspector).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();
});

test('dates and kinds read as words, not codes', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  const events = page.getByRole('region', { name: 'Events', exact: true });
  await expect(events.locator('.event-card').first()).toBeVisible();
  const cards = (await events.locator('.event-card time').allTextContents()).join(' | ');
  expect(cards).not.toMatch(/PAST_REF|FUTURE_REF|XXXX|\d{4}-\d{2}-\d{2}/);
  await events.locator('.event-card button').first().click();
  const inspector = page.getByRole('region', { name: 'Selected mention' });
  await expect(inspector).not.toContainText(/from (Timex|Dct|Discourse)|\b(Day|Month)\b,/);
  await page.getByRole('region', { name: 'Article', exact: true }).locator('mark.hl-place').first().click();
  await expect(inspector).toContainText(/The place itself|Stands for its government|A nationality/);
  await expect(inspector).toContainText('% sure.');
  await expect(inspector).not.toContainText(/Literal|Metonym/);
});
