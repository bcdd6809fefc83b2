//! Event labels that read like headlines: who did what, whether it happened, and where ("Talks between John Kerry
//! and Sergei Lavrov fail — Geneva", "Norvex Corp acquired Plexa Inc", "String of bomb attacks, at least 43 killed —
//! Tartus, Homs"), composed from the event's trigger, type, agent, patient, participants, casualties, status and
//! literal places. One composition for the timeline's bars, the event cards and every export (TimelineJS, iCalendar,
//! StoryMapJS).

use super::{event_status, kind_label};
use crate::model::{Analysis, CasualtyKind, EntityKind, Event, PlaceKind};

/// At most this many places after the dash.
const MAX_PLACES: usize = 2;

/// The event as a headline, saying when it did not happen or has not yet ("… fails", "… planned"): for the views and
/// the exports that have no status field of their own. O(p + n) for p places and n entities of the analysis.
pub fn event_headline(analysis: &Analysis, event: &Event) -> String {
    compose(analysis, event, true)
}

/// The event as a headline without its status, for formats that carry the status apart (iCalendar's `STATUS`,
/// with a "Did not happen: " prefix). O(p + n).
pub fn event_headline_plain(analysis: &Analysis, event: &Event) -> String {
    compose(analysis, event, false)
}

fn compose(analysis: &Analysis, event: &Event, with_status: bool) -> String {
    let name = |id: Option<&String>| {
        id.and_then(|id| analysis.entities.iter().find(|e| &e.id == id))
            .map(|e| e.canonical.clone())
    };
    let (agent, patient) = (name(event.agent.as_ref()), name(event.patient.as_ref()));
    let status = event_status(event);
    let trigger = event.trigger.text.trim();
    let mut s = match agent.as_deref() {
        // "Norvex Corp acquired Plexa Inc": a verb in the past with its doer reads as a headline as it is.
        Some(agent) if is_past_verb(trigger) && (status == "happened" || !with_status) => {
            let mut s = format!("{agent} {trigger}");
            if let Some(patient) = &patient {
                s.push(' ');
                s.push_str(patient);
            }
            s
        }
        _ => {
            // A noun leads otherwise: the trigger when it is one ("talks", "string of bomb attacks"), else the
            // type's name ("warned" → "warning").
            let noun = if is_plural_noun(trigger) {
                trigger.to_string()
            } else {
                kind_label(&event.kind)
            };
            let mut s = capitalise(&noun);
            s.push_str(&roles(analysis, event, agent.as_deref(), patient.as_deref()));
            if with_status {
                match status {
                    "did not happen" => s.push_str(if noun.ends_with('s') { " fail" } else { " fails" }),
                    "happened" => {}
                    other => {
                        s.push(' ');
                        s.push_str(other);
                    }
                }
            }
            s
        }
    };
    let killed: Vec<&str> = event
        .casualties
        .iter()
        .filter(|c| c.kind == CasualtyKind::Killed)
        .map(|c| c.text.as_str())
        .take(1)
        .collect();
    if let Some(k) = killed.first() {
        s.push_str(&format!(", {k} killed"));
    }
    let places = literal_places(analysis, event);
    if !places.is_empty() {
        s.push_str(" — ");
        s.push_str(&places.join(", "));
    }
    s
}

/// Who took part, after the noun: " between A and B" for talks and deals (the first two people, organisations or
/// groups), else " of {patient}" and " by {agent}" when the sentence names them.
fn roles(analysis: &Analysis, event: &Event, agent: Option<&str>, patient: Option<&str>) -> String {
    if event.family == "diplomacy" {
        let mut sides: Vec<&str> = Vec::new();
        for id in agent.iter().chain(patient.iter()) {
            if !sides.contains(id) {
                sides.push(id);
            }
        }
        for e in event
            .participants
            .iter()
            .filter_map(|id| analysis.entities.iter().find(|e| &e.id == id))
            .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Org | EntityKind::Group))
        {
            if sides.len() < 2 && !sides.contains(&e.canonical.as_str()) {
                sides.push(&e.canonical);
            }
        }
        return match sides.as_slice() {
            [a, b, ..] => format!(" between {a} and {b}"),
            [a] => format!(" by {a}"),
            [] => String::new(),
        };
    }
    let mut s = String::new();
    if let Some(p) = patient {
        s.push_str(if event.family == "violence" { " on " } else { " of " });
        s.push_str(p);
    }
    if let Some(a) = agent {
        s.push_str(" by ");
        s.push_str(a);
    }
    s
}

/// The literal places of the event as the article writes them ("Tartus", not the gazetteer's "Ţarţūs"; a dateline's
/// capitals as the gazetteer names it), at most [`MAX_PLACES`], without repeats.
fn literal_places(analysis: &Analysis, event: &Event) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for p in event
        .places
        .iter()
        .filter_map(|id| analysis.places.iter().find(|p| &p.id == id))
        .filter(|p| p.kind == PlaceKind::Literal)
    {
        let shouting = p.text.chars().any(char::is_alphabetic) && !p.text.chars().any(char::is_lowercase);
        let name = if shouting || p.text.is_empty() {
            p.name.clone()
        } else {
            p.text.clone()
        };
        if !names.contains(&name) {
            names.push(name);
        }
        if names.len() == MAX_PLACES {
            break;
        }
    }
    names
}

/// A trigger in the simple past ("acquired", "warned", "struck"): its last word ends in "-ed" or is a common
/// irregular past.
fn is_past_verb(trigger: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "hit", "met", "said", "struck", "fled", "shot", "won", "lost", "fell", "took", "held", "began", "sold",
        "bought", "fought", "beat", "broke", "cut", "led", "left", "quit", "ran", "sent", "set", "shut", "slew",
        "spoke", "stole", "swept", "threw", "told", "wrote", "blew", "drove", "froze", "rose", "sank", "seized",
    ];
    let last = trigger.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    (last.len() > 3 && last.ends_with("ed")) || IRREGULAR.contains(&last.as_str())
}

/// A trigger that names the event as a plural noun ("talks", "protests", "string of bomb attacks"): its last word
/// ends in one "s".
fn is_plural_noun(trigger: &str) -> bool {
    let last = trigger.rsplit(' ').next().unwrap_or("").to_ascii_lowercase();
    last.len() > 3 && last.ends_with('s') && !last.ends_with("ss") && !is_past_verb(trigger)
}

/// `s` with its first letter in capitals.
fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        Casualty, DateSource, Entity, EventDate, Modality, Place, Polarity, Precision, Qualifier, Span, TextRef,
    };

    fn entity(id: &str, name: &str, kind: EntityKind) -> Entity {
        Entity {
            id: id.into(),
            span: Span::new(0, 1),
            text: name.into(),
            kind,
            canonical: name.into(),
            role: None,
            country: None,
            quantity: None,
            tagged: false,
        }
    }

    fn place(id: &str, text: &str, name: &str, kind: PlaceKind) -> Place {
        serde_json::from_value(serde_json::json!({
            "id": id, "span": {"start": 0, "end": 1}, "text": text, "name": name, "lat": 1.0, "lon": 2.0,
            "country": null, "admin1": null, "feature": "city", "geonames_id": null, "kind": kind, "confidence": 0.9,
        }))
        .expect("a place")
    }

    fn event(trigger: &str, kind: &str, family: &str) -> Event {
        Event {
            id: "ev1".into(),
            trigger: TextRef {
                span: Span::new(0, trigger.len()),
                text: trigger.into(),
            },
            mentions: Vec::new(),
            kind: kind.into(),
            family: family.into(),
            date: EventDate {
                value: "2016-09-05".into(),
                precision: Precision::Day,
                source: DateSource::Timex,
                timex: None,
            },
            places: Vec::new(),
            participants: Vec::new(),
            agent: None,
            patient: None,
            casualties: Vec::new(),
            polarity: Polarity::Positive,
            modality: Modality::Asserted,
            evidence: Vec::new(),
        }
    }

    fn analysis() -> Analysis {
        let mut a = crate::analyze("", &crate::Options::default());
        a.entities = vec![
            entity("e1", "John Kerry", EntityKind::Person),
            entity("e2", "Sergei Lavrov", EntityKind::Person),
            entity("e3", "Norvex Corp", EntityKind::Org),
            entity("e4", "Plexa Inc", EntityKind::Org),
            entity("e5", "Syrian", EntityKind::Demonym),
        ];
        a.places = vec![
            place("p1", "Geneva", "Genève", PlaceKind::Literal),
            place("p2", "Moscow", "Moscow", PlaceKind::Metonym),
            place("p3", "TARTUS", "Tartus", PlaceKind::Literal),
            place("p4", "Homs", "Homs", PlaceKind::Literal),
            place("p5", "Hasakeh", "Al Ḩasakah", PlaceKind::Literal),
        ];
        a
    }

    #[test]
    fn failed_talks_read_as_a_headline_with_actors_status_and_place() {
        let a = analysis();
        let mut ev = event("talks", "talks", "diplomacy");
        ev.participants = vec!["e5".into(), "e1".into(), "e2".into()];
        ev.places = vec!["p2".into(), "p1".into()];
        ev.polarity = Polarity::Negative;
        assert_eq!(
            event_headline(&a, &ev),
            "Talks between John Kerry and Sergei Lavrov fail — Geneva"
        );
        assert_eq!(
            event_headline_plain(&a, &ev),
            "Talks between John Kerry and Sergei Lavrov — Geneva"
        );
        // A singular noun fails; what is planned says so.
        ev.trigger.text = "deal".into();
        ev.kind = "agreement".into();
        assert!(event_headline(&a, &ev).starts_with("Agreement between John Kerry and Sergei Lavrov fails"));
        ev.polarity = Polarity::Positive;
        ev.modality = Modality::Future;
        assert!(event_headline(&a, &ev).starts_with("Agreement between John Kerry and Sergei Lavrov planned —"));
    }

    #[test]
    fn a_verb_with_its_doer_reads_as_written_and_places_use_the_articles_spelling() {
        let a = analysis();
        let mut ev = event("acquired", "acquisition", "business");
        ev.agent = Some("e3".into());
        ev.patient = Some("e4".into());
        assert_eq!(event_headline(&a, &ev), "Norvex Corp acquired Plexa Inc");
        // Not yet done: the noun form carries the status.
        ev.modality = Modality::Possible;
        assert_eq!(
            event_headline(&a, &ev),
            "Acquisition of Plexa Inc by Norvex Corp possible"
        );
        let mut blasts = event("string of bomb attacks", "explosion", "violence");
        blasts.places = vec!["p3".into(), "p4".into(), "p5".into()];
        blasts.casualties = vec![Casualty {
            kind: CasualtyKind::Killed,
            low: Some(43.0),
            best: Some(43.0),
            high: None,
            qualifier: Qualifier::AtLeast,
            text: "at least 43".into(),
            span: Span::new(0, 1),
        }];
        // The dateline's capitals give way to the gazetteer's name; at most two places.
        assert_eq!(
            event_headline(&a, &blasts),
            "String of bomb attacks, at least 43 killed — Tartus, Homs"
        );
        // A past verb with no doer gives way to the type's name.
        let warned = event("warned", "warning", "diplomacy");
        assert_eq!(event_headline(&a, &warned), "Warning");
    }
}
