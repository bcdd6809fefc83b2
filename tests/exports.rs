//! Every export read back by a real parser for its format, not compared as strings.
// Host only: it needs a process, a file system or parsers that are not built for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use dateline::export::{self, Format};
use dateline::model::*;

const TEXT: &str = "Blasts in Tartus, Homs on Monday killed at least 43 \"people\"; talks in Genève failed <again>.\n";

fn span_of(needle: &str) -> Span {
    let start = TEXT.find(needle).expect("needle in text");
    Span::new(start, start + needle.len())
}

fn place(id: &str, needle: &str, name: &str, lat: f64, lon: f64, country: &str) -> Place {
    Place {
        id: id.into(),
        span: span_of(needle),
        text: needle.into(),
        name: name.into(),
        lat,
        lon,
        country: Some(country.into()),
        admin1: None,
        feature: Feature::City,
        geonames_id: None,
        kind: PlaceKind::Literal,
        confidence: 0.9,
        alternatives: Default::default(),
    }
}

fn event(id: &str, needle: &str, kind: &str, value: &str, precision: Precision, places: &[&str]) -> Event {
    Event {
        id: id.into(),
        trigger: TextRef {
            span: span_of(needle),
            text: needle.into(),
        },
        mentions: vec![],
        kind: kind.into(),
        family: "violence".into(),
        date: EventDate {
            value: value.into(),
            precision,
            source: DateSource::Timex,
            timex: Some("t1".into()),
        },
        places: places.iter().map(|s| s.to_string()).collect(),
        participants: vec![],
        casualties: vec![],
        polarity: Polarity::Positive,
        modality: Modality::Asserted,
        evidence: vec![],
    }
}

fn fixture() -> Analysis {
    let mut blasts = event(
        "ev1",
        "Blasts",
        "explosion",
        "2016-09-05",
        Precision::Day,
        &["p1", "p2"],
    );
    blasts.casualties.push(Casualty {
        kind: CasualtyKind::Killed,
        low: Some(43.0),
        best: None,
        high: None,
        qualifier: Qualifier::AtLeast,
        text: "at least 43, \"people\"".into(),
        span: span_of("at least 43"),
    });
    let mut talks = event("ev2", "talks", "talks", "2016-09", Precision::Month, &["p3"]);
    talks.family = "diplomacy; talks, long name to force folding in calendars ééééééééééééééééééééé".into();
    talks.polarity = Polarity::Negative;
    Analysis {
        schema_version: SCHEMA_VERSION,
        document: Document {
            title: Some("Blasts & talks".into()),
            dct: Dct {
                value: Some("2016-09-05".into()),
                source: DctSource::Dateline,
                span: None,
            },
            length_bytes: TEXT.len(),
            language: "en".into(),
            language_confidence: Some(0.9),
            source: None,
            ..Default::default()
        },
        timexes: vec![Timex {
            id: "t1".into(),
            span: span_of("Monday"),
            text: "Monday".into(),
            kind: TimexType::Date,
            value: "2016-09-05".into(),
            modifier: None,
            anchor: Some("dct".into()),
            begin: None,
            end: None,
            freq: None,
            alternatives: vec![],
        }],
        places: vec![
            place("p1", "Tartus", "Tartus", 34.889, 35.887, "SY"),
            place("p2", "Homs", "Homs", 34.727, 36.723, "SY"),
            place("p3", "Genève", "Genève", 46.202, 6.146, "CH"),
        ],
        entities: vec![],
        events: vec![
            blasts,
            talks,
            event("ev3", "failed", "talks", "PAST_REF", Precision::Vague, &[]),
        ],
        warnings: vec![],
    }
}

#[test]
fn geojson_is_a_valid_rfc7946_feature_collection() {
    let out = export::render(&fixture(), TEXT, Format::GeoJson);
    let parsed: geojson::GeoJson = out.parse().expect("parses as GeoJSON");
    let geojson::GeoJson::FeatureCollection(fc) = parsed else {
        panic!("a FeatureCollection")
    };
    assert_eq!(fc.features.len(), 6, "3 places + 3 events");
    let homs = fc
        .features
        .iter()
        .find(|f| f.property("name").and_then(|v| v.as_str()) == Some("Homs"))
        .unwrap();
    match &homs.geometry.as_ref().unwrap().value {
        geojson::GeometryValue::Point { coordinates } => {
            assert_eq!(coordinates.as_slice(), &[36.723, 34.727], "longitude first")
        }
        other => panic!("Homs is a point, not {other:?}"),
    }
    let blasts = fc
        .features
        .iter()
        .find(|f| f.property("trigger").and_then(|v| v.as_str()) == Some("Blasts"))
        .unwrap();
    assert!(
        matches!(blasts.geometry.as_ref().unwrap().value, geojson::GeometryValue::MultiPoint { ref coordinates } if coordinates.len() == 2)
    );
    let vague = fc
        .features
        .iter()
        .find(|f| f.property("date").and_then(|v| v.as_str()) == Some("PAST_REF"))
        .unwrap();
    assert!(vague.geometry.is_none(), "an event with no place has a null geometry");
}

#[test]
fn csv_reads_back_with_quoting_intact() {
    let out = export::render(&fixture(), TEXT, Format::Csv);
    let mut reader = csv::ReaderBuilder::new().from_reader(out.as_bytes());
    let headers = reader.headers().expect("header row").clone();
    assert_eq!(&headers[0], "id");
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("valid CSV");
    assert_eq!(rows.len(), 3);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[0][col("killed")], "at least 43, \"people\"");
    assert_eq!(&rows[0][col("places")], "Tartus; Homs");
    assert_eq!(&rows[1][col("polarity")], "negative");
    assert_eq!(&rows[1][col("precision")], "month");
}

#[test]
fn ics_parses_with_all_day_events_ranged_by_precision() {
    let out = export::render(&fixture(), TEXT, Format::Ics);
    assert!(out.lines().all(|l| l.len() <= 75), "lines folded at 75 octets");
    assert!(out.contains("\r\n"), "CRLF line ends");
    let calendar: icalendar::Calendar = out.parse().expect("parses as iCalendar");
    let events: Vec<_> = calendar.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 2, "the vague event has no calendar date");
    use icalendar::Component;
    let day = events
        .iter()
        .find(|e| e.get_summary().is_some_and(|s| s.contains("Tartus")))
        .unwrap();
    assert_eq!(day.property_value("DTSTART"), Some("20160905"));
    assert_eq!(day.property_value("DTEND"), Some("20160906"));
    let month = events
        .iter()
        .find(|e| e.get_summary().is_some_and(|s| s.contains("Genève")))
        .unwrap();
    assert_eq!(month.property_value("DTSTART"), Some("20160901"));
    assert_eq!(month.property_value("DTEND"), Some("20161001"));
}

#[test]
fn timelinejs_has_start_dates_by_precision() {
    let out = export::render(&fixture(), TEXT, Format::TimelineJs);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 2);
    assert_eq!(
        events[0]["start_date"],
        serde_json::json!({"year": "2016", "month": "9", "day": "5"})
    );
    assert_eq!(
        events[1]["start_date"],
        serde_json::json!({"year": "2016", "month": "9"})
    );
    assert_eq!(v["title"]["text"]["headline"], "Blasts & talks");
}

#[test]
fn timeml_is_well_formed_and_tags_the_timexes() {
    let out = export::render(&fixture(), TEXT, Format::TimeMl);
    let doc = roxmltree::Document::parse(&out).expect("well-formed XML");
    let timexes: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("TIMEX3")).collect();
    assert_eq!(timexes.len(), 2, "the DCT and one in the text");
    assert_eq!(timexes[0].attribute("functionInDocument"), Some("CREATION_TIME"));
    assert_eq!(timexes[1].attribute("value"), Some("2016-09-05"));
    assert_eq!(timexes[1].text(), Some("Monday"));
    let text = doc.descendants().find(|n| n.has_tag_name("TEXT")).unwrap();
    let plain: String = text
        .descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap_or(""))
        .collect();
    assert_eq!(plain, TEXT, "the text survives escaping unchanged");
}

#[test]
fn format_names_parse_and_unknown_ones_are_refused() {
    for name in Format::NAMES {
        assert!(name.parse::<Format>().is_ok(), "{name}");
    }
    assert!("docx".parse::<Format>().unwrap_err().to_string().contains("geojson"));
}

#[test]
fn every_export_of_a_real_analysis_parses() {
    let text = include_str!("../src/app/sample_article.txt");
    let analysis = dateline::analyze(text, &dateline::Options::default());
    assert!(
        !analysis.events.is_empty() && !analysis.places.is_empty(),
        "the sample has events and places"
    );
    let geo: geojson::GeoJson = export::render(&analysis, text, Format::GeoJson)
        .parse()
        .expect("GeoJSON");
    let geojson::GeoJson::FeatureCollection(fc) = geo else {
        panic!("a FeatureCollection")
    };
    assert!(fc.features.len() >= analysis.events.len());
    let csv_out = export::render(&analysis, text, Format::Csv);
    let rows = csv::Reader::from_reader(csv_out.as_bytes()).records().count();
    assert_eq!(rows, analysis.events.len());
    let calendar: icalendar::Calendar = export::render(&analysis, text, Format::Ics).parse().expect("iCalendar");
    assert!(
        calendar.components.iter().any(|c| c.as_event().is_some()),
        "dated events become VEVENTs"
    );
    let tml = export::render(&analysis, text, Format::TimeMl);
    let doc = roxmltree::Document::parse(&tml).expect("TimeML is well-formed");
    let tagged = doc.descendants().filter(|n| n.has_tag_name("TIMEX3")).count();
    assert_eq!(tagged, analysis.timexes.len() + 1, "every timex and the DCT are tagged");
    let tl: serde_json::Value = serde_json::from_str(&export::render(&analysis, text, Format::TimelineJs)).unwrap();
    assert!(!tl["events"].as_array().unwrap().is_empty());
}
