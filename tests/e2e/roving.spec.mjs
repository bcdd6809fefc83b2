// Keyboard (issue 22, item 6): each region is one Tab stop, the arrow keys (Home, End) move inside it, Enter and
// Space select as a click does, and the selected or last focused item keeps the region's stop; from the top of the
// page the timeline is a few key presses away; Escape closes the inspector.
import { test, expect } from '@playwright/test';
import { openSample as sample, region, viewSaved } from './helpers.mjs';

const regions = ['Article', 'Timeline', 'Map', 'Events'];

/** Where the focus is: its region's name, and the item's key (`data-rove`). */
const focused = (page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    const section = el && el.closest('section[aria-labelledby]');
    return {
      region: section ? document.getElementById(section.getAttribute('aria-labelledby')).textContent : null,
      key: el ? el.getAttribute('data-rove') : null,
      tag: el ? el.tagName.toLowerCase() : null,
    };
  });

/** The keys of a region's items, in the page's order. */
const keys = (page, name) => region(page, name).locator('[data-rove]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rove')));

test('each region with several items is one Tab stop', async ({ page }) => {
  await sample(page);
  for (const name of regions) {
    const items = region(page, name).locator('[data-rove]');
    expect(await items.count(), `${name} has several items`).toBeGreaterThan(1);
    // Exactly one item can be reached with Tab; the others are focusable by the arrows only.
    await expect(region(page, name).locator('[data-rove][tabindex="0"]'), name).toHaveCount(1);
    const others = await items.evaluateAll((els) => els.filter((e) => e.getAttribute('tabindex') !== '0').map((e) => e.getAttribute('tabindex')));
    expect(new Set(others), name).toEqual(new Set(['-1']));
  }
  // The drawings themselves are no Tab stop while they show items.
  await expect(page.locator('svg.tl-main')).toHaveAttribute('tabindex', '-1');
  await expect(page.locator('svg.map-svg')).toHaveAttribute('tabindex', '-1');
});

test('from the top of the page, the timeline is reached in at most 6 key presses, and one Tab leaves it', async ({ page }) => {
  await sample(page);
  // A freshly opened page (its link holds the sample), the focus at its top.
  await viewSaved(page);
  await page.reload();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/, { timeout: 20_000 });
  await expect(region(page, 'Timeline').locator('[data-rove][tabindex="0"]')).toHaveCount(1);
  let presses = 0;
  const press = async (key) => { presses += 1; await page.keyboard.press(key); };
  await press('Tab');
  await expect(page.getByRole('button', { name: 'Skip to the timeline' })).toBeFocused();
  await press('Enter');
  await press('Tab');
  const at = await focused(page);
  expect(at.region).toBe('Timeline');
  // On an event of the timeline, not on its drawing.
  expect(at.key).not.toBeNull();
  expect(presses).toBeLessThanOrEqual(6);
  // One Tab stop for the events: the next Tab goes on past the timeline's other events (to its zoom and picture
  // buttons, a toolbar after the drawing, or beyond).
  await page.keyboard.press('Tab');
  const next = await focused(page);
  expect(next.region !== 'Timeline' || next.key === null, JSON.stringify(next)).toBe(true);
  expect(next.tag).not.toBe('g');
});

test('on the timeline the arrows, Home and End move between events without panning; Enter selects', async ({ page }) => {
  await sample(page);
  const timeline = region(page, 'Timeline');
  const order = await keys(page, 'Timeline');
  expect(order.length).toBeGreaterThan(2);
  const range = await page.locator('svg.tl-main').getAttribute('aria-label');
  await timeline.locator('[data-rove][tabindex="0"]').focus();
  expect((await focused(page)).key).toBe(order[0]);
  await page.keyboard.press('ArrowRight');
  expect((await focused(page)).key).toBe(order[1]);
  await page.keyboard.press('ArrowDown');
  expect((await focused(page)).key).toBe(order[2]);
  await page.keyboard.press('ArrowLeft');
  expect((await focused(page)).key).toBe(order[1]);
  await page.keyboard.press('End');
  expect((await focused(page)).key).toBe(order[order.length - 1]);
  await page.keyboard.press('Home');
  expect((await focused(page)).key).toBe(order[0]);
  // The arrows moved the focus; they did not pan or zoom the drawing.
  await expect(page.locator('svg.tl-main')).toHaveAttribute('aria-label', range);
  // The stop moved with the focus.
  await page.keyboard.press('ArrowRight');
  await expect(timeline.locator('[data-rove][tabindex="0"]')).toHaveAttribute('data-rove', order[1]);
  // Enter selects, as a click does: the inspector opens; Escape closes it.
  await page.keyboard.press('Enter');
  const item = timeline.locator(`[data-rove="${order[1]}"]`);
  await expect(item).toHaveAttribute('aria-pressed', 'true');
  const inspector = page.getByRole('region', { name: 'Selected mention' });
  await expect(inspector).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();
  // Shift and an arrow still pans the drawing from an event.
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.locator('svg.tl-main')).not.toHaveAttribute('aria-label', range);
});

test('Tab through the whole page stops once in the items of each region', async ({ page }) => {
  await sample(page);
  await page.locator('body').focus();
  const stops = {};
  let total = 0;
  for (let k = 0; k < 120; k++) {
    await page.keyboard.press('Tab');
    const at = await focused(page);
    if (at.tag === 'body' || at.tag === null) break;
    total += 1;
    if (at.key !== null) {
      stops[at.region] = stops[at.region] || [];
      // Back at an item already reached: the page's end was passed.
      if (stops[at.region].includes(at.key)) break;
      stops[at.region].push(at.key);
    }
  }
  for (const name of regions) expect(stops[name], name).toHaveLength(1);
  // The whole page is a few dozen stops (every highlight was one: 149 Tabs to the timeline).
  expect(total).toBeLessThan(50);
  console.log(`Tab stops on the page with the sample: ${total}`);
});

test('the selected item keeps its region\'s Tab stop, else the one last focused', async ({ page }) => {
  await sample(page);
  const article = region(page, 'Article');
  const marks = await keys(page, 'Article');
  expect(marks.length).toBeGreaterThan(3);
  // Nothing selected: the third mention, last focused, is where Tab comes back to.
  await article.locator('[data-rove][tabindex="0"]').focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect((await focused(page)).key).toBe(marks[2]);
  await page.keyboard.press('Tab');
  expect((await focused(page)).region).not.toBe('Article');
  await page.keyboard.press('Shift+Tab');
  expect((await focused(page)).key).toBe(marks[2]);
  // An event selected in the list: its bar becomes the timeline's stop.
  const events = region(page, 'Events');
  const card = events.locator('.event-card button').nth(1);
  await card.click();
  const id = await card.getAttribute('data-rove');
  const bar = region(page, 'Timeline').locator(`[data-event="${id}"]`);
  await expect(bar).toHaveAttribute('aria-pressed', 'true');
  await expect(bar).toHaveAttribute('tabindex', '0');
  await expect(region(page, 'Timeline').locator('[data-rove][tabindex="0"]')).toHaveCount(1);
  // The card clicked is the list's stop.
  await expect(events.locator('[data-rove][tabindex="0"]')).toHaveAttribute('data-rove', id);
});

test('in the article and the event list the arrows move and Enter or Space select', async ({ page }) => {
  await sample(page);
  const article = region(page, 'Article');
  const marks = await keys(page, 'Article');
  await article.locator('[data-rove][tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  expect((await focused(page)).key).toBe(marks[1]);
  await page.keyboard.press('Enter');
  await expect(article.locator(`[data-rove="${marks[1]}"]`)).toHaveClass(/selected/);
  const inspector = page.getByRole('region', { name: 'Selected mention' });
  await expect(inspector).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(inspector).toBeHidden();

  const events = region(page, 'Events');
  const cards = await keys(page, 'Events');
  expect(cards.length).toBeGreaterThan(2);
  await events.locator('[data-rove][tabindex="0"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  expect((await focused(page)).key).toBe(cards[2]);
  await page.keyboard.press('ArrowUp');
  expect((await focused(page)).key).toBe(cards[1]);
  await page.keyboard.press('Space');
  await expect(events.locator(`[data-rove="${cards[1]}"]`)).toHaveAttribute('aria-pressed', 'true');
  await expect(inspector).toBeVisible();
  await page.keyboard.press('End');
  expect((await focused(page)).key).toBe(cards[cards.length - 1]);
});

test('on the map the arrows go to the nearest place that way, without panning; Enter selects', async ({ page }) => {
  await sample(page);
  const map = region(page, 'Map');
  const before = await map.locator('.marker').evaluateAll((els) =>
    els.map((m) => {
      // Relative to the drawing: focusing a marker may scroll the page.
      const r = m.querySelector('circle').getBoundingClientRect();
      const o = m.closest('svg').getBoundingClientRect();
      const round = (v) => Math.round(v * 10) / 10;
      return [m.getAttribute('data-rove'), round(r.x + r.width / 2 - o.x), round(r.y + r.height / 2 - o.y)];
    }));
  expect(before.length).toBeGreaterThan(1);
  const at = Object.fromEntries(before.map(([k, x, y]) => [k, [x, y]]));
  await map.locator('[data-rove][tabindex="0"]').focus();
  let moves = 0;
  for (const [key, dx, dy] of [['ArrowRight', 1, 0], ['ArrowLeft', -1, 0], ['ArrowDown', 0, 1], ['ArrowUp', 0, -1]]) {
    const from = (await focused(page)).key;
    await page.keyboard.press(key);
    const to = (await focused(page)).key;
    expect(to).not.toBeNull();
    if (to !== from) {
      moves += 1;
      // It went that way.
      const along = (at[to][0] - at[from][0]) * dx + (at[to][1] - at[from][1]) * dy;
      expect(along, `${key} from ${from} to ${to}`).toBeGreaterThan(0);
    }
  }
  expect(moves).toBeGreaterThan(0);
  // Nothing moved on the map.
  const after = await map.locator('.marker').evaluateAll((els) =>
    els.map((m) => {
      // Relative to the drawing: focusing a marker may scroll the page.
      const r = m.querySelector('circle').getBoundingClientRect();
      const o = m.closest('svg').getBoundingClientRect();
      const round = (v) => Math.round(v * 10) / 10;
      return [m.getAttribute('data-rove'), round(r.x + r.width / 2 - o.x), round(r.y + r.height / 2 - o.y)];
    }));
  expect(after).toEqual(before);
  const key = (await focused(page)).key;
  await page.keyboard.press('Enter');
  await expect(map.locator(`[data-rove="${key}"]`)).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('region', { name: 'Selected mention' })).toBeVisible();
});
