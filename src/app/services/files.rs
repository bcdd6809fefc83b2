//! Reading a dropped or picked file: a saved view (`.dateline.json`) is read here; an article (an HTML page, a
//! Word document, text) is read by the reader worker ([`crate::app::reader`]) with the CLI's own reader, so the
//! page and the CLI find the same article, headline and date in a page. The worker is started for each file
//! and ended when it answers, or when it takes longer than [`READ_BUDGET_MS`] (a hostile file cannot freeze
//! the page or keep a core busy).

use super::one_shot::{self, Failure};
use crate::app::reader::ReadAnswer;
use crate::reader::ReadText;
use wasm_bindgen::prelude::*;

pub use crate::app::reader::MAX_FILE_BYTES;

/// The reader worker's script, beside the page.
const LOADER: &str = "./reader_loader.js";

/// How long a file may take to read, loading the reader included, before it is given up.
pub const READ_BUDGET_MS: u32 = 30_000;

/// What a dropped or picked file turned out to be, when it is not an article.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// A saved view (`.dateline.json`).
    View(crate::share::ViewState),
    /// An article, to be read by the reader worker.
    Article,
}

/// Reads a saved view; anything else is an article for [`read_article`].
pub fn load_view(name: &str, bytes: &[u8]) -> Result<Loaded, String> {
    if !name.to_ascii_lowercase().ends_with(".dateline.json") {
        return Ok(Loaded::Article);
    }
    let view: crate::share::ViewState =
        serde_json::from_slice(bytes).map_err(|e| format!("{name}: not a Dateline view file ({e})"))?;
    Ok(Loaded::View(view))
}

/// Reads the article file `name` in the reader worker and calls `done` with its text, or with a message for the
/// person.
pub fn read_article(name: String, bytes: Vec<u8>, done: impl FnOnce(Result<ReadText, String>) + 'static) {
    let request = js_sys::Array::of2(&JsValue::from_str(&name), &js_sys::Uint8Array::from(&bytes[..]));
    one_shot::ask(LOADER, request.into(), READ_BUDGET_MS, move |answer| {
        done(match answer {
            Ok(json) => match serde_json::from_str::<ReadAnswer>(&json) {
                Ok(ReadAnswer::Read(read)) => Ok(read),
                Ok(ReadAnswer::Refused(why)) => Err(why),
                Err(e) => Err(format!("{name}: the file reader's answer was unreadable ({e})")),
            },
            Err(Failure::NotStarted(e)) => Err(format!("{name}: the file reader could not start ({e})")),
            Err(Failure::Failed(why)) => Err(format!("{name}: the file could not be read ({why})")),
            Err(Failure::TooLong(ms)) => Err(format!(
                "{name}: reading the file took longer than {} s and was stopped",
                ms / 1000
            )),
        })
    });
}
