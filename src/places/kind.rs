//! Literal or metonym: does the name stand for the place, or for its government ("Moscow said")?
//!
//! Only countries and national capitals are read as actors, and never a dateline. Evidence, first match wins: an actor phrase
//! before ("accused Russia", "pressure on Moscow"); a locative before ("in Syria") makes it literal; an actor
//! noun after ("US officials", "Beijing's response"); being the subject of an actor verb, past auxiliaries
//! and coordinated names ("Washington and Moscow support", "the US has repeatedly said"). Capitals default
//! to metonym, countries to literal.

use super::cues::{ends_with_any, Cues};
use super::recognise::{Mention, Token};
use crate::model::PlaceKind;

/// The word starting at token `k` with its inner hyphens ("co-chair"), lower-cased.
fn word(text: &str, toks: &[Token<'_>], k: usize) -> (String, usize) {
    let mut end = k;
    while end + 1 < toks.len() && &text[toks[end].span.end..toks[end + 1].span.start] == "-" {
        end += 1;
    }
    (text[toks[k].span.start..toks[end].span.end].to_lowercase(), end + 1)
}

/// Decides the kind of mention `m`, whose chosen reading is a country or a capital (`capital`).
pub fn kind(text: &str, toks: &[Token<'_>], mentions: &[Mention], m: usize, capital: bool, cues: &Cues) -> PlaceKind {
    // A dateline ("PARIS, March 3 (Reuters) -") says where the story was written: the place itself.
    if mentions[m].dateline {
        return PlaceKind::Literal;
    }
    let (i, j) = mentions[m].tokens;
    // Words before, skipping "the".
    let mut b = i;
    let mut before: Vec<String> = Vec::new();
    while b > 0 && before.len() < 2 {
        b -= 1;
        let sep = &text[toks[b].span.end..toks[b + 1].span.start];
        if sep.contains(['.', '!', '?', '\n', ';', ':', '(', '"']) {
            break;
        }
        let w = toks[b].text.to_lowercase();
        if cues.articles.contains(w.as_str()) && before.is_empty() {
            continue;
        }
        before.push(w);
    }
    let one = before.first().cloned().unwrap_or_default();
    let two = before.get(1).map(|w| format!("{w} {one}")).unwrap_or_default();
    if cues.actor_objects.contains(one.as_str()) || cues.actor_objects.contains(two.as_str()) {
        return PlaceKind::Metonym;
    }
    if cues.locative.contains(one.as_str()) {
        return PlaceKind::Literal;
    }
    // Words after: possessive + actor noun, actor noun, or subject of an actor verb.
    let mut k = j + 1;
    if mentions[m].possessive {
        k += 1;
    }
    let mut skipped_aux = false;
    let mut passive = false;
    let mut mi = m + 1;
    let mut first = true;
    while k < toks.len() {
        let sep = &text[toks[k - 1].span.end..toks[k].span.start];
        if sep.contains(['.', '!', '?', '\n', ';', ':', '(', '"']) {
            break;
        }
        // Coordinated names: "Washington and Moscow support", "US, Russia fail".
        if first && (cues.and.contains(toks[k].text) || sep.trim() == ",") {
            let at = if cues.and.contains(toks[k].text) { k + 1 } else { k };
            if let Some(next) = mentions.get(mi).filter(|n| n.tokens.0 == at) {
                k = next.tokens.1 + 1;
                mi += 1;
                continue;
            }
        }
        let (w, after) = word(text, toks, k);
        if first && cues.actor_nouns.contains(w.as_str()) {
            return PlaceKind::Metonym;
        }
        first = false;
        if cues.passive.contains(w.as_str()) {
            passive = true;
        }
        if cues.aux.contains(w.as_str())
            || cues.time_words.contains(w.as_str())
            || passive && ends_with_any(&w, &cues.adverb_suffixes)
        {
            skipped_aux |= !cues.time_words.contains(w.as_str());
            k = after;
            continue;
        }
        if ends_with_any(&w, &cues.adverb_suffixes) && !ends_with_any(&w, &cues.not_adverb_suffixes) {
            k = after;
            continue;
        }
        if passive {
            return PlaceKind::Literal;
        }
        if cues.say_verbs.contains(w.as_str()) || skipped_aux && ends_with_any(&w, &cues.verb_suffixes) {
            return PlaceKind::Metonym;
        }
        break;
    }
    if capital {
        PlaceKind::Metonym
    } else {
        PlaceKind::Literal
    }
}
