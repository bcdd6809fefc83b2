//! The person's corrections, kept as data apart from the analysis so they survive re-analysis
//! and travel in the share link. Applied after the engines, as the last step of `analyze`.

use crate::hash::{FastMap, FastSet};
use crate::model::{Analysis, DateSource, Precision, Span};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which list a removed mention belonged to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A time expression.
    Timex,
    /// A place.
    Place,
    /// An entity.
    Entity,
    /// An event (by its trigger).
    Event,
}

/// A mention is named by its span and text, so a correction can follow the text when it moves.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct MentionKey {
    /// Where the mention stood when the correction was made.
    pub span: Span,
    /// What it said.
    pub text: String,
}

/// "This place is the other candidate."
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceChoice {
    /// The place mention.
    pub mention: MentionKey,
    /// GeoNames id of the chosen candidate, when it has one.
    pub geonames_id: Option<u32>,
    /// Name of the chosen candidate (used when there is no id).
    pub name: String,
}

/// "This is not a date / place / person / event."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// Which list.
    pub kind: MentionKind,
    /// The mention.
    pub mention: MentionKey,
}

/// "This event happened on another date."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventDateFix {
    /// The event's trigger.
    pub trigger: MentionKey,
    /// TIMEX3 value (`2016-09-04`, `2016-09`, `2016`).
    pub value: String,
}

/// Everything the person corrected.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Corrections {
    /// Chosen place candidates.
    #[serde(default)]
    pub places: Vec<PlaceChoice>,
    /// Removed mentions.
    #[serde(default)]
    pub removed: Vec<Removal>,
    /// Changed event dates.
    #[serde(default)]
    pub event_dates: Vec<EventDateFix>,
}

impl Corrections {
    /// True when there is nothing to apply.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty() && self.removed.is_empty() && self.event_dates.is_empty()
    }
}

/// Start of a mention → (position in its list, span) of the mentions that start there.
type ByStart = BTreeMap<usize, Vec<(usize, Span)>>;

/// The mentions of one list of the analysis, by text and then by start, for [`locate`](Mentions::locate).
///
/// Built once per list in O(n log n); each look-up and each removal is then O(log n), where a scan of every
/// mention per correction made 100,000 corrections over a long text take minutes.
struct Mentions<'t> {
    /// Text of the mention → start → (position in the list, span) of the mentions still there.
    by_text: FastMap<&'t str, ByStart>,
}

impl<'t> Mentions<'t> {
    fn new(text: &'t str, spans: impl Iterator<Item = Span>) -> Mentions<'t> {
        let mut by_text: FastMap<&'t str, ByStart> = FastMap::default();
        for (i, s) in spans.enumerate() {
            by_text
                .entry(s.slice(text))
                .or_default()
                .entry(s.start)
                .or_default()
                .push((i, s));
        }
        Mentions { by_text }
    }

    /// The mention a key names: the same span with the same text, else the nearest span with the same text
    /// (the text was edited before it), else none; among equally near ones, the first in the list. With it,
    /// the position in the list of the first mention with that span.
    fn locate(&self, key: &MentionKey) -> Option<(Span, usize)> {
        let starts = self.by_text.get(key.text.as_str())?;
        let at = key.span.start;
        let below = starts.range(..=at).next_back();
        let above = starts.range(at.saturating_add(1)..).next();
        let best = below.into_iter().chain(above).map(|(s, _)| s.abs_diff(at)).min()?;
        let (_, span) = below
            .into_iter()
            .chain(above)
            .filter(|(s, _)| s.abs_diff(at) == best)
            .flat_map(|(_, v)| v.iter().copied())
            .min_by_key(|(i, _)| *i)?;
        let first = starts
            .get(&span.start)?
            .iter()
            .filter(|(_, s)| *s == span)
            .map(|(i, _)| *i)
            .min()?;
        Some((span, first))
    }

    /// Forgets every mention with `span`, returning their positions in the list.
    fn remove(&mut self, text: &str, span: Span) -> Vec<usize> {
        let Some(starts) = self.by_text.get_mut(span.slice(text)) else {
            return Vec::new();
        };
        let Some(here) = starts.get_mut(&span.start) else {
            return Vec::new();
        };
        let gone = here.iter().filter(|(_, s)| *s == span).map(|(i, _)| *i).collect();
        here.retain(|(_, s)| *s != span);
        if here.is_empty() {
            starts.remove(&span.start);
        }
        gone
    }
}

/// Applies `corrections` to `analysis` of `text`. Corrections whose mention is gone are skipped.
///
/// Each list is indexed once (`Mentions`) and the removals are carried out in one pass per list at the end,
/// so this is O((n + c) log n) for n mentions and c corrections; the result is the one of applying the
/// corrections one by one (places chosen, then removals in order, then event dates).
pub fn apply(analysis: &mut Analysis, text: &str, corrections: &Corrections) {
    if corrections.is_empty() {
        return;
    }
    let mut places = Mentions::new(text, analysis.places.iter().map(|p| p.span));
    for choice in &corrections.places {
        let Some((_, k)) = places.locate(&choice.mention) else {
            continue;
        };
        let place = &mut analysis.places[k];
        let wanted = |id: Option<u32>, name: &str| match choice.geonames_id {
            Some(g) => id == Some(g),
            None => name == choice.name,
        };
        if let Some(k) = place.alternatives.iter().position(|c| wanted(c.geonames_id, &c.name)) {
            let mut alternatives = place.alternatives.to_vec();
            let chosen = alternatives.remove(k);
            let previous = crate::model::PlaceCandidate {
                name: std::mem::replace(&mut place.name, chosen.name),
                lat: place.lat,
                lon: place.lon,
                country: place.country.take(),
                admin1: place.admin1.take(),
                feature: place.feature,
                geonames_id: place.geonames_id,
                score: place.confidence,
            };
            place.lat = chosen.lat;
            place.lon = chosen.lon;
            place.country = chosen.country;
            place.admin1 = chosen.admin1;
            place.feature = chosen.feature;
            place.geonames_id = chosen.geonames_id;
            place.confidence = 1.0;
            alternatives.insert(0, previous);
            place.alternatives = alternatives.into();
        }
    }
    let mut timexes = Mentions::new(text, analysis.timexes.iter().map(|t| t.span));
    let mut entities = Mentions::new(text, analysis.entities.iter().map(|e| e.span));
    let mut events = Mentions::new(text, analysis.events.iter().map(|e| e.trigger.span));
    // Positions removed from each list, and the ids the events lose with them.
    let (mut gone_timexes, mut gone_places, mut gone_entities, mut gone_events) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for removal in &corrections.removed {
        let (index, gone) = match removal.kind {
            MentionKind::Timex => (&mut timexes, &mut gone_timexes),
            MentionKind::Place => (&mut places, &mut gone_places),
            MentionKind::Entity => (&mut entities, &mut gone_entities),
            MentionKind::Event => (&mut events, &mut gone_events),
        };
        if let Some((span, _)) = index.locate(&removal.mention) {
            gone.extend(index.remove(text, span));
        }
    }
    for fix in &corrections.event_dates {
        let Some((_, k)) = events.locate(&fix.trigger) else {
            continue;
        };
        let event = &mut analysis.events[k];
        event.date.value = fix.value.clone();
        event.date.precision = Precision::of_value(&fix.value);
        event.date.source = DateSource::User;
        event.date.timex = None;
    }
    let place_ids: FastSet<String> = gone_places.iter().map(|&i| analysis.places[i].id.clone()).collect();
    let entity_ids: FastSet<String> = gone_entities.iter().map(|&i| analysis.entities[i].id.clone()).collect();
    retain_positions(&mut analysis.timexes, &gone_timexes);
    retain_positions(&mut analysis.places, &gone_places);
    retain_positions(&mut analysis.entities, &gone_entities);
    retain_positions(&mut analysis.events, &gone_events);
    if !place_ids.is_empty() || !entity_ids.is_empty() {
        for event in &mut analysis.events {
            event.places.retain(|id| !place_ids.contains(id));
            event.participants.retain(|id| !entity_ids.contains(id));
        }
    }
}

/// Drops the items at `gone` (positions, in any order) from `items`, keeping the order of the rest. O(n + g).
fn retain_positions<T>(items: &mut Vec<T>, gone: &[usize]) {
    if gone.is_empty() {
        return;
    }
    let mut drop = vec![false; items.len()];
    for &i in gone {
        drop[i] = true;
    }
    let mut k = 0;
    items.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn place(id: &str, start: usize, text: &str) -> Place {
        Place {
            id: id.into(),
            span: Span::new(start, start + text.len()),
            text: text.into(),
            name: "Paris".into(),
            lat: 48.85,
            lon: 2.35,
            country: Some("FR".into()),
            admin1: None,
            feature: Feature::City,
            geonames_id: Some(2_988_507),
            kind: PlaceKind::Literal,
            confidence: 0.6,
            alternatives: vec![PlaceCandidate {
                name: "Paris".into(),
                lat: 33.66,
                lon: -95.55,
                country: Some("US".into()),
                admin1: Some("Texas".into()),
                feature: Feature::City,
                geonames_id: Some(4_717_560),
                score: 0.3,
            }]
            .into(),
        }
    }

    #[test]
    fn a_place_choice_swaps_in_the_candidate_and_follows_edited_text() {
        let text = "Storms in Paris. More text.";
        let mut analysis = Analysis {
            places: vec![place("p1", 10, "Paris")],
            ..Analysis::default()
        };
        // The correction was made when "Paris" stood 4 bytes later; it still finds it.
        let corrections = Corrections {
            places: vec![PlaceChoice {
                mention: MentionKey {
                    span: Span::new(14, 19),
                    text: "Paris".into(),
                },
                geonames_id: Some(4_717_560),
                name: "Paris".into(),
            }],
            ..Corrections::default()
        };
        apply(&mut analysis, text, &corrections);
        let p = &analysis.places[0];
        assert_eq!((p.country.as_deref(), p.geonames_id), (Some("US"), Some(4_717_560)));
        assert_eq!(
            p.alternatives[0].country.as_deref(),
            Some("FR"),
            "the old reading stays available"
        );
    }

    #[test]
    fn removals_drop_the_mention_and_its_references() {
        let text = "Storms in Paris.";
        let mut analysis = Analysis {
            places: vec![place("p1", 10, "Paris")],
            ..Analysis::default()
        };
        analysis.events.push(Event {
            id: "ev1".into(),
            trigger: TextRef {
                span: Span::new(0, 6),
                text: "Storms".into(),
            },
            mentions: vec![],
            kind: "disaster".into(),
            family: "disaster".into(),
            date: EventDate {
                value: "2024-01-01".into(),
                precision: Precision::Day,
                source: DateSource::Dct,
                timex: None,
            },
            places: vec!["p1".into()],
            participants: vec![],
            agent: None,
            patient: None,
            casualties: vec![],
            polarity: Polarity::Positive,
            modality: Modality::Asserted,
            evidence: vec![],
        });
        let corrections = Corrections {
            removed: vec![Removal {
                kind: MentionKind::Place,
                mention: MentionKey {
                    span: Span::new(10, 15),
                    text: "Paris".into(),
                },
            }],
            event_dates: vec![EventDateFix {
                trigger: MentionKey {
                    span: Span::new(0, 6),
                    text: "Storms".into(),
                },
                value: "2024-02".into(),
            }],
            ..Corrections::default()
        };
        apply(&mut analysis, text, &corrections);
        assert!(analysis.places.is_empty());
        assert!(analysis.events[0].places.is_empty());
        assert_eq!(analysis.events[0].date.value, "2024-02");
        assert_eq!(analysis.events[0].date.precision, Precision::Month);
        assert_eq!(analysis.events[0].date.source, DateSource::User);
    }

    #[test]
    fn precision_follows_the_value_shape() {
        assert_eq!(Precision::of_value("2016-09-04"), Precision::Day);
        assert_eq!(Precision::of_value("2011-03"), Precision::Month);
        assert_eq!(Precision::of_value("2016-SU"), Precision::Season);
        assert_eq!(Precision::of_value("2016"), Precision::Year);
        assert_eq!(Precision::of_value("199"), Precision::Decade);
        assert_eq!(Precision::of_value("PAST_REF"), Precision::Vague);
        assert_eq!(Precision::of_value("2016-W36"), Precision::Week);
        assert_eq!(Precision::of_value("2016-09-05T14:02"), Precision::Time);
    }

    /// The corrections applied one by one, each scanning every mention: the behaviour `apply` keeps.
    fn apply_one_by_one(analysis: &mut Analysis, text: &str, corrections: &Corrections) {
        fn locate(key: &MentionKey, text: &str, spans: impl Iterator<Item = Span>) -> Option<Span> {
            spans
                .filter(|s| s.slice(text) == key.text)
                .min_by_key(|s| s.start.abs_diff(key.span.start))
        }
        for choice in &corrections.places {
            let Some(span) = locate(&choice.mention, text, analysis.places.iter().map(|p| p.span)) else {
                continue;
            };
            let place = analysis.places.iter_mut().find(|p| p.span == span).unwrap();
            if let Some(k) = place
                .alternatives
                .iter()
                .position(|c| c.geonames_id == choice.geonames_id)
            {
                let mut alternatives = place.alternatives.to_vec();
                let chosen = alternatives.remove(k);
                place.alternatives = alternatives.into();
                place.geonames_id = chosen.geonames_id;
                place.confidence = 1.0;
            }
        }
        for removal in &corrections.removed {
            let a = &mut *analysis;
            match removal.kind {
                MentionKind::Timex => {
                    if let Some(span) = locate(&removal.mention, text, a.timexes.iter().map(|t| t.span)) {
                        a.timexes.retain(|t| t.span != span);
                    }
                }
                MentionKind::Place => {
                    if let Some(span) = locate(&removal.mention, text, a.places.iter().map(|p| p.span)) {
                        let ids: Vec<String> = a
                            .places
                            .iter()
                            .filter(|p| p.span == span)
                            .map(|p| p.id.clone())
                            .collect();
                        a.places.retain(|p| p.span != span);
                        for event in &mut a.events {
                            event.places.retain(|id| !ids.contains(id));
                        }
                    }
                }
                MentionKind::Entity => {}
                MentionKind::Event => {
                    if let Some(span) = locate(&removal.mention, text, a.events.iter().map(|e| e.trigger.span)) {
                        a.events.retain(|e| e.trigger.span != span);
                    }
                }
            }
        }
        for fix in &corrections.event_dates {
            let Some(span) = locate(&fix.trigger, text, analysis.events.iter().map(|e| e.trigger.span)) else {
                continue;
            };
            if let Some(event) = analysis.events.iter_mut().find(|e| e.trigger.span == span) {
                event.date.value = fix.value.clone();
            }
        }
    }

    /// Issue 23: 100,000 corrections that matched nothing over a long text took 48 s, each scanning every
    /// mention. The index gives the same result as one correction after another, on repeated texts where the
    /// nearest mention, ties and earlier removals decide which mention a correction finds.
    #[test]
    fn indexed_corrections_match_one_by_one_application() {
        let text = "Paris Lyon Paris Paris Lyon storm Paris storm Lyon Paris ".repeat(8);
        let mut spans = Vec::new();
        let mut from = 0;
        for w in text.split(' ') {
            if !w.is_empty() {
                spans.push((Span::new(from, from + w.len()), w));
            }
            from += w.len() + 1;
        }
        let mut base = Analysis::default();
        for (i, (span, w)) in spans.iter().enumerate() {
            if *w == "storm" {
                let mut e = Event {
                    id: format!("ev{i}"),
                    trigger: TextRef {
                        span: *span,
                        text: w.to_string(),
                    },
                    mentions: vec![],
                    kind: "storm".into(),
                    family: "disaster".into(),
                    date: EventDate {
                        value: "2024".into(),
                        precision: Precision::Year,
                        source: DateSource::Dct,
                        timex: None,
                    },
                    places: vec![],
                    participants: vec![],
                    agent: None,
                    patient: None,
                    casualties: vec![],
                    polarity: Polarity::Positive,
                    modality: Modality::Asserted,
                    evidence: vec![],
                };
                e.places = (0..i).step_by(3).map(|k| format!("p{k}")).collect();
                base.events.push(e);
            } else {
                // Every other place is there twice, with the same span.
                let mut p = place(&format!("p{i}"), span.start, w);
                let mut alternatives = p.alternatives.to_vec();
                alternatives[0].geonames_id = Some(i as u32);
                p.alternatives = alternatives.into();
                base.places.push(p.clone());
                if i % 2 == 0 {
                    p.id = format!("q{i}");
                    base.places.push(p);
                }
            }
        }
        // Corrections at every position, naming texts that are there and one that is not, in an order
        // where later ones land on mentions earlier ones removed.
        let key = |start: usize, text: &str| MentionKey {
            span: Span::new(start, start + text.len()),
            text: text.into(),
        };
        let mut corrections = Corrections::default();
        for start in (0..text.len() + 20).step_by(7) {
            for w in ["Paris", "Lyon", "Rome"] {
                corrections.removed.push(Removal {
                    kind: MentionKind::Place,
                    mention: key(start, w),
                });
                corrections.places.push(PlaceChoice {
                    mention: key(start, w),
                    geonames_id: Some((start / 6) as u32),
                    name: w.into(),
                });
            }
            let kind = if start % 2 == 0 {
                MentionKind::Event
            } else {
                MentionKind::Timex
            };
            corrections.removed.push(Removal {
                kind,
                mention: key(start, "storm"),
            });
            corrections.event_dates.push(EventDateFix {
                trigger: key(start * 2, "storm"),
                value: "2025".into(),
            });
        }
        for n in [1, 5, 20, corrections.removed.len()] {
            let part = Corrections {
                removed: corrections.removed[..n].to_vec(),
                places: corrections.places[..n.min(corrections.places.len())].to_vec(),
                event_dates: corrections.event_dates[..n.min(corrections.event_dates.len())].to_vec(),
            };
            let (mut indexed, mut reference) = (base.clone(), base.clone());
            apply(&mut indexed, &text, &part);
            apply_one_by_one(&mut reference, &text, &part);
            let brief = |a: &Analysis| {
                (
                    a.places
                        .iter()
                        .map(|p| (p.id.clone(), p.geonames_id))
                        .collect::<Vec<_>>(),
                    a.events
                        .iter()
                        .map(|e| (e.id.clone(), e.date.value.clone(), e.places.clone()))
                        .collect::<Vec<_>>(),
                )
            };
            assert_eq!(brief(&indexed), brief(&reference), "{n} corrections");
        }
    }
}
