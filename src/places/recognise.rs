//! Finding place-name mentions: gazetteer matches on word boundaries, then the filters that keep
//! people, organisations, streets and common words off the map.

use super::cues::Cues;
use super::gazetteer::{Gazetteer, Posting, FLAG_ABBREVIATION, FLAG_ADJECTIVE, FLAG_ALTERNATE, FLAG_RESTRICTED};
use super::name;
use crate::model::{Entity, EntityKind, Feature, Span};
use crate::segment::Segment;
use super::fasthash::FastSet as HashSet;
use std::cell::OnceCell;

/// Longest name tried, in words.
const MAX_WORDS: usize = 6;
/// Lower-case words allowed inside a multi-word name ("Rio de Janeiro", "Stratford upon Avon").
const CONNECTORS: &[&str] = &[
    "of", "de", "la", "el", "al", "upon", "on", "the", "du", "des", "del", "da", "do", "dos", "das", "y", "le", "les",
    "am", "an", "der", "sur", "en", "ez", "ad", "as", "ash", "ar", "az",
];

/// One word of the text.
#[derive(Debug, Clone, Copy)]
pub struct Token<'a> {
    /// Byte span.
    pub span: Span,
    /// The word.
    pub text: &'a str,
}

impl Token<'_> {
    /// True when the word starts with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    fn is_all_caps(&self) -> bool {
        let mut letters = self.text.chars().filter(|c| c.is_alphabetic()).peekable();
        letters.peek().is_some() && letters.all(char::is_uppercase)
    }
}

/// The words of `text`: maximal runs of letters and digits.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in text.char_indices() {
        if ch.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push(Token {
                span: Span::new(s, i),
                text: &text[s..i],
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            span: Span::new(s, text.len()),
            text: &text[s..],
        });
    }
    out
}

/// A gazetteer match that survived the filters.
#[derive(Debug, Clone)]
pub struct Mention {
    /// First and last token (inclusive).
    pub tokens: (usize, usize),
    /// Byte span of the name (without a possessive 's).
    pub span: Span,
    /// Gazetteer postings of the name (adjective postings removed).
    pub postings: Vec<Posting>,
    /// Followed by 's.
    pub possessive: bool,
}

/// What the recogniser found: place mentions and country evidence from nationality adjectives.
#[derive(Debug, Default)]
pub struct Found {
    /// Place mentions in text order.
    pub mentions: Vec<Mention>,
    /// Country entry indices named by adjectives ("Syrian"), with the token where they stand.
    pub adjectives: Vec<(usize, u32)>,
}

fn joinable(sep: &str) -> bool {
    sep.len() <= 3
        && !sep.is_empty()
        && sep.chars().all(|c| matches!(c, ' ' | '-' | '\'' | '’' | '.'))
        && !sep.as_bytes().windows(2).any(|w| w == b"  ")
}

/// Spans of the organisation phrases of the cue table ("White House", "Al Qaeda"), found on word
/// boundaries: only tokens that start some phrase are tried.
fn org_spans(text: &str, toks: &[Token<'_>], cues: &Cues) -> Vec<Span> {
    let mut out = Vec::new();
    let mut key = String::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.is_capitalised() || !cues.org_first_words.contains(t.text.to_lowercase().as_str()) {
            continue;
        }
        for j in i..toks.len().min(i + 5) {
            if j > i && !joinable(&text[toks[j - 1].span.end..toks[j].span.start]) {
                break;
            }
            name::normalize_into(&text[t.span.start..toks[j].span.end], &mut key);
            if cues.org_phrases.contains(&key) {
                out.push(Span::new(t.span.start, toks[j].span.end));
            }
        }
    }
    out
}

/// Words known to be parts of person names in this text: after titles and given names, and from entities.
fn person_words<'a>(text: &'a str, toks: &[Token<'a>], entities: &'a [Entity], cues: &Cues) -> HashSet<&'a str> {
    let mut out = HashSet::default();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        for t in tokenize(&e.text) {
            if t.is_capitalised() {
                out.insert(&e.text[t.span.start..t.span.end]);
            }
        }
    }
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let is_title = cues.titles.contains(t.text);
        let is_first = cues.first_names.contains(t.text);
        if !(is_title || is_first) {
            i += 1;
            continue;
        }
        // Skip further titles ("Secretary of State", "Foreign Minister"), then take the capitalised name words.
        let mut j = i + 1;
        while j < toks.len() {
            let sep = &text[toks[j - 1].span.end..toks[j].span.start];
            if !(joinable(sep) || sep == ". ") {
                break;
            }
            let w = toks[j];
            if cues.titles.contains(w.text) || (w.text == "of" && j + 1 < toks.len() && toks[j + 1].text == "State") {
                j += 1;
                continue;
            }
            if w.text == "State" || w.text == "Foreign" || w.text == "Defense" || w.text == "Defence" {
                j += 1;
                continue;
            }
            if w.is_capitalised() && !w.is_all_caps() {
                out.insert(w.text);
                j += 1;
                continue;
            }
            if matches!(w.text, "al" | "el" | "bin" | "ibn" | "van" | "von" | "de" | "da") {
                j += 1;
                continue;
            }
            break;
        }
        // A title with no name after it ("the President said") marks nothing.
        i = j.max(i + 1);
    }
    out
}

/// Finds the place mentions of `text`.
pub fn recognise(
    text: &str,
    toks: &[Token<'_>],
    segments: &[Segment],
    entities: &[Entity],
    gazetteer: &Gazetteer,
    cues: &Cues,
) -> Found {
    let mut found = Found::default();
    let persons = person_words(text, toks, entities, cues);
    let orgs = org_spans(text, toks, cues);
    let blocked: Vec<Span> = entities
        .iter()
        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Org | EntityKind::Group | EntityKind::Demonym))
        .map(|e| e.span)
        .chain(orgs)
        .collect();
    let sentence_starts: HashSet<usize> = segments.iter().map(|s| s.span.start).collect();
    // Built on first need: most mentions are decided before this test.
    let lower_words: OnceCell<HashSet<&str>> = OnceCell::new();

    let mut key = String::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let al_prefix = matches!(t.text, "al" | "el" | "as" | "ad" | "ar" | "an")
            && toks.get(i + 1).is_some_and(|n| n.is_capitalised())
            && text.get(t.span.end..t.span.end + 1) == Some("-");
        if !(t.is_capitalised() || al_prefix) {
            i += 1;
            continue;
        }
        let mut best: Option<(usize, Vec<Posting>)> = None;
        for j in i..toks.len().min(i + MAX_WORDS) {
            if j > i {
                let sep = &text[toks[j - 1].span.end..toks[j].span.start];
                if !joinable(sep) {
                    break;
                }
                if !toks[j].is_capitalised() && !CONNECTORS.contains(&toks[j].text) && toks[j].text != "s" {
                    break;
                }
            }
            name::normalize_into(&text[t.span.start..toks[j].span.end], &mut key);
            if !gazetteer.has_prefix(&key) {
                break;
            }
            if toks[j].is_capitalised() || toks[j].text.chars().all(|c| c.is_ascii_digit()) {
                let postings = gazetteer.lookup(&key);
                if !postings.is_empty() {
                    best = Some((j, postings));
                }
            }
        }
        let Some((j, postings)) = best else {
            i += 1;
            continue;
        };
        let mut span = Span::new(t.span.start, toks[j].span.end);
        // "U.S." keeps its last full stop when the name is dotted inside.
        if span.slice(text).contains('.') && text.as_bytes().get(span.end) == Some(&b'.') {
            span.end += 1;
        }
        let next_i = j + 1;
        let postings = keep_restricted(text, toks, (i, j), postings);
        if postings.is_empty() {
            i += 1;
            continue;
        }
        let strong = is_strong(gazetteer, &postings);
        let weak_alternate = !strong
            && postings.iter().all(|p| p.flags & (FLAG_ALTERNATE | FLAG_ADJECTIVE) != 0)
            && postings.iter().all(|p| gazetteer.entry(p.entry).is_none_or(|e| e.population < 1e5));
        let keep = judge(
            text,
            toks,
            (i, j),
            &postings,
            &persons,
            &blocked,
            &sentence_starts,
            &lower_words,
            cues,
            strong,
            weak_alternate,
        );
        match keep {
            Verdict::Adjective => {
                if let Some(p) = postings.iter().find(|p| p.flags & FLAG_ADJECTIVE != 0) {
                    found.adjectives.push((i, p.entry));
                }
            }
            Verdict::Place => {
                let possessive = toks.get(j + 1).is_some_and(|n| {
                    n.text == "s" && matches!(text.get(toks[j].span.end..n.span.start), Some("'") | Some("’"))
                });
                found.mentions.push(Mention {
                    tokens: (i, j),
                    span,
                    postings: postings.into_iter().filter(|p| p.flags & FLAG_ADJECTIVE == 0).collect(),
                    possessive,
                });
            }
            Verdict::Drop => {}
        }
        i = next_i;
    }
    found
}

enum Verdict {
    Place,
    Adjective,
    Drop,
}

#[allow(clippy::too_many_arguments)]
fn judge<'t>(
    text: &'t str,
    toks: &[Token<'t>],
    (i, j): (usize, usize),
    postings: &[Posting],
    persons: &HashSet<&str>,
    blocked: &[Span],
    sentence_starts: &HashSet<usize>,
    lower_words: &OnceCell<HashSet<&'t str>>,
    cues: &Cues,
    strong: bool,
    weak_alternate: bool,
) -> Verdict {
    let span = Span::new(toks[i].span.start, toks[j].span.end);
    let surface = span.slice(text);
    if blocked.iter().any(|b| b.overlaps(&span)) || cues.stopwords.contains(surface) {
        return Verdict::Drop;
    }
    let places: Vec<&Posting> = postings.iter().filter(|p| p.flags & FLAG_ADJECTIVE == 0).collect();
    if places.is_empty() {
        return Verdict::Adjective;
    }
    let abbreviation = places.iter().any(|p| p.flags & FLAG_ABBREVIATION != 0);
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return Verdict::Drop;
    }
    let all_caps = (i..=j).all(|k| toks[k].is_all_caps() || !toks[k].is_capitalised());
    if all_caps && !abbreviation {
        // Capitals are codes and agency names (AFP, UN), except a dateline city at a line start.
        let line_start = text[..span.start].trim_end_matches([' ', '\t']).ends_with('\n') || span.start == 0;
        let rest = &text[span.end..];
        let dateline_mark = [",", " (", " --", " —", " –", " -"].iter().any(|m| rest.starts_with(m));
        if letters < 4 || !(line_start || dateline_mark) {
            return Verdict::Drop;
        }
    }
    if abbreviation && !all_caps && letters <= 3 {
        // "Us" or "Uk" in running text are not the short forms.
        return Verdict::Drop;
    }
    let sep_before = if i > 0 { &text[toks[i - 1].span.end..toks[i].span.start] } else { "" };
    let sep_after = toks.get(j + 1).map(|n| &text[toks[j].span.end..n.span.start]).unwrap_or("");
    let single = i == j;
    // People: a title or given name just before ("President Putin", "Barack Obama"), or a known surname.
    if single && persons.contains(toks[i].text) {
        return Verdict::Drop;
    }
    if i > 0 && (sep_before == " " || sep_before == ". ") {
        let prev = toks[i - 1].text;
        if cues.titles.contains(prev) || cues.first_names.contains(prev) {
            return Verdict::Drop;
        }
    }
    if let Some(next) = toks.get(j + 1) {
        if sep_after == " " && next.is_capitalised() {
            if cues.org_head.contains(next.text) {
                return Verdict::Drop;
            }
            // "Jordan Henderson": a given name that is also a town, glued to a capitalised word.
            if single && !strong && (cues.first_names.contains(toks[i].text) || persons.contains(next.text)) {
                return Verdict::Drop;
            }
        }
        if sep_after == "-" && next.is_capitalised() && single && !strong {
            // First half of a compound name ("Wal-Mart").
            return Verdict::Drop;
        }
    }
    // Organisations: "University of Texas", "Bank of America".
    if i >= 2 && toks[i - 1].text == "of" && cues.org_before.contains(toks[i - 2].text) {
        return Verdict::Drop;
    }
    // Common words: a name also written in lower case in this text ("Mobile" and "a mobile home"), or a
    // common English word; a rare spelling of a small town; a given name; a surname after an unknown
    // given name ("Chiquita Henry"); a name followed by "said".
    if single && !strong {
        if weak_alternate || cues.common_words.contains(toks[i].text.to_lowercase().as_str()) {
            return Verdict::Drop;
        }
        if cues.first_names.contains(toks[i].text) {
            return Verdict::Drop;
        }
        if i > 0 && sep_before == " " {
            let prev = toks[i - 1];
            let prev_lower = prev.text.to_lowercase();
            if prev.is_capitalised()
                && !prev.is_all_caps()
                && !sentence_starts.contains(&prev.span.start)
                && !cues.common_words.contains(prev_lower.as_str())
                && !cues.place_head.contains(prev.text)
            {
                return Verdict::Drop;
            }
        }
        let next_word = toks.get(j + 1).map(|t| t.text).unwrap_or("");
        if sep_after == " " && matches!(next_word, "said" | "says" | "told" | "added" | "asked") {
            return Verdict::Drop;
        }
        let lower = toks[i].text.to_lowercase();
        let lower_words =
            lower_words.get_or_init(|| toks.iter().filter(|t| !t.is_capitalised()).map(|t| t.text).collect());
        if lower_words.contains(lower.as_str()) {
            return Verdict::Drop;
        }
        if sentence_starts.contains(&span.start) && cues.first_names.contains(toks[i].text) {
            return Verdict::Drop;
        }
    }
    Verdict::Place
}

/// Drops postal-code and dotted-abbreviation readings unless written that way: a capital code after a
/// comma ("Paris, TX"), a dotted form with its final full stop ("Ind.").
fn keep_restricted(text: &str, toks: &[Token<'_>], (i, j): (usize, usize), postings: Vec<Posting>) -> Vec<Posting> {
    if postings.iter().all(|p| p.flags & FLAG_RESTRICTED == 0) {
        return postings;
    }
    let after_comma = i > 0 && text[toks[i - 1].span.end..toks[i].span.start].trim() == ",";
    let postal = i == j && toks[i].text.len() == 2 && toks[i].is_all_caps() && after_comma;
    let dotted = text.as_bytes().get(toks[j].span.end) == Some(&b'.');
    postings.into_iter().filter(|p| p.flags & FLAG_RESTRICTED == 0 || postal || dotted).collect()
}

/// True when some reading is a country, continent, region or a city of a million: such names are
/// not confused with common words or surnames.
fn is_strong(gazetteer: &Gazetteer, postings: &[Posting]) -> bool {
    postings.iter().any(|p| {
        p.flags & FLAG_ABBREVIATION != 0
            || gazetteer.entry(p.entry).is_some_and(|e| {
                matches!(e.feature, Feature::Country | Feature::Continent | Feature::Region) || e.population >= 1e6
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_words() {
        let t = tokenize("Syria's al-Hasakah, U.S.");
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(words, ["Syria", "s", "al", "Hasakah", "U", "S"]);
        assert_eq!(t[3].span, Span::new(11, 18));
        assert!(tokenize("").is_empty());
    }
}
