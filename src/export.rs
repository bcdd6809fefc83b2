//! Output formats of an `Analysis`: the CLI's `--format` and the app's downloads.
//!
//! Each follows its format's specification: GeoJSON (RFC 7946), CSV (RFC 4180), iCalendar (RFC 5545),
//! TimelineJS's JSON, and TimeML with inline TIMEX3 tags. Tests read them back with real parsers.

use crate::model::{Analysis, CasualtyKind, Event, Precision};
use serde_json::{json, Value};
use std::fmt;
use std::fmt::Write as _;
use std::str::FromStr;

/// The formats an analysis can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One pretty-printed JSON document per input.
    Json,
    /// One compact JSON line per input, for batches.
    Jsonl,
    /// GeoJSON FeatureCollection: places and events as features.
    GeoJson,
    /// CSV, one row per event.
    Csv,
    /// iCalendar, one VEVENT per dated event.
    Ics,
    /// TimelineJS JSON.
    TimelineJs,
    /// The text with inline TIMEX3 tags.
    TimeMl,
    /// Exactly the text the engines analysed (for an HTML page: the headline, a blank line, the article's body),
    /// so anyone can check what was extracted.
    Text,
}

/// A format name that is not known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown format '{}' (expected one of: {})",
            self.0,
            Format::NAMES.join(", ")
        )
    }
}

impl std::error::Error for UnknownFormat {}

impl Format {
    /// Names accepted by [`Format::from_str`].
    pub const NAMES: &'static [&'static str] =
        &["json", "jsonl", "geojson", "csv", "ics", "timelinejs", "timeml", "text"];

    /// The file name extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::GeoJson => "geojson",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::TimelineJs => "timeline.json",
            Format::TimeMl => "tml",
            Format::Text => "txt",
        }
    }

    /// The media type of the format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json | Format::TimelineJs => "application/json",
            Format::Jsonl => "application/jsonl",
            Format::GeoJson => "application/geo+json",
            Format::Csv => "text/csv",
            Format::Ics => "text/calendar",
            Format::TimeMl => "application/xml",
            Format::Text => "text/plain",
        }
    }
}

impl FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "json" => Ok(Format::Json),
            "jsonl" => Ok(Format::Jsonl),
            "geojson" => Ok(Format::GeoJson),
            "csv" => Ok(Format::Csv),
            "ics" | "ical" | "icalendar" => Ok(Format::Ics),
            "timelinejs" => Ok(Format::TimelineJs),
            "timeml" | "tml" => Ok(Format::TimeMl),
            "text" | "txt" => Ok(Format::Text),
            other => Err(UnknownFormat(other.to_string())),
        }
    }
}

/// Writes `analysis` of `text` in `format`.
pub fn render(analysis: &Analysis, text: &str, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(analysis).unwrap_or_else(|_| "{}".to_string()),
        Format::Jsonl => serde_json::to_string(analysis).unwrap_or_else(|_| "{}".to_string()),
        Format::GeoJson => geojson(analysis).to_string(),
        Format::Csv => csv(analysis),
        Format::Ics => ics(analysis),
        Format::TimelineJs => timelinejs(analysis).to_string(),
        Format::TimeMl => timeml(analysis, text),
        // What was analysed: the input cut where the analysis cut it (`MAX_INPUT_BYTES`), never more.
        Format::Text => text.get(..analysis.document.length_bytes).unwrap_or(text).to_string(),
    }
}

/// Names of an event's places, in order, without repeats in a row.
pub fn place_names(analysis: &Analysis, event: &Event) -> Vec<String> {
    let mut names: Vec<String> = event
        .places
        .iter()
        .filter_map(|id| analysis.places.iter().find(|p| &p.id == id))
        .map(|p| p.name.clone())
        .collect();
    names.dedup();
    names
}

/// Canonical names of an event's participants, in order, without repeats in a row.
pub fn participant_names(analysis: &Analysis, event: &Event) -> Vec<String> {
    let mut names: Vec<String> = event
        .participants
        .iter()
        .filter_map(|id| analysis.entities.iter().find(|e| &e.id == id))
        .map(|e| e.canonical.clone())
        .collect();
    names.dedup();
    names
}

fn casualty_text(event: &Event, kind: CasualtyKind) -> String {
    event
        .casualties
        .iter()
        .filter(|c| c.kind == kind)
        .map(|c| c.text.clone())
        .collect::<Vec<_>>()
        .join("; ")
}

/// A one-line description: "explosion in Tartus, Homs — at least 43 killed".
pub fn event_summary(analysis: &Analysis, event: &Event) -> String {
    let mut s = event.kind.replace('_', " ");
    let places = place_names(analysis, event);
    if !places.is_empty() {
        let _ = write!(s, " in {}", places.join(", "));
    }
    let killed = casualty_text(event, CasualtyKind::Killed);
    if !killed.is_empty() {
        let _ = write!(s, " — {killed} killed");
    }
    s
}

/// GeoJSON (RFC 7946): one Point per distinct location, and one feature per event (MultiPoint of its
/// places, or a null geometry when it has none). Coordinates are [longitude, latitude].
pub fn geojson(analysis: &Analysis) -> Value {
    let mut features = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for place in &analysis.places {
        let key = format!("{:.5},{:.5},{:?}", place.lat, place.lon, place.kind);
        if let Some((_, k)) = seen.iter().find(|(s, _)| *s == key) {
            let feature: &mut Value = &mut features[*k];
            if let Some(mentions) = feature["properties"]["mentions"].as_array_mut() {
                mentions.push(
                    json!({"id": place.id, "text": place.text, "start": place.span.start, "end": place.span.end}),
                );
            }
            continue;
        }
        seen.push((key, features.len()));
        features.push(json!({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "feature_type": "place",
                "name": place.name,
                "country": place.country,
                "admin1": place.admin1,
                "class": place.feature,
                "kind": place.kind,
                "geonames_id": place.geonames_id,
                "confidence": place.confidence,
                "mentions": [{"id": place.id, "text": place.text, "start": place.span.start, "end": place.span.end}],
            }
        }));
    }
    for event in &analysis.events {
        let points: Vec<Value> = event
            .places
            .iter()
            .filter_map(|id| analysis.places.iter().find(|p| &p.id == id))
            .map(|p| json!([p.lon, p.lat]))
            .collect();
        let geometry = match points.len() {
            0 => Value::Null,
            1 => json!({"type": "Point", "coordinates": points[0]}),
            _ => json!({"type": "MultiPoint", "coordinates": points}),
        };
        features.push(json!({
            "type": "Feature",
            "id": event.id,
            "geometry": geometry,
            "properties": {
                "feature_type": "event",
                "type": event.kind,
                "family": event.family,
                "date": event.date.value,
                "precision": event.date.precision,
                "trigger": event.trigger.text,
                "places": place_names(analysis, event),
                "participants": participant_names(analysis, event),
                "casualties": event.casualties,
                "polarity": event.polarity,
                "modality": event.modality,
            }
        }));
    }
    json!({"type": "FeatureCollection", "features": features})
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV (RFC 4180, CRLF line ends), one row per event.
pub fn csv(analysis: &Analysis) -> String {
    const HEADER: &[&str] = &[
        "id",
        "date",
        "precision",
        "type",
        "family",
        "trigger",
        "start",
        "end",
        "places",
        "participants",
        "killed",
        "wounded",
        "polarity",
        "modality",
    ];
    let mut out = HEADER.join(",");
    out.push_str("\r\n");
    for event in &analysis.events {
        let row = [
            event.id.clone(),
            event.date.value.clone(),
            json_name(&event.date.precision),
            event.kind.clone(),
            event.family.clone(),
            event.trigger.text.clone(),
            event.trigger.span.start.to_string(),
            event.trigger.span.end.to_string(),
            place_names(analysis, event).join("; "),
            participant_names(analysis, event).join("; "),
            casualty_text(event, CasualtyKind::Killed),
            casualty_text(event, CasualtyKind::Wounded),
            json_name(&event.polarity),
            json_name(&event.modality),
        ];
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// The serde name of a unit enum value (`day`, `negative`).
fn json_name<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The first and last-plus-one day of a date value at day, month or year precision.
fn all_day_range(value: &str, precision: Precision) -> Option<(String, String)> {
    use crate::calendar::Date;
    let num = |r: std::ops::Range<usize>| value.get(r).and_then(|s| s.parse::<u32>().ok());
    let (start, end) = match precision {
        Precision::Day | Precision::Time => {
            let d = Date::parse_iso(value.get(..10)?).ok()?;
            (d, d.add_days(1))
        }
        Precision::Month => {
            let d = Date::new(num(0..4)? as i32, num(5..7)?, 1)?;
            (d, d.add_months(1))
        }
        Precision::Year => {
            let d = Date::new(num(0..4)? as i32, 1, 1)?;
            (d, d.add_months(12))
        }
        _ => return None,
    };
    let fmt = |d: Date| format!("{:04}{:02}{:02}", d.year, d.month, d.day);
    Some((fmt(start), fmt(end)))
}

fn ics_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace('\n', "\\n")
}

/// Folds a content line at 75 octets, on char boundaries (RFC 5545 §3.1).
fn ics_fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// iCalendar (RFC 5545): one all-day VEVENT per event dated to the day, month or year.
pub fn ics(analysis: &Analysis) -> String {
    let stamp = analysis
        .document
        .dct
        .value
        .as_deref()
        .and_then(|v| all_day_range(v, Precision::Day))
        .map_or_else(|| "19700101T000000Z".to_string(), |(d, _)| format!("{d}T000000Z"));
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Dateline//Article explorer//EN",
        "CALSCALE:GREGORIAN",
    ] {
        ics_fold(line, &mut out);
    }
    let doc_key: u32 = analysis.document.length_bytes as u32;
    for event in &analysis.events {
        let Some((start, end)) = all_day_range(&event.date.value, event.date.precision) else {
            continue;
        };
        ics_fold("BEGIN:VEVENT", &mut out);
        ics_fold(
            &format!("UID:{}-{}-{}@dateline", event.id, doc_key, event.trigger.span.start),
            &mut out,
        );
        ics_fold(&format!("DTSTAMP:{stamp}"), &mut out);
        ics_fold(&format!("DTSTART;VALUE=DATE:{start}"), &mut out);
        ics_fold(&format!("DTEND;VALUE=DATE:{end}"), &mut out);
        ics_fold(
            &format!("SUMMARY:{}", ics_text(&event_summary(analysis, event))),
            &mut out,
        );
        let places = place_names(analysis, event);
        if !places.is_empty() {
            ics_fold(&format!("LOCATION:{}", ics_text(&places.join(", "))), &mut out);
        }
        if let Some(p) = event
            .places
            .first()
            .and_then(|id| analysis.places.iter().find(|p| &p.id == id))
        {
            ics_fold(&format!("GEO:{:.5};{:.5}", p.lat, p.lon), &mut out);
        }
        ics_fold(
            &format!(
                "DESCRIPTION:{}",
                ics_text(&format!("“{}” ({})", event.trigger.text, event.date.value))
            ),
            &mut out,
        );
        ics_fold(&format!("CATEGORIES:{}", ics_text(&event.family)), &mut out);
        ics_fold("END:VEVENT", &mut out);
    }
    ics_fold("END:VCALENDAR", &mut out);
    out
}

/// TimelineJS JSON: a title slide and one slide per event with a calendar date.
pub fn timelinejs(analysis: &Analysis) -> Value {
    let mut events = Vec::new();
    for event in &analysis.events {
        let v = &event.date.value;
        let part = |r: std::ops::Range<usize>| v.get(r).and_then(|s| s.parse::<u32>().ok()).map(|n| n.to_string());
        let Some(year) = part(0..4) else { continue };
        let mut start = json!({"year": year});
        match event.date.precision {
            Precision::Day | Precision::Time => {
                start["month"] = json!(part(5..7));
                start["day"] = json!(part(8..10));
            }
            Precision::Month => start["month"] = json!(part(5..7)),
            Precision::Year => {}
            _ => continue,
        }
        events.push(json!({
            "unique_id": event.id,
            "start_date": start,
            "display_date": v,
            "group": event.family,
            "text": {"headline": event_summary(analysis, event), "text": format!("“{}”", event.trigger.text)},
        }));
    }
    let headline = analysis
        .document
        .title
        .clone()
        .unwrap_or_else(|| "Dateline".to_string());
    json!({"title": {"text": {"headline": headline, "text": "Events found by Dateline"}}, "events": events})
}

fn xml_escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
}

/// TimeML: the text with inline `<TIMEX3>` tags and the DCT, readable by TimeML tools and scorers; each end of a
/// range of years or months is a TIMEX3 of its own, as TimeML has it.
pub fn timeml(analysis: &Analysis, text: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TimeML>\n");
    if let Some(dct) = &analysis.document.dct.value {
        out.push_str("<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"");
        xml_escape(dct, &mut out);
        out.push_str("\" temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">");
        xml_escape(dct, &mut out);
        out.push_str("</TIMEX3></DCT>\n");
    }
    out.push_str("<TEXT>");
    let mut at = 0;
    for t in &crate::dates::timeml::timeml_view(text, &analysis.timexes) {
        let (Some(before), Some(inner)) = (text.get(at..t.span.start), text.get(t.span.start..t.span.end)) else {
            continue;
        };
        xml_escape(before, &mut out);
        let _ = write!(out, "<TIMEX3 tid=\"{}\" type=\"{}\" value=\"", t.id, json_name(&t.kind));
        xml_escape(&t.value, &mut out);
        out.push('"');
        if let Some(m) = &t.modifier {
            out.push_str(" mod=\"");
            xml_escape(m, &mut out);
            out.push('"');
        }
        if let Some(a) = t.anchor.as_deref().filter(|a| *a != "dct") {
            let _ = write!(out, " anchorTimeID=\"{a}\"");
        }
        out.push('>');
        xml_escape(inner, &mut out);
        out.push_str("</TIMEX3>");
        at = t.span.end;
    }
    xml_escape(text.get(at..).unwrap_or(""), &mut out);
    out.push_str("</TEXT>\n</TimeML>\n");
    out
}
