// Starts the file-reading worker (src/app/reader.rs); the page creates it from this file when a file is opened
// (src/app/services/files.rs). A failure to load the wasm is thrown again from a task of its own, so that it
// reaches the page's `error` handler, which reports it.
importScripts('./reader.js');
wasm_bindgen({ module_or_path: './reader_bg.wasm' }).catch((error) => setTimeout(() => { throw error; }));
