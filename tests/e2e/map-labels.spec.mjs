// The map's first view and names (issue 22, item 4): the first view fits the places where the events happened,
// across the antimeridian when the story is there; country names at world zoom and town names when zoomed in,
// fetched after first paint, at least 12 px on screen, never over one another.
import { test, expect } from '@playwright/test';
import { region } from './helpers.mjs';

// Written for this test: a story on both sides of the antimeridian.
const PACIFIC = [
  'Cyclone sweeps across the South Pacific',
  '',
  'SUVA, Fiji, 3 March 2025 — A cyclone hit Suva on Monday, destroying homes along the coast, officials said.',
  '',
  'The storm struck Apia, Samoa, on Tuesday, and flooding hit Nuku\'alofa, Tonga, on Wednesday.',
].join('\n');

/** Every basemap name: its text, its box on screen, and its font size in CSS pixels. */
async function names(map) {
  return map.locator('svg.map-svg').evaluate((svg) => {
    const perUnit = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return [...svg.querySelectorAll('.basemap-labels text')].map((t) => {
      const r = t.getBoundingClientRect();
      return { text: t.textContent, cls: t.getAttribute('class'), px: parseFloat(t.getAttribute('font-size')) * perUnit,
        box: { l: r.left, t: r.top, r: r.right, b: r.bottom } };
    });
  });
}

function expectReadableAndApart(list) {
  for (const n of list) expect(n.px, n.text).toBeGreaterThanOrEqual(12);
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i].box, b = list[j].box;
      const overlap = a.l < b.r && b.l < a.r && a.t < b.b && b.t < a.b;
      expect(overlap, `${list[i].text} / ${list[j].text}`).toBe(false);
    }
  }
}

test('country names at the first view, town names once zoomed in, readable and apart; fetched lazily', async ({ page }) => {
  const fetched = [];
  page.on('request', (r) => fetched.push(r.url()));
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/, { timeout: 20_000 });
  const map = region(page, 'Map');
  await expect(map.locator('.country-label').first()).toBeAttached();
  const first = await names(map);
  expect(first.filter((n) => n.cls === 'country-label').length).toBeGreaterThan(0);
  expectReadableAndApart(first);
  // Zoomed in on the story's towns, the big towns around them are named.
  for (let k = 0; k < 4; k++) await map.getByRole('button', { name: /^Zoom in/ }).click();
  await expect(map.locator('.place-label').first()).toBeAttached();
  const zoomed = await names(map);
  expectReadableAndApart(zoomed);
  await expect(map.locator('.credit')).toContainText('GeoNames');
  // Nothing of the names is on the first paint: the pages' own requests come first.
  const labels = fetched.filter((u) => u.includes('/data/labels-'));
  expect(labels.length).toBeGreaterThan(0);
  expect(fetched.indexOf(labels[0])).toBeGreaterThan(fetched.findIndex((u) => u.endsWith('dateline_bg.wasm')));
  // On a phone the drawing is narrower: the names grow in SVG units, and stay 12 px or more.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForTimeout(300);
  expectReadableAndApart(await names(map));
});

test('the first view fits where the events happened; metonyms lighter; no town names at world zoom', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/, { timeout: 20_000 });
  const map = region(page, 'Map');
  const svg = await map.locator('svg.map-svg').boundingBox();
  // The literal places of the events are all on the map.
  const literal = await map.locator('.marker.mk-literal circle').evaluateAll((cs) => cs.map((c) => {
    const r = c.getBoundingClientRect(); return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }));
  expect(literal.length).toBeGreaterThan(0);
  const inside = literal.filter((p) => p.x >= svg.x && p.x <= svg.x + svg.width && p.y >= svg.y && p.y <= svg.y + svg.height);
  expect(inside.length).toBeGreaterThan(0);
  // Metonyms and nationalities are drawn lighter than the places where things happened.
  const opacities = (sel) => map.locator(sel).evaluateAll((cs) => cs.map((c) => Number(getComputedStyle(c).opacity)));
  const lit = await opacities('.marker.mk-literal circle');
  const light = [...await opacities('.marker.mk-metonym circle'), ...await opacities('.marker.mk-demonym circle')];
  for (const o of light) expect(o).toBeLessThan(Math.min(...lit));
  // Out at world zoom: countries named, no town layer asked for.
  await map.locator('svg.map-svg').focus();
  for (let k = 0; k < 25; k++) await page.keyboard.press('-');
  await expect(map.locator('.country-label').first()).toBeAttached();
  await expect(map.locator('.place-label')).toHaveCount(0);
});

test('a story about Fiji, Samoa and Tonga opens on the Pacific across the antimeridian, not on the world', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Article text' }).fill(PACIFIC);
  const map = region(page, 'Map');
  const marker = (name) => map.locator(`.marker[aria-label*="${name}"] circle`).first();
  await expect(marker('Suva')).toBeVisible({ timeout: 20_000 });
  await expect(marker('Apia')).toBeVisible();
  const svg = await map.locator('svg.map-svg').boundingBox();
  const centre = async (name) => { const b = await marker(name).boundingBox(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 }; };
  const suva = await centre('Suva');
  const apia = await centre('Apia');
  for (const p of [suva, apia]) {
    expect(p.x).toBeGreaterThan(svg.x);
    expect(p.x).toBeLessThan(svg.x + svg.width);
  }
  // West to east across 180°: Suva (178° E) left of Apia (172° W), a few hundred pixels apart, not the world's width.
  expect(suva.x).toBeLessThan(apia.x);
  expect(apia.x - suva.x).toBeLessThan(svg.width * 0.8);
  // The outlines are drawn on both sides of the antimeridian.
  expect(await map.locator('g.countries').count()).toBe(1);
  expect(await map.locator('use.countries-copy').count()).toBe(1);
});
