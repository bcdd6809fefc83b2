//! The pipeline: text → [`Doc`] → dates, entities, places → events → [`Analysis`].
//!
//! Every engine has the same shape, `extract(doc, language, ctx) -> part`: it reads the [`Doc`] (text, segments,
//! tokens), its compiled tables in the [`Language`], and a [`Context`] with the document time and the parts found
//! before it. This module runs them in order and assembles the [`Analysis`].

use crate::calendar::Date;
use crate::corrections::{self, Corrections};
use crate::dates::{self, DocTime};
use crate::doc::Doc;
use crate::entities::tagger::NameModel;
use crate::lang::{detect, Language};
use crate::model::{Analysis, DctSource, Document, Entity, Place, Timex, Warning, SCHEMA_VERSION};
use crate::places::Gazetteer;
use crate::segment::SegmentKind;
use crate::{entities, events, places};

/// Largest input accepted, in bytes. Above it [`analyze`] analyses the first part and warns.
pub const MAX_INPUT_BYTES: usize = 16 * 1024 * 1024;

/// Which gazetteer resolves the places.
#[derive(Debug, Clone, Copy, Default)]
pub enum Gazetteers<'g> {
    /// The gazetteer built into the crate (cargo feature `builtin-gazetteer`, on by default). Without the feature
    /// no place is looked up and the analysis says so in a `no_gazetteer` warning.
    #[default]
    Builtin,
    /// This one (the web app's worker passes the one it fetched).
    Given(&'g Gazetteer),
    /// None: no place is looked up, and the analysis says so in a `no_gazetteer` warning.
    Off,
}

impl<'g> Gazetteers<'g> {
    /// The gazetteer chosen, when there is one.
    pub fn get(self) -> Option<&'g Gazetteer> {
        match self {
            Gazetteers::Builtin => Gazetteer::builtin_shared(),
            Gazetteers::Given(g) => Some(g),
            Gazetteers::Off => None,
        }
    }
}

/// Which model tags names ([`crate::entities::tagger`]).
#[derive(Debug, Clone, Copy, Default)]
pub enum NameModels<'m> {
    /// The model built into the crate (cargo feature `builtin-names`, on by default). Without the feature names are
    /// found by the rules alone.
    #[default]
    Builtin,
    /// This one (the web app's worker passes the one it fetched).
    Given(&'m NameModel),
    /// None: names are found by the rules alone.
    Off,
}

impl<'m> NameModels<'m> {
    /// The model chosen, when there is one.
    pub fn get(self) -> Option<&'m NameModel> {
        match self {
            NameModels::Builtin => NameModel::builtin(),
            NameModels::Given(m) => Some(m),
            NameModels::Off => None,
        }
    }
}

/// What the caller knows beyond the text itself.
#[derive(Debug, Clone, Default)]
pub struct Options<'g> {
    /// Document creation time given by the person; overrides everything found.
    pub dct: Option<Date>,
    /// What to take as the document time when neither the person, the metadata nor a dateline gives one.
    pub fallback_dct: Option<FallbackDct>,
    /// Publication date read from metadata (HTML `<meta>`, JSON-LD), as written there (`2016-09-05T14:02:00Z`); used
    /// when no `dct` is given.
    pub meta_dct: Option<String>,
    /// Title from metadata; otherwise the headline is used.
    pub title: Option<String>,
    /// The authors, from the page's metadata; copied into `document.byline`.
    pub byline: Option<String>,
    /// The publication's name, from the page's metadata; copied into `document.site_name`.
    pub site_name: Option<String>,
    /// The page's canonical address; copied into `document.url`.
    pub url: Option<String>,
    /// Warnings from reading the page (metadata that disagreed), put first in the analysis's warnings.
    pub warnings: Vec<Warning>,
    /// Where the text came from (a file name), copied into `document.source`.
    pub source: Option<String>,
    /// The person's corrections, applied after the engines.
    pub corrections: Corrections,
    /// The language's compiled tables; `None` reads English ([`Language::english`]).
    pub language: Option<&'g Language>,
    /// The gazetteer that resolves places.
    pub gazetteer: Gazetteers<'g>,
    /// The model that tags names.
    pub names: NameModels<'g>,
    /// Apply `language`'s tables even to a text that looks written in another language (the app's "Analyse as
    /// English anyway", the CLI's `--language en`). Without it such a text keeps only what no word table reads:
    /// dates and numbers written in figures.
    pub read_anyway: bool,
    /// What to find: everything (the default), or the dates alone.
    pub scope: Scope,
}

/// What an analysis finds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Scope {
    /// Dates, names, numbers, places and events.
    #[default]
    Everything,
    /// The document time and the time expressions only, as a date tagger (HeidelTime, chrono) gives them: no
    /// names, numbers, places or events, and none of their cost (a batch of archives read for their timelines).
    Dates,
}

/// The document time to use when nothing gives one (no `dct`, no metadata date, no dateline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FallbackDct {
    /// This day, marked as assumed (`DctSource::Assumed`): the app's "today" until the person says.
    Assumed(Date),
    /// The newest full date written in the text (`DctSource::Text`).
    FromText,
}

/// What an engine knows besides the document and its language: the document time, the gazetteer and the parts the
/// engines before it found. Engines read only what they need; [`Context::default`] knows nothing.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// The document creation time as written in the analysis (`2016-09-05`, `2016-09-05T14:02`).
    pub dct: Option<&'a str>,
    /// The same time as a date and a clock.
    pub time: Option<DocTime>,
    /// The gazetteer; places are not looked up without one.
    pub gazetteer: Option<&'a Gazetteer>,
    /// The name tagger's model; names are found by the rules alone without one.
    pub names: Option<&'a NameModel>,
    /// The dates found.
    pub timexes: &'a [Timex],
    /// The people, organisations, nationalities and numbers found.
    pub entities: &'a [Entity],
    /// The places found.
    pub places: &'a [Place],
}

impl<'a> Context<'a> {
    /// What an analysis already holds (its document time, dates, entities and places), for running one engine
    /// again on the same text (the benchmarks and evaluation commands do).
    pub fn of(analysis: &'a Analysis) -> Context<'a> {
        let dct = analysis.document.dct.value.as_deref();
        Context {
            dct,
            time: dct.and_then(DocTime::parse),
            gazetteer: None,
            names: None,
            timexes: &analysis.timexes,
            entities: &analysis.entities,
            places: &analysis.places,
        }
    }
}

/// A step of [`analyze_with_progress`], reported as it starts (the web worker shows it for long texts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Splitting the text into sentences.
    Segmenting,
    /// Finding and resolving dates.
    Dates,
    /// Finding people, organisations and numbers.
    Entities,
    /// Finding and resolving places.
    Places,
    /// Building events.
    Events,
}

/// Analyses `text`: its dates, people, organisations, places and events, resolved on the calendar and the map.
///
/// ```
/// let options = dateline::Options {
///     dct: dateline::calendar::Date::parse_iso("2016-09-05").ok(),
///     ..Default::default()
/// };
/// let analysis = dateline::analyze("Talks in Geneva failed on Sunday.", &options);
/// assert_eq!(analysis.timexes[0].value, "2016-09-04");
/// ```
pub fn analyze(text: &str, options: &Options) -> Analysis {
    analyze_with_progress(text, options, &mut |_| {})
}

/// Compiles, for the analyses to come, what reading `text` needs besides the gazetteer and the name model: the
/// date rules its words call for and the name, number and event patterns, with their automata's first states. It
/// analyses `text` without those files and drops the result. The web worker does this with the waiting article
/// while the files download, so that the analysis it runs once they arrive starts warm; the compiled patterns
/// are shared by every later analysis. Nothing is compiled that `text` does not need. O(n) in the text, as
/// [`analyze`].
pub fn prepare(text: &str, options: &Options) {
    // What decides which patterns run: the document time (dates relative to it) and whether the text is read.
    let without_files = Options {
        dct: options.dct,
        fallback_dct: options.fallback_dct,
        meta_dct: options.meta_dct.clone(),
        language: options.language,
        read_anyway: options.read_anyway,
        scope: options.scope,
        gazetteer: Gazetteers::Off,
        names: NameModels::Off,
        ..Options::default()
    };
    analyze(text, &without_files);
}

/// [`analyze`], calling `progress` as each [`Stage`] starts.
pub fn analyze_with_progress(text: &str, options: &Options, progress: &mut dyn FnMut(Stage)) -> Analysis {
    let language = options.language.unwrap_or_else(|| Language::english());
    let mut warnings = options.warnings.clone();
    let text = within_limit(text, &mut warnings);
    if text.trim().is_empty() {
        warnings.push(Warning::new(
            "empty_input",
            "The text is empty: there is nothing to analyse.",
        ));
    }

    let detected = detect::detect(text);
    let foreign = detected.as_ref().filter(|d| d.is_surely_not(language.code()));
    let gated = foreign.is_some() && !options.read_anyway;
    if let Some(found) = foreign {
        warnings.push(unsupported_language(found, language, gated));
    }

    progress(Stage::Segmenting);
    let doc = Doc::new(text, language);
    progress(Stage::Dates);
    let (dct, time) = dates::resolve_dct(&doc, language, options);
    let everything = options.scope == Scope::Everything;
    // Only an analysis that reads names and places loads the gazetteer and the name model (a built-in one is
    // decoded on first use).
    let gazetteer = everything.then(|| options.gazetteer.get()).flatten();
    let mut ctx = Context {
        dct: dct.value.as_deref(),
        time,
        gazetteer,
        names: everything.then(|| options.names.get()).flatten(),
        ..Context::default()
    };
    let (mut timexes, date_warnings) = dates::extract(&doc, language, &ctx);
    warnings.extend(date_warnings);
    match (dct.source, dct.value.as_deref()) {
        (DctSource::Assumed, Some(day)) => warnings.push(Warning::new(
            "assumed_dct",
            format!("No publication date was given or found: {day} is assumed, so dates read from it are guesses."),
        )),
        (DctSource::Text, Some(day)) => warnings.push(Warning::new(
            "dct_from_text",
            format!("No publication date was given or found: the newest date in the text, {day}, is used."),
        )),
        _ => {}
    }
    if gated {
        timexes = in_figures_only(timexes);
    }
    ctx.timexes = &timexes;
    progress(Stage::Entities);
    let mut entities = if everything {
        entities::extract(&doc, language, &ctx)
    } else {
        Vec::new()
    };
    if gated {
        entities = numbers_in_figures(entities);
    }
    ctx.entities = &entities;
    progress(Stage::Places);
    // The map and the events come from word tables (place names, cues, triggers): none for another language.
    let places = if gated || !everything {
        Vec::new()
    } else {
        places::extract(&doc, language, &ctx)
    };
    if gazetteer.is_none() && everything {
        warnings.push(Warning::new(
            "no_gazetteer",
            "No gazetteer was available, so places were not looked up.",
        ));
    }
    ctx.places = &places;
    progress(Stage::Events);
    let events = if gated || !everything {
        Vec::new()
    } else {
        events::extract(&doc, language, &ctx)
    };

    let title = options.title.clone().or_else(|| {
        doc.segments()
            .first()
            .filter(|s| s.kind == SegmentKind::Headline)
            // A Markdown heading's marks and emphasis are not part of the headline ("# Floods", "**Floods**").
            .map(|s| {
                s.span
                    .slice(text)
                    .trim_start_matches('#')
                    .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
                    .to_string()
            })
            .filter(|t| !t.is_empty())
    });
    let mut analysis = Analysis {
        schema_version: SCHEMA_VERSION,
        document: Document {
            title,
            dct,
            length_bytes: text.len(),
            language: detected.as_ref().map_or(language.code(), |d| d.code).to_string(),
            language_confidence: detected.as_ref().map(|d| d.confidence),
            source: options.source.clone(),
            byline: options.byline.clone(),
            site_name: options.site_name.clone(),
            url: options.url.clone(),
            offsets: None,
        },
        timexes,
        places,
        entities,
        events,
        warnings,
    };
    corrections::apply(&mut analysis, text, &options.corrections);
    analysis
}

/// The warning for a text that looks written in another language than `language`'s; `gated` when only figures
/// were kept.
fn unsupported_language(found: &detect::Detected, language: &Language, gated: bool) -> Warning {
    let tables = detect::name_of(language.code()).unwrap_or(language.code());
    // The first sentence is what the app shows as it is: it must not need the detection table to be said.
    let looks = format!("This article looks {}; Dateline reads {tables} for now", found.name);
    Warning::new(
        "unsupported_language",
        if gated {
            format!(
                "{looks}, so only dates and numbers written in figures are shown. Analyse it as {tables} anyway to \
                 see places and events read with {tables} words."
            )
        } else {
            format!("{looks}; it was analysed as {tables} anyway, so places, names and events may be wrong.")
        },
    )
}

/// The timexes written without letters ("2016-09-05", "05.09.2016", "14:30"), renumbered; an anchor on a
/// dropped timex is dropped. For a text in a language the tables do not read.
fn in_figures_only(timexes: Vec<Timex>) -> Vec<Timex> {
    let mut new_ids = crate::hash::FastMap::default();
    let mut kept: Vec<Timex> = Vec::new();
    for mut t in timexes {
        if t.text.chars().any(char::is_alphabetic) {
            continue;
        }
        let id = crate::model::numbered_id("t", kept.len() + 1);
        new_ids.insert(std::mem::replace(&mut t.id, id.clone()), id);
        t.anchor = t
            .anchor
            .and_then(|a| if a == "dct" { Some(a) } else { new_ids.get(&a).cloned() });
        kept.push(t);
    }
    kept
}

/// The numbers written in figures, renumbered. For a text in a language the tables do not read.
fn numbers_in_figures(entities: Vec<Entity>) -> Vec<Entity> {
    let mut kept: Vec<Entity> = entities
        .into_iter()
        .filter(|e| e.kind == crate::model::EntityKind::Number && !e.text.chars().any(char::is_alphabetic))
        .collect();
    for (i, e) in kept.iter_mut().enumerate() {
        e.id = crate::model::numbered_id("e", i + 1);
    }
    kept
}

/// `text`, cut to [`MAX_INPUT_BYTES`] on a character boundary with a `truncated` warning when longer.
pub(crate) fn within_limit<'t>(text: &'t str, warnings: &mut Vec<Warning>) -> &'t str {
    if text.len() <= MAX_INPUT_BYTES {
        return text;
    }
    warnings.push(truncated_warning());
    crate::offsets::prefix_within(text, MAX_INPUT_BYTES)
}

/// The warning for a text cut to [`MAX_INPUT_BYTES`].
fn truncated_warning() -> Warning {
    Warning::new(
        "truncated",
        format!(
            "The text is larger than {} MB; only the first part was analysed.",
            MAX_INPUT_BYTES / (1024 * 1024)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prepare_compiles_the_date_rules_a_text_needs_and_changes_no_analysis() {
        // A language of its own, so that no other test has compiled its rules.
        let fresh = || Language::compile(*Language::english().tables(), false).expect("the English tables compile");
        let (warmed, cold) = (fresh(), fresh());
        let text = "Talks in Geneva failed on Wednesday, two days after the summit of 5 September 2016.";
        let options = |language| Options {
            dct: Date::parse_iso("2016-09-09").ok(),
            language: Some(language),
            ..Options::default()
        };
        let rules = &warmed.dates().rules;
        let compiled = || rules.iter().filter(|r| r.regex.is_compiled()).count();
        assert_eq!(compiled(), 0);
        prepare(text, &options(&warmed));
        assert!(compiled() > 0, "the rules the text calls for are compiled");
        // Rules whose literal words the text holds (digits, "day"...): a third of them for this sentence.
        assert!(
            compiled() < rules.len() / 2,
            "and not the others: {} of {}",
            compiled(),
            rules.len()
        );
        let json = |language| serde_json::to_value(analyze(text, &options(language))).expect("JSON");
        assert_eq!(json(&warmed), json(&cold));
    }
}
