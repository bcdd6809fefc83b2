//! The export worker: writes the downloads (JSON, GeoJSON, CSV, iCalendar, TimelineJS, StoryMapJS, TimeML) with
//! the CLI's own writers ([`crate::export::render`]), off the page's main thread.
//!
//! Its own wasm (`src/bin/exporter.rs`), loaded on the first export, so that first paint does not carry the
//! writers. The page sends one JSON [`ExportRequest`] once the worker says it is ready, and gets one JSON
//! [`ExportAnswer`] back.

use crate::export::{ExportTime, Format};
use crate::model::Analysis;
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

/// What to write.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportRequest {
    /// The format's name ([`Format::NAMES`]).
    pub format: String,
    /// The article's text (the calendar and timeline quote its sentences).
    pub text: String,
    /// The time of the export, in milliseconds since 1970 (`Date.now()`): the calendar's stamp.
    pub now_ms: f64,
    /// The analysis to write.
    pub analysis: Analysis,
}

/// The worker's answer: the file's content, or why there is none, in words for the person.
pub type ExportAnswer = Result<String, String>;

/// Writes one request.
fn answer(data: &JsValue) -> ExportAnswer {
    let json = data.as_string().ok_or("the export request was not text")?;
    let request: ExportRequest = serde_json::from_str(&json).map_err(|e| format!("the export request: {e}"))?;
    let format: Format = request.format.parse().map_err(|e| format!("{e}"))?;
    Ok(crate::export::render(
        &request.analysis,
        &request.text,
        format,
        ExportTime::from_unix_millis(request.now_ms),
    ))
}

/// Registers the worker's message handler (called by the exporter binary) and tells the page it is listening.
pub fn register() {
    crate::app::services::one_shot::serve(answer);
}
