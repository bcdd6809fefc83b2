//! Looking around a position of the text: the words and characters before and after it, its sentence.
//!
//! Every look is bounded: the words before and after a position are read from [`behind`] and [`ahead`], at most
//! [`LOOK_BYTES`] of text, so one look costs O(1) whatever the length of the text or of the run of letters around
//! the position ("May-May-May-…" no longer makes each look scan back to the start of the run).

use crate::model::Span;
use crate::segment::Segment;

/// How far a look around a position reaches, in bytes. No word of the tables comes near it, so for real text the
/// words read are the same as with an unbounded look; a longer run is cut at the window's edge.
pub(crate) const LOOK_BYTES: usize = 256;

/// The text before byte `at`, at most [`LOOK_BYTES`] of it (from a character boundary); empty when `at` is not a
/// character boundary.
pub(crate) fn behind(text: &str, at: usize) -> &str {
    if !text.is_char_boundary(at) {
        return "";
    }
    let mut from = at.saturating_sub(LOOK_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

/// The text from byte `at`, at most [`LOOK_BYTES`] of it (to a character boundary); empty when `at` is not a
/// character boundary or lies past the end.
pub(crate) fn ahead(text: &str, at: usize) -> &str {
    if at > text.len() || !text.is_char_boundary(at) {
        return "";
    }
    let mut to = (at + LOOK_BYTES).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[at..to]
}

/// The segment holding `span` (segments are in text order: a binary search, so huge inputs stay linear overall).
pub fn segment_of(segments: &[Segment], span: Span) -> Option<&Segment> {
    let i = segments.partition_point(|s| s.span.end <= span.start);
    segments.get(i).filter(|s| s.span.contains(&span))
}

/// The last run of letters and digits of `s` (empty when `s` ends in anything else); O(|s|), so callers pass a
/// bounded `s` ([`behind`]).
pub(super) fn last_word(s: &str) -> &str {
    s.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
}

/// The words of `s` (letters, digits and apostrophes) with their byte offsets in it.
pub(crate) fn word_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .scan(0, |pos, piece| {
            let start = *pos;
            *pos += piece.len();
            let word = piece.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'));
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// The character just before byte `at`.
pub(super) fn prev_char(text: &str, at: usize) -> Option<char> {
    text.get(..at)?.chars().next_back()
}

/// The character at byte `at`.
pub(super) fn next_char(text: &str, at: usize) -> Option<char> {
    text.get(at..)?.chars().next()
}

/// The word just before byte `at` (letters, digits, `.`, `#`, `$` and apostrophes), read within [`behind`]: O(1).
pub(super) fn word_before(text: &str, at: usize) -> &str {
    let head = behind(text, at).trim_end();
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '#' | '$' | '\'' | '-' | '€' | '£')))
        .map_or(0, |k| k + head[k..].chars().next().map_or(1, char::len_utf8));
    head[start..].trim_end_matches('-')
}

/// Whether the word before byte `at` is a possessive ("Valley's", "Valley’s"), read within [`behind`]: O(1).
pub(super) fn possessive_before(text: &str, at: usize) -> bool {
    let head = behind(text, at).trim_end();
    let Some(owner) = head.strip_suffix("'s").or_else(|| head.strip_suffix("’s")) else {
        return false;
    };
    owner.ends_with(char::is_alphabetic)
}

/// The word just after byte `at`, read within [`ahead`]: O(1).
pub(super) fn word_after(text: &str, at: usize) -> &str {
    let tail = ahead(text, at).trim_start();
    let end = tail
        .find(|c: char| !(c.is_alphanumeric() || c == '-'))
        .unwrap_or(tail.len());
    &tail[..end]
}
