//! Gatherings located twice: "the G20 summit in China" and, further on, "the G20 summit in the Chinese city of
//! Hangzhou" name one place, and the finer of the two is where what happened there happened. News often names the
//! country of a summit first and its city later (or the other way round); an event placed through the coarser
//! mention takes the finer place.

use super::lexicon::Lexicon;
use crate::doc::Token;
use crate::hash::FastMap;
use crate::model::{Feature, Place, PlaceKind};

/// Words looked back over from a place to the preposition that locates a gathering ("in the Chinese city of").
const MAX_WORDS_BETWEEN: usize = 5;

/// For each place mention that locates a named gathering ("G20 summit in China": a capitalised name, a gathering
/// noun of the cue table, `in` or `at`, then the place within a few words, in one run of words), the id of the
/// finer place the text gives the same gathering elsewhere: one city or first-order division, in the country the
/// coarser mention names. Only a country mention is refined, and only when the finer place is unambiguous.
/// Linear in the tokens and places: a binary search and at most [`MAX_WORDS_BETWEEN`] + 3 tokens per place.
pub(super) fn finer_places(tokens: &[Token], places: &[Place], lex: &Lexicon) -> FastMap<String, String> {
    let mut gatherings: FastMap<String, Vec<&Place>> = FastMap::default();
    for p in places.iter().filter(|p| p.kind == PlaceKind::Literal) {
        // The pattern first (it fails at once for most places), the dateline test only then.
        if let Some(key) = gathering_before(tokens, p, lex).filter(|_| !crate::places::is_dateline(p)) {
            gatherings.entry(key).or_default().push(p);
        }
    }
    let mut finer = FastMap::default();
    for mentions in gatherings.values() {
        for coarse in mentions.iter().filter(|p| p.feature == Feature::Country) {
            let mut inside = mentions
                .iter()
                .filter(|p| matches!(p.feature, Feature::City | Feature::Admin) && p.country == coarse.country);
            let Some(first) = inside.next() else { continue };
            // Two different cities for one gathering: no telling which.
            if inside.all(|p| p.name == first.name) {
                finer.insert(coarse.id.clone(), first.id.clone());
            }
        }
    }
    finer
}

/// The gathering place mention `p` locates ("g20 summit" for "the G20 summit in [the Chinese city of] Hangzhou"):
/// its name and noun, the name as written and the noun in small letters.
fn gathering_before(tokens: &[Token], p: &Place, lex: &Lexicon) -> Option<String> {
    let first = tokens.partition_point(|t| t.span.start < p.span.start);
    let mut k = first;
    for _ in 0..=MAX_WORDS_BETWEEN {
        k = k.checked_sub(1)?;
        let t = &tokens[k];
        // One run of words: a comma or a full stop ends the search.
        if !t.is_word() {
            return None;
        }
        if is_one_of(t.text, &lex.at_gathering_words) {
            let noun = tokens.get(k.checked_sub(1)?)?;
            let name = tokens.get(k.checked_sub(2)?)?;
            let named = name.is_word() && name.is_capitalised() && noun.spaced && t.spaced;
            return (named && is_one_of(noun.text, &lex.gathering_words))
                .then(|| format!("{} {}", name.text, noun.text.to_lowercase()));
        }
    }
    None
}

/// Whether `word` in small letters is one of `words` (a handful: compared one by one, without hashing).
fn is_one_of(word: &str, words: &[String]) -> bool {
    if word.is_ascii() {
        words.iter().any(|w| word.eq_ignore_ascii_case(w))
    } else {
        let lower = word.to_lowercase();
        words.contains(&lower)
    }
}
