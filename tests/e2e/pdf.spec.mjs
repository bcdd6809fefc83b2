// A PDF opened in the page is read by the reader worker (the CLI's own PDF reader): the sample article printed to
// PDF by Chromium gives the same dates, places and events as its text; an encrypted or scanned PDF gets a plain
// message and the text on the page is kept.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

const sample = readFileSync('src/app/sample_article.txt', 'utf8');
const pdf = (name) => readFileSync(`tests/samples/pdf/${name}`);

test('the sample article as a PDF gives the same dates, places and events as its text', async ({ page }) => {
  await page.goto('./');
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill(sample);
  const status = page.getByRole('status');
  await expect(status).toContainText(/\d+ dates, [1-9]\d* places, [1-9]\d* events/);
  const fromText = (await status.textContent()).match(/\d+ dates, \d+ places, \d+ events/)[0];
  const eventsFromText = await page.getByRole('region', { name: 'Events', exact: true }).locator('.event-card .ev-head').allTextContents();

  for (const name of ['sample-chromium.pdf', 'sample-objstm.pdf']) {
    await page.goto('./');
    await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/pdf', buffer: pdf(name) });
    await expect(status, name).toContainText(fromText, { timeout: 15_000 });
    await expect(box).toHaveValue(new RegExp('^' + sample.split('\n')[0].slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const events = await page.getByRole('region', { name: 'Events', exact: true }).locator('.event-card .ev-head').allTextContents();
    expect(events, name).toEqual(eventsFromText);
  }
});

test('an encrypted or scanned PDF gets a message, and the text is kept', async ({ page }) => {
  await page.goto('./');
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill('My notes.');
  await page.locator('input[type=file]').setInputFiles({ name: 'locked.pdf', mimeType: 'application/pdf', buffer: pdf('sample-encrypted.pdf') });
  await expect(page.getByRole('alert').filter({ hasText: 'locked.pdf:' }).filter({ hasText: /encrypted/i })).toBeVisible({ timeout: 15_000 });
  await expect(box).toHaveValue('My notes.');
  await page.locator('input[type=file]').setInputFiles({ name: 'scan.pdf', mimeType: 'application/pdf', buffer: pdf('scanned.pdf') });
  await expect(page.getByRole('alert').filter({ hasText: 'scan.pdf:' }).filter({ hasText: /OCR/ })).toBeVisible({ timeout: 15_000 });
  await expect(box).toHaveValue('My notes.');
});
