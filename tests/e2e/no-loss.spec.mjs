// Opening a share link never silently replaces the article a person had (issue 22, item 7): type notes, open a
// link, type one character, reload: the notes are offered back, and restoring them keeps the link's article too.
import { test, expect } from '@playwright/test';
import { viewSaved } from './helpers.mjs';

const NOTES = 'My own notes on the river talks, not yet anywhere else.';

test('a link does not overwrite the autosaved article: it is offered back, also after an edit and a reload', async ({ page }) => {
  // A link to the sample article.
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  await viewSaved(page);
  const link = page.url();
  expect(link).toContain('#v1.');

  // The person's own notes, autosaved.
  await page.goto('about:blank');
  await page.goto(link.split('#')[0]);
  const box = page.getByRole('textbox', { name: 'Article text' });
  const offer = page.getByRole('alert').filter({ hasText: 'Restore your last article' });
  if (await offer.isVisible()) await offer.getByRole('button', { name: 'Discard' }).click();
  await box.fill(NOTES);
  await viewSaved(page);

  // Opening the link shows its article, and offers the notes back at once.
  await page.goto('about:blank');
  await page.goto(link);
  await expect(box).not.toHaveValue(NOTES);
  await expect(offer).toContainText('(11 words)');
  // An edit of the link's article, then a reload: the notes are still offered.
  await box.press('End');
  await box.type('!');
  await viewSaved(page);
  await page.reload();
  await expect(offer).toContainText('(11 words)');
  await offer.getByRole('button', { name: 'Restore' }).click();
  await expect(box).toHaveValue(NOTES);
  // The link's article the notes replaced is kept in turn: after a reload (the address now holds the notes) it is
  // the one offered back.
  await viewSaved(page);
  await page.reload();
  await expect(box).toHaveValue(NOTES);
  await expect(offer).toBeVisible();
  await expect(offer).not.toContainText('(11 words)');
});
