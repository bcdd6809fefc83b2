//! The article explorer's core, with no web dependency: the state the page shows and its reducer
//! ([`state`]), the messages exchanged with the analysis worker ([`protocol`]), how the page reads its
//! answers ([`answers`]) and times them ([`watchdog`]), and the small formatting helpers of the views
//! ([`format`](mod@format), [`summary`]), and keyboard movement inside the page's regions ([`roving`]).
//!
//! Compiled on every target, so host `cargo test` covers it; the Yew app (`src/app/`, wasm only) wires it
//! to hooks, timers and the browser.

pub mod answers;
pub mod axis;
pub mod compare;
pub mod earlier;
pub mod format;
pub mod geo;
pub mod marks;
pub mod protocol;
pub mod roving;
pub mod state;
pub mod summary;
pub mod watchdog;

#[cfg(test)]
mod tests;

pub use compare::{same_analysis, same_text, AnalysisRef, Text};
pub use state::{reduce, Action, Selection, State};
