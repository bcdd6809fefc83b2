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

test('selecting a place lights up its events on the timeline and in the list (item 5)', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  const article = page.getByRole('region', { name: 'Article', exact: true });
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  const events = page.getByRole('region', { name: 'Events', exact: true });
  // The first place mark with events of its own.
  const marks = article.locator('mark.hl-place');
  const count = await marks.count();
  let lit = 0;
  for (let k = 0; k < count && lit === 0; k++) {
    await marks.nth(k).click();
    lit = await events.locator('.event-card.related').count();
  }
  expect(lit).toBeGreaterThan(0);
  await expect(timeline.locator('.tl-item.related').first()).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(events.locator('.event-card.related')).toHaveCount(0);
});
