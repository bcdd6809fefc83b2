//! PDF documents: the text layer, as paragraphs separated by a blank line and pages by a blank line, so the
//! engine reads a PDF like a pasted text. Pure Rust; deflate by `miniz_oxide`, as for `.docx`.
//!
//! What is read: classic cross-reference tables and PDF 1.5 cross-reference and object streams, incremental
//! updates (`/Prev`), and a scan for `N G obj` when the cross-reference data is broken or cut off
//! (`file.rs`); the page tree with inherited resources; content streams with the text operators, forms and their
//! matrices (`content.rs`); ToUnicode CMaps, simple-font encodings with `/Differences` glyph names, Type0 fonts
//! (`font.rs`); reading order by baselines and gaps (`layout.rs`). What is refused, with a reason a person can act
//! on: encrypted files, files with no text layer (scans), fonts with no character mapping, damaged and oversized
//! files ([`PdfError`]).
//!
//! Bounds: every stage is linear in its input; decoded stream bytes are capped at [`MAX_DECODED_BYTES`] in all
//! (a decompression bomb is refused), parsing at 8 times the file's size plus that, glyphs at 2,000,000 per
//! page, forms at 12 levels and the text at [`MAX_TEXT_BYTES`]. No input makes it panic (a property test feeds it random and mutated files).

mod content;
mod file;
mod filters;
mod font;
mod glyphs;
mod layout;
mod syntax;

use file::File;
use std::fmt;
use std::rc::Rc;
use syntax::{Dict, Obj};

/// The most decoded (decompressed) bytes read from one file's streams, all streams together.
pub const MAX_DECODED_BYTES: usize = 64 << 20;
/// The most text returned: the engine's input limit ([`crate::MAX_INPUT_BYTES`]); the rest is cut with a note.
pub const MAX_TEXT_BYTES: usize = crate::MAX_INPUT_BYTES;
/// Page-tree nodes nest at most this deep.
const MAX_TREE_DEPTH: usize = 64;

/// Why a PDF's text could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// No `%PDF-` header in the first kilobyte.
    NotPdf,
    /// The file is encrypted (a password, or permissions that encrypt the content).
    Encrypted,
    /// The pages hold no text: `scanned` when they hold images (a scan without OCR).
    NoTextLayer {
        /// The pages draw images.
        scanned: bool,
    },
    /// Text is drawn, but its fonts do not say which characters most glyphs are.
    NoUnicode,
    /// The streams decode to more than [`MAX_DECODED_BYTES`], or the file is too costly to parse.
    TooLarge,
    /// The file is damaged beyond repair: no pages were found, or (in a file cut off) glyphs have no font.
    Damaged(&'static str),
}

impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PdfError::NotPdf => write!(f, "this is not a PDF file"),
            PdfError::Encrypted => write!(
                f,
                "this PDF is encrypted (a password or copy protection); save or print a copy without it and open that"
            ),
            PdfError::NoTextLayer { scanned: true } => write!(
                f,
                "this PDF has no text layer (its pages are images, it looks scanned); run OCR on it first"
            ),
            PdfError::NoTextLayer { scanned: false } => write!(f, "this PDF has no text on its pages"),
            PdfError::NoUnicode => write!(
                f,
                "this PDF's fonts do not say which characters they draw, so its text cannot be read; run OCR on it \
                 or export it again from the original"
            ),
            PdfError::TooLarge => write!(
                f,
                "this PDF is too large to read: its content is more than {} MB decompressed",
                MAX_DECODED_BYTES >> 20
            ),
            PdfError::Damaged(why) => write!(f, "this PDF is damaged ({why}); download or export it again"),
        }
    }
}

impl std::error::Error for PdfError {}

/// A PDF's text with notes on what was skipped or repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PdfText {
    /// The paragraphs, separated by a blank line, ending in a line break.
    pub text: String,
    /// What was skipped or repaired (a damaged cross-reference table, an unknown filter, unmapped glyphs, a cut),
    /// for a warning; empty for a clean file.
    pub notes: Vec<String>,
}

/// The text layer of the PDF `bytes`: paragraphs separated by a blank line. See [`read`] for the notes.
pub fn text(bytes: &[u8]) -> Result<String, PdfError> {
    read(bytes).map(|t| t.text)
}

/// The text layer of the PDF `bytes`, with notes on what was repaired or skipped.
pub fn read(bytes: &[u8]) -> Result<PdfText, PdfError> {
    let file = File::open(bytes, MAX_DECODED_BYTES)?;
    let pages = pages(&file);
    if pages.is_empty() {
        return Err(if file.over_budget.get() {
            PdfError::TooLarge
        } else {
            PdfError::Damaged("no pages found")
        });
    }
    let mut reader = content::Reader::new(&file);
    let (mut out, mut glyphs, mut unmapped, mut images, mut cut) = (String::new(), 0, 0, 0, false);
    for (page, resources) in &pages {
        let content = page_content(&file, page);
        let read = reader.page(&content, resources.as_ref().and_then(|r| r.dict()));
        if file.over_budget.get() {
            return Err(PdfError::TooLarge);
        }
        glyphs += read.glyphs.len();
        unmapped += read.unmapped;
        images += read.images;
        cut |= read.truncated;
        for paragraph in layout::paragraphs(&read) {
            if out.len() + paragraph.len() > MAX_TEXT_BYTES {
                cut = true;
                break;
            }
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&paragraph);
        }
    }
    // A cut-off file whose fonts are gone would give a fraction of its text as if it were all: refused. So is a
    // file whose text is mostly in fonts without a character mapping.
    if file.repaired() && (unmapped > 0 || glyphs == 0) {
        return Err(PdfError::Damaged(
            "it looks cut off, and part of its text cannot be read",
        ));
    }
    if unmapped > glyphs {
        return Err(PdfError::NoUnicode);
    }
    if glyphs == 0 {
        return Err(PdfError::NoTextLayer { scanned: images > 0 });
    }
    out.push('\n');
    let mut notes = file.notes.borrow().clone();
    if unmapped > 0 {
        notes.push(format!(
            "{unmapped} glyph(s) in fonts without a character mapping were left out"
        ));
    }
    if cut {
        notes.push(format!("the text was cut at {} MB", MAX_TEXT_BYTES >> 20));
    }
    Ok(PdfText { text: out, notes })
}

/// The page objects in reading order with their (inherited) resources: the page tree from the catalog, or, when
/// it is gone, every object of type `/Page` in object-number order. Each node is visited once.
fn pages(file: &File<'_>) -> Vec<(Rc<Obj>, Option<Rc<Obj>>)> {
    let mut out = Vec::new();
    let root = file
        .catalog()
        .and_then(|c| c.dict().and_then(|d| d.get(b"Pages")).cloned());
    let mut stack: Vec<(Obj, Option<Rc<Obj>>, usize)> = root.into_iter().map(|r| (r, None, 0)).collect();
    while let Some((node_ref, inherited, depth)) = stack.pop() {
        if let Obj::Ref(n) = node_ref {
            if !file.first_visit(n) {
                continue;
            }
        }
        let node = file.get(&node_ref).into_rc();
        let Some(dict) = node.dict() else { continue };
        let resources = resources_of(file, dict).or(inherited);
        match dict.get(b"Kids").map(|k| file.get(k)) {
            Some(kids) if kids.array().is_some() && depth < MAX_TREE_DEPTH => {
                let kids = kids.array().unwrap_or(&[]);
                stack.extend(kids.iter().rev().map(|k| (k.clone(), resources.clone(), depth + 1)));
            }
            _ if dict.get(b"Type").and_then(Obj::name) != Some(b"Pages") => out.push((node.clone(), resources)),
            _ => {}
        }
    }
    if out.is_empty() {
        for n in file.numbers() {
            let obj = file.object(n);
            let Some(dict) = obj.dict() else { continue };
            if dict.get(b"Type").and_then(Obj::name) == Some(b"Page") {
                // Resources from the page or, up to a few parents, its ancestors.
                let mut resources = resources_of(file, dict);
                let mut parent = dict.get(b"Parent").cloned();
                for _ in 0..8 {
                    let (None, Some(p)) = (&resources, &parent) else { break };
                    let p = file.get(p);
                    resources = p.dict().and_then(|d| resources_of(file, d));
                    parent = p.dict().and_then(|d| d.get(b"Parent")).cloned();
                }
                out.push((obj.clone(), resources));
            }
        }
    }
    out
}

/// A node's own `/Resources` dictionary.
fn resources_of(file: &File<'_>, dict: &Dict) -> Option<Rc<Obj>> {
    let val = file.get(dict.get(b"Resources")?);
    val.dict()?;
    Some(val.into_rc())
}

/// A page's content: its stream, or its streams joined (they split only between tokens).
fn page_content(file: &File<'_>, page: &Obj) -> Vec<u8> {
    let Some(contents) = page.dict().and_then(|d| d.get(b"Contents")) else {
        return Vec::new();
    };
    let contents = file.get(contents);
    match &*contents {
        Obj::Array(parts) => {
            let mut all = Vec::new();
            for part in parts {
                all.extend_from_slice(&file.stream(part));
                all.push(b'\n');
            }
            all
        }
        _ => file.stream(&contents),
    }
}

#[cfg(test)]
mod tests;
