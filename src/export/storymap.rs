//! StoryMapJS (Knight Lab) JSON: `{"storymap": {"slides": [...]}}`, an overview slide, then one slide per event that
//! has a calendar date and a place on the map, in the article's order (its story's order): its headline ([`super::event_headline`]), its sentence,
//! its date in words and its place's `location` (`lat`, `lon`, `name`). Every text is HTML-escaped: StoryMapJS
//! renders its text fields as HTML.

use super::{event_headline, html_escape, sentence_of};
use crate::model::{Analysis, Event, PlaceKind, Precision};
use serde_json::{json, Value};

/// A StoryMapJS document for one analysis: the overview titled with the document's title, then its slides.
/// O(e·p) for e events and p places.
pub fn storymapjs(analysis: &Analysis, text: &str) -> Value {
    let title = analysis.document.title.as_deref().unwrap_or("Dateline");
    let mut slides = vec![storymapjs_overview(title)];
    slides.extend(storymapjs_slides(analysis, text));
    json!({"storymap": {"slides": slides}})
}

/// The overview slide (StoryMapJS shows every slide's place on it), with `headline` (HTML-escaped here).
pub fn storymapjs_overview(headline: &str) -> Value {
    json!({"type": "overview", "text": {"headline": html_escape(headline), "text": "Events found by Dateline"}})
}

/// The event slides of [`storymapjs`], in the article's order, without the overview: for a story map of several documents
/// after one [`storymapjs_overview`]. An event with no calendar date (`PAST_REF`, a weekday of unknown week) or no
/// place is left out: a slide is a point on the map at a time.
pub fn storymapjs_slides(analysis: &Analysis, text: &str) -> Vec<Value> {
    analysis
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.date.precision,
                Precision::Day | Precision::Time | Precision::Month | Precision::Year
            ) && crate::timeline::interval(&e.date.value).is_some()
        })
        .filter_map(|event| slide(analysis, text, event))
        .collect()
}

/// One event's slide, at its first literal place (else its first place); `None` when it has no place.
fn slide(analysis: &Analysis, text: &str, event: &Event) -> Option<Value> {
    let places: Vec<&crate::model::Place> = event
        .places
        .iter()
        .filter_map(|id| analysis.places.iter().find(|p| &p.id == id))
        .collect();
    let place = places
        .iter()
        .find(|p| p.kind == PlaceKind::Literal)
        .or(places.first())?;
    let sentence = sentence_of(text, event.trigger.span).slice(text);
    let body = if sentence.is_empty() {
        event.trigger.text.as_str()
    } else {
        sentence
    };
    let name = if place.text.is_empty() || place.text == place.name {
        place.name.clone()
    } else {
        format!("{} ({})", place.text, place.name)
    };
    Some(json!({
        "date": html_escape(&crate::explorer::format::readable_value(&event.date.value)),
        "location": {"lat": place.lat, "lon": place.lon, "name": html_escape(&name), "line": true},
        "text": {"headline": html_escape(&event_headline(analysis, event)), "text": html_escape(body)},
    }))
}
