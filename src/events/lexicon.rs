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
    /// "has", "had", "after": the event lies before the reference time.
    Past,
    /// "said", "according to": the name next to it is the source of a report.
    Source,
    /// "ease", "halt": the trigger after it is the object of stopping, not an event.
    Suppress,
    /// "on", "over": the place after it is the topic, not the scene.
    Topic,
    /// "the city": a place named earlier, of this feature class.
    Place(crate::model::Feature),
}

/// The compiled event tables of one language.
#[derive(Debug)]
pub struct Lexicon {
    /// All trigger forms, longest first, case-insensitive, as one alternation.
    pub(crate) trigger_re: WordAlternation,
    /// Trigger form (lower case) → type.
    pub triggers: HashMap<String, EventType>,
    /// Cues that stand before the trigger, as word sequences (lower case).
    pub before: Vec<(Vec<String>, Cue)>,
    /// Cues that stand after the trigger.
    pub after: Vec<(Vec<String>, Cue)>,
    /// First word of a `before` cue → its indices, so a window is checked word by word, not cue by cue.
    before_index: HashMap<String, Vec<usize>>,
    /// The same for `after` cues.
    after_index: HashMap<String, Vec<usize>>,
    /// Casualty words (lower case) → kind, longest first.
    pub casualty: Vec<(Vec<String>, CasualtyKind)>,
    /// Count qualifiers (lower case word sequences), longest first.
    pub qualifiers: Vec<(Vec<String>, Qualifier)>,
    /// The `casualties` type, for tolls without a trigger.
    pub casualties_type: EventType,
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
    let mut triggers = HashMap::default();
    for row in lang::rows(t.triggers) {
        if let (Some(form), Some(ty)) = (row.first(), row.get(1).and_then(|ty| types.get(ty))) {
            triggers.insert(form.to_lowercase(), *ty);
        }
    }
    let mut forms: Vec<&String> = triggers.keys().collect();
    forms.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let forms: Vec<&str> = forms.iter().map(|f| f.as_str()).collect();
    let trigger_re = WordAlternation::new(&forms, |f| regex::escape(f).replace(' ', r"\s+"));

    let mut before = Vec::new();
    let mut after = Vec::new();
    for row in lang::rows(t.event_cues) {
        let (Some(phrase), Some(effect)) = (row.first(), row.get(1)) else {
            continue;
        };
        let cue = match *effect {
            "negative" => Cue::Negative,
            "possible" => Cue::Possible,
            "future" => Cue::Future,
            "hypothetical" => Cue::Hypothetical,
            "anaphor" => Cue::Anaphor,
            "past" => Cue::Past,
            "source" => Cue::Source,
            "suppress" => Cue::Suppress,
            "topic" => Cue::Topic,
            "place_city" => Cue::Place(crate::model::Feature::City),
            "place_country" => Cue::Place(crate::model::Feature::Country),
            "place_admin" => Cue::Place(crate::model::Feature::Admin),
            "place_region" => Cue::Place(crate::model::Feature::Region),
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
    Lexicon {
        trigger_re,
        triggers,
        before,
        after,
        before_index,
        after_index,
        casualty,
        qualifiers,
        casualties_type,
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

    /// The type of a matched trigger form (white space normalised, case-insensitive).
    pub fn trigger_type(&self, form: &str) -> Option<EventType> {
        // Most matches are one lower-case ASCII word, already the key: no allocation then (`\x0B` is white space to
        // `split_whitespace` but not to `is_ascii_whitespace`).
        if !form
            .bytes()
            .any(|b| b.is_ascii_uppercase() || b.is_ascii_whitespace() || b == 0x0B || b >= 0x80)
        {
            return self.triggers.get(form).copied();
        }
        let key = form.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
        self.triggers.get(&key).copied()
    }
}
