//! Output formats of an `Analysis`: the CLI's `--format` and the app's downloads.

use crate::model::Analysis;
use std::fmt;
use std::str::FromStr;

/// The formats an analysis can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One pretty-printed JSON document per input.
    Json,
    /// One compact JSON line per input, for batches.
    Jsonl,
}

/// A format name that is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown format '{}' (expected one of: {})",
            self.0,
            Format::NAMES.join(", ")
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl Format {
    /// Names accepted by [`Format::from_str`].
    pub const NAMES: &'static [&'static str] = &["json", "jsonl"];
}

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            other => Err(UnknownFormat(other.to_string())),
        }
    }
}

/// Writes `analysis` of `text` in `format`.
pub fn render(analysis: &Analysis, _text: &str, format: Format) -> String {
    let result = match format {
        Format::Json => serde_json::to_string_pretty(analysis),
        Format::Jsonl => serde_json::to_string(analysis),
    };
    // Serialising plain structs of strings and numbers cannot fail; an empty object keeps output valid.
    result.unwrap_or_else(|_| "{}".to_string())
}
