//! Ranges of days, months or years ("5-7 September", "from 2011 to 2016"): a value with its begin and end.

use super::{Context, Norm};
use crate::calendar::Date;
use crate::dates::found::Found;
use crate::dates::lexicon::{gid, GroupId};
use crate::model::TimexType;

impl Context<'_> {
    /// A range of days, months or years: the value is its beginning, with `begin` and `end` set.
    pub(super) fn range(&self, f: &Found) -> Option<Norm> {
        let month = |g: GroupId| -> Option<u32> { self.word("month", f.get(g)?)?.parse().ok() };
        let year = |g: GroupId| -> Option<i32> { f.get(g)?.parse().ok() };
        let mut n = Norm::new(TimexType::Date, String::new());
        let Some(m1) = month(gid!("month")) else {
            // "from 2011 to 2016", "2011-2016", "the 2009-10 fiscal year", "from 1975-81".
            let y1 = year(gid!("year"))?;
            let y2 = match (year(gid!("year2")), year(gid!("yy"))) {
                (Some(y2), _) => y2,
                (None, Some(yy)) => {
                    let y2 = y1 - y1.rem_euclid(100) + yy;
                    if y2 > y1 {
                        y2
                    } else if (1..=12).contains(&yy) {
                        // "2014-10" cannot run back to 2010: ISO's year and month.
                        return Some(Norm::new(TimexType::Date, format!("{y1:04}-{yy:02}")));
                    } else {
                        // "1999-00": the next century.
                        y2 + 100
                    }
                }
                (None, None) => return None,
            };
            if y2 <= y1 || y2 - y1 > 50 {
                return None;
            }
            n.value = y1.to_string();
            n.begin = Some(n.value.clone());
            n.end = Some(y2.to_string());
            return Some(n);
        };
        let m2 = month(gid!("month2")).unwrap_or(m1);
        let days = self.num_group(f, gid!("day")).zip(self.num_group(f, gid!("day2")));
        let (d1, d2) = days.unwrap_or((1, 1));
        if m1 == m2 && days.is_some() && d2 <= d1 {
            return None;
        }
        // The range runs into the next year ("Nov. 1 - March 31", "between December and February").
        let wrap = i32::from((m2, d2) < (m1, d1));
        // A year after days closes the range ("Nov. 1 - March 31, 2002" begins in 2001; "from December to May 2022"
        // too); after the first month it is that month's ("from May 2015 to June 2016").
        let (first, last) = if days.is_some() {
            (None, year(gid!("year")))
        } else {
            (year(gid!("year")), year(gid!("year2")))
        };
        let (y1, y2) = match (first, last, self.dct) {
            (Some(a), Some(b), _) => (Some(a), Some(b)),
            (Some(a), None, _) => (Some(a), Some(a + wrap)),
            (None, Some(b), _) => (Some(b - wrap), Some(b)),
            (None, None, Some(dct)) => {
                let y = self.infer_year(dct, m1, None, self.lean(f.span));
                (Some(y), Some(y + wrap))
            }
            (None, None, None) => (None, None),
        };
        let point = |y: Option<i32>, m: u32, d: u32| -> Option<String> {
            let ys = match y {
                // A day that does not exist ("Feb. 30") is no date.
                Some(y) if days.is_some() => return Date::new(y, m, d).map(|d| d.to_string()),
                Some(y) => format!("{y:04}"),
                None => "XXXX".to_string(),
            };
            Some(if days.is_some() {
                format!("{ys}-{m:02}-{d:02}")
            } else {
                format!("{ys}-{m:02}")
            })
        };
        n.value = point(y1, m1, d1)?;
        n.begin = Some(n.value.clone());
        n.end = Some(point(y2, m2, d2)?);
        n.needs_dct = y1.is_none();
        Some(n)
    }
}
