// The benchmark texts, built exactly as benches/analyze.rs builds them: the project's sample article and
// tests/samples/*.txt, then dev-corpus texts read from ../shared at run time (never copied into the project).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = process.cwd();
export const shared = process.env.DATELINE_SHARED || join(root, '..', 'shared');

// 1 MB is the UI target's size (run it by name: `scripts/bench-browser 1MB`).
export const SIZES = [[4 * 1024, '4KB'], [40 * 1024, '40KB'], [400 * 1024, '400KB'], [1024 * 1024, '1MB'], [4 * 1024 * 1024, '4MB']];

const stripTags = (s) => s.replace(/<[^>]*>/g, '');
const unescape = (s) => s.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"')
  .replaceAll('&apos;', "'").replaceAll('&amp;', '&');
const between = (s, open, close) => {
  const out = [];
  let at = 0;
  for (;;) {
    const a = s.indexOf(open, at);
    if (a < 0) break;
    const b = s.indexOf(close, a + open.length);
    if (b < 0) break;
    out.push(s.slice(a + open.length, b));
    at = b + close.length;
  }
  return out;
};
const sortedFiles = (dir, ext) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(ext)).sort() : [])
  .map((f) => join(dir, f));

/** The base text: every text, paragraphs apart. */
export function baseText() {
  const texts = [readFileSync(join(root, 'src/app/sample_article.txt'), 'utf8')];
  for (const f of sortedFiles(join(root, 'tests/samples'), '.txt')) texts.push(readFileSync(f, 'utf8'));
  if (existsSync(join(shared, 'corpora'))) {
    const seed = join(shared, 'seed/afp-syria-2016-09-05.txt');
    if (existsSync(seed)) texts.push(readFileSync(seed, 'utf8'));
    for (const sub of ['TimeBank', 'AQUAINT']) {
      for (const f of sortedFiles(join(shared, 'corpora/timeml', sub), '.tml')) {
        for (const body of between(readFileSync(f, 'utf8'), '<TEXT>', '</TEXT>')) texts.push(unescape(stripTags(body)).trim());
      }
    }
    for (const name of ['lgl.xml', 'tr-news.xml']) {
      const f = join(shared, 'corpora/geo', name);
      if (existsSync(f)) for (const body of between(readFileSync(f, 'utf8'), '<text><![CDATA[', ']]></text>')) texts.push(body.trim());
    }
  } else {
    console.log(`NOTE: ${shared} not found (set DATELINE_SHARED); repeating the project texts only`);
  }
  return texts.filter((t) => t.trim() !== '').join('\n\n');
}

/** The first `size` bytes of the base text (repeated when shorter), cut back to a paragraph end when one
 * lies in the last tenth, otherwise to a character boundary. */
export function textOf(base, size) {
  const parts = [];
  let len = 0;
  const b = Buffer.from(base, 'utf8');
  const sep = Buffer.from('\n\n');
  while (len < size) {
    if (parts.length) { parts.push(sep); len += 2; }
    parts.push(b); len += b.length;
  }
  const all = Buffer.concat(parts);
  let cut = size;
  while (cut > 0 && (all[cut] & 0xc0) === 0x80) cut -= 1;
  const p = all.subarray(0, cut).lastIndexOf(sep);
  if (p > size - Math.floor(size / 10)) cut = p;
  return all.subarray(0, cut).toString('utf8');
}
