//! The date tables compiled: word classes, and the recognition rules built from them.
//!
//! `dates_words.tsv` holds word classes (`month January 1 cased`); `dates_rules.tsv` holds the rules as regular
//! expressions with `{class}` placeholders. Both are parsed once per process.

use super::rule_fn::{parse_kind, RuleFn};
use crate::lang::{self, TableError, Tables};
use crate::model::TimexType;
use regex::{Regex, RegexSet};
use std::sync::OnceLock;

/// A map with the crate's fast hasher (the keys are short words).
pub use crate::hash::FastMap;

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

/// Index of a group name in [`GROUP_NAMES`].
pub fn group_id(name: &str) -> Option<usize> {
    // Called for every group a normaliser reads: a hashed look-up instead of comparing with each of the names.
    static IDS: OnceLock<FastMap<&'static str, usize>> = OnceLock::new();
    IDS.get_or_init(|| GROUP_NAMES.iter().enumerate().map(|(i, g)| (*g, i)).collect())
        .get(name)
        .copied()
}

/// One word of a class.
#[derive(Debug, Clone)]
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
}

/// The compiled tables.
#[derive(Debug)]
pub struct Lexicon {
    /// Word classes by name, each mapping the lower-cased word (as bytes, so look-ups need no UTF-8 check of a key
    /// built on the stack) to its entry.
    pub classes: FastMap<&'static str, FastMap<Box<[u8]>, Word>>,
    /// The rules, in table order.
    pub rules: Vec<Rule>,
    /// All rule patterns, anchored: which rules match at a given start.
    pub set: RegexSet,
    /// All rule patterns in one alternation without groups: where an expression may start.
    pub any: Regex,
}

/// Digit shapes, not language: the same in every table set.
fn builtin(name: &str) -> Option<&'static str> {
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

/// Ordinal suffix allowed after a day number.
const DAY_SUFFIX: &str = r"(?:st|nd|rd|th)?";

impl Lexicon {
    /// Parses and compiles the date tables of `tables`.
    pub fn build(tables: &Tables) -> Result<Lexicon, TableError> {
        let mut classes: FastMap<&'static str, FastMap<Box<[u8]>, Word>> = FastMap::default();
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
        let mut rules = Vec::new();
        let mut patterns = Vec::new();
        let mut bodies = Vec::new();
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
            let body = expand(row[2], &classes).map_err(|message| rules_table.error(line, message))?;
            let pattern = format!(r"(?i)^(?:{body})");
            bodies.push(strip_groups(&body));
            // The rule's own regex is compiled when a text first needs it: most articles use a few of the rules,
            // and compiling all of them was a third of the first analysis. The set below compiles every pattern,
            // so a pattern that does not parse is still reported here, at build time.
            let mut slots = vec![None; GROUP_NAMES.len()];
            for (i, name) in capture_names(&pattern) {
                let id = group_id(name)
                    .ok_or_else(|| rules_table.error(line, format!("unknown group '{name}' in '{}'", row[2])))?;
                slots[id] = Some(i);
            }
            let regex = LazyRegex::new(pattern.clone());
            patterns.push(pattern);
            rules.push(Rule {
                function,
                kind,
                regex,
                slots,
            });
        }
        // A roomy lazy-DFA cache: the combined patterns are large, and a thrashing cache falls back to slow engines.
        let set = regex::RegexSetBuilder::new(&patterns)
            .dfa_size_limit(DFA_CACHE_BYTES)
            .build()
            .map_err(|e| rules_table.error(0, e.to_string()))?;
        let any = regex::RegexBuilder::new(&format!(r"(?i)(?-u:\b)(?:{})", bodies.join("|")))
            .dfa_size_limit(DFA_CACHE_BYTES)
            .build()
            .map_err(|e| rules_table.error(0, e.to_string()))?;
        Ok(Lexicon {
            classes,
            rules,
            set,
            any,
        })
    }

    /// The entry of `word` (any case) in `class`.
    pub fn word(&self, class: &str, word: &str) -> Option<&Word> {
        let words = self.classes.get(class)?;
        // Short ASCII words ("Monday", "last  week"): the key is built on the stack in one pass. This is called for
        // every word around every date (tense cues), so an allocation here was a sizeable share of the analysis.
        let mut buf = [0u8; KEY_BYTES];
        if let Some(key) = ascii_key(word.as_bytes(), &mut buf) {
            return words.get(key);
        }
        let key = normalise_space(word).to_lowercase().replace('’', "'");
        words.get(key.as_bytes())
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

/// A regex compiled on first use (see [`Lexicon::build`]); it dereferences to the compiled [`Regex`].
pub struct LazyRegex {
    pattern: String,
    compiled: OnceLock<Regex>,
}

impl LazyRegex {
    fn new(pattern: String) -> LazyRegex {
        LazyRegex {
            pattern,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern, without compiling it.
    #[cfg(test)]
    pub fn pattern(&self) -> &str {
        &self.pattern
    }
}

impl std::ops::Deref for LazyRegex {
    type Target = Regex;

    fn deref(&self) -> &Regex {
        self.compiled.get_or_init(|| match Regex::new(&self.pattern) {
            Ok(r) => r,
            // The same pattern compiled inside the rule set when the tables were built (and within a larger size
            // budget), so this cannot fail on any text; the table tests compile every rule.
            Err(e) => panic!("date rule '{}': {e}", self.pattern),
        })
    }
}

impl std::fmt::Debug for LazyRegex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("LazyRegex").field(&self.pattern).finish()
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
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Replaces `{class}` placeholders by named groups of alternatives, longest first.
fn expand(pattern: &str, classes: &FastMap<&'static str, FastMap<Box<[u8]>, Word>>) -> Result<String, String> {
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
        if let Some(shape) = builtin(class) {
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

/// An alternation of the words, longest first, cased words only with a capital (or all capitals) unless `any_case`.
fn alternation<'a>(words: impl Iterator<Item = &'a Word>, any_case: bool) -> String {
    let mut words: Vec<&Word> = words.collect();
    words.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(b.text)));
    let alts: Vec<String> = words
        .iter()
        .map(|w| {
            let escaped = regex::escape(w.text).replace(' ', r"\s+").replace('\'', "['’]");
            if w.cased && !any_case {
                let upper = regex::escape(&w.text.to_uppercase()).replace(' ', r"\s+");
                format!("(?-i:{escaped}|{upper})")
            } else {
                escaped
            }
        })
        .collect();
    // A word ending in a letter must not run into the next word; one ending in "." may.
    format!("(?:{})", alts.join("|"))
}

#[cfg(test)]
mod tests {
    use super::*;

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
            let compiled = Regex::new(rule.regex.pattern()).expect("rule compiles");
            let expected: Vec<(usize, &str)> = compiled
                .capture_names()
                .enumerate()
                .filter_map(|(i, n)| Some((i, n?)))
                .collect();
            assert_eq!(
                capture_names(rule.regex.pattern()),
                expected,
                "{}",
                rule.regex.pattern()
            );
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
