//! Periods longer than a day: decades, centuries, quarters and halves, seasons, the quarter of a results story.

use super::lean::Lean;
use super::{Context, Norm};
use crate::calendar::Date;
use crate::dates::found::Found;
use crate::dates::lexicon::gid;
use crate::dates::value::{Gran, Point};
use crate::model::TimexType;

impl Context<'_> {
    /// A decade ("the 1990s", "the nineties", "the '90s").
    pub(super) fn decade(&self, f: &Found) -> Option<Norm> {
        let value = if let Some(d) = f.get(gid!("decade")) {
            d.get(..3)?.to_string()
        } else if let Some(w) = f.get(gid!("decadeword")) {
            self.word("decadeword", w)?.to_string()
        } else {
            let d: u32 = f.get(gid!("decade2"))?.get(..1)?.parse().ok()?;
            let century = match self.dct {
                Some(dct) if dct.year >= 2000 && d <= (dct.year % 100 / 10) as u32 => 20,
                _ if d == 0 => 20,
                _ => 19,
            };
            format!("{century}{d}")
        };
        Some(Norm::new(TimexType::Date, value))
    }

    /// A century ("the 20th century", "the nineteenth century").
    pub(super) fn century(&self, f: &Found) -> Option<Norm> {
        let n: i32 = match f.get(gid!("cent")) {
            Some(c) => c.parse().ok()?,
            None => self.word("ordinal", f.get(gid!("ordinal"))?)?.parse().ok()?,
        };
        (n >= 1).then(|| Norm::new(TimexType::Date, format!("{:02}", n - 1)))
    }

    /// A quarter or (with `half`) a half of a year ("the third quarter", "the second half of 1990").
    pub(super) fn quarter(&self, f: &Found, half: bool) -> Option<Norm> {
        let q: i32 = match f.get(gid!("qn")) {
            Some(q) => q.parse().ok()?,
            None => self.word("ordinal", f.get(gid!("ordinal"))?)?.parse().ok()?,
        };
        let letter = if half { 'H' } else { 'Q' };
        let max = if half { 2 } else { 4 };
        let year = match (f.get(gid!("year")), f.get(gid!("yrel")), self.dct) {
            (Some(y), _, _) => Some(y.to_string()),
            // "this year's third quarter", "last year's fourth quarter".
            (None, Some(r), Some(dct)) => {
                let shift: i32 = self.word("rel", r).and_then(|v| v.parse().ok()).unwrap_or(0);
                Some(format!("{:04}", dct.year + shift))
            }
            _ => None,
        };
        if let Some(y) = year {
            if !(1..=max).contains(&q) {
                return None;
            }
            return Some(Norm::new(TimexType::Date, format!("{y}-{letter}{q}")));
        }
        let Some(dct) = self.dct else {
            let mut n = Norm::new(TimexType::Date, format!("XXXX-{letter}{q}"));
            n.needs_dct = true;
            return Some(n);
        };
        let current = Point::new(dct, Gran::Quarter);
        if q == -1 {
            return Some(self.anchored_dct(Norm::new(TimexType::Date, current.shift(-1, "Q").format())));
        }
        if !(1..=max).contains(&q) {
            return None;
        }
        let dq = ((dct.month - 1) / 3 + 1) as i32;
        // A later quarter than the document's is last year's unless the sentence looks ahead.
        let year = if q > dq && !matches!(self.lean(f.span), Some(Lean::Future | Lean::WeakFuture)) {
            dct.year - 1
        } else {
            dct.year
        };
        Some(self.anchored_dct(Norm::new(TimexType::Date, format!("{year}-{letter}{q}"))))
    }

    /// A season ("last summer", "winter 2014").
    pub(super) fn season(&self, f: &Found) -> Option<Norm> {
        let s = self.word("season", f.get(gid!("season"))?)?;
        if let Some(y) = f.get(gid!("year")) {
            return Some(Norm::new(TimexType::Date, format!("{y}-{s}")));
        }
        let Some(dct) = self.dct else {
            let mut n = Norm::new(TimexType::Date, format!("XXXX-{s}"));
            n.needs_dct = true;
            return Some(n);
        };
        let mid = match s {
            "SP" => 4,
            "SU" => 7,
            "FA" => 10,
            _ => 1,
        };
        let rel: Option<i32> = f
            .get(gid!("rel"))
            .and_then(|r| self.word("rel", r))
            .and_then(|v| v.parse().ok());
        let year = match rel {
            Some(-1) if mid + 1 < dct.month => dct.year,
            Some(-1) => dct.year - 1,
            Some(1) if mid > dct.month + 1 => dct.year,
            Some(1) => dct.year + 1,
            Some(_) => dct.year,
            None => self.infer_year(dct, mid, None, self.lean(f.span)),
        };
        Some(self.anchored_dct(Norm::new(TimexType::Date, format!("{year}-{s}"))))
    }

    /// The quarter a results story is about: the first quarter named (not computed from another date); the lead
    /// reports it, later ones are comparisons and outlooks.
    pub(super) fn topic_quarter(&self) -> Option<(usize, Point)> {
        self.history.first_quarter()
    }

    /// "the year-ago quarter", "year-earlier profit", "the year-earlier third quarter": the period under discussion
    /// (the quarter last named, else the document's year) a year before.
    pub(super) fn year_ago(&self, f: &Found, kind: TimexType) -> Option<Norm> {
        let (base, anchor) = match (self.topic_quarter(), self.dct) {
            (Some((i, p)), _) => (p, Some(i)),
            // "the quarter a year ago" with no quarter named: the last one completed, a year back.
            (None, Some(dct)) if f.whole().to_lowercase().contains("quarter") => {
                (Point::new(dct, Gran::Quarter).shift(-1, "Q"), None)
            }
            (None, Some(dct)) => (Point::new(dct, Gran::Year), None),
            (None, None) => {
                let mut n = Norm::new(kind, "XXXX".to_string());
                n.needs_dct = true;
                return Some(n);
            }
        };
        let mut point = base.shift(-1, "Y");
        if let Some(q) = f.get(gid!("ordinal")).and_then(|o| self.word("ordinal", o)) {
            let q: u32 = q.parse().ok()?;
            if !(1..=4).contains(&q) {
                return None;
            }
            point = Point::new(Date::new(point.date.year, (q - 1) * 3 + 1, 1)?, Gran::Quarter);
        }
        let mut n = Norm::new(kind, point.format());
        n.anchor = Some(anchor);
        Some(n)
    }

    /// "the 1988 period": the quarter under discussion in that year, else the year.
    pub(super) fn year_period(&self, f: &Found, kind: TimexType) -> Option<Norm> {
        // "the 1988 period" in a results story is the quarter under discussion, in that year.
        let y: i32 = f.get(gid!("year"))?.parse().ok()?;
        match self.topic_quarter() {
            Some((_, p)) => Some(Norm::new(kind, format!("{y:04}-Q{}", (p.date.month - 1) / 3 + 1))),
            None => Some(Norm::new(kind, format!("{y:04}"))),
        }
    }

    /// "the quarter" of a results story.
    pub(super) fn ana_quarter(&self, f: &Found, kind: TimexType) -> Option<Norm> {
        // "the quarter" of a results story: the quarter last mentioned, else the one before the document's.
        // "the latest quarter" is the last one completed before the document, whatever was named before.
        // "the quarter-to-quarter comparison", "a quarter-point cut": a compound, not the period.
        if self.text.get(f.span.end..).is_some_and(|rest| rest.starts_with('-')) {
            return None;
        }
        let whole = f.whole().to_lowercase();
        let latest = whole.contains("latest") || whole.contains("just-ended");
        // "the current quarter" is the document's own, whatever quarter the story is about.
        if whole.contains("current") {
            if let Some(dct) = self.dct {
                return Some(self.anchored_dct(Norm::new(kind, Point::new(dct, Gran::Quarter).format())));
            }
        }
        let topic = self.topic_quarter().filter(|_| !latest || self.dct.is_none());
        if let Some((i, p)) = topic {
            let mut n = Norm::new(kind, p.format());
            n.anchor = Some(Some(i));
            return Some(n);
        }
        let Some(dct) = self.dct else {
            let mut n = Norm::new(kind, "XXXX-QX".to_string());
            n.needs_dct = true;
            return Some(n);
        };
        Some(self.anchored_dct(Norm::new(kind, Point::new(dct, Gran::Quarter).shift(-1, "Q").format())))
    }
}
