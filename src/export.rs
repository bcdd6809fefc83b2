//! Output formats of an `Analysis`: the CLI's `--format` and the app's downloads.
//!
//! Each follows its format's specification: GeoJSON (RFC 7946), CSV (RFC 4180), iCalendar (RFC 5545),
//! TimelineJS's and StoryMapJS's JSON, and TimeML with inline TIMEX3 tags. Tests read them back with real parsers.

mod headline;
mod storymap;

pub use headline::{event_headline, event_headline_plain};
pub use storymap::{storymapjs, storymapjs_overview, storymapjs_slides};

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
    /// StoryMapJS JSON: an overview slide, then one slide per dated event with a place.
    StoryMapJs,
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
    /// Names accepted by [`Format::from_str`], the formats' own names first, in the order of the variants.
    pub const NAMES: &'static [&'static str] = &[
        "json",
        "jsonl",
        "geojson",
        "csv",
        "ics",
        "timelinejs",
        "storymapjs",
        "timeml",
        "text",
    ];

    /// The format's own name: its entry in [`Format::NAMES`], which lists the variants in order (a unit test
    /// checks that [`Format::from_str`] reads each name back as its format).
    pub fn name(self) -> &'static str {
        Format::NAMES[self as usize]
    }

    /// The file name extension of the format.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::GeoJson => "geojson",
            Format::Csv => "csv",
            Format::Ics => "ics",
            Format::TimelineJs => "timeline.json",
            Format::StoryMapJs => "storymap.json",
            Format::TimeMl => "tml",
            Format::Text => "txt",
        }
    }

    /// The media type of the format.
    pub fn media_type(self) -> &'static str {
        match self {
            Format::Json | Format::TimelineJs | Format::StoryMapJs => "application/json",
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
            "storymapjs" | "storymap" => Ok(Format::StoryMapJs),
            "timeml" | "tml" => Ok(Format::TimeMl),
            "text" | "txt" => Ok(Format::Text),
            other => Err(UnknownFormat(other.to_string())),
        }
    }
}

/// When an export is made, in whole seconds since 1970-01-01 UTC: the iCalendar `DTSTAMP`. A parameter rather
/// than a clock read inside, so that the output of a test is fixed and the web app can pass the browser's clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExportTime {
    unix_seconds: i64,
}

impl ExportTime {
    /// The time `seconds` after 1970-01-01T00:00:00Z.
    pub const fn from_unix_seconds(seconds: i64) -> ExportTime {
        ExportTime { unix_seconds: seconds }
    }

    /// The time `millis` milliseconds after 1970-01-01T00:00:00Z, as JavaScript's `Date.now()` gives it (a
    /// value that is not finite counts as 1970).
    pub fn from_unix_millis(millis: f64) -> ExportTime {
        let seconds = (millis / 1000.0).floor();
        ExportTime::from_unix_seconds(if seconds.is_finite() { seconds as i64 } else { 0 })
    }

    /// Now, from the system clock (host only: `wasm32-unknown-unknown` has no clock without JavaScript).
    #[cfg(not(target_arch = "wasm32"))]
    pub fn now() -> ExportTime {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        ExportTime::from_unix_seconds(i64::try_from(seconds).unwrap_or(0))
    }

    /// The iCalendar UTC date-time form: `20160905T140200Z`.
    pub fn ics(self) -> String {
        let days = self.unix_seconds.div_euclid(86_400);
        let secs = self.unix_seconds.rem_euclid(86_400);
        let d = crate::calendar::Date::from_days(days);
        format!(
            "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
            d.year,
            d.month,
            d.day,
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    }
}

/// Writes `analysis` of `text` in `format`; `exported` is the iCalendar `DTSTAMP` (the other formats ignore it).
pub fn render(analysis: &Analysis, text: &str, format: Format, exported: ExportTime) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(analysis).unwrap_or_else(|_| "{}".to_string()),
        Format::Jsonl => serde_json::to_string(analysis).unwrap_or_else(|_| "{}".to_string()),
        Format::GeoJson => geojson(analysis).to_string(),
        Format::Csv => csv(analysis),
        Format::Ics => ics(analysis, text, exported),
        Format::TimelineJs => timelinejs(analysis, text).to_string(),
        Format::StoryMapJs => storymapjs(analysis, text).to_string(),
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

/// The canonical name of one entity id, or empty.
fn entity_name(analysis: &Analysis, id: Option<&String>) -> String {
    id.and_then(|id| analysis.entities.iter().find(|e| &e.id == id))
        .map(|e| e.canonical.clone())
        .unwrap_or_default()
}

/// The family of an event as a person reads it ("business" → "Business and economy"); an unknown family is shown as
/// it is named.
pub fn family_label(family: &str) -> &str {
    match family {
        "violence" => "Violence",
        "diplomacy" => "Diplomacy",
        "protest" => "Protest",
        "displacement" => "Displacement",
        "disaster" => "Disaster",
        "election" => "Elections",
        "legal" => "Justice",
        "casualties" => "Casualties",
        "business" => "Business and economy",
        "politics" => "Politics",
        "health" => "Health",
        "technology" => "Science and technology",
        "sport" => "Sport",
        "other" => "Other",
        other => other,
    }
}

/// The type of an event as a person reads it ("job_cuts" → "job cuts", "health_approval" → "medical approval").
pub fn kind_label(kind: &str) -> String {
    match kind {
        "health_approval" => "medical approval".to_string(),
        other => other.replace('_', " "),
    }
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
    let mut s = kind_label(&event.kind);
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
    json!({"type": "FeatureCollection", "features": geojson_features(analysis)})
}

/// The features of [`geojson`], each with a `source` property (the document's file name, or null), so that the
/// features of several documents can go into one collection.
pub fn geojson_features(analysis: &Analysis) -> Vec<Value> {
    let source = &analysis.document.source;
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
                "source": source,
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
                "source": source,
                "type": event.kind,
                "family": event.family,
                "date": event.date.value,
                "precision": event.date.precision,
                "trigger": event.trigger.text,
                "places": place_names(analysis, event),
                "participants": participant_names(analysis, event),
                "agent": event.agent.as_ref().map(|id| entity_name(analysis, Some(id))),
                "patient": event.patient.as_ref().map(|id| entity_name(analysis, Some(id))),
                "casualties": event.casualties,
                "polarity": event.polarity,
                "modality": event.modality,
            }
        }));
    }
    features
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// CSV (RFC 4180, CRLF line ends): the header line, then one row per event.
pub fn csv(analysis: &Analysis) -> String {
    let mut out = CSV_HEADER.join(",");
    out.push_str("\r\n");
    csv_rows(analysis, &mut out);
    out
}

/// Whether an event happened, in words for people and exports: "happened", "did not happen" (negated: "failed to
/// reach a deal"), "planned" (future), "possible", "hypothetical" ("if a compromise is found").
pub fn event_status(event: &Event) -> &'static str {
    use crate::model::{Modality, Polarity};
    match (event.polarity, event.modality) {
        (Polarity::Negative, _) => "did not happen",
        (_, Modality::Future) => "planned",
        (_, Modality::Possible) => "possible",
        (_, Modality::Hypothetical) => "hypothetical",
        (_, Modality::Asserted) => "happened",
    }
}

/// The columns of [`csv`]; the last, `source`, names the document (its file name) so that the rows of several
/// documents can go into one table.
pub const CSV_HEADER: &[&str] = &[
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
    "agent",
    "patient",
    "killed",
    "wounded",
    "polarity",
    "modality",
    "status",
    "source",
];

/// The rows of [`csv`] (no header), appended to `out`.
pub fn csv_rows(analysis: &Analysis, out: &mut String) {
    let source = analysis.document.source.clone().unwrap_or_default();
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
            entity_name(analysis, event.agent.as_ref()),
            entity_name(analysis, event.patient.as_ref()),
            casualty_text(event, CasualtyKind::Killed),
            casualty_text(event, CasualtyKind::Wounded),
            json_name(&event.polarity),
            json_name(&event.modality),
            event_status(event).to_string(),
            source.clone(),
        ];
        out.push_str(&row.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
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

/// The lines that open a calendar of [`ics`] (CRLF ends), for a calendar of several documents.
pub fn ics_head(out: &mut String) {
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Dateline//Article explorer//EN",
        "CALSCALE:GREGORIAN",
    ] {
        ics_fold(line, out);
    }
}

/// The line that closes a calendar of [`ics`].
pub fn ics_tail(out: &mut String) {
    ics_fold("END:VCALENDAR", out);
}

/// iCalendar (RFC 5545): one all-day VEVENT per event dated to the day, month or year (a range from its first to
/// its last day), stamped `exported`. Each `UID` is from [`event_uids`]: editing another paragraph keeps it.
pub fn ics(analysis: &Analysis, text: &str, exported: ExportTime) -> String {
    let mut out = String::new();
    ics_head(&mut out);
    ics_events(analysis, text, exported, &mut out);
    ics_tail(&mut out);
    out
}

/// The VEVENTs of [`ics`], appended to `out`: for a calendar of several documents between [`ics_head`] and
/// [`ics_tail`].
pub fn ics_events(analysis: &Analysis, text: &str, exported: ExportTime, out: &mut String) {
    let stamp = exported.ics();
    let uids = event_uids(analysis, text);
    for (event, uid) in analysis.events.iter().zip(&uids) {
        let Some((start, end)) = event_days(analysis, event) else {
            continue;
        };
        ics_fold("BEGIN:VEVENT", out);
        ics_fold(&format!("UID:{uid}"), out);
        ics_fold(&format!("DTSTAMP:{stamp}"), out);
        ics_fold(&format!("DTSTART;VALUE=DATE:{start}"), out);
        ics_fold(&format!("DTEND;VALUE=DATE:{end}"), out);
        // What did not happen, or has not yet, is exported as such (RFC 5545 STATUS), not as a fact.
        let status = event_status(event);
        let (ics_status, prefix) = match status {
            "happened" => ("CONFIRMED", String::new()),
            "did not happen" => ("CANCELLED", "Did not happen: ".to_string()),
            other => ("TENTATIVE", format!("{}{}: ", other[..1].to_uppercase(), &other[1..])),
        };
        ics_fold(&format!("STATUS:{ics_status}"), out);
        ics_fold(
            &format!(
                "SUMMARY:{}",
                ics_text(&format!("{prefix}{}", event_headline_plain(analysis, event)))
            ),
            out,
        );
        let places = place_names(analysis, event);
        if !places.is_empty() {
            ics_fold(&format!("LOCATION:{}", ics_text(&places.join(", "))), out);
        }
        if let Some(p) = event
            .places
            .first()
            .and_then(|id| analysis.places.iter().find(|p| &p.id == id))
        {
            ics_fold(&format!("GEO:{:.5};{:.5}", p.lat, p.lon), out);
        }
        let sentence = sentence_of(text, event.trigger.span).slice(text);
        let description = if sentence.is_empty() {
            format!("“{}” ({})", event.trigger.text, event.date.value)
        } else {
            format!("“{sentence}” ({})", event.date.value)
        };
        ics_fold(&format!("DESCRIPTION:{}", ics_text(&description)), out);
        // The family and the type, as a person reads them (RFC 5545: a comma separates categories).
        let categories = format!(
            "{},{}",
            ics_text(family_label(&event.family)),
            ics_text(&kind_label(&event.kind))
        );
        ics_fold(&format!("CATEGORIES:{categories}"), out);
        ics_fold("END:VEVENT", out);
    }
}

/// The first day and the day after the last of an event's date, `YYYYMMDD`: its range's ends when its date came
/// from a range ("from 5 to 7 September"), else the day, month or year of its value; `None` for a vaguer date.
fn event_days(analysis: &Analysis, event: &Event) -> Option<(String, String)> {
    if let Some((begin, end)) = event_range(analysis, event) {
        let (first, _) = all_day_range(begin, Precision::of_value(begin))?;
        let (_, after) = all_day_range(end, Precision::of_value(end))?;
        if first < after {
            return Some((first, after));
        }
    }
    all_day_range(&event.date.value, event.date.precision)
}

/// The first and last values of the range an event's date came from, when it came from one.
fn event_range<'a>(analysis: &'a Analysis, event: &Event) -> Option<(&'a str, &'a str)> {
    let id = event.date.timex.as_deref()?;
    let timex = analysis.timexes.iter().find(|t| t.id == id)?;
    Some((timex.begin.as_deref()?, timex.end.as_deref()?))
}

/// The most bytes on either side of a trigger searched for its sentence's ends: a longer "sentence" (a table, a
/// list run together) is cut there, which keeps every export linear in its events.
pub const SENTENCE_REACH: usize = 600;

/// The sentence around `span` in `text`: from after the last sentence end (`.`, `!` or `?` before a space, not
/// after a short capitalised word such as "Mr" or "U.S") or line break before it, to the next one after it, at
/// most [`SENTENCE_REACH`] bytes on either side, trimmed. An empty span when `span` does not fit `text`. No
/// language tables: the web app exports on its page, where the engine's tables are not loaded.
pub fn sentence_of(text: &str, span: crate::model::Span) -> crate::model::Span {
    use crate::model::Span;
    if span.start > span.end || text.get(span.start..span.end).is_none() {
        return Span::default();
    }
    let bytes = text.as_bytes();
    let is_end = |i: usize| {
        // `bytes[i]` ends a sentence: a stop, then closing quotes or brackets, then white space or the end.
        if !matches!(bytes[i], b'.' | b'!' | b'?') {
            return false;
        }
        let mut j = i + 1;
        while j < bytes.len() && matches!(bytes[j], b'"' | b'\'' | b')' | b']') {
            j += 1;
        }
        let next_space = j >= bytes.len() || bytes[j].is_ascii_whitespace();
        // The letters before the stop, at most four looked at (so a run of letters costs nothing more).
        let letters = bytes[i.saturating_sub(4)..i]
            .iter()
            .rev()
            .take_while(|b| b.is_ascii_alphabetic())
            .count();
        let word = &bytes[i - letters..i];
        let abbreviation = bytes[i] == b'.' && (1..=3).contains(&letters) && word[0].is_ascii_uppercase();
        next_space && !abbreviation
    };
    let mut floor = span.start.saturating_sub(SENTENCE_REACH);
    while !text.is_char_boundary(floor) {
        floor += 1;
    }
    let mut start = floor;
    for i in (floor..span.start).rev() {
        if bytes[i] == b'\n' || is_end(i) {
            start = i + 1;
            break;
        }
    }
    let mut ceiling = (span.end + SENTENCE_REACH).min(bytes.len());
    while !text.is_char_boundary(ceiling) {
        ceiling -= 1;
    }
    let mut end = ceiling;
    for i in span.end..ceiling {
        if bytes[i] == b'\n' {
            end = i;
            break;
        }
        if is_end(i) {
            end = i + 1;
            while end < bytes.len() && matches!(bytes[end], b'"' | b'\'' | b')' | b']') {
                end += 1;
            }
            break;
        }
    }
    // The ends found are at ASCII bytes or the char boundaries above; trim white space inside them.
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    Span::new(start + lead, (end - trail).max(start + lead))
}

/// FNV-1a, 64 bits: a hash that no library update can change, since calendars key their events on it.
fn fnv1a(parts: &[&[u8]]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for &b in *part {
            hash = (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        hash = (hash ^ 0xff).wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The iCalendar `UID` of each event of `analysis` (in order): a hash of its own sentence, its trigger's words
/// and where the trigger stands in the sentence, so the UID is stable across unrelated edits (another paragraph
/// rewritten, events added or removed elsewhere, the whole text longer) and differs between two articles unless
/// they share the sentence. When two events share all three (the same sentence twice), the second gets `-2`
/// and so on. Linear in the events and the text around their triggers.
pub fn event_uids(analysis: &Analysis, text: &str) -> Vec<String> {
    let mut seen: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
    analysis
        .events
        .iter()
        .map(|event| {
            let trigger = event.trigger.span;
            let sentence = sentence_of(text, trigger);
            let hash = if sentence.is_empty() {
                // A text that does not match the analysis: the trigger's words and the event's id.
                fnv1a(&[event.trigger.text.as_bytes(), event.id.as_bytes()])
            } else {
                let at = (trigger.start - sentence.start).to_string();
                fnv1a(&[
                    sentence.slice(text).as_bytes(),
                    event.trigger.text.as_bytes(),
                    at.as_bytes(),
                ])
            };
            let n = seen.entry(hash).or_insert(0);
            *n += 1;
            if *n == 1 {
                format!("{hash:016x}@dateline")
            } else {
                format!("{hash:016x}-{n}@dateline")
            }
        })
        .collect()
}

/// `s` with `&`, `<`, `>`, `"` and `'` escaped: TimelineJS renders its text fields as HTML.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A TimelineJS date (`{"year": "2016", "month": "9", "day": "5"}`) for a value at day, month or year precision.
fn timeline_date(value: &str) -> Option<Value> {
    let part = |r: std::ops::Range<usize>| value.get(r).and_then(|s| s.parse::<u32>().ok()).map(|n| n.to_string());
    let year = part(0..4)?;
    let mut date = json!({"year": year});
    match Precision::of_value(value) {
        Precision::Day | Precision::Time => {
            date["month"] = json!(part(5..7)?);
            date["day"] = json!(part(8..10)?);
        }
        Precision::Month => date["month"] = json!(part(5..7)?),
        Precision::Year => {}
        _ => return None,
    }
    Some(date)
}

/// TimelineJS JSON: a title slide and one slide per event with a calendar date.
pub fn timelinejs(analysis: &Analysis, text: &str) -> Value {
    let headline = analysis.document.title.as_deref().unwrap_or("Dateline");
    json!({"title": timelinejs_title(headline), "events": timelinejs_events(analysis, text, "")})
}

/// The title slide of [`timelinejs`], with `headline` (HTML-escaped here).
pub fn timelinejs_title(headline: &str) -> Value {
    json!({"text": {"headline": html_escape(headline), "text": "Events found by Dateline"}})
}

/// The slides of [`timelinejs`], one per event dated to the day, month or year: the headline of
/// [`event_headline`] ("… fails", "… planned", ... where it did not happen as told), the event's sentence as text, an `end_date` when its date came from a range, and no
/// `display_date`, so TimelineJS formats the date itself. Every text is HTML-escaped (TimelineJS renders HTML).
/// `id_prefix` goes before each `unique_id` (`d2-ev1`), so the slides of several documents can share a timeline.
pub fn timelinejs_events(analysis: &Analysis, text: &str, id_prefix: &str) -> Vec<Value> {
    let mut slides = Vec::new();
    for event in &analysis.events {
        if !matches!(
            event.date.precision,
            Precision::Day | Precision::Time | Precision::Month | Precision::Year
        ) {
            continue;
        }
        let range =
            event_range(analysis, event).and_then(|(begin, end)| Some((timeline_date(begin)?, timeline_date(end)?)));
        let (start, end) = match range {
            Some((start, end)) => (start, Some(end)),
            None => match timeline_date(&event.date.value) {
                Some(start) => (start, None),
                None => continue,
            },
        };
        let sentence = sentence_of(text, event.trigger.span).slice(text);
        let body = if sentence.is_empty() {
            &event.trigger.text
        } else {
            sentence
        };
        let mut slide = json!({
            "unique_id": format!("{id_prefix}{}", event.id),
            "start_date": start,
            "group": html_escape(family_label(&event.family)),
            "text": {"headline": html_escape(&event_headline(analysis, event)), "text": html_escape(body)},
        });
        if let Some(end) = end {
            slide["end_date"] = end;
        }
        slides.push(slide);
    }
    slides
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every family of the English taxonomy has a label of its own, and no two families share one (the app's
    /// list and the calendars' categories tell them apart by it).
    #[test]
    fn every_family_of_the_taxonomy_has_its_own_label() {
        let mut labels: Vec<(&str, &str)> = crate::lang::rows(crate::lang::EN.event_types)
            .filter_map(|row| row.get(1).copied())
            .map(|f| (f, family_label(f)))
            .collect();
        labels.sort_unstable();
        labels.dedup();
        assert!(labels.len() >= 13, "{labels:?}");
        for (family, label) in &labels {
            assert_ne!(family, label, "{family} has no label");
        }
        let mut words: Vec<&str> = labels.iter().map(|(_, l)| *l).collect();
        words.dedup();
        words.sort_unstable();
        words.dedup();
        assert_eq!(words.len(), labels.len(), "{labels:?}");
        assert_eq!(kind_label("job_cuts"), "job cuts");
    }
}
