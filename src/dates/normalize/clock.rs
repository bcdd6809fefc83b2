//! Clock times: "3 p.m.", "half past three", "3-4 pm", "three hours ago" from the document's own time.

use super::lean::Lean;
use super::{Context, Norm};
use crate::dates::found::Found;
use crate::dates::lexicon::gid;
use crate::dates::words::{segment_of, LOOK_BYTES};
use crate::model::TimexType;

impl Context<'_> {
    /// "three hours ago", "12 minutes from now", "In five minutes, ..." (a count under a day from the document's time,
    /// `sign` its direction): see [`Context::clock_point`]. `None` for other units and vague counts.
    pub(super) fn clock_count(&self, f: &Found, sign: i64) -> Option<Norm> {
        let seconds = subday_seconds(self.word("unit", f.get(gid!("unit"))?)?)?;
        let n = self.count(f.get(gid!("num"))?)??;
        if !(n > 0.0 && n <= 1_000_000.0) {
            return None;
        }
        self.clock_point(sign * (n * seconds as f64).round() as i64, seconds == 1)
    }

    /// True when the match opens its sentence (quotes aside): "In five minutes, the polls close" names the moment;
    /// anywhere else "in two hours" stays a length (TimeML: "finished in two hours"; "in 10 days" is as often a span
    /// as a date, so days never count). O(1): a lead longer than [`LOOK_BYTES`] does not open the sentence.
    pub(super) fn opens_sentence(&self, f: &Found) -> bool {
        segment_of(self.segments, f.span).is_some_and(|seg| {
            self.text
                .get(seg.span.start..f.base)
                .is_some_and(|lead| lead.len() <= LOOK_BYTES && !lead.contains(char::is_alphanumeric))
        })
    }

    /// The point `seconds` away from the document's time: a TIME from its clock when it has one (with seconds when
    /// counted in seconds or when they are not zero), else the day the count lands on, counting whole days from the
    /// document's date (TimeML values "three hours ago" in a dated story as that day).
    pub(super) fn clock_point(&self, seconds: i64, with_seconds: bool) -> Option<Norm> {
        let dct = self.dct?;
        let n = match self.dct_clock {
            Some(clock) => {
                let total = i64::from(clock) + seconds;
                let day = dct.add_days(total.div_euclid(86_400));
                let t = total.rem_euclid(86_400);
                let (h, m, s) = (t / 3600, t / 60 % 60, t % 60);
                let value = if with_seconds || s != 0 {
                    format!("{day}T{h:02}:{m:02}:{s:02}")
                } else {
                    format!("{day}T{h:02}:{m:02}")
                };
                Norm::new(TimexType::Time, value)
            }
            None => Norm::new(TimexType::Date, dct.add_days(seconds / 86_400).to_string()),
        };
        Some(self.anchored_dct(n))
    }

    /// A clock time ("3 p.m.", "half past three", "midnight Friday") on the day the expression or its story names.
    pub(super) fn time(&mut self, f: &Found) -> Option<Norm> {
        let midnight = f.get(gid!("noon")).is_some_and(|w| w.eq_ignore_ascii_case("midnight"));
        let (h, m) = if f.get(gid!("noon")).is_some() {
            (if midnight { 0 } else { 12 }, 0)
        } else {
            let hour = match f.get(gid!("hourword")) {
                Some(w) => self.word("hourword", w)?.parse().ok()?,
                None => self.num_group(f, gid!("hour"))?,
            };
            let mut h = clock_hour(hour, f.get(gid!("ampm")))?;
            // "4 in the afternoon": the part of the day says which half.
            let later_half = matches!(
                f.get(gid!("part")).and_then(|p| self.word("part", p)),
                Some("AF" | "EV" | "NI")
            ) || f
                .get(gid!("deictic"))
                .and_then(|d| self.word("deictic", d))
                .is_some_and(|v| v.ends_with(":NI") || v.ends_with(":EV") || v.ends_with(":AF"));
            if later_half && h < 12 {
                h += 12;
            }
            (h, self.num_group(f, gid!("minute")).unwrap_or(0))
        };
        // "half past three", "a quarter to noon", "20 minutes past 3 pm": minutes from the hour named.
        let (h, m) = match self.past_minutes(f) {
            Some(delta) => {
                let t = (i64::from(h) * 60 + i64::from(m) + delta).rem_euclid(24 * 60);
                ((t / 60) as u32, (t % 60) as u32)
            }
            None => (h, m),
        };
        // The day: a date, weekday or "yesterday" in the expression, the last day-precise date of the sentence, the
        // story's day, the document date.
        let day = if f.get(gid!("month")).is_some() {
            // "5 p.m. EST, Nov. 6", "Sept. 5 at 3 pm": the date in the expression.
            let n = self.date(f, TimexType::Date)?;
            let date = n.value.get(..10).unwrap_or(&n.value).to_string();
            Some((date, Vec::new(), n.needs_dct))
        } else if let Some(w) = self.weekday_number(f) {
            let n = self.weekday(w, None, f.span);
            Some((n.value, n.alternatives, n.needs_dct))
        } else if let Some(o) = match f.get(gid!("deictic")) {
            Some(d) => Some(self.word("deictic", d)?.split(':').next()?.parse::<i64>().ok()?),
            None => f.get(gid!("this")).map(|_| 0),
        } {
            Some(match self.dct {
                Some(dct) => (dct.add_days(o).to_string(), Vec::new(), false),
                None => ("XXXX-XX-XX".into(), Vec::new(), true),
            })
        } else {
            None
        };
        let (date, alts, needs) = match day {
            Some(d) => d,
            None => {
                // "Firefighters were called Tuesday. ... By 6 p.m., the roof collapsed": the story's day, which a
                // later sentence does not repeat, when it lies within a week of the document date (an older date is
                // background, not the day being told).
                let seg_start = segment_of(self.segments, f.span).map(|s| s.span.start);
                let story_day = || self.history.last_near_day();
                // The sentence just before counts too, however far its day: "... on Saturday, Feb. 9, have changed
                // times. The junior team starts at 3:30 p.m."
                let prev_start = seg_start.and_then(|start| {
                    let i = self.segments.partition_point(|s| s.span.start < start);
                    i.checked_sub(1)
                        .and_then(|j| self.segments.get(j))
                        .map(|s| s.span.start)
                });
                match self.day_in_sentence {
                    Some((s, d)) if Some(s) == seg_start || Some(s) == prev_start => (d.to_string(), Vec::new(), false),
                    _ => match (story_day(), self.dct) {
                        (Some(d), _) | (None, Some(d)) => (d.to_string(), Vec::new(), false),
                        (None, None) => ("XXXX-XX-XX".into(), Vec::new(), true),
                    },
                }
            }
        };
        // "midnight Friday" closes that day (TimeML writes the hour 24 of the day); so does a bare midnight still
        // ahead ("the curfew starts at midnight"), where one already past ("shortly after midnight") opened it.
        let named_day = f.get(gid!("weekday")).is_some() || f.get(gid!("month")).is_some();
        let ahead = || matches!(self.lean(f.span), Some(Lean::Future | Lean::WeakFuture));
        let h = if midnight && m == 0 && (named_day || ahead()) {
            24
        } else {
            h
        };
        let clock = match self.num_group(f, gid!("sec")) {
            Some(sec) => format!("{h:02}:{m:02}:{sec:02}"),
            None => format!("{h:02}:{m:02}"),
        };
        let mut n = Norm::new(TimexType::Time, format!("{date}T{clock}"));
        n.alternatives = alts.into_iter().map(|a| format!("{a}T{clock}")).collect();
        n.needs_dct = needs;
        Some(n)
    }

    /// Minutes before (negative) or after the hour of "half past three", "a quarter to noon", "ten minutes past 3
    /// pm"; `None` without such a phrase or with a vague count ("a few minutes before midnight": the hour itself).
    fn past_minutes(&self, f: &Found) -> Option<i64> {
        let dir = f.get(gid!("pastdir"))?.to_lowercase();
        let frac = f.get(gid!("frac"))?.to_lowercase();
        let minutes = if frac == "half" {
            30
        } else if frac.ends_with("quarter") {
            15
        } else {
            let n = self.count(f.get(gid!("num"))?)??;
            if n.fract() != 0.0 || !(1.0..60.0).contains(&n) {
                return None;
            }
            n as i64
        };
        Some(if matches!(dir.as_str(), "to" | "before") {
            -minutes
        } else {
            minutes
        })
    }

    /// "3-4 pm", "7 a.m.-8 p.m.", "from 9:30 to 11:00": one TIME from the first clock time to the second (value =
    /// begin). A first hour without am/pm takes the second's half of the day unless that puts it after the end
    /// ("11-1 pm" starts at 11 am).
    pub(super) fn time_range(&mut self, f: &Found) -> Option<Norm> {
        let (h1, h2) = (self.num_group(f, gid!("hour"))?, self.num_group(f, gid!("hour2"))?);
        let (m1, m2) = (
            self.num_group(f, gid!("minute")).unwrap_or(0),
            self.num_group(f, gid!("minute2")).unwrap_or(0),
        );
        let end = clock_hour(h2, f.get(gid!("ampm2")))?;
        let begin = match (f.get(gid!("ampm")), f.get(gid!("ampm2"))) {
            (Some(a), _) => clock_hour(h1, Some(a))?,
            (None, Some(a)) => match clock_hour(h1, Some(a)) {
                Some(b) if b * 60 + m1 <= end * 60 + m2 => b,
                _ => clock_hour(h1, Some("am"))?,
            },
            (None, None) => clock_hour(h1, None)?,
        };
        // "11:30-1:30" without am/pm: the afternoon end.
        let end = if f.get(gid!("ampm2")).is_none() && end * 60 + m2 <= begin * 60 + m1 && end < 12 {
            end + 12
        } else {
            end
        };
        if end * 60 + m2 <= begin * 60 + m1 {
            return None;
        }
        // The day as a single clock time would have it.
        let start = self.time(f)?;
        let date = start.value.split('T').next()?;
        let b = format!("{date}T{begin:02}:{m1:02}");
        let mut n = Norm::new(TimexType::Time, b.clone());
        n.begin = Some(b);
        n.end = Some(format!("{date}T{end:02}:{m2:02}"));
        n.needs_dct = start.needs_dct;
        Some(n)
    }
}

/// Seconds in one of a unit shorter than a day (`H`, `MIN`, `S`).
pub(super) fn subday_seconds(unit: &str) -> Option<i64> {
    match unit {
        "H" => Some(3600),
        "MIN" => Some(60),
        "S" => Some(1),
        _ => None,
    }
}

/// 24-hour clock hour from an hour and an optional am/pm; `None` when impossible.
pub(super) fn clock_hour(h: u32, ampm: Option<&str>) -> Option<u32> {
    match ampm.map(|a| a.to_lowercase().starts_with('p')) {
        None if h <= 23 => Some(h),
        Some(_) if h == 0 || h > 12 => None,
        Some(true) => Some(if h == 12 { 12 } else { h + 12 }),
        Some(false) => Some(if h == 12 { 0 } else { h }),
        None => None,
    }
}
