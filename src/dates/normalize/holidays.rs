//! Holidays: the day a holiday rule of the tables gives in a year, and the days before and after one.

use super::{Context, Norm};
use crate::calendar::Date;
use crate::dates::calendars;
use crate::dates::found::Found;
use crate::dates::lexicon::gid;
use crate::dates::value::{easter, nth_weekday, orthodox_easter, Gran, Point};
use crate::model::TimexType;

impl Context<'_> {
    /// A holiday ("Christmas", "Easter 2016", "Thanksgiving week"): its day in the year written or inferred.
    pub(super) fn holiday(&self, f: &Found) -> Option<Norm> {
        let rule = self.word("holiday", f.get(gid!("holiday"))?)?;
        let year: i32 = match (f.get(gid!("year")), self.dct) {
            (Some(y), _) => y.parse().ok()?,
            (None, Some(dct)) => {
                let probe = holiday_date(rule, dct.year)?;
                self.infer_year(dct, probe.month, Some(probe.day), self.lean(f.span))
            }
            (None, None) => {
                let mut n = Norm::new(TimexType::Date, "XXXX-XX-XX".to_string());
                if let Some(md) = rule.get(..5).filter(|md| md.as_bytes().get(2) == Some(&b'-')) {
                    n.value = format!("XXXX-{md}");
                }
                n.needs_dct = true;
                return Some(n);
            }
        };
        let day = holiday_date(rule, year)?;
        let mut n = Norm::new(TimexType::Date, day.to_string());
        if f.get(gid!("unit")).is_some() {
            n.value = Point::new(day, Gran::Week).format();
        }
        if f.get(gid!("year")).is_none() {
            n.anchor = Some(None);
        }
        Some(n)
    }

    /// "the day before Christmas", "the day after last Tuesday('s hearing)": one day from the day named, as one
    /// expression (TimeML tags the whole phrase with the computed day).
    pub(super) fn day_rel(&mut self, f: &Found, kind: TimexType) -> Option<Norm> {
        let inner = if f.get(gid!("holiday")).is_some() {
            self.holiday(f)?
        } else {
            self.date(f, kind)?
        };
        let sign: i64 = if self.word("adir", f.get(gid!("adir"))?)?.starts_with('-') {
            -1
        } else {
            1
        };
        let shift = |v: &str| {
            Point::parse(v)
                .filter(|p| p.gran == Gran::Day)
                .map(|p| p.shift(sign, "D").format())
        };
        // An underspecified day ("XXXX-12-25") has no day before it we could write: it stays as it is.
        let Some(value) = shift(&inner.value) else {
            return Some(inner);
        };
        let mut n = inner;
        n.value = value;
        n.alternatives = n.alternatives.iter().filter_map(|a| shift(a)).collect();
        Some(n)
    }
}

/// The day of a holiday rule (`12-25`, `nth:11:4:4`, `onafter:11-02:2`, `easter:-2`, `orthodoxeaster:0`,
/// `nearweekday:10-16`, `hebrew:1:15`, `hijri:10:1`, `lunarnewyear`) in `year`.
pub fn holiday_date(rule: &str, year: i32) -> Option<Date> {
    let parts: Vec<&str> = rule.split(':').collect();
    match parts.as_slice() {
        ["nth", m, w, n] => nth_weekday(year, m.parse().ok()?, w.parse().ok()?, n.parse().ok()?),
        ["onafter", md, w] => {
            let from = holiday_date(md, year)?;
            let w: i64 = w.parse().ok()?;
            Some(from.add_days((w - i64::from(from.weekday())).rem_euclid(7)))
        }
        ["easter", o] => Some(easter(year)?.add_days(o.parse().ok()?)),
        ["orthodoxeaster", o] => Some(orthodox_easter(year)?.add_days(o.parse().ok()?)),
        // "Boss's Day": 16 October, or the nearest weekday when it falls on a weekend.
        ["nearweekday", md] => {
            let d = holiday_date(md, year)?;
            Some(match d.weekday() {
                6 => d.add_days(-1),
                7 => d.add_days(1),
                _ => d,
            })
        }
        ["hebrew", m, d] => calendars::hebrew_day(year, m.parse().ok()?, d.parse().ok()?),
        ["hijri", m, d] => calendars::hijri_day(year, m.parse().ok()?, d.parse().ok()?),
        ["lunarnewyear"] => calendars::lunar_new_year(year),
        [md] => {
            let (m, d) = md.split_once('-')?;
            Date::new(year, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}
