// Starts the export worker (src/app/exporter.rs); the page creates it from this file when something is exported
// (src/app/services/export.rs). A failure to load the wasm is thrown again from a task of its own, so that it
// reaches the page's `error` handler, which reports it.
importScripts('./exporter.js');
wasm_bindgen({ module_or_path: './exporter_bg.wasm' }).catch((error) => setTimeout(() => { throw error; }));
