// Shared by the end-to-end specs.
import { join } from 'node:path';

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
