//! Places: the gazetteer and the geoparser that resolves place names to coordinates.
//!
//! [`extract`] runs four steps: tokens → `recognise` (gazetteer matches minus people, organisations
//! and common words) → `resolve` (ranking of the readings of each name) → `kind` (literal or
//! metonym). Demonym entities from the entities engine become demonym places at their country.
//! `docs/places.md` explains the ranking with a worked example.

pub(crate) mod cues;
pub mod gazetteer;
pub(crate) mod kind;
pub mod name;
pub(crate) mod recognise;
pub(crate) mod resolve;

pub use gazetteer::{Gazetteer, GazetteerError};
pub use resolve::distance_km;

use crate::doc::Doc;
use crate::hash::FastMap;
use crate::lang::Language;
use crate::model::{Entity, EntityKind, Feature, Place, PlaceCandidate, PlaceKind};
use crate::Context;
use std::sync::Arc;

/// A count of the steps whose number could grow faster than the text (distance evaluations, span and
/// word tests), read by a unit test that checks the work per mention stays bounded on long inputs.
#[cfg(test)]
pub(crate) mod work {
    use std::cell::Cell;

    thread_local! {
        static STEPS: Cell<u64> = const { Cell::new(0) };
    }

    /// Counts `n` steps.
    pub fn add(n: u64) {
        STEPS.with(|s| s.set(s.get() + n));
    }

    /// Steps counted on this thread since the last call.
    pub fn take() -> u64 {
        STEPS.with(|s| s.replace(0))
    }
}

/// Outside tests the count is compiled out.
#[cfg(not(test))]
pub(crate) mod work {
    /// Does nothing (see the test build).
    #[inline(always)]
    pub fn add(_: u64) {}
}

/// Alternatives kept per place.
const MAX_ALTERNATIVES: usize = 4;

/// True for a place written as a dateline ("NAIROBI, April 15 (Reuters) -"): where the story was written. The
/// places engine keeps a name of four letters or more in capitals only as a dateline (`recognise/judge.rs`; the
/// short forms it keeps in capitals, US, UK, DRC, are shorter). O(length of the name).
pub fn is_dateline(place: &Place) -> bool {
    // One pass, ending at the first small letter (most names: their second).
    let mut letters = 0;
    for c in place.text.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 4
}

/// Finds the place mentions of the document and resolves them with the gazetteer of `ctx` (none without one);
/// the demonyms among `ctx.entities` become places at their country.
pub fn extract(doc: &Doc, language: &Language, ctx: &Context) -> Vec<Place> {
    match ctx.gazetteer {
        Some(gazetteer) => extract_with(doc, language, ctx.entities, gazetteer),
        None => Vec::new(),
    }
}

fn extract_with(doc: &Doc, language: &Language, entities: &[Entity], gazetteer: &Gazetteer) -> Vec<Place> {
    let (text, segments) = (doc.text(), doc.segments());
    let cues = language.places();
    let toks: Vec<recognise::Token> = doc.words().copied().collect();
    let found = recognise::recognise(text, &toks, segments, entities, gazetteer, cues);
    let scored = resolve::resolve(text, &toks, &found.mentions, &found.adjectives, gazetteer, cues);
    // Sized once: a text of nothing but place names has hundreds of thousands, and doubling would hold 1.5× them.
    let mut places = Vec::with_capacity(found.mentions.len());
    // Mentions with the same candidates at the same scores share one list of alternatives.
    let mut shared_alternatives: FastMap<Vec<(u32, u64)>, Arc<[PlaceCandidate]>> = FastMap::default();
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
        let others = || readings.iter().zip(&shares).skip(1).take(MAX_ALTERNATIVES);
        let key: Vec<(u32, u64)> = others().map(|(s, share)| (s.entry, share.to_bits())).collect();
        let alternatives = shared_alternatives
            .entry(key)
            .or_insert_with(|| {
                others()
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
                    .collect()
            })
            .clone();
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
            alternatives: Arc::default(),
        });
    }
    places.sort_by_key(|p| (p.span.start, p.span.end));
    for (n, p) in places.iter_mut().enumerate() {
        p.id = crate::model::numbered_id("p", n + 1);
    }
    places
}

fn admin_name(g: &Gazetteer, admin: Option<u32>) -> Option<String> {
    admin.and_then(|a| g.entry(a)).map(|e| e.name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Place> {
        let g = Gazetteer::builtin().expect("gazetteer");
        let language = Language::english();
        let ctx = Context {
            gazetteer: Some(&g),
            ..Context::default()
        };
        extract(&Doc::new(text, language), language, &ctx)
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
        let town = run("Troops tightened their hold on Aleppo. State television said so.");
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
    fn neighbouring_names_pick_each_other() {
        // No state is named: the Paris with a Henry County beside it is the one in Tennessee.
        let p = run("Volunteers from Paris and Henry County will collect food on Saturday.");
        let admins: Vec<Option<&str>> = p.iter().map(|p| p.admin1.as_deref()).collect();
        assert_eq!(admins, [Some("Tennessee"), Some("Tennessee")], "{p:?}");
        // Alone, Paris is the French capital.
        let p = run("Volunteers from Paris will collect food on Saturday.");
        assert_eq!(p[0].country.as_deref(), Some("FR"));
    }

    #[test]
    fn a_town_outside_its_named_state_falls_back_to_the_state() {
        // The gazetteer has no Edmonton in Kentucky (too small): the state is the best point given.
        let p = run("The county fair returns to Edmonton, Ky., next week.");
        assert_eq!(p[0].text, "Edmonton");
        assert_eq!(p[0].name, "Kentucky", "{p:?}");
        assert!(p[0].confidence < 0.9);
        assert!(p[0].alternatives.iter().any(|a| a.name == "Edmonton"));
        // A town the state does hold keeps its own point.
        let p = run("The county fair returns to Paris, Ky., next week.");
        assert_eq!(
            (p[0].name.as_str(), p[0].admin1.as_deref()),
            ("Paris", Some("Kentucky"))
        );
    }

    #[test]
    fn a_sea_is_not_the_division_named_after_it() {
        // Egypt and Sudan both have a Red Sea division; Cairo's vote would otherwise carry Egypt's.
        let p = run("Ships crossed the Red Sea after talks in Cairo on Monday.");
        assert_eq!((p[0].text.as_str(), p[0].feature), ("Red Sea", Feature::Other), "{p:?}");
    }

    #[test]
    fn a_capital_follows_its_named_country() {
        // A Texas story: Paris would be the Texas town; naming France makes it the capital.
        let local = "Farmers from Texas flew to Paris on Monday.";
        assert_eq!(run(local)[1].country.as_deref(), Some("US"), "{:?}", run(local));
        let p = run("Farmers from Texas flew to Paris on Monday. France hosts the fair.");
        assert_eq!(
            (p[1].text.as_str(), p[1].country.as_deref()),
            ("Paris", Some("FR")),
            "{p:?}"
        );
    }

    #[test]
    fn names_before_counties_are_counties() {
        let p = run("Storm damage was reported in Harper, Kingman and Sarpy counties on Monday.");
        let names: Vec<(&str, &str)> = p.iter().map(|p| (p.text.as_str(), p.name.as_str())).collect();
        assert_eq!(
            names,
            [
                ("Harper", "Harper County"),
                ("Kingman", "Kingman County"),
                ("Sarpy", "Sarpy County")
            ],
            "{p:?}"
        );
        // A lone state before the word is the state whose counties are meant.
        let p = run("It ranked 12th among Indiana counties last year.");
        assert_eq!((p[0].name.as_str(), p[0].feature), ("Indiana", Feature::Admin), "{p:?}");
    }

    #[test]
    fn a_town_missing_from_the_home_state_falls_back_to_it() {
        // No Hurricane in West Virginia is large enough for the gazetteer; the article is about that state.
        let text = "Deputies searched Putnam County, W.Va., on Sunday. \
                    The two men were found hiding under a bridge in Hurricane, officers said.";
        let p = run(text);
        let hurricane = p.iter().find(|p| p.text == "Hurricane").expect("found");
        // The county the story is about is nearer the town than the state's middle; the state comes next.
        assert_eq!(
            (hurricane.name.as_str(), hurricane.admin1.as_deref()),
            ("Putnam County", Some("West Virginia")),
            "{p:?}"
        );
        assert_eq!(hurricane.alternatives[0].name, "West Virginia", "{p:?}");
        assert!(hurricane
            .alternatives
            .iter()
            .any(|a| a.admin1.as_deref() == Some("Utah")));
        // Without the state's context the town keeps its only namesake.
        let p = run("The two men were found hiding under a bridge in Hurricane, officers said.");
        assert_eq!(p[0].admin1.as_deref(), Some("Utah"), "{p:?}");
    }

    #[test]
    fn settled_neighbours_vote_in_a_second_round() {
        // Columbus is Nebraska's only beside Platte County; once settled it votes for Nebraska, and
        // Norfolk follows its state rather than the larger Norfolk in Virginia.
        let text = "A Columbus woman was sentenced on Monday. She worked at a clinic in Norfolk before \
                    moving to Columbus. Platte County deputies arrested her in Norfolk.";
        let p = run(text);
        let norfolk = p.iter().find(|p| p.text == "Norfolk").expect("found");
        assert_eq!(norfolk.admin1.as_deref(), Some("Nebraska"), "{p:?}");
    }

    #[test]
    fn explicit_evidence_settles_every_mention_of_a_name() {
        let p = run("She grew up in Paris, Texas. Paris has grown since then.");
        let paris: Vec<Option<&str>> = p
            .iter()
            .filter(|p| p.text == "Paris")
            .map(|p| p.admin1.as_deref())
            .collect();
        assert_eq!(paris, [Some("Texas"), Some("Texas")], "{p:?}");
        // "X, south of Y": the namesake near Y, or Y itself when the gazetteer has none there.
        let p = run("Police searched a house in Edmonton, south of Cairns, on Monday. Edmonton is quiet again.");
        let edmonton: Vec<Option<&str>> = p
            .iter()
            .filter(|p| p.text == "Edmonton")
            .map(|p| p.country.as_deref())
            .collect();
        assert_eq!(edmonton, [Some("AU"), Some("AU")], "{p:?}");
    }

    #[test]
    fn a_dateline_capital_is_the_place_itself_and_the_same_capital_saying_things_is_not() {
        let p =
            run("PARIS, March 3 (Reuters) - The airline said on Tuesday it would cut jobs. Paris said it would help.");
        let kinds: Vec<(&str, PlaceKind)> = p.iter().map(|p| (p.text.as_str(), p.kind)).collect();
        assert_eq!(
            kinds,
            [("PARIS", PlaceKind::Literal), ("Paris", PlaceKind::Metonym)],
            "{p:?}"
        );
        let datelines: Vec<bool> = p.iter().map(is_dateline).collect();
        assert_eq!(datelines, [true, false]);
    }

    #[test]
    fn a_dateline_in_capitals_settles_the_same_name_in_the_body() {
        // The gazetteer has no Hurricane in West Virginia: the dateline's container is the best point, and
        // the body's "Hurricane" is the same name whatever its case.
        let text = "HURRICANE, W.Va. — Two dogs went missing on Sunday. They were found near a bridge in \
                    Hurricane on Monday, a neighbour said.";
        let p = run(text);
        let names: Vec<(&str, &str)> = p
            .iter()
            .filter(|p| p.text.eq_ignore_ascii_case("hurricane"))
            .map(|p| (p.text.as_str(), p.name.as_str()))
            .collect();
        assert_eq!(
            names,
            [("HURRICANE", "West Virginia"), ("Hurricane", "West Virginia")],
            "{p:?}"
        );
    }

    #[test]
    fn a_longer_name_the_gazetteer_lacks_is_not_the_shorter_place() {
        let p = run("The mayor of New Miami sailed on Lake Ontario and walked in Roanoke Park last week.");
        assert!(p.is_empty(), "{p:?}");
        // Names the gazetteer holds whole, and a prefix word opening the sentence, are unaffected.
        let p = run("New Syria talks opened in New York and Fort Worth while the Ohio National Guard waited.");
        let names: Vec<&str> = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(names, ["Syria", "New York", "Fort Worth", "Ohio"], "{p:?}");
    }

    #[test]
    fn town_words_prefer_towns() {
        let p = run("A Lebanon man was charged on Monday.");
        assert_eq!(p[0].feature, Feature::City, "{p:?}");
        let p = run("Fighting spread across Lebanon on Monday.");
        assert_eq!(p[0].feature, Feature::Country, "{p:?}");
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
    fn work_per_mention_stays_bounded_on_long_inputs() {
        // Adjectives, organisation phrases, containers, a dateline, common words and people, repeated:
        // the steps that could compare every mention with every other must grow with the text, not faster.
        let chunk = "HOMS (AP) -- The Syrian army shelled Homs, near Hama, and the Turkish city of Gaziantep. \
                     The White House said President Jordan agreed. Fighting in Paris, Texas, and Washington \
                     spread to Tartus and Latakia, where a mobile clinic opened near Mobile Street.\n";
        let count = |n: usize| {
            work::take();
            let p = run(&chunk.repeat(n));
            (work::take(), p.len())
        };
        let (small, small_places) = count(40);
        let (large, large_places) = count(320);
        assert!(small > 0 && small_places > 0);
        assert_eq!(large_places, 8 * small_places);
        // Linear work gives 8 times the steps (plus the one-off set of lower-case words); quadratic, 64.
        assert!(large <= 10 * small, "{small} steps for 40 copies, {large} for 320");
    }

    #[test]
    fn odd_input_does_not_panic() {
        for t in ["", "’", "Al-", "U.S.", "ÄÖÜ ß 北京 Syria's", &"Paris ".repeat(2000)] {
            let _ = run(t);
        }
    }
}
