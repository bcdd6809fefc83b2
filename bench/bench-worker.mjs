// The benchmark's dedicated worker: the same wasm module as the page, answering each posted text with the full
// analysis serialised to JSON (what the app's engine worker does before posting its answer).
import init, { bench_init, bench_analyze } from './wasm_bench.js';

await init({ module_or_path: new URL('./wasm_bench_bg.wasm', import.meta.url) });
bench_init();
self.postMessage({ id: -1 });
self.onmessage = ({ data }) => {
  self.postMessage({ id: data.id, n: bench_analyze(data.text, true) });
};
