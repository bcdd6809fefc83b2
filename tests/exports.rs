//! Every export read back by a real parser for its format, not compared as strings.
// Host only: it needs a process, a file system or parsers that are not built for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use dateline::export::{self, ExportTime, Format};
use dateline::model::*;

const TEXT: &str = "Blasts in Tartus, Homs on Monday killed at least 43 \"people\"; talks in Genève failed <again>.\n";

/// The export time of every test: 2016-09-06T14:02:03Z.
const AT: ExportTime = ExportTime::from_unix_seconds(1_473_170_523);

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
        agent: None,
        patient: None,
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
    let out = export::render(&fixture(), TEXT, Format::GeoJson, AT);
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
    let out = export::render(&fixture(), TEXT, Format::Csv, AT);
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
    let out = export::render(&fixture(), TEXT, Format::Ics, AT);
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
    let out = export::render(&fixture(), TEXT, Format::TimelineJs, AT);
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
    assert_eq!(v["title"]["text"]["headline"], "Blasts &amp; talks", "HTML-escaped");
}

#[test]
fn timeml_is_well_formed_and_tags_the_timexes() {
    let out = export::render(&fixture(), TEXT, Format::TimeMl, AT);
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
    // Each format's own name (its place in NAMES) is read back as that format.
    let every = [
        Format::Json,
        Format::Jsonl,
        Format::GeoJson,
        Format::Csv,
        Format::Ics,
        Format::TimelineJs,
        Format::StoryMapJs,
        Format::TimeMl,
        Format::Text,
    ];
    for format in every {
        assert_eq!(format.name().parse::<Format>(), Ok(format), "{}", format.name());
    }
}

#[test]
fn every_export_of_a_real_analysis_parses() {
    let text = include_str!("../src/app/sample_article.txt");
    let analysis = dateline::analyze(text, &dateline::Options::default());
    assert!(
        !analysis.events.is_empty() && !analysis.places.is_empty(),
        "the sample has events and places"
    );
    let geo: geojson::GeoJson = export::render(&analysis, text, Format::GeoJson, AT)
        .parse()
        .expect("GeoJSON");
    let geojson::GeoJson::FeatureCollection(fc) = geo else {
        panic!("a FeatureCollection")
    };
    assert!(fc.features.len() >= analysis.events.len());
    let csv_out = export::render(&analysis, text, Format::Csv, AT);
    let rows = csv::Reader::from_reader(csv_out.as_bytes()).records().count();
    assert_eq!(rows, analysis.events.len());
    let calendar: icalendar::Calendar = export::render(&analysis, text, Format::Ics, AT)
        .parse()
        .expect("iCalendar");
    assert!(
        calendar.components.iter().any(|c| c.as_event().is_some()),
        "dated events become VEVENTs"
    );
    let tml = export::render(&analysis, text, Format::TimeMl, AT);
    let doc = roxmltree::Document::parse(&tml).expect("TimeML is well-formed");
    let tagged = doc.descendants().filter(|n| n.has_tag_name("TIMEX3")).count();
    assert_eq!(tagged, analysis.timexes.len() + 1, "every timex and the DCT are tagged");
    let tl: serde_json::Value = serde_json::from_str(&export::render(&analysis, text, Format::TimelineJs, AT)).unwrap();
    assert!(!tl["events"].as_array().unwrap().is_empty());
}

#[test]
fn ics_is_stamped_with_the_export_time_not_the_document_date() {
    let out = export::render(&fixture(), TEXT, Format::Ics, AT);
    let calendar: icalendar::Calendar = out.parse().expect("iCalendar");
    let stamps: Vec<_> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .map(|e| icalendar::Component::property_value(e, "DTSTAMP").map(str::to_string))
        .collect();
    assert_eq!(stamps.len(), 2);
    assert!(
        stamps.iter().all(|s| s.as_deref() == Some("20160906T140203Z")),
        "{stamps:?}"
    );
    let later = export::render(&fixture(), TEXT, Format::Ics, ExportTime::from_unix_seconds(0));
    assert!(later.contains("DTSTAMP:19700101T000000Z"), "{later}");
}

/// The UIDs of the dated events of an analysis of `text`, by trigger.
fn uids_by_trigger(text: &str) -> Vec<(String, String)> {
    let options = dateline::Options {
        dct: dateline::calendar::Date::parse_iso("2016-09-07").ok(),
        ..Default::default()
    };
    let analysis = dateline::analyze(text, &options);
    let calendar: icalendar::Calendar = export::render(&analysis, text, Format::Ics, AT)
        .parse()
        .expect("iCalendar");
    let uids: Vec<String> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .filter_map(|e| icalendar::Component::property_value(e, "UID").map(str::to_string))
        .collect();
    let triggers = export::event_uids(&analysis, text);
    assert!(
        uids.iter().all(|u| triggers.contains(u)),
        "the calendar's UIDs are event_uids"
    );
    analysis
        .events
        .iter()
        .zip(triggers)
        .map(|(e, uid)| (e.trigger.text.clone(), uid))
        .collect()
}

#[test]
fn ics_uids_survive_an_edit_of_another_paragraph_and_differ_between_articles() {
    let second = "Talks in Geneva failed on Tuesday, officials said. Rebels shelled Aleppo on Monday.";
    let before = format!("Gunmen attacked a convoy near Homs on Sunday.\n\n{second}\n");
    let after = format!(
        "A car bomb exploded in Idlib on Saturday, killing four. Gunmen attacked a convoy and a checkpoint \
         near Homs and Hama on Sunday.\n\n{second}\n"
    );
    let (old, new) = (uids_by_trigger(&before), uids_by_trigger(&after));
    assert!(new.len() > old.len(), "the edit adds an event: {old:?} → {new:?}");
    let untouched: Vec<&(String, String)> = old.iter().filter(|(t, _)| second.contains(t.as_str())).collect();
    assert!(untouched.len() >= 2, "the second paragraph has events: {old:?}");
    for pair in untouched {
        assert!(
            new.contains(pair),
            "{pair:?} kept after editing the first paragraph: {new:?}"
        );
    }
    let all: std::collections::HashSet<&String> = new.iter().map(|(_, u)| u).collect();
    assert_eq!(all.len(), new.len(), "UIDs are unique within a calendar");
    // Two articles of the same length (the old UIDs' collision) share no UID.
    let other = before
        .replace("Homs", "Hama")
        .replace("Geneva", "Vienna")
        .replace("Aleppo", "Kobani");
    assert_eq!(other.len(), before.len());
    let other_uids = uids_by_trigger(&other);
    assert!(
        other_uids.iter().all(|p| !old.iter().any(|q| q.1 == p.1)),
        "{other_uids:?}"
    );
}

#[test]
fn timelinejs_slides_have_headlines_sentences_ranges_and_escaped_html() {
    let mut analysis = fixture();
    let mut range = analysis.timexes[0].clone();
    range.id = "t2".into();
    range.begin = Some("2016-09-05".into());
    range.end = Some("2016-09-07".into());
    analysis.timexes.push(range);
    analysis.events[1].date.timex = Some("t2".into());
    analysis.document.title = Some("Blasts <b>& talks</b>".into());
    let out = export::render(&analysis, TEXT, Format::TimelineJs, AT);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(v["title"]["text"]["headline"], "Blasts &lt;b&gt;&amp; talks&lt;/b&gt;");
    let slides = v["events"].as_array().expect("events");
    assert_eq!(slides.len(), 2);
    for slide in slides {
        assert!(
            slide.get("display_date").is_none(),
            "TimelineJS formats dates itself: {slide}"
        );
        let text = slide["text"]["text"].as_str().expect("text");
        assert!(text.contains("failed &lt;again&gt;."), "the sentence, escaped: {text}");
        assert!(!text.contains('<') && !text.contains('"'), "{text}");
    }
    // Headlines: what happened, its toll and where, escaped as the rest.
    assert_eq!(
        slides[0]["text"]["headline"],
        "Blasts, at least 43, &quot;people&quot; killed — Tartus, Homs"
    );
    // The talks failed: the slide says so rather than showing them as a fact.
    assert_eq!(slides[1]["text"]["headline"], "Talks fail — Genève");
    assert!(slides[0].get("end_date").is_none(), "a single day");
    assert_eq!(
        slides[1]["end_date"],
        serde_json::json!({"year": "2016", "month": "9", "day": "7"})
    );
    assert_eq!(
        slides[1]["start_date"],
        serde_json::json!({"year": "2016", "month": "9", "day": "5"})
    );
}

/// StoryMapJS (Knight Lab): `storymap.slides`, an overview first, then one slide per dated event with a place, each
/// with a `location` (numbers for `lat` and `lon`, a name), a headline and a text, every text HTML-escaped.
#[test]
fn storymapjs_has_an_overview_then_one_located_slide_per_dated_event() {
    let mut analysis = fixture();
    analysis.document.title = Some("Blasts <b>& talks</b>".into());
    let out = export::render(&analysis, TEXT, Format::StoryMapJs, AT);
    let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    let slides = v["storymap"]["slides"].as_array().expect("storymap.slides");
    assert_eq!(slides[0]["type"], "overview");
    assert_eq!(slides[0]["text"]["headline"], "Blasts &lt;b&gt;&amp; talks&lt;/b&gt;");
    let dated_with_place = analysis
        .events
        .iter()
        .filter(|e| dateline::timeline::interval(&e.date.value).is_some() && !e.places.is_empty())
        .count();
    assert_eq!(slides.len(), 1 + dated_with_place, "{v}");
    for slide in &slides[1..] {
        assert!(slide.get("type").is_none(), "{slide}");
        let location = &slide["location"];
        let (lat, lon) = (
            location["lat"].as_f64().expect("lat"),
            location["lon"].as_f64().expect("lon"),
        );
        assert!((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon));
        assert!(!location["name"].as_str().expect("name").is_empty());
        let headline = slide["text"]["headline"].as_str().expect("headline");
        let text = slide["text"]["text"].as_str().expect("text");
        assert!(
            !headline.is_empty() && !text.is_empty() && !text.contains('<'),
            "{slide}"
        );
        assert!(!slide["date"].as_str().expect("date").is_empty());
    }
    // Each event at its first literal place; the failed talks say so.
    let names: Vec<&str> = slides[1..]
        .iter()
        .filter_map(|s| s["location"]["name"].as_str())
        .collect();
    assert!(names.contains(&"Tartus") && names.contains(&"Genève"), "{names:?}");
    assert!(
        slides.iter().any(|s| s["text"]["headline"] == "Talks fail — Genève"),
        "{v}"
    );
    assert_eq!(Format::StoryMapJs.extension(), "storymap.json");
    assert_eq!("storymapjs".parse::<Format>(), Ok(Format::StoryMapJs));
}

#[test]
fn the_sentence_of_a_trigger_skips_abbreviations_and_stops_at_line_breaks() {
    let text = "Headline here\nMr. Smith said on Monday. Talks in Geneva failed, the U.S. envoy said! Next one.";
    let span_at = |needle: &str| {
        let s = text.find(needle).expect("needle");
        Span::new(s, s + needle.len())
    };
    assert_eq!(
        export::sentence_of(text, span_at("Smith")).slice(text),
        "Mr. Smith said on Monday."
    );
    assert_eq!(
        export::sentence_of(text, span_at("Talks")).slice(text),
        "Talks in Geneva failed, the U.S. envoy said!"
    );
    assert_eq!(export::sentence_of(text, span_at("here")).slice(text), "Headline here");
    assert_eq!(
        export::sentence_of(text, Span::new(5, 500)),
        Span::default(),
        "a span past the text"
    );
}

#[test]
fn what_did_not_happen_is_exported_as_such() {
    let text = "GENEVA, Monday 5 Sep 2016\n\nThe US and Russia failed to reach an agreement on Syria on Sunday. \
                Rebels shelled Aleppo on Saturday.\n";
    let analysis = dateline::analyze(text, &dateline::Options::default());
    let failed = analysis
        .events
        .iter()
        .find(|e| e.polarity == Polarity::Negative)
        .expect("the failed agreement is negated");
    assert_eq!(export::event_status(failed), "did not happen");
    // iCalendar: CANCELLED, and the summary says so; what happened is CONFIRMED.
    use icalendar::Component;
    let ics = export::render(&analysis, text, Format::Ics, AT);
    let calendar: icalendar::Calendar = ics.parse().expect("iCalendar");
    let statuses: Vec<(String, String)> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .map(|e| {
            let get = |k: &str| e.property_value(k).unwrap_or_default().to_string();
            (get("STATUS"), get("SUMMARY"))
        })
        .collect();
    assert!(
        statuses
            .iter()
            .any(|(s, summary)| s == "CANCELLED" && summary.starts_with("Did not happen: ")),
        "{statuses:?}"
    );
    assert!(statuses.iter().any(|(s, _)| s == "CONFIRMED"), "{statuses:?}");
    // CSV: a status column in words.
    let csv_out = export::render(&analysis, text, Format::Csv, AT);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let column = reader
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == "status")
        .expect("a status column");
    let statuses: Vec<String> = reader.records().map(|r| r.expect("row")[column].to_string()).collect();
    assert!(statuses.contains(&"did not happen".to_string()) && statuses.contains(&"happened".to_string()));
    // TimelineJS: the slide's headline says it ("Agreement fails — Syria").
    let tl: serde_json::Value =
        serde_json::from_str(&export::render(&analysis, text, Format::TimelineJs, AT)).expect("json");
    let headlines: Vec<&str> = tl["events"]
        .as_array()
        .expect("slides")
        .iter()
        .filter_map(|s| s["text"]["headline"].as_str())
        .collect();
    assert!(
        headlines.iter().any(|h| h.contains(" fails") || h.contains(" fail ")),
        "{headlines:?}"
    );
}

/// Issue 20: an event of a family beyond conflict news, with its roles, reaches every export in words a person
/// reads: the calendar's categories, the CSV's agent and patient columns, the TimelineJS group.
#[test]
fn a_business_event_carries_its_family_type_and_roles_into_the_exports() {
    let text = "Norvex Corp acquired Plexa Inc on 4 March 2024.";
    let options = dateline::Options {
        dct: dateline::calendar::Date::parse_iso("2024-03-06").ok(),
        ..Default::default()
    };
    let analysis = dateline::analyze(text, &options);
    let ev = analysis
        .events
        .iter()
        .find(|e| e.kind == "acquisition")
        .expect("an acquisition");
    assert_eq!((ev.family.as_str(), ev.date.value.as_str()), ("business", "2024-03-04"));
    let calendar: icalendar::Calendar = export::render(&analysis, text, Format::Ics, AT)
        .parse()
        .expect("iCalendar");
    let categories: Vec<Vec<String>> = calendar
        .components
        .iter()
        .filter_map(|c| c.as_event())
        .filter_map(icalendar::EventLike::get_categories)
        .collect();
    let wanted = vec!["Business and economy".to_string(), "acquisition".to_string()];
    assert!(categories.contains(&wanted), "{categories:?}");
    let csv_out = export::render(&analysis, text, Format::Csv, AT);
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let header = reader.headers().expect("a header").clone();
    let column = |name: &str| header.iter().position(|h| h == name).expect("column");
    let row = reader
        .records()
        .map(|r| r.expect("a row"))
        .find(|r| &r[column("type")] == "acquisition")
        .expect("the acquisition's row");
    assert_eq!(
        (&row[column("family")], &row[column("agent")], &row[column("patient")]),
        ("business", "Norvex Corp", "Plexa Inc")
    );
    let tl: serde_json::Value = serde_json::from_str(&export::render(&analysis, text, Format::TimelineJs, AT)).unwrap();
    let groups: Vec<&str> = tl["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["group"].as_str())
        .collect();
    assert!(groups.contains(&"Business and economy"), "{groups:?}");
}
