// Keyboard (issue 22, item 6): skip buttons reach each region from the top of the page in a few key presses, and
// Escape closes the inspector; codes read as words in the event list and the inspector (item 8).
import { test, expect } from '@playwright/test';
import { viewSaved } from './helpers.mjs';

test('from the top, the timeline is two Tabs and an Enter away', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  // From the top of a freshly opened page (the link holds the sample).
  await viewSaved(page);
  await page.reload();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Skip to the timeline' })).toBeFocused();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  const inTimeline = await page.evaluate(() => !!document.activeElement.closest('[aria-labelledby="h-timeline"]'));
  expect(inTimeline).toBe(true);
});

test('Escape closes the inspector', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  const events = page.getByRole('region', { name: 'Events', exact: true });
  await events.locator('.event-card button').first().click();
  const inspector = page.getByRole('region', { name: 'Selected mention' });
  await expect(inspector).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();
});

test('dates and kinds read as words, not codes', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  const events = page.getByRole('region', { name: 'Events', exact: true });
  await expect(events.locator('.event-card').first()).toBeVisible();
  const cards = (await events.locator('.event-card time').allTextContents()).join(' | ');
  expect(cards).not.toMatch(/PAST_REF|FUTURE_REF|XXXX|\d{4}-\d{2}-\d{2}/);
  await events.locator('.event-card button').first().click();
  const inspector = page.getByRole('region', { name: 'Selected mention' });
  await expect(inspector).not.toContainText(/from (Timex|Dct|Discourse)|\b(Day|Month)\b,/);
  await page.getByRole('region', { name: 'Article', exact: true }).locator('mark.hl-place').first().click();
  await expect(inspector).toContainText(/The place itself|Stands for its government|A nationality/);
  await expect(inspector).toContainText('% sure.');
  await expect(inspector).not.toContainText(/Literal|Metonym/);
});

test('selecting a place lights up its events on the timeline and in the list (item 5)', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  const article = page.getByRole('region', { name: 'Article', exact: true });
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  const events = page.getByRole('region', { name: 'Events', exact: true });
  // The first place mark with events of its own.
  const marks = article.locator('mark.hl-place');
  const count = await marks.count();
  let lit = 0;
  for (let k = 0; k < count && lit === 0; k++) {
    await marks.nth(k).click();
    lit = await events.locator('.event-card.related').count();
  }
  expect(lit).toBeGreaterThan(0);
  await expect(timeline.locator('.tl-item.related').first()).toBeAttached();
  await page.keyboard.press('Escape');
  await expect(events.locator('.event-card.related')).toHaveCount(0);
});

test('wheel zoom on the timeline keeps the event under the pointer in place, on the broken axis too (item 3)', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  const svg = await timeline.locator('svg.tl-main').boundingBox();
  // The narrowest bar well inside the view: the pointer goes on its middle.
  const bars = await timeline.locator('[data-event]').evaluateAll((els) =>
    els.map((g) => {
      const r = g.querySelector('.tl-bar').getBoundingClientRect();
      return { id: g.getAttribute('data-event'), x: r.x, width: r.width, y: r.y, height: r.height };
    }),
  );
  const inside = bars.filter((b) => b.x > svg.x + 100 && b.x + b.width < svg.x + svg.width - 100);
  expect(inside.length).toBeGreaterThan(0);
  const chosen = inside.reduce((a, b) => (b.width < a.width ? b : a));
  // A short event's bar is drawn wider than its day: the pointer goes on the bar's left end, its first moment.
  await page.mouse.move(chosen.x + 1, chosen.y + chosen.height / 2);
  for (let k = 0; k < 6; k++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(80);
  }
  const after = await timeline.locator(`[data-event="${chosen.id}"] .tl-bar`).boundingBox();
  // The bar's start was under the pointer: it still is, within 5 px, and the bar grew.
  expect(Math.abs(after.x - chosen.x)).toBeLessThanOrEqual(5);
  expect(after.width).toBeGreaterThan(chosen.width);
  // Years are visible after zooming.
  const ticks = (await timeline.locator('svg.tl-main text').allTextContents()).join(' ');
  expect(ticks).toMatch(/\b(19|20)\d\d\b/);
});

test('wheel zoom on the map keeps the marker under the pointer in place (item 4)', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  const map = page.getByRole('region', { name: 'Map', exact: true });
  const marker = map.locator('.marker').first();
  await expect(marker).toBeVisible();
  const label = await marker.getAttribute('aria-label');
  const before = await marker.locator('circle').first().boundingBox();
  const cx = before.x + before.width / 2;
  const cy = before.y + before.height / 2;
  await page.mouse.move(cx, cy);
  for (let k = 0; k < 4; k++) {
    await page.mouse.wheel(0, -100);
    await page.waitForTimeout(80);
  }
  // The marker of the same place (clusters may split as the map zooms in: the one whose label starts alike).
  const name = label.split(/[ ,]/)[0];
  const after = await map.locator('.marker').evaluateAll((els, name) =>
    els.filter((m) => (m.getAttribute('aria-label') || '').startsWith(name)).map((m) => {
      const r = m.querySelector('circle').getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }), name);
  expect(after.length).toBeGreaterThan(0);
  const nearest = Math.min(...after.map((p) => Math.hypot(p.x - cx, p.y - cy)));
  expect(nearest).toBeLessThanOrEqual(5);
});
