//! The Dateline engine for JavaScript: `analyzeJson(text, dct, language, offsets, only)`, wrapped by `index.js`, which
//! parses the JSON into an object. Spans count UTF-16 code units by default, so `text.slice(start, end)` is the
//! mention.

use dateline::calendar::Date;
use dateline::{analyze, convert_offsets, Language, OffsetUnit, Options, Scope};
use wasm_bindgen::prelude::*;

/// The options of one call, checked.
fn options(dct: Option<String>, language: Option<String>, only: Option<String>) -> Result<Options<'static>, String> {
    let dct = match dct.as_deref() {
        Some(d) => Some(Date::parse_iso(d).map_err(|e| format!("dct {d:?}: {e}"))?),
        None => None,
    };
    let read_anyway = match language.as_deref() {
        None => false,
        Some(code) if code == Language::english().code() => true,
        Some(code) => return Err(format!("language {code:?}: Dateline reads \"en\" only")),
    };
    let scope = match only.as_deref() {
        None => Scope::Everything,
        Some("dates") => Scope::Dates,
        Some(other) => return Err(format!("only {other:?}: the one choice is \"dates\"")),
    };
    Ok(Options {
        dct,
        read_anyway,
        scope,
        ..Options::default()
    })
}

/// The unit named `offsets` (`utf16`, the default; `char`; `byte`).
fn unit(offsets: Option<String>) -> Result<OffsetUnit, String> {
    match offsets.as_deref() {
        None | Some("utf16") => Ok(OffsetUnit::Utf16),
        Some("char") => Ok(OffsetUnit::Char),
        Some("byte") => Ok(OffsetUnit::Byte),
        Some(other) => Err(format!("offsets {other:?}: one of \"utf16\", \"char\", \"byte\"")),
    }
}

/// The analysis of `text` as JSON; an error message for bad options.
pub fn analyze_to_json(
    text: &str,
    dct: Option<String>,
    language: Option<String>,
    offsets: Option<String>,
    only: Option<String>,
) -> Result<String, String> {
    let options = options(dct, language, only)?;
    let unit = unit(offsets)?;
    let mut analysis = analyze(text, &options);
    convert_offsets(&mut analysis, text, unit);
    serde_json::to_string(&analysis).map_err(|e| e.to_string())
}

/// `analyzeJson(text, dct?, language?, offsets?, only?)`: the analysis as JSON (`only: "dates"`: the dates alone);
/// throws an `Error` for bad options.
#[wasm_bindgen(js_name = analyzeJson)]
pub fn analyze_json(
    text: &str,
    dct: Option<String>,
    language: Option<String>,
    offsets: Option<String>,
    only: Option<String>,
) -> Result<String, JsError> {
    analyze_to_json(text, dct, language, offsets, only).map_err(|e| JsError::new(&e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options_are_checked() {
        assert!(analyze_to_json("x", Some("2016-13-40".into()), None, None, None).is_err());
        assert!(analyze_to_json("x", None, Some("xx".into()), None, None).is_err());
        assert!(analyze_to_json("x", None, None, Some("words".into()), None).is_err());
        assert!(analyze_to_json("x", None, None, None, Some("names".into())).is_err());
        let fine = analyze_to_json(
            "x",
            Some("2016-09-05".into()),
            Some("en".into()),
            Some("char".into()),
            None,
        );
        assert!(fine.is_ok());
        assert!(analyze_to_json("x", None, None, None, Some("dates".into())).is_ok());
    }
}
