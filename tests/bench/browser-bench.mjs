// Browser benchmark: Dateline's full analysis in wasm (main thread and worker) against chrono-node (dates only)
// in headless Chromium, at 4 KB, 40 KB, 400 KB and 4 MB; then the app engine worker's lazy gazetteer load (fetch +
// parse) and the growth of that worker's WebAssembly memory, in DATELINE_GAZ_RUNS (default 5) fresh workers. Not
// part of `make test`; run `scripts/bench-browser` (which builds target/bench-web/ first). Timings are printed,
// never asserted.
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
// The data files can be served at a set rate (`dataMbps`, megabits per second; 0: as fast as localhost goes), in
// 64 KiB chunks, to see what a person on a real connection waits for.
let dataMbps = 0;
const server = createServer(async (req, res) => {
  const file = normalize(join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname)));
  if (!file.startsWith(root)) return res.writeHead(403).end();
  let body;
  try {
    body = await readFile(file);
  } catch {
    return res.writeHead(404).end();
  }
  res.writeHead(200, { 'content-type': types[extname(file)] || 'application/octet-stream' });
  if (!dataMbps || !file.includes(`${join('bench-web', 'data')}`)) return res.end(body);
  const chunk = 64 * 1024;
  const msPerChunk = (chunk * 8) / (dataMbps * 1e3);
  for (let at = 0; at < body.length; at += chunk) {
    res.write(body.subarray(at, at + chunk));
    await new Promise((r) => setTimeout(r, msPerChunk));
  }
  res.end();
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
  // The small texts warm up for 1.5 s first (see bench/bench.mjs, timeIt): the figures are the steady state.
  const opts = size >= 400 * 1024 ? { rounds: 3, minMs: 0, warmMs: 0 } : { rounds: 5, minMs: 300, warmMs: 1500 };
  const r = await page.evaluate(([t, o]) => window.benchSize(t, o), [text, opts]);
  rows.push({ label, bytes, ...r });
  console.error(`${label}: done (${r.checks.dateline} Dateline items, ${r.checks.chrono} chrono-node dates)`);
}
// The gazetteer load, then a first and a second analysis of the 4 KB text in the same fresh worker.
const gazRuns = Math.max(1, Number(process.env.DATELINE_GAZ_RUNS) || 5);
const text4 = textOf(base, 4 * 1024);
const gaz = await page.evaluate(([t, n]) => window.benchGazetteer(t, n), [text4, gazRuns]);
// The app's worker warms the engine with the waiting article while its files download (dateline::prepare): from
// localhost, and at 50 Mbit/s (the gazetteer then takes ~0.4 s to arrive).
const warmed = [];
for (const mbps of [0, 50]) {
  dataMbps = mbps;
  for (const prepare of [false, true]) {
    const runs = await page.evaluate(([t, n, p]) => window.benchGazetteer(t, n, p), [text4, gazRuns, prepare]);
    warmed.push({ mbps, prepare, runs });
  }
}
dataMbps = 0;
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

// Times: median (min–max) over the fresh workers. Memory: wasm memory only grows, in 64 KiB pages.
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const spread = (key) => {
  const xs = gaz.map((g) => g[key]);
  return `${median(xs).toFixed(1)} ms (${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)})`;
};
const kb = (b) => `${(b / 1024).toLocaleString('en-US', { maximumFractionDigits: 0 })} KiB`;
const grow = (key, from) => {
  const xs = gaz.map((g) => g[key] - g[from]);
  return Math.min(...xs) === Math.max(...xs) ? kb(xs[0]) : `${kb(median(xs))} (${kb(Math.min(...xs))}–${kb(Math.max(...xs))})`;
};
const g0 = gaz[0];
console.log(`Gazetteer load in a fresh worker, as the app's engine worker does it (${gazRuns} workers; ` +
  `${g0.bytes.toLocaleString('en-US')} B file served uncompressed from localhost, ${g0.entries} entries):`);
console.log(`  fetch ${spread('fetchMs')}, parse ${spread('parseMs')}; then analyze 4 KB: first call ` +
  `${spread('firstMs')}, second ${spread('secondMs')} (${g0.items} items)`);
console.log(`  wasm memory ${kb(g0.before)} before (the bench module also embeds the file as static data); grows ` +
  `${grow('loaded', 'before')} with the gazetteer, then ${grow('analysed', 'loaded')} in the first analysis, ` +
  `${grow('again', 'analysed')} in the second`);
console.log('The first analysis of the 4 KB text in a fresh worker, its article posted before the gazetteer arrives ' +
  '(median (min-max) of the workers): answer after the data arrived = the wait until the analysis starts (busy ' +
  'warming), the parse and the analysis; from the start = from the worker\'s first fetch to the answer.');
console.log('  data served at        warm-up | data arrives  warm-up ms  first analysis  answer after data  from start');
for (const { mbps, prepare, runs } of warmed) {
  const pick = (f) => {
    const xs = runs.map(f);
    return `${median(xs).toFixed(1)} (${Math.min(...xs).toFixed(0)}-${Math.max(...xs).toFixed(0)})`;
  };
  console.log(`  ${(mbps ? `${mbps} Mbit/s` : 'localhost').padEnd(20)} ${(prepare ? 'yes' : 'no').padStart(8)} | ` +
    `${pick((g) => g.fetchMs).padStart(12)}  ${pick((g) => g.prepareMs).padStart(10)}  ${pick((g) => g.firstMs).padStart(14)}  ` +
    `${pick((g) => g.answerMs - g.fetchMs).padStart(17)}  ${pick((g) => g.answerMs).padStart(10)}`);
}
