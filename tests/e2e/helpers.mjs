// Shared by the end-to-end specs.
import { join } from 'node:path';
import { expect } from '@playwright/test';

/** The evaluation material beside the project (or DATELINE_SHARED). */
export const shared = process.env.DATELINE_SHARED || join(process.cwd(), '..', 'shared');
/** The reference article. */
export const seedPath = join(shared, 'seed', 'afp-syria-2016-09-05.txt');
/** Where screenshots go. */
export const artifacts = join(process.cwd(), 'test-artifacts');

/** Records every request the page makes outside the test server's origin; a test expects none. */
export function watchRequests(page, baseURL) {
  const origin = new URL(baseURL).origin;
  const foreign = [];
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(origin) && !url.startsWith('blob:') && !url.startsWith('data:')) foreign.push(url);
  });
  return foreign;
}

/**
 * Waits until the page has written its view into the address and the autosave: it does so once the view
 * has stayed unchanged for a moment, and its share bar is `aria-busy` until then. Waiting for this rather
 * than for a fixed time keeps link tests right on a slow or loaded machine.
 */
export async function viewSaved(page) {
  await expect(page.locator('.share-bar')).toHaveAttribute('aria-busy', 'false', { timeout: 20_000 });
}

/** A region of the page by its exact name ("Article", "Timeline", "Map", "Events"). */
export const region = (page, name) => page.getByRole('region', { name, exact: true });

/** Opens the page and analyses the built-in sample, then waits until its map markers and event cards are drawn (a
 * task after the article). */
export async function openSample(page) {
  await page.goto('./');
  await page.getByRole('button', { name: 'Try the sample' }).click();
  await expect(page.getByRole('status')).toContainText(/[1-9]\d* events/, { timeout: 20_000 });
  await expect(region(page, 'Map').locator('.marker').first()).toBeVisible();
  await expect(region(page, 'Events').locator('.event-card').first()).toBeVisible();
}
