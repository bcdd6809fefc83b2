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
use crate::model::Span;
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
        u32::from(self.lexicon.word_flags(word))
    }
}

/// How big a place `gazetteer` knows by `name`: 0 none, 1 under 10,000 people, 2 under 100,000, 3 under a million,
/// 4 larger or a country, continent or capital. One look-up; `key` is scratch space.
pub(crate) fn place_size(g: &Gazetteer, name: &str, key: &mut String) -> u32 {
    crate::places::name::normalize_into(name, key);
    if key.is_empty() {
        return 0;
    }
    g.postings(key)
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
        let tokens = tokens.into_iter();
        // Sized once for the words of the text (most are in lower case), not grown a rehash at a time.
        let mut seen = HashSet::with_capacity_and_hasher(tokens.size_hint().0, Default::default());
        seen.extend(
            tokens
                .filter(|t| t.is_word() && t.text.chars().next().is_some_and(char::is_lowercase))
                .map(|t| normal_hash(t.text)),
        );
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
        // One table look-up per byte instead of two tests (this runs for every word of a text).
        let mut hash = 0;
        for b in word.bytes() {
            hash = fx_add(hash, u64::from(ASCII_FOLD[usize::from(b)]));
        }
        return hash;
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

/// Each ASCII byte as [`normal_hash`] reads it: lower-cased, a digit as `0`.
const ASCII_FOLD: [u8; 256] = {
    let mut fold = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        fold[b] = if c.is_ascii_digit() {
            b'0'
        } else {
            c.to_ascii_lowercase()
        };
        b += 1;
    }
    fold
};

/// The shape of a word: `X` for upper case, `x` lower, `d` digit, the character itself otherwise, runs cut to
/// two ("Apple" → `Xxx`, "iPhone" → `xXxx`, "2016" → `dd`).
fn shape_hash(word: &str) -> u64 {
    let mut h = FxHasher::default();
    let (mut last, mut run) = (' ', 0);
    for ch in word.chars() {
        // ASCII first: the same classes, without the Unicode tables.
        let class = if ch.is_ascii_uppercase() {
            'X'
        } else if ch.is_ascii_lowercase() {
            'x'
        } else if ch.is_ascii_digit() {
            'd'
        } else if ch.is_ascii() {
            ch
        } else if ch.is_uppercase() {
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
    let lower = |ch: char| {
        if ch.is_ascii() {
            ch.to_ascii_lowercase() as u32
        } else {
            ch.to_lowercase().next().unwrap_or(ch) as u32
        }
    };
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
}

impl Sentence {
    /// Reads each token of a sentence (training reads every token). Linear in the tokens.
    pub(crate) fn new<'t>(tokens: &[Token<'t>], lists: &Lists, lower: &LowerWords) -> Sentence {
        // The gazetteer asked as the tagger asks it: a word pair is shared by both its words' reads.
        let mut sizes = PlaceSizes::default();
        let reads = (0..tokens.len())
            .map(|i| {
                let places = place_bits(tokens, i, &mut |name, next| sizes.get(lists, name, next));
                read(tokens, i, lists, lower, places)
            })
            .collect();
        Sentence { reads }
    }

    fn at(&self, i: usize, offset: isize) -> Read {
        i.checked_add_signed(offset)
            .and_then(|j| self.reads.get(j))
            .copied()
            .unwrap_or(EDGE)
    }

    /// The feature keys of token `i` after the tags `prev` and `prev2`, written into `out`; returns how many.
    pub(crate) fn features(&self, i: usize, prev: usize, prev2: usize, out: &mut [u32; FEATURES_PER_TOKEN]) -> usize {
        keys(window(|offset| self.at(i, offset)), prev, prev2, out)
    }
}

/// A sentence read as the tagger meets it: a token is read only when a decision looks at it (the tokens two either
/// side of the ones that may be part of a name), and a place name is looked up in the gazetteer once per document
/// ([`PlaceSizes`]). Reads exactly what [`Sentence`] reads.
pub(crate) struct LazySentence<'s, 't> {
    tokens: &'s [Token<'t>],
    lists: &'s Lists<'s>,
    lower: &'s LowerWords,
    sizes: &'s mut PlaceSizes<'t>,
    /// Per token: its read, once asked; which tokens a name may start with ([`LazySentence::new`]); which start
    /// with a capital or a digit or have a capital inside ([`starters`]).
    buffers: SentenceBuffers,
}

/// The per-token vectors of a [`LazySentence`], handed from one sentence of a document to the next
/// ([`LazySentence::new_in`], [`LazySentence::into_buffers`]) so that each sentence does not allocate them anew.
#[derive(Default)]
pub(crate) struct SentenceBuffers {
    reads: Vec<Option<Read>>,
    may_start: Vec<bool>,
    starts: Vec<bool>,
}

impl<'s, 't> LazySentence<'s, 't> {
    /// A sentence with nothing read yet, and which of its tokens a name may start with or go on with. A name
    /// starts with a capital or a digit, or is a product's "iPod"; not with a number alone, a word that never
    /// starts a name ("The", "But": `name_stopwords.txt`) or a word of an expression already `settled` (a date's
    /// "Monday": sorted spans): the model was taught to read all of them as outside any name, so they are not
    /// asked. A name goes on with a word that may start one, a number ("Boeing 747"), a word written against the
    /// one before ("U.S.", "Al-Qaeda", "McDonald's") or a word that names hold (`name_joiners.txt`: "Bank of
    /// America"); another word in lower case, or a mark after a space, ends it ("Apple said", "Apple, which").
    /// Linear in the tokens, O(log s) each for s settled spans.
    #[cfg(test)]
    pub(crate) fn new(
        tokens: &'s [Token<'t>],
        lists: &'s Lists<'s>,
        lower: &'s LowerWords,
        sizes: &'s mut PlaceSizes<'t>,
        settled: &[Span],
    ) -> LazySentence<'s, 't> {
        LazySentence::new_in(tokens, lists, lower, sizes, settled, SentenceBuffers::default())
    }

    /// As [`LazySentence::new`], filling the vectors of `buffers` (whatever they held) instead of new ones.
    pub(crate) fn new_in(
        tokens: &'s [Token<'t>],
        lists: &'s Lists<'s>,
        lower: &'s LowerWords,
        sizes: &'s mut PlaceSizes<'t>,
        settled: &[Span],
        mut buffers: SentenceBuffers,
    ) -> LazySentence<'s, 't> {
        let lex = lists.lexicon;
        let is_settled = |t: &Token| {
            let k = settled.partition_point(|s| s.start <= t.span.start);
            k > 0 && settled[k - 1].end >= t.span.end
        };
        starters(tokens, &mut buffers.starts);
        buffers.may_start.clear();
        buffers.may_start.extend(
            tokens
                .iter()
                .zip(&buffers.starts)
                .map(|(t, &r)| r && !is_number(t) && !lex.stopwords.contains(t.text) && !is_settled(t)),
        );
        buffers.reads.clear();
        buffers.reads.resize(tokens.len(), None);
        LazySentence {
            tokens,
            lists,
            lower,
            sizes,
            buffers,
        }
    }

    /// The vectors, for the next sentence's [`LazySentence::new_in`].
    pub(crate) fn into_buffers(self) -> SentenceBuffers {
        self.buffers
    }

    /// Whether a name may go on with token `i` (see [`LazySentence::new`]); asked only after a name token, so
    /// worked out then rather than for every token.
    fn may_continue(&self, i: usize) -> bool {
        let Some(t) = self.tokens.get(i) else { return false };
        self.buffers.starts[i] || !t.spaced || is_number(t) || self.lists.lexicon.name_joiners.contains(t.text)
    }

    /// Whether token `i` after the tag `prev` is outside any name without asking the model (three tokens in four
    /// of news text, which the tagger then costs nothing; see [`LazySentence::new`] for which). Training reads
    /// every token: the model so learns the words around names from them, and the names that start in lower case
    /// ("the United States") are cut at their first capital here, as the entities engine trims them anyway.
    pub(crate) fn surely_outside(&self, i: usize, prev: usize) -> bool {
        if prev == super::OUTSIDE {
            !self.buffers.may_start.get(i).copied().unwrap_or(false)
        } else {
            !self.may_continue(i)
        }
    }

    fn at(&mut self, i: usize, offset: isize) -> Read {
        let Some(j) = i.checked_add_signed(offset).filter(|&j| j < self.tokens.len()) else {
            return EDGE;
        };
        if let Some(r) = self.buffers.reads[j] {
            return r;
        }
        let (tokens, lists, sizes) = (self.tokens, self.lists, &mut *self.sizes);
        let places = place_bits(tokens, j, &mut |name, next| sizes.get(lists, name, next));
        let r = read(tokens, j, lists, self.lower, places);
        self.buffers.reads[j] = Some(r);
        r
    }

    /// As [`Sentence::features`].
    pub(crate) fn features(
        &mut self,
        i: usize,
        prev: usize,
        prev2: usize,
        out: &mut [u32; FEATURES_PER_TOKEN],
    ) -> usize {
        keys(window(|offset| self.at(i, offset)), prev, prev2, out)
    }
}

/// The place sizes ([`place_size`]) of the capitalised words and word pairs of one document, each looked up in the
/// gazetteer once: a name repeats through a story, and a look-up costs far more than a hash.
#[derive(Default)]
pub(crate) struct PlaceSizes<'t> {
    known: crate::hash::FastMap<(&'t str, &'t str), u32>,
    key: String,
    pair: String,
}

impl<'t> PlaceSizes<'t> {
    /// Room for `n` names without growing.
    pub(crate) fn with_capacity(n: usize) -> PlaceSizes<'t> {
        PlaceSizes {
            known: crate::hash::FastMap::with_capacity_and_hasher(n, Default::default()),
            ..PlaceSizes::default()
        }
    }

    /// The size of the place named `name`, or `name` and `next` joined by a space.
    fn get(&mut self, lists: &Lists, name: &'t str, next: Option<&'t str>) -> u32 {
        let id = (name, next.unwrap_or(""));
        if let Some(&size) = self.known.get(&id) {
            return size;
        }
        let size = match next {
            None => lists.place_size(name, &mut self.key),
            Some(next) => {
                self.pair.clear();
                self.pair.push_str(name);
                self.pair.push(' ');
                self.pair.push_str(next);
                lists.place_size(&self.pair, &mut self.key)
            }
        };
        self.known.insert(id, size);
        size
    }
}

/// A token of ASCII digits only: a number, which starts no name but may go on with one ("Boeing 747").
fn is_number(t: &Token) -> bool {
    t.text.bytes().all(|b| b.is_ascii_digit())
}

/// Per token, into `out` (cleared first): it starts with a capital or a digit, or has a capital inside ("iPod"), so a
/// name may start with it.
fn starters(tokens: &[Token], out: &mut Vec<bool>) {
    out.clear();
    out.extend(tokens.iter().map(|t| {
        t.is_capitalised()
            || t.text.starts_with(|c: char| c.is_numeric())
            || (t.is_word() && t.text.chars().any(char::is_uppercase))
    }));
}

/// The gazetteer bits of token `i`: the size of the place its word names, and (shifted by three) of the place it
/// names with its neighbour, for capitalised words only; `size(name, Some(next))` is the size of "name next".
/// (A pair on the left replaces a smaller single word's size rather than adding to it: the model learnt so.)
fn place_bits<'t>(tokens: &[Token<'t>], i: usize, size: &mut impl FnMut(&'t str, Option<&'t str>) -> u32) -> u32 {
    let t = &tokens[i];
    if !t.is_capitalised() {
        return 0;
    }
    let pairs = |a: &Token, b: &Token| a.is_capitalised() && b.is_capitalised() && b.spaced;
    let mut bits = match i.checked_sub(1).map(|p| &tokens[p]) {
        Some(before) if pairs(before, t) => size(before.text, Some(t.text)) << 3,
        _ => 0,
    };
    bits = bits.max(size(t.text, None));
    if let Some(next) = tokens.get(i + 1).filter(|n| pairs(t, n)) {
        bits |= size(t.text, Some(next.text)) << 3;
    }
    bits
}

/// What the tagger reads of token `i`, given its gazetteer bits ([`place_bits`]).
fn read(tokens: &[Token], i: usize, lists: &Lists, lower: &LowerWords, places: u32) -> Read {
    let t = &tokens[i];
    let lower_hash = normal_hash(t.text);
    // Every list holds capitalised words only (the tables match case-sensitively): a word in lower case (most of a
    // text) is looked up in none.
    let listed = if t.is_capitalised() { lists.flags(t.text) } else { 0 };
    let flags = listed
        | places << 12
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
}

/// The reads of a token's window, in the order [`keys`] takes them: the token, one and two to the left, one and two
/// to the right (`at` reads the token at an offset).
fn window(mut at: impl FnMut(isize) -> Read) -> [Read; 5] {
    [at(0), at(-1), at(-2), at(1), at(2)]
}

/// The feature keys of a token from the reads of its window (the token, one and two to the left, one and two to
/// the right) and the two tags before it, written into `out`; returns how many.
fn keys(window: [Read; 5], prev: usize, prev2: usize, out: &mut [u32; FEATURES_PER_TOKEN]) -> usize {
    let [w, l1, l2, r1, r2] = window;
    let (p1, p2) = (prev as u64, prev2 as u64 + TAGS as u64 * 7);
    // Each template's key is the FxHash of its number then its values (as `FxHasher` would hash them, so keys
    // match the trained model), folded to 32 bits; written out one by one (the hash of each template's number is a
    // constant), as a loop over a table of values costs more than the hashing.
    let fold = |h: u64| (h >> 32) as u32 ^ h as u32;
    macro_rules! template {
        ($t:literal) => {
            out[$t] = fold(TEMPLATE_SEEDS[$t])
        };
        ($t:literal, $a:expr) => {
            out[$t] = fold(fx_add(TEMPLATE_SEEDS[$t], $a))
        };
        ($t:literal, $a:expr, $b:expr) => {
            out[$t] = fold(fx_add(fx_add(TEMPLATE_SEEDS[$t], $a), $b))
        };
    }
    template!(0);
    template!(1, w.lower);
    template!(2, l1.lower);
    template!(3, r1.lower);
    template!(4, l2.lower);
    template!(5, r2.lower);
    template!(6, w.shape);
    template!(7, l1.shape);
    template!(8, r1.shape);
    template!(9, w.suffix);
    template!(10, w.prefix);
    template!(11, w.flags);
    template!(12, l1.flags);
    template!(13, r1.flags);
    template!(14, p1);
    template!(15, p1, p2);
    template!(16, p1, w.lower);
    template!(17, p1, w.shape);
    template!(18, l1.lower, w.lower);
    template!(19, w.lower, r1.lower);
    template!(20, w.shape, r1.shape);
    template!(21, l1.shape, w.shape);
    template!(22, l1.lower, w.shape);
    template!(23, w.shape, r1.lower);
    template!(24, w.flags, w.shape);
    template!(25, p1, r1.shape);
    template!(26, l1.suffix);
    template!(27, r1.suffix, w.shape);
    TEMPLATES
}

/// The hash of each template's number, where its key's hash starts.
const TEMPLATE_SEEDS: [u64; TEMPLATES] = {
    let mut seeds = [0u64; TEMPLATES];
    let mut t = 0;
    while t < TEMPLATES {
        seeds[t] = fx_add(0, t as u64);
        t += 1;
    }
    seeds
};

/// Number of feature templates of [`keys`].
const TEMPLATES: usize = 28;

/// One step of [`FxHasher`]: `hash` with `word` mixed in.
#[inline(always)]
const fn fx_add(hash: u64, word: u64) -> u64 {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    (hash.rotate_left(5) ^ word).wrapping_mul(SEED)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A key as the trained model's features were hashed: the template number, then its values, by `FxHasher`.
    fn hashed(template: u8, values: &[u64]) -> u32 {
        let mut h = FxHasher::default();
        h.write_u8(template);
        values.iter().for_each(|&v| h.write_u64(v));
        let full = h.finish();
        (full >> 32) as u32 ^ full as u32
    }

    #[test]
    fn the_ascii_word_hash_is_the_fx_hash_of_its_folded_bytes() {
        for word in ["", "Apple", "iPhone", "2016", "B-52s", "O'Neill", "ZZ top_9"] {
            let mut h = FxHasher::default();
            for b in word.bytes() {
                let b = if b.is_ascii_digit() {
                    b'0'
                } else {
                    b.to_ascii_lowercase()
                };
                h.write_u32(u32::from(b));
            }
            assert_eq!(normal_hash(word), h.finish(), "{word:?}");
        }
    }

    #[test]
    fn keys_are_the_hashes_the_model_was_trained_with() {
        let read = |n: u64| Read {
            lower: n,
            shape: n + 1,
            prefix: n + 2,
            suffix: n + 3,
            flags: n + 4,
        };
        let [w, l1, l2, r1, r2] = [read(100), read(200), read(300), read(400), read(500)];
        let mut out = [0u32; FEATURES_PER_TOKEN];
        assert_eq!(keys([w, l1, l2, r1, r2], 3, 5, &mut out), TEMPLATES);
        let (p1, p2) = (3, 5 + TAGS as u64 * 7);
        assert_eq!(out[0], hashed(0, &[]));
        assert_eq!(out[1], hashed(1, &[w.lower]));
        assert_eq!(out[5], hashed(5, &[r2.lower]));
        assert_eq!(out[15], hashed(15, &[p1, p2]));
        assert_eq!(out[24], hashed(24, &[w.flags, w.shape]));
        assert_eq!(out[27], hashed(27, &[r1.suffix, w.shape]));
    }
}
