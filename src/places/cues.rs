//! The geoparser's context cues, read once from the language tables.

use crate::hash::FastSet as HashSet;
use crate::lang::{self, Tables};

/// Whether `set` holds `word` lower-cased: `set.contains(word.to_lowercase())` without the allocation for a word of
/// up to 32 ASCII bytes (nearly every word the geoparser asks about).
pub fn has_lower(set: &HashSet<&str>, word: &str) -> bool {
    if word.len() <= 32 && word.is_ascii() {
        let mut buf = [0u8; 32];
        let lower = &mut buf[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).is_ok_and(|w| set.contains(w));
    }
    set.contains(word.to_lowercase().as_str())
}

/// Word lists the geoparser consults, from `src/lang/<code>/places_*` and the rows of `given_names.tsv` and
/// `titles.tsv` marked `places`.
#[derive(Debug, Default)]
pub struct Cues {
    /// Whole mentions that are not places (case-sensitive).
    pub stopwords: HashSet<&'static str>,
    /// Common given names (case-sensitive), from the given names the places engine reads.
    pub first_names: HashSet<&'static str>,
    /// Common words that some name happens to spell (lower case).
    pub common_words: HashSet<&'static str>,
    /// Person titles (case-sensitive, without a final full stop), from the titles the places engine reads.
    pub titles: HashSet<&'static str>,
    /// Words after a place that make it an organisation or street.
    pub org_head: HashSet<&'static str>,
    /// Words before "of" + place that make it an organisation.
    pub org_before: HashSet<&'static str>,
    /// Multi-word organisations, in key form (see [`super::name::normalize`]).
    pub org_phrases: HashSet<String>,
    /// First words of `org_phrases`, as written in the table ("White", "Al").
    pub org_first_words: HashSet<&'static str>,
    /// Words after a place that keep it a place.
    pub place_head: HashSet<&'static str>,
    /// Words before a place that make it literal (lower case).
    pub locative: HashSet<&'static str>,
    /// Auxiliaries and adverbs skipped between a subject and its verb (lower case).
    pub aux: HashSet<&'static str>,
    /// Verbs whose subject is an actor (lower case).
    pub say_verbs: HashSet<&'static str>,
    /// Nouns after a country that make it an actor (lower case).
    pub actor_nouns: HashSet<&'static str>,
    /// Phrases before a place that treat it as an actor (lower case, one or two words).
    pub actor_objects: HashSet<&'static str>,
    /// Words after a name that make it a first-order division (lower case).
    pub container_admin: HashSet<&'static str>,
    /// Words before "of" + name that make it a town (lower case).
    pub container_city: HashSet<&'static str>,
    /// Words after a name that make it a town (lower case).
    pub town_head: HashSet<&'static str>,
    /// Words between "X, ... Y" that place X near Y (lower case).
    pub relative: HashSet<&'static str>,
    /// Words allowed beside [`Cues::relative`] ("just", "miles", "of"), lower case.
    pub relative_filler: HashSet<&'static str>,
    /// Capitalised words before a name that make a longer name of another place ("New Miami").
    pub name_prefix: HashSet<&'static str>,
    /// Capitalised words after a name that make a longer name of another place ("Roanoke Park").
    pub name_suffix: HashSet<&'static str>,
    /// Plural division words after a list of names, with the singular the names end in ("counties" ->
    /// "county"), lower case.
    pub plural_division: Vec<(&'static str, &'static str)>,
    /// Lower-case words allowed inside a multi-word name ("Rio de Janeiro", "Stratford upon Avon"),
    /// case-sensitive.
    pub connectors: HashSet<&'static str>,
    /// Lower-case articles joined by a hyphen to a capitalised name ("al-Hasakah"), case-sensitive.
    pub hyphen_articles: HashSet<&'static str>,
    /// Lower-case particles inside a person's name ("bin", "van"), case-sensitive.
    pub name_particles: HashSet<&'static str>,
    /// Capitalised words that carry a title on ("Foreign" Minister, Secretary of "State"), case-sensitive.
    pub title_parts: HashSet<&'static str>,
    /// The word after [`Cues::of`] that carries a title on ("Secretary of State"), case-sensitive.
    pub title_of: HashSet<&'static str>,
    /// The preposition between a head and a name ("Bank of America", "the city of Aleppo"), case-sensitive.
    pub of: HashSet<&'static str>,
    /// The conjunction joining names ("Washington and Moscow"), case-sensitive.
    pub and: HashSet<&'static str>,
    /// The word after an apostrophe that makes a name possessive ("Syria's"), case-sensitive.
    pub possessive: HashSet<&'static str>,
    /// Verbs after a lone name that make it a person ("Henry said"), case-sensitive.
    pub person_verbs: HashSet<&'static str>,
    /// Words skipped between a subject and its verb that are no auxiliaries ("on", weekdays), lower case.
    pub time_words: HashSet<&'static str>,
    /// The article skipped before a name ("accused the US"), lower case.
    pub articles: HashSet<&'static str>,
    /// Words that make the verb after them passive ("been"), lower case.
    pub passive: HashSet<&'static str>,
    /// Endings of adverbs skipped between a subject and its verb ("repeatedly"), lower case.
    pub adverb_suffixes: Vec<&'static str>,
    /// Endings that keep a word with an adverb ending a verb ("apply"), lower case.
    pub not_adverb_suffixes: Vec<&'static str>,
    /// Endings of verb forms after an auxiliary ("has been pushing", "has repeatedly accused"), lower case.
    pub verb_suffixes: Vec<&'static str>,
}

/// True when `word` ends with one of `suffixes`.
pub fn ends_with_any(word: &str, suffixes: &[&str]) -> bool {
    suffixes.iter().any(|s| word.ends_with(s))
}

impl Cues {
    /// Reads the cues of `tables`.
    pub fn new(tables: &Tables) -> Cues {
        let mut c = Cues {
            stopwords: lang::lines(tables.places_stopwords).collect(),
            first_names: lang::rows_for(tables.given_names, "places").collect(),
            // Words have no full stops: "Sen." is "Sen" here.
            titles: lang::rows_for(tables.titles, "places")
                .map(|t| t.strip_suffix('.').unwrap_or(t))
                .collect(),
            common_words: lang::lines(tables.places_common_words).collect(),
            ..Cues::default()
        };
        for row in lang::rows(tables.places_context) {
            let (Some(class), Some(word)) = (row.first(), row.get(1)) else {
                continue;
            };
            let word = *word;
            match *class {
                "org_head" => c.org_head.insert(word),
                "org_before" => c.org_before.insert(word),
                "org_phrase" => {
                    if let Some(first) = word.split([' ', '-']).next() {
                        c.org_first_words.insert(first);
                    }
                    c.org_phrases.insert(super::name::normalize(word))
                }
                "place_head" => c.place_head.insert(word),
                "locative" => c.locative.insert(word),
                "aux" => c.aux.insert(word),
                "say_verb" => c.say_verbs.insert(word),
                "actor_noun" => c.actor_nouns.insert(word),
                "actor_object" => c.actor_objects.insert(word),
                "container_admin" => c.container_admin.insert(word),
                "container_city" => c.container_city.insert(word),
                "town_head" => c.town_head.insert(word),
                "relative" => c.relative.insert(word),
                "relative_filler" => c.relative_filler.insert(word),
                "name_prefix" => c.name_prefix.insert(word),
                "name_suffix" => c.name_suffix.insert(word),
                "connector" => c.connectors.insert(word),
                "hyphen_article" => c.hyphen_articles.insert(word),
                "name_particle" => c.name_particles.insert(word),
                "title_part" => c.title_parts.insert(word),
                "title_of" => c.title_of.insert(word),
                "of" => c.of.insert(word),
                "and" => c.and.insert(word),
                "possessive" => c.possessive.insert(word),
                "person_verb" => c.person_verbs.insert(word),
                "time_word" => c.time_words.insert(word),
                "article" => c.articles.insert(word),
                "passive" => c.passive.insert(word),
                "adverb_suffix" => {
                    c.adverb_suffixes.push(word);
                    false
                }
                "not_adverb_suffix" => {
                    c.not_adverb_suffixes.push(word);
                    false
                }
                "verb_suffix" => {
                    c.verb_suffixes.push(word);
                    false
                }
                "plural_division" => {
                    if let Some(singular) = row.get(2) {
                        c.plural_division.push((word, singular));
                    }
                    false
                }
                _ => false,
            };
        }
        c
    }
}
