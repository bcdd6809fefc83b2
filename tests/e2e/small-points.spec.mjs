// The smaller points of issue 22 (item 10), as a reader meets them in the page: diplomats sent home are an
// expulsion (diplomacy), not a military operation; "Theresa May" is one person (and "May" alone is her, not a month); a
// possessive stays out of a name; a Markdown dateline in bold dates the article.
import { test, expect } from '@playwright/test';

// Written for this test.
const EXPULSION = `Britain to expel Russian diplomats

LONDON, March 14, 2018 (Wire) - Prime Minister Theresa May said on Wednesday that Britain would expel 23 Russian
diplomats over the poisoning of a former spy. May told parliament the diplomats had one week to leave.
Bashar al-Assad's envoy in London made no comment.`;

const MARKDOWN = `**VALENCIA, Spain, 30 October 2024**

Flash floods killed at least 95 people on Tuesday in the region of Valencia, officials said.`;

async function analyse(page, text) {
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  return page.getByRole('region', { name: 'Article', exact: true });
}

test('diplomats expelled are an expulsion, and Theresa May is one person', async ({ page }) => {
  const article = await analyse(page, EXPULSION);
  await expect(article.locator('mark.hl-person').filter({ hasText: /^Theresa May$/ })).toHaveCount(1, { timeout: 20_000 });
  // "May told parliament": her surname alone, a person, not the month.
  await expect(article.locator('mark.hl-person').filter({ hasText: /^May$/ })).toHaveCount(1);
  await expect(article.locator('mark.hl-date').filter({ hasText: /^May$/ })).toHaveCount(0);
  // The possessive is not part of the name.
  await expect(article.locator('mark.hl-person').filter({ hasText: /^Bashar al-Assad$/ })).toHaveCount(1);
  const cards = page.locator('.event-card');
  await expect(cards.filter({ hasText: /expel/i }).first()).toBeVisible();
  const expulsion = cards.filter({ hasText: /expel/i }).first();
  await expect(expulsion).toHaveClass(/fam-diplomacy/);
  await expect(cards.filter({ hasText: /military/i })).toHaveCount(0);
});

test('a bold Markdown dateline dates the article', async ({ page }) => {
  await analyse(page, MARKDOWN);
  await expect(page.locator('.dct-found')).toContainText('2024-10-30 (from the dateline)', { timeout: 20_000 });
  // Its Tuesday is the day before, not a guess from today.
  await expect(page.locator('.event-card').first()).toContainText('29 Oct 2024');
});

test('articles without a date still add their events to the shared timeline', async ({ page }) => {
  // Written for this test: two undated reports; each is read as of today (assumed, and said so).
  await page.goto('./');
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill('Floods hit the town of Faenza on Wednesday, killing three people, officials said.');
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events?/, { timeout: 20_000 });
  await page.getByRole('button', { name: 'Add another article' }).click();
  await expect(box).toHaveValue('');
  await box.fill('Protesters marched through Bologna on Thursday against the new law, police said.');
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events?/, { timeout: 20_000 });
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  await expect(timeline.locator('.tl-item.art-0').first()).toBeVisible();
  await expect(timeline.locator('.tl-item.art-1').first()).toBeVisible();
});
