// Long articles (issues #7 and #8): the analysis reports its progress, typing during it is kept and
// wins over the running request, and the article is drawn in windows yet still scrolls to a mention
// selected far down. No timings are asserted here: they are measured by tests/bench/ui-bench.mjs.
import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

// The project's own texts (the sample article and tests/samples), repeated to the wanted size.
function longText(bytes) {
  const parts = [readFileSync(join(process.cwd(), 'src/app/sample_article.txt'), 'utf8')];
  const samples = join(process.cwd(), 'tests/samples');
  for (const f of readdirSync(samples).filter((f) => f.endsWith('.txt')).sort()) parts.push(readFileSync(join(samples, f), 'utf8'));
  const base = parts.join('\n\n');
  let text = '';
  while (text.length < bytes) text += `${base}\n\n`;
  return text;
}

// The last paragraph of the long text: the one event dated 2031, far below everything else.
const LAST = 'On 3 March 2031 an explosion hit the harbour of Ravenna, killing four people, officials said.';

const status = (page) => page.getByRole('status');
const done = /\d+ dates, \d+ places, [1-9]\d* events/;

/**
 * True when the first selected mark is inside the visible part of the article's scroll box. (The page
 * itself may scroll elsewhere: to the event card that was clicked, for one.)
 */
const selectedInView = (article) => article.locator('.article-text').evaluate((box) => {
  const mark = box.querySelector('mark.selected');
  if (!mark) return 'no selected mark';
  const b = box.getBoundingClientRect();
  const m = mark.getBoundingClientRect();
  return m.top >= b.top - 1 && m.bottom <= b.bottom + 1 && m.height > 0 ? 'in view' : `at ${m.top - b.top} of ${b.height} (scroll ${box.scrollTop} of ${box.scrollHeight}, ${box.clientHeight}; block ${[...box.children].indexOf(mark.parentElement)} of ${box.children.length}, ${mark.parentElement.className}; ${mark.parentElement.getBoundingClientRect().top - b.top})`;
});

/** Puts `text` in the text box as a paste does: one value change and one input event. */
async function paste(page, text) {
  await page.getByRole('textbox', { name: 'Article text' }).evaluate((box, t) => {
    box.value = t;
    box.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertFromPaste' }));
  }, text);
}

test.describe('a long article', () => {
  test.setTimeout(150_000);

  test('shows an accessible progress bar while it is analysed, which ends with the answer', async ({ page }) => {
    // Every state of the bar is recorded from the page itself, so a short-lived bar cannot be missed.
    await page.addInitScript(() => {
      window.__bars = [];
      new MutationObserver(() => {
        const bar = document.querySelector('progress');
        if (bar) {
          window.__bars.push({
            value: Number(bar.getAttribute('value')), max: Number(bar.getAttribute('max')),
            text: bar.getAttribute('aria-valuetext'), name: bar.getAttribute('aria-label'),
            status: document.querySelector('[role=status]')?.textContent,
          });
        }
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.goto('./');
    await paste(page, longText(600 * 1024));
    // The bar's states are checked from the record, not live: on a fast machine the analysis can end
    // before a live check polls, and that must not fail the test.
    const bar = page.getByRole('progressbar', { name: 'Analysis progress' });
    await expect(status(page)).toContainText(done, { timeout: 60_000 });
    await expect(bar).toHaveCount(0);
    const bars = await page.evaluate(() => window.__bars);
    expect(bars.length).toBeGreaterThan(1);
    expect(bars.some((b) => /Analysing a long text \(\d+ KB\): .* \(step \d of \d\)/.test(b.status ?? ''))).toBe(true);
    expect(bars.every((b) => b.name === 'Analysis progress' && b.value >= 0 && b.value <= b.max)).toBe(true);
    // It moves forward through the engine's stages and the parts of the answer, and never back.
    const values = bars.map((b) => b.value);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    const texts = new Set(bars.map((b) => b.text));
    expect([...texts].some((t) => /finding places/.test(t))).toBe(true);
    expect([...texts].some((t) => /receiving the results/.test(t))).toBe(true);
  });

  test('a short text shows no progress bar', async ({ page }) => {
    await page.goto('./');
    await page.getByRole('button', { name: 'Try the sample' }).click();
    await expect(status(page)).toContainText(done);
    await expect(page.getByRole('progressbar')).toHaveCount(0);
  });

  test('typing while it is analysed is kept, and the answer is for the text as typed', async ({ page }) => {
    await page.goto('./');
    const box = page.getByRole('textbox', { name: 'Article text' });
    await paste(page, longText(600 * 1024));
    // Checked every animation frame: the bar may be up for well under a second, which expect()'s
    // widening poll interval can miss.
    await page.waitForFunction(() => document.querySelector('progress[aria-label="Analysis progress"]'), null, {
      polling: 'raf',
    });
    // Typed key by key while the engine works on the pasted text.
    await box.press('Control+End');
    const typed = `\n\n${LAST}`;
    await box.pressSequentially(typed);
    await expect(box).toHaveValue(new RegExp(`${LAST.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    await expect(status(page)).toContainText(done, { timeout: 60_000 });
    // The answer shown is the one for the typed text: its last sentence is analysed and highlighted.
    const article = page.getByRole('region', { name: 'Article', exact: true });
    const scroller = article.locator('.article-text');
    await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await expect(article.locator('mark', { hasText: 'explosion' }).last()).toBeVisible();
    await expect(article.locator('mark', { hasText: '3 March 2031' })).toHaveCount(1);
  });

  test('the windowed article highlights and scrolls to a mention selected far down, from the events and the timeline', async ({ page }) => {
    await page.goto('./');
    await paste(page, `${longText(300 * 1024)}${LAST}\n`);
    await expect(status(page)).toContainText(done, { timeout: 60_000 });
    const article = page.getByRole('region', { name: 'Article', exact: true });
    const scroller = article.locator('.article-text');
    // Only the part near the view carries highlights: far fewer marks than the article's mentions.
    const dates = Number((await status(page).textContent()).match(/(\d+) dates/)[1]);
    const drawn = await article.locator('mark').count();
    expect(dates).toBeGreaterThan(1000);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(dates / 4);
    await expect(article.locator('mark', { hasText: '3 March 2031' })).toHaveCount(0);

    // From the event list, in text order: its last card, reached page by page.
    const events = page.getByRole('region', { name: 'Events', exact: true });
    await events.getByRole('button', { name: 'Sort by text order' }).click();
    const more = events.getByRole('button', { name: /^Show \d+ more events/ });
    while (await more.count()) await more.click();
    const card = events.locator('.event-card').filter({ hasText: '2031' }).last();
    await card.getByRole('button').click();
    const selected = article.locator('mark.selected');
    await expect.poll(() => selectedInView(article)).toBe('in view');
    expect((await selected.allTextContents()).join(' | ')).toMatch(/explosion/);
    await expect(card).toHaveClass(/selected/);

    // Back to the top, then from the timeline: of the events it draws, the one mentioned last in the
    // text (event ids follow the text). It says that it could not draw them all.
    await article.getByRole('button', { name: 'Close' }).click();
    await scroller.evaluate((el) => { el.scrollTop = 0; });
    await expect(article.locator('mark', { hasText: '3 March 2031' })).toHaveCount(0);
    const timeline = page.getByRole('region', { name: 'Timeline', exact: true });
    await expect(timeline).toContainText(/\d+ more events overlap at this zoom/);
    const ids = await timeline.locator('.tl-item.art-0[data-event]').evaluateAll((els) => els.map((e) => e.dataset.event));
    const last = ids.sort((a, b) => Number(a.slice(2)) - Number(b.slice(2))).at(-1);
    await timeline.locator(`[data-event="${last}"]`).click();
    await expect.poll(() => selectedInView(article)).toBe('in view');
    expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await expect(timeline.locator(`[data-event="${last}"]`)).toHaveAttribute('aria-pressed', 'true');
  });
});
