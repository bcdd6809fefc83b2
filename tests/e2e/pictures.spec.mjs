// Pictures people take away (issue 22, item 9): the timeline and the map as SVG (self-contained: inline styles, no
// class the page's stylesheet must supply) and as PNG, from the buttons beside each view's zoom, and the StoryMapJS
// story map from the page's exports.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openSample as sample } from './helpers.mjs';

async function download(page, name) {
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name, exact: true }).click();
  const d = await pending;
  return { file: d.suggestedFilename(), body: readFileSync(await d.path()) };
}

for (const [view, name, marker] of [['timeline', 'Download the timeline as SVG', 'data-event'], ['map', 'Download the map as SVG', 'data-place']]) {
  test(`the ${view} as a self-contained SVG`, async ({ page }) => {
    await sample(page);
    const { file, body } = await download(page, name);
    expect(file).toBe(`article.${view}.svg`);
    const svg = body.toString('utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain(marker);
    // Styles are inline: it looks the same without the page's stylesheet; no script, no link outside.
    expect(svg).toMatch(/style="[^"]*fill:/);
    expect(svg).not.toMatch(/<script|href="http/);
    // It parses and renders on its own, as an image in a blank page, at its own size.
    const size = await page.evaluate(async (text) => {
      const img = new Image();
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, svg);
    expect(size[0]).toBeGreaterThan(100);
    expect(size[1]).toBeGreaterThan(50);
  });
}

for (const [view, name] of [['timeline', 'Download the timeline as PNG'], ['map', 'Download the map as PNG']]) {
  test(`the ${view} as a PNG`, async ({ page }) => {
    await sample(page);
    const { file, body } = await download(page, name);
    expect(file).toBe(`article.${view}.png`);
    expect([...body.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    // Twice the drawing's size on screen, and not blank: several colours.
    const info = await page.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth; c.height = img.naturalHeight;
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, c.width, c.height).data;
      const colours = new Set();
      for (let i = 0; i < data.length; i += 4 * 97) colours.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
      return { w: img.naturalWidth, h: img.naturalHeight, colours: colours.size };
    }, body.toString('base64'));
    const box = await page.locator(view === 'map' ? 'svg.map-svg' : 'svg.tl-main').boundingBox();
    expect(Math.abs(info.w - Math.round(box.width * 2))).toBeLessThanOrEqual(2);
    expect(info.colours).toBeGreaterThan(3);
  });
}

test('the StoryMapJS download: an overview, then one slide per dated event with a place', async ({ page }) => {
  await sample(page);
  const { file, body } = await download(page, 'StoryMapJS');
  expect(file).toBe('article.storymap.json');
  const doc = JSON.parse(body.toString('utf8'));
  const slides = doc.storymap.slides;
  expect(slides[0].type).toBe('overview');
  expect(slides.length).toBeGreaterThan(2);
  for (const s of slides.slice(1)) {
    expect(typeof s.location.lat).toBe('number');
    expect(typeof s.location.lon).toBe('number');
    expect(s.location.name.length).toBeGreaterThan(0);
    expect(s.text.headline.length).toBeGreaterThan(0);
    expect(s.date.length).toBeGreaterThan(0);
  }
  // Headlines read like headlines: what, then where after a dash ("Flooding — Faenza, Cesena").
  expect(slides.some((s) => / — \S/.test(s.text.headline)), JSON.stringify(slides.map((s) => s.text.headline))).toBe(true);
});
