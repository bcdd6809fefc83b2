// Starts the analysis worker (src/app/worker.rs); the page creates it from this file (src/app/services/engine.rs).
// In place of Trunk's loader shim, which left a failure to load the wasm as an unhandled promise rejection the
// page never hears of (a worker that never answered). Thrown again from a task of its own, the error reaches
// the page's `error` handler, which starts a new worker.
importScripts('./worker.js');
wasm_bindgen({ module_or_path: './worker_bg.wasm' }).catch((error) => setTimeout(() => { throw error; }));
