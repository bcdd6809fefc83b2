//! Reading a dropped or picked file into article text. HTML is parsed with the browser's
//! `DOMParser` into an inert document: nothing in it runs or loads; only its text is kept.
//!
//! Not yet the CLI's extractor (`crate::html::extract`): compiled into the page it costs 38 KB gzipped of first
//! paint, over its 400 KB budget; it is to run in the engine worker instead (issue 19, left for the next session).

use crate::input;
use web_sys::{DomParser, Element, SupportedType};

/// Article text and the metadata found with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadedText {
    /// The text.
    pub text: String,
    /// What an HTML page said about itself: its title and publication date (empty for plain text).
    pub meta: crate::html::PageMeta,
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
    if let Some(document) = crate::docx::document_text(name, bytes) {
        // The CLI's reader: the document's paragraphs, the first one the headline.
        return Ok(LoadedText {
            text: document.map_err(|e| format!("{name}: {e}"))?,
            meta: crate::html::PageMeta::default(),
            note: None,
        });
    }
    let lower = name.to_ascii_lowercase();
    let decoded = input::decode(bytes, MAX_FILE_BYTES).map_err(|e| format!("{name}: {e}"))?;
    if lower.ends_with(".html") || lower.ends_with(".htm") || crate::html::looks_like_html(&decoded.text) {
        let (text, title, published) =
            html_to_text(&decoded.text).ok_or_else(|| format!("{name}: not readable HTML"))?;
        let meta = crate::html::PageMeta {
            title,
            published,
            ..Default::default()
        };
        return Ok(LoadedText {
            text,
            meta,
            note: decoded.note,
        });
    }
    Ok(LoadedText {
        text: decoded.text,
        meta: crate::html::PageMeta::default(),
        note: decoded.note,
    })
}

/// Text, title and publication date of an HTML page, parsed inertly.
pub fn html_to_text(html: &str) -> Option<(String, Option<String>, Option<String>)> {
    let parser = DomParser::new().ok()?;
    // A DOMParser document has no browsing context: scripts never run, images and frames never load.
    let doc = parser.parse_from_string(html, SupportedType::TextHtml).ok()?;
    let published = [
        "meta[property='article:published_time']",
        "meta[itemprop='datePublished']",
        "meta[name='date']",
        "time[datetime]",
    ]
    .iter()
    .find_map(|sel| {
        let el = doc.query_selector(sel).ok()??;
        el.get_attribute("content").or_else(|| el.get_attribute("datetime"))
    });
    let title = Some(doc.title()).filter(|t| !t.trim().is_empty());
    let drop = doc
        .query_selector_all("script, style, noscript, template, svg, iframe, object, head")
        .ok()?;
    for i in 0..drop.length() {
        if let Some(node) = drop.item(i) {
            if let Some(parent) = node.parent_node() {
                let _ = parent.remove_child(&node);
            }
        }
    }
    // Block elements become paragraph breaks, as a reader sees them.
    let blocks = doc
        .query_selector_all("p, div, br, h1, h2, h3, h4, h5, h6, li, tr, blockquote, figcaption")
        .ok()?;
    for i in 0..blocks.length() {
        if let Some(el) = blocks
            .item(i)
            .and_then(|n| wasm_bindgen::JsCast::dyn_into::<Element>(n).ok())
        {
            let _ = el.insert_adjacent_text("afterend", "\n\n");
        }
    }
    let raw = doc.body().and_then(|b| b.text_content()).unwrap_or_default();
    let text = tidy(&raw);
    Some((text, title, published))
}

/// Collapses white space inside lines and runs of blank lines, as rendered text reads.
fn tidy(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut blank_run = 0;
    for line in raw.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(&line);
    }
    out
}
