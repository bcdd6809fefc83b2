//! Dateline: finds what happened, when and where in a news article.
//!
//! One call does it all: [`analyze`] takes the text and [`Options`] and returns an [`Analysis`] (serde, with a
//! `schema_version`; spans are byte offsets into the text) holding the dates resolved on the calendar, the places
//! resolved to coordinates, the people, organisations and numbers, and the events with their date, places,
//! participants and casualties.
//!
//! ```
//! use dateline::{analyze, calendar::Date, Options};
//!
//! let text = "BEIRUT, Sept 5 2016\n\nAir strikes hit the Syrian city of Homs on Sunday, killing 12 people.";
//! let analysis = analyze(text, &Options::default());
//! assert_eq!(analysis.document.dct.value.as_deref(), Some("2016-09-05"));
//! let sunday = analysis.timexes.iter().find(|t| t.text == "Sunday").map(|t| t.value.as_str());
//! assert_eq!(sunday, Some("2016-09-04"));
//! let homs = analysis.places.iter().find(|p| p.text == "Homs").and_then(|p| p.country.as_deref());
//! assert_eq!(homs, Some("SY"));
//!
//! // The person's own document date wins over the one in the text.
//! let options = Options { dct: Date::parse_iso("2016-09-07").ok(), ..Options::default() };
//! assert_eq!(analyze(text, &options).document.dct.value.as_deref(), Some("2016-09-07"));
//! ```
//!
//! The pipeline is one straight line (see `docs/architecture.md`): text → [`Doc`] (segments and tokens, computed
//! once) → the engines [`dates`], [`entities`], [`places`] and [`events`], each `extract(doc, language, ctx)` →
//! [`Analysis`]. A [`Language`] is a folder of tables compiled once ([`Language::english`], or
//! [`Language::from_dir`] for another). Everything here is plain Rust with no web dependency; the CLI and the Yew
//! app only call [`analyze`] and render its result. The built-in gazetteer is the default cargo feature
//! `builtin-gazetteer`; without it, pass one in [`Options::gazetteer`].

#![deny(missing_docs)]

/// A table file under `src/` (`"dates/hijri.txt"`), embedded as `build.rs` copied it: without the text of its
/// comment lines, which would only add bytes to the download. Defined before the modules so all of them can use it.
macro_rules! embedded_table {
    ($file:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/src/", $file))
    };
}

mod analyze;
pub mod calendar;
pub mod corrections;
pub mod dates;
pub mod doc;
pub mod docx;
pub mod encoding;
pub mod entities;
pub mod events;
// The web app's core (state, reducer, worker protocol): compiled and tested on every target, used by the wasm app
// only, so on the host its items are live in tests alone (the wasm32 clippy gate still checks them for dead code).
// It is the app's, not part of the library's API.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code, unused_imports))]
pub(crate) mod explorer;
pub mod export;
pub(crate) mod hash;
pub mod html;
mod inflate;
pub mod input;
pub mod lang;
pub mod model;
pub mod offsets;
pub mod pdf;
pub mod places;
pub mod reader;
pub mod segment;
pub mod share;
#[cfg(test)]
mod test_corpus;
pub mod timeline;
pub mod windows;

#[cfg(target_arch = "wasm32")]
pub mod app;

pub use analyze::{
    analyze, analyze_with_progress, prepare, Context, FallbackDct, Gazetteers, NameModels, Options, Scope, Stage,
    MAX_INPUT_BYTES,
};
pub use doc::Doc;
pub use lang::Language;
pub use model::*;
pub use offsets::{convert_offsets, OffsetUnit};
pub use windows::{analyze_in_windows, WINDOW_BYTES};
