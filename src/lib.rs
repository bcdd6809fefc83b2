//! Dateline: finds what happened, when and where in a news article.
//!
//! The pipeline is one straight line:
//! text → [`segment`] → mentions ([`dates`], [`entities`], [`places`]) → resolution (calendar,
//! coordinates) → [`events`] → [`Analysis`]. Everything here is plain Rust with no web dependency;
//! the CLI (`src/main.rs`) and the Yew app (`src/app/`) only call [`analyze`] and render its result.

#![warn(missing_docs)]

/// A table file under `src/` (`"lang/en/titles.txt"`), embedded as `build.rs` copied it: without its comment and
/// blank lines, which would only add bytes to the download. Defined before the modules so all of them can use it.
macro_rules! embedded_table {
    ($file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/src/", $file))
    };
}

pub mod calendar;
pub mod corrections;
pub mod dates;
pub mod entities;
pub mod events;
pub mod explorer;
pub mod export;
pub mod hash;
pub mod html;
pub mod input;
pub mod lang;
pub mod model;
pub mod places;
pub mod segment;
pub mod share;
pub mod timeline;

#[cfg(target_arch = "wasm32")]
pub mod app;

pub use model::*;

/// Largest input accepted, in bytes. Above it [`analyze`] analyses the first part and warns.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// What the caller knows beyond the text itself.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Document creation time given by the person (`YYYY-MM-DD`); overrides everything found.
    pub dct: Option<String>,
    /// Publication date read from metadata (HTML `<meta>`, JSON-LD); used when no `dct` is given.
    pub meta_dct: Option<String>,
    /// Title from metadata; otherwise the headline is used.
    pub title: Option<String>,
    /// Where the text came from (a file name), copied into `document.source`.
    pub source: Option<String>,
    /// The person's corrections, applied after the engines.
    pub corrections: corrections::Corrections,
}

/// A step of [`analyze_with_progress`], reported as it starts (the web worker shows it for long texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Splitting the text into sentences.
    Segmenting,
    /// Finding and resolving dates.
    Dates,
    /// Finding people, organisations and numbers.
    Entities,
    /// Finding and resolving places.
    Places,
    /// Building events.
    Events,
}

/// Analyses `text` with the built-in tables and the given gazetteer (places are skipped without one).
pub fn analyze(text: &str, options: &Options, gazetteer: Option<&places::Gazetteer>) -> Analysis {
    analyze_with_progress(text, options, gazetteer, &mut |_| {})
}

/// [`analyze`], calling `progress` as each [`Stage`] starts.
pub fn analyze_with_progress(
    text: &str,
    options: &Options,
    gazetteer: Option<&places::Gazetteer>,
    progress: &mut dyn FnMut(Stage),
) -> Analysis {
    let tables = lang::Language::english();
    let mut warnings = Vec::new();
    let text = if text.len() > MAX_INPUT_BYTES {
        let mut cut = MAX_INPUT_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        warnings.push(Warning::new(
            "truncated",
            format!(
                "The text is larger than {} MB; only the first part was analysed.",
                MAX_INPUT_BYTES / (1024 * 1024)
            ),
        ));
        &text[..cut]
    } else {
        text
    };
    if text.trim().is_empty() {
        warnings.push(Warning::new(
            "empty_input",
            "The text is empty: there is nothing to analyse.",
        ));
    }

    progress(Stage::Segmenting);
    let segments = segment::segment(text, tables);
    progress(Stage::Dates);
    let dct = dates::resolve_dct(text, &segments, options);
    let (timexes, date_warnings) = dates::extract(text, &segments, dct.value.as_deref());
    warnings.extend(date_warnings);
    progress(Stage::Entities);
    let entities = entities::extract(text, &segments);
    progress(Stage::Places);
    let places = match gazetteer {
        Some(g) => places::extract(text, &segments, &entities, g),
        None => Vec::new(),
    };

    let title = options.title.clone().or_else(|| {
        segments
            .first()
            .filter(|s| s.kind == segment::SegmentKind::Headline)
            .map(|s| s.span.slice(text).to_string())
    });
    let mut analysis = Analysis {
        schema_version: SCHEMA_VERSION,
        document: Document {
            title,
            dct,
            length_bytes: text.len(),
            language: tables.code().to_string(),
            source: options.source.clone(),
        },
        timexes,
        places,
        entities,
        events: Vec::new(),
        warnings,
    };
    progress(Stage::Events);
    analysis.events = events::extract(text, &segments, &analysis);
    corrections::apply(&mut analysis, text, &options.corrections);
    analysis
}
