// The explorer end to end: linked views, the share link, bad links, accessibility, screenshots.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { existsSync, readFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { artifacts, seedPath, watchRequests, viewSaved } from './helpers.mjs';

mkdirSync(artifacts, { recursive: true });

async function pasteSeed(page) {
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Article text' }).fill(readFileSync(seedPath, 'utf8'));
  await expect(page.getByRole('status')).toContainText(/\d+ dates, [1-9]\d* places, [1-9]\d* events/);
}

const timelineItems = (page) => page.getByRole('region', { name: 'Timeline', exact: true }).locator('[data-event]');

test.describe('with the reference article', () => {
  test.skip(!existsSync(seedPath), `reference article not found at ${seedPath}`);

  test('the timeline shows its events in time order', async ({ page }) => {
    await pasteSeed(page);
    const labels = await timelineItems(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    expect(labels.length).toBeGreaterThan(3);
    const dates = labels.map((l) => l.split(' — ')[0]);
    expect([...dates].sort()).toEqual(dates);
    expect(dates).toContain('2011-03');
    expect(dates).toContain('2016-09-05');
  });

  test('clicking the blasts highlights their text and their three places on the map', async ({ page, baseURL }) => {
    const foreign = watchRequests(page, baseURL);
    await pasteSeed(page);
    const blasts = timelineItems(page).filter({ hasText: /explosion|attack/ }).first();
    await blasts.click();
    const article = page.getByRole('region', { name: 'Article', exact: true });
    await expect(article.locator('mark.selected').first()).toBeVisible();
    const selectedText = (await article.locator('mark.selected').allTextContents()).join(' | ');
    expect(selectedText).toMatch(/explosions|bomb attacks|blasts/);
    const map = page.getByRole('region', { name: 'Map', exact: true });
    await expect(map.locator('.marker.selected')).toHaveCount(3);
    const names = await map.locator('.marker.selected').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
    // GeoNames names carry diacritics (Ţarţūs, Al Ḩasakah); compare without them.
    const plain = names.join(' ').normalize('NFD').replace(/\p{Diacritic}/gu, '');
    for (const town of [/Tartus/, /Homs/, /Hasakah/]) expect(plain).toMatch(town);
    // The article's spelling first, the gazetteer's second (issue 22, item 4).
    expect(names.join(' ')).toMatch(/Tartus \(Ţarţūs\)/);
    await page.screenshot({ path: join(artifacts, 'blasts-selected.png'), fullPage: true });
    expect(foreign).toEqual([]);
  });

  test('the address reproduces text, corrections and selection in a fresh browser', async ({ page, browser, baseURL }) => {
    await pasteSeed(page);
    // A correction: remove the first place mention.
    const map = page.getByRole('region', { name: 'Map', exact: true });
    await page.getByRole('region', { name: 'Article', exact: true }).locator('mark.hl-metonym').first().click();
    await page.getByRole('button', { name: 'Not a place' }).click();
    await timelineItems(page).first().click();
    await viewSaved(page);
    const address = page.url();
    expect(address).toContain('#v1.');
    const before = {
      text: await page.getByRole('textbox', { name: 'Article text' }).inputValue(),
      places: await map.locator('.marker').count(),
      selected: await timelineItems(page).first().getAttribute('aria-label'),
      status: await page.getByRole('status').textContent(),
    };
    const fresh = await browser.newContext();
    const other = await fresh.newPage();
    await other.goto(address);
    await expect(other.getByRole('status')).toHaveText(before.status);
    expect(await other.getByRole('textbox', { name: 'Article text' }).inputValue()).toEqual(before.text);
    const pressed = other.getByRole('region', { name: 'Timeline', exact: true }).locator('[data-event][aria-pressed="true"]');
    await expect(pressed).toHaveAttribute('aria-label', before.selected);
    await fresh.close();
  });
});

test('a corrupted link gives a message and the page keeps working', async ({ page }) => {
  await page.goto('./#v1.AAAA!!!!corrupt');
  await expect(page.getByRole('alert').first()).toContainText('could not be opened');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/\d+ dates/);
  await page.goto('about:blank');
  await page.goto('./#v9.abc');
  await expect(page.getByRole('alert').first()).toContainText('newer version');
});

test('a bad link never overwrites the autosave', async ({ page }) => {
  await page.goto('./');
  await page.getByRole('textbox', { name: 'Article text' }).fill('My own notes about Faenza on Wednesday.');
  await viewSaved(page);
  await page.goto('about:blank');
  await page.goto('./#v1.broken');
  await expect(page.getByRole('alert').first()).toContainText('could not be opened');
  await page.getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('textbox', { name: 'Article text' })).toHaveValue('My own notes about Faenza on Wednesday.');
});

test('axe finds no accessibility violations; light, dark and phone screenshots', async ({ browser }) => {
  for (const [name, options] of [
    ['light', { colorScheme: 'light', viewport: { width: 1280, height: 1000 } }],
    ['dark', { colorScheme: 'dark', viewport: { width: 1280, height: 1000 } }],
    ['phone', { colorScheme: 'light', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }],
  ]) {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await page.goto('./');
    await page.getByRole('button', { name: 'Try the sample' }).click();
    await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
    await page.waitForTimeout(500);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target})`);
    await page.screenshot({ path: join(artifacts, `sample-${name}.png`), fullPage: true });
    expect(summary, `${name} theme`).toEqual([]);
    await context.close();
  }
});

test('works offline after the first visit', async ({ page, context }) => {
  await page.goto('./');
  await page.evaluate(async () => { await navigator.serviceWorker.ready; });
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Article text' })).toBeVisible();
  await page.waitForTimeout(500);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* places/);
  await context.setOffline(false);
});

test.describe('without a service worker (it would fetch the engine around the test\'s route)', () => {
  test.use({ serviceWorkers: 'block' });

  test('an engine that fails to start is replaced without a word; one that never starts is reported; the text is kept', async ({ page }) => {
    test.setTimeout(60_000);
    // The engines get a broken wasm file while `broken` is above 0, the real one after.
    let broken = 1;
    await page.route('**/worker_bg.wasm', async (route) => {
      if (broken > 0) {
        broken -= 1;
        await route.fulfill({ status: 200, contentType: 'application/wasm', body: Buffer.from('not wasm at all') });
      } else {
        await route.continue();
      }
    });
    await page.goto('./');
    const box = page.getByRole('textbox', { name: 'Article text' });
    await box.fill('Rain hit Faenza on Wednesday, officials said.');
    await expect(page.getByRole('status')).toContainText(/[1-9]\d* dates/, { timeout: 20_000 });

    // No engine can start: after a second try the page says so, and keeps the text.
    broken = Infinity;
    await page.goto('about:blank');
    await page.goto('./');
    await box.fill('Rain hit Faenza on Wednesday, officials said.');
    await expect(page.getByRole('status')).toHaveText(
      'Analysis stopped: the analysis engine could not be started; reload the page if this goes on. Your text is kept; edit it to analyse it again.',
      { timeout: 20_000 },
    );
    await expect(box).toHaveValue('Rain hit Faenza on Wednesday, officials said.');
    // Once engines start again, the next edit is analysed.
    broken = 0;
    await box.press('End');
    await box.pressSequentially(' More rain fell on Thursday.');
    await expect(page.getByRole('status')).toContainText(/[1-9]\d* dates/, { timeout: 20_000 });
  });
});

test('several articles share one timeline, coloured by article, and travel in the link', async ({ page, browser }) => {
  test.skip(!existsSync(seedPath), `reference article not found at ${seedPath}`);
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/);
  await page.getByRole('button', { name: 'Add another article' }).click();
  const box = page.getByRole('textbox', { name: 'Article text' });
  await expect(box).toHaveValue('');
  await box.fill(readFileSync(seedPath, 'utf8'));
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* places, [1-9]\d* events/);
  const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
  await expect(timeline.locator('.tl-item.art-1').first()).toBeVisible();
  await expect(timeline.locator('.tl-item.art-0').first()).toBeVisible();
  const fromSample = await timeline.locator('.tl-item.art-1').first().getAttribute('aria-label');
  expect(fromSample).toMatch(/\(article 2\)$/);
  // Both articles travel in the link.
  await viewSaved(page);
  const context = await browser.newContext();
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByRole('region', { name: 'Timeline', exact: true }).locator('.tl-item.art-1').first()).toBeVisible();
  await expect(other.getByRole('list', { name: 'Other articles on the timeline' })).toContainText('Floods force thousands');
  // Opening the added article from the timeline makes it the one being read.
  await other.getByRole('region', { name: 'Timeline', exact: true }).locator('.tl-item.art-1').first().click();
  await expect(other.getByRole('textbox', { name: 'Article text' })).toHaveValue(/Emilia-Romagna/);
  await context.close();
});
