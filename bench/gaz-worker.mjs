// The gazetteer-load worker: a fresh worker loads the gazetteer as the app's engine worker does (fetch of
// data/gazetteer.bin, then `Gazetteer::from_bytes` in wasm) and reports the times and its WebAssembly memory
// (`memory.buffer.byteLength`, which only grows) before and after, then after a first and a second analysis
// of the posted text with that gazetteer. One load per worker: bench.mjs starts a new one for each run.
//
// With `prepare`, it does what the app's worker does with the article that arrives before its files: warms the
// engine with it (`bench_prepare`, dateline::prepare) while the fetch is on its way. The network's own end of the
// transfer is read from the resource timing entry (the fetch's promise settles only after the warm-up, the worker
// being busy), so the report can say how long the analysis waited after the data had arrived.
import init, { bench_parse_gazetteer, bench_analyze_fetched, bench_prepare } from './wasm_bench.js';

const wasm = await init({ module_or_path: new URL('./wasm_bench_bg.wasm', import.meta.url) });
const memory = () => wasm.memory.buffer.byteLength;
self.onmessage = async ({ data }) => {
  const before = memory();
  const url = new URL('./data/gazetteer.bin', import.meta.url);
  const t0 = performance.now();
  const fetching = fetch(url).then((r) => r.arrayBuffer());
  let prepareMs = 0;
  if (data.prepare) {
    // As the app's worker: after the messages already waiting (a zero timeout), then the warm-up.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const p0 = performance.now();
    bench_prepare(data.text);
    prepareMs = performance.now() - p0;
  }
  const buffer = await fetching;
  const t1 = performance.now();
  const timing = performance.getEntriesByName(url.href).pop();
  const arrived = timing ? timing.responseEnd : t1;
  const entries = bench_parse_gazetteer(new Uint8Array(buffer));
  const t2 = performance.now();
  const loaded = memory();
  const items = bench_analyze_fetched(data.text);
  const t3 = performance.now();
  const analysed = memory();
  bench_analyze_fetched(data.text);
  const t4 = performance.now();
  self.postMessage({
    bytes: buffer.byteLength, entries, items, fetchMs: arrived - t0, prepareMs, parseMs: t2 - t1, firstMs: t3 - t2,
    secondMs: t4 - t3, answerMs: t3 - t0, before, loaded, analysed, again: memory(),
  });
};
self.postMessage({ ready: true });
