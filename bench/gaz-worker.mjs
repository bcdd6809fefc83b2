// The gazetteer-load worker: a fresh worker loads the gazetteer as the app's engine worker does (fetch of
// data/gazetteer.bin, then `Gazetteer::from_bytes` in wasm) and reports the times and its WebAssembly memory
// (`memory.buffer.byteLength`, which only grows) before and after, then after a first and a second analysis
// of the posted text with that gazetteer. One load per worker: bench.mjs starts a new one for each run.
import init, { bench_parse_gazetteer, bench_analyze_fetched } from './wasm_bench.js';

const wasm = await init({ module_or_path: new URL('./wasm_bench_bg.wasm', import.meta.url) });
const memory = () => wasm.memory.buffer.byteLength;
self.onmessage = async ({ data }) => {
  const before = memory();
  const t0 = performance.now();
  const response = await fetch(new URL('./data/gazetteer.bin', import.meta.url));
  const buffer = await response.arrayBuffer();
  const t1 = performance.now();
  const entries = bench_parse_gazetteer(new Uint8Array(buffer));
  const t2 = performance.now();
  const loaded = memory();
  const items = bench_analyze_fetched(data.text);
  const t3 = performance.now();
  const analysed = memory();
  bench_analyze_fetched(data.text);
  const t4 = performance.now();
  self.postMessage({
    bytes: buffer.byteLength, entries, items, fetchMs: t1 - t0, parseMs: t2 - t1, firstMs: t3 - t2,
    secondMs: t4 - t3, before, loaded, analysed, again: memory(),
  });
};
self.postMessage({ ready: true });
