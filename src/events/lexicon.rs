//! The event tables, parsed and compiled once.

use super::tokens::Token;
use crate::hash::FastMap as HashMap;
use crate::lang::literals::WordAlternation;
use crate::lang::{self, TableError, Tables};
use crate::model::{CasualtyKind, Qualifier, Span};

/// A type of the taxonomy with its family and merge group.
#[derive(Debug, Clone, Copy)]
pub struct EventType {
    /// Type name (`explosion`).
    pub name: &'static str,
    /// Family (`violence`).
    pub family: &'static str,
    /// Mentions merge only within one group (`attack`).
    pub group: &'static str,
    /// Casualty kinds whose counts may attach to it (comma-separated: `killed,wounded`), or empty.
    pub counts: &'static str,
    /// Families it joins when one of them is in the same sentence (comma-separated, or empty).
    pub folds_into: &'static str,
}

/// One reading of a trigger form: its type, and the words that must (or must not) stand in its sentence.
#[derive(Debug, Clone)]
pub struct Reading {
    /// The type this reading gives.
    pub ty: EventType,
    /// Words of which one must stand in the sentence (lower case; empty: no such condition).
    pub any_of: Vec<String>,
    /// Words none of which may stand in the sentence ("launched an attack" is no product launch).
    pub none_of: Vec<String>,
}

impl Reading {
    /// True when the sentence words `has` allow this reading.
    fn holds(&self, has: &dyn Fn(&str) -> bool) -> bool {
        (self.any_of.is_empty() || self.any_of.iter().any(|w| has(w))) && !self.none_of.iter().any(|w| has(w))
    }

    /// True when the reading depends on the words of its sentence.
    fn conditional(&self) -> bool {
        !self.any_of.is_empty() || !self.none_of.is_empty()
    }
}

/// What a cue word does to a nearby trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// "failed to", "without".
    Negative,
    /// "could", "likely".
    Possible,
    /// "will", "would be".
    Future,
    /// "if".
    Hypothetical,
    /// "the", "these": the mention refers back.
    Anaphor,
    /// "had", "after": the event lies before the reference time.
    Past,
    /// "has", "have": the present perfect, an event just before the document date ("has announced").
    Perfect,
    /// "said", "according to": the name next to it is the source of a report.
    Source,
    /// "ease", "halt": the trigger after it is the object of stopping, not an event.
    Suppress,
    /// "on", "over": the place after it is the topic, not the scene.
    Topic,
    /// "the city": a place named earlier, of this feature class.
    Place(crate::model::Feature),
    /// "was", "been": an auxiliary right before a verb trigger makes it passive (the name before is its patient).
    Passive,
    /// "by" after a passive trigger: the name after it is the agent.
    AgentBy,
    /// "of" after a nominal trigger ("the acquisition of X"): the name after it is the patient.
    PatientOf,
    /// "repeatedly", "since": a perfect of duration or repetition, which sums up the past ("has warned repeatedly").
    Durative,
    /// "since": a date right after it bounds a comparison ("the lowest since 1982"), it does not date the event.
    NotAnchor,
    /// "a", "its": a determiner right before the trigger makes it a noun, which takes roles only through
    /// `AgentBy` and `PatientOf`.
    Nominal,
    /// "summit", "conference": a gathering, which a name before it identifies ("the G20 summit").
    Gathering,
    /// "in", "at" after a gathering: the place after it is where the gathering is ("summit in Hangzhou").
    AtGathering,
}

/// A reporting verb ("said", "announced"): its complement is a clause of its own in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reporting {
    /// It takes a complement without "that" ("said it would"); "announced the plan" takes an object instead.
    pub bare: bool,
}

/// The compiled event tables of one language.
#[derive(Debug)]
pub struct Lexicon {
    /// All trigger forms, longest first, case-insensitive, as one alternation.
    pub(crate) trigger_re: WordAlternation,
    /// Trigger form (lower case) → its readings, in table order (the first that holds wins).
    pub triggers: HashMap<String, Vec<Reading>>,
    /// Cues that stand before the trigger, as word sequences (lower case).
    pub before: Vec<(Vec<String>, Cue)>,
    /// Cues that stand after the trigger.
    pub after: Vec<(Vec<String>, Cue)>,
    /// First word of a `before` cue → its indices, so a window is checked word by word, not cue by cue.
    before_index: HashMap<String, Vec<usize>>,
    /// The same for `after` cues.
    after_index: HashMap<String, Vec<usize>>,
    /// Reporting verbs (lower case).
    pub reporting: HashMap<String, Reporting>,
    /// The word that opens a reported clause ("that").
    pub complementiser: Vec<String>,
    /// Casualty words (lower case) → kind, longest first.
    pub casualty: Vec<(Vec<String>, CasualtyKind)>,
    /// Count qualifiers (lower case word sequences), longest first.
    pub qualifiers: Vec<(Vec<String>, Qualifier)>,
    /// The `casualties` type, for tolls without a trigger.
    pub casualties_type: EventType,
    /// The one-word `gathering` cues ("summit"), lower case, read once here for the look for gatherings located
    /// twice (`venues.rs`), which compares them with the words before each place.
    pub gathering_words: Vec<String>,
    /// The one-word `at_gathering` cues ("in", "at"), lower case, likewise.
    pub at_gathering_words: Vec<String>,
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

fn build(t: &Tables) -> Lexicon {
    let mut types = HashMap::default();
    for row in lang::rows(t.event_types) {
        if let (Some(name), Some(family), Some(group)) = (row.first(), row.get(1), row.get(2)) {
            let counts = row.get(3).copied().filter(|f| *f != "-").unwrap_or("");
            let folds_into = row.get(4).copied().filter(|f| *f != "-").unwrap_or("");
            types.insert(
                *name,
                EventType {
                    name,
                    family,
                    group,
                    counts,
                    folds_into,
                },
            );
        }
    }
    let mut triggers: HashMap<String, Vec<Reading>> = HashMap::default();
    for row in lang::rows(t.triggers) {
        if let (Some(form), Some(ty)) = (row.first(), row.get(1).and_then(|ty| types.get(ty))) {
            let (mut any_of, mut none_of) = (Vec::new(), Vec::new());
            for w in row
                .get(2)
                .copied()
                .unwrap_or("")
                .split(',')
                .map(str::trim)
                .filter(|w| !w.is_empty())
            {
                match w.strip_prefix('!') {
                    Some(not) => none_of.push(not.to_lowercase()),
                    None => any_of.push(w.to_lowercase()),
                }
            }
            triggers.entry(form.to_lowercase()).or_default().push(Reading {
                ty: *ty,
                any_of,
                none_of,
            });
        }
    }
    // Readings with a condition first (stable: table order among them), the unconditional one last.
    for readings in triggers.values_mut() {
        readings.sort_by_key(|r| !r.conditional());
    }
    let mut forms: Vec<&String> = triggers.keys().collect();
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let forms: Vec<&str> = forms.iter().map(|f| f.as_str()).collect();
    let trigger_re = WordAlternation::new(&forms, |f| regex::escape(f).replace(' ', r"\s+"));

    let mut before = Vec::new();
    let mut after = Vec::new();
    let mut reporting = HashMap::default();
    let mut complementiser = Vec::new();
    for row in lang::rows(t.event_cues) {
        let (Some(phrase), Some(effect)) = (row.first(), row.get(1)) else {
            continue;
        };
        match *effect {
            "report" => {
                let bare = row.get(2) == Some(&"bare");
                reporting.insert(phrase.to_lowercase(), Reporting { bare });
                continue;
            }
            "complementiser" => {
                complementiser.push(phrase.to_lowercase());
                continue;
            }
            _ => {}
        }
        let cue = match *effect {
            "negative" => Cue::Negative,
            "possible" => Cue::Possible,
            "future" => Cue::Future,
            "hypothetical" => Cue::Hypothetical,
            "anaphor" => Cue::Anaphor,
            "past" => Cue::Past,
            "perfect" => Cue::Perfect,
            "source" => Cue::Source,
            "suppress" => Cue::Suppress,
            "topic" => Cue::Topic,
            "place_city" => Cue::Place(crate::model::Feature::City),
            "place_country" => Cue::Place(crate::model::Feature::Country),
            "place_admin" => Cue::Place(crate::model::Feature::Admin),
            "place_region" => Cue::Place(crate::model::Feature::Region),
            "passive" => Cue::Passive,
            "agent_by" => Cue::AgentBy,
            "patient_of" => Cue::PatientOf,
            "nominal" => Cue::Nominal,
            "gathering" => Cue::Gathering,
            "at_gathering" => Cue::AtGathering,
            "durative" => Cue::Durative,
            "not_anchor" => Cue::NotAnchor,
            _ => continue,
        };
        let target = if row.get(2) == Some(&"after") {
            &mut after
        } else {
            &mut before
        };
        target.push((words(phrase), cue));
    }
    let mut casualty: Vec<(Vec<String>, CasualtyKind)> = lang::rows(t.casualty_cues)
        .filter_map(|row| {
            let kind = CasualtyKind::from_name(row.get(1)?)?;
            Some((words(row.first()?), kind))
        })
        .collect();
    casualty.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let mut qualifiers: Vec<(Vec<String>, Qualifier)> = lang::rows(t.count_qualifiers)
        .filter_map(|row| {
            let q = match *row.get(1)? {
                "at_least" => Qualifier::AtLeast,
                "more_than" => Qualifier::MoreThan,
                "at_most" => Qualifier::AtMost,
                "nearly" => Qualifier::Nearly,
                "about" => Qualifier::About,
                _ => return None,
            };
            Some((words(row.first()?), q))
        })
        .collect();
    qualifiers.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    let casualties_type = types.get("casualties").copied().unwrap_or(EventType {
        name: "casualties",
        family: "casualties",
        group: "casualties",
        counts: "killed,wounded,missing,displaced,arrested",
        folds_into: "",
    });
    let index = |cues: &[(Vec<String>, Cue)]| {
        let mut m: HashMap<String, Vec<usize>> = HashMap::default();
        for (k, (p, _)) in cues.iter().enumerate() {
            if let Some(first) = p.first() {
                m.entry(first.clone()).or_default().push(k);
            }
        }
        m
    };
    let before_index = index(&before);
    let after_index = index(&after);
    let one_word = |cue: Cue| -> Vec<String> {
        before
            .iter()
            .filter(|(words, c)| *c == cue && words.len() == 1)
            .map(|(words, _)| words[0].clone())
            .collect()
    };
    let (gathering_words, at_gathering_words) = (one_word(Cue::Gathering), one_word(Cue::AtGathering));
    Lexicon {
        trigger_re,
        triggers,
        before,
        after,
        before_index,
        after_index,
        reporting,
        complementiser,
        casualty,
        qualifiers,
        casualties_type,
        gathering_words,
        at_gathering_words,
    }
}

impl Lexicon {
    /// Compiles the tables of `tables` this engine reads.
    pub fn build(tables: &Tables) -> Result<Lexicon, TableError> {
        Ok(build(tables))
    }

    /// Every cue (of the `before` or `after` list) standing in `window`, with its span, in window order.
    pub fn cues_in(&self, window: &[Token], after: bool) -> Vec<(Span, Cue)> {
        self.cues(window, after).collect()
    }

    /// The cues of `window` as they are found, without collecting them (most callers want only the first of a kind).
    pub fn cues<'s, 'w>(
        &'s self,
        window: &'w [Token<'w>],
        after: bool,
    ) -> impl Iterator<Item = (Span, Cue)> + use<'s, 'w> {
        let (cues, index) = if after {
            (&self.after, &self.after_index)
        } else {
            (&self.before, &self.before_index)
        };
        window.iter().enumerate().flat_map(move |(k, t)| {
            index
                .get(&*t.lower)
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .filter_map(move |&ci| {
                    let (phrase, cue) = &cues[ci];
                    let w = window.get(k..k + phrase.len())?;
                    w.iter()
                        .zip(phrase)
                        .all(|(t, p)| &t.lower == p)
                        .then(|| (Span::new(w[0].span.start, w[w.len() - 1].span.end), *cue))
                })
        })
    }

    /// The first cue in `window` that `want` accepts.
    pub fn find_cue(&self, window: &[Token], after: bool, want: impl Fn(&Cue) -> bool) -> Option<Span> {
        self.cues(window, after).find(|(_, c)| want(c)).map(|(s, _)| s)
    }

    /// True when `word` alone is a `before` cue that `want` accepts ("the" is an anaphor).
    pub fn is_word_cue(&self, word: &str, want: impl Fn(&Cue) -> bool) -> bool {
        self.before_index.get(word).is_some_and(|ix| {
            ix.iter()
                .any(|&i| self.before[i].0.len() == 1 && want(&self.before[i].1))
        })
    }

    /// True when counts of `kind` may attach to events of type `ty`.
    pub fn takes(ty: &EventType, kind: CasualtyKind) -> bool {
        let name = match kind {
            CasualtyKind::Killed => "killed",
            CasualtyKind::Wounded => "wounded",
            CasualtyKind::Missing => "missing",
            CasualtyKind::Displaced => "displaced",
            CasualtyKind::Arrested => "arrested",
        };
        ty.counts.split(',').any(|k| k == name)
    }

    /// The readings of a matched trigger form (white space normalised, case-insensitive).
    pub fn readings(&self, form: &str) -> Option<&[Reading]> {
        // Most matches are one lower-case ASCII word, already the key: no allocation then (`\x0B` is white space to
        // `split_whitespace` but not to `is_ascii_whitespace`).
        if !form
            .bytes()
            .any(|b| b.is_ascii_uppercase() || b.is_ascii_whitespace() || b == 0x0B || b >= 0x80)
        {
            return self.triggers.get(form).map(Vec::as_slice);
        }
        let key = form.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        self.triggers.get(&key).map(Vec::as_slice)
    }

    /// The type of a trigger form given the words of its sentence (`has` answers whether a lower-case word stands
    /// in it): the first reading whose condition holds. O(c) for c condition words of the form.
    pub fn trigger_type(readings: &[Reading], has: &dyn Fn(&str) -> bool) -> Option<EventType> {
        readings.iter().find(|r| r.holds(has)).map(|r| r.ty)
    }

    /// True when some reading of the form depends on the words of its sentence.
    pub fn conditional(readings: &[Reading]) -> bool {
        readings.iter().any(Reading::conditional)
    }
}
