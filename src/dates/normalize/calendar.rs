//! Calendar dates written in words or digits: day, month and year, a weekday, a year said in words.

use super::clock::clock_hour;
use super::lean::Lean;
use super::{Context, Norm};
use crate::calendar::Date;
use crate::dates::found::Found;
use crate::dates::lexicon::gid;
use crate::dates::value::{nth_weekday, Gran, Point};
use crate::model::{Span, TimexType};

impl Context<'_> {
    /// The weekday named in `f` (ISO number, Monday 1), when there is one.
    pub(super) fn weekday_number(&self, f: &Found) -> Option<u32> {
        self.word("weekday", f.get(gid!("weekday"))?)?.parse().ok()
    }

    /// A calendar date in words ("Monday, Oct. 3, 2011", "March last year", "the previous Friday"), with its part of the
    /// day ("Friday night").
    pub(super) fn date(&mut self, f: &Found, kind: TimexType) -> Option<Norm> {
        let month = f
            .get(gid!("month"))
            .and_then(|m| self.word("month", m))
            .and_then(|v| v.parse::<u32>().ok());
        let mut year: Option<i32> = f
            .get(gid!("year"))
            .and_then(|y| y.parse().ok())
            .or_else(|| self.two_digit_year(f.get(gid!("yy"))?));
        if let Some(r) = f.get(gid!("yrel")) {
            // "January this year", "March last year".
            let Some(dct) = self.dct else {
                let mut n = Norm::new(TimexType::Date, format!("XXXX-{:02}", month.unwrap_or(0)));
                n.needs_dct = true;
                return Some(n);
            };
            let shift: i32 = self.word("rel", r).and_then(|v| v.parse().ok()).unwrap_or(0);
            year = Some(dct.year + shift);
        }
        let day = self.num_group(f, gid!("day")).or_else(|| {
            f.get(gid!("dayword"))
                .and_then(|w| self.word("dayword", w))
                .and_then(|v| v.parse().ok())
        });
        let rel: Option<i32> = f
            .get(gid!("rel"))
            .and_then(|r| self.word("rel", r))
            .and_then(|v| v.parse().ok());
        let part = f.get(gid!("part")).and_then(|p| self.word("part", p));
        let mut norm = if let Some(m) = month {
            match (year, day) {
                (Some(y), Some(d)) => Norm::new(TimexType::Date, Date::new(y, m, d)?.to_string()),
                (Some(y), None) => Norm::new(TimexType::Date, format!("{y:04}-{m:02}")),
                (None, d) => {
                    let Some(dct) = self.dct else {
                        let mut n = Norm::new(TimexType::Date, format!("XXXX-{m:02}"));
                        if let Some(d) = d {
                            n.value.push_str(&format!("-{d:02}"));
                        }
                        n.needs_dct = true;
                        return Some(n);
                    };
                    self.month_in_dct_year(f, dct, m, d, rel)?
                }
            }
        } else if let (Some(w), Some(d)) = (self.weekday_number(f), day) {
            // "Tuesday 19th": the month, among the two before and after the document's, in which that day is that
            // weekday, the nearest one (the earlier on a tie: news looks back).
            let Some(dct) = self.dct else {
                let mut n = Norm::new(TimexType::Date, format!("XXXX-XX-{d:02}"));
                n.needs_dct = true;
                return Some(n);
            };
            let month = Point::new(Date::new(dct.year, dct.month, 1)?, Gran::Month);
            let date = (-2..=2)
                .filter_map(|k| {
                    let m = month.shift(k, "M").date;
                    Date::new(m.year, m.month, d)
                })
                .filter(|c| c.weekday() == w)
                .min_by_key(|c| {
                    let gap = c.to_days() - dct.to_days();
                    (gap.abs(), gap > 0)
                })?;
            self.anchored_dct(Norm::new(TimexType::Date, date.to_string()))
        } else if let Some(w) = self.weekday_number(f) {
            self.weekday_counted(f, w, rel)
        } else if let Some(y) = year {
            Norm::new(TimexType::Date, format!("{y:04}"))
        } else {
            return None;
        };
        if let Some(p) = part {
            norm.value.push('T');
            norm.value.push_str(p);
            // "Friday night" names a day's part: DATE unless the rule says TIME (TimeBank and AQUAINT type it DATE).
            norm.kind = kind;
            norm.alternatives.iter_mut().for_each(|a| {
                a.push('T');
                a.push_str(p);
            });
        }
        if kind == TimexType::Time && part.is_none() {
            norm.kind = TimexType::Time;
        }
        Some(norm)
    }

    /// Month `m` (day `d`, when written) without a year, in the year of the document date `dct` that the relative
    /// word `rel`, the tense or a weekday written with it gives.
    fn month_in_dct_year(&self, f: &Found, dct: Date, m: u32, d: Option<u32>, rel: Option<i32>) -> Option<Norm> {
        let y = match rel {
            // "last February" in March is a year ago ("last month" would have been said).
            Some(-1) if m + 1 < dct.month => dct.year,
            Some(-1) => dct.year - 1,
            Some(1) if m > dct.month => dct.year,
            Some(1) => dct.year + 1,
            Some(_) => dct.year,
            None => self.infer_year(dct, m, d, self.lean(f.span)),
        };
        // "Monday, Feb. 18" names its year by the weekday: when the year read from the tense puts
        // another weekday on that date, the neighbouring year that matches wins (a story dated late).
        let weekday = self.weekday_number(f);
        let on_weekday = |y: i32| {
            d.and_then(|d| Date::new(y, m, d))
                .zip(weekday)
                .is_some_and(|(date, w)| date.weekday() == w)
        };
        let y = if weekday.is_some() && d.is_some() && !on_weekday(y) {
            [y - 1, y + 1].into_iter().find(|&c| on_weekday(c)).unwrap_or(y)
        } else {
            y
        };
        let value = match d {
            Some(d) => Date::new(y, m, d)?.to_string(),
            None => format!("{y:04}-{m:02}"),
        };
        Some(self.anchored_dct(Norm::new(TimexType::Date, value)))
    }

    /// Weekday `w` with a relative word `rel`: "the previous Friday", "the following Monday" from the day last named,
    /// else from the document date (see [`Context::weekday`]).
    fn weekday_counted(&self, f: &Found, w: u32, rel: Option<i32>) -> Norm {
        // "the previous Friday", "the following Monday": counted from the day last named.
        let anaphoric = f.get(gid!("rel")).is_some_and(|r| self.lex.has("anarel", r));
        match (rel, anaphoric.then(|| self.anaphor_point(Gran::Day, f.span)).flatten()) {
            (Some(r @ (-1 | 1)), Some((i, p))) if p.gran == Gran::Day => {
                let back = (i64::from(p.date.weekday()) - i64::from(w)).rem_euclid(7);
                let fwd = (i64::from(w) - i64::from(p.date.weekday())).rem_euclid(7);
                let day = if r < 0 {
                    p.date.add_days(-if back == 0 { 7 } else { back })
                } else {
                    p.date.add_days(if fwd == 0 { 7 } else { fwd })
                };
                let mut n = Norm::new(TimexType::Date, day.to_string());
                n.anchor = Some(Some(i));
                n
            }
            _ => self.weekday(w, rel, f.span),
        }
    }

    /// A weekday: the document's own day when it falls on it, else the last or next one by tense.
    pub(super) fn weekday(&self, w: u32, rel: Option<i32>, span: Span) -> Norm {
        let Some(dct) = self.dct else {
            let mut n = Norm::new(TimexType::Date, format!("XXXX-WXX-{w}"));
            n.needs_dct = true;
            return n;
        };
        let back = (i64::from(dct.weekday()) - i64::from(w)).rem_euclid(7);
        let fwd = (i64::from(w) - i64::from(dct.weekday())).rem_euclid(7);
        let past = dct.add_days(-back);
        let future = dct.add_days(fwd);
        let (value, alt) = match rel {
            Some(-1) => (dct.add_days(-if back == 0 { 7 } else { back }), None),
            Some(1) => (dct.add_days(if fwd == 0 { 7 } else { fwd }), None),
            // "this Saturday": the coming one unless the sentence looks back.
            Some(0) if back != 0 => match self.lean(span) {
                Some(Lean::Past | Lean::SurePast | Lean::WeakPast) => (past, Some(future)),
                _ => (future, Some(past)),
            },
            _ if back == 0 => (dct, None),
            _ => match self.lean(span) {
                Some(Lean::Future) => (future, None),
                Some(Lean::WeakFuture) => (future, Some(past)),
                Some(Lean::Past | Lean::SurePast | Lean::WeakPast) => (past, None),
                // News reports mostly what happened: the past reading, the other kept.
                None => (past, Some(future)),
            },
        };
        let mut n = self.anchored_dct(Norm::new(TimexType::Date, value.to_string()));
        n.alternatives = alt.map(|d| d.to_string()).into_iter().collect();
        n
    }

    /// The year of a two-digit year ("'74", "10/31/74"): the century that puts it at most ten years after the
    /// document's year, else the nearest century before (1950-2049 without a document date).
    pub(super) fn two_digit_year(&self, yy: &str) -> Option<i32> {
        let yy: i32 = yy.parse().ok()?;
        let pivot = self.dct.map_or(2039, |d| d.year + 10);
        let century = pivot.div_euclid(100) * 100;
        Some(if century + yy <= pivot {
            century + yy
        } else {
            century - 100 + yy
        })
    }

    /// A date in digits: ISO (`iso`) or day and month in either order, with a clock time when one is written.
    pub(super) fn numdate(&self, f: &Found, iso: bool) -> Option<Norm> {
        let y: i32 = match f.get(gid!("year")) {
            Some(y) => y.parse().ok()?,
            None => self.two_digit_year(f.get(gid!("yy"))?)?,
        };
        // "Sunday 12/7/2014": the weekday written beside the date picks the order of day and month.
        let weekday = self.weekday_number(f);
        let date = if iso {
            Date::new(y, self.num_group(f, gid!("mnum"))?, self.num_group(f, gid!("day"))?)?
        } else {
            let a = self.num_group(f, gid!("n1"))?;
            let b = self.num_group(f, gid!("n2"))?;
            let dmy = Date::new(y, b, a);
            let mdy = Date::new(y, a, b);
            match (dmy, mdy) {
                (Some(d), Some(m)) if d != m && weekday.is_some_and(|w| (d.weekday() == w) != (m.weekday() == w)) => {
                    if weekday == Some(d.weekday()) {
                        d
                    } else {
                        m
                    }
                }
                (Some(d), Some(m)) if d != m => match self.dct {
                    // The reading nearer the document date; day first otherwise (the common order outside the US).
                    Some(dct) if (m.to_days() - dct.to_days()).abs() < (d.to_days() - dct.to_days()).abs() => m,
                    _ => d,
                },
                (Some(d), _) => d,
                (None, Some(m)) => m,
                (None, None) => return None,
            }
        };
        let mut n = Norm::new(TimexType::Date, date.to_string());
        if let (Some(h), Some(min)) = (self.num_group(f, gid!("hour")), self.num_group(f, gid!("minute"))) {
            let h = clock_hour(h, f.get(gid!("ampm")))?;
            n.value = format!("{date}T{h:02}:{min:02}");
            n.kind = TimexType::Time;
        }
        Some(n)
    }

    /// A year said in words ("nineteen ninety-six"), with its month when one is written.
    pub(super) fn word_year(&self, f: &Found, kind: TimexType) -> Option<Norm> {
        let head: i32 = self.word("yearhead", f.get(gid!("yearhead"))?)?.parse().ok()?;
        let tail = self.count(f.get(gid!("num"))?)??;
        if !(10.0..100.0).contains(&tail) {
            return None;
        }
        let year = head * 100 + tail as i32;
        match f.get(gid!("month")).and_then(|m| self.word("month", m)) {
            Some(m) => Some(Norm::new(kind, format!("{year}-{:02}", m.parse::<u32>().ok()?))),
            None => Some(Norm::new(kind, format!("{year}"))),
        }
    }

    /// "500 BC", "A.D. 79": a year of an era; TIMEX3 writes years before Christ as `BC0500`.
    pub(super) fn era(&self, f: &Found, kind: TimexType) -> Option<Norm> {
        let n: u32 = f.get(gid!("n1"))?.parse().ok().filter(|n| *n > 0)?;
        let bc = f.whole().contains('B');
        Some(Norm::new(
            kind,
            if bc { format!("BC{n:04}") } else { format!("{n:04}") },
        ))
    }

    /// "the first Tuesday of October", "the last Sunday in March 2014".
    pub(super) fn nth_weekday(&self, f: &Found, kind: TimexType) -> Option<Norm> {
        // "the first Tuesday of October", "the last Sunday in March 2014".
        let w = self.weekday_number(f)?;
        let n: i32 = self.word("ordinal", f.get(gid!("ordinal"))?)?.parse().ok()?;
        if f.get(gid!("month")).is_none() {
            // "the first Monday of the month", "the last Friday of next month": the DCT's month, or the
            // one before or after it.
            let Some(dct) = self.dct else {
                let mut n = Norm::new(kind, "XXXX-XX-XX".to_string());
                n.needs_dct = true;
                return Some(n);
            };
            let rel: i64 = f
                .get(gid!("rel"))
                .and_then(|r| self.word("rel", r))
                .map_or(Some(0), |v| v.parse().ok())?;
            let month = Point::new(dct, Gran::Month).shift(rel, "M");
            let day = nth_weekday(month.date.year, month.date.month, w, n)?;
            return Some(self.anchored_dct(Norm::new(kind, day.to_string())));
        }
        let m: u32 = self.word("month", f.get(gid!("month"))?)?.parse().ok()?;
        let year = match (f.get(gid!("year")), self.dct) {
            (Some(y), _) => y.parse().ok()?,
            (None, Some(dct)) => self.infer_year(dct, m, None, self.lean(f.span)),
            (None, None) => {
                let mut n = Norm::new(kind, format!("XXXX-{m:02}"));
                n.needs_dct = true;
                return Some(n);
            }
        };
        Some(Norm::new(kind, nth_weekday(year, m, w, n)?.to_string()))
    }

    /// "Tuesday of next week": that week's day.
    pub(super) fn weekday_week(&self, f: &Found, kind: TimexType) -> Option<Norm> {
        // "Tuesday of next week": that week's day.
        let w = i64::from(self.weekday_number(f)?);
        let rel: i64 = self.word("rel", f.get(gid!("rel"))?)?.parse().ok()?;
        let Some(dct) = self.dct else {
            let mut n = Norm::new(kind, format!("XXXX-WXX-{w}"));
            n.needs_dct = true;
            return Some(n);
        };
        let monday = dct.add_days(1 - i64::from(dct.weekday()) + 7 * rel);
        Some(self.anchored_dct(Norm::new(kind, monday.add_days(w - 1).to_string())))
    }

    /// "the week of March 3": the week of the date.
    pub(super) fn week_of(&mut self, f: &Found, kind: TimexType) -> Option<Norm> {
        let mut n = self.date(f, kind)?;
        if let Some(p) = Point::parse(&n.value) {
            n.value = p.at(Gran::Week).format();
        }
        Some(n)
    }
}
