//! The tagger's features: what it reads of each token and its neighbours, hashed to 32-bit keys.
//!
//! Each token is read once ([`Sentence::new`]: its lower-cased form with digits folded, its shape, affixes and
//! list memberships, hashed); each tag decision then combines those hashes in a fixed set of templates
//! ([`Sentence::features`]), so the work per token is constant.

use super::TAGS;
use crate::doc::Token;
use crate::entities::Lexicon;
use crate::hash::FxHasher;
use crate::lang::Language;
use crate::places::Gazetteer;
use std::collections::HashSet;
use std::hash::Hasher;

/// Most features a token can have (the templates of [`Sentence::features`]).
pub(crate) const FEATURES_PER_TOKEN: usize = 32;

/// The word lists the tagger consults: the entities engine's tables of the language.
#[derive(Clone, Copy)]
pub struct Lists<'l> {
    lexicon: &'l Lexicon,
    gazetteer: Option<&'l Gazetteer>,
}

impl<'l> Lists<'l> {
    /// The lists of a language's entity tables and, when given, the gazetteer's place names (a tagger trained
    /// with the gazetteer reads places best with it).
    pub fn of(language: &'l Language, gazetteer: Option<&'l Gazetteer>) -> Lists<'l> {
        Lists {
            lexicon: language.entities(),
            gazetteer,
        }
    }

    /// How big a place the gazetteer knows by this name: 0 none, 1 under 10,000 people, 2 under 100,000, 3 under a
    /// million, 4 larger or a country or capital. One look-up.
    fn place_size(&self, name: &str, key: &mut String) -> u32 {
        self.gazetteer.map_or(0, |g| place_size(g, name, key))
    }

    fn flags(&self, word: &str) -> u32 {
        let lex = self.lexicon;
        u32::from(lex.first_names.contains(word))
            | u32::from(lex.org_suffixes.contains_key(word)) << 1
            | u32::from(lex.demonyms.contains_key(word)) << 2
            | u32::from(lex.stopwords.contains(word)) << 3
            | u32::from(lex.months.contains(word)) << 4
            | u32::from(lex.orgs.contains_key(word)) << 5
            | u32::from(lex.titles.contains(word)) << 6
            | u32::from(lex.not_agents.contains(word)) << 7
    }
}

/// How big a place `gazetteer` knows by `name`: 0 none, 1 under 10,000 people, 2 under 100,000, 3 under a million,
/// 4 larger or a country, continent or capital. One look-up; `key` is scratch space.
pub(crate) fn place_size(g: &Gazetteer, name: &str, key: &mut String) -> u32 {
    crate::places::name::normalize_into(name, key);
    if key.is_empty() {
        return 0;
    }
    g.lookup(key)
        .iter()
        .map(|p| {
            let pop = g.population_of(p.entry);
            if g.is_capital(p.entry)
                || pop >= 1e6
                || matches!(
                    g.feature(p.entry),
                    crate::model::Feature::Country | crate::model::Feature::Continent
                )
            {
                4
            } else if pop >= 1e5 {
                3
            } else if pop >= 1e4 {
                2
            } else {
                1
            }
        })
        .max()
        .unwrap_or(0)
}

/// The words a document writes in lower case somewhere: a capitalised word that also appears in lower case is
/// probably capitalised only because it starts a sentence or a headline. Built in one pass over the tokens.
#[derive(Default)]
pub struct LowerWords {
    seen: HashSet<u64, std::hash::BuildHasherDefault<FxHasher>>,
}

impl LowerWords {
    /// The lower-case words of `tokens`. Linear in their number.
    pub fn of<'t>(tokens: impl IntoIterator<Item = &'t Token<'t>>) -> LowerWords {
        let seen = tokens
            .into_iter()
            .filter(|t| t.is_word() && t.text.chars().next().is_some_and(char::is_lowercase))
            .map(|t| normal_hash(t.text))
            .collect();
        LowerWords { seen }
    }

    fn contains(&self, hash: u64) -> bool {
        self.seen.contains(&hash)
    }
}

/// The hash of a word lower-cased, with digits folded to `0` (numbers differ in value, not in kind).
fn normal_hash(word: &str) -> u64 {
    let mut h = FxHasher::default();
    if word.is_ascii() {
        for b in word.bytes() {
            let b = if b.is_ascii_digit() {
                b'0'
            } else {
                b.to_ascii_lowercase()
            };
            h.write_u32(u32::from(b));
        }
        return h.finish();
    }
    for ch in word.chars() {
        let ch = if ch.is_ascii_digit() {
            '0'
        } else if ch.is_ascii() {
            ch.to_ascii_lowercase()
        } else {
            ch.to_lowercase().next().unwrap_or(ch)
        };
        h.write_u32(ch as u32);
    }
    h.finish()
}

/// The shape of a word: `X` for upper case, `x` lower, `d` digit, the character itself otherwise, runs cut to
/// two ("Apple" → `Xxx`, "iPhone" → `xXxx`, "2016" → `dd`).
fn shape_hash(word: &str) -> u64 {
    let mut h = FxHasher::default();
    let (mut last, mut run) = (' ', 0);
    for ch in word.chars() {
        let class = if ch.is_uppercase() {
            'X'
        } else if ch.is_lowercase() {
            'x'
        } else if ch.is_numeric() {
            'd'
        } else {
            ch
        };
        run = if class == last { run + 1 } else { 1 };
        last = class;
        if run <= 2 {
            h.write_u32(class as u32);
        }
    }
    h.finish()
}

/// The hash of the first or last three characters of a word, lower-cased.
fn affix_hash(word: &str, from_end: bool) -> u64 {
    let mut h = FxHasher::default();
    h.write_u8(u8::from(from_end));
    let lower = |ch: char| ch.to_lowercase().next().unwrap_or(ch) as u32;
    if from_end {
        word.chars().rev().take(3).for_each(|c| h.write_u32(lower(c)));
    } else {
        word.chars().take(3).for_each(|c| h.write_u32(lower(c)));
    }
    h.finish()
}

/// What the tagger reads of one token.
#[derive(Clone, Copy)]
struct Read {
    lower: u64,
    shape: u64,
    prefix: u64,
    suffix: u64,
    /// List memberships and casing: see [`Lists::flags`], then capitalised, all caps, lower case elsewhere,
    /// first of the sentence.
    flags: u64,
}

/// Stands for the words before the start and after the end of a sentence.
const EDGE: Read = Read {
    lower: 0x5eed_0001,
    shape: 0x5eed_0002,
    prefix: 0x5eed_0003,
    suffix: 0x5eed_0004,
    flags: 0x5eed_0005,
};

/// A sentence's tokens, read once.
pub(crate) struct Sentence {
    reads: Vec<Read>,
    /// Per token: it starts with a capital or a digit, or has a capital inside ("iPod"), so a name may start with it.
    starters: Vec<bool>,
}

impl Sentence {
    /// Reads each token of a sentence. Linear in the tokens.
    pub(crate) fn new(tokens: &[Token], lists: &Lists, lower: &LowerWords) -> Sentence {
        let (mut key, mut pair) = (String::new(), String::new());
        // Place names of one word, and of two joined by a space ("San Francisco", "New York"): capitalised only.
        let mut places = vec![0u32; tokens.len()];
        for (i, t) in tokens.iter().enumerate().filter(|(_, t)| t.is_capitalised()) {
            places[i] = places[i].max(lists.place_size(t.text, &mut key));
            if let Some(next) = tokens.get(i + 1).filter(|n| n.is_capitalised() && n.spaced) {
                pair.clear();
                pair.push_str(t.text);
                pair.push(' ');
                pair.push_str(next.text);
                let size = lists.place_size(&pair, &mut key) << 3;
                places[i] |= size;
                places[i + 1] |= size;
            }
        }
        let reads = tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let lower_hash = normal_hash(t.text);
                // Every list holds capitalised words only (the tables match case-sensitively): a word in lower case
                // (most of a text) is looked up in none.
                let listed = if t.is_capitalised() { lists.flags(t.text) } else { 0 };
                let flags = listed
                    | places[i] << 12
                    | u32::from(t.is_capitalised()) << 8
                    | u32::from(t.is_all_caps() && t.text.len() > 1) << 9
                    | u32::from(t.is_capitalised() && lower.contains(lower_hash)) << 10
                    | u32::from(i == 0) << 11;
                Read {
                    lower: lower_hash,
                    shape: shape_hash(t.text),
                    prefix: affix_hash(t.text, false),
                    suffix: affix_hash(t.text, true),
                    flags: u64::from(flags),
                }
            })
            .collect();
        let starters = tokens
            .iter()
            .map(|t| {
                t.is_capitalised()
                    || t.text.starts_with(|c: char| c.is_numeric())
                    || (t.is_word() && t.text.chars().any(char::is_uppercase))
            })
            .collect();
        Sentence { reads, starters }
    }

    /// Whether token `i` after the tag `prev` is outside any name without asking the model: a name starts with a
    /// capital or a digit (or is a product's "iPod"), so a word in lower case or a mark after no name is outside
    /// (three tokens in four of news text, which the tagger then costs nothing). Training reads every token: the model so learns the words
    /// around names from them, and the names that start in lower case ("the United States") are cut at their
    /// first capital here, as the entities engine trims them anyway.
    pub(crate) fn surely_outside(&self, i: usize, prev: usize) -> bool {
        prev == super::OUTSIDE && !self.starters.get(i).copied().unwrap_or(false)
    }

    fn at(&self, i: usize, offset: isize) -> Read {
        i.checked_add_signed(offset)
            .and_then(|j| self.reads.get(j))
            .copied()
            .unwrap_or(EDGE)
    }

    /// The feature keys of token `i` after the tags `prev` and `prev2`, written into `out`; returns how many.
    pub(crate) fn features(&self, i: usize, prev: usize, prev2: usize, out: &mut [u32; FEATURES_PER_TOKEN]) -> usize {
        let (w, l1, l2, r1, r2) = (
            self.at(i, 0),
            self.at(i, -1),
            self.at(i, -2),
            self.at(i, 1),
            self.at(i, 2),
        );
        let (p1, p2) = (prev as u64, prev2 as u64 + TAGS as u64 * 7);
        let parts: [&[u64]; 28] = [
            &[],
            &[w.lower],
            &[l1.lower],
            &[r1.lower],
            &[l2.lower],
            &[r2.lower],
            &[w.shape],
            &[l1.shape],
            &[r1.shape],
            &[w.suffix],
            &[w.prefix],
            &[w.flags],
            &[l1.flags],
            &[r1.flags],
            &[p1],
            &[p1, p2],
            &[p1, w.lower],
            &[p1, w.shape],
            &[l1.lower, w.lower],
            &[w.lower, r1.lower],
            &[w.shape, r1.shape],
            &[l1.shape, w.shape],
            &[l1.lower, w.shape],
            &[w.shape, r1.lower],
            &[w.flags, w.shape],
            &[p1, r1.shape],
            &[l1.suffix],
            &[r1.suffix, w.shape],
        ];
        for (template, values) in parts.iter().enumerate() {
            let mut h = FxHasher::default();
            h.write_u8(template as u8);
            for &v in values.iter() {
                h.write_u64(v);
            }
            let full = h.finish();
            out[template] = (full >> 32) as u32 ^ full as u32;
        }
        parts.len()
    }
}
