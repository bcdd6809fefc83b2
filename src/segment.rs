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
pub fn segment(text: &str, language: &Language) -> Vec<Segment> {
    let abbreviations = language.abbreviations();
    let mut segments = Vec::new();
    let mut paragraph = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let line_span = Span::new(line_start, line_start + line.len());
        line_start += line.len();
        if line.trim().is_empty() {
            continue;
        }
        split_sentences(text, line_span, paragraph, abbreviations, &mut segments);
        paragraph += 1;
    }
    classify_opening(text, &mut segments);
    segments
}

fn split_sentences(text: &str, line: Span, paragraph: usize, abbreviations: &HashSet<&str>, out: &mut Vec<Segment>) {
    let bytes = text.as_bytes();
    let mut start = line.start;
    let mut i = line.start;
    while i < line.end {
        let b = bytes[i];
        if matches!(b, b'.' | b'!' | b'?') && ends_sentence(text, line, i, abbreviations) {
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

fn ends_sentence(text: &str, line: Span, dot: usize, abbreviations: &HashSet<&str>) -> bool {
    let bytes = text.as_bytes();
    // Next non-quote byte must be white space (or the line end), then an upper-case letter, digit or quote.
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
    // The word before the dot: an abbreviation or a lone initial does not end the sentence.
    // Past the separator's full width: it may be a multi-byte space such as U+00A0.
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
