//! TIMEX3 values as calendar points: parsing, shifting and formatting at a granularity.

use crate::calendar::{Date, MAX_YEAR};

/// How precise a point value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Gran {
    /// `2016-09-05`
    Day,
    /// `2016-W36`
    Week,
    /// `2016-09`
    Month,
    /// `2016-Q3`
    Quarter,
    /// `2016`
    Year,
    /// `201`
    Decade,
    /// `20`
    Century,
}

/// A calendar point: a representative day and the granularity it is known to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Point {
    /// A day inside the period (its first day for coarse values).
    pub date: Date,
    /// Granularity.
    pub gran: Gran,
}

/// The granularity a unit code of the tables stands for (`None` for clock units and weekends).
pub fn unit_gran(unit: &str) -> Option<Gran> {
    Some(match unit {
        "D" => Gran::Day,
        "W" | "FN" => Gran::Week,
        "M" => Gran::Month,
        "Q" => Gran::Quarter,
        "Y" => Gran::Year,
        "DE" => Gran::Decade,
        "CE" => Gran::Century,
        _ => return None,
    })
}

impl Point {
    /// A point at `gran` around `date`.
    pub fn new(date: Date, gran: Gran) -> Point {
        Point { date, gran }
    }

    /// Parses a point value (`2016-09-05`, `2016-W36`, `2016-09`, `2016-Q3`, `2016`); times keep their day.
    pub fn parse(value: &str) -> Option<Point> {
        let b = value.as_bytes();
        if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
            return None;
        }
        let year: i32 = value[..4].parse().ok()?;
        let rest = &value[4..];
        if rest.is_empty() {
            return Some(Point::new(Date::new(year, 1, 1)?, Gran::Year));
        }
        if let Ok(d) = Date::parse_iso(value) {
            return Some(Point::new(d, Gran::Day));
        }
        let num = |s: &str| s.parse::<u32>().ok();
        if let Some(w) = rest.strip_prefix("-W") {
            let week = num(w.get(..2)?)?;
            let jan4 = Date::new(year, 1, 4)?;
            let monday = jan4.add_days(1 - i64::from(jan4.weekday()) + 7 * (i64::from(week) - 1));
            return Some(Point::new(monday, Gran::Week));
        }
        if let Some(q) = rest.strip_prefix("-Q") {
            let q = num(q.get(..1)?)?;
            return Some(Point::new(Date::new(year, q * 3 - 2, 1)?, Gran::Quarter));
        }
        if let Some(m) = rest.strip_prefix('-') {
            let m = num(m.get(..2)?)?;
            if m.to_string().len() <= 2 && m <= 12 && rest.len() == 3 {
                return Some(Point::new(Date::new(year, m, 1)?, Gran::Month));
            }
        }
        None
    }

    /// This point moved by `n` of `unit` (a table unit code); keeps its granularity.
    pub fn shift(self, n: i64, unit: &str) -> Point {
        let date = match unit {
            "D" => self.date.add_days(n),
            "W" => self.date.add_days(7 * n),
            "FN" => self.date.add_days(14 * n),
            "M" => self.date.add_months(n),
            "Q" => self.date.add_months(3 * n),
            "Y" => self.date.add_months(12 * n),
            "DE" => self.date.add_months(120 * n),
            "CE" => self.date.add_months(1200 * n),
            _ => self.date,
        };
        Point { date, gran: self.gran }
    }

    /// The same point at a coarser (or equal) granularity.
    pub fn at(self, gran: Gran) -> Point {
        Point { date: self.date, gran }
    }

    /// The TIMEX3 value. A point past [`MAX_YEAR`] (shifted there from a date near 9999) gets the
    /// underspecified value of its granularity (`XXXX`, `XXX` for a decade, ...), never five digits or a
    /// wrapped decade (`1000` for the decade after the 9990s) that would read as another period.
    pub fn format(self) -> String {
        let d = self.date;
        let year = match self.gran {
            Gran::Week => d.iso_week().0,
            _ => d.year,
        };
        if year > MAX_YEAR {
            return match self.gran {
                Gran::Day => "XXXX-XX-XX",
                Gran::Week => "XXXX-WXX",
                Gran::Month => "XXXX-XX",
                Gran::Quarter => "XXXX-QX",
                Gran::Year => "XXXX",
                Gran::Decade => "XXX",
                Gran::Century => "XX",
            }
            .to_string();
        }
        match self.gran {
            Gran::Day => d.to_string(),
            Gran::Week => {
                let (y, w) = d.iso_week();
                format!("{y:04}-W{w:02}")
            }
            Gran::Month => format!("{:04}-{:02}", d.year, d.month),
            Gran::Quarter => format!("{:04}-Q{}", d.year, (d.month - 1) / 3 + 1),
            Gran::Year => format!("{:04}", d.year),
            Gran::Decade => format!("{:03}", d.year.div_euclid(10)),
            Gran::Century => format!("{:02}", d.year.div_euclid(100)),
        }
    }
}

/// Makes `value` underspecified when it starts with a year past [`MAX_YEAR`] (five digits or more, from
/// arithmetic near 9999 that did not go through [`Point::format`], such as `10000-SP`): the year becomes
/// `XXXX` and every other digit `X` (`XXXX-SP`, `XXXX-QX`). Any other value is left as it is.
pub fn underspecify_past_max_year(value: &mut String) {
    let digits = value.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 4 {
        let rest: String = value[digits..]
            .chars()
            .map(|c| if c.is_ascii_digit() { 'X' } else { c })
            .collect();
        *value = format!("XXXX{rest}");
    }
}

/// Easter Sunday of `year` (anonymous Gregorian algorithm).
pub fn easter(year: i32) -> Option<Date> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    Date::new(year, month as u32, day as u32)
}

/// Orthodox Easter Sunday of `year` as a Gregorian date (Meeus' Julian algorithm, then the Julian calendar's lag);
/// `None` before 1583, when the Gregorian calendar did not exist.
pub fn orthodox_easter(year: i32) -> Option<Date> {
    if year < 1583 {
        return None;
    }
    let (a, b, c) = (year % 4, year % 7, year % 19);
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let month = (d + e + 114) / 31;
    let day = (d + e + 114) % 31 + 1;
    // Julian day to Gregorian: the calendars drift by a day in each century year not divisible by 400.
    let lag = year / 100 - year / 400 - 2;
    Some(Date::new(year, month as u32, day as u32)?.add_days(i64::from(lag)))
}

/// The `n`th `weekday` (ISO) of `month`, or the last one when `n` is negative.
pub fn nth_weekday(year: i32, month: u32, weekday: u32, n: i32) -> Option<Date> {
    if n >= 1 {
        let first = Date::new(year, month, 1)?;
        let offset = (i64::from(weekday) - i64::from(first.weekday())).rem_euclid(7);
        let d = first.add_days(offset + 7 * i64::from(n - 1));
        (d.month == month).then_some(d)
    } else {
        let last = Date::new(year, month, crate::calendar::days_in_month(year, month))?;
        let back = (i64::from(last.weekday()) - i64::from(weekday)).rem_euclid(7);
        Some(last.add_days(-back))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_round_trip() {
        for v in ["2016-09-05", "2016-W36", "2016-09", "2016-Q3", "2016"] {
            assert_eq!(Point::parse(v).map(Point::format).as_deref(), Some(v));
        }
        assert!(Point::parse("PAST_REF").is_none());
        assert!(Point::parse("XXXX-09").is_none());
    }

    #[test]
    fn holidays_compute() {
        assert_eq!(easter(2016).map(|d| d.to_string()).as_deref(), Some("2016-03-27"));
        assert_eq!(
            nth_weekday(2016, 11, 4, 4).map(|d| d.to_string()).as_deref(),
            Some("2016-11-24")
        );
        assert_eq!(
            nth_weekday(2016, 5, 1, -1).map(|d| d.to_string()).as_deref(),
            Some("2016-05-30")
        );
    }

    #[test]
    fn shifting_past_year_9999_gives_underspecified_values() {
        let last = Point::parse("9999-12-31").unwrap();
        for (unit, gran, value) in [
            ("D", Gran::Day, "XXXX-XX-XX"),
            ("W", Gran::Week, "XXXX-WXX"),
            ("M", Gran::Month, "XXXX-XX"),
            ("Q", Gran::Quarter, "XXXX-QX"),
            ("Y", Gran::Year, "XXXX"),
            ("DE", Gran::Decade, "XXX"),
            ("CE", Gran::Century, "XX"),
        ] {
            assert_eq!(last.shift(1, unit).at(gran).format(), value, "{unit}");
            assert_ne!(
                last.shift(-1, unit).at(gran).format(),
                value,
                "{unit} backwards stays concrete"
            );
        }
        assert_eq!(last.at(Gran::Decade).format(), "999");
        assert_eq!(last.at(Gran::Century).format(), "99");
        assert_eq!(last.at(Gran::Week).format(), "9999-W52");
        // 9999-12-31 shifted back a decade and forward one: the same decade, no wrap.
        assert_eq!(
            Point::parse("9989-06-01")
                .unwrap()
                .shift(1, "DE")
                .at(Gran::Decade)
                .format(),
            "999"
        );
    }

    #[test]
    fn values_past_year_9999_are_underspecified() {
        for (value, expected) in [
            ("10000-SP", "XXXX-SP"),
            ("10000-Q1", "XXXX-QX"),
            ("10000-01", "XXXX-XX"),
            ("100000", "XXXX"),
            ("9999-12-31", "9999-12-31"),
            ("2016-SU", "2016-SU"),
            ("P10Y", "P10Y"),
            ("202", "202"),
        ] {
            let mut v = value.to_string();
            underspecify_past_max_year(&mut v);
            assert_eq!(v, expected, "{value}");
        }
    }

    #[test]
    fn shifting_keeps_granularity() {
        let q = Point::parse("2016-Q1").unwrap();
        assert_eq!(q.shift(-1, "Y").format(), "2015-Q1");
        let d = Point::parse("2016-09-05").unwrap();
        assert_eq!(d.shift(-1, "W").at(Gran::Week).format(), "2016-W35");
    }
}
