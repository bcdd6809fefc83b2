// Links that carry a slow text or many corrections (issue #23): the page says what it is doing before the
// analysis ends, keeps the link's text, and stays usable while the worker works; the watchdog stops an
// analysis over its budget (the main article's or an added one's), ends the worker for real, says so,
// keeps the text, and the next edit is analysed. Behaviour is asserted, never speed: the budgets are forced
// small through the documented test hook (localStorage `dateline.test.watchdog-ms`, docs/reliability.md).
// The page's promise of a message within 2 s is measured by `node tests/bench/ui-bench.mjs` ("slow link"),
// not asserted here: a loaded test machine would make it fail for nothing.
import { test, expect } from '@playwright/test';
import { viewSaved } from './helpers.mjs';
import AxeBuilder from '@axe-core/playwright';
import { deflateRawSync } from 'node:zlib';

const MB = 1024 * 1024;
const WATCHDOG_KEY = 'dateline.test.watchdog-ms';

/** A share link as `src/share.rs` writes one: `v1.` + base64url(raw deflate(JSON)). */
const linkOf = (view) => `v1.${deflateRawSync(Buffer.from(JSON.stringify(view)), { level: 9 }).toString('base64url')}`;
/** `unit` repeated to `bytes` bytes (ASCII units only). */
const repeated = (unit, bytes) => unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
/** A slow text that deflates to a few kilobytes: every word a place, a few seconds per MB in the worker. */
const slow = (mb) => repeated('Homs, ', mb * MB);
/** `n` corrections that remove place mentions, each at its own place (so that they deflate poorly). */
const corrections = (n) => ({
  removed: Array.from({ length: n }, (_, i) => ({ kind: 'place', mention: { span: { start: i, end: i + 4 }, text: 'Homs' } })),
});

const ROME = 'Rome, 2 June 2024 — Thousands marched in Rome on Sunday, police said.';
const status = (page) => page.getByRole('status');
const summary = (page) => page.locator('.long-text');
const box = (page) => page.getByRole('textbox', { name: 'Article text' });
const others = (page) => page.getByRole('list', { name: 'Other articles on the timeline' });
const analysed = /[1-9]\d* dates, \d+ places, [1-9]\d* events/;
/** The message comes before the result: the status is only "Analysing…" while the analysis runs. */
const MESSAGE = { timeout: 15_000 };

/**
 * Counts the page's analysis workers started and ended (`Worker.terminate()` ends one at once). The file
 * reader's and the exporter's workers, which end after each answer by design, are not counted.
 */
function watchWorkers(page) {
  const workers = { started: 0, ended: 0 };
  page.on('worker', (worker) => {
    if (!worker.url().includes('/worker_loader.js')) return;
    workers.started += 1;
    worker.on('close', () => { workers.ended += 1; });
  });
  return workers;
}

/** Opens `link` with the watchdog's budget forced to `budgetMs` (none: the real budgets). */
async function open(page, link, budgetMs) {
  if (budgetMs !== undefined) {
    await page.addInitScript(([key, ms]) => localStorage.setItem(key, String(ms)), [WATCHDOG_KEY, budgetMs]);
  }
  await page.goto(`./#${link}`);
}

test.describe('a link carrying a slow text', () => {
  test.setTimeout(120_000);

  test('says what it is doing before the result, keeps the text in the address, and the page works meanwhile', async ({ page }) => {
    const link = linkOf({ text: slow(12) });
    expect(link.length).toBeLessThan(32 * 1024);
    await open(page, link);
    await expect(status(page)).toContainText('Analysing a long text (12.0 MB)', MESSAGE);
    await expect(summary(page)).toContainText('Long article: 12.0 MB', MESSAGE);
    await expect(page.getByRole('progressbar', { name: 'Analysis progress' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Stop' })).toBeVisible();
    // The view is too heavy for a new link, and the address keeps the one it came from (writing the view
    // again after 300 ms used to clear it): a reload opens the same text.
    await page.waitForTimeout(1_000);
    expect(await page.evaluate(() => location.hash)).toBe(`#${link}`);
    await expect(page.locator('.share-bar')).toContainText('Share link');
    await page.reload();
    await expect(summary(page)).toContainText('Long article: 12.0 MB', MESSAGE);

    // While the engine works on it: another article is typed key by key and analysed (the long analysis
    // gives way to the article being read), and the person switches between the two.
    await page.getByRole('button', { name: 'Add another article' }).click();
    await box(page).pressSequentially(ROME);
    await expect(box(page)).toHaveValue(ROME);
    await expect(status(page)).toContainText(/[1-9]\d* dates/, { timeout: 30_000 });
    await others(page).getByRole('button', { name: /^2\. Homs, Homs/ }).click();
    await expect(summary(page)).toContainText('Long article: 12.0 MB');
    await expect(status(page)).toContainText('Analysing a long text (12.0 MB)');
    await others(page).getByRole('button', { name: /^2\. Rome/ }).click();
    await expect(box(page)).toHaveValue(ROME);
    await expect(status(page)).toContainText(/[1-9]\d* dates/, { timeout: 30_000 });
  });

  test('a text without letters is drawn without holding up the page', async ({ page }) => {
    // 4 MB of dots: 2,000 blocks in the article panel. With `dir="auto"` Chromium looked through the
    // whole panel for a letter at each block added, and the page froze for tens of seconds.
    await open(page, linkOf({ text: repeated('.', 4 * MB) }));
    await expect(status(page)).toContainText('Analysing a long text (4.0 MB)', MESSAGE);
    await expect(status(page)).toContainText('0 dates, 0 places, 0 events', { timeout: 60_000 });
    const article = page.getByRole('region', { name: 'Article', exact: true });
    await expect(article.locator('.article-text')).toHaveAttribute('dir', 'ltr');
    expect(await article.locator('.block').count()).toBeGreaterThan(1_000);
    await page.getByRole('button', { name: 'Try the sample' }).click();
    await expect(status(page)).toContainText(analysed, { timeout: 20_000 });
  });
});

test.describe('the watchdog', () => {
  test.setTimeout(90_000);

  test('stops an analysis over its budget, ends the worker, says so, keeps the text, and the next edit works', async ({ page }) => {
    const workers = watchWorkers(page);
    await open(page, linkOf({ text: slow(2) }), 1_500);
    await expect(status(page)).toContainText('Analysing a long text (2.0 MB)', MESSAGE);
    await expect(status(page)).toHaveText(
      'Analysis stopped: it took longer than 1.5 s, the most allowed for a text of 2.0 MB. Your text is kept; edit it to analyse it again.',
      { timeout: 30_000 },
    );
    // The stuck worker was ended for real, and a new one is ready for the next edit.
    await expect.poll(() => workers.ended).toBe(1);
    expect(workers.started).toBe(2);
    await expect(summary(page)).toContainText('Long article: 2.0 MB');
    await expect(page.getByRole('progressbar')).toHaveCount(0);

    await page.evaluate((key) => localStorage.removeItem(key), WATCHDOG_KEY);
    await page.getByRole('button', { name: 'Clear' }).click();
    await box(page).pressSequentially(ROME);
    await expect(status(page)).toContainText(/[1-9]\d* dates, [1-9]\d* places/, { timeout: 20_000 });
  });

  test('watches added articles too: one over its budget is marked, the article being read is analysed', async ({ page }) => {
    const workers = watchWorkers(page);
    // A budget far above what the short article being read needs, far below what the added one does.
    await open(page, linkOf({ text: ROME, others: [{ text: slow(4) }] }), 5_000);
    await expect(others(page).getByRole('listitem')).toContainText(
      'Not analysed: it took longer than 5 s, the most allowed for a text of 4.0 MB. Read it to try again.',
      { timeout: 30_000 },
    );
    await expect(status(page)).toContainText(/[1-9]\d* dates/);
    await expect.poll(() => workers.ended).toBeGreaterThanOrEqual(1);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target})`)).toEqual([]);
    // It is not analysed again behind the person's back: no new worker is ended for it.
    const ended = workers.ended;
    await page.waitForTimeout(3_000);
    expect(workers.ended).toBe(ended);
    // Typing in the article being read still works, and is analysed.
    await box(page).press('End');
    await box(page).pressSequentially(' Police said 300 people marched in Milan on Monday.');
    await expect(status(page)).toContainText(/[1-9]\d* places/, { timeout: 20_000 });
    await expect(box(page)).toHaveValue(/Milan on Monday\.$/);
  });

  test('the person can stop a long analysis; the text is kept and the worker ended', async ({ page }) => {
    const workers = watchWorkers(page);
    await open(page, linkOf({ text: slow(8) }));
    // The 2 s promise is the first test's; here the message only has to come before the person stops it (two tests
    // decoding megabytes side by side made 2 s fail now and then).
    await expect(status(page)).toContainText('Analysing a long text (8.0 MB)', { timeout: 10_000 });
    // Once the worker has started it (the bar says which step), so that there is something to end.
    await expect(page.getByRole('progressbar')).toHaveAttribute('aria-valuetext', /finding|splitting|building/, { timeout: 30_000 });
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.nodes[0]?.target})`)).toEqual([]);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect(status(page)).toHaveText('Analysis stopped: you stopped it. Your text is kept; edit it to analyse it again.');
    await expect.poll(() => workers.ended).toBe(1);
    await expect(summary(page)).toContainText('Long article: 8.0 MB');
    await page.getByRole('button', { name: 'Try the sample' }).click();
    await expect(status(page)).toContainText(analysed, { timeout: 20_000 });
  });
});

test.describe('a link carrying many corrections', () => {
  test.setTimeout(60_000);

  test('100,000 corrections, the most a link may carry: it opens, every one is read, and typing goes on', async ({ page }) => {
    const text = 'Homs and Aleppo were shelled on Monday, officials said.';
    const link = linkOf({ text, corrections: corrections(100_000) });
    await open(page, link);
    await expect(box(page)).toHaveValue(text, MESSAGE);
    await expect(status(page)).toContainText(/\d+ dates/, { timeout: 20_000 });
    await expect(page.locator('.share-bar')).toContainText('Share link');
    // They were all read: the first removes "Homs" (the others match nothing), and the inspector counts them.
    const article = page.getByRole('region', { name: 'Article', exact: true });
    await expect(article.locator('mark', { hasText: 'Homs' })).toHaveCount(0);
    await article.locator('mark', { hasText: 'Aleppo' }).click();
    await expect(page.getByRole('button', { name: 'Undo all 100000 correction(s)' })).toBeVisible();
    // Typing: the view is now too heavy for a new link, so none is compressed after each pause (that took
    // half a second each time); the bar says so and offers the file instead.
    await box(page).press('End');
    await box(page).pressSequentially(' More.');
    await expect(box(page)).toHaveValue(`${text} More.`);
    await expect(page.locator('.share-bar')).toContainText('too long for a share link');
    await expect(status(page)).toContainText(/\d+ dates/, { timeout: 20_000 });
  });

  test('one over the limit: a clear message, and the autosave is offered back untouched', async ({ page }) => {
    await page.goto('./');
    await box(page).fill('My own notes about Faenza on Wednesday.');
    await viewSaved(page);
    await page.goto('about:blank');
    await open(page, linkOf({ text: 'Homs was shelled.', corrections: corrections(100_001) }));
    await expect(page.getByRole('alert').first()).toContainText(
      'This link could not be opened: the link holds more corrections than Dateline opens (at most 100000).',
      MESSAGE,
    );
    await page.getByRole('button', { name: 'Restore' }).click();
    await expect(box(page)).toHaveValue('My own notes about Faenza on Wednesday.');
    await expect(status(page)).toContainText(/\d+ dates/);
  });
});
