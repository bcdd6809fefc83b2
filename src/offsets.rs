//! Spans in the unit the reader's strings count: UTF-8 bytes (the default of the JSON contract), Unicode
//! characters (Python's `str`, Rust's `chars()`), or UTF-16 code units (JavaScript, Java, C#).
//!
//! The engine works in byte offsets. [`convert_offsets`] rewrites every span of an [`Analysis`] into another
//! unit in one sweep: the span ends are sorted and the text is read forward once from the first to the last,
//! so the cost is linear in the text plus `k log k` for `k` spans, whatever their number. [`OffsetIndex`] does
//! the same for a text whose analysis arrives in parts (the CLI's windows of a long text): it keeps a
//! checkpoint every [`CHECKPOINT_BYTES`] so a later part starts reading near its own spans, not at the start.

use crate::model::{Analysis, Span};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The longest beginning of `text` of at most `max_bytes` bytes that ends on a character boundary (all of `text`
/// when it is that short). O(1): a character is at most four bytes.
pub(crate) fn prefix_within(text: &str, max_bytes: usize) -> &str {
    let mut cut = max_bytes.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// What a span's offsets count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum OffsetUnit {
    /// UTF-8 bytes: `text.as_bytes()[start..end]` (Rust's `&str` slicing, Go). The default.
    #[default]
    Byte,
    /// Unicode scalar values: `text[start:end]` on a Python `str`, `chars().skip(start)` in Rust.
    Char,
    /// UTF-16 code units: `text.slice(start, end)` in JavaScript, `substring` in Java and C#.
    Utf16,
}

impl OffsetUnit {
    /// Names accepted by [`OffsetUnit::from_str`], as in JSON.
    pub const NAMES: &'static [&'static str] = &["byte", "char", "utf16"];

    /// The name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            OffsetUnit::Byte => "byte",
            OffsetUnit::Char => "char",
            OffsetUnit::Utf16 => "utf16",
        }
    }

    /// How many units the UTF-8 byte `b` adds when a reader steps over it: one for the first byte of each
    /// character; for UTF-16 a second one for the first byte of a four-byte character (a surrogate pair).
    #[inline]
    fn units_of_byte(self, b: u8) -> usize {
        let starts_char = usize::from(b & 0xC0 != 0x80);
        match self {
            OffsetUnit::Byte => 1,
            OffsetUnit::Char => starts_char,
            OffsetUnit::Utf16 => starts_char + usize::from(b >= 0xF0),
        }
    }
}

impl fmt::Display for OffsetUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An offset unit name that is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownOffsetUnit(pub String);

impl fmt::Display for UnknownOffsetUnit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown offset unit '{}' (expected one of: {})",
            self.0,
            OffsetUnit::NAMES.join(", ")
        )
    }
}

impl std::error::Error for UnknownOffsetUnit {}

impl FromStr for OffsetUnit {
    type Err = UnknownOffsetUnit;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "byte" | "bytes" | "utf8" => Ok(OffsetUnit::Byte),
            "char" | "chars" | "codepoint" => Ok(OffsetUnit::Char),
            "utf16" | "utf-16" => Ok(OffsetUnit::Utf16),
            other => Err(UnknownOffsetUnit(other.to_string())),
        }
    }
}

/// Rewrites every span of `analysis` (an analysis of `text`, in byte offsets) into `unit`, and records the unit
/// in `document.offsets` (left out of the JSON for bytes, so the default contract is unchanged).
///
/// Every span is rewritten: dates, places, entities, events (trigger, mentions, casualties, evidence), warnings
/// and the document time's. An offset inside a character (never produced by the engine) counts the characters
/// that start before it; one past the end of the text counts as the end. Time is linear in the text plus
/// `k log k` for the `k` spans; an analysis already in another unit than bytes is left alone.
pub fn convert_offsets(analysis: &mut Analysis, text: &str, unit: OffsetUnit) {
    if unit == OffsetUnit::Byte || analysis.document.offsets.is_some() {
        return;
    }
    let mut cursor = Cursor::default();
    sweep(analysis, text, unit, |_| None, &mut cursor);
}

/// The byte offset of every checkpoint an [`OffsetIndex`] keeps.
pub const CHECKPOINT_BYTES: usize = 4096;

/// A text read once for [`OffsetIndex::convert`]: the number of units before every [`CHECKPOINT_BYTES`]-th byte,
/// so that converting the analysis of a part of a long text reads only that part (and at most one checkpoint
/// interval before each jump), not the text from its start. Memory: one `usize` per 4 KB of text.
#[derive(Debug, Clone)]
pub struct OffsetIndex<'t> {
    text: &'t str,
    unit: OffsetUnit,
    /// `checkpoints[i]`: units in `text[..i * CHECKPOINT_BYTES]`.
    checkpoints: Vec<usize>,
}

impl<'t> OffsetIndex<'t> {
    /// Reads `text` once (linear) for conversions into `unit`.
    pub fn new(text: &'t str, unit: OffsetUnit) -> OffsetIndex<'t> {
        if unit == OffsetUnit::Byte {
            // Nothing to convert: the text is not read.
            return OffsetIndex {
                text,
                unit,
                checkpoints: Vec::new(),
            };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / CHECKPOINT_BYTES + 1);
        let mut units = 0;
        for chunk in text.as_bytes().chunks(CHECKPOINT_BYTES) {
            checkpoints.push(units);
            units += chunk.iter().map(|&b| unit.units_of_byte(b)).sum::<usize>();
        }
        OffsetIndex {
            text,
            unit,
            checkpoints,
        }
    }

    /// Like [`convert_offsets`], for an analysis of the indexed text or of a part of it whose spans are already
    /// offsets into the whole text (a window of [`analyze_in_windows`](crate::analyze_in_windows)). Time is
    /// linear in the stretch of text the spans cover plus `k log k` for the `k` spans.
    pub fn convert(&self, analysis: &mut Analysis) {
        if self.unit == OffsetUnit::Byte || analysis.document.offsets.is_some() {
            return;
        }
        let mut cursor = Cursor::default();
        let checkpoint = |byte: usize| {
            let i = (byte / CHECKPOINT_BYTES).min(self.checkpoints.len().saturating_sub(1));
            self.checkpoints.get(i).map(|&units| (i * CHECKPOINT_BYTES, units))
        };
        sweep(analysis, self.text, self.unit, checkpoint, &mut cursor);
    }
}

/// Where a forward read of the text stands: a byte offset and the units before it.
#[derive(Debug, Default, Clone, Copy)]
struct Cursor {
    byte: usize,
    units: usize,
}

/// Sorts the offsets of every span of `analysis` and reads `text` forward once, from the first to the last,
/// replacing each by its count of `unit`s. `checkpoint(b)` may give a later starting point at or before `b`
/// (byte, units there) to jump to instead of reading up to it.
fn sweep(
    analysis: &mut Analysis,
    text: &str,
    unit: OffsetUnit,
    checkpoint: impl Fn(usize) -> Option<(usize, usize)>,
    cursor: &mut Cursor,
) {
    let mut offsets: Vec<&mut usize> = Vec::new();
    for span in spans_of(analysis) {
        let Span { start, end } = span;
        offsets.push(start);
        offsets.push(end);
    }
    offsets.sort_unstable_by_key(|o| **o);
    let bytes = text.as_bytes();
    for offset in offsets {
        let target = (*offset).min(bytes.len());
        if let Some((byte, units)) = checkpoint(target).filter(|&(byte, _)| byte > cursor.byte) {
            *cursor = Cursor { byte, units };
        }
        cursor.units += bytes[cursor.byte..target]
            .iter()
            .map(|&b| unit.units_of_byte(b))
            .sum::<usize>();
        cursor.byte = target;
        *offset = cursor.units;
    }
    analysis.document.offsets = Some(unit);
}

/// Every span of `analysis`, each once. Any new `Span` field of the model must be listed here (the test
/// `every_span_is_converted` fills every field and checks each is rewritten).
fn spans_of(analysis: &mut Analysis) -> Vec<&mut Span> {
    let Analysis {
        schema_version: _,
        document,
        timexes,
        places,
        entities,
        events,
        warnings,
    } = analysis;
    let mut spans: Vec<&mut Span> = Vec::new();
    spans.extend(document.dct.span.as_mut());
    spans.extend(timexes.iter_mut().map(|t| &mut t.span));
    spans.extend(places.iter_mut().map(|p| &mut p.span));
    spans.extend(entities.iter_mut().map(|e| &mut e.span));
    for event in events.iter_mut() {
        spans.push(&mut event.trigger.span);
        spans.extend(event.mentions.iter_mut().map(|m| &mut m.span));
        spans.extend(event.casualties.iter_mut().map(|c| &mut c.span));
        spans.extend(event.evidence.iter_mut().map(|e| &mut e.span));
    }
    spans.extend(warnings.iter_mut().filter_map(|w| w.span.as_mut()));
    spans
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    #[test]
    fn a_prefix_within_a_length_ends_on_a_character_boundary() {
        let text = "aé€😀b";
        let expected = [
            "",
            "a",
            "a",
            "aé",
            "aé",
            "aé",
            "aé€",
            "aé€",
            "aé€",
            "aé€",
            "aé€😀",
            "aé€😀b",
            "aé€😀b",
        ];
        for (max, want) in expected.iter().enumerate() {
            assert_eq!(prefix_within(text, max), *want, "{max}");
        }
    }

    /// The substring of `text` between two offsets in `unit`.
    fn slice_in(text: &str, unit: OffsetUnit, span: Span) -> String {
        match unit {
            OffsetUnit::Byte => text[span.start..span.end].to_string(),
            OffsetUnit::Char => text.chars().skip(span.start).take(span.len()).collect(),
            OffsetUnit::Utf16 => {
                let units: Vec<u16> = text.encode_utf16().collect();
                String::from_utf16(&units[span.start..span.end]).expect("whole characters")
            }
        }
    }

    fn at(text: &str, needle: &str) -> Span {
        let start = text.find(needle).expect("needle in text");
        Span::new(start, start + needle.len())
    }

    #[test]
    fn names_parse_and_print() {
        for name in OffsetUnit::NAMES {
            assert_eq!(name.parse::<OffsetUnit>().expect("known").as_str(), *name);
        }
        assert!("words".parse::<OffsetUnit>().unwrap_err().to_string().contains("utf16"));
        assert_eq!(serde_json::to_string(&OffsetUnit::Utf16).expect("json"), "\"utf16\"");
    }

    #[test]
    fn every_span_is_converted() {
        // One character of two bytes before everything: each converted offset is one less than its byte offset.
        let text = "é abcdefghijklmnopqrstuvwxyz";
        let span = Span::new(3, 5);
        let ref_ = TextRef {
            span,
            text: "ab".into(),
        };
        let mut analysis = crate::analyze("", &crate::Options::default());
        analysis.document.dct.span = Some(span);
        analysis.timexes.push(Timex::new(
            "t1".into(),
            span,
            "ab".into(),
            TimexType::Date,
            "2016".into(),
        ));
        let sample = crate::analyze(
            "Blasts killed 12 people in Homs on Sunday, the Syrian Observatory said.",
            &crate::Options::default(),
        );
        let mut place = sample.places.first().expect("a place").clone();
        place.span = span;
        analysis.places.push(place);
        let mut entity = sample.entities.first().expect("an entity").clone();
        entity.span = span;
        analysis.entities.push(entity);
        let mut event = sample.events.first().expect("an event").clone();
        event.trigger = ref_.clone();
        event.mentions = vec![ref_.clone()];
        let mut casualty = event.casualties.first().expect("a casualty").clone();
        casualty.span = span;
        event.casualties = vec![casualty];
        event.evidence = vec![Evidence {
            field: "trigger".into(),
            span,
        }];
        analysis.events.push(event);
        analysis.warnings.push(Warning {
            span: Some(span),
            ..Warning::new("test", "a warning with a span")
        });
        let bytes_json = serde_json::to_string(&analysis).expect("json");
        assert!(!bytes_json.contains("\"offsets\""), "bytes are the default, left out");
        convert_offsets(&mut analysis, text, OffsetUnit::Char);
        let converted = serde_json::to_string(&analysis).expect("json");
        assert!(converted.contains("\"offsets\":\"char\""), "{converted}");
        let n = |s: &str, needle: &str| s.matches(needle).count();
        let spans = n(&bytes_json, "{\"start\":3,\"end\":5}");
        assert_eq!(spans, 9, "the fixture fills every kind of span: {bytes_json}");
        assert_eq!(n(&converted, "{\"start\":2,\"end\":4}"), spans, "{converted}");
        assert_eq!(n(&converted, "{\"start\":3,\"end\":5}"), 0);
    }

    #[test]
    fn sao_paulo_and_wednesday_slice_right_in_chars() {
        let text = "São Paulo — Protesters marched on Wednesday.";
        let mut analysis = crate::analyze(text, &crate::Options::default());
        let wednesday = at(text, "Wednesday");
        analysis.timexes = vec![Timex::new(
            "t1".into(),
            wednesday,
            "Wednesday".into(),
            TimexType::Date,
            "XXXX-XX-XX".into(),
        )];
        convert_offsets(&mut analysis, text, OffsetUnit::Char);
        let span = analysis.timexes[0].span;
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(chars[span.start..span.end].iter().collect::<String>(), "Wednesday");
        assert_eq!(span.start, wednesday.start - 3, "ã and — are 1 char, not 2 and 3 bytes");
    }

    #[test]
    fn an_emoji_counts_two_utf16_units_and_one_char() {
        let text = "🔥 Fire in Homs 🔥 and Aleppo.";
        let homs = at(text, "Homs");
        let aleppo = at(text, "Aleppo");
        for (unit, homs_start) in [(OffsetUnit::Utf16, 11), (OffsetUnit::Char, 10)] {
            let warning = |span| Warning {
                span: Some(span),
                ..Warning::new("w", "")
            };
            let mut analysis = Analysis {
                warnings: vec![warning(homs), warning(aleppo)],
                ..Analysis::default()
            };
            convert_offsets(&mut analysis, text, unit);
            let spans: Vec<Span> = analysis.warnings.iter().filter_map(|w| w.span).collect();
            assert_eq!(spans[0].start, homs_start, "{unit}");
            assert_eq!(slice_in(text, unit, spans[0]), "Homs");
            assert_eq!(slice_in(text, unit, spans[1]), "Aleppo");
        }
    }

    #[test]
    fn a_place_after_an_emoji_slices_right_in_utf16() {
        let text = "🔥🔥 Shelling hit Homs on Sunday, monitors said.";
        let mut analysis = crate::analyze(text, &crate::Options::default());
        let homs = analysis
            .places
            .iter()
            .find(|p| p.text == "Homs")
            .expect("Homs found")
            .span;
        convert_offsets(&mut analysis, text, OffsetUnit::Utf16);
        let converted = analysis.places.iter().find(|p| p.text == "Homs").expect("Homs").span;
        assert_eq!(converted.start, homs.start - 4, "two emoji: 8 bytes, 4 UTF-16 units");
        assert_eq!(slice_in(text, OffsetUnit::Utf16, converted), "Homs");
        for t in &analysis.timexes {
            assert_eq!(slice_in(text, OffsetUnit::Utf16, t.span), t.text);
        }
    }

    #[test]
    fn converting_twice_changes_nothing_more() {
        let text = "Ça va à Zürich on Monday.";
        let mut analysis = crate::analyze(text, &crate::Options::default());
        convert_offsets(&mut analysis, text, OffsetUnit::Utf16);
        let once = analysis.clone();
        convert_offsets(&mut analysis, text, OffsetUnit::Utf16);
        assert_eq!(analysis, once);
        assert_eq!(analysis.document.offsets, Some(OffsetUnit::Utf16));
    }

    #[test]
    fn an_index_converts_parts_far_into_the_text_like_the_whole() {
        // Parts whose spans lie far apart, checked against the one-shot conversion.
        let text = "é".repeat(3 * CHECKPOINT_BYTES) + " Homs " + &"🙂".repeat(CHECKPOINT_BYTES) + " Idlib";
        let homs = at(&text, "Homs");
        let idlib = at(&text, "Idlib");
        let mut whole = Analysis::default();
        let mut first = Analysis::default();
        let mut second = Analysis::default();
        for (a, spans) in [
            (&mut whole, vec![homs, idlib]),
            (&mut first, vec![homs]),
            (&mut second, vec![idlib]),
        ] {
            a.document.dct.span = Some(Span::new(0, 2));
            a.warnings = spans
                .into_iter()
                .map(|s| Warning {
                    span: Some(s),
                    ..Warning::new("w", "")
                })
                .collect();
        }
        convert_offsets(&mut whole, &text, OffsetUnit::Utf16);
        let index = OffsetIndex::new(&text, OffsetUnit::Utf16);
        index.convert(&mut first);
        index.convert(&mut second);
        assert_eq!(first.warnings[0], whole.warnings[0]);
        assert_eq!(second.warnings[0], whole.warnings[1]);
        assert_eq!(second.document.dct.span, Some(Span::new(0, 1)));
        let span = whole.warnings[1].span.expect("span");
        assert_eq!(slice_in(&text, OffsetUnit::Utf16, span), "Idlib");
    }
}
