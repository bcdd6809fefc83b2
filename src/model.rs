//! The `Analysis` contract: what the engine produces, the CLI prints and the UI renders.
//!
//! Every span is a pair of UTF-8 byte offsets into the analysed text, end exclusive, unless
//! `document.offsets` says otherwise ([`crate::convert_offsets`] rewrites them in characters or UTF-16 units).
//! The JSON shape is versioned by [`SCHEMA_VERSION`]; `docs/analysis.md` documents it field by field.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// Version of the serialised `Analysis` shape. Bump it on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The id `prefix` followed by `n` in decimal (`numbered_id("p", 12)` is `p12`): the ids of an analysis's items,
/// written without the formatting machinery, which cost more than the rest of making an id (an analysis numbers
/// hundreds of items).
pub(crate) fn numbered_id(prefix: &str, n: usize) -> String {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    let mut id = String::with_capacity(prefix.len() + digits.len() - at);
    id.push_str(prefix);
    // Only ASCII digits were written.
    id.extend(digits[at..].iter().map(|&d| char::from(d)));
    id
}

/// A half-open byte range `[start, end)` into the analysed UTF-8 text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    /// First byte of the mention.
    pub start: usize,
    /// One past the last byte of the mention.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (end exclusive).
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The covered text, or `""` when the span does not fit `text` on char boundaries.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// The complete result of analysing one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Analysis {
    /// Always [`SCHEMA_VERSION`] when produced by this build.
    pub schema_version: u32,
    /// Facts about the document as a whole.
    pub document: Document,
    /// Time expressions (TIMEX3), in text order.
    pub timexes: Vec<Timex>,
    /// Place mentions resolved to coordinates, in text order.
    pub places: Vec<Place>,
    /// People, organisations, groups, demonyms and numbers, in text order.
    pub entities: Vec<Entity>,
    /// Event frames, in order of their first mention.
    pub events: Vec<Event>,
    /// Everything the engine gave up on or was unsure of.
    pub warnings: Vec<Warning>,
}

impl Analysis {
    /// Appends the lists of `next` (a later part or window of the same text) to these, in order.
    pub fn append(&mut self, next: Analysis) {
        self.timexes.extend(next.timexes);
        self.places.extend(next.places);
        self.entities.extend(next.entities);
        self.events.extend(next.events);
        self.warnings.extend(next.warnings);
    }
}

/// Facts about the whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Document {
    /// Headline or HTML title, when one was found.
    pub title: Option<String>,
    /// Document creation time, the anchor of deictic dates.
    pub dct: Dct,
    /// Size of the analysed text in bytes.
    pub length_bytes: usize,
    /// ISO 639-1 code of the language the text is written in, as detected (`lang::detect`); the language of
    /// the tables applied when the text is too short to tell.
    pub language: String,
    /// How sure the detection is, 0..1; `None` when the text was too short to tell.
    #[serde(default)]
    pub language_confidence: Option<f32>,
    /// Where the text came from (a file name), when the caller said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The authors, from an HTML page's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub byline: Option<String>,
    /// The publication's name, from an HTML page's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub site_name: Option<String>,
    /// The page's canonical address, from an HTML page's metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// What the spans count when not UTF-8 bytes (`char` or `utf16`, set by [`crate::convert_offsets`]); absent
    /// for bytes, the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offsets: Option<crate::offsets::OffsetUnit>,
}

/// Document creation time and where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Dct {
    /// TIMEX3 value (`2016-09-05`, or `2016-09-05T14:02`), `None` when unknown.
    pub value: Option<String>,
    /// Which evidence supplied the value.
    pub source: DctSource,
    /// Where in the text the dateline stands, when it came from the text.
    pub span: Option<Span>,
}

/// Origin of the document creation time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum DctSource {
    /// Found by the engine in the text (a dateline or "Published:" line).
    Dateline,
    /// Read from HTML metadata (`article:published_time`, JSON-LD, `<time>`).
    Meta,
    /// Given by the person (`--dct`, or the UI).
    User,
    /// The newest full date written in the text, taken as the publication date because nothing else gave one
    /// (the person asked for it: the app's "from the text", the CLI's `--dct text`).
    Text,
    /// Assumed (today, in the app) because nothing gave a date and the person has not said yet: every date
    /// read from it is a guess, and is shown as one.
    Assumed,
    /// Not known: relative dates stay underspecified.
    #[default]
    None,
}

/// The four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period (`2016-09-05`, `2011-03`, `PAST_REF`).
    Date,
    /// A time of day (`2016-09-05T14:02`, `2016-09-05TMO`).
    Time,
    /// A length of time (`PT90M`, `P5Y`).
    Duration,
    /// A recurrence (`XXXX-WXX-5` with a frequency).
    Set,
}

/// One time expression, normalised to a TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Timex {
    /// Stable id within the analysis (`t1`, `t2`, ...).
    pub id: String,
    /// Where the expression stands.
    pub span: Span,
    /// The expression as written.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 `mod` (`START`, `MID`, `END`, `MORE_THAN`, `APPROX`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// What the value was computed from: `dct`, or the id of an earlier timex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchor: Option<String>,
    /// For ranges ("from 2011 to 2016"): the first value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begin: Option<String>,
    /// For ranges: the last value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    /// For SET: TIMEX3 `freq` or `quant` ("twice a year" → `2X`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freq: Option<String>,
    /// Other readings when the evidence for this one was weak (e.g. the future reading of a weekday).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternatives: Vec<String>,
}

impl Timex {
    /// An expression with its id, place, words, type and value only: no mod, anchor, range, frequency or other
    /// reading (another tagger's output, a range's end, a test's fixture).
    pub fn new(id: String, span: Span, text: String, kind: TimexType, value: String) -> Timex {
        Timex {
            id,
            span,
            text,
            kind,
            value,
            modifier: None,
            anchor: None,
            begin: None,
            end: None,
            freq: None,
            alternatives: Vec::new(),
        }
    }
}

/// Geographic class of a place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Feature {
    /// A populated place.
    City,
    /// A first-order administrative division (state, province, governorate).
    Admin,
    /// A country.
    Country,
    /// A named region without a government (Middle East, Sahel, Gaza Strip).
    Region,
    /// A continent.
    Continent,
    /// Anything else (a sea, a mountain, a building).
    Other,
}

/// How a place name is used in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceKind {
    /// The place itself ("blasts in Homs").
    Literal,
    /// The place stands for its government or people ("Moscow said").
    Metonym,
    /// A nationality adjective or demonym ("Syrian troops").
    Demonym,
}

/// One candidate location for a place name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlaceCandidate {
    /// Preferred name in the gazetteer.
    pub name: String,
    /// Latitude in degrees (WGS 84).
    pub lat: f64,
    /// Longitude in degrees (WGS 84).
    pub lon: f64,
    /// ISO 3166-1 alpha-2 code, when the place lies in one country.
    pub country: Option<String>,
    /// First-order division name, when known.
    pub admin1: Option<String>,
    /// Geographic class.
    pub feature: Feature,
    /// GeoNames id, when the entry came from GeoNames.
    pub geonames_id: Option<u32>,
    /// Score from the ranking, 0..1, higher is better.
    pub score: f32,
}

/// A place mention resolved to coordinates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    /// Stable id within the analysis (`p1`, `p2`, ...).
    pub id: String,
    /// Where the mention stands.
    pub span: Span,
    /// The mention as written.
    pub text: String,
    /// Preferred name of the chosen location.
    pub name: String,
    /// Latitude in degrees (WGS 84).
    pub lat: f64,
    /// Longitude in degrees (WGS 84).
    pub lon: f64,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<String>,
    /// First-order division name.
    pub admin1: Option<String>,
    /// Geographic class.
    pub feature: Feature,
    /// GeoNames id of the chosen location.
    pub geonames_id: Option<u32>,
    /// Literal, metonym or demonym.
    pub kind: PlaceKind,
    /// Confidence in the chosen location, 0..1.
    pub confidence: f32,
    /// The other candidates, best first, for corrections. Shared between the mentions that read alike: a text
    /// naming one town a hundred thousand times holds its candidates once.
    #[serde(default)]
    pub alternatives: std::sync::Arc<[PlaceCandidate]>,
}

/// Kinds of named or counted things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    /// A person.
    Person,
    /// An organisation, institution or company.
    Org,
    /// An armed or political group.
    Group,
    /// A nationality adjective or demonym.
    Demonym,
    /// A number in words or digits.
    Number,
}

/// A number's value, possibly a range ("dozens" is 24..=99, best 36).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// Smallest value the text allows.
    pub low: Option<f64>,
    /// The single best value.
    pub best: Option<f64>,
    /// Largest value the text allows.
    pub high: Option<f64>,
}

/// A person, organisation, group, demonym or number mention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id within the analysis (`e1`, ...); mentions of one referent share `canonical`.
    pub id: String,
    /// Where the mention stands.
    pub span: Span,
    /// The mention as written.
    pub text: String,
    /// What kind of thing it is.
    pub kind: EntityKind,
    /// Canonical name shared by all mentions of the same referent ("John Kerry" for "Kerry").
    pub canonical: String,
    /// Role or title when stated ("US Secretary of State").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// ISO country code, for demonyms and national institutions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// Normalised value, for numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Quantity>,
    /// Found by the statistical name tagger alone (or as another mention of a name it found), not by a table's
    /// rule. Such a name does not hide the place names inside it from the places engine ("Butler County" in
    /// "Butler County Sheriff's Office" is still a place), where a rule's name does ("France" in "Air France").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tagged: bool,
}

/// A mention of text: where, and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextRef {
    /// Where it stands.
    pub span: Span,
    /// What it says.
    pub text: String,
}

/// How precisely an event's date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// To the minute or hour.
    Time,
    /// To the day.
    Day,
    /// To the week.
    Week,
    /// To the month.
    Month,
    /// To the season or quarter.
    Season,
    /// To the year.
    Year,
    /// To the decade.
    Decade,
    /// To the century.
    Century,
    /// Only past, present or future.
    Vague,
}

impl Precision {
    /// Granularity of a TIMEX3 date value (`2016-09` is a month, `PAST_REF` is vague).
    pub fn of_value(value: &str) -> Precision {
        let b = value.as_bytes();
        let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
        if value.ends_with("_REF") || !digits(0..2) {
            return Precision::Vague;
        }
        match value.len() {
            2 => Precision::Century,
            3 => Precision::Decade,
            4 => Precision::Year,
            7 if value.as_bytes()[5] == b'Q' || value.as_bytes()[5].is_ascii_uppercase() => Precision::Season,
            7 => Precision::Month,
            8 if value.contains('W') => Precision::Week,
            10 => Precision::Day,
            n if n > 10 && value.contains('T') => Precision::Time,
            _ => Precision::Vague,
        }
    }
}

/// Where an event's date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateSource {
    /// A time expression in the event's clause or sentence.
    Timex,
    /// Inherited from an earlier mention of the same event or the discourse.
    Discourse,
    /// No evidence: the document creation time was assumed.
    Dct,
    /// Set by the person.
    User,
}

/// An event's date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventDate {
    /// TIMEX3 value (`2016-09-05`, `2011-03`, `PAST_REF`).
    pub value: String,
    /// Granularity of `value`.
    pub precision: Precision,
    /// Where the value came from.
    pub source: DateSource,
    /// Id of the timex that supplied the value, when one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timex: Option<String>,
}

/// Kinds of casualty counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CasualtyKind {
    /// Dead.
    Killed,
    /// Injured.
    Wounded,
    /// Missing.
    Missing,
    /// Forced from home.
    Displaced,
    /// Detained.
    Arrested,
}

impl CasualtyKind {
    /// Every kind, in the order the UI lists them.
    pub const ALL: [CasualtyKind; 5] = [
        CasualtyKind::Killed,
        CasualtyKind::Wounded,
        CasualtyKind::Missing,
        CasualtyKind::Displaced,
        CasualtyKind::Arrested,
    ];

    /// The name used in JSON, tables and the UI (`killed`, `wounded`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            CasualtyKind::Killed => "killed",
            CasualtyKind::Wounded => "wounded",
            CasualtyKind::Missing => "missing",
            CasualtyKind::Displaced => "displaced",
            CasualtyKind::Arrested => "arrested",
        }
    }

    /// The kind with that name, if any.
    pub fn from_name(name: &str) -> Option<CasualtyKind> {
        CasualtyKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// How a count is hedged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// As stated.
    Exact,
    /// "at least 43".
    AtLeast,
    /// "more than 290,000".
    MoreThan,
    /// "up to 10", "at most".
    AtMost,
    /// "nearly 300", "almost".
    Nearly,
    /// "about", "some", "around".
    About,
    /// "dozens", "hundreds": a vague quantity.
    Vague,
}

/// A casualty count attached to an event; the numbers always come from the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Casualty {
    /// Killed, wounded, ...
    pub kind: CasualtyKind,
    /// Lower bound.
    pub low: Option<f64>,
    /// Best estimate.
    pub best: Option<f64>,
    /// Upper bound.
    pub high: Option<f64>,
    /// How the count is hedged.
    pub qualifier: Qualifier,
    /// The count as written ("at least 43").
    pub text: String,
    /// Where the count stands.
    pub span: Span,
}

/// Whether the event happened or is denied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// It happened (or is said to).
    #[default]
    Positive,
    /// It did not ("failed to reach a deal").
    Negative,
}

/// How certain the text is that the event happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact.
    #[default]
    Asserted,
    /// "could", "likely", "may".
    Possible,
    /// "will", "would be discussed", "plans to".
    Future,
    /// "if a compromise can be found".
    Hypothetical,
}

/// A span that supports one field of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// Which field it supports: `trigger`, `date`, `place`, `participant`, `agent`, `patient`, `casualty`,
    /// `polarity`, `modality`. Borrowed from the engine's own names (an event carries several, and cloning them
    /// was an allocation each); owned when read back from JSON.
    pub field: Cow<'static, str>,
    /// Where it stands.
    pub span: Span,
}

/// One event frame: who did what, when, where, and how many were hurt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable id within the analysis (`ev1`, ...).
    pub id: String,
    /// The word or phrase that names the event in its main mention.
    pub trigger: TextRef,
    /// Every mention merged into this event (the trigger included).
    #[serde(default)]
    pub mentions: Vec<TextRef>,
    /// Type from the taxonomy in `docs/events.md` (`explosion`, `talks`, `statement`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// Broad family of the type (`violence`, `diplomacy`, ...).
    pub family: String,
    /// When it happened.
    pub date: EventDate,
    /// Ids of the places in `Analysis.places` where it happened.
    pub places: Vec<String>,
    /// Ids of the entities in `Analysis.entities` taking part (one mention per referent).
    pub participants: Vec<String>,
    /// Id of the participant doing it ("Apple" in "Apple acquired Beats"), when the sentence says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agent: Option<String>,
    /// Id of the participant it is done to ("Beats"), when the sentence says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<String>,
    /// Casualty counts.
    #[serde(default)]
    pub casualties: Vec<Casualty>,
    /// Whether it happened.
    pub polarity: Polarity,
    /// How certain it is.
    pub modality: Modality,
    /// Spans supporting each field.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
}

/// Something the engine gave up on or was unsure of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// Machine-readable code (`no_dct`, `empty_input`, `truncated`, ...).
    pub code: String,
    /// One sentence for people.
    pub message: String,
    /// Where in the text, when it concerns one place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Warning {
    /// A warning with a code and a message, about the whole document.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Warning {
            code: code.to_string(),
            message: message.into(),
            span: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn casualty_kind_names_match_their_json_names() {
        for kind in CasualtyKind::ALL {
            assert_eq!(serde_json::to_value(kind).unwrap(), kind.as_str());
            assert_eq!(CasualtyKind::from_name(kind.as_str()), Some(kind));
        }
        assert_eq!(CasualtyKind::from_name("injured"), None);
    }

    #[test]
    fn a_numbered_id_is_its_prefix_and_the_number_in_decimal() {
        for n in [0, 1, 9, 10, 99, 100, 12_345, usize::MAX] {
            assert_eq!(numbered_id("ev", n), format!("ev{n}"));
        }
        assert_eq!(numbered_id("", 7), "7");
    }
}
