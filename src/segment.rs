//! Splits text into paragraphs and sentences, by byte spans.
//!
//! Every later stage works inside these segments: a date anchors events in its sentence, a place's
//! container ("the Syrian city of Homs") is looked for in its sentence.

use crate::hash::FastSet as HashSet;
use crate::lang::Language;
use crate::model::Span;

/// What a segment is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentKind {
    /// A short first line without final punctuation.
    Headline,
    /// A line that is only a source and a date ("AFP , Monday 5 Sep 2016").
    Dateline,
    /// A sentence of running text.
    Sentence,
}

/// One sentence (or headline) of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// Bytes of the sentence, trimmed of surrounding white space.
    pub span: Span,
    /// Index of the paragraph it belongs to (paragraphs are separated by line breaks).
    pub paragraph: usize,
    /// Headline, dateline or sentence.
    pub kind: SegmentKind,
}

/// Splits `text` into segments with the abbreviations of `language`.
///
/// Linear in the text: every byte is read a bounded number of times. A run of sentence ends (`.`, `!`, `?`,
/// closing quotes and brackets) is read once for all the full stops in it, the word before a full stop is found
/// by a cursor that only moves forward, and an abbreviation is looked up only when the word is no longer than
/// the longest abbreviation (so a run of 100,000 dots costs 100,000 steps, not 10^10).
pub fn segment(text: &str, language: &Language) -> Vec<Segment> {
    let abbreviations = Abbreviations::of(language.abbreviations());
    let mut segments = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_span = Span::new(line_start, line_start + line.len());
        line_start += line.len();
        if line.trim().is_empty() {
            continue;
        }
        split_sentences(text, line_span, paragraph, &abbreviations, &mut segments);
        paragraph += 1;
    }
    classify_opening(text, &mut segments);
    segments
}

/// The abbreviation set and the length of its longest entry: a longer word is never looked up (hashing it
/// would cost its length, and the word before a dot in a run of dots is the whole run so far).
struct Abbreviations<'a> {
    set: &'a HashSet<&'static str>,
    longest: usize,
}

impl<'a> Abbreviations<'a> {
    fn of(set: &'a HashSet<&'static str>) -> Self {
        Abbreviations {
            set,
            longest: set.iter().map(|a| a.len()).max().unwrap_or(0),
        }
    }

    fn contains(&self, word: &str) -> bool {
        word.len() <= self.longest && self.set.contains(word)
    }
}

/// Counts the bytes and characters `ends_sentence` reads, in test builds only: the tests check the work
/// done is linear by counting it, not by timing it.
#[inline]
fn step() {
    #[cfg(test)]
    tests::STEPS.with(|s| s.set(s.get() + 1));
}

/// What `ends_sentence` remembers between the stops of one line, so that no byte is read again.
struct LineCursor {
    /// The end of the last run of `"')].!?` read after a stop, with the verdict on what follows that run
    /// (white space, then an upper-case letter, a digit or an opening quote). Every stop inside the run
    /// shares both.
    run: Option<(usize, bool)>,
    /// Bytes before this position have been searched for word separators.
    scanned: usize,
    /// Where the word ending at `scanned` starts: just after the last white space, `(` or `"` before it.
    word_start: usize,
}

fn split_sentences(text: &str, line: Span, paragraph: usize, abbreviations: &Abbreviations, out: &mut Vec<Segment>) {
    let bytes = text.as_bytes();
    let mut start = line.start;
    let mut i = line.start;
    let mut cursor = LineCursor {
        run: None,
        scanned: line.start,
        word_start: line.start,
    };
    while i < line.end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, line, i, abbreviations, &mut cursor) {
            // Keep closing quotes and brackets with the sentence they close.
            let mut end = i + 1;
            while end < line.end && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                end += 1;
            }
            push_trimmed(text, Span::new(start, end), paragraph, out);
            start = end;
            i = end;
            continue;
        }
        i += 1;
    }
    push_trimmed(text, Span::new(start, line.end), paragraph, out);
}

/// Whether the stop at `dot` ends a sentence. Amortised constant time over a line: `cursor` carries the run of
/// closers after the previous stop and the word scan, and the stops of a line come in increasing order.
fn ends_sentence(text: &str, line: Span, dot: usize, abbreviations: &Abbreviations, cursor: &mut LineCursor) -> bool {
    let bytes = text.as_bytes();
    // Next non-quote byte must be white space (or the line end), then an upper-case letter, digit or quote.
    // A stop inside the run read last time sees the same end of run, hence the same verdict.
    let follows = match cursor.run {
        Some((run_end, verdict)) if dot < run_end => verdict,
        _ => {
            let mut j = dot + 1;
            while j < line.end && matches!(bytes[j], b'"' | b'\'' | b')' | b']' | b'.' | b'!' | b'?') {
                step();
                j += 1;
            }
            let run_end = j;
            let verdict = follows_a_sentence_end(text, line, j);
            cursor.run = Some((run_end, verdict));
            verdict
        }
    };
    if !follows {
        return false;
    }
    if bytes[dot] != b'.' {
        return true;
    }
    // The word before the dot: an abbreviation or a lone initial does not end the sentence.
    // Past the separator's full width: it may be a multi-byte space such as U+00A0.
    for (k, c) in text[cursor.scanned..dot].char_indices() {
        step();
        if c.is_whitespace() || c == '(' || c == '"' {
            cursor.word_start = cursor.scanned + k + c.len_utf8();
        }
    }
    cursor.scanned = dot;
    let word = &text[cursor.word_start..dot];
    if abbreviations.contains(word) {
        return false;
    }
    let mut chars = word.chars();
    !matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// After a run of closers ending at `j`: white space (or the line end), then an upper-case letter, a digit or
/// an opening quote. Reads the white space once per run.
fn follows_a_sentence_end(text: &str, line: Span, mut j: usize) -> bool {
    let bytes = text.as_bytes();
    if j < line.end && !bytes[j].is_ascii_whitespace() {
        return false;
    }
    while j < line.end && bytes[j].is_ascii_whitespace() {
        step();
        j += 1;
    }
    if j < line.end {
        let next = text[j..].chars().next().unwrap_or(' ');
        if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '\'' | '(' | '“' | '‘')) {
            return false;
        }
    }
    true
}

fn push_trimmed(text: &str, span: Span, paragraph: usize, out: &mut Vec<Segment>) {
    let s = span.slice(text);
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail >= s.len() {
        return;
    }
    out.push(Segment {
        span: Span::new(span.start + lead, span.end - trail),
        paragraph,
        kind: SegmentKind::Sentence,
    });
}

/// Marks a short unpunctuated first line as the headline, and source-and-date lines as datelines.
fn classify_opening(text: &str, segments: &mut [Segment]) {
    if let Some(first) = segments.first_mut() {
        let s = first.span.slice(text);
        let unpunctuated = !s.ends_with(['.', '!', '?', ':', ';', ',']);
        if first.paragraph == 0 && unpunctuated && s.split_whitespace().count() <= 25 {
            first.kind = SegmentKind::Headline;
        }
    }
    for seg in segments.iter_mut().take(6) {
        let s = seg.span.slice(text);
        let words = s.split_whitespace().count();
        let has_year = s
            .as_bytes()
            .windows(4)
            .any(|w| w.iter().all(u8::is_ascii_digit) && (w[0] == b'1' || w[0] == b'2'));
        if seg.kind == SegmentKind::Sentence && words <= 8 && has_year && !s.ends_with('.') {
            seg.kind = SegmentKind::Dateline;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        pub(super) static STEPS: Cell<usize> = const { Cell::new(0) };
    }

    /// The segments of `text` and the bytes `ends_sentence` read to find them.
    fn segment_counting(text: &str) -> (Vec<Segment>, usize) {
        STEPS.with(|s| s.set(0));
        let segs = segment(text, Language::english());
        (segs, STEPS.with(Cell::get))
    }

    #[test]
    fn runs_of_stops_are_read_once() {
        // Issue 23: a run of dots (or "!", "?", `."`) was read again from every stop in it: 102 KB took 18 s.
        for unit in [".", "!", "?", ".\"", "?!", ". ", "a.", "U.S.", "Mr.", ".)", "...\n"] {
            let text = unit.repeat(20_000);
            let (segs, steps) = segment_counting(&text);
            assert!(
                steps <= 2 * text.len(),
                "{unit:?}: {steps} steps for {} bytes",
                text.len()
            );
            let (small, _) = segment_counting(&unit.repeat(2_000));
            assert!(!segs.is_empty() && segs.len() >= small.len(), "{unit:?}");
        }
        // What the runs give is what they gave before: every stop ends a sentence, the quote stays with it.
        let text = ".\"".repeat(4);
        assert_eq!(texts(&text, &segment(&text, Language::english())), vec![".\""; 4]);
        let text = "!!! Yes?? No... \"Go.\" Then.";
        assert_eq!(
            texts(text, &segment(text, Language::english())),
            vec!["!", "!", "!", "Yes?", "?", "No..", ".", "\"Go.\"", "Then."]
        );
    }

    /// The segmentation before issue 23 (quadratic on runs of stops and on long words), kept as the oracle.
    fn reference(text: &str) -> Vec<Span> {
        fn ends(text: &str, line: Span, dot: usize, abbreviations: &HashSet<&str>) -> bool {
            let bytes = text.as_bytes();
            let mut j = dot + 1;
            while j < line.end && matches!(bytes[j], b'"' | b'\'' | b')' | b']' | b'.' | b'!' | b'?') {
                j += 1;
            }
            if j < line.end && !bytes[j].is_ascii_whitespace() {
                return false;
            }
            while j < line.end && bytes[j].is_ascii_whitespace() {
                j += 1;
            }
            if j < line.end {
                let next = text[j..].chars().next().unwrap_or(' ');
                if !(next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '\'' | '(' | '“' | '‘')) {
                    return false;
                }
            }
            if bytes[dot] != b'.' {
                return true;
            }
            let word_start = text[line.start..dot]
                .char_indices()
                .rfind(|&(_, c)| c.is_whitespace() || c == '(' || c == '"')
                .map_or(line.start, |(k, c)| line.start + k + c.len_utf8());
            let word = &text[word_start..dot];
            if abbreviations.contains(word) {
                return false;
            }
            let mut chars = word.chars();
            !matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
        }
        let abbreviations = Language::english().abbreviations();
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        let mut line_start = 0;
        for line in text.split_inclusive('\n') {
            let line = Span::new(line_start, line_start + line.len());
            line_start = line.end;
            let (mut start, mut i) = (line.start, line.start);
            while i < line.end {
                if matches!(bytes[i], b'.' | b'!' | b'?') && ends(text, line, i, abbreviations) {
                    let mut end = i + 1;
                    while end < line.end && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                        end += 1;
                    }
                    out.push(Span::new(start, end));
                    (start, i) = (end, end);
                    continue;
                }
                i += 1;
            }
            out.push(Span::new(start, line.end));
        }
        out.into_iter()
            .filter_map(|span| {
                let s = span.slice(text);
                let (lead, trail) = (s.len() - s.trim_start().len(), s.len() - s.trim_end().len());
                (lead + trail < s.len()).then(|| Span::new(span.start + lead, span.end - trail))
            })
            .collect()
    }

    #[test]
    fn the_linear_segmentation_splits_as_the_quadratic_one_did() {
        const PIECES: &[&str] = &[
            ".", "!", "?", "\"", "'", ")", "]", "(", " ", "  ", "\n", "\u{a0}", "\t", "No", "Mr", "U.S", "A", "a",
            "Homs", "said", "5", "é", "“", "‘", "Ça", ".\"", "...", "Sept",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3_000 {
            let mut text = String::new();
            for _ in 0..(seed % 40) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                text.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
            }
            seed = seed.wrapping_add(1);
            let spans: Vec<Span> = segment(&text, Language::english()).iter().map(|s| s.span).collect();
            assert_eq!(spans, reference(&text), "{text:?}");
        }
    }

    #[test]
    fn a_long_word_before_a_stop_is_scanned_once_and_never_looked_up() {
        // A line with no space: the word before each stop used to be searched back to the line start.
        let text = "ab.".repeat(30_000) + " Next.";
        let (segs, steps) = segment_counting(&text);
        assert!(steps <= 2 * text.len(), "{steps} steps for {} bytes", text.len());
        assert_eq!(texts(&text, &segs), vec![&text[..text.len() - 6], "Next."]);
        // The longest-entry bound keeps every abbreviation: "Sept." and "U.S." still end nothing.
        let text = "On Sept. 5 the U.S. Army left. Then Gen. Smith spoke.";
        assert_eq!(
            texts(text, &segment(text, Language::english())),
            vec!["On Sept. 5 the U.S. Army left.", "Then Gen. Smith spoke."]
        );
    }

    fn texts<'a>(text: &'a str, segs: &[Segment]) -> Vec<&'a str> {
        segs.iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn splits_sentences_but_not_abbreviations_or_initials() {
        let text = "Mr. Smith met U.S. officials on Sept. 5. They left. John F. Kennedy spoke!\nNext line";
        let segs = segment(text, Language::english());
        assert_eq!(
            texts(text, &segs),
            vec![
                "Mr. Smith met U.S. officials on Sept. 5.",
                "They left.",
                "John F. Kennedy spoke!",
                "Next line"
            ]
        );
        assert_eq!(segs[3].paragraph, 1);
    }

    #[test]
    fn headline_and_dateline_are_classified() {
        let text = "Storm hits coast\n\nREUTERS , Tuesday 3 May 2022\n\nThe storm came. It went.";
        let segs = segment(text, Language::english());
        assert_eq!(segs[0].kind, SegmentKind::Headline);
        assert_eq!(segs[1].kind, SegmentKind::Dateline);
        assert_eq!(segs[2].kind, SegmentKind::Sentence);
        assert_eq!(segs.len(), 4);
    }

    #[test]
    fn spans_stay_on_char_boundaries_with_non_ascii_text() {
        let text = "Le président a parlé. Ça va? «Oui».\n— Fin";
        for seg in segment(text, Language::english()) {
            assert!(text.is_char_boundary(seg.span.start) && text.is_char_boundary(seg.span.end));
            assert!(!seg.span.slice(text).is_empty());
        }
    }
}
