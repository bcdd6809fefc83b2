//! The entity tables, parsed and compiled once.

use crate::doc::char_at;
use crate::hash::{FastMap as HashMap, FastSet as HashSet};
use crate::lang::literals::{Case, GuardedRegex};
use crate::lang::{self, TableError, Tables};
use crate::model::EntityKind;

/// One row of the organisations table.
#[derive(Debug, Clone)]
pub struct OrgEntry {
    /// Organisation or group.
    pub kind: EntityKind,
    /// The long form all aliases point to.
    pub canonical: &'static str,
    /// ISO country, for national institutions.
    pub country: Option<&'static str>,
}

/// Number words by their role in a spelled-out number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberWord {
    /// A value that can stand alone or follow a ten ("three", "fifteen").
    Unit(f64),
    /// A multiple of ten ("forty").
    Ten(f64),
    /// A multiplier ("million").
    Scale(f64),
    /// A phrase with one value ("a dozen").
    Fixed(f64),
    /// A vague quantity: low, best, high ("dozens").
    Vague(f64, f64, f64),
}

/// The compiled entity tables of one language.
#[derive(Debug)]
pub struct Lexicon {
    /// Known organisations by name.
    pub orgs: HashMap<&'static str, OrgEntry>,
    /// All known organisation names, longest first, as one alternation.
    pub(crate) org_re: GuardedRegex,
    /// Runs of capitalised words ending in an organisation suffix.
    pub(crate) org_suffix_re: GuardedRegex,
    /// Kind of each organisation suffix.
    pub org_suffixes: HashMap<&'static str, EntityKind>,
    /// Given name(s) followed by a surname.
    pub(crate) full_name_re: GuardedRegex,
    /// A title followed by one or two capitalised words.
    pub(crate) title_name_re: GuardedRegex,
    /// The titles in the order `title_name_re` tries them (longest first, then alphabetical).
    pub(crate) titles_in_order: Vec<&'static str>,
    /// A title (with an optional country before it) ending just before a name.
    pub(crate) role_before_re: GuardedRegex,
    /// "Firstname Lastname said" and "said Firstname Lastname".
    pub(crate) said_re: GuardedRegex,
    /// Given names.
    pub first_names: HashSet<&'static str>,
    /// Titles and roles that stand before a person's name ("CEO", "Secretary of State").
    pub titles: HashSet<&'static str>,
    /// Words that make a tagged name no person or organisation ("FTSE", "Nikkei", "GMT").
    pub not_agents: HashSet<&'static str>,
    /// Lower-case words that may stand inside a name ("of", "de", "bin").
    pub name_joiners: HashSet<&'static str>,
    /// Longest entry of `not_agents`, in bytes.
    not_agents_longest: usize,
    /// Every word of the lists above with the lists it is in, as one bit set ([`Lexicon::word_flags`]).
    word_flags: HashMap<&'static str, u8>,
    /// Words that never start a name.
    pub stopwords: HashSet<&'static str>,
    /// Months, to keep dates out of numbers.
    pub months: HashSet<&'static str>,
    /// Demonyms with their country (None for peoples without a state).
    pub demonyms: HashMap<&'static str, Option<&'static str>>,
    /// All demonyms as one alternation.
    pub(crate) demonym_re: GuardedRegex,
    /// Number words.
    pub number_words: HashMap<String, NumberWord>,
    /// Numbers in digits or words, and vague quantities.
    pub(crate) number_re: GuardedRegex,
}

/// The particles [`SURNAME`] allows before a surname, in its order (a test checks the two agree).
pub(crate) const SURNAME_PARTICLES: [&str; 19] = [
    "al", "el", "bin", "ibn", "van", "von", "de", "del", "da", "di", "du", "le", "la", "ben", "Al", "El", "Abu", "De",
    "Van",
];

/// A surname with optional particle ("al-Assad", "van Rompuy", "Kerry").
pub const SURNAME: &str =
    r"(?:(?:al|el|bin|ibn|van|von|de|del|da|di|du|le|la|ben|Al|El|Abu|De|Van)[-\s])?[A-Z][\w'’]+(?:-[A-Z][\w'’]+)?";

// Word boundaries are ASCII (`(?-u:\b)`): a Unicode boundary keeps the regex crate off its fast DFA,
// which costs several times the whole stage budget; names and number words are ASCII in the tables.
fn alternation<'a>(items: impl Iterator<Item = &'a str>) -> String {
    alternation_order(items)
        .iter()
        .map(|s| regex::escape(s))
        .collect::<Vec<_>>()
        .join("|")
}

/// The words of an [`alternation`] in its order: longest first, then alphabetical, each once (the order in which the
/// regex tries them).
fn alternation_order<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut v: Vec<&str> = items.collect();
    v.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    v.dedup();
    v
}

/// Month names and abbreviations: the `month` class of the dates engine's words, without a final full stop
/// ("Sept." is "Sept").
fn months(t: &Tables) -> HashSet<&'static str> {
    lang::rows(t.dates_words)
        .filter(|row| row.first() == Some(&"month"))
        .filter_map(|row| row.get(1).map(|w| w.strip_suffix('.').unwrap_or(w)))
        .collect()
}

fn build(t: &Tables) -> Lexicon {
    let mut orgs = HashMap::default();
    for row in lang::rows(t.orgs) {
        let (Some(name), Some(kind), Some(canonical)) = (row.first(), row.get(1), row.get(2)) else {
            continue;
        };
        let kind = if *kind == "group" {
            EntityKind::Group
        } else {
            EntityKind::Org
        };
        let country = row.get(3).copied().filter(|c| !c.is_empty());
        orgs.insert(
            *name,
            OrgEntry {
                kind,
                canonical,
                country,
            },
        );
    }
    // Names ending in a dot cannot take a trailing word boundary; boundaries are checked after matching.
    let org_re = GuardedRegex::new(
        format!(r"(?:{})", alternation(orgs.keys().copied())),
        orgs.keys().copied(),
        Case::Sensitive,
        false,
    );

    let mut org_suffixes = HashMap::default();
    for row in lang::rows(t.org_suffixes) {
        if let (Some(s), Some(k)) = (row.first(), row.get(1)) {
            org_suffixes.insert(
                *s,
                if *k == "group" {
                    EntityKind::Group
                } else {
                    EntityKind::Org
                },
            );
        }
    }
    let cap = r"[A-Z][\w'’&-]*";
    let sep = r"(?:[ \t]+\n?[ \t]*|\n[ \t]*)";
    let org_suffix_re = GuardedRegex::new(
        format!(
            // The words of a name may wrap onto the next line, but a blank line ends the name.
            r"(?-u:\b)(?:{cap}{sep}(?:(?:of|for){sep})?){{1,5}}(?:{})(?:(?-u:\b)|$)",
            alternation(org_suffixes.keys().copied())
        ),
        org_suffixes.keys().copied(),
        Case::Sensitive,
        false,
    );

    let first_names: HashSet<&str> = lang::rows_for(t.given_names, "entities").collect();
    let firsts = alternation(first_names.iter().copied());
    let full_name_re = GuardedRegex::new(
        format!(r"(?-u:\b)(?:(?:{firsts})\s+)+(?:[A-Z]\.\s+)?{SURNAME}(?-u:\b)"),
        first_names.iter().copied(),
        Case::Sensitive,
        false,
    );
    let title_words: Vec<&str> = lang::rows_for(t.titles, "entities").collect();
    let titles = alternation(title_words.iter().copied());
    let title_name_re = GuardedRegex::new(
        format!(r"(?-u:\b)(?:{titles})\s+((?:{cap}\s+)?{SURNAME})(?-u:\b)"),
        title_words.iter().copied(),
        Case::Sensitive,
        false,
    );
    let role_before_re = GuardedRegex::new(
        format!(r"((?:(?-u:\b)(?:U\.S\.|U\.K\.|U\.N\.|[A-Z]{{2,3}}|[A-Z][a-z]+)\s+)?(?:{titles}))\s+$"),
        title_words.iter().copied(),
        Case::Sensitive,
        false,
    );
    let said_re = GuardedRegex::new(
        format!(
            r"(?-u:\b)({cap}\s+{SURNAME}),?\s+(?:said|says|told|added)(?-u:\b)|(?-u:\b)(?:said|says)\s+({cap}\s+{SURNAME})(?-u:\b)"
        ),
        ["said", "says", "told", "added"],
        Case::Sensitive,
        false,
    );

    let mut demonyms = HashMap::default();
    for row in lang::rows(t.demonyms) {
        if let (Some(w), Some(c)) = (row.first(), row.get(1)) {
            demonyms.insert(*w, Some(*c).filter(|c| *c != "-"));
        }
    }
    let demonym_re = GuardedRegex::new(
        format!(r"(?-u:\b)(?:{})(?-u:\b)", alternation(demonyms.keys().copied())),
        demonyms.keys().copied(),
        Case::Sensitive,
        false,
    );

    let mut number_words = HashMap::default();
    for row in lang::rows(t.numbers) {
        let (Some(w), Some(v), Some(k)) = (row.first(), row.get(1), row.get(2)) else {
            continue;
        };
        let nums: Vec<f64> = v.split(',').filter_map(|x| x.trim().parse().ok()).collect();
        let word = match (*k, nums.as_slice()) {
            ("unit", [n]) => NumberWord::Unit(*n),
            ("ten", [n]) => NumberWord::Ten(*n),
            ("scale", [n]) => NumberWord::Scale(*n),
            ("fixed", [n]) => NumberWord::Fixed(*n),
            ("vague", [l, b, h]) => NumberWord::Vague(*l, *b, *h),
            _ => continue,
        };
        number_words.insert(w.to_lowercase(), word);
    }
    let of_kind =
        |f: fn(&NumberWord) -> bool| alternation(number_words.iter().filter(|(_, v)| f(v)).map(|(k, _)| k.as_str()));
    let phrases = of_kind(|w| matches!(w, NumberWord::Fixed(_) | NumberWord::Vague(..)));
    let units = of_kind(|w| matches!(w, NumberWord::Unit(_)));
    let tens = of_kind(|w| matches!(w, NumberWord::Ten(_)));
    let scales = of_kind(|w| matches!(w, NumberWord::Scale(_)));
    // Every match is digits (Unicode `\d`) or holds a number word.
    let number_re = GuardedRegex::new(
        format!(
            r"(?i)(?-u:\b)(?:(?P<phrase>{phrases})|(?P<digits>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)(?:\s+(?P<dscale>{scales}))?|(?P<words>(?:(?:{tens})(?:[-\s](?:{units}))?|(?:{units}))(?:\s+(?:{scales}))*))(?-u:\b)"
        ),
        number_words.keys().map(String::as_str),
        Case::Insensitive,
        true,
    );

    let not_agents: HashSet<&'static str> = lang::rows(t.not_agents).filter_map(|r| r.first().copied()).collect();
    let mut lexicon = Lexicon {
        not_agents_longest: not_agents.iter().map(|n| n.len()).max().unwrap_or(0),
        word_flags: HashMap::default(),
        orgs,
        org_re,
        org_suffix_re,
        org_suffixes,
        full_name_re,
        title_name_re,
        titles_in_order: alternation_order(title_words.iter().copied()),
        role_before_re,
        said_re,
        first_names,
        titles: title_words.iter().copied().collect(),
        not_agents,
        stopwords: lang::lines(t.name_stopwords).collect(),
        name_joiners: lang::lines(t.name_joiners).collect(),
        months: months(t),
        demonyms,
        demonym_re,
        number_words,
        number_re,
    };
    lexicon.word_flags = word_flags(&lexicon);
    lexicon
}

/// The lists each word of the lexicon is in, one bit a list, in the order the name tagger's features read them
/// (its model was trained with this order: a new list takes a new bit at the end).
fn word_flags(lex: &Lexicon) -> HashMap<&'static str, u8> {
    let lists: [Vec<&'static str>; 8] = [
        lex.first_names.iter().copied().collect(),
        lex.org_suffixes.keys().copied().collect(),
        lex.demonyms.keys().copied().collect(),
        lex.stopwords.iter().copied().collect(),
        lex.months.iter().copied().collect(),
        lex.orgs.keys().copied().collect(),
        lex.titles.iter().copied().collect(),
        lex.not_agents.iter().copied().collect(),
    ];
    let mut flags: HashMap<&'static str, u8> = HashMap::default();
    for (bit, words) in lists.iter().enumerate() {
        for &w in words {
            *flags.entry(w).or_insert(0) |= 1 << bit;
        }
    }
    flags
}

impl Lexicon {
    /// The lists `word` is in, one bit a list: given names, organisation suffixes, demonyms, stopwords, months,
    /// organisations, titles, words of no agent. One look-up.
    pub fn word_flags(&self, word: &str) -> u8 {
        self.word_flags.get(word).copied().unwrap_or(0)
    }

    /// Whether `name` holds a word or words of `not_agents` standing alone (not inside a longer word: "Dow" in
    /// "Dow Jones" but not in "Dowling"). The entries start and end with a letter or digit, so only the stretches
    /// from a word's start to a word's end, no longer than the longest entry, are looked up: O(w²) for w words.
    pub fn holds_not_agent(&self, name: &str) -> bool {
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut starts = name
            .char_indices()
            .filter(|&(at, c)| c.is_alphanumeric() && !alnum(name[..at].chars().next_back()));
        starts.any(|(from, _)| {
            let rest = &name[from..];
            rest.char_indices()
                .map(|(at, c)| at + c.len_utf8())
                .take_while(|&end| end <= self.not_agents_longest)
                .filter(|&end| alnum(rest[..end].chars().next_back()) && !alnum(rest[end..].chars().next()))
                .any(|end| self.not_agents.contains(&rest[..end]))
        })
    }
}

/// The byte length of the word character of [`word_runs`] at `at` in `text`: a letter, digit, `_`, apostrophe or
/// hyphen; 0 when the character there is none of them (or the text ends). Inlined: it runs for every byte.
#[inline(always)]
fn word_len(text: &str, at: usize) -> usize {
    match text.as_bytes().get(at) {
        None => 0,
        Some(&b) if b.is_ascii() => usize::from(b.is_ascii_alphanumeric() || matches!(b, b'_' | b'\'' | b'-')),
        Some(_) => char_at(text, at)
            .filter(|&(c, _)| c.is_alphanumeric() || c == '’')
            .map_or(0, |(_, len)| len),
    }
}

/// Runs of letters, digits and apostrophes joined by single hyphens ("al-Assad's"), with their offsets. Reads
/// ASCII a byte at a time (most of a text), other characters decoded; linear in the text.
fn word_runs(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || loop {
        let &b = bytes.get(at)?;
        let len = word_len(text, at);
        // A run does not start with a hyphen.
        if len == 0 || b == b'-' {
            at += char_at(text, at).map_or(1, |(_, len)| len);
            continue;
        }
        let start = at;
        at += len;
        loop {
            let len = word_len(text, at);
            if len == 0 {
                break;
            }
            at += len;
        }
        return Some((start, text[start..at].trim_end_matches('-')));
    })
}

impl Lexicon {
    /// Every word of `text` found in `names` (a possessive `'s` dropped; "Assad" also inside "al-Assad"),
    /// with its span and the value it maps to. Avoids compiling a regex per document.
    pub fn lookup_words<'a, V>(&self, text: &str, names: &'a HashMap<String, V>) -> Vec<(usize, usize, &'a V)> {
        let mut out = Vec::new();
        if names.is_empty() {
            return out;
        }
        // Names are mostly capitalised (surnames, acronyms): then a word that starts with a small ASCII letter or
        // a digit, whole or after its last hyphen, is not hashed at all (most words of a text).
        let may_be_capitalised = |w: &str| {
            w.bytes()
                .next()
                .is_some_and(|b| !(b.is_ascii_lowercase() || b.is_ascii_digit()))
        };
        let all_capitalised = names.keys().all(|k| k.starts_with(char::is_uppercase));
        for (start, w) in word_runs(text) {
            let bare = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")).unwrap_or(w);
            let hyphen = bare.rfind('-');
            if all_capitalised
                && !may_be_capitalised(bare)
                && !hyphen.is_some_and(|k| may_be_capitalised(&bare[k + 1..]))
            {
                continue;
            }
            if let Some(v) = names.get(bare) {
                out.push((start, start + bare.len(), v));
            } else if let Some(k) = hyphen {
                if let Some(v) = names.get(&bare[k + 1..]) {
                    out.push((start + k + 1, start + bare.len(), v));
                }
            }
        }
        out
    }

    /// The English lexicon, compiled on first use (that of [`crate::lang::Language::english`]).
    pub fn get() -> &'static Lexicon {
        crate::lang::Language::english().entities()
    }

    /// Compiles the tables of `tables` this engine reads.
    pub fn build(tables: &Tables) -> Result<Lexicon, TableError> {
        Ok(build(tables))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_are_the_month_names_of_the_dates_tables() {
        // Read from dates_words.tsv: a month row added or removed there changes which numbers are counts.
        let mut months: Vec<&str> = Lexicon::get().months.iter().copied().collect();
        months.sort_unstable();
        assert_eq!(
            months,
            [
                "Apr",
                "April",
                "Aug",
                "August",
                "Dec",
                "December",
                "Feb",
                "February",
                "Jan",
                "January",
                "Jul",
                "July",
                "Jun",
                "June",
                "Mar",
                "March",
                "May",
                "Nov",
                "November",
                "Oct",
                "October",
                "Sep",
                "Sept",
                "September"
            ]
        );
    }

    #[test]
    fn a_word_of_no_agent_counts_only_standing_alone() {
        let lex = Lexicon::get();
        assert!(lex.holds_not_agent("Dow Jones Industrial Average"));
        assert!(lex.holds_not_agent("the Hang Seng"));
        assert!(lex.holds_not_agent("S&P 500"));
        assert!(lex.holds_not_agent("Dow-Jones"));
        assert!(!lex.holds_not_agent("Dowling"));
        assert!(!lex.holds_not_agent("Hang Sengs"));
        assert!(!lex.holds_not_agent("Apple Computer"));
        assert!(!lex.holds_not_agent(""));
    }

    #[test]
    fn word_flags_name_each_list_a_word_is_in() {
        let lex = Lexicon::get();
        // One bit a list, in the tagger's order: given names, organisation suffixes, demonyms, stopwords, months,
        // organisations, titles, words of no agent.
        let expect = |word: &str| {
            u8::from(lex.first_names.contains(word))
                | u8::from(lex.org_suffixes.contains_key(word)) << 1
                | u8::from(lex.demonyms.contains_key(word)) << 2
                | u8::from(lex.stopwords.contains(word)) << 3
                | u8::from(lex.months.contains(word)) << 4
                | u8::from(lex.orgs.contains_key(word)) << 5
                | u8::from(lex.titles.contains(word)) << 6
                | u8::from(lex.not_agents.contains(word)) << 7
        };
        for word in [
            "John",
            "Inc",
            "Syrian",
            "The",
            "September",
            "Reuters",
            "President",
            "Dow",
            "Homs",
            "zzz",
        ] {
            assert_eq!(lex.word_flags(word), expect(word), "{word}");
        }
        assert_ne!(lex.word_flags("September"), 0);
        assert_eq!(lex.word_flags("zzz"), 0);
    }
}
