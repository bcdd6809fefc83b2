//! The person's corrections, kept as data apart from the analysis so they survive re-analysis
//! and travel in the share link. Applied after the engines, as the last step of `analyze`.

use crate::model::{Analysis, DateSource, Precision, Span};
use serde::{Deserialize, Serialize};

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

/// Finds the mention a key names among `spans`: the same span with the same text, else the
/// nearest span with the same text (the text was edited before it), else none.
fn locate(key: &MentionKey, text: &str, spans: impl Iterator<Item = Span>) -> Option<Span> {
    spans
        .filter(|s| s.slice(text) == key.text)
        .min_by_key(|s| s.start.abs_diff(key.span.start))
}

/// Applies `corrections` to `analysis` of `text`. Corrections whose mention is gone are skipped.
pub fn apply(analysis: &mut Analysis, text: &str, corrections: &Corrections) {
    for choice in &corrections.places {
        let Some(span) = locate(&choice.mention, text, analysis.places.iter().map(|p| p.span)) else {
            continue;
        };
        let Some(place) = analysis.places.iter_mut().find(|p| p.span == span) else {
            continue;
        };
        let wanted = |id: Option<u32>, name: &str| match choice.geonames_id {
            Some(g) => id == Some(g),
            None => name == choice.name,
        };
        if let Some(k) = place.alternatives.iter().position(|c| wanted(c.geonames_id, &c.name)) {
            let chosen = place.alternatives.remove(k);
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
            place.alternatives.insert(0, previous);
        }
    }
    for removal in &corrections.removed {
        match removal.kind {
            MentionKind::Timex => {
                if let Some(span) = locate(&removal.mention, text, analysis.timexes.iter().map(|t| t.span)) {
                    analysis.timexes.retain(|t| t.span != span);
                }
            }
            MentionKind::Place => {
                if let Some(span) = locate(&removal.mention, text, analysis.places.iter().map(|p| p.span)) {
                    let ids: Vec<String> = analysis
                        .places
                        .iter()
                        .filter(|p| p.span == span)
                        .map(|p| p.id.clone())
                        .collect();
                    analysis.places.retain(|p| p.span != span);
                    for event in &mut analysis.events {
                        event.places.retain(|id| !ids.contains(id));
                    }
                }
            }
            MentionKind::Entity => {
                if let Some(span) = locate(&removal.mention, text, analysis.entities.iter().map(|e| e.span)) {
                    let ids: Vec<String> = analysis
                        .entities
                        .iter()
                        .filter(|e| e.span == span)
                        .map(|e| e.id.clone())
                        .collect();
                    analysis.entities.retain(|e| e.span != span);
                    for event in &mut analysis.events {
                        event.participants.retain(|id| !ids.contains(id));
                    }
                }
            }
            MentionKind::Event => {
                if let Some(span) = locate(&removal.mention, text, analysis.events.iter().map(|e| e.trigger.span)) {
                    analysis.events.retain(|e| e.trigger.span != span);
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
            event.date.precision = Precision::of_value(&fix.value);
            event.date.source = DateSource::User;
            event.date.timex = None;
        }
    }
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
            }],
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
}
