//! Places: the gazetteer and the geoparser that resolves place names to coordinates.
//!
//! [`extract`] runs four steps: tokens → [`recognise`] (gazetteer matches minus people, organisations
//! and common words) → [`resolve`] (ranking of the readings of each name) → [`kind`] (literal or
//! metonym). Demonym entities from the entities engine become demonym places at their country.
//! `docs/places.md` explains the ranking with a worked example.

pub mod cues;
pub mod fasthash;
pub mod gazetteer;
pub mod kind;
pub mod name;
pub mod recognise;
pub mod resolve;

pub use gazetteer::{Gazetteer, GazetteerError};

use crate::model::{Entity, EntityKind, Feature, Place, PlaceCandidate, PlaceKind};
use crate::segment::Segment;
use cues::Cues;

/// Alternatives kept per place.
const MAX_ALTERNATIVES: usize = 4;

/// Finds place mentions in `text` and resolves them with `gazetteer`.
pub fn extract(text: &str, segments: &[Segment], entities: &[Entity], gazetteer: &Gazetteer) -> Vec<Place> {
    let cues = Cues::english();
    let toks = recognise::tokenize(text);
    let found = recognise::recognise(text, &toks, segments, entities, gazetteer, cues);
    let scored = resolve::resolve(text, &toks, &found.mentions, &found.adjectives, gazetteer, cues);
    let mut places = Vec::new();
    for (m, (mention, readings)) in found.mentions.iter().zip(&scored).enumerate() {
        let Some(best) = readings.first().and_then(|s| gazetteer.entry(s.entry)) else {
            continue;
        };
        let shares = resolve::shares(readings);
        let confidence = shares.first().copied().unwrap_or(0.0) as f32;
        let actor = best.feature == Feature::Country || best.capital;
        let kind = if actor {
            kind::kind(text, &toks, &found.mentions, m, best.capital, cues)
        } else {
            PlaceKind::Literal
        };
        let alternatives = readings
            .iter()
            .zip(&shares)
            .skip(1)
            .take(MAX_ALTERNATIVES)
            .filter_map(|(s, share)| {
                let e = gazetteer.entry(s.entry)?;
                Some(PlaceCandidate {
                    name: e.name.to_string(),
                    lat: e.lat,
                    lon: e.lon,
                    country: e.country.map(str::to_string),
                    admin1: admin_name(gazetteer, e.admin1),
                    feature: e.feature,
                    geonames_id: e.geonames_id,
                    score: *share as f32,
                })
            })
            .collect();
        places.push(Place {
            id: String::new(),
            span: mention.span,
            text: mention.span.slice(text).to_string(),
            name: best.name.to_string(),
            lat: best.lat,
            lon: best.lon,
            country: best.country.map(str::to_string),
            admin1: admin_name(gazetteer, best.admin1),
            feature: best.feature,
            geonames_id: best.geonames_id,
            kind,
            confidence,
            alternatives,
        });
    }
    for e in entities.iter().filter(|e| e.kind == EntityKind::Demonym) {
        let Some(c) = e
            .country
            .as_deref()
            .and_then(|c| gazetteer.country(c))
            .and_then(|c| gazetteer.entry(c))
        else {
            continue;
        };
        places.push(Place {
            id: String::new(),
            span: e.span,
            text: e.text.clone(),
            name: c.name.to_string(),
            lat: c.lat,
            lon: c.lon,
            country: c.country.map(str::to_string),
            admin1: None,
            feature: Feature::Country,
            geonames_id: c.geonames_id,
            kind: PlaceKind::Demonym,
            confidence: 1.0,
            alternatives: Vec::new(),
        });
    }
    places.sort_by_key(|p| (p.span.start, p.span.end));
    for (n, p) in places.iter_mut().enumerate() {
        p.id = format!("p{}", n + 1);
    }
    places
}

fn admin_name(g: &Gazetteer, admin: Option<u32>) -> Option<String> {
    admin.and_then(|a| g.entry(a)).map(|e| e.name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn run(text: &str) -> Vec<Place> {
        let g = Gazetteer::builtin().expect("gazetteer");
        extract(text, &segment(text, &crate::lang::EN), &[], &g)
    }

    #[test]
    fn finds_and_resolves_with_context() {
        let p = run("Shelling hit the Syrian city of Homs and the town of Hasakeh on Tuesday.");
        let names: Vec<(&str, Option<&str>)> = p.iter().map(|p| (p.text.as_str(), p.country.as_deref())).collect();
        assert_eq!(names, [("Homs", Some("SY")), ("Hasakeh", Some("SY"))]);
        assert_eq!(p[0].id, "p1");
        assert!((p[0].lat - 34.73).abs() < 0.2);
    }

    #[test]
    fn division_words_count_only_in_their_sentence() {
        let town = run("Troops tightened their grip on Aleppo. State media said so.");
        assert_eq!(town[0].feature, Feature::City);
        let division = run("Troops advanced in Aleppo province on Friday.");
        assert_eq!(division[0].feature, Feature::Admin);
    }

    #[test]
    fn container_picks_the_right_paris() {
        let p = run("She grew up in Paris, Texas, before moving away.");
        assert_eq!(p[0].country.as_deref(), Some("US"));
        assert_eq!(p[0].admin1.as_deref(), Some("Texas"));
        assert!(!p[0].alternatives.is_empty());
    }

    #[test]
    fn people_and_organisations_stay_off_the_map() {
        let p = run("President Jordan Lincoln met Senator Paris. The White House said Mr Paris agreed.");
        assert!(p.is_empty(), "{p:?}");
        let p = run("The team thanked coach Lincoln after the Superior Court hearing.");
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn common_words_that_are_towns_stay_off_the_map() {
        let p = run("Reading the report on Independence Day, she said the Split was Nice and Mobile phones rang.");
        assert!(p.is_empty(), "{p:?}");
        let p = run("The storm reached Mobile, Alabama, and Nice, France.");
        let names: Vec<(&str, Option<&str>)> = p.iter().map(|p| (p.text.as_str(), p.country.as_deref())).collect();
        assert_eq!(
            names,
            [
                ("Mobile", Some("US")),
                ("Alabama", Some("US")),
                ("Nice", Some("FR")),
                ("France", Some("FR"))
            ]
        );
    }

    #[test]
    fn metonymy() {
        let p = run("Moscow warned on Friday. Fighting continued in Moscow. The US and Britain agreed.");
        let kinds: Vec<PlaceKind> = p.iter().map(|p| p.kind).collect();
        assert_eq!(
            kinds,
            [
                PlaceKind::Metonym,
                PlaceKind::Literal,
                PlaceKind::Metonym,
                PlaceKind::Metonym
            ]
        );
    }

    #[test]
    fn arbitrary_slices_do_not_panic() {
        // Pseudo-random cuts of a mixed-script text, on and off word boundaries.
        let text =
            "Ünïcödé U.S. al-Hasakah, Syria's 北京 — \"Paris, TX\" O'Fallon. ’s Kiev-Kyiv St. Louis\n\nGAZA (AP) -- ";
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut seed = 7u64;
        for _ in 0..300 {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let a = (seed >> 33) as usize % chars.len();
            let b = a + (seed >> 17) as usize % (chars.len() - a);
            let piece = &text[chars[a].0..chars[b].0];
            for p in run(piece) {
                assert!(piece.get(p.span.start..p.span.end).is_some(), "{piece:?}: {:?}", p.span);
            }
        }
    }

    #[test]
    fn large_input_stays_linear() {
        let text = "Fighting in Paris, Texas, and Washington spread to Homs. ".repeat(3000);
        let t = std::time::Instant::now();
        let p = run(&text);
        assert_eq!(p.len(), 4 * 3000);
        assert!(t.elapsed().as_secs() < 20, "{:?}", t.elapsed());
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["", "’", "Al-", "U.S.", "ÄÖÜ ß 北京 Syria's", &"Paris ".repeat(2000)] {
            let _ = run(t);
        }
    }
}
