//! Same-origin fetches of the lazily loaded data files, from the page or from the worker.

use js_sys::{ArrayBuffer, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Fetches `url` (relative to the calling script) and returns its bytes, or a message saying why not.
pub async fn fetch_bytes(url: &str) -> Result<Vec<u8>, String> {
    // `fetch` exists on both Window and WorkerGlobalScope; call it on whichever global this is.
    let global = js_sys::global();
    let fetch = Reflect::get(&global, &JsValue::from_str("fetch")).map_err(describe)?;
    let fetch: js_sys::Function = fetch.dyn_into().map_err(describe)?;
    let promise: Promise = fetch
        .call1(&global, &JsValue::from_str(url))
        .map_err(describe)?
        .dyn_into()
        .map_err(describe)?;
    let response: web_sys::Response = JsFuture::from(promise)
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(describe)?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let buffer: ArrayBuffer = JsFuture::from(response.array_buffer().map_err(describe)?)
        .await
        .map_err(describe)?
        .dyn_into()
        .map_err(describe)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

fn describe(value: JsValue) -> String {
    value
        .as_string()
        .or_else(|| value.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())))
        .unwrap_or_else(|| "network error".to_string())
}
