// The name tagger in the page (issue 20): the worker fetches its model after first paint, beside the gazetteer, and
// the companies no table knows are marked as organisations; the business events get their family's label.
import { test, expect } from '@playwright/test';

// Our own business brief: "Northwind" is in no table of the project and has no organisation word after it, so only
// the tagger can find it (in the body), and only the one-sense pass can find it in the headline.
const BRIEF = `Northwind buys Tarrow for $2 billion

LONDON, March 3, 2025 - Northwind said on Monday it had agreed to acquire Tarrow, the maker of garden tools, for
$2 billion. Shares of Northwind rose 4 percent in London. Tarrow's chief executive Helen Marsh will join the board.`;

test('the worker fetches the name model and marks companies no table knows as organisations', async ({ page }) => {
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Article text' }).fill(BRIEF);
  const article = page.getByRole('region', { name: 'Article', exact: true });
  await expect(article.locator('mark.hl-org').filter({ hasText: 'Northwind' })).toHaveCount(3);
  // "London" stays a place; the brief's acquisition is an event of the business family.
  await expect(article.locator('mark.hl-place').filter({ hasText: 'London' }).first()).toBeVisible();
  await expect(page.locator('.event-card.fam-business').filter({ hasText: /acqui/i }).first()).toBeVisible();
  expect(requests.some((u) => u.endsWith('data/names-en.bin')), requests.join('\n')).toBe(true);
});
