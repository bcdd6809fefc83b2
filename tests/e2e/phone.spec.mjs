// The phone (issue 22, item 6) at 390×844: the views stack, nothing scrolls sideways, the timeline fits the width,
// text and the drawings' labels are at least 12 px, and the inspector opens as a sheet inside the screen.
import { test, expect } from '@playwright/test';
import { openSample, region } from './helpers.mjs';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

async function sample(page) {
  await openSample(page);
  await expect(region(page, 'Map').locator('.marker .label').first()).toBeVisible();
  // The drawings measure their width once laid out, and draw again at the phone's scale.
  await page.waitForTimeout(300);
}

test('the views stack, the page never scrolls sideways and the timeline fits the width', async ({ page }) => {
  await sample(page);
  const width = await page.evaluate(() => window.innerWidth);
  expect(width).toBe(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  expect(await page.evaluate(() => document.body.scrollWidth)).toBeLessThanOrEqual(width);
  // One column: each view below the previous one, all as wide as the screen allows.
  const boxes = [];
  for (const name of ['Timeline', 'Article', 'Map', 'Events']) {
    const box = await region(page, name).boundingBox();
    expect(box.x, name).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, name).toBeLessThanOrEqual(width);
    expect(box.width, name).toBeGreaterThan(width * 0.9);
    boxes.push(box);
  }
  for (let k = 1; k < boxes.length; k++) expect(boxes[k].y).toBeGreaterThanOrEqual(boxes[k - 1].y + boxes[k - 1].height);
  // The timeline's drawing fits inside its panel: no sideways scrolling inside it either.
  const svg = await page.locator('svg.tl-main').boundingBox();
  const panel = boxes[0];
  expect(svg.x).toBeGreaterThanOrEqual(panel.x);
  expect(svg.x + svg.width).toBeLessThanOrEqual(panel.x + panel.width);
  const scroller = await page.locator('.tl-scroll').evaluate((el) => [el.scrollWidth, el.clientWidth]);
  expect(scroller[0]).toBeLessThanOrEqual(scroller[1]);
  // The axis's dates: every year of the story is written, no label is cut at the edge, none overlaps another.
  const ticks = await page.locator('svg.tl-main .tick text').evaluateAll((els) => els.map((t) => {
    const r = t.getBoundingClientRect();
    return { text: t.textContent, left: r.left, right: r.right };
  }));
  const years = new Set(ticks.map((t) => (t.text.match(/\b(19|20)\d\d\b/) || [])[0]).filter(Boolean));
  expect([...years].sort()).toEqual(['2023', '2024']);
  for (const t of ticks) {
    expect(t.left, t.text).toBeGreaterThanOrEqual(svg.x - 0.5);
    expect(t.right, t.text).toBeLessThanOrEqual(svg.x + svg.width + 0.5);
  }
  const sorted = [...ticks].sort((a, b) => a.left - b.left);
  for (let k = 1; k < sorted.length; k++) expect(sorted[k].left, `${sorted[k - 1].text} | ${sorted[k].text}`).toBeGreaterThanOrEqual(sorted[k - 1].right);
  // Every event bar drawn is inside the screen.
  const bars = await page.locator('svg.tl-main .tl-bar').evaluateAll((els) => els.map((b) => b.getBoundingClientRect()).map((r) => [r.left, r.right]));
  expect(bars.length).toBeGreaterThan(0);
  for (const [left, right] of bars) {
    expect(left).toBeGreaterThanOrEqual(0);
    expect(right).toBeLessThanOrEqual(width);
  }
});

test('text, timeline labels and map labels are at least 12 px', async ({ page }) => {
  await sample(page);
  const sizes = await page.evaluate(() => {
    const found = [];
    // HTML text: every element with text of its own, in CSS px.
    for (const el of document.querySelectorAll('body *')) {
      if (el instanceof SVGElement) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
      const box = el.getBoundingClientRect();
      if (!own || box.width === 0 || box.height === 0 || el.closest('.visually-hidden')) continue;
      found.push({ what: `${el.tagName.toLowerCase()}.${el.className}: ${el.textContent.trim().slice(0, 30)}`, px: parseFloat(getComputedStyle(el).fontSize) });
    }
    // SVG text: its font size is in the drawing's units; times the drawing's scale on screen it is in CSS px.
    for (const t of document.querySelectorAll('svg text')) {
      const box = t.getBoundingClientRect();
      if (box.width === 0 || !t.textContent.trim()) continue;
      const scale = t.getScreenCTM().a;
      found.push({ what: `svg ${t.closest('[class]').getAttribute('class')}: ${t.textContent.trim().slice(0, 30)}`, px: parseFloat(getComputedStyle(t).fontSize) * scale, svg: true });
    }
    return found;
  });
  const svgTexts = sizes.filter((s) => s.svg);
  // The timeline's event labels and ticks and the map's place names are among them.
  expect(svgTexts.some((s) => s.what.startsWith('svg tl-item'))).toBe(true);
  expect(svgTexts.some((s) => s.what.startsWith('svg tick'))).toBe(true);
  expect(svgTexts.some((s) => s.what.startsWith('svg label'))).toBe(true);
  const small = sizes.filter((s) => s.px < 11.95).map((s) => `${s.what} (${s.px.toFixed(1)} px)`);
  expect(small).toEqual([]);
});

test('the inspector opens as a sheet inside the screen, wherever the selection is made', async ({ page }) => {
  await sample(page);
  const inspector = page.getByRole('region', { name: 'Selected mention' });
  const inView = async (what) => {
    await expect(inspector, what).toBeVisible();
    const box = await inspector.boundingBox();
    const { w, h } = await page.evaluate(() => ({ w: window.innerWidth, h: window.innerHeight }));
    expect(box.y, what).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, what).toBeLessThanOrEqual(h + 0.5);
    expect(box.x, what).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, what).toBeLessThanOrEqual(w + 0.5);
    // A sheet: it sits at the bottom of the screen.
    expect(box.y + box.height, what).toBeGreaterThan(h - 2);
  };
  // The last event card, far below the article.
  const card = region(page, 'Events').locator('.event-card button').last();
  await card.scrollIntoViewIfNeeded();
  await card.tap();
  await inView('from the event list');
  await page.getByRole('button', { name: 'Close' }).tap();
  await expect(inspector).toBeHidden();
  // A marker on the map: the one nearest the drawing's middle (the map follows the selection, so a marker may sit
  // half outside the drawing's edge, where the tap would land on the buttons below).
  const map = region(page, 'Map');
  await map.locator('svg.map-svg').scrollIntoViewIfNeeded();
  const central = await map.locator('.marker').evaluateAll((markers) => {
    const svg = markers[0].ownerSVGElement.getBoundingClientRect();
    const mid = { x: svg.x + svg.width / 2, y: svg.y + svg.height / 2 };
    const off = (m) => {
      const r = m.querySelector('circle').getBoundingClientRect();
      return Math.hypot(r.x + r.width / 2 - mid.x, r.y + r.height / 2 - mid.y);
    };
    return markers.map((m, i) => [off(m), i]).sort((a, b) => a[0] - b[0])[0][1];
  });
  await map.locator('.marker').nth(central).locator('circle').tap();
  await inView('from the map');
  // An event on the timeline, at the top.
  const bar = region(page, 'Timeline').locator('[data-event]').first();
  await bar.scrollIntoViewIfNeeded();
  await bar.tap();
  await inView('from the timeline');
  // The end of the page can still be scrolled above the sheet.
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  const last = await region(page, 'Events').boundingBox();
  const sheet = await inspector.boundingBox();
  expect(last.y + last.height).toBeLessThanOrEqual(sheet.y + 1);
});
