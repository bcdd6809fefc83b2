//! Reading a dropped or picked file into article text. HTML goes through the same extractor as the CLI
//! (`crate::html::extract`): the article's blocks and the page's metadata are decided by one piece of Rust code, and
//! the page is only read as characters (nothing in it runs or loads).

use crate::html::PageMeta;
use crate::input;

/// Article text and the metadata found with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedText {
    /// The text.
    pub text: String,
    /// What an HTML page said about itself (empty for plain text).
    pub meta: PageMeta,
    /// A note on how the bytes were decoded.
    pub note: Option<String>,
}

/// What a dropped or picked file turned out to be.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// An article.
    Article(LoadedText),
    /// A saved view (`.dateline.json`).
    View(crate::share::ViewState),
}

/// Reads a file: a `.dateline.json` view, or an article.
pub fn load_any(name: &str, bytes: &[u8]) -> Result<Loaded, String> {
    if name.to_ascii_lowercase().ends_with(".dateline.json") {
        let view: crate::share::ViewState =
            serde_json::from_slice(bytes).map_err(|e| format!("{name}: not a Dateline view file ({e})"))?;
        return Ok(Loaded::View(view));
    }
    load(name, bytes).map(Loaded::Article)
}

/// Largest file accepted in the page, in bytes.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Turns a file's bytes into article text, or a message for the person.
pub fn load(name: &str, bytes: &[u8]) -> Result<LoadedText, String> {
    let decoded = input::decode(bytes, MAX_FILE_BYTES).map_err(|e| format!("{name}: {e}"))?;
    let lower = name.to_ascii_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || crate::html::looks_like_html(&decoded.text) {
        let page = crate::html::extract(&decoded.text);
        return Ok(LoadedText {
            text: page.text,
            meta: page.meta,
            note: decoded.note,
        });
    }
    Ok(LoadedText {
        text: decoded.text,
        meta: PageMeta::default(),
        note: decoded.note,
    })
}
