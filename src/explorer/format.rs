//! Numbers and sizes as people read them.

/// `n` with commas between groups of three digits.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size as people read it: "1.0 MB", "200 KB", "12 bytes" (1 KB = 1024 bytes; from 1000 KB on in MB,
/// so that a text just short of a megabyte does not read "1024 KB").
pub fn human_bytes(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= 1000 * 1024 {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{} KB", (bytes + 512) / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// A duration as people read it: "0.3 s", "12 s", "1 min 44 s", "2 min".
pub fn human_duration(ms: u32) -> String {
    if ms < 10_000 {
        // Under ten seconds a tenth matters (a test's budget of 300 ms must not read "0 s").
        let tenths = (ms + 50) / 100;
        return if tenths % 10 == 0 {
            format!("{} s", tenths / 10)
        } else {
            format!("{}.{} s", tenths / 10, tenths % 10)
        };
    }
    let seconds = (ms + 500) / 1000;
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// The direction of a text as HTML's `dir="auto"` finds it: that of its first strongly directional
/// character (a letter; Hebrew, Arabic and the other right-to-left scripts read right to left), looked for
/// in its first `look` bytes; left to right when there is none.
///
/// The page sets the result itself instead of `dir="auto"`: Chromium looks for that character again in the
/// whole element each time a child is added, so a long text with no letter (a run of dots from a link) made
/// drawing the article quadratic: 6,000 blocks took 112 s.
pub fn text_direction(text: &str, look: usize) -> &'static str {
    for c in crate::offsets::prefix_within(text, look).chars() {
        if is_rtl(c) {
            return "rtl";
        }
        if c.is_alphabetic() {
            return "ltr";
        }
    }
    "ltr"
}

/// True for the letters of the right-to-left scripts (Unicode bidi classes R and AL): Hebrew, Arabic,
/// Syriac, Thaana, NKo, Samaritan, Mandaic and their presentation forms, and the historic ones in the
/// supplementary planes. Marks and digits inside these blocks are not letters and read as neutral.
fn is_rtl(c: char) -> bool {
    c.is_alphabetic()
        && matches!(u32::from(c),
            0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFF | 0x10800..=0x10FFF | 0x1E800..=0x1EFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_by_three() {
        assert_eq!(grouped(1_234_567), "1,234,567");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(0), "0");
    }

    #[test]
    fn durations_read_in_seconds_and_minutes() {
        assert_eq!(human_duration(300), "0.3 s");
        assert_eq!(human_duration(1), "0 s");
        assert_eq!(human_duration(2_000), "2 s");
        assert_eq!(human_duration(9_940), "9.9 s");
        assert_eq!(human_duration(12_400), "12 s");
        assert_eq!(human_duration(104_000), "1 min 44 s");
        assert_eq!(human_duration(120_000), "2 min");
    }

    #[test]
    fn direction_is_that_of_the_first_letter() {
        assert_eq!(text_direction("Floods hit Faenza.", 100), "ltr");
        assert_eq!(
            text_direction("...  2024: \u{627}\u{644}\u{642}\u{62F}\u{633} Jerusalem", 100),
            "rtl"
        );
        assert_eq!(
            text_direction("\u{5D9}\u{5E8}\u{5D5}\u{5E9}\u{5DC}\u{5D9}\u{5DD}", 100),
            "rtl"
        );
        // Arabic-Indic digits are in the Arabic block but are not letters: the Latin word decides.
        assert_eq!(text_direction("\u{661}\u{662} Homs", 100), "ltr");
        assert_eq!(text_direction(&".".repeat(10_000), 64 * 1024), "ltr");
        // Only the first `look` bytes are read, and never half a character.
        assert_eq!(text_direction("....\u{627}", 4), "ltr");
        assert_eq!(text_direction("\u{627}", 1), "ltr");
        assert_eq!(text_direction("\u{627}", 2), "rtl");
    }

    #[test]
    fn sizes_read_in_the_largest_fitting_unit() {
        assert_eq!(human_bytes(1024 * 1024), "1.0 MB");
        assert_eq!(human_bytes(1024 * 1024 - 100), "1.0 MB");
        assert_eq!(human_bytes(999 * 1024), "999 KB");
        assert_eq!(human_bytes(300 * 1024), "300 KB");
        assert_eq!(human_bytes(1023), "1023 bytes");
        assert_eq!(human_bytes(12), "12 bytes");
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A publication date as people read it: "Monday 5 September 2016", with the time as written when there is
/// one ("Monday 5 September 2016, 14:02"); a value that is not an ISO date is shown as it is.
pub fn publication_date(value: &str) -> String {
    let Some(date) = value.get(..10).and_then(|d| crate::calendar::Date::parse_iso(d).ok()) else {
        return value.to_string();
    };
    let day = format!(
        "{} {} {} {}",
        WEEKDAY_NAMES[(date.weekday() as usize + 6) % 7],
        date.day,
        MONTH_NAMES[date.month as usize - 1],
        date.year
    );
    match value.get(10..16) {
        Some(time) if time.starts_with('T') && time[1..].bytes().all(|b| b.is_ascii_digit() || b == b':') => {
            format!("{day}, {}", &time[1..])
        }
        _ => day,
    }
}

#[cfg(test)]
mod publication_tests {
    use super::publication_date;

    #[test]
    fn dates_read_as_words() {
        assert_eq!(publication_date("2016-09-05"), "Monday 5 September 2016");
        assert_eq!(
            publication_date("2016-09-04T14:02:00Z"),
            "Sunday 4 September 2016, 14:02"
        );
        assert_eq!(publication_date("2024-02-29T00:00"), "Thursday 29 February 2024, 00:00");
        assert_eq!(publication_date("last spring"), "last spring");
        assert_eq!(publication_date("2016-13-45"), "2016-13-45");
    }
}

/// What to say of an event's date that no words of the event gave: "date assumed" when it is the assumed
/// publication day (nothing dated the article), "reported on this day" when it is the publication day.
pub fn date_note(analysis: &crate::model::Analysis, event: &crate::model::Event) -> Option<&'static str> {
    use crate::model::{DateSource, DctSource};
    if event.date.source != DateSource::Dct {
        return None;
    }
    Some(match analysis.document.dct.source {
        DctSource::Assumed => "date assumed",
        _ => "reported on this day",
    })
}

const SHORT_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A TIMEX3 value as people read it, never a code: "5 Sep 2016", "5 Sep 2016, 14:02", "September 2016",
/// "week 1 of 2017", "summer 2016", "the 2010s", "in the past", "a Saturday, date unknown", "4 September, year
/// unknown". A value of no known shape is shown as it is.
pub fn readable_value(value: &str) -> String {
    match value {
        "PAST_REF" => return "in the past".into(),
        "PRESENT_REF" => return "now".into(),
        "FUTURE_REF" => return "in the future".into(),
        _ => {}
    }
    let (day_part, clock) = match value.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (value, None),
    };
    let clock_words = clock.map(|t| match t {
        "MO" => "morning".to_string(),
        "AF" => "afternoon".to_string(),
        "EV" => "evening".to_string(),
        "NI" => "night".to_string(),
        "DT" => "daytime".to_string(),
        t => t.get(..5).unwrap_or(t).to_string(),
    });
    let with_clock = |s: String| match &clock_words {
        Some(c) => format!("{s}, {c}"),
        None => s,
    };
    let parts: Vec<&str> = day_part.split('-').collect();
    let num = |s: &str| s.parse::<u32>().ok();
    let month_name = |m: &str| {
        num(m)
            .filter(|m| (1..=12).contains(m))
            .map(|m| MONTH_NAMES[m as usize - 1])
    };
    let words = match parts.as_slice() {
        ["XXXX", w, d] if w.starts_with('W') && num(d).is_some_and(|d| (1..=7).contains(&d)) => {
            let day = WEEKDAY_NAMES[num(d).unwrap_or(1) as usize - 1];
            Some(format!("a {day}, date unknown"))
        }
        ["XXXX", "XX", "XX"] | ["XXXX", "XX"] | ["XXXX"] => {
            return clock_words.map_or_else(|| value.to_string(), |c| format!("{c}, day unknown"))
        }
        ["XXXX", m, d] if num(d).is_some() => {
            month_name(m).map(|m| format!("{} {m}, year unknown", num(d).unwrap_or(0)))
        }
        ["XXXX", m] => month_name(m).map(|m| format!("{m}, year unknown")),
        [y, m, d] if y.len() == 4 && num(y).is_some() && num(d).is_some() => num(m)
            .filter(|m| (1..=12).contains(m))
            .map(|mo| format!("{} {} {y}", num(d).unwrap_or(0), SHORT_MONTHS[mo as usize - 1])),
        [y, w] if y.len() == 4 && w.starts_with('W') && w.len() == 3 => {
            num(&w[1..]).map(|w| format!("week {w} of {y}"))
        }
        [y, q] if y.len() == 4 && q.starts_with('Q') => {
            let n = ["first", "second", "third", "fourth"];
            num(&q[1..])
                .filter(|q| (1..=4).contains(q))
                .map(|q| format!("{} quarter of {y}", n[q as usize - 1]))
        }
        [y, h] if y.len() == 4 && h.starts_with('H') => num(&h[1..])
            .filter(|h| (1..=2).contains(h))
            .map(|h| format!("{} half of {y}", ["first", "second"][h as usize - 1])),
        [y, s] if y.len() == 4 && matches!(*s, "SP" | "SU" | "FA" | "WI") => {
            let season = match *s {
                "SP" => "spring",
                "SU" => "summer",
                "FA" => "autumn",
                _ => "winter",
            };
            Some(format!("{season} {y}"))
        }
        [y, m] if y.len() == 4 && num(y).is_some() => month_name(m).map(|m| format!("{m} {y}")),
        [y] if y.len() == 4 && num(y).is_some() => Some(y.to_string()),
        [y] if y.len() == 3 && num(y).is_some() => Some(format!("the {y}0s")),
        [y] if y.len() == 2 && num(y).is_some() => num(y).map(|c| format!("the {} century", ordinal(c + 1))),
        _ => None,
    };
    words.map_or_else(|| value.to_string(), with_clock)
}

/// "1st", "2nd", "21st", "12th".
fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod readable_tests {
    use super::readable_value;

    #[test]
    fn values_read_as_words() {
        for (value, words) in [
            ("2016-09-05", "5 Sep 2016"),
            ("2016-09-05T14:02", "5 Sep 2016, 14:02"),
            ("2016-09-05TEV", "5 Sep 2016, evening"),
            ("2016-09", "September 2016"),
            ("2016", "2016"),
            ("201", "the 2010s"),
            ("19", "the 20th century"),
            ("2017-W01", "week 1 of 2017"),
            ("2016-Q3", "third quarter of 2016"),
            ("2016-H1", "first half of 2016"),
            ("2016-SU", "summer 2016"),
            ("PAST_REF", "in the past"),
            ("FUTURE_REF", "in the future"),
            ("PRESENT_REF", "now"),
            ("XXXX-WXX-6", "a Saturday, date unknown"),
            ("XXXX-09-04", "4 September, year unknown"),
            ("XXXX-XX-XXT19:50", "19:50, day unknown"),
            ("P3D", "P3D"),
            ("2016-13", "2016-13"),
        ] {
            assert_eq!(readable_value(value), words, "{value}");
        }
    }
}

/// How an event's date was found, in words: "from a date in its sentence", "from an earlier date in the story",
/// "the day the article was published (no date of its own)", "the assumed publication day (no date of its own)",
/// "set by you".
pub fn date_source_words(analysis: &crate::model::Analysis, event: &crate::model::Event) -> &'static str {
    use crate::model::{DateSource, DctSource};
    match event.date.source {
        DateSource::Timex => "from a date in its sentence",
        DateSource::Discourse => "from an earlier date in the story",
        DateSource::User => "set by you",
        DateSource::Dct if analysis.document.dct.source == DctSource::Assumed => {
            "the assumed publication day (no date of its own)"
        }
        DateSource::Dct => "the day the article was published (no date of its own)",
    }
}

/// How precise a date is, in words ("to the day", "to the month").
pub fn precision_words(precision: crate::model::Precision) -> &'static str {
    use crate::model::Precision;
    match precision {
        Precision::Time => "to the hour or minute",
        Precision::Day => "to the day",
        Precision::Week => "to the week",
        Precision::Month => "to the month",
        Precision::Season => "to the season or quarter",
        Precision::Year => "to the year",
        Precision::Decade => "to the decade",
        Precision::Century => "to the century",
        Precision::Vague => "only as past, present or future",
    }
}

/// Why a place mention was put where it is, in words: what kind of mention it is, among how many places of that
/// name it was chosen, how often the article names it and how many of the article's other places share its
/// country, and how sure the choice is. Linear in the analysis's places.
pub fn place_reason(analysis: &crate::model::Analysis, place: &crate::model::Place) -> String {
    use crate::model::PlaceKind;
    let kind = match place.kind {
        PlaceKind::Literal => "The place itself",
        PlaceKind::Metonym => "Stands for its government or people",
        PlaceKind::Demonym => "A nationality",
    };
    let same = |p: &&crate::model::Place| match (p.geonames_id, place.geonames_id) {
        (Some(a), Some(b)) => a == b,
        _ => p.name == place.name && p.country == place.country,
    };
    let named = analysis.places.iter().filter(same).count();
    let others: Vec<&crate::model::Place> = analysis.places.iter().filter(|p| !same(p)).collect();
    let in_country = others
        .iter()
        .filter(|p| p.country.is_some() && p.country == place.country)
        .count();
    let candidates = place.alternatives.len() + 1;
    let chosen = if candidates > 1 {
        format!(" Chosen among {candidates} places called “{}”.", place.text)
    } else {
        String::new()
    };
    let times = if named == 1 {
        "once".to_string()
    } else {
        format!("{named} times")
    };
    let country = match (&place.country, others.len()) {
        (Some(code), n) if n > 0 => {
            format!(", and {in_country} of its {n} other place mentions are in the same country ({code})")
        }
        _ => String::new(),
    };
    format!(
        "{kind}.{chosen} The article names it {times}{country}. {:.0}% sure.",
        place.confidence * 100.0
    )
}
