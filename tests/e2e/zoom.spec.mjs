// Zoom buttons and fit (issue 22, items 3 and 4): "+" and "−" zoom the timeline and the map around the selection
// (or the middle), "Fit" and one key ("0" or "f") bring every event back; no sequence of zooms leaves an empty view
// without a way back.
import { test, expect } from '@playwright/test';
import { openSample as sample, region } from './helpers.mjs';

/** The ids of the events drawn on the timeline inside its box. */
async function eventsInView(timeline) {
  return timeline.locator('svg.tl-main').evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('[data-event]')]
      .filter((g) => {
        const r = g.querySelector('.tl-bar').getBoundingClientRect();
        return r.right > box.left && r.left < box.right;
      })
      .map((g) => g.getAttribute('data-event'))
      .sort();
  });
}

test('timeline: twenty zooms out and in leave a way back, and Fit shows every event again', async ({ page }) => {
  await sample(page);
  const timeline = region(page, 'Timeline');
  const all = await eventsInView(timeline);
  expect(all.length).toBeGreaterThan(2);
  const zoomIn = timeline.getByRole('button', { name: /^Zoom in/ });
  const zoomOut = timeline.getByRole('button', { name: /^Zoom out/ });
  for (let k = 0; k < 20; k++) await zoomOut.click();
  for (let k = 0; k < 20; k++) await zoomIn.click();
  for (let k = 0; k < 20; k++) await zoomIn.click();
  // Deep in: the view may hold no event at all, and then it says how to get back.
  if ((await eventsInView(timeline)).length === 0) {
    await expect(timeline.locator('.tl-empty-view')).toContainText('Fit');
  }
  const fit = timeline.getByRole('button', { name: /^Fit/ });
  await expect(fit).toHaveAttribute('title', /0 or F/);
  await fit.click();
  expect(await eventsInView(timeline)).toEqual(all);
  // The key does the same: "+" twenty times, then "f".
  await timeline.locator('svg.tl-main').focus();
  for (let k = 0; k < 20; k++) await page.keyboard.press('+');
  expect((await eventsInView(timeline)).length).toBeLessThan(all.length);
  await page.keyboard.press('f');
  expect(await eventsInView(timeline)).toEqual(all);
  await expect(timeline.locator('.hint').first()).toContainText('0 or F to fit');
});

test('timeline: "+" zooms around the selected event, which stays where it is drawn', async ({ page }) => {
  await sample(page);
  const timeline = region(page, 'Timeline');
  const svg = await timeline.locator('svg.tl-main').boundingBox();
  const bars = await timeline.locator('[data-event]').evaluateAll((els) =>
    els.map((g) => {
      const r = g.querySelector('.tl-bar').getBoundingClientRect();
      return { id: g.getAttribute('data-event'), x: r.x, width: r.width };
    }),
  );
  // A short event off the middle, so that zooming about the middle would move it by a quarter of its distance.
  const centre = svg.x + svg.width / 2;
  const chosen = bars.filter((b) => b.x > svg.x + 20 && b.x + b.width < svg.x + svg.width - 20 && b.width < svg.width / 5)
    .sort((a, b) => Math.abs(b.x + b.width / 2 - centre) - Math.abs(a.x + a.width / 2 - centre))[0];
  expect(chosen).toBeTruthy();
  expect(Math.abs(chosen.x + chosen.width / 2 - centre)).toBeGreaterThan(60);
  await timeline.locator(`[data-event="${chosen.id}"]`).click();
  // The inspector opens beside the views: measure once the page has settled.
  await page.waitForTimeout(400);
  const before = await timeline.locator(`[data-event="${chosen.id}"] .tl-bar`).boundingBox();
  const middle = before.x + before.width / 2;
  await timeline.getByRole('button', { name: /^Zoom in/ }).click();
  const after = await timeline.locator(`[data-event="${chosen.id}"] .tl-bar`).boundingBox();
  expect(Math.abs(after.x + after.width / 2 - middle)).toBeLessThanOrEqual(5);
  expect(after.width).toBeGreaterThanOrEqual(before.width);
});

test('map: "+" and "−" buttons zoom, and Fit (or "0") brings back the first view', async ({ page }) => {
  await sample(page);
  const map = region(page, 'Map');
  await expect(map.locator('.marker').first()).toBeVisible();
  // Positions inside the drawing (the page may scroll as buttons are pressed).
  const positions = () => map.locator('svg.map-svg').evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('.marker circle')].map((c) => {
      const r = c.getBoundingClientRect();
      return `${Math.round(r.x - box.x)},${Math.round(r.y - box.y)}`;
    }).sort();
  });
  const first = await positions();
  const zoomIn = map.getByRole('button', { name: /^Zoom in/ });
  const zoomOut = map.getByRole('button', { name: /^Zoom out/ });
  await zoomIn.click();
  expect(await positions()).not.toEqual(first);
  for (let k = 0; k < 20; k++) await zoomOut.click();
  for (let k = 0; k < 20; k++) await zoomIn.click();
  for (let k = 0; k < 10; k++) await zoomIn.click();
  await map.getByRole('button', { name: /^Fit/ }).click();
  expect(await positions()).toEqual(first);
  await map.locator('svg.map-svg').focus();
  for (let k = 0; k < 5; k++) await page.keyboard.press('-');
  expect(await positions()).not.toEqual(first);
  await page.keyboard.press('0');
  expect(await positions()).toEqual(first);
});

test('map: "+" zooms around the selected place', async ({ page }) => {
  await sample(page);
  const map = region(page, 'Map');
  const markers = map.locator('.marker');
  await expect(markers.first()).toBeVisible();
  const svg = await map.locator('svg.map-svg').boundingBox();
  // The marker farthest from the middle.
  const boxes = await markers.evaluateAll((ms) => ms.map((m, i) => {
    const r = m.querySelector('circle').getBoundingClientRect();
    return { i, x: r.x + r.width / 2, y: r.y + r.height / 2, name: m.getAttribute('data-place') };
  }));
  const mid = { x: svg.x + svg.width / 2, y: svg.y + svg.height / 2 };
  const far = boxes.filter((b) => b.x > svg.x && b.x < svg.x + svg.width && b.y > svg.y && b.y < svg.y + svg.height)
    .sort((a, b) => Math.hypot(b.x - mid.x, b.y - mid.y) - Math.hypot(a.x - mid.x, a.y - mid.y))[0];
  await markers.nth(far.i).click();
  // Selecting a place brings it into view; "+" then keeps it where it is.
  await page.waitForTimeout(200);
  // Where the marker is drawn in the map (the page may scroll to bring the buttons below the map into view).
  const at = async () => map.locator(`.marker.selected circle`).first().evaluate((c) => {
    const r = c.getBoundingClientRect();
    const s = c.ownerSVGElement.getBoundingClientRect();
    return { x: r.x + r.width / 2 - s.x, y: r.y + r.height / 2 - s.y };
  });
  const before = await at();
  await map.getByRole('button', { name: /^Zoom in/ }).click();
  const after = await at();
  expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeLessThanOrEqual(5);
});
