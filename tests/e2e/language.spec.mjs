// A text in a language Dateline does not read yet: a plain message, figures only, and "Analyse as English anyway".
import { test, expect } from '@playwright/test';

// Our own French news paragraph, with places the English gazetteer knows.
const FRENCH = `Inondations dans le sud de la France

Les pluies ont frappé Nîmes et Montpellier le 2016-09-05, a déclaré le préfet. Les secours sont arrivés dans la \
nuit et les habitants de la ville ont été évacués vers les écoles de la région, avec l'aide des pompiers qui \
sont restés sur place pendant toute la semaine.`;

test('a French article gets the language message, no map, and can be analysed as English anyway', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Article text' }).fill(FRENCH);
  const message = page.locator('.notice.language');
  await expect(message).toContainText('This article looks French; Dateline reads English for now');
  await expect(page.getByRole('status')).toContainText(/ 0 places/);
  await expect(page.getByRole('region', { name: 'Map', exact: true }).locator('.marker')).toHaveCount(0);

  await message.getByRole('button', { name: 'Analyse as English anyway' }).click();
  await expect(message).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText(/ [1-9]\d* places/);
  await expect(page.getByRole('region', { name: 'Map', exact: true }).locator('.marker').first()).toBeAttached();

  // A new text is read afresh: English gets no message.
  await page.getByRole('textbox', { name: 'Article text' }).fill('Floods hit Nimes on Monday, officials said, and the rain went on for days in the south of France.');
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* places/);
  await expect(message).toHaveCount(0);
});
