//! Language tables, kept apart from the code that matches them.
//!
//! Each language is a folder of plain-text tables under `src/lang/<code>/`, embedded at build time.
//! Adding a language means adding a folder and a [`Tables`] entry; no engine code changes.

/// The tables one language supplies to the engines.
#[derive(Debug, Clone, Copy)]
pub struct Tables {
    /// ISO 639-1 code.
    pub code: &'static str,
    /// Abbreviations whose full stop does not end a sentence.
    pub abbreviations: &'static str,
    // --- dates engine (src/dates) ---
    /// Word classes of time expressions (months, units, vague references, cues): `class\tword\tvalue[\tflags]`.
    pub dates_words: &'static str,
    /// Recognition rules of time expressions: `function\ttype\tpattern` with `{class}` placeholders.
    pub dates_rules: &'static str,
    // --- end dates engine ---
    // -- places (src/places) --
    /// Capitalised words that name towns but are nearly always something else ("Mobile", "Reading").
    pub places_stopwords: &'static str,
    /// Context cues for the geoparser: titles, organisation heads, locatives, metonymy verbs (`class<TAB>word`).
    pub places_context: &'static str,
    /// Common given names: the capitalised word after one is a surname, not a place.
    pub places_first_names: &'static str,
    /// Common words that some gazetteer name happens to spell ("but", "much"), lower case.
    pub places_common_words: &'static str,
    // --- entities and events (branch `events`) ---
    /// Titles and roles before a person's name ("Secretary of State").
    pub titles: &'static str,
    /// Given names that start a person's name.
    pub first_names: &'static str,
    /// Known organisations and groups: name, kind, canonical, country.
    pub orgs: &'static str,
    /// Last words that make a capitalised run an organisation or group.
    pub org_suffixes: &'static str,
    /// Nationality adjectives and demonyms with their ISO country code.
    pub demonyms: &'static str,
    /// Number words, scales and vague quantities.
    pub numbers: &'static str,
    /// Event trigger words and phrases with their type.
    pub triggers: &'static str,
    /// Event types with their family and merge group.
    pub event_types: &'static str,
    /// Polarity, modality and anaphor cues around triggers.
    pub event_cues: &'static str,
    /// Words that make a nearby count a casualty count.
    pub casualty_cues: &'static str,
    /// Words before a count that hedge it ("at least", "nearly").
    pub count_qualifiers: &'static str,
    /// Capitalised function words, weekdays and months that never start a name.
    pub name_stopwords: &'static str,
    /// Month names and abbreviations, to keep day numbers and years out of the counts.
    pub months: &'static str,
    // --- end entities and events ---
}

/// English.
pub const EN: Tables = Tables {
    code: "en",
    abbreviations: embedded_table!("lang/en/abbreviations.txt"),
    // --- dates engine (src/dates) ---
    dates_words: embedded_table!("lang/en/dates_words.tsv"),
    dates_rules: embedded_table!("lang/en/dates_rules.tsv"),
    // --- end dates engine ---
    // -- places (src/places) --
    places_stopwords: embedded_table!("lang/en/places_stopwords.txt"),
    places_context: embedded_table!("lang/en/places_context.tsv"),
    places_first_names: embedded_table!("lang/en/places_first_names.txt"),
    places_common_words: embedded_table!("lang/en/places_common_words.txt"),
    // --- entities and events (branch `events`) ---
    titles: embedded_table!("lang/en/titles.txt"),
    first_names: embedded_table!("lang/en/first_names.txt"),
    orgs: embedded_table!("lang/en/orgs.tsv"),
    org_suffixes: embedded_table!("lang/en/org_suffixes.tsv"),
    demonyms: embedded_table!("lang/en/demonyms.tsv"),
    numbers: embedded_table!("lang/en/numbers.tsv"),
    triggers: embedded_table!("lang/en/triggers.tsv"),
    event_types: embedded_table!("lang/en/event_types.tsv"),
    event_cues: embedded_table!("lang/en/event_cues.tsv"),
    casualty_cues: embedded_table!("lang/en/casualty_cues.tsv"),
    count_qualifiers: embedded_table!("lang/en/count_qualifiers.tsv"),
    name_stopwords: embedded_table!("lang/en/name_stopwords.txt"),
    months: embedded_table!("lang/en/months.txt"),
    // --- end entities and events ---
};

/// Lines of a table: trimmed, without blank lines and `#` comments.
pub fn lines(table: &'static str) -> impl Iterator<Item = &'static str> {
    table
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Rows of a tab-separated table, each split into its fields.
pub fn rows(table: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    lines(table).map(|l| l.split('\t').map(str::trim).collect())
}
