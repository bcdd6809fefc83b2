// The data files on a slow connection: the engine worker asks for the gazetteer and the name model when it
// starts, and the page posts its article before they arrive. Meanwhile the worker warms the engine with that
// article (`dateline::prepare`); once the files are in, the answer must be the whole analysis, places and names
// included, with no error on the way. (How much sooner it comes is measured by `scripts/bench-browser`, never
// asserted here.)
import { test, expect } from '@playwright/test';
import { deflateRawSync } from 'node:zlib';

/** A share link as `src/share.rs` writes one: `v1.` + base64url(raw deflate(JSON)). */
const linkOf = (view) => `v1.${deflateRawSync(Buffer.from(JSON.stringify(view)), { level: 9 }).toString('base64url')}`;

const TEXT = 'LYON, 3 May 2025 — Flooding in Lyon killed two people on Friday, officials said. Rescue teams ' +
  'from Grenoble arrived on Saturday, and Mayor Claire Dubois thanked them.';

test('an article posted while the data files are on their way is answered in full once they arrive', async ({ page }) => {
  const held = [];
  // The worker's requests: routed on the context (a page route does not see a dedicated worker's fetches).
  await page.context().route(/\/data\/(gazetteer\.bin|names-en\.bin)$/, async (route) => {
    held.push(new URL(route.request().url()).pathname.split('/').pop());
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    await route.continue();
  });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(`./#${linkOf({ text: TEXT })}`);
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* dates, [1-9]\d* places, [1-9]\d* events/, {
    timeout: 30_000,
  });
  expect([...new Set(held)].sort()).toEqual(['gazetteer.bin', 'names-en.bin']);
  // Placed on the map (the gazetteer arrived and was used), with no note that places were skipped.
  await expect(page.getByRole('region', { name: 'Map', exact: true }).locator('.marker').first()).toBeVisible();
  await expect(page.locator('main')).not.toContainText(/gazetteer could not be loaded|No gazetteer/i);
  expect(errors).toEqual([]);
});
