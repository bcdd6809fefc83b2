//! Proleptic Gregorian calendar arithmetic on plain integers: no clock, no time zone database.
//!
//! Kept tiny on purpose so the wasm build pays nothing for a date library.

use std::fmt;

/// The last year a TIMEX3 value can hold (four digits). Arithmetic past it (next decade from
/// 9999-12-31) is not wrapped into a wrong four-digit value: such a day formats as `XXXX-XX-XX` and
/// coarser values ([`crate::dates`]' points) as their underspecified forms.
pub const MAX_YEAR: i32 = 9999;

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year (astronomical numbering; news years are positive).
    pub year: i32,
    /// Month, 1..=12.
    pub month: u32,
    /// Day of the month, 1..=31.
    pub day: u32,
}

/// Why a date string was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format(String),
    /// Of the right form, but no such day (`2016-02-30`).
    NoSuchDay(String),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Format(s) => write!(f, "'{s}' is not a date of the form YYYY-MM-DD"),
            DateError::NoSuchDay(s) => write!(f, "'{s}' is not a day on the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

/// True in leap years of the Gregorian calendar.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` of `year` (0 for a month outside 1..=12).
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// The date, or `None` when no such day exists.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month) {
            Some(Date { year, month, day })
        } else {
            None
        }
    }

    /// Parses `YYYY-MM-DD` (the first ten bytes of a TIMEX3 or ISO 8601 value).
    pub fn parse_iso(s: &str) -> Result<Date, DateError> {
        let b = s.as_bytes();
        let shaped = b.len() >= 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b[..4].iter().chain(&b[5..7]).chain(&b[8..10]).all(u8::is_ascii_digit);
        if !shaped {
            return Err(DateError::Format(s.to_string()));
        }
        let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
        Date::new(num(0..4) as i32, num(5..7), num(8..10)).ok_or_else(|| DateError::NoSuchDay(s.to_string()))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn to_days(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `n` days.
    pub fn add_days(self, n: i64) -> Date {
        Date::from_days(self.to_days() + n)
    }

    /// ISO weekday: Monday = 1 ... Sunday = 7.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (4).
        ((self.to_days() + 3).rem_euclid(7) + 1) as u32
    }

    /// This date moved by `n` months, the day clamped to the target month's length.
    pub fn add_months(self, n: i64) -> Date {
        let total = i64::from(self.year) * 12 + i64::from(self.month) - 1 + n;
        let year = total.div_euclid(12) as i32;
        let month = (total.rem_euclid(12) + 1) as u32;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// ISO 8601 week-numbering year and week (1..=53).
    pub fn iso_week(self) -> (i32, u32) {
        let thursday = self.add_days(4 - i64::from(self.weekday()));
        let jan1 = Date {
            year: thursday.year,
            month: 1,
            day: 1,
        };
        let week = ((thursday.to_days() - jan1.to_days()) / 7 + 1) as u32;
        (thursday.year, week)
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`; `XXXX-XX-XX` (underspecified) for a day after [`MAX_YEAR`], which four digits cannot hold.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.year > MAX_YEAR {
            return f.write_str("XXXX-XX-XX");
        }
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// True for a calendar value a person may type: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, and a real day.
pub fn is_calendar_value(value: &str) -> bool {
    let b = value.as_bytes();
    match b.len() {
        4 => b.iter().all(u8::is_ascii_digit),
        7 => b[4] == b'-' && Date::parse_iso(&format!("{value}-01")).is_ok(),
        10 => Date::parse_iso(value).is_ok(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_values_typed_by_people_are_checked() {
        assert!(is_calendar_value("2016-09-04") && is_calendar_value("2016-09") && is_calendar_value("2016"));
        assert!(!is_calendar_value("2016-02-30") && !is_calendar_value("2016-13") && !is_calendar_value("last week"));
    }

    #[test]
    fn weekday_of_known_days() {
        assert_eq!(Date::new(2016, 9, 5).map(Date::weekday), Some(1));
        assert_eq!(Date::new(2016, 9, 4).map(Date::weekday), Some(7));
        assert_eq!(Date::new(2000, 1, 1).map(Date::weekday), Some(6));
    }

    #[test]
    fn days_round_trip_across_eras() {
        for days in [-800_000_i64, -1, 0, 1, 17_049, 2_000_000] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(Date::from_days(17_049).to_string(), "2016-09-05");
    }

    #[test]
    fn parse_rejects_impossible_days() {
        assert!(Date::parse_iso("2016-02-29").is_ok());
        assert!(matches!(Date::parse_iso("2015-02-29"), Err(DateError::NoSuchDay(_))));
        assert!(matches!(Date::parse_iso("5/9/2016"), Err(DateError::Format(_))));
    }

    #[test]
    fn days_past_year_9999_are_underspecified_not_five_digits() {
        let last = Date::new(9999, 12, 31).unwrap();
        assert_eq!(last.to_string(), "9999-12-31");
        assert_eq!(last.add_days(1).to_string(), "XXXX-XX-XX");
        assert_eq!(last.add_months(1).to_string(), "XXXX-XX-XX");
        assert_eq!(Date::new(1, 1, 1).unwrap().to_string(), "0001-01-01");
    }

    #[test]
    fn months_clamp_and_iso_weeks() {
        let jan31 = Date::new(2016, 1, 31).unwrap();
        assert_eq!(jan31.add_months(1).to_string(), "2016-02-29");
        assert_eq!(jan31.add_months(-2).to_string(), "2015-11-30");
        assert_eq!(Date::new(2016, 1, 1).unwrap().iso_week(), (2015, 53));
        assert_eq!(Date::new(2016, 9, 5).unwrap().iso_week(), (2016, 36));
    }
}
