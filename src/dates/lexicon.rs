//! The date tables compiled: word classes, and the recognition rules built from them.
//!
//! `dates_words.tsv` holds word classes (`month January 1 cased`); `dates_rules.tsv` holds the rules as regular
//! expressions with `{class}` placeholders. Both are parsed once per process.

use super::need::Need;
use super::rule_fn::{parse_kind, RuleFn};
use crate::lang::literals::{Clause, LiteralIndex, Presence};
use crate::lang::{self, TableError, Tables};
use crate::model::TimexType;
use regex::{Regex, RegexSet};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// A map with the crate's fast hasher (the keys are short words).
pub use crate::hash::FastMap;

mod alternation;
use alternation::alternation;

/// Names of the groups rules may use; a rule naming another group is a table error.
pub const GROUP_NAMES: &[&str] = &[
    "t",
    "year",
    "year2",
    "month",
    "month2",
    "day",
    "day2",
    "dayword",
    "weekday",
    "rel",
    "mod",
    "part",
    "hour",
    "minute",
    "ampm",
    "tz",
    "num",
    "unit",
    "dir",
    "adir",
    "dmod",
    "season",
    "ordinal",
    "qn",
    "decade",
    "decade2",
    "decadeword",
    "cent",
    "holiday",
    "deictic",
    "lastnight",
    "noon",
    "setword",
    "freq",
    "n1",
    "n2",
    "mnum",
    "yrel",
    "yearhead",
    "yearword",
    "endmod",
    "ref",
    "yy",
    "sec",
    "hourword",
    "frac",
    "pastdir",
    "hour2",
    "minute2",
    "ampm2",
    "this",
    "num2",
];

/// A capture group of the date rules: its place in [`GROUP_NAMES`]. The engine names groups with [`gid!`], which
/// finds the place when the program is compiled, so reading a group costs no look-up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GroupId(pub usize);

impl GroupId {
    /// The group called `name`. Panics when no group is called so, which in a constant ([`gid!`]) stops the
    /// build.
    pub const fn named(name: &str) -> GroupId {
        let mut i = 0;
        while i < GROUP_NAMES.len() {
            if const_eq(GROUP_NAMES[i], name) {
                return GroupId(i);
            }
            i += 1;
        }
        panic!("no date rule group has this name")
    }
}

/// String equality usable in a constant.
const fn const_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The [`GroupId`] of a group name, found at compile time: `gid!("day")`.
macro_rules! gid {
    ($name:literal) => {{
        const ID: $crate::dates::lexicon::GroupId = $crate::dates::lexicon::GroupId::named($name);
        ID
    }};
}
pub(crate) use gid;

/// Index of a group name in [`GROUP_NAMES`] (for the names read from the tables' patterns, once per rule when
/// the lexicon is built; the engine's own reads name their groups at compile time with [`gid!`]).
pub fn group_id(name: &str) -> Option<usize> {
    GROUP_NAMES.iter().position(|g| *g == name)
}

/// Word classes by name, each mapping the lower-cased word to its entry.
pub type Classes = FastMap<&'static str, FastMap<Box<[u8]>, Word>>;

/// One word of a class.
#[derive(Debug, Clone, Default)]
pub struct Word {
    /// The word as written in the table.
    pub text: &'static str,
    /// Its value (a number, a TIMEX3 fragment, ...).
    pub value: &'static str,
    /// Must be written with a capital.
    pub cased: bool,
    /// Only a date when the context confirms it ("May").
    pub ambiguous: bool,
    /// Only a date with a day or year written next to it ("Sun, Jul 20"; "on Sun" may be a company).
    pub dated: bool,
}

/// One recognition rule.
#[derive(Debug)]
pub struct Rule {
    /// The normaliser.
    pub function: RuleFn,
    /// TIMEX3 type the rule produces (the normaliser may refine it).
    pub kind: TimexType,
    /// The pattern (anchored at the start), compiled on first use.
    pub regex: LazyRegex,
    /// For each name of [`GROUP_NAMES`], the capture index of that group in `regex`, when it has one.
    pub slots: Vec<Option<usize>>,
    /// Literals every match holds (clauses over [`Lexicon::literals`]): a text without them skips the rule.
    pub need: Vec<Clause>,
}

/// The compiled tables.
#[derive(Debug)]
pub struct Lexicon {
    /// Word classes by name, each mapping the lower-cased word (as bytes, so look-ups need no UTF-8 check of a key
    /// built on the stack) to its entry.
    pub classes: Arc<Classes>,
    /// The same words by their look-up key, each with its classes: one probe answers [`Lexicon::word`], where a
    /// probe for the class and another for the word cost twice as much for the tense cues read around every date.
    by_word: FastMap<Box<[u8]>, Vec<(&'static str, Word)>>,
    /// The rules, in table order.
    pub rules: Vec<Rule>,
    /// The literals the rules need, found in a text in one pass.
    literals: LiteralIndex,
    /// Every rule's pattern as the table writes it, for [`Combined`].
    raw: Vec<&'static str>,
    /// The searches over all rules, compiled when a text first needs them (see [`Lexicon::plan`]).
    combined: OnceLock<Combined>,
    /// Work done rule by rule so far (bytes × rules tried), which bounds how long texts go without [`Combined`].
    rule_by_rule_work: AtomicUsize,
}

/// The searches over all rules at once: the fast way through a text once compiled, but compiling them is 130 ms.
#[derive(Debug)]
pub struct Combined {
    /// All rule patterns, anchored: which rules match at a given start.
    pub set: RegexSet,
    /// All rule patterns in one alternation without groups: where an expression may start.
    pub any: Regex,
}

/// How [`super::recognize::recognize`] goes through a text.
#[derive(Debug)]
pub enum Plan<'l> {
    /// With the searches over all rules.
    Combined(&'l Combined),
    /// Rule by rule at each word boundary, trying only these rules (indices into [`Lexicon::rules`], ascending):
    /// the others need a literal the text lacks.
    RuleByRule(Vec<usize>),
}

/// Largest text × rules tried that one text goes rule by rule (a 16 KB text with 64 rules that may match): a news
/// article's first analysis in a process (the CLI, the page's worker) compiles only the rules it may match, not the
/// combined searches (the reference article, 3.7 KB: 0.36 s -> 0.12 s from start; outputs identical).
const RULE_BY_RULE_TEXT_WORK: usize = 1 << 20;

/// Largest text × rules tried rule by rule in one process before the combined searches are compiled: about the
/// time compiling them takes.
const RULE_BY_RULE_TOTAL_WORK: usize = 1 << 20;

/// Digit shapes, not language: the same in every table set.
pub(super) fn builtin(name: &str) -> Option<&'static str> {
    Some(match name {
        "year" => r"(?:1[0-9]|20)[0-9][0-9]",
        "day" => r"3[01]|[12][0-9]|0?[1-9]",
        "mnum" => r"1[0-2]|0[1-9]",
        "hour" => r"2[0-3]|[01]?[0-9]",
        "minute" => r"[0-5][0-9]",
        "ampm" => r"[ap]\.?\s?m(?-u:\b)\.?",
        "yy" => r"[0-9][0-9]",
        _ => return None,
    })
}

/// Lazy-DFA cache for the combined searches, in bytes.
const DFA_CACHE_BYTES: usize = 32 << 20;

/// The mark in [`Lexicon::entries`] of a word that begins an entry of several words (no class of the tables: they
/// are named by letters).
const BEGINS_ENTRY: &str = " begins an entry";

/// Ordinal suffix allowed after a day number.
const DAY_SUFFIX: &str = r"(?:st|nd|rd|th)?";

impl Lexicon {
    /// Parses and compiles the date tables of `tables`.
    pub fn build(tables: &Tables) -> Result<Lexicon, TableError> {
        let mut classes: Classes = FastMap::default();
        for (line, row) in lang::numbered_rows(tables.dates_words) {
            if row.len() < 3 {
                return Err(tables
                    .dates_words
                    .error(line, format!("a word row has fewer than 3 fields: {row:?}")));
            }
            let flags = row.get(3).copied().unwrap_or("");
            let word = Word {
                text: row[1],
                value: row[2],
                cased: flags.split(',').any(|f| f == "cased"),
                ambiguous: flags.split(',').any(|f| f == "ambiguous"),
                dated: flags.split(',').any(|f| f == "dated"),
            };
            classes
                .entry(row[0])
                .or_default()
                .insert(row[1].to_lowercase().into_bytes().into_boxed_slice(), word);
        }
        let mut by_word: FastMap<Box<[u8]>, Vec<(&'static str, Word)>> = FastMap::default();
        for (class, words) in &classes {
            for (key, word) in words {
                by_word.entry(key.clone()).or_default().push((class, word.clone()));
            }
        }
        // The first word of each entry of several words is marked, so that a caller reading word pairs looks a pair
        // up only after a word that may begin one ([`Lexicon::begins_entry`]).
        let heads: Vec<Box<[u8]>> = by_word
            .keys()
            .filter_map(|k| k.iter().position(|&b| b == b' ').map(|at| k[..at].into()))
            .collect();
        for head in heads {
            let entries = by_word.entry(head).or_default();
            if !entries.iter().any(|(c, _)| *c == BEGINS_ENTRY) {
                entries.push((BEGINS_ENTRY, Word::default()));
            }
        }
        let classes = Arc::new(classes);
        let mut rules = Vec::new();
        let mut raw = Vec::new();
        let mut literals = LiteralIndex::default();
        let rules_table = tables.dates_rules;
        for (line, row) in lang::numbered_rows(rules_table) {
            if row.len() < 3 {
                return Err(rules_table.error(line, format!("a rule row has fewer than 3 fields: {row:?}")));
            }
            let (name, kind) = (row[0], row[1]);
            let function = RuleFn::parse(name)
                .ok_or_else(|| rules_table.error(line, format!("unknown rule function '{name}'")))?;
            let kind =
                parse_kind(kind).ok_or_else(|| rules_table.error(line, format!("unknown TIMEX3 type '{kind}'")))?;
            // The rule's pattern is expanded and compiled when a text first needs it: most texts use a few of the
            // rules. Its groups are read from the skeleton, each placeholder one empty group of its name (the words
            // of a class add no capture group), which also checks that every placeholder names a class.
            let skeleton = expand(row[2], &classes, false).map_err(|message| rules_table.error(line, message))?;
            let mut slots = vec![None; GROUP_NAMES.len()];
            for (i, name) in capture_names(&format!(r"(?i)^(?:{skeleton})")) {
                let id = group_id(name)
                    .ok_or_else(|| rules_table.error(line, format!("unknown group '{name}' in '{}'", row[2])))?;
                slots[id] = Some(i);
            }
            raw.push(row[2]);
            let need = Need::of(row[2], &classes, &mut literals);
            rules.push(Rule {
                function,
                kind,
                regex: LazyRegex {
                    raw: row[2],
                    classes: classes.clone(),
                    compiled: OnceLock::new(),
                },
                slots,
                need,
            });
        }
        Ok(Lexicon {
            classes,
            by_word,
            rules,
            literals,
            raw,
            combined: OnceLock::new(),
            rule_by_rule_work: AtomicUsize::new(0),
        })
    }

    /// [`Lexicon::build`], then compiles the searches over all rules now, so that a pattern that does not parse is a
    /// table error before any text is read (for tables read at run time; the embedded ones are checked by tests).
    pub fn build_checked(tables: &Tables) -> Result<Lexicon, TableError> {
        let lex = Lexicon::build(tables)?;
        let combined = lex.compile().map_err(|e| tables.dates_rules.error(0, e))?;
        let _ = lex.combined.set(combined);
        Ok(lex)
    }

    fn compile(&self) -> Result<Combined, String> {
        let bodies = self
            .raw
            .iter()
            .map(|raw| expand(raw, &self.classes, true))
            .collect::<Result<Vec<String>, String>>()?;
        let patterns = bodies.iter().map(|body| format!(r"(?i)^(?:{body})"));
        let stripped: Vec<String> = bodies.iter().map(|body| strip_groups(body)).collect();
        // A roomy lazy-DFA cache: the combined patterns are large, and a thrashing cache falls back to slow engines.
        let set = regex::RegexSetBuilder::new(patterns)
            .dfa_size_limit(DFA_CACHE_BYTES)
            .build()
            .map_err(|e| e.to_string())?;
        let any = regex::RegexBuilder::new(&format!(r"(?i)(?-u:\b)(?:{})", stripped.join("|")))
            .dfa_size_limit(DFA_CACHE_BYTES)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Combined { set, any })
    }

    /// The searches over all rules, compiled now if need be.
    pub fn combined(&self) -> &Combined {
        self.combined.get_or_init(|| match self.compile() {
            Ok(c) => c,
            // `build_checked` and the table tests compile the same patterns.
            Err(e) => panic!("date rules: {e}"),
        })
    }

    /// How to go through `text`: with the combined searches once they are compiled; rule by rule (compiling only
    /// the rules the text may match) while the text is short, few rules may match, and the work done so far in
    /// this process is below what compiling the combined searches costs. O(n) in the text (one literal pass).
    pub fn plan(&self, text: &str) -> Plan<'_> {
        if let Some(c) = self.combined.get() {
            return Plan::Combined(c);
        }
        let presence: Presence = self.literals.presence(text);
        let active: Vec<usize> = (0..self.rules.len())
            .filter(|&i| presence.satisfies(&self.rules[i].need))
            .collect();
        let work = text.len().max(1).saturating_mul(active.len());
        if work <= RULE_BY_RULE_TEXT_WORK
            && self.rule_by_rule_work.fetch_add(work, Ordering::Relaxed) + work <= RULE_BY_RULE_TOTAL_WORK
        {
            return Plan::RuleByRule(active);
        }
        Plan::Combined(self.combined())
    }

    /// The literals the rules need.
    #[cfg(test)]
    pub(crate) fn literals(&self) -> &LiteralIndex {
        &self.literals
    }

    /// The entry of `word` (any case) in `class`.
    pub fn word(&self, class: &str, word: &str) -> Option<&Word> {
        Lexicon::in_class(self.entries(word), class)
    }

    /// Every class `word` (any case) belongs to, with its entry there: one look-up, for a caller that asks about
    /// several classes of one word (the tense cues around a date).
    pub fn entries(&self, word: &str) -> &[(&'static str, Word)] {
        // Short ASCII words ("Monday", "last  week"): the key is built on the stack in one pass. This is called for
        // every word around every date (tense cues), so an allocation here was a sizeable share of the analysis.
        let mut buf = [0u8; KEY_BYTES];
        let owned;
        let key = match ascii_key(word.as_bytes(), &mut buf) {
            Some(key) => key,
            None => {
                owned = normalise_space(word).to_lowercase().replace('’', "'");
                owned.as_bytes()
            }
        };
        self.by_word.get(key).map_or(&[], Vec::as_slice)
    }

    /// Whether a word with these `entries` ([`Lexicon::entries`]) begins an entry of several words ("had" of "had
    /// been"): only then can the pair it begins be one.
    pub fn begins_entry(entries: &[(&'static str, Word)]) -> bool {
        entries.iter().any(|(c, _)| *c == BEGINS_ENTRY)
    }

    /// The entry in `class` among a word's `entries` ([`Lexicon::entries`]).
    pub fn in_class<'e>(entries: &'e [(&'static str, Word)], class: &str) -> Option<&'e Word> {
        entries.iter().find(|(c, _)| *c == class).map(|(_, w)| w)
    }

    /// True when `word` (any case) belongs to `class`.
    pub fn has(&self, class: &str, word: &str) -> bool {
        self.word(class, word).is_some()
    }

    /// True when `word` ends with one of the words of `class` as written in the table (case-sensitive): for classes
    /// of word endings (`pastsuffix` "ed", `progressivesuffix` "ing").
    pub fn ends_with_class(&self, class: &str, word: &str) -> bool {
        self.classes
            .get(class)
            .is_some_and(|endings| endings.values().any(|e| word.ends_with(e.text)))
    }

    /// The value of `word` in `class`.
    pub fn value(&self, class: &str, word: &str) -> Option<&'static str> {
        self.word(class, word).map(|w| w.value)
    }
}

/// A rule's regex, expanded and compiled on first use (see [`Lexicon::build`]); it dereferences to the compiled
/// [`Regex`].
pub struct LazyRegex {
    raw: &'static str,
    classes: Arc<Classes>,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    /// The pattern, expanded, without compiling it.
    #[cfg(test)]
    pub fn pattern(&self) -> String {
        anchored(self.raw, &self.classes)
    }

    /// Whether the regex has been compiled.
    #[cfg(test)]
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }
}

/// The anchored pattern of a rule, its placeholders expanded. The table was checked when the lexicon was built
/// (every placeholder names a class), so expansion cannot fail here.
fn anchored(raw: &str, classes: &Classes) -> String {
    let body = expand(raw, classes, true).unwrap_or_else(|e| panic!("date rule '{raw}': {e}"));
    format!(r"(?i)^(?:{body})")
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled.get_or_init(|| {
            let pattern = anchored(self.raw, &self.classes);
            match Regex::new(&pattern) {
                Ok(r) => r,
                // The same pattern compiles inside the rule set (`Lexicon::build_checked`, and the table tests for
                // the embedded tables), within a larger size budget, so this cannot fail on any text.
                Err(e) => panic!("date rule '{pattern}': {e}"),
            }
        })
    }
}

impl std::fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.raw).finish()
    }
}

/// The capture groups of `pattern` that have a name, with their capture indices, read from the pattern text without
/// compiling it: groups are numbered by their opening parenthesis, `(` and `(?P<name>`/`(?<name>` counting, not
/// `(?:` or flag groups, nor escaped or bracketed parentheses. A test checks this against the compiled regex for
/// every rule of the tables.
fn capture_names(pattern: &str) -> Vec<(usize, &str)> {
    let b = pattern.as_bytes();
    let mut out = Vec::new();
    let mut index = 0;
    let mut class = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 1,
            b'[' => {
                class += 1;
                // A `]` (or `^]`) right after the opening bracket is a literal.
                if b.get(i + 1) == Some(&b'^') {
                    i += 1;
                }
                if b.get(i + 1) == Some(&b']') {
                    i += 1;
                }
            }
            b']' if class > 0 => class -= 1,
            b'(' if class == 0 => {
                let rest = &pattern[i + 1..];
                let name = rest.strip_prefix("?P<").or_else(|| rest.strip_prefix("?<"));
                if let Some(name) = name {
                    index += 1;
                    if let Some(end) = name.find('>') {
                        out.push((index, &name[..end]));
                    }
                } else if !rest.starts_with('?') {
                    index += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    out
}

/// Longest word (in bytes) whose look-up key is built on the stack; longer ones take the allocating path.
const KEY_BYTES: usize = 64;

/// The look-up key of an ASCII `word` in `buf`: white-space runs collapsed to one space, trimmed, lower-cased —
/// what `normalise_space(word).to_lowercase()` gives for ASCII. `None` for non-ASCII or overlong words.
fn ascii_key<'b>(word: &[u8], buf: &'b mut [u8; KEY_BYTES]) -> Option<&'b [u8]> {
    if word.len() > KEY_BYTES {
        return None;
    }
    let mut n = 0;
    let mut space = false;
    for &b in word {
        if b >= 0x80 {
            return None;
        }
        // `char::is_whitespace` on ASCII (which, unlike `u8::is_ascii_whitespace`, includes the vertical tab).
        if matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') {
            space = n > 0;
            continue;
        }
        if space {
            buf[n] = b' ';
            n += 1;
            space = false;
        }
        buf[n] = b.to_ascii_lowercase();
        n += 1;
    }
    Some(&buf[..n])
}

/// The pattern with its named groups made non-capturing, for the combined search.
fn strip_groups(body: &str) -> String {
    static NAMED: OnceLock<Option<Regex>> = OnceLock::new();
    match NAMED.get_or_init(|| Regex::new(r"\(\?P<\w+>").ok()) {
        Some(named) => named.replace_all(body, "(?:").into_owned(),
        // Cannot happen (a constant pattern); the combined regex would then report duplicate names as a TableError.
        None => body.to_string(),
    }
}

/// Collapses runs of white space to one space, so "last  week" finds "last week".
pub fn normalise_space(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Replaces `{class}` placeholders by named groups of alternatives, longest first; without `full`, by empty named
/// groups (the skeleton whose groups are the rule's), still checking that each names a class.
fn expand(pattern: &str, classes: &Classes, full: bool) -> Result<String, String> {
    let mut out = String::with_capacity(pattern.len() * 4);
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        // `\d{1,2}` style repetitions are regex syntax, not placeholders.
        let close = match rest[open..].find('}') {
            Some(c) => open + c,
            None => break,
        };
        let name = &rest[open + 1..close];
        // `{~month}`: the class in any case, its `cased` flags aside (for contexts that settle it: "the 1st of march").
        let (any_case, name) = match name.strip_prefix('~') {
            Some(n) => (true, n),
            None => (false, name),
        };
        if name.is_empty() || !name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
            out.push_str(&rest[..=close]);
            rest = &rest[close + 1..];
            continue;
        }
        out.push_str(&rest[..open]);
        let class = name.trim_end_matches(|c: char| c.is_ascii_digit());
        if !full {
            if builtin(class).is_none() && !classes.contains_key(class) {
                return Err(format!("unknown placeholder {{{name}}} in '{pattern}'"));
            }
            out.push_str(&format!("(?P<{name}>)"));
        } else if let Some(shape) = builtin(class) {
            out.push_str(&format!("(?P<{name}>{shape})"));
            if class == "day" {
                out.push_str(DAY_SUFFIX);
            }
        } else if let Some(words) = classes.get(class) {
            let alt = alternation(words.values(), any_case);
            if class == "num" {
                // Counts also come in digits and as compounds of tens and units ("twenty-five").
                let value = |w: &&Word| w.value.parse::<u32>().unwrap_or(0);
                let tens = alternation(
                    words
                        .values()
                        .filter(|w| (20..=90).contains(&value(w)) && value(w) % 10 == 0),
                    any_case,
                );
                let units = alternation(
                    words
                        .values()
                        .filter(|w| (1..=9).contains(&value(w)) && w.text.len() > 2),
                    any_case,
                );
                out.push_str(&format!(r"(?P<{name}>[0-9]+(?:\.[0-9]+)?|{tens}[\s-]{units}|{alt})"));
            } else {
                out.push_str(&format!("(?P<{name}>{alt})"));
            }
        } else {
            return Err(format!("unknown placeholder {{{name}}} in '{pattern}'"));
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::literals::DIGIT;

    #[test]
    fn the_first_word_of_an_entry_of_several_words_is_marked() {
        let lex = Lexicon::build(&lang::EN).expect("tables compile");
        let several: Vec<&Word> = lex
            .classes
            .values()
            .flat_map(|w| w.values())
            .filter(|w| w.text.contains(' '))
            .collect();
        assert!(!several.is_empty());
        for w in several {
            let first = w.text.split(' ').next().unwrap_or_default();
            assert!(Lexicon::begins_entry(lex.entries(first)), "{}", w.text);
            assert!(!lex.entries(w.text).is_empty(), "{}", w.text);
        }
        assert!(!Lexicon::begins_entry(lex.entries("zebra")));
    }

    #[test]
    fn english_tables_compile() {
        let lex = Lexicon::build(&lang::EN).expect("tables compile");
        assert!(lex.rules.len() > 20);
        assert_eq!(lex.value("month", "Sept."), Some("9"));
        assert_eq!(lex.value("weekday", "sunday"), Some("7"));
        assert!(lex.word("month", "May").is_some_and(|w| w.ambiguous && w.cased));
        assert!(lex.ends_with_class("pastsuffix", "stepped"));
        assert!(!lex.ends_with_class("pastsuffix", "STEPPED"));
        assert!(lex.ends_with_class("progressivesuffix", "heading"));
        assert!(!lex.ends_with_class("progressivesuffix", "head"));
        assert!(!lex.ends_with_class("nosuchclass", "heading"));
    }

    #[test]
    fn lazy_rules_compile_and_read_their_groups_like_the_compiled_regex() {
        let lex = Lexicon::build(&lang::EN).expect("tables compile");
        for rule in &lex.rules {
            let pattern = rule.regex.pattern();
            let compiled = Regex::new(&pattern).expect("rule compiles");
            let expected: Vec<(usize, &str)> = compiled
                .capture_names()
                .enumerate()
                .filter_map(|(i, n)| Some((i, n?)))
                .collect();
            assert_eq!(capture_names(&pattern), expected, "{pattern}");
            // The slots read from the skeleton are the compiled regex's groups.
            let mut slots = vec![None; GROUP_NAMES.len()];
            for (i, name) in expected {
                slots[group_id(name).expect("a known group")] = Some(i);
            }
            assert_eq!(rule.slots, slots, "{pattern}");
            assert_eq!(rule.regex.as_str(), compiled.as_str());
        }
        assert_eq!(
            capture_names(r"(a)\((?P<x>b)[(](?:c)(?i:d)[]()](?<y>e)[^](](f)"),
            vec![(2, "x"), (3, "y")]
        );
    }

    /// A Unicode word boundary (`\b`, `\B`) anywhere in a rule makes the lazy DFA give up on the whole combined
    /// search: a first form of the clipped-year rule ("in '94") had one, and the 1 MB analysis went from 113 ms to
    /// 2.6 s. Rules write ASCII boundaries, `(?-u:\b)`.
    #[test]
    fn rules_use_only_ascii_word_boundaries() {
        let lex = Lexicon::build(&lang::EN).expect("tables compile");
        for rule in &lex.rules {
            let pattern = rule.regex.pattern().replace(r"(?-u:\b)", "").replace(r"(?-u:\B)", "");
            assert!(
                !pattern.contains(r"\b") && !pattern.contains(r"\B"),
                "Unicode word boundary in {}",
                rule.regex.pattern()
            );
        }
    }

    /// The English tables with `dates_rules` replaced by `text`, from a file of another language.
    fn with_rules(text: &'static str) -> Result<Lexicon, TableError> {
        let mut tables = lang::EN;
        tables.dates_rules = lang::Table {
            file: "src/lang/xx/dates_rules.tsv",
            text,
        };
        Lexicon::build(&tables)
    }

    #[test]
    fn an_unknown_rule_function_names_its_file_and_line() {
        let err = with_rules("# a comment\ndmy\tDATE\t{day}\\s+{month}\n").expect_err("'dmy' is no normaliser");
        assert_eq!(
            err.to_string(),
            "src/lang/xx/dates_rules.tsv:2: unknown rule function 'dmy'"
        );
        let err = with_rules("date\tDATE\t{month}\n\nset\tSETS\tevery\\s+{weekday}\n").expect_err("no such type");
        assert_eq!(
            err.to_string(),
            "src/lang/xx/dates_rules.tsv:3: unknown TIMEX3 type 'SETS'"
        );
        assert!(with_rules("date\tDATE\t{month}\n").is_ok());
    }

    #[test]
    fn the_english_rules_use_every_normaliser() {
        let lex = lang::Language::english().dates();
        for &f in RuleFn::ALL {
            assert!(
                lex.rules.iter().any(|r| r.function == f),
                "no rule of {} calls '{}'",
                lang::EN.dates_rules.file,
                f.name()
            );
        }
    }

    #[test]
    fn rules_need_the_literals_of_their_mandatory_parts() {
        let lex = Lexicon::build(&lang::EN).expect("tables compile");
        let mut index = LiteralIndex::default();
        let need = |pattern: &str, index: &mut LiteralIndex| Need::of(pattern, &lex.classes, index);
        // A month word and a digit; the optional weekday needs nothing.
        let month_day = need(r"(?:{weekday},?\s+)?{month}\s+{day}", &mut index);
        assert_eq!(month_day.len(), 2);
        assert!(month_day.iter().any(|c| c == &vec![DIGIT]));
        let p = index.presence("on Sunday, March 5");
        assert!(p.satisfies(&month_day));
        assert!(!index.presence("on Sunday, 5 people").satisfies(&month_day));
        // Literal runs and alternations: "the", then one of "day" or "week".
        let the_unit = need(r"the\s+(?:day|week)\s+after", &mut index);
        assert!(index.presence("THE WEEK AFTER").satisfies(&the_unit));
        assert!(!index.presence("the month after").satisfies(&the_unit));
        // Syntax the reader does not know needs nothing: the rule is always tried.
        assert!(need(r"\p{Lu}+", &mut index).is_empty());
        assert!(need(r"(?:a)?|b", &mut index).is_empty());
    }

    #[test]
    fn group_ids_are_positions_in_the_list() {
        for (i, g) in GROUP_NAMES.iter().enumerate() {
            assert_eq!(group_id(g), Some(i));
        }
        assert_eq!(group_id("nosuchgroup"), None);
        assert_eq!(group_id(""), None);
    }

    #[test]
    fn stack_key_matches_the_allocating_normalisation() {
        for w in [
            "Monday",
            "  Last \t\x0B week ",
            "NEXT\nYEAR",
            "a",
            "",
            "   ",
            "Sept.",
            "o'clock",
        ] {
            let mut buf = [0u8; KEY_BYTES];
            let expected = normalise_space(w).to_lowercase();
            assert_eq!(ascii_key(w.as_bytes(), &mut buf), Some(expected.as_bytes()), "{w:?}");
        }
        let mut buf = [0u8; KEY_BYTES];
        assert_eq!(ascii_key("Montag’s".as_bytes(), &mut buf), None);
        assert_eq!(ascii_key("x".repeat(KEY_BYTES + 1).as_bytes(), &mut buf), None);
        let lex = lang::Language::english().dates();
        assert_eq!(lex.value("pastcue", "NOT A CUE AT ALL"), None);
        assert_eq!(lex.value("month", "SEPT."), Some("9"));
        assert_eq!(lex.value("weekday", "SUNDAY"), Some("7"));
        assert_eq!(lex.value("weekday", " Sunday\n"), Some("7"));
    }

    #[test]
    fn cased_words_need_a_capital() {
        let lex = lang::Language::english().dates();
        let month_rule = lex
            .rules
            .iter()
            .find(|r| {
                let p = r.regex.as_str();
                r.function == RuleFn::Date
                    && p.contains("P<month>")
                    && !p.contains("P<day>")
                    && !p.contains("P<year>")
                    && !p.contains("yrel")
            })
            .expect("a month rule");
        assert!(month_rule.regex.is_match("May"));
        assert!(!month_rule.regex.is_match("may"));
    }
}
