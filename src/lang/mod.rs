//! Languages: a folder of plain-text tables each, compiled once into a [`Language`] that every engine reads.
//!
//! English is the folder `src/lang/en/`, embedded at build time ([`Language::english`]). Another language is another
//! folder with files of the same names ([`Tables::FILES`]); [`Language::from_dir`] reads one at run time, and no
//! engine code changes for it (`tests/toy_language.rs` proves it with a folder of a few lines). A file a language
//! does not have is an empty table: that engine then finds nothing of its kind in that language.

pub mod detect;
pub(crate) mod literals;

use crate::hash::FastSet as HashSet;
use std::fmt;

/// One table: its text and the file it came from (for error messages).
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The file, as a person finds it (`src/lang/en/dates_rules.tsv`).
    pub file: &'static str,
    /// Its text. Comment and blank lines may be empty lines (see `build.rs`), so line numbers are the file's.
    pub text: &'static str,
}

impl Table {
    /// A table with no rows, for a language that lacks the file.
    pub const fn empty(file: &'static str) -> Table {
        Table { file, text: "" }
    }

    /// The error for line `line` (1-based) of this table.
    pub fn error(&self, line: usize, message: impl Into<String>) -> TableError {
        TableError {
            file: self.file.to_string(),
            line,
            message: message.into(),
        }
    }
}

/// A table that does not read: the file, the line (1-based; 0 for the whole file) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    /// The table's file.
    pub file: String,
    /// The line, 1-based; 0 when the error is about the whole table.
    pub line: usize,
    /// What is wrong there.
    pub message: String,
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}: {}", self.file, self.line, self.message)
        }
    }
}

impl std::error::Error for TableError {}

/// Declares [`Tables`] with one field per table file, the list of files, and the embedded English tables.
macro_rules! declare_tables {
    ($($(#[doc = $doc:literal])* $field:ident: $file:literal,)*) => {
        /// The tables one language supplies to the engines, one per file of its folder.
        #[derive(Debug, Clone, Copy)]
        pub struct Tables {
            /// ISO 639-1 code.
            pub code: &'static str,
            $($(#[doc = $doc])* pub $field: Table,)*
        }

        impl Tables {
            /// The file name of every table, in field order.
            pub const FILES: &'static [&'static str] = &[$($file),*];

            /// The tables of `code` read by `read` from each file name; `read` gives `None` for a missing file.
            fn read_with(
                code: &'static str,
                mut read: impl FnMut(&'static str) -> std::io::Result<Option<(&'static str, &'static str)>>,
            ) -> std::io::Result<Tables> {
                Ok(Tables {
                    code,
                    $($field: match read($file)? {
                        Some((file, text)) => Table { file, text },
                        None => Table::empty($file),
                    },)*
                })
            }
        }

        /// English, embedded from `src/lang/en/`.
        pub const EN: Tables = Tables {
            code: "en",
            $($field: Table {
                file: concat!("src/lang/en/", $file),
                text: include_str!(concat!(env!("OUT_DIR"), "/src/lang/en/", $file)),
            },)*
        };
    };
}

declare_tables! {
    /// Abbreviations whose full stop does not end a sentence.
    abbreviations: "abbreviations.txt",
    /// Word classes of time expressions (months, units, vague references, cues): `class\tword\tvalue[\tflags]`.
    dates_words: "dates_words.tsv",
    /// Recognition rules of time expressions: `function\ttype\tpattern` with `{class}` placeholders.
    dates_rules: "dates_rules.tsv",
    /// Capitalised words that name towns but are nearly always something else ("Mobile", "Reading").
    places_stopwords: "places_stopwords.txt",
    /// Context cues for the geoparser: organisation heads, locatives, metonymy verbs (`class<TAB>word`).
    places_context: "places_context.tsv",
    /// Common words that some gazetteer name happens to spell ("but", "much"), lower case.
    places_common_words: "places_common_words.txt",
    /// Titles and roles before a person's name ("Secretary of State"), with the engines that read each.
    titles: "titles.tsv",
    /// Given names, with the engines that read each: they start a person's name, and the word after one is no place.
    given_names: "given_names.tsv",
    /// Known organisations and groups: name, kind, canonical, country.
    orgs: "orgs.tsv",
    /// Last words that make a capitalised run an organisation or group.
    org_suffixes: "org_suffixes.tsv",
    /// Words that make a name found by the name tagger something other than a person or an organisation (a market
    /// index, a time zone): `word<TAB>what it makes the name`.
    not_agents: "not_agents.tsv",
    /// Nationality adjectives and demonyms with their ISO country code.
    demonyms: "demonyms.tsv",
    /// Number words, scales and vague quantities.
    numbers: "numbers.tsv",
    /// Event trigger words and phrases with their type.
    triggers: "triggers.tsv",
    /// Event types with their family and merge group.
    event_types: "event_types.tsv",
    /// Polarity, modality and anaphor cues around triggers.
    event_cues: "event_cues.tsv",
    /// Words that make a nearby count a casualty count.
    casualty_cues: "casualty_cues.tsv",
    /// Words before a count that hedge it ("at least", "nearly").
    count_qualifiers: "count_qualifiers.tsv",
    /// Capitalised function words, weekdays and months that never start a name.
    name_stopwords: "name_stopwords.txt",
    /// Lower-case words that may stand inside a name ("of", "de", "bin").
    name_joiners: "name_joiners.txt",
}

impl Tables {
    /// The tables of the folder `dir` (`code` names the language). A file the folder lacks is an empty table.
    ///
    /// The text is kept for the rest of the process (leaked): a language is loaded once and lives as long as the
    /// program, like the embedded English tables.
    pub fn read_dir(code: &str, dir: &std::path::Path) -> std::io::Result<Tables> {
        fn leak(s: String) -> &'static str {
            Box::leak(s.into_boxed_str())
        }
        Tables::read_with(leak(code.to_string()), |file| {
            let path = dir.join(file);
            match std::fs::read_to_string(&path) {
                Ok(text) => Ok(Some((leak(path.display().to_string()), leak(text)))),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e),
            }
        })
    }
}

/// Lines of a table: trimmed, without blank lines and `#` comments.
pub fn lines(table: Table) -> impl Iterator<Item = &'static str> {
    numbered_lines(table).map(|(_, l)| l)
}

/// Lines of a table with their 1-based line numbers in the file: trimmed, without blank lines and `#` comments.
pub fn numbered_lines(table: Table) -> impl Iterator<Item = (usize, &'static str)> {
    table
        .text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// Rows of a tab-separated table, each split into its fields.
pub fn rows(table: Table) -> impl Iterator<Item = Vec<&'static str>> {
    lines(table).map(|l| l.split('\t').map(str::trim).collect())
}

/// The first column of the rows of `table` whose second column (engine names, comma-separated) names `engine`: a
/// table that several engines share, each reading its own rows (`given_names.tsv`, `titles.tsv`).
pub fn rows_for(table: Table, engine: &'static str) -> impl Iterator<Item = &'static str> {
    rows(table).filter_map(move |row| {
        let used = row.get(1).is_some_and(|e| e.split(',').any(|e| e.trim() == engine));
        row.first().copied().filter(|_| used)
    })
}

/// Rows of a tab-separated table with their 1-based line numbers in the file.
pub fn numbered_rows(table: Table) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    numbered_lines(table).map(|(n, l)| (n, l.split('\t').map(str::trim).collect()))
}

/// One language, compiled: its tables and every engine's lexicon built from them. Built once and shared (it is
/// `Sync`); every engine receives it rather than reaching for a global.
#[derive(Debug)]
pub struct Language {
    tables: Tables,
    abbreviations: HashSet<&'static str>,
    dates: crate::dates::lexicon::Lexicon,
    entities: crate::entities::lexicon::Lexicon,
    events: crate::events::lexicon::Lexicon,
    places: crate::places::cues::Cues,
}

impl Language {
    /// Compiles `tables`: every table is read and checked now, so an error names its file and line before any text
    /// is analysed.
    pub fn new(tables: Tables) -> Result<Language, TableError> {
        Language::compile(tables, true)
    }

    /// Reads `tables`; with `check`, compiles every date rule now (a table read at run time reports a pattern that
    /// does not parse before any text is read). Without it each regex is compiled when a text first needs it: what
    /// the embedded English tables do, which the tests compile whole, so that a one-line text starts in
    /// milliseconds (docs/performance.md, "Cold start").
    pub(crate) fn compile(tables: Tables, check: bool) -> Result<Language, TableError> {
        let dates = if check {
            crate::dates::lexicon::Lexicon::build_checked(&tables)?
        } else {
            crate::dates::lexicon::Lexicon::build(&tables)?
        };
        Ok(Language {
            abbreviations: lines(tables.abbreviations).collect(),
            dates,
            entities: crate::entities::lexicon::Lexicon::build(&tables)?,
            events: crate::events::lexicon::Lexicon::build(&tables)?,
            places: crate::places::cues::Cues::new(&tables),
            tables,
        })
    }

    /// The language of the folder `dir` (see [`Tables::read_dir`]), compiled.
    pub fn from_dir(code: &str, dir: &std::path::Path) -> Result<Language, LoadError> {
        let tables = Tables::read_dir(code, dir).map_err(|e| LoadError::Io(dir.display().to_string(), e))?;
        Language::new(tables).map_err(LoadError::Table)
    }

    /// English, compiled on first use and kept.
    pub fn english() -> &'static Language {
        static EN_LANGUAGE: std::sync::OnceLock<Language> = std::sync::OnceLock::new();
        EN_LANGUAGE.get_or_init(|| match Language::compile(EN, false) {
            Ok(language) => language,
            // The English tables are embedded at build time; `tests::english_tables_compile` fails first.
            Err(e) => panic!("{e}"),
        })
    }

    /// ISO 639-1 code.
    pub fn code(&self) -> &'static str {
        self.tables.code
    }

    /// The tables it was built from.
    pub fn tables(&self) -> &Tables {
        &self.tables
    }

    /// Abbreviations whose full stop ends no sentence.
    pub(crate) fn abbreviations(&self) -> &HashSet<&'static str> {
        &self.abbreviations
    }

    /// The dates engine's compiled tables.
    pub(crate) fn dates(&self) -> &crate::dates::lexicon::Lexicon {
        &self.dates
    }

    /// The names and numbers engine's compiled tables.
    pub(crate) fn entities(&self) -> &crate::entities::lexicon::Lexicon {
        &self.entities
    }

    /// The events engine's compiled tables.
    pub(crate) fn events(&self) -> &crate::events::lexicon::Lexicon {
        &self.events
    }

    /// The geoparser's context cues.
    pub(crate) fn places(&self) -> &crate::places::cues::Cues {
        &self.places
    }
}

/// Why a language folder could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    /// A file of the folder could not be read (the folder, and the reason).
    Io(String, std::io::Error),
    /// A table does not read.
    Table(TableError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Io(dir, e) => write!(f, "{dir}: {e}"),
            LoadError::Table(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for LoadError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_tables_compile() {
        let english = Language::new(EN).map_err(|e| e.to_string());
        assert!(english.is_ok(), "{english:?}");
    }

    #[test]
    fn line_numbers_are_the_files() {
        // build.rs keeps a comment or blank line as an empty line, so numbering matches the source file.
        let source = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lang/en/dates_rules.tsv"))
            .expect("the table is in the source tree");
        for (n, line) in numbered_lines(EN.dates_rules) {
            assert_eq!(source.lines().nth(n - 1).map(str::trim), Some(line), "line {n}");
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        let table = Table {
            file: "src/lang/xx/dates_rules.tsv",
            text: "",
        };
        assert_eq!(
            table.error(7, "unknown rule function 'dmy'").to_string(),
            "src/lang/xx/dates_rules.tsv:7: unknown rule function 'dmy'"
        );
    }
}
