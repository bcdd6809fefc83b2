//! From a file's bytes to the text Dateline analyses and what the file says about itself: one path for the CLI
//! and the web app (which runs it in a worker of its own, loaded when a file is first opened).
//!
//! A Word document gives its paragraphs ([`crate::docx`]); bytes are decoded as text ([`crate::input`]); an HTML
//! page gives its article, headline first, and its metadata ([`crate::html::extract`]); anything else is the
//! text as it is.

use crate::docx::{self, DocxError};
use crate::html::{self, PageMeta};
use crate::input::{self, InputError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The text to analyse from a file, and what came with it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ReadText {
    /// The text: for a page, its headline, a blank line, then the article's paragraphs.
    pub text: String,
    /// What an HTML page said about itself (headline, date, byline, site, address); empty for other files.
    pub meta: PageMeta,
    /// How the bytes were decoded when it was not plain UTF-8, for a warning.
    pub note: Option<String>,
    /// What the document's reader repaired or left out (a PDF's damaged table, an unreadable font), for warnings.
    #[serde(default)]
    pub notes: Vec<String>,
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// A document (a `.docx`, a PDF) that could not be opened.
    Document(DocxError),
    /// Bytes that are not text, or too many of them.
    Input(InputError),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Document(e) => e.fmt(f),
            ReadError::Input(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ReadError {}

/// True when a file of this name and these first characters is to be read as an HTML page.
pub fn is_html(name: &str, text: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") || html::looks_like_html(text)
}

/// Reads the file `name` (its name decides only what its bytes do not: `.html` without markup near the start)
/// into the text to analyse, refusing more than `limit` bytes of text.
///
/// Linear in `bytes`: each reader is (see [`crate::docx`], [`crate::input`], [`crate::html`]).
pub fn read_document(name: &str, bytes: &[u8], limit: usize) -> Result<ReadText, ReadError> {
    if let Some(document) = docx::document(name, bytes) {
        let docx::DocumentText { text, notes } = document.map_err(ReadError::Document)?;
        if text.len() > limit {
            return Err(ReadError::Input(InputError::TooLarge {
                size: text.len(),
                limit,
            }));
        }
        return Ok(ReadText {
            text,
            notes,
            ..ReadText::default()
        });
    }
    let decoded = input::decode(bytes, limit).map_err(ReadError::Input)?;
    if is_html(name, &decoded.text) {
        let page = html::extract(&decoded.text);
        return Ok(ReadText {
            text: page.text,
            meta: page.meta,
            note: decoded.note,
            notes: Vec::new(),
        });
    }
    Ok(ReadText {
        text: decoded.text,
        meta: PageMeta::default(),
        note: decoded.note,
        notes: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><head><title>Floods in Valencia - The Daily</title>\
        <meta property=\"article:published_time\" content=\"2024-10-30T08:00:00Z\"></head><body>\
        <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav><article><h1>Floods in Valencia</h1>\
        <p>Rescuers searched flooded towns near Valencia on Wednesday after the heaviest rain in decades.</p>\
        <p>Officials in Paiporta said the water rose faster than anyone could remember.</p></article></body></html>";

    #[test]
    fn a_page_gives_its_article_and_metadata() {
        let read = read_document("floods.html", PAGE.as_bytes(), 1 << 20).expect("a page");
        assert!(read.text.starts_with("Floods in Valencia\n\n"), "{}", read.text);
        assert!(read.text.contains("Paiporta"));
        assert!(
            !read.text.contains("Home"),
            "the menu is not the article: {}",
            read.text
        );
        assert_eq!(read.meta.published.as_deref(), Some("2024-10-30T08:00:00Z"));
        assert_eq!(read.meta.title.as_deref(), Some("Floods in Valencia"));
    }

    #[test]
    fn text_stays_as_it_is() {
        let read = read_document("notes.txt", "Homs, Sunday.\n".as_bytes(), 1 << 20).expect("text");
        assert_eq!(read.text, "Homs, Sunday.\n");
        assert_eq!(read.meta, PageMeta::default());
    }

    #[test]
    fn refusals_say_why() {
        let binary = read_document("photo.jpg", &[0xFF, 0xD8, 0, 1, 2, 3, 0, 0, 0, 0, 0, 9], 1 << 20);
        assert!(
            matches!(binary, Err(ReadError::Input(InputError::Binary))),
            "{binary:?}"
        );
        let big = read_document("big.txt", &[b'a'; 64], 16);
        assert!(
            matches!(big, Err(ReadError::Input(InputError::TooLarge { .. }))),
            "{big:?}"
        );
        let zip = read_document("report.docx", b"PK\x03\x04 broken", 1 << 20);
        assert!(matches!(zip, Err(ReadError::Document(_))), "{zip:?}");
    }
}
