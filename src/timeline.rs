//! Timeline geometry, independent of any renderer: the calendar interval a TIMEX3 value covers,
//! axis ticks that adapt from hours to centuries, and lanes so that labels never overlap.
//!
//! Positions are in days since 1970-01-01 (fractional for times of day).

use crate::calendar::{days_in_month, Date};

/// The half-open interval `[start, end)` in days that a TIMEX3 date value covers, or `None` for
/// values with no place on the calendar (`PAST_REF`, `XXXX-09-04`, durations).
pub fn interval(value: &str) -> Option<(f64, f64)> {
    let b = value.as_bytes();
    let num = |r: std::ops::Range<usize>| value.get(r).and_then(|s| s.parse::<i64>().ok());
    let day = |y: i64, m: i64, d: i64| Date::new(y as i32, m as u32, d as u32).map(|d| d.to_days() as f64);
    if b.len() < 2 || !b[0].is_ascii_digit() || !b[1].is_ascii_digit() {
        return None;
    }
    match b.len() {
        2 => {
            let c = num(0..2)?;
            Some((day(c * 100, 1, 1)?, day(c * 100 + 100, 1, 1)?))
        }
        3 => {
            let d = num(0..3)?;
            Some((day(d * 10, 1, 1)?, day(d * 10 + 10, 1, 1)?))
        }
        4 => {
            let y = num(0..4)?;
            Some((day(y, 1, 1)?, day(y + 1, 1, 1)?))
        }
        _ if b.get(4) != Some(&b'-') => None,
        _ => {
            let y = num(0..4)?;
            let rest = &value[5..];
            if let Some(q) = rest
                .strip_prefix('Q')
                .and_then(|q| q.parse::<i64>().ok())
                .filter(|q| (1..=4).contains(q))
            {
                let m = (q - 1) * 3 + 1;
                let end = if q == 4 { day(y + 1, 1, 1)? } else { day(y, m + 3, 1)? };
                return Some((day(y, m, 1)?, end));
            }
            if let Some((start_month, months)) = season(rest) {
                let start = Date::new(y as i32, start_month, 1)?;
                return Some((start.to_days() as f64, start.add_months(months).to_days() as f64));
            }
            if let Some(w) = rest
                .strip_prefix('W')
                .and_then(|w| w.get(..2))
                .and_then(|w| w.parse::<i64>().ok())
            {
                // ISO week 1 holds the year's first Thursday.
                let jan4 = Date::new(y as i32, 1, 4)?;
                let monday = jan4.add_days(1 - i64::from(jan4.weekday()) + (w - 1) * 7);
                return Some((monday.to_days() as f64, monday.to_days() as f64 + 7.0));
            }
            let m = num(5..7)?;
            if value.len() == 7 {
                let start = day(y, m, 1)?;
                return Some((start, start + f64::from(days_in_month(y as i32, m as u32))));
            }
            if value.get(7..8) != Some("-") {
                return None;
            }
            let start = day(y, m, num(8..10)?)?;
            match value.get(10..) {
                None | Some("") => Some((start, start + 1.0)),
                Some(time) => Some(time_of_day(start, time)),
            }
        }
    }
}

/// Seasons as TIMEX3 writes them: first month and length in months (meteorological, northern).
fn season(code: &str) -> Option<(u32, i64)> {
    match code {
        "SP" => Some((3, 3)),
        "SU" => Some((6, 3)),
        "FA" | "AU" => Some((9, 3)),
        "WI" => Some((12, 3)),
        "H1" => Some((1, 6)),
        "H2" => Some((7, 6)),
        _ => None,
    }
}

/// A time of day after the date: `T14:02`, `T14`, or a part of the day (`TMO`, `TAF`, `TEV`, `TNI`).
fn time_of_day(day: f64, time: &str) -> (f64, f64) {
    let part = |from: f64, to: f64| (day + from / 24.0, day + to / 24.0);
    match time {
        "TMO" => part(6.0, 12.0),
        "TMI" => part(11.0, 13.0),
        "TAF" => part(12.0, 18.0),
        "TEV" => part(18.0, 22.0),
        "TNI" => part(20.0, 24.0),
        "TDT" => part(6.0, 20.0),
        _ => {
            let hour = time.get(1..3).and_then(|h| h.parse::<f64>().ok()).filter(|h| *h < 24.0);
            let minute = time.get(4..6).and_then(|m| m.parse::<f64>().ok()).filter(|m| *m < 60.0);
            match (hour, minute) {
                (Some(h), Some(m)) => {
                    let at = day + (h + m / 60.0) / 24.0;
                    (at, at + 1.0 / 1440.0)
                }
                (Some(h), None) => part(h, h + 1.0),
                _ => (day, day + 1.0),
            }
        }
    }
}

/// One axis tick.
#[derive(Debug, Clone, PartialEq)]
pub struct Tick {
    /// Position in days.
    pub at: f64,
    /// Label ("5 Sep", "2016", "1990s").
    pub label: String,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Ticks for the range `[start, end)` days, about `wanted` of them, on natural calendar boundaries.
pub fn ticks(start: f64, end: f64, wanted: usize) -> Vec<Tick> {
    let span = (end - start).max(1.0 / 1440.0);
    let per_tick = span / wanted.max(1) as f64;
    let mut out = Vec::new();
    if per_tick < 0.75 {
        // Hours: steps of 1, 3, 6 or 12 hours.
        let step_h = [1.0, 3.0, 6.0, 12.0]
            .into_iter()
            .find(|s| s / 24.0 >= per_tick)
            .unwrap_or(12.0);
        let mut t = (start * 24.0 / step_h).ceil() * step_h / 24.0;
        while t < end && out.len() < 500 {
            let d = Date::from_days(t.floor() as i64);
            let h = ((t - t.floor()) * 24.0).round() as u32;
            // The first tick and the first of each new year carry the year: it is visible at every zoom.
            let new_year = out
                .last()
                .is_none_or(|prev: &Tick| Date::from_days(prev.at.floor() as i64).year != d.year);
            let label = match (h, new_year) {
                (0, false) => format!("{} {}", d.day, MONTHS[d.month as usize - 1]),
                (0, true) => format!("{} {} {}", d.day, MONTHS[d.month as usize - 1], d.year),
                (_, true) => format!("{} {} {} {h:02}:00", d.day, MONTHS[d.month as usize - 1], d.year),
                (_, false) => format!("{h:02}:00"),
            };
            out.push(Tick { at: t, label });
            t += step_h / 24.0;
        }
    } else if per_tick < 20.0 {
        let step = [1, 2, 7, 14]
            .into_iter()
            .find(|s| f64::from(*s) >= per_tick)
            .unwrap_or(14);
        let mut d = start.ceil() as i64;
        if step == 7 || step == 14 {
            // Weeks start on Mondays.
            while Date::from_days(d).weekday() != 1 {
                d += 1;
            }
        }
        while (d as f64) < end && out.len() < 500 {
            let date = Date::from_days(d);
            let new_year = out
                .last()
                .is_none_or(|prev: &Tick| Date::from_days(prev.at.floor() as i64).year != date.year);
            let label = if new_year {
                format!("{} {} {}", date.day, MONTHS[date.month as usize - 1], date.year)
            } else {
                format!("{} {}", date.day, MONTHS[date.month as usize - 1])
            };
            out.push(Tick { at: d as f64, label });
            d += i64::from(step);
        }
    } else if per_tick < 300.0 {
        let step = [1, 2, 3, 6]
            .into_iter()
            .find(|s| f64::from(*s) * 30.4 >= per_tick)
            .unwrap_or(6);
        let first = Date::from_days(start.floor() as i64);
        let mut m = Date {
            year: first.year,
            month: first.month,
            day: 1,
        };
        if (m.to_days() as f64) < start {
            m = m.add_months(1);
        }
        while (m.month - 1) % step != 0 {
            m = m.add_months(1);
        }
        while (m.to_days() as f64) < end && out.len() < 500 {
            let label = if m.month == 1 {
                m.year.to_string()
            } else {
                format!("{} {}", MONTHS[m.month as usize - 1], m.year)
            };
            out.push(Tick {
                at: m.to_days() as f64,
                label,
            });
            m = m.add_months(i64::from(step));
        }
    } else {
        let years = per_tick / 365.25;
        let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
            .into_iter()
            .find(|s| f64::from(*s) >= years)
            .unwrap_or(1000);
        let first_year = Date::from_days(start.floor() as i64).year;
        let mut y = first_year.div_euclid(step) * step;
        while out.len() < 500 {
            let Some(d) = Date::new(y, 1, 1) else { break };
            let at = d.to_days() as f64;
            if at >= end {
                break;
            }
            if at >= start {
                let label = match step {
                    10 | 20 | 50 => format!("{y}s"),
                    _ => y.to_string(),
                };
                out.push(Tick { at, label });
            }
            y += step;
        }
    }
    out
}

/// Assigns each item (`[x0, x1)` in screen units, label included) the lowest lane where it overlaps
/// nothing, in the given order. Returns the lane of each item.
pub fn lanes(items: &[(f64, f64)], gap: f64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[a].0.total_cmp(&items[b].0));
    let mut lane_end: Vec<f64> = Vec::new();
    let mut out = vec![0; items.len()];
    for k in order {
        let (x0, x1) = items[k];
        let lane = lane_end.iter().position(|&e| e + gap <= x0).unwrap_or(lane_end.len());
        if lane == lane_end.len() {
            lane_end.push(x1);
        } else {
            lane_end[lane] = x1;
        }
        out[k] = lane;
    }
    out
}

/// Label for a day position at the precision of a value ("5 Sep 2016", "Mar 2011", "2011").
pub fn format_day(at: f64) -> String {
    let d = Date::from_days(at.floor() as i64);
    format!("{} {} {}", d.day, MONTHS[d.month as usize - 1], d.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(s: &str) -> f64 {
        Date::parse_iso(s).unwrap().to_days() as f64
    }

    #[test]
    fn intervals_cover_the_precision_of_the_value() {
        assert_eq!(interval("2016-09-05"), Some((days("2016-09-05"), days("2016-09-06"))));
        assert_eq!(interval("2011-03"), Some((days("2011-03-01"), days("2011-04-01"))));
        assert_eq!(interval("2016"), Some((days("2016-01-01"), days("2017-01-01"))));
        assert_eq!(interval("199"), Some((days("1990-01-01"), days("2000-01-01"))));
        assert_eq!(interval("18"), Some((days("1800-01-01"), days("1900-01-01"))));
        assert_eq!(interval("2016-SU"), Some((days("2016-06-01"), days("2016-09-01"))));
        assert_eq!(interval("2016-WI"), Some((days("2016-12-01"), days("2017-03-01"))));
        assert_eq!(interval("2016-Q4"), Some((days("2016-10-01"), days("2017-01-01"))));
        assert_eq!(interval("2016-W36"), Some((days("2016-09-05"), days("2016-09-12"))));
        let (s, e) = interval("2016-09-05TMO").unwrap();
        assert!((s - days("2016-09-05") - 0.25).abs() < 1e-9 && e > s);
        let (s, _) = interval("2016-09-05T14:30").unwrap();
        assert!((s - days("2016-09-05") - 14.5 / 24.0).abs() < 1e-9);
        for vague in ["PAST_REF", "XXXX-09-04", "P3Y", "2016-13", "2016-02-30", ""] {
            assert_eq!(interval(vague), None, "{vague}");
        }
    }

    #[test]
    fn ticks_adapt_from_hours_to_centuries() {
        let d = days("2016-09-05");
        let hours = ticks(d, d + 1.0, 8);
        assert!(
            hours.len() >= 4 && hours.iter().any(|t| t.label.ends_with(":00")),
            "{hours:?}"
        );
        let week = ticks(d, d + 7.0, 7);
        assert_eq!(week[0].label, "5 Sep 2016", "the first tick carries the year");
        assert_eq!(week[1].label, "6 Sep");
        let years = ticks(days("2011-03-01"), days("2016-09-05"), 6);
        assert!(years.iter().any(|t| t.label == "2012"), "{years:?}");
        let centuries = ticks(days("1800-01-01"), days("2016-01-01"), 4);
        assert!(centuries.iter().all(|t| t.label.ends_with("00")), "{centuries:?}");
        // Years are visible at every zoom: in hours, days and weeks the first tick and each new year's carry it.
        for (start, span, wanted) in [(d, 0.25, 6), (d, 1.0, 8), (d, 7.0, 7), (days("2016-12-28"), 10.0, 10)] {
            let shown = ticks(start, start + span, wanted);
            let first_year = Date::from_days(start.floor() as i64).year.to_string();
            assert!(shown[0].label.contains(&first_year), "{shown:?}");
        }
        let new_year = ticks(days("2016-12-28"), days("2017-01-07"), 10);
        assert!(new_year.iter().any(|t| t.label == "1 Jan 2017"), "{new_year:?}");
        for t in ticks(days("1990-01-01"), days("2000-01-01"), 5) {
            assert!(t.at >= days("1990-01-01") && t.at < days("2000-01-01"));
        }
    }

    #[test]
    fn lanes_never_overlap() {
        let items = [(0.0, 50.0), (10.0, 30.0), (55.0, 80.0), (20.0, 100.0), (101.0, 120.0)];
        let lanes = lanes(&items, 2.0);
        for i in 0..items.len() {
            for j in 0..items.len() {
                if i != j && lanes[i] == lanes[j] {
                    let (a, b) = (items[i], items[j]);
                    assert!(
                        a.1 + 2.0 <= b.0 || b.1 + 2.0 <= a.0,
                        "{a:?} and {b:?} share lane {}",
                        lanes[i]
                    );
                }
            }
        }
        assert_eq!(lanes[0], 0);
        assert_eq!(lanes[2], 0, "room after the first item");
    }
}
