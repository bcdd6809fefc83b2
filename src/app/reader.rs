//! The file-reading worker: turns a dropped or picked file's bytes into the article text and its page metadata
//! with the same reader as the CLI ([`crate::reader::read_document`]), off the page's main thread.
//!
//! Its own wasm (`src/bin/reader.rs`), loaded only when a file is first opened, so neither first paint nor the
//! analysis worker carries the HTML, Word and PDF readers. The page sends `[name, bytes]` (an array with a
//! string and a `Uint8Array`) once the worker says it is ready, and gets one JSON [`ReadAnswer`] back.

use crate::reader::ReadText;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The largest file the page reads, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// The reader's answer: the text read, or a message for the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReadAnswer {
    /// The file's text and metadata.
    Read(ReadText),
    /// Why the file could not be read, in words for the person.
    Refused(String),
}

/// Reads one `[name, bytes]` message.
fn answer(data: &JsValue) -> ReadAnswer {
    let pair = js_sys::Array::from(data);
    let name = pair.get(0).as_string().unwrap_or_default();
    let bytes = pair
        .get(1)
        .dyn_into::<js_sys::Uint8Array>()
        .map(|b| b.to_vec())
        .unwrap_or_default();
    match crate::reader::read_document(&name, &bytes, MAX_FILE_BYTES) {
        Ok(read) => ReadAnswer::Read(read),
        Err(e) => ReadAnswer::Refused(format!("{name}: {e}")),
    }
}

/// Registers the reader's message handler (called by the reader binary) and tells the page it is listening.
pub fn register() {
    crate::app::services::one_shot::serve(answer);
}
