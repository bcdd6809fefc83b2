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

mod analyze;
pub mod calendar;
pub mod corrections;
pub mod dates;
pub mod doc;
pub mod entities;
pub mod events;
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

pub use analyze::{analyze, analyze_with_progress, Context, Gazetteers, Options, Stage, MAX_INPUT_BYTES};
pub use doc::Doc;
pub use lang::Language;
pub use model::*;
