// Browser benchmark: Dateline's full analysis in wasm (main thread and worker) against chrono-node (dates only)
// in headless Chromium, at 4 KB, 40 KB, 400 KB and 4 MB. Not part of `make test`; run `scripts/bench-browser`
// (which builds target/bench-web/ first). Timings are printed, never asserted.
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { SIZES, baseText, textOf } from './texts.mjs';

const root = join(process.cwd(), 'target', 'bench-web');
if (!existsSync(join(root, 'wasm_bench_bg.wasm'))) {
  console.error('target/bench-web/ is not built: run scripts/bench-browser');
  process.exit(2);
}
// Sizes to run (labels); 1 MB and 4 MB only when asked for by name: a call takes seconds there and
// chrono-node far longer, each repeated per round (see docs/performance.md).
const only = process.argv.length > 2 ? process.argv.slice(2) : ['4KB', '40KB', '400KB'];
const types = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' };
const server = createServer(async (req, res) => {
  const file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!file.startsWith(root)) return res.writeHead(403).end();
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}).listen(0, '127.0.0.1');
await new Promise((r) => server.once('listening', r));
const url = `http://127.0.0.1:${server.address().port}/index.html`;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});
const page = await browser.newPage();
page.on('pageerror', (e) => console.error('page error:', e.message));
await page.goto(url);
await page.evaluate(() => window.benchReady);
const version = browser.version();

const base = baseText();
const rows = [];
for (const [size, label] of SIZES) {
  if (!only.includes(label)) continue;
  const text = textOf(base, size);
  const bytes = Buffer.byteLength(text);
  // Few rounds for the large texts: chrono-node alone takes seconds there.
  const opts = size >= 400 * 1024 ? { rounds: 3, minMs: 0 } : { rounds: 5, minMs: 300 };
  const r = await page.evaluate(([t, o]) => window.benchSize(t, o), [text, opts]);
  rows.push({ label, bytes, ...r });
  console.error(`${label}: done (${r.checks.dateline} Dateline items, ${r.checks.chrono} chrono-node dates)`);
}
await browser.close();
server.close();

const ms = (x) => (x < 10 ? x.toFixed(3) : x.toFixed(1)).padStart(9);
const mbs = (b, t) => (b / 1e6 / (t / 1e3)).toFixed(2).padStart(7);
console.log(`Chromium ${version}, wasm built with --features bench (opt-level s, LTO, wasm-opt -Oz)`);
console.log('size      bytes  | Dateline main ms   MB/s | Dateline worker ms | chrono-node ms   MB/s | chrono / Dateline');
for (const r of rows) {
  console.log(`${r.label.padEnd(6)} ${String(r.bytes).padStart(8)}  | ${ms(r.main)} ${mbs(r.bytes, r.main)} | ${ms(r.worker)}          | ` +
    `${ms(r.chrono)} ${mbs(r.bytes, r.chrono)} | ${(r.chrono / r.main).toFixed(1).padStart(6)}x`);
}
