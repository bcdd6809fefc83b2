// Accessibility (issue 22): axe finds no violation with the built-in sample analysed, in the light and dark themes
// and on a phone, with nothing selected and with the inspector open; and the screenshots people look at first
// (test-artifacts/desktop.png, dark.png, phone.png, phone-sheet.png).
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts } from './helpers.mjs';

mkdirSync(artifacts, { recursive: true });

const looks = [
  ['desktop', { colorScheme: 'light', viewport: { width: 1280, height: 1000 } }],
  ['dark', { colorScheme: 'dark', viewport: { width: 1280, height: 1000 } }],
  ['phone', { colorScheme: 'light', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
];

const violations = async (page) => {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target})`);
};

for (const [name, options] of looks) {
  test(`axe is clean with the sample analysed: ${name}`, async ({ browser }) => {
    // Two axe runs over the whole page.
    test.setTimeout(60_000);
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto('./');
    await page.getByRole('button', { name: 'Try the sample' }).click();
    await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/, { timeout: 20_000 });
    await expect(page.getByRole('region', { name: 'Map', exact: true }).locator('.marker').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'Events', exact: true }).locator('.event-card').first()).toBeVisible();
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(name === 'dark');
    await page.screenshot({ path: join(artifacts, `${name}.png`), fullPage: true });
    expect(await violations(page), `${name}, nothing selected`).toEqual([]);
    // An event selected: the inspector is open (a sheet on the phone) and every view shows the selection.
    const card = page.getByRole('region', { name: 'Events', exact: true }).locator('.event-card button').first();
    if (name === 'phone') await card.tap(); else await card.click();
    await expect(page.getByRole('region', { name: 'Selected mention' })).toBeVisible();
    await page.waitForTimeout(300);
    if (name === 'phone') await page.screenshot({ path: join(artifacts, 'phone-sheet.png') });
    expect(await violations(page), `${name}, an event selected`).toEqual([]);
    await context.close();
  });
}
