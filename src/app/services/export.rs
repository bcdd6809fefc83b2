//! Exports: the file is written by the export worker ([`crate::app::exporter`], loaded on the first export) and
//! downloaded when it answers.

use super::one_shot::{self, Failure};
use crate::app::exporter::{ExportAnswer, ExportRequest};
use crate::export::Format;
use crate::model::Analysis;
use wasm_bindgen::JsValue;

/// The export worker's script, beside the page.
const LOADER: &str = "./exporter_loader.js";

/// How long an export may take, loading the writer included, before it is given up.
pub const EXPORT_BUDGET_MS: u32 = 30_000;

/// Writes `analysis` of `text` in `format` and downloads it as `article.<extension>`; `done` gets a message for
/// the person when it could not be.
pub fn download(analysis: &Analysis, text: &str, format: Format, done: impl FnOnce(Result<(), String>) + 'static) {
    let request = ExportRequest {
        format: format.name().to_string(),
        text: text.to_string(),
        now_ms: js_sys::Date::now(),
        analysis: analysis.clone(),
    };
    let message = match serde_json::to_string(&request) {
        Ok(json) => JsValue::from_str(&json),
        Err(e) => return done(Err(format!("the export could not be prepared ({e})"))),
    };
    one_shot::ask(LOADER, message, EXPORT_BUDGET_MS, move |answer| {
        done(match answer {
            Ok(json) => match serde_json::from_str::<ExportAnswer>(&json) {
                Ok(Ok(body)) => {
                    super::persist::download(&format!("article.{}", format.extension()), format.media_type(), &body)
                        .map_err(|e| format!("the download could not start ({e})"))
                }
                Ok(Err(why)) => Err(format!("the export failed: {why}")),
                Err(e) => Err(format!("the export writer's answer was unreadable ({e})")),
            },
            Err(Failure::NotStarted(e)) => Err(format!("the export writer could not start ({e})")),
            Err(Failure::Failed(why)) => Err(format!("the export failed ({why})")),
            Err(Failure::TooLong(ms)) => Err(format!("the export took longer than {} s and was stopped", ms / 1000)),
        })
    });
}
