// The app shell end to end: regions, the reference article, inert HTML drops, and no foreign requests.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, seedPath, watchRequests } from './helpers.mjs';

test('the page has the input and the four named regions', async ({ page, baseURL }) => {
  const foreign = watchRequests(page, baseURL);
  await page.goto('./');
  const input = page.getByRole('region', { name: 'Input' });
  await expect(input.getByRole('textbox', { name: 'Article text' })).toBeVisible();
  for (const name of ['Article', 'Timeline', 'Map', 'Events']) {
    await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
  }
  expect(foreign).toEqual([]);
});

test('the sample article is analysed and highlighted', async ({ page, baseURL }) => {
  const foreign = watchRequests(page, baseURL);
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  const article = page.getByRole('region', { name: 'Article', exact: true });
  await expect(article).toContainText('Emilia-Romagna');
  await expect(page.getByRole('status')).toContainText(/\d+ dates/);
  expect(foreign).toEqual([]);
});

test('the reference article is analysed and rendered', async ({ page, baseURL }) => {
  test.skip(!existsSync(seedPath), `reference article not found at ${seedPath}`);
  const foreign = watchRequests(page, baseURL);
  await page.goto('./');
  const text = readFileSync(seedPath, 'utf8');
  await page.getByRole('textbox', { name: 'Article text' }).fill(text);
  const article = page.getByRole('region', { name: 'Article', exact: true });
  await expect(article).toContainText('Tartus');
  // The analysis arrived: the status reports counts, and the text shows highlighted mentions.
  await expect(page.getByRole('status')).toContainText(/\d+ dates, \d+ places, \d+ events/);
  await expect(article.locator('mark.hl-date').first()).toBeVisible();
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, 'reference-article.png'), fullPage: true });
  expect(foreign).toEqual([]);
});

test('a dropped HTML file gives its text only: no script or handler runs, nothing loads', async ({ page, baseURL }) => {
  const foreign = watchRequests(page, baseURL);
  await page.goto('./');
  const html = `<html><head><title>Dropped</title><script>window.__pwned = 'script'</script></head>
    <body><p>Rain hit Faenza on Wednesday.</p><img src="https://example.invalid/x.png" onerror="window.__pwned='onerror'">
    <iframe src="https://example.invalid/"></iframe><p>Schools stayed closed.</p></body></html>`;
  const dataTransfer = await page.evaluateHandle((content) => {
    const dt = new DataTransfer();
    dt.items.add(new File([content], 'story.html', { type: 'text/html' }));
    return dt;
  }, html);
  await page.getByRole('region', { name: 'Input' }).dispatchEvent('drop', { dataTransfer });
  const box = page.getByRole('textbox', { name: 'Article text' });
  await expect(box).toHaveValue(/Rain hit Faenza on Wednesday\.\s+Schools stayed closed\./);
  await expect(box).not.toHaveValue(/__pwned/);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
  expect(foreign).toEqual([]);
});
