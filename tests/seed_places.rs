//! The places of the reference article against its hand annotation, and accuracy floors on LGL and
//! TR-News (all skipped, with a message, when ../shared is absent).

mod common;

use dateline::places::resolve::distance_km;
use dateline::places::Gazetteer;
use dateline::{analyze, Options, PlaceKind};

#[test]
fn seed_places_match_gold() {
    let Some((text, gold)) = common::seed() else { return };
    let g = Gazetteer::builtin().expect("embedded gazetteer");
    let a = analyze(&text, &Options::default(), Some(&g));
    let mut problems = Vec::new();
    for item in gold["places"].as_array().expect("places") {
        let (start, end) = (item["start"].as_u64().unwrap() as usize, item["end"].as_u64().unwrap() as usize);
        let span = dateline::Span::new(start, end);
        let want_kind = item["kind"].as_str().unwrap_or("literal");
        let (lat, lon) = (item["lat"].as_f64().unwrap(), item["lon"].as_f64().unwrap());
        match a.places.iter().find(|p| p.span.overlaps(&span) && p.kind != PlaceKind::Demonym) {
            None => problems.push(format!("missing {:?} at {start}", item["text"])),
            Some(p) => {
                let km = distance_km(lat, lon, p.lat, p.lon);
                let kind = match p.kind {
                    PlaceKind::Literal => "literal",
                    PlaceKind::Metonym => "metonym",
                    PlaceKind::Demonym => "demonym",
                };
                if km > 161.0 {
                    problems.push(format!("{:?} at {start}: {} is {km:.0} km off", p.text, p.name));
                }
                if kind != want_kind {
                    problems.push(format!("{:?} at {start}: kind {kind}, gold {want_kind}", p.text));
                }
            }
        }
    }
    let not_places: Vec<&str> = gold["not_places"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    for p in &a.places {
        if not_places.contains(&p.text.as_str()) {
            problems.push(format!("{:?} at {} reported as a place ({})", p.text, p.span.start, p.name));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
