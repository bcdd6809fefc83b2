// Times Dateline's full analysis (wasm) on the main thread and in a dedicated worker, and chrono-node's date
// parsing on the main thread, on the same texts. Timings are taken with performance.now() around batches of
// calls, because the browser coarsens the clock to 0.1 ms.
import init, { bench_init, bench_analyze } from './wasm_bench.js';
import * as chrono from './chrono.js';

const REF = new Date('2016-09-05T12:00:00Z');

/** Median over `rounds` of the mean time per call, each round lasting at least `minMs` (and one call), after
 * warming up for at least `warmMs` (and one call): the engine compiles the date searches a text needs over its first
 * calls and its lazy automata fill their states over the next hundred or so, which is not the steady state. */
async function timeIt(fn, { rounds = 5, minMs = 200, warmMs = 0 } = {}) {
  const w0 = performance.now();
  do { await fn(); } while (performance.now() - w0 < warmMs);
  const means = [];
  for (let r = 0; r < rounds; r++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    do { await fn(); n++; t = performance.now(); } while (t - t0 < minMs);
    means.push((t - t0) / n);
  }
  means.sort((a, b) => a - b);
  return means[Math.floor(means.length / 2)];
}

let worker;
let nextId = 0;
const pending = new Map();
function startWorker() {
  worker = new Worker(new URL('./bench-worker.mjs', import.meta.url), { type: 'module' });
  worker.onmessage = ({ data }) => { pending.get(data.id)?.(data); pending.delete(data.id); };
  return new Promise((resolve) => pending.set(-1, resolve));
}
function inWorker(text) {
  const id = nextId++;
  return new Promise((resolve) => { pending.set(id, resolve); worker.postMessage({ id, text }); });
}

window.benchReady = (async () => {
  await init({ module_or_path: new URL('./wasm_bench_bg.wasm', import.meta.url) });
  bench_init();
  await startWorker();
  document.getElementById('status').textContent = 'ready';
})();

/** One size: Dateline on the main thread (analysis only), in the worker (round trip with the text posted and
 * the result serialised to JSON, as the app's worker does), and chrono-node (dates only). */
window.benchSize = async (text, { rounds, minMs, warmMs }) => {
  const opts = { rounds, minMs, warmMs };
  const checks = { dateline: bench_analyze(text, false), chrono: chrono.parse(text, REF).length };
  const main = await timeIt(() => bench_analyze(text, false), opts);
  const workerMs = await timeIt(() => inWorker(text), opts);
  const chronoMs = await timeIt(() => chrono.parse(text, REF), opts);
  return { main, worker: workerMs, chrono: chronoMs, checks };
};

/** The app worker's lazy gazetteer load, once in each of `runs` fresh workers (bench/gaz-worker.mjs), with a
 * first and second analysis of `text` after it; one result object per run. With `prepare`, each worker first warms
 * the engine with `text` while the fetch is on its way, as the app's worker does. */
window.benchGazetteer = async (text, runs, prepare = false) => {
  const results = [];
  for (let r = 0; r < runs; r++) {
    const w = new Worker(new URL('./gaz-worker.mjs', import.meta.url), { type: 'module' });
    results.push(await new Promise((resolve, reject) => {
      w.onerror = (e) => reject(new Error(`gazetteer worker: ${e.message}`));
      w.onmessage = ({ data }) => (data.ready ? w.postMessage({ text, prepare }) : resolve(data));
    }));
    w.terminate();
  }
  return results;
};
