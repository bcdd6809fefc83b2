//! Long texts analysed a window at a time, so that memory follows the window and not the text.
//!
//! A news article is a few tens of kilobytes; a text of several megabytes is a book, a transcript, a log or a
//! hostile input, and holding the analysis of all of it at once costs hundreds of bytes per place or date
//! mention (a 16 MB run of "Homs\n" has 3.4 million of them). [`analyze_in_windows`] cuts such a text into
//! windows of about [`WINDOW_BYTES`] at paragraph, line or sentence ends, analyses each with the document time
//! found in the first, and hands each window's [`Analysis`] to the caller with spans and ids already those of
//! the whole text, so the caller can write it out and drop it (the CLI streams them; see `docs/reliability.md`).
//!
//! What a window cannot see: mentions in another window (an entity's canonical name, a place's document-level
//! context, an event's coreference) are not tied together across the cut. A text no longer than one window is
//! analysed exactly as [`analyze`](crate::analyze) does.

use crate::analyze::{analyze, Options};
use crate::calendar::Date;
use crate::hash::FastSet;
use crate::model::{Analysis, Span};

/// Texts up to this many bytes are analysed whole; longer ones in windows of about this size.
pub const WINDOW_BYTES: usize = 1 << 20;

/// How far back from a window's nominal end a better cut (paragraph, line, sentence, space) is looked for.
const CUT_SEARCH_BYTES: usize = 64 * 1024;

/// The windows of `text`: consecutive byte ranges covering it (one empty range for an empty text, which is
/// analysed like any other), each at most `window` bytes (at least one character), cut at the last paragraph break, else line break, else sentence end, else space within
/// `CUT_SEARCH_BYTES` (64 KB) of the nominal end. Linear in the text: each search reads at most 64 KB once per window.
pub fn window_ranges(text: &str, window: usize) -> Vec<std::ops::Range<usize>> {
    let window = window.max(1);
    let mut ranges = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + window).min(text.len());
        if end < text.len() {
            end = best_cut(text, start, end);
        }
        ranges.push(start..end);
        start = end;
    }
    if ranges.is_empty() {
        ranges.push(0..0);
    }
    ranges
}

/// Where to end the window `start..nominal`: after the last "\n\n", "\n", sentence stop followed by a space,
/// or space in the last `CUT_SEARCH_BYTES`; else at the last character boundary before `nominal` (at least
/// one character past `start`).
fn best_cut(text: &str, start: usize, nominal: usize) -> usize {
    let mut floor_boundary = nominal;
    while !text.is_char_boundary(floor_boundary) {
        floor_boundary -= 1;
    }
    if floor_boundary <= start {
        // One character longer than the window: take it whole.
        let mut end = nominal;
        while !text.is_char_boundary(end) {
            end += 1;
        }
        return end;
    }
    let from = floor_boundary.saturating_sub(CUT_SEARCH_BYTES).max(start + 1);
    let bytes = &text.as_bytes()[..floor_boundary];
    let region = from..floor_boundary;
    let after = |needle: &[u8]| {
        bytes[region.clone()]
            .windows(needle.len())
            .rposition(|w| w == needle)
            .map(|i| region.start + i + needle.len())
    };
    // The ASCII needles end on char boundaries, since UTF-8 continuation bytes are never ASCII.
    after(b"\n\n")
        .or_else(|| after(b"\n"))
        .or_else(|| after(b". ").or_else(|| after(b"? ")).or_else(|| after(b"! ")))
        .or_else(|| after(b" "))
        .filter(|&cut| cut > start)
        .unwrap_or(floor_boundary)
}

/// Analyses `text` one window at a time (see the module documentation) and calls `each` with every window's
/// analysis in text order; stops at the first error `each` returns.
///
/// Every window's analysis carries the whole text's [`Document`](crate::Document) (title, document time and
/// length from the first window), spans into the whole text and ids numbered across windows (`p1` of the
/// second window follows the first window's last place); a warning without a span is given once. The person's
/// corrections are not applied here: they belong to one article shown whole.
///
/// Time is linear in the text and memory is that of one window's analysis plus the text.
pub fn analyze_in_windows<E>(
    text: &str,
    options: &Options,
    mut each: impl FnMut(Analysis) -> Result<(), E>,
) -> Result<(), E> {
    // The `truncated` warning, if any, goes with the last window: that is where the text stops.
    let mut cut_warning = Vec::new();
    let whole = crate::analyze::within_limit(text, &mut cut_warning);
    let mut options = Options {
        corrections: Default::default(),
        ..options.clone()
    };
    let mut counts = Counts::default();
    let mut document = None;
    let mut given_warnings = FastSet::default();
    for range in window_ranges(whole, WINDOW_BYTES) {
        let mut analysis = analyze(&whole[range.clone()], &options);
        if document.is_none() {
            // The rest of the text is read at the first window's document time, under its title.
            options.dct = analysis
                .document
                .dct
                .value
                .as_deref()
                .and_then(|v| Date::parse_iso(v).ok());
            options.meta_dct = None;
            options.title = analysis.document.title.clone();
            let mut first = analysis.document.clone();
            first.length_bytes = whole.len();
            document = Some(first);
        }
        if let Some(document) = &document {
            analysis.document = document.clone();
        }
        place_in_text(&mut analysis, range.start, &mut counts);
        analysis
            .warnings
            .retain(|w| w.span.is_some() || given_warnings.insert(w.code.clone()));
        if range.end == whole.len() {
            analysis.warnings.append(&mut cut_warning);
        }
        each(analysis)?;
    }
    Ok(())
}

/// How many of each record the windows before have given: the next window's ids follow them.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    timexes: usize,
    places: usize,
    entities: usize,
    events: usize,
}

/// Moves a window's analysis into the whole text: spans shifted by `offset`, ids renumbered after `counts`
/// (which then count this window too).
fn place_in_text(analysis: &mut Analysis, offset: usize, counts: &mut Counts) {
    let shift = |span: &mut Span| {
        span.start += offset;
        span.end += offset;
    };
    let Counts {
        timexes,
        places,
        entities,
        events,
    } = *counts;
    if let Some(span) = analysis.document.dct.span.as_mut().filter(|_| offset == 0) {
        shift(span);
    }
    for timex in &mut analysis.timexes {
        shift(&mut timex.span);
        renumber(&mut timex.id, "t", timexes);
        if let Some(anchor) = timex.anchor.as_mut() {
            renumber(anchor, "t", timexes);
        }
    }
    for place in &mut analysis.places {
        shift(&mut place.span);
        renumber(&mut place.id, "p", places);
    }
    for entity in &mut analysis.entities {
        shift(&mut entity.span);
        renumber(&mut entity.id, "e", entities);
    }
    for event in &mut analysis.events {
        renumber(&mut event.id, "ev", events);
        shift(&mut event.trigger.span);
        event.mentions.iter_mut().for_each(|m| shift(&mut m.span));
        event.casualties.iter_mut().for_each(|c| shift(&mut c.span));
        event.evidence.iter_mut().for_each(|e| shift(&mut e.span));
        if let Some(timex) = event.date.timex.as_mut() {
            renumber(timex, "t", timexes);
        }
        event.places.iter_mut().for_each(|p| renumber(p, "p", places));
        event.participants.iter_mut().for_each(|e| renumber(e, "e", entities));
    }
    for warning in &mut analysis.warnings {
        if let Some(span) = warning.span.as_mut() {
            shift(span);
        }
    }
    counts.timexes += analysis.timexes.len();
    counts.places += analysis.places.len();
    counts.entities += analysis.entities.len();
    counts.events += analysis.events.len();
}

/// `prefix` + n becomes `prefix` + (n + `after`); other ids ("dct") stay.
fn renumber(id: &mut String, prefix: &str, after: usize) {
    if after == 0 {
        return;
    }
    if let Some(n) = id.strip_prefix(prefix).and_then(|n| n.parse::<usize>().ok()) {
        *id = format!("{prefix}{}", n + after);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options<'static> {
        Options {
            dct: Date::parse_iso("2016-09-05").ok(),
            ..Options::default()
        }
    }

    #[test]
    fn windows_cover_the_text_and_cut_at_paragraphs() {
        let text = "One para.\n\nTwo para here.\n\nThree.";
        let ranges = window_ranges(text, 20);
        assert_eq!(ranges.first().map(|r| r.start), Some(0));
        assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
        assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(&text[ranges[0].clone()], "One para.\n\n");
    }

    #[test]
    fn an_empty_text_is_one_empty_window() {
        assert_eq!(window_ranges("", 10), vec![0..0]);
        let mut count = 0;
        analyze_in_windows("", &options(), |a| {
            count += 1;
            assert!(a.warnings.iter().any(|w| w.code == "empty_input"));
            Ok::<_, ()>(())
        })
        .ok();
        assert_eq!(count, 1);
    }

    #[test]
    fn windows_never_split_a_character_and_always_advance() {
        let text = "éééééééééé".repeat(7);
        for window in 1..9 {
            let ranges = window_ranges(&text, window);
            assert!(ranges
                .iter()
                .all(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end)));
            assert!(ranges.iter().all(|r| r.end > r.start));
            assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
        }
    }

    #[test]
    fn one_window_is_the_plain_analysis() {
        let text = "Air strikes hit Aleppo on Sunday, killing 12 people, monitors said.";
        let mut got = Vec::new();
        analyze_in_windows(text, &options(), |a| {
            got.push(a);
            Ok::<_, ()>(())
        })
        .ok();
        assert_eq!(got, vec![analyze(text, &options())]);
    }

    #[test]
    fn later_windows_have_spans_and_ids_of_the_whole_text() {
        let paragraph = "Air strikes hit Aleppo on Sunday, killing 12 people, monitors said.\n\n";
        let text = paragraph.repeat(WINDOW_BYTES / paragraph.len() + 40);
        let mut windows = Vec::new();
        analyze_in_windows(&text, &options(), |a| {
            windows.push(a);
            Ok::<_, ()>(())
        })
        .ok();
        assert_eq!(windows.len(), 2);
        let places: Vec<_> = windows.iter().flat_map(|w| &w.places).collect();
        for (i, place) in places.iter().enumerate() {
            assert_eq!(place.id, format!("p{}", i + 1));
            assert_eq!(place.span.slice(&text), "Aleppo");
        }
        let timexes: Vec<_> = windows.iter().flat_map(|w| &w.timexes).collect();
        assert!(timexes
            .iter()
            .all(|t| t.span.slice(&text) == "Sunday" && t.value == "2016-09-04"));
        let last = windows.last().map(|w| &w.events).filter(|e| !e.is_empty());
        for event in last.into_iter().flatten() {
            assert_eq!(event.trigger.span.slice(&text), event.trigger.text);
            for id in &event.places {
                assert!(
                    windows[1].places.iter().any(|p| &p.id == id),
                    "{id} is a place of its window"
                );
            }
        }
        assert!(windows.iter().all(|w| w.document.length_bytes == text.len()));
    }

    #[test]
    fn the_first_windows_dateline_dates_the_rest() {
        let head = "BEIRUT, Sept 5, 2016 (AFP) - Talks failed.\n\n";
        let filler = "Nothing happened here at all.\n".repeat(WINDOW_BYTES / 30 + 10);
        let text = format!("{head}{filler}Fighting resumed on Sunday.\n");
        let mut last = None;
        analyze_in_windows(&text, &Options::default(), |a| {
            last = Some(a);
            Ok::<_, ()>(())
        })
        .ok();
        let last = last.expect("at least one window");
        let sunday = last.timexes.iter().find(|t| t.text == "Sunday").expect("Sunday found");
        assert_eq!(sunday.value, "2016-09-04");
        assert_eq!(last.document.dct.value.as_deref(), Some("2016-09-05"));
    }
}
