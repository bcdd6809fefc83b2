//! Finding place-name mentions: gazetteer matches on word boundaries, then the filters that keep
//! people, organisations, streets and common words off the map.

mod divisions;
mod judge;
mod people;

use super::cues::{has_lower, Cues};
use super::gazetteer::{Gazetteer, Posting, FLAG_ABBREVIATION, FLAG_ADJECTIVE, FLAG_ALTERNATE, FLAG_RESTRICTED};
use super::name;
use crate::model::{Entity, Feature, Span};
use crate::segment::Segment;
use divisions::division_lists;
use judge::{judge, Context, Size, Verdict};

/// Longest name tried, in words.
const MAX_WORDS: usize = 6;

pub use crate::doc::Token;

/// The words of `text` (the word tokens of [`crate::doc`]'s tokenizer), for a text outside the document.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    crate::doc::tokenize(text).into_iter().filter(Token::is_word).collect()
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
    /// A dateline city in capitals ("BEIRUT (AP) —"): chosen by size, not by the article's context.
    pub dateline: bool,
}

/// What the recogniser found: place mentions and country evidence from nationality adjectives.
#[derive(Debug, Default)]
pub struct Found {
    /// Place mentions in text order.
    pub mentions: Vec<Mention>,
    /// Country entry indices named by adjectives ("Syrian"), with the token where they stand.
    pub adjectives: Vec<(usize, u32)>,
}

/// Can `sep` join two words of one name?
fn joinable(sep: &str) -> bool {
    // Inside one name: "New York", "Al-Hasakah", "O'Fallon", "U.S.", "St. Louis" (not " - ", a dash).
    matches!(sep, " " | "-" | "'" | "’" | "." | ". ")
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
    let ctx = Context::new(text, toks, segments, entities, cues);

    let mut key = String::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        // The cheap tests first: this runs for every token.
        let al_prefix = !t.is_capitalised()
            && text.as_bytes().get(t.span.end) == Some(&b'-')
            && toks.get(i + 1).is_some_and(|n| n.is_capitalised())
            && cues.hyphen_articles.contains(t.text);
        if !(t.is_capitalised() || al_prefix) {
            i += 1;
            continue;
        }
        // A lone common word ("The", "But") cannot be a place: skip the lookups when no capitalised word
        // follows it (one may be a container: "Mobile, Alabama"). Capitals ("US") are left to the gazetteer.
        let lone = toks.get(i + 1).is_none_or(|n| !n.is_capitalised());
        if lone && !t.is_all_caps() && t.text.len() < 16 && has_lower(&cues.common_words, t.text) {
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
                if !toks[j].is_capitalised()
                    && !cues.connectors.contains(toks[j].text)
                    && !cues.possessive.contains(toks[j].text)
                {
                    break;
                }
            }
            name::normalize_into(&text[t.span.start..toks[j].span.end], &mut key);
            let (prefix, postings) = gazetteer.probe(&key);
            if !prefix {
                break;
            }
            if !postings.is_empty() && (toks[j].is_capitalised() || toks[j].text.chars().all(|c| c.is_ascii_digit())) {
                best = Some((j, postings));
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
        let size = Size {
            strong,
            small_town: postings.iter().all(|p| gazetteer.population_of(p.entry) < 15_000.0),
            weak_alternate: !strong
                && postings
                    .iter()
                    .all(|p| p.flags & (FLAG_ALTERNATE | FLAG_ADJECTIVE) != 0)
                && postings.iter().all(|p| gazetteer.population_of(p.entry) < 1e5),
            container_after: toks.get(j + 1).is_some_and(|n| {
                n.is_capitalised() && &text[toks[j].span.end..n.span.start] == ", " && {
                    name::normalize_into(n.text, &mut key);
                    gazetteer.probe(&key).0
                }
            }),
        };
        match judge(&ctx, (i, j), &postings, size) {
            Verdict::Adjective => {
                if let Some(p) = postings.iter().find(|p| p.flags & FLAG_ADJECTIVE != 0) {
                    found.adjectives.push((i, p.entry));
                }
            }
            Verdict::Place => {
                let possessive = toks.get(j + 1).is_some_and(|n| {
                    cues.possessive.contains(n.text)
                        && matches!(text.get(toks[j].span.end..n.span.start), Some("'") | Some("’"))
                });
                let dateline = (i..=j).all(|k| toks[k].is_all_caps()) && !strong_short_form(&postings);
                found.mentions.push(Mention {
                    tokens: (i, j),
                    span,
                    postings: postings.into_iter().filter(|p| p.flags & FLAG_ADJECTIVE == 0).collect(),
                    possessive,
                    dateline,
                });
            }
            Verdict::Drop => {}
        }
        i = next_i;
    }
    division_lists(text, toks, gazetteer, cues, &mut found.mentions);
    found
}

/// True when some reading is a short form written in capitals (US, UK, TX), not a dateline word.
fn strong_short_form(postings: &[Posting]) -> bool {
    postings.iter().any(|p| p.flags & FLAG_ABBREVIATION != 0)
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
    postings
        .into_iter()
        .filter(|p| p.flags & FLAG_RESTRICTED == 0 || postal || dotted)
        .collect()
}

/// True when some reading is a country, continent, region or a city of a million: such names are
/// not confused with common words or surnames.
fn is_strong(gazetteer: &Gazetteer, postings: &[Posting]) -> bool {
    postings.iter().any(|p| {
        p.flags & FLAG_ABBREVIATION != 0
            || matches!(
                gazetteer.feature(p.entry),
                Feature::Country | Feature::Continent | Feature::Region
            )
            || gazetteer.population_of(p.entry) >= 1e6
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
