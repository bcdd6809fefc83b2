//! Spans in other units than UTF-8 bytes: characters (Python's `text[start:end]`) or UTF-16 code units
//! (JavaScript's `text.slice(start, end)`).
//!
//! Temporary copy on the `pkg` branch so that the packages compile; the `cli` branch writes the module of record
//! with the same API, and the merge keeps that one.

use crate::model::{Analysis, Span};

/// The unit of span offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OffsetUnit {
    /// UTF-8 bytes (the JSON contract's default).
    #[default]
    Byte,
    /// Unicode scalar values (Python string indices).
    Char,
    /// UTF-16 code units (JavaScript string indices).
    Utf16,
}

/// Converts every span of `analysis` (made from `text`, in bytes) to `unit`. O(n + m log m) for a text of n bytes
/// and m spans: one pass builds the table of character starts, each offset is then a binary search.
pub fn convert_offsets(analysis: &mut Analysis, text: &str, unit: OffsetUnit) {
    if unit == OffsetUnit::Byte {
        return;
    }
    // Byte offset of each character start, with the converted offset there; the end of the text last.
    let mut starts: Vec<(usize, usize)> = Vec::with_capacity(text.len() + 1);
    let mut converted = 0;
    for (at, c) in text.char_indices() {
        starts.push((at, converted));
        converted += match unit {
            OffsetUnit::Utf16 => c.len_utf16(),
            _ => 1,
        };
    }
    starts.push((text.len(), converted));
    let convert = |byte: usize| match starts.binary_search_by_key(&byte, |&(b, _)| b) {
        Ok(i) => starts[i].1,
        // Inside a character (never for the engine's spans): the start of that character.
        Err(i) => starts[i.saturating_sub(1)].1,
    };
    let fix = |span: &mut Span| {
        *span = Span::new(convert(span.start), convert(span.end));
    };
    if let Some(span) = analysis.document.dct.span.as_mut() {
        fix(span);
    }
    analysis.timexes.iter_mut().for_each(|t| fix(&mut t.span));
    analysis.places.iter_mut().for_each(|p| fix(&mut p.span));
    analysis.entities.iter_mut().for_each(|e| fix(&mut e.span));
    for event in &mut analysis.events {
        fix(&mut event.trigger.span);
        event.mentions.iter_mut().for_each(|m| fix(&mut m.span));
        event.casualties.iter_mut().for_each(|c| fix(&mut c.span));
        event.evidence.iter_mut().for_each(|e| fix(&mut e.span));
    }
    analysis
        .warnings
        .iter_mut()
        .filter_map(|w| w.span.as_mut())
        .for_each(fix);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_index_the_text_in_each_unit() {
        let text = "Flood in São Paulo 🌧 on Wednesday, 5 Sept 2016.";
        let analysis = crate::analyze(text, &crate::Options::default());
        assert!(!analysis.timexes.is_empty() && !analysis.places.is_empty());
        let mut chars = analysis.clone();
        convert_offsets(&mut chars, text, OffsetUnit::Char);
        let by_char: Vec<char> = text.chars().collect();
        let mut utf16 = analysis.clone();
        convert_offsets(&mut utf16, text, OffsetUnit::Utf16);
        let by_unit: Vec<u16> = text.encode_utf16().collect();
        let mentions = |a: &Analysis| -> Vec<(Span, String)> {
            let timexes = a.timexes.iter().map(|t| (t.span, t.text.clone()));
            timexes
                .chain(a.places.iter().map(|p| (p.span, p.text.clone())))
                .collect()
        };
        for (span, expected) in mentions(&chars) {
            assert_eq!(by_char[span.start..span.end].iter().collect::<String>(), expected);
        }
        for (span, expected) in mentions(&utf16) {
            assert_eq!(String::from_utf16_lossy(&by_unit[span.start..span.end]), expected);
        }
        // The emoji is one character but two UTF-16 units: "Wednesday" after it starts one unit later.
        let start = |a: &Analysis| {
            a.timexes
                .iter()
                .find(|t| t.text.starts_with("Wed"))
                .map(|t| t.span.start)
        };
        assert_eq!(start(&utf16), start(&chars).map(|s| s + 1));
    }
}
