//! The geoparser's context cues, read once from the language tables.

use crate::hash::FastSet as HashSet;
use crate::lang::{self, Tables};

/// Word lists the geoparser consults, all from `src/lang/<code>/places_*`.
#[derive(Debug, Default)]
pub struct Cues {
    /// Whole mentions that are not places (case-sensitive).
    pub stopwords: HashSet<&'static str>,
    /// Common given names (case-sensitive).
    pub first_names: HashSet<&'static str>,
    /// Common words that some name happens to spell (lower case).
    pub common_words: HashSet<&'static str>,
    /// Person titles (case-sensitive, without a final full stop).
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
}

impl Cues {
    /// Reads the cues of `tables`.
    pub fn new(tables: &Tables) -> Cues {
        let mut c = Cues {
            stopwords: lang::lines(tables.places_stopwords).collect(),
            first_names: lang::lines(tables.places_first_names).collect(),
            common_words: lang::lines(tables.places_common_words).collect(),
            ..Cues::default()
        };
        for row in lang::rows(tables.places_context) {
            let (Some(class), Some(word)) = (row.first(), row.get(1)) else {
                continue;
            };
            let word = *word;
            match *class {
                "title" => c.titles.insert(word),
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

    /// The English cues, built once (those of [`lang::Language::english`]).
    pub fn english() -> &'static Cues {
        lang::Language::english().places()
    }
}
