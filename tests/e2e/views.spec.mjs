// The views people take away (issue 22, item 9, in part): an embed view (?embed) with the link's views and no
// input, and a print stylesheet without the controls; screenshots of both in test-artifacts/.
import { test, expect } from '@playwright/test';
import { join } from 'node:path';
import { artifacts, viewSaved } from './helpers.mjs';

async function sampleLink(page) {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  await viewSaved(page);
  return page.url();
}

test('?embed shows the link\'s views without the input or the share bar', async ({ page }) => {
  const link = await sampleLink(page);
  const url = new URL(link);
  url.search = '?embed';
  await page.goto(url.toString());
  await expect(page.getByRole('region', { name: 'Timeline', exact: true }).locator('[data-event]').first()).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Article text' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Copy link' })).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Map', exact: true })).toBeVisible();
  await page.screenshot({ path: join(artifacts, 'embed.png'), fullPage: true });
});

test('printing hides the controls and keeps the views', async ({ page }) => {
  await sampleLink(page);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Try the sample' })).toBeHidden();
  await expect(page.getByRole('region', { name: 'Timeline', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Events', exact: true })).toBeVisible();
  await page.screenshot({ path: join(artifacts, 'print.png'), fullPage: true });
});
