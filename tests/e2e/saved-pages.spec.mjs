// Real saved web pages opened in the page (../shared/corpora/web/readability): the article is read by the reader
// worker with the CLI's extractor, so the map holds the article's places, not the menus', and the page's headline
// and publication date are shown above the views; a page in another language gets the language message.
import { test, expect } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { shared } from './helpers.mjs';

const corpus = join(shared, 'corpora', 'web', 'readability');
const pages = existsSync(corpus)
  ? readdirSync(corpus, { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(corpus, d.name, 'source.html')))
      .map((d) => ({ name: d.name, meta: JSON.parse(readFileSync(join(corpus, d.name, 'expected-metadata.json'), 'utf8')) }))
      .sort((a, b) => a.name.localeCompare(b.name))
  : [];
// The first English pages that carry a publication date in their metadata, and the first page in another language.
const english = pages.filter((p) => /^en/i.test(p.meta.lang || '') && p.meta.publishedTime).slice(0, 4);
const foreign = pages.find((p) => p.meta.lang && !/^en/i.test(p.meta.lang));

test.skip(!existsSync(corpus), `SKIP saved pages not found at ${corpus}`);

/** The words of `html`'s text, lower-cased, one space between: what "in the article" is checked against. */
function words(text) {
  return ' ' + (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).join(' ') + ' ';
}

/** Opens the saved page `name` through the file picker. */
async function open(page, name) {
  await page.goto('./');
  await page.locator('input[type=file]').setInputFiles({
    name: `${name}.html`,
    mimeType: 'text/html',
    buffer: readFileSync(join(corpus, name, 'source.html')),
  });
}

test('saved pages: the headline and date above the views, and only the article\'s places', async ({ page }) => {
  test.setTimeout(120_000);
  expect(english.length).toBeGreaterThanOrEqual(3);
  let places = 0;
  const outside = [];
  for (const { name, meta } of english) {
    await open(page, name);
    const header = page.getByRole('region', { name: 'About this page' });
    await expect(header, name).toBeVisible({ timeout: 15_000 });
    // The headline shown is the one analysed: the first line of the text.
    const headline = (await header.locator('.page-headline').textContent()).trim();
    const box = page.getByRole('textbox', { name: 'Article text' });
    const text = await box.inputValue();
    expect(headline.length, name).toBeGreaterThan(0);
    expect(text.split('\n')[0].trim(), name).toBe(headline);
    // The publication date of the page's metadata, in words and as a machine-readable datetime.
    await expect(header.locator('.page-date time'), name).toHaveAttribute('datetime', new RegExp('^' + meta.publishedTime.slice(0, 10)));
    await expect(page.getByRole('status')).toContainText(/\d+ dates, \d+ places, \d+ events/);
    // Every place highlighted in the article is in the article Readability extracts (its words, two either side).
    const article = words(readFileSync(join(corpus, name, 'expected.html'), 'utf8').replace(/<[^>]*>/g, ' ') + ' ' + (meta.title || ''));
    const contexts = await page.locator('.article-text mark.hl-place').evaluateAll((marks) =>
      marks.map((m) => {
        const block = m.closest('.block');
        const before = [];
        const after = [];
        for (let n = m.previousSibling; n && before.join(' ').length < 80; n = n.previousSibling) before.unshift(n.textContent);
        for (let n = m.nextSibling; n && after.join(' ').length < 80; n = n.nextSibling) after.push(n.textContent);
        return { mark: m.textContent, before: before.join(''), after: after.join(''), block: block ? block.textContent.slice(0, 60) : '' };
      }),
    );
    for (const c of contexts) {
      places += 1;
      const left = (c.before.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).slice(-2);
      const right = (c.after.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).slice(0, 2);
      const window = words([...left, c.mark, ...right].join(' '));
      if (!article.includes(window)) outside.push(`${name}: ${window.trim()}`);
    }
  }
  expect(places, 'places found on the pages').toBeGreaterThan(0);
  // The bar: at most 5 % of the places from outside the article.
  expect(outside.length / places, outside.join('\n')).toBeLessThanOrEqual(0.05);
});

test('a saved page in another language shows the language message, and no place', async ({ page }) => {
  test.skip(!foreign, 'SKIP no page in another language in the corpus');
  await open(page, foreign.name);
  await expect(page.getByRole('note').filter({ hasText: 'Dateline reads English for now' })).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('status')).toContainText(/ 0 places/);
});

test('a file that is not text gets a message and the text is kept', async ({ page }) => {
  await page.goto('./');
  const box = page.getByRole('textbox', { name: 'Article text' });
  await box.fill('Homs was shelled on Sunday.');
  await page.locator('input[type=file]').setInputFiles({ name: 'photo.html', mimeType: 'text/html', buffer: Buffer.from([0xff, 0xd8, 0, 1, 2, 3, 0, 0, 0, 0, 0, 0, 9, 9]) });
  await expect(page.getByRole('alert').filter({ hasText: 'photo.html: this is binary data' })).toBeVisible();
  await expect(box).toHaveValue('Homs was shelled on Sunday.');
});
