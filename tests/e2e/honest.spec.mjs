// Honest events (issue 22, item 2): the failed talks of the reference article are drawn as "did not happen" (an
// outline, a label that says so) and exported with that status, not as a fact.
import { test, expect } from '@playwright/test';
import { existsSync, readFileSync } from 'node:fs';
import { seedPath } from './helpers.mjs';

test.skip(!existsSync(seedPath), `SKIP reference article not found at ${seedPath}`);

test('the failed talks are drawn as "did not happen" and exported as cancelled', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Article text' }).fill(readFileSync(seedPath, 'utf8'));
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/, { timeout: 20_000 });
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  const unreal = timeline.locator('.tl-item.unreal');
  await expect(unreal.first()).toBeAttached();
  const labels = await unreal.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  expect(labels.some((l) => /did not happen/.test(l))).toBe(true);
  const downloaded = page.waitForEvent('download');
  await page.getByRole('button', { name: 'iCalendar' }).click();
  const file = await (await downloaded).path();
  const ics = readFileSync(file, 'utf8').replace(/\r\n[ \t]/g, '');
  expect(ics).toMatch(/STATUS:CANCELLED\r\nSUMMARY:Did not happen: /);
  expect(ics).toContain('STATUS:CONFIRMED');
  const csvDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV' }).click();
  const csv = readFileSync(await (await csvDownload).path(), 'utf8');
  expect(csv.split('\r\n')[0]).toContain(',status,');
  expect(csv).toContain('did not happen');
});
