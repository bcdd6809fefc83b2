//! A place that ends an organisation's name is part of the name ("Costco Canada", "Air France"), not a place of its
//! own; the same place beside the name still is. The names here are found by the name tagger (rules find others,
//! such as "Air France"), whose names hold the places after their first word unless a locative word says where the
//! named thing is ("University of Cincinnati"); a place that leads a name stays one ("the US Federal Reserve", as
//! MEANTIME annotates it).

use dateline::places::Gazetteer;
use dateline::{analyze, EntityKind, Options, PlaceKind};

/// The organisations and the places (not nationalities) of `text`, as their texts.
fn orgs_and_places(text: &str) -> (Vec<String>, Vec<String>) {
    let g = Gazetteer::builtin().expect("embedded gazetteer");
    let a = analyze(
        text,
        &Options {
            gazetteer: dateline::Gazetteers::Given(&g),
            ..Options::default()
        },
    );
    let orgs = a
        .entities
        .iter()
        .filter(|e| e.kind == EntityKind::Org)
        .map(|e| e.text.clone())
        .collect();
    let places = a
        .places
        .iter()
        .filter(|p| p.kind != PlaceKind::Demonym)
        .map(|p| p.span.slice(text).to_string())
        .collect();
    (orgs, places)
}

#[test]
fn a_country_ending_a_company_or_agency_name_is_not_a_place() {
    let text = "Costco Canada reported higher sales on Monday, and Environment Canada warned of snow in Winnipeg.";
    let (orgs, places) = orgs_and_places(text);
    assert!(orgs.iter().any(|o| o == "Costco Canada"), "orgs {orgs:?}");
    assert!(orgs.iter().any(|o| o == "Environment Canada"), "orgs {orgs:?}");
    assert!(!places.iter().any(|p| p == "Canada"), "places {places:?}");
    assert!(places.iter().any(|p| p == "Winnipeg"), "places {places:?}");
}

#[test]
fn places_beside_an_organisation_name_stay_places() {
    let text = "The Bank of Canada raised rates on Wednesday. Air France flew more people to Canada, and the US economy slowed.";
    let (_, places) = orgs_and_places(text);
    assert_eq!(places.iter().filter(|p| *p == "Canada").count(), 1, "places {places:?}");
    assert!(places.iter().any(|p| p == "US"), "places {places:?}");
    assert!(!places.iter().any(|p| p == "France"), "places {places:?}");
}
