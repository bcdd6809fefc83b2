//! Time expressions: the document creation time, recognition and TIMEX3 normalisation.
//!
//! Recognition and normalisation are driven by two tables, `src/lang/en/dates_words.tsv` (word classes) and
//! `src/lang/en/dates_rules.tsv` (patterns); see `docs/dates.md` for the format and the anchoring policy.

pub(crate) mod calendars;
pub(crate) mod found;
pub(crate) mod lexicon;
mod need;
pub(crate) mod normalize;
pub(crate) mod recognize;
pub(crate) mod rule_fn;
pub mod timeml;
pub mod value;
pub(crate) mod words;

use crate::calendar::Date;
use crate::doc::Doc;
use crate::lang::Language;
use crate::model::{Dct, DctSource, Span, Timex, Warning};
use crate::segment::{Segment, SegmentKind};
use crate::Options;
use lexicon::Lexicon;
use normalize::{Context, Norm};
use value::{Gran, Point};

/// How many opening segments are searched for a dateline.
const DATELINE_SEGMENTS: usize = 8;
/// How far into the text a dateline may stand, in bytes.
const DATELINE_BYTES: usize = 2000;
/// How far into its line a date with a publication cue may stand, in bytes.
const DATELINE_OFFSET: usize = 120;

/// The document creation time as the engines use it: a calendar date and, when known, the wall-clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocTime {
    /// The day.
    pub date: Date,
    /// Seconds since midnight, when the source gave a time of day.
    pub clock: Option<u32>,
}

impl DocTime {
    /// Reads a DCT value (`2016-09-05`, `2016-09-05T14:02`, `2016-09-05 14:02:30`): once, where the value enters.
    pub fn parse(value: &str) -> Option<DocTime> {
        Some(DocTime {
            date: Date::parse_iso(value).ok()?,
            clock: dct_clock(value),
        })
    }
}

/// Chooses the document creation time: the person's, then metadata, then a dateline in the text. Returns the
/// model's [`Dct`] and the same time as a [`DocTime`] for the engines.
pub fn resolve_dct(doc: &Doc, language: &Language, options: &Options) -> (Dct, Option<DocTime>) {
    let dct = choose_dct(doc, language, options);
    let time = dct.value.as_deref().and_then(DocTime::parse);
    (dct, time)
}

fn choose_dct(doc: &Doc, language: &Language, options: &Options) -> Dct {
    if let Some(user) = options.dct {
        return Dct {
            value: Some(user.to_string()),
            source: DctSource::User,
            span: None,
        };
    }
    if let Some(raw) = options.meta_dct.as_deref() {
        if let Ok(meta) = Date::parse_iso(raw) {
            return Dct {
                value: Some(with_clock(meta, raw)),
                source: DctSource::Meta,
                span: None,
            };
        }
    }
    if let Some((value, span)) = find_dateline(doc, language) {
        return Dct {
            value: Some(value),
            source: DctSource::Dateline,
            span: Some(span),
        };
    }
    match options.fallback_dct {
        Some(crate::FallbackDct::Assumed(day)) => Dct {
            value: Some(day.to_string()),
            source: DctSource::Assumed,
            span: None,
        },
        Some(crate::FallbackDct::FromText) => match newest_written_date(doc, language) {
            Some((day, span)) => Dct {
                value: Some(day.to_string()),
                source: DctSource::Text,
                span: Some(span),
            },
            None => Dct::default(),
        },
        None => Dct::default(),
    }
}

/// The newest calendar day written out in full in the text ("5 September 2016", "2016-09-05"): what a story
/// without a dateline is most likely published on or just after. Reads the dates once without a document time,
/// so only days that need none count. Linear in the text (one pass of [`extract_at`]).
pub fn newest_written_date(doc: &Doc, language: &Language) -> Option<(Date, Span)> {
    let (timexes, _) = extract_at(doc, language, None);
    timexes
        .iter()
        .filter(|t| t.kind == crate::TimexType::Date && t.value.len() == 10)
        .filter_map(|t| Date::parse_iso(&t.value).ok().map(|d| (d, t.span)))
        .max_by_key(|(d, span)| (d.to_days(), std::cmp::Reverse(span.start)))
}

/// The date, with the wall-clock `THH:MM` of an ISO datetime when `raw` has one (`2016-09-05T14:02:00Z`).
fn with_clock(date: Date, raw: &str) -> String {
    let b = raw.as_bytes();
    let clock = b.len() >= 16
        && matches!(b[10], b'T' | b' ')
        && b[13] == b':'
        && [11, 12, 14, 15].iter().all(|&i| b[i].is_ascii_digit());
    if clock && raw[11..13] < *"24" && raw[14..16] < *"60" {
        format!("{date}T{}", &raw[11..16])
    } else {
        date.to_string()
    }
}

/// True when `word` (any case) is in the date word class `class` of `language` (`weekday`, `month`, ...; see
/// `dates_words.tsv`).
pub fn is_in_class(language: &Language, class: &str, word: &str) -> bool {
    language.dates().has(class, word)
}

/// The first full date of the opening lines that stands as a dateline: its value and span.
///
/// Linear in the opening segments: one recognition pass over each, whose expressions are normalised only up to
/// `DATELINE_OFFSET` bytes into a line that is no dateline (none further can stand as one), and each line's
/// publication cue is looked for once.
pub fn find_dateline(doc: &Doc, language: &Language) -> Option<(String, Span)> {
    let (text, segments) = (doc.text(), doc.segments());
    let lex = language.dates();
    let opening: Vec<Segment> = segments
        .iter()
        .take(DATELINE_SEGMENTS)
        .filter(|s| s.span.end <= DATELINE_BYTES.max(segments.first().map_or(0, |f| f.span.end)))
        .copied()
        .collect();
    let mut ctx = Context {
        lex,
        text,
        segments,
        dct: None,
        history: normalize::History::default(),
        day_in_sentence: None,
        last_point: None,
        dct_clock: None,
    };
    for seg in &opening {
        let line = seg.span.slice(text);
        // A full date has a year: lines without four digits in a row are skipped without matching.
        let has_year = line.as_bytes().windows(4).any(|w| w.iter().all(u8::is_ascii_digit));
        if !has_year {
            continue;
        }
        let cue = std::cell::OnceCell::new();
        for mut f in recognize::recognize(lex, line) {
            if seg.kind != SegmentKind::Dateline && f.span.start > DATELINE_OFFSET {
                break;
            }
            f.base += seg.span.start;
            f.span = Span::new(f.span.start + seg.span.start, f.span.end + seg.span.start);
            let rule = &lex.rules[f.rule];
            let Some(norm) = ctx.normalize(&f, rule.function, rule.kind) else {
                continue;
            };
            if Date::parse_iso(&norm.value).is_err() || norm.begin.is_some() {
                continue;
            }
            if is_dateline(lex, text, seg, f.span, &cue) {
                return Some((norm.value, f.span));
            }
        }
    }
    None
}

/// A full date is a dateline when its line is a dateline, carries a publication cue (within
/// [`DATELINE_OFFSET`] bytes of the line start), or opens with it. Whether the line has a cue is worked out once per
/// line, in `cue`.
fn is_dateline(lex: &Lexicon, text: &str, seg: &Segment, span: Span, cue: &std::cell::OnceCell<bool>) -> bool {
    if seg.kind == SegmentKind::Dateline {
        return true;
    }
    let offset = span.start - seg.span.start;
    if offset > DATELINE_OFFSET {
        return false;
    }
    let has_cue = || {
        *cue.get_or_init(|| {
            seg.span
                .slice(text)
                .split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '|' | '-'))
                .any(|w| {
                    !w.is_empty()
                        && lex
                            .word("dctcue", w)
                            .is_some_and(|e| w.contains('(') || e.text == w || w.chars().any(char::is_lowercase))
                })
        })
    };
    let opens = || {
        // A Markdown emphasis around the line is no text after the date ("**VALENCIA, Spain, 30 October 2024**").
        let after = text
            .get(span.end..seg.span.end)
            .unwrap_or("")
            .trim_start()
            .trim_start_matches(['*', '_'])
            .trim_start();
        offset <= 80
            && (after.is_empty() || after.starts_with(['(', '-', '–', '—', '|', '/']) || after.starts_with("GMT"))
    };
    has_cue() || opens()
}

/// Finds and normalises the time expressions of the document, anchored on the document time of `ctx` when known.
/// Returns them with the warnings of the stage.
pub fn extract(doc: &Doc, language: &Language, ctx: &crate::Context) -> (Vec<Timex>, Vec<Warning>) {
    extract_at(doc, language, ctx.time)
}

/// [`extract`] with only a document time (what the evaluation commands and tests have).
pub fn extract_at(doc: &Doc, language: &Language, time: Option<DocTime>) -> (Vec<Timex>, Vec<Warning>) {
    let (text, segments) = (doc.text(), doc.segments());
    let lex = language.dates();
    let dct_date = time.map(|t| t.date);
    let mut found = recognize::recognize(lex, text);
    found.retain(|f| crate::doc::stands_alone(text, f.span));
    let mut ctx = Context {
        lex,
        text,
        segments,
        dct: dct_date,
        history: normalize::History::default(),
        day_in_sentence: None,
        last_point: None,
        dct_clock: time.and_then(|t| t.clock),
    };
    let mut timexes: Vec<Timex> = Vec::with_capacity(found.len());
    let mut underspecified = 0;
    for f in &found {
        let rule = &lex.rules[f.rule];
        let Some(norm) = ctx.normalize(f, rule.function, rule.kind) else {
            continue;
        };
        if norm.needs_dct {
            underspecified += 1;
        }
        let index = timexes.len();
        if let Some(p) = Point::parse(&norm.value) {
            // "the quarter ended Sept. 30": the date closes the period just named and is no new topic.
            let closes_period = words::behind(text, f.span.start)
                .split_whitespace()
                .next_back()
                .is_some_and(|w| lex.has("periodend", w));
            let derived = matches!(norm.anchor, Some(Some(_))) || closes_period;
            ctx.history.remember(index, p, derived, dct_date);
            ctx.last_point = Some((f.span.end, index, p));
            if p.gran == Gran::Day {
                let seg = words::segment_of(segments, f.span).map_or(0, |s| s.span.start);
                ctx.day_in_sentence = Some((seg, p.date));
            }
        }
        timexes.push(to_timex(index, f.span, text, norm));
    }
    let mut warnings = Vec::new();
    if dct_date.is_none() && underspecified > 0 {
        warnings.push(Warning::new(
            "no_dct",
            format!(
                "No document date was given or found, so {underspecified} relative date(s) keep underspecified values."
            ),
        ));
    }
    (timexes, warnings)
}

/// The wall-clock time of a DCT written with one (`2016-09-05T14:02`, `2016-09-05 14:02:30`), in seconds since
/// midnight.
fn dct_clock(dct: &str) -> Option<u32> {
    let b = dct.as_bytes();
    if b.len() < 16 || !matches!(b[10], b'T' | b' ') || b[13] != b':' {
        return None;
    }
    let two = |i: usize| -> Option<u32> {
        let d = b.get(i..i + 2)?;
        d.iter()
            .all(u8::is_ascii_digit)
            .then(|| u32::from(d[0] - b'0') * 10 + u32::from(d[1] - b'0'))
    };
    let (h, m) = (two(11)?, two(14)?);
    let s = if b.get(16) == Some(&b':') { two(17)? } else { 0 };
    (h < 24 && m < 60 && s < 60).then_some(h * 3600 + m * 60 + s)
}

fn to_timex(index: usize, span: Span, text: &str, n: Norm) -> Timex {
    Timex {
        id: crate::model::numbered_id("t", index + 1),
        span,
        text: span.slice(text).to_string(),
        kind: n.kind,
        value: n.value,
        modifier: n.modifier,
        anchor: n
            .anchor
            .map(|a| a.map_or_else(|| "dct".to_string(), |i| crate::model::numbered_id("t", i + 1))),
        begin: n.begin,
        end: n.end,
        freq: n.freq,
        alternatives: n.alternatives,
    }
}

#[cfg(test)]
mod tests;
