//! Regexes compiled only for a text that may hold a match.
//!
//! Compiling the tables' regexes was nearly all of a cold start (170 ms for a one-line text, 98 % of it in
//! `regex` compilation). Each regex here carries the literals its matches need, as clauses: every match contains
//! one literal of each clause (`{month}\s+{day}` needs a month word and a digit). A text that lacks every literal of
//! some clause cannot match, so the regex is not compiled for it; the literals of a table are found with one
//! Aho-Corasick pass, which builds in well under a millisecond.
//!
//! The literals are ASCII and compared without ASCII case, so they hold for case-insensitive patterns too. The
//! regex crate's Unicode case folding maps two non-ASCII letters onto ASCII ones (KELVIN SIGN to `k`, LONG S to
//! `s`); a text holding either is treated as holding every literal.

use crate::hash::FastMap;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

/// Index of a literal in a [`LiteralIndex`]; [`DIGIT`] stands for any ASCII digit.
pub(crate) type LiteralId = u32;

/// The literal "any ASCII digit" (`[0-9]`, the shapes of years, days and hours).
pub(crate) const DIGIT: LiteralId = LiteralId::MAX;

/// The literal "any ASCII digit or non-ASCII character": what a Unicode `\d` needs.
pub(crate) const UNICODE_DIGIT: LiteralId = LiteralId::MAX - 1;

/// Ids from here on are conjunctions: all the pieces of a word of several ("Palm Sunday" needs "Palm" and "Sunday").
const CONJUNCTION: LiteralId = 1 << 30;

/// Literals of which every match holds one.
pub(crate) type Clause = Vec<LiteralId>;

/// A set of literals found in one pass over a text.
#[derive(Debug, Default)]
pub(crate) struct LiteralIndex {
    /// Compared as written (for case-sensitive patterns) rather than without ASCII case.
    exact_case: bool,
    texts: Vec<String>,
    ids: FastMap<String, LiteralId>,
    conjunctions: Vec<Vec<LiteralId>>,
    matcher: OnceLock<Option<AhoCorasick>>,
    /// Literals × bytes searched directly so far (see [`LiteralIndex::presence`]).
    direct_work: AtomicUsize,
}

/// Which literals of a [`LiteralIndex`] a text holds.
#[derive(Debug)]
pub(crate) struct Presence {
    found: Vec<bool>,
    conjunctions: Vec<bool>,
    digit: bool,
    unicode_digit: bool,
    /// The text holds a character that folds onto an ASCII letter: every literal counts as present.
    all: bool,
}

impl Presence {
    /// True when the text holds literal `id`.
    pub(crate) fn has(&self, id: LiteralId) -> bool {
        self.all
            || if id == DIGIT {
                self.digit
            } else if id == UNICODE_DIGIT {
                self.unicode_digit
            } else if id >= CONJUNCTION {
                self.conjunctions
                    .get((id - CONJUNCTION) as usize)
                    .copied()
                    .unwrap_or(true)
            } else {
                self.found.get(id as usize).copied().unwrap_or(true)
            }
    }

    /// True when the text holds a literal of every clause (always for no clause).
    pub(crate) fn satisfies(&self, need: &[Clause]) -> bool {
        need.iter().all(|clause| clause.iter().any(|&id| self.has(id)))
    }
}

impl LiteralIndex {
    /// The id of `literal` (ASCII, compared without case), added when new.
    pub(crate) fn id(&mut self, literal: &str) -> LiteralId {
        let key = if self.exact_case {
            literal.to_string()
        } else {
            literal.to_ascii_lowercase()
        };
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = self.texts.len() as LiteralId;
        // A matcher built before is missing the new literal.
        self.matcher = OnceLock::new();
        self.texts.push(key.clone());
        self.ids.insert(key, id);
        id
    }

    /// The id of "all of `ids`".
    fn conjunction(&mut self, ids: Vec<LiteralId>) -> LiteralId {
        if let Some(k) = self.conjunctions.iter().position(|c| *c == ids) {
            return CONJUNCTION + k as LiteralId;
        }
        self.conjunctions.push(ids);
        CONJUNCTION + (self.conjunctions.len() - 1) as LiteralId
    }

    /// How selective literal `id` is: its length in bytes (one for [`DIGIT`]; a conjunction's longest piece).
    pub(crate) fn len_of(&self, id: LiteralId) -> usize {
        if (CONJUNCTION..UNICODE_DIGIT).contains(&id) {
            let pieces = self.conjunctions.get((id - CONJUNCTION) as usize);
            return pieces.map_or(1, |p| p.iter().map(|&i| self.len_of(i)).max().unwrap_or(1));
        }
        self.texts.get(id as usize).map_or(1, String::len)
    }

    /// The literals `text` holds. O(n) in the text plus the matches reported (one per occurrence of a literal). A
    /// text of at most [`DIRECT_BYTES`] is searched for each literal instead, in O(literals × [`DIRECT_BYTES`]) (a
    /// bounded cost), until that work in this process reaches about the cost of building the automaton
    /// ([`DIRECT_WORK`]) or a longer text has built it.
    pub(crate) fn presence(&self, text: &str) -> Presence {
        let all = !self.exact_case && text.contains(['\u{212A}', '\u{17F}']);
        let direct = || {
            let work = self.texts.len().saturating_mul(text.len() + 1);
            text.len() <= DIRECT_BYTES
                && self.matcher.get().is_none()
                && self.direct_work.fetch_add(work, Ordering::Relaxed).saturating_add(work) <= DIRECT_WORK
        };
        let found = if all {
            vec![true; self.texts.len()]
        } else if direct() {
            self.found_directly(text)
        } else {
            self.found_by_automaton(text)
        };
        let conjunctions = self
            .conjunctions
            .iter()
            .map(|ids| all || ids.iter().all(|&i| found.get(i as usize).copied().unwrap_or(true)))
            .collect();
        Presence {
            found,
            conjunctions,
            digit: text.bytes().any(|b| b.is_ascii_digit()),
            unicode_digit: text.bytes().any(|b| b.is_ascii_digit() || !b.is_ascii()),
            all,
        }
    }

    /// Which literals a short text holds, each looked for in turn: a one-line text would otherwise pay for building
    /// the automaton of thousands of literals (most of a cold start's time in these look-ups). Literals are ASCII
    /// and kept in small letters when compared without case, so the text in small letters is searched.
    fn found_directly(&self, text: &str) -> Vec<bool> {
        let lower;
        let hay = if self.exact_case {
            text
        } else {
            lower = text.to_ascii_lowercase();
            &lower
        };
        // A literal whose first byte the text lacks is absent: most of them, for a short text.
        let mut first_bytes = [false; 256];
        for b in hay.bytes() {
            first_bytes[usize::from(b)] = true;
        }
        self.texts
            .iter()
            .map(|literal| {
                literal.as_bytes().first().is_some_and(|&b| first_bytes[usize::from(b)])
                    && hay.contains(literal.as_str())
            })
            .collect()
    }

    /// Which literals `text` holds, by one pass of the literals' automaton (built on first use).
    fn found_by_automaton(&self, text: &str) -> Vec<bool> {
        let mut found = vec![false; self.texts.len()];
        let matcher = self.matcher.get_or_init(|| {
            // The non-contiguous automaton builds fastest; the texts that need this pass are short.
            AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .ascii_case_insensitive(!self.exact_case)
                .match_kind(MatchKind::Standard)
                .build(&self.texts)
                .ok()
        });
        match matcher {
            Some(ac) => {
                for m in ac.find_overlapping_iter(text) {
                    found[m.pattern().as_usize()] = true;
                }
            }
            // No matcher (cannot happen for short ASCII literals): every literal counts as present.
            None => found.iter_mut().for_each(|f| *f = true),
        }
        found
    }
}

/// Texts up to this long are searched for each literal rather than with the literals' automaton, until one has
/// been built (see [`LiteralIndex::presence`]).
const DIRECT_BYTES: usize = 256;

/// Literals × bytes searched directly in one process before the automaton is built instead: about what building it
/// costs, so that a stream of short texts pays at most twice that.
const DIRECT_WORK: usize = 1 << 22;

/// The runs of a word (as a table writes it) that a regex built from it matches literally: the word split at
/// spaces (`\s+` in the patterns), apostrophes (`['’]`) and non-ASCII characters.
pub(crate) fn word_pieces(word: &str) -> impl Iterator<Item = &str> {
    word.split(|c: char| c == ' ' || c == '\'' || !c.is_ascii() || c.is_ascii_control())
        .filter(|piece| !piece.is_empty())
}

/// The literal of a word: its one piece, or the conjunction of its pieces; `None` when it has none.
fn word_literal(index: &mut LiteralIndex, word: &str) -> Option<LiteralId> {
    let mut ids: Vec<LiteralId> = word_pieces(word).map(|p| index.id(p)).collect();
    ids.dedup();
    match ids.len() {
        0 => None,
        1 => ids.pop(),
        _ => Some(index.conjunction(ids)),
    }
}

/// The clause "one of these words" for the words of an alternation; `None` when a word has no literal run (then
/// the alternation needs nothing a look-up can check).
pub(crate) fn words_clause<'w>(index: &mut LiteralIndex, words: impl IntoIterator<Item = &'w str>) -> Option<Clause> {
    let mut clause: Clause = Vec::new();
    for word in words {
        let id = word_literal(index, word)?;
        if !clause.contains(&id) {
            clause.push(id);
        }
    }
    (!clause.is_empty()).then_some(clause)
}

/// How a pattern compares letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// As written: the pattern has no `(?i)`.
    Sensitive,
    /// Without case (`(?i)`).
    Insensitive,
}

/// A regex compiled the first time a text that may match it is searched.
#[derive(Debug)]
pub(crate) struct GuardedRegex {
    pattern: String,
    literals: LiteralIndex,
    need: Vec<Clause>,
    compiled: OnceLock<Regex>,
}

impl GuardedRegex {
    /// `pattern`, whose every match holds one of `words` (all the [`word_pieces`] of one), or with `digits` a
    /// digit (Unicode `\d`). `case` says how the pattern compares letters; [`Case::Insensitive`] is always safe.
    /// Without a literal for every word the regex is compiled for any text.
    pub(crate) fn new<'w>(
        pattern: String,
        words: impl IntoIterator<Item = &'w str>,
        case: Case,
        digits: bool,
    ) -> GuardedRegex {
        let mut literals = LiteralIndex {
            exact_case: case == Case::Sensitive,
            ..LiteralIndex::default()
        };
        let need = words_clause(&mut literals, words)
            .map(|mut clause| {
                if digits {
                    clause.push(UNICODE_DIGIT);
                }
                clause
            })
            .into_iter()
            .collect();
        GuardedRegex {
            pattern,
            literals,
            need,
            compiled: OnceLock::new(),
        }
    }

    /// The regex, compiled now if need be; `None` when `haystack` cannot hold a match (then nothing is compiled).
    /// The patterns are built from escaped table words, so they compile; a failure is a bug of this crate.
    pub(crate) fn for_text(&self, haystack: &str) -> Option<&Regex> {
        if let Some(regex) = self.compiled.get() {
            return Some(regex);
        }
        if !self.literals.presence(haystack).satisfies(&self.need) {
            return None;
        }
        Some(self.compiled.get_or_init(|| match Regex::new(&self.pattern) {
            Ok(regex) => regex,
            Err(e) => panic!("table regex does not compile: {e}"),
        }))
    }

    /// The regex, compiled now if need be (tests and table checks).
    #[cfg(test)]
    pub(crate) fn compiled(&self) -> &Regex {
        self.compiled.get_or_init(|| match Regex::new(&self.pattern) {
            Ok(regex) => regex,
            Err(e) => panic!("table regex does not compile: {e}"),
        })
    }
}

/// Longest text searched part by part by [`WordAlternation`]; a longer one compiles the whole alternation.
const PARTS_TEXT_BYTES: usize = 1024;

/// A case-insensitive alternation of words between ASCII word boundaries, `(?i)(?-u:\b)(?:w1|w2|…)(?-u:\b)`, kept
/// also as one such regex per first letter, so that a short text compiles only the parts whose words it holds (the
/// event triggers were a fifth of a one-line text's start). The parts' first letters fold to disjoint sets of
/// characters (`k` takes the KELVIN SIGN, `s` the LONG S, every other first character goes to one last part), so at
/// any position at most one part can match, and merging the parts' leftmost-first matches finds what the whole
/// alternation finds.
#[derive(Debug)]
pub(crate) struct WordAlternation {
    whole: GuardedRegex,
    parts: Vec<GuardedRegex>,
}

impl WordAlternation {
    /// The alternation of `words` in this order (the first that matches at a position wins), each written in the
    /// pattern as `escape` gives it.
    pub(crate) fn new(words: &[&str], escape: impl Fn(&str) -> String) -> WordAlternation {
        let pattern = |words: &[&str]| {
            let alt: Vec<String> = words.iter().map(|w| escape(w)).collect();
            format!(r"(?i)(?-u:\b)(?:{})(?-u:\b)", alt.join("|"))
        };
        let key = |w: &str| match w.chars().next() {
            Some('\u{212A}') => 'k',
            Some('\u{17F}') => 's',
            Some(c) if c.is_ascii_alphabetic() => c.to_ascii_lowercase(),
            _ => '\0',
        };
        let mut keys: Vec<char> = words.iter().map(|w| key(w)).collect();
        keys.sort_unstable();
        keys.dedup();
        let parts = keys
            .iter()
            .map(|&k| {
                let part: Vec<&str> = words.iter().copied().filter(|w| key(w) == k).collect();
                GuardedRegex::new(pattern(&part), part.iter().copied(), Case::Insensitive, false)
            })
            .collect();
        WordAlternation {
            whole: GuardedRegex::new(pattern(words), words.iter().copied(), Case::Insensitive, false),
            parts,
        }
    }

    /// The whole alternation, compiled (tests compare the parts with it).
    #[cfg(test)]
    pub(crate) fn whole(&self) -> &Regex {
        self.whole.compiled()
    }

    /// The matches of the alternation in `text`, as `Regex::find_iter` gives them. O(n·p) for the p parts a short
    /// text needs; otherwise one pass of the whole alternation.
    pub(crate) fn find_all<'t>(&self, text: &'t str) -> Vec<regex::Match<'t>> {
        if self.whole.compiled.get().is_some() || text.len() > PARTS_TEXT_BYTES {
            return self
                .whole
                .for_text(text)
                .map(|re| re.find_iter(text).collect())
                .unwrap_or_default();
        }
        let parts: Vec<&Regex> = self.parts.iter().filter_map(|p| p.for_text(text)).collect();
        let mut next: Vec<Option<regex::Match<'t>>> = parts.iter().map(|re| re.find_at(text, 0)).collect();
        let mut found = Vec::new();
        let mut pos = 0;
        loop {
            for (re, n) in parts.iter().zip(next.iter_mut()) {
                if n.is_some_and(|m| m.start() < pos) {
                    *n = re.find_at(text, pos);
                }
            }
            let Some(m) = next.iter().flatten().min_by_key(|m| m.start()).copied() else {
                break;
            };
            found.push(m);
            // Words are not empty, so every match moves on.
            pos = m.end().max(m.start() + 1);
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_pieces_are_the_plain_runs() {
        let pieces = |w| word_pieces(w).collect::<Vec<_>>();
        assert_eq!(pieces("last week"), ["last", "week"]);
        assert_eq!(pieces("o'clock"), ["o", "clock"]);
        assert_eq!(pieces("Sept."), ["Sept."]);
        assert_eq!(pieces("São Tomé"), ["S", "o", "Tom"]);
        assert!(pieces("’").is_empty());
    }

    #[test]
    fn a_word_of_several_pieces_needs_them_all() {
        let mut index = LiteralIndex::default();
        let need = vec![words_clause(&mut index, ["Palm Sunday", "Easter"]).expect("literals")];
        assert!(!index.presence("shelled on Sunday").satisfies(&need));
        assert!(index.presence("on palm sunday").satisfies(&need));
        assert!(index.presence("at Easter").satisfies(&need));
    }

    #[test]
    fn presence_ignores_ascii_case_and_counts_digits() {
        let mut index = LiteralIndex::default();
        let sunday = index.id("Sunday");
        let week = index.id("week");
        let p = index.presence("shelled on SUNDAY");
        assert!(p.has(sunday) && !p.has(week) && !p.has(DIGIT));
        assert!(p.satisfies(&[vec![sunday, week]]));
        assert!(!p.satisfies(&[vec![sunday], vec![week, DIGIT]]));
        assert!(p.satisfies(&[]));
        assert!(index.presence("week 7").satisfies(&[vec![week], vec![DIGIT]]));
    }

    #[test]
    fn a_short_text_searched_literal_by_literal_finds_what_the_automaton_finds() {
        // The date rules' literals (words of every class, pieces of several-word entries) and a case-sensitive
        // index, over lines of text of my own, each cut to every length up to the direct search's limit.
        let dates = crate::dates::lexicon::Lexicon::build(&crate::lang::EN).expect("tables compile");
        let mut exact = LiteralIndex {
            exact_case: true,
            ..LiteralIndex::default()
        };
        for word in ["Sun", "Sunday", "day", "UN", "U.N.", "Homs", "shelled"] {
            exact.id(word);
        }
        let lines = [
            "Homs was shelled on Sunday, two days after the U.N. talks of 5 March 2016 failed.",
            "SUNDAY'S VOTE: the un-named envoy left mid-week, in the second half of fiscal 1998.",
            "Talks resume next Tuesday; Christmas Eve and Palm Sunday fall in the Easter holidays.",
            "ÉLAN à Genève — the 1990s, a fortnight ago, this morning at 9 a.m., twice a week.",
        ];
        for index in [dates.literals(), &exact] {
            for line in lines {
                for cut in (0..=line.len()).filter(|&c| line.is_char_boundary(c)) {
                    let text = &line[..cut];
                    assert_eq!(index.found_directly(text), index.found_by_automaton(text), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn the_parts_of_a_word_alternation_find_what_the_whole_finds() {
        let mut words = vec![
            "shelled",
            "shell",
            "attack",
            "air strike",
            "strike",
            "killed",
            "kill",
            "’x",
            "élan",
        ];
        words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        let escape = |w: &str| regex::escape(w).replace(' ', r"\s+");
        let texts = [
            "Homs was shelled on Sunday; an air  strike killed 3.",
            "SHELLED shells, attacked, Air Strike, strike-killed, élan, \u{212A}ILLED, ’x",
            "no trigger here",
            "",
        ];
        for text in texts {
            let split = WordAlternation::new(&words, escape);
            let whole = Regex::new(&format!(
                r"(?i)(?-u:\b)(?:{})(?-u:\b)",
                words.iter().map(|w| escape(w)).collect::<Vec<_>>().join("|")
            ))
            .expect("compiles");
            let spans = |ms: Vec<regex::Match>| ms.iter().map(|m| (m.start(), m.end())).collect::<Vec<_>>();
            assert_eq!(
                spans(split.find_all(text)),
                spans(whole.find_iter(text).collect()),
                "{text}"
            );
            assert!(split.whole.compiled.get().is_none(), "a short text compiles only parts");
        }
        // Only the parts a text needs are compiled.
        let split = WordAlternation::new(&words, escape);
        assert_eq!(split.find_all("Homs was shelled.").len(), 1);
        assert_eq!(split.parts.iter().filter(|p| p.compiled.get().is_some()).count(), 1);
    }

    #[test]
    fn letters_that_fold_onto_ascii_make_every_literal_present() {
        let mut index = LiteralIndex::default();
        let week = index.id("week");
        // KELVIN SIGN matches `k` in a case-insensitive regex.
        let p = index.presence("wee\u{212A}");
        assert!(p.has(week));
        assert!(Regex::new("(?i)week").is_ok_and(|r| r.is_match("wee\u{212A}")));
    }

    #[test]
    fn a_guarded_regex_is_compiled_only_for_a_text_that_may_match() {
        let re = GuardedRegex::new(
            r"(?i)\b(?:shelled|bombed)\b".to_string(),
            ["shelled", "bombed"],
            Case::Insensitive,
            false,
        );
        assert!(re.for_text("Talks resumed.").is_none());
        assert!(re.compiled.get().is_none());
        let found = re
            .for_text("Homs was SHELLED.")
            .map(|r| r.find("Homs was SHELLED.").map(|m| m.start()));
        assert_eq!(found, Some(Some(9)));
        // Once compiled, it answers every text.
        assert!(re.for_text("Talks resumed.").is_some());
        let numbers = GuardedRegex::new(r"\d+|two".to_string(), ["two"], Case::Insensitive, true);
        assert!(numbers.for_text("none").is_none());
        // `\d` is Unicode: Arabic-Indic digits need the regex.
        let arabic = "\u{663}";
        assert_eq!(numbers.for_text(arabic).map(|r| r.is_match(arabic)), Some(true));
        assert!(numbers.compiled().is_match("7"));
        // A case-sensitive pattern is not compiled for the word in another case ("un" in "Sunday" is no "UN").
        let un = GuardedRegex::new(r"\bUN\b".to_string(), ["UN"], Case::Sensitive, false);
        assert!(un.for_text("on Sunday").is_none());
        assert!(un.for_text("the UN said").is_some_and(|r| r.is_match("the UN said")));
    }
}
