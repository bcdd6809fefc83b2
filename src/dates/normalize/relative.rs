//! Expressions counted from the document date or from a date already mentioned (anaphora): "yesterday", "last week", "two days later".

use super::lean::Lean;
use super::{Context, Norm};
use crate::dates::found::Found;
use crate::dates::lexicon::gid;
use crate::dates::value::{unit_gran, Gran, Point};
use crate::dates::words::{ahead, LOOK_BYTES};
use crate::model::{Span, TimexType};

impl Context<'_> {
    /// "Friday, the day before the raid", "Nov. 24 — the day after the bonuses were paid": in apposition
    /// to a date just written (after a comma or a dash) and of its precision, the expression names that date; the
    /// event it counts from is told after it.
    pub(super) fn apposed(&self, f: &Found) -> Option<Norm> {
        let (end, index, point) = self.last_point?;
        // Only punctuation stands between: a gap longer than a look around a word is no apposition (and reading it
        // for every later expression would be quadratic).
        if f.span.start.saturating_sub(end) > LOOK_BYTES {
            return None;
        }
        let gap = self.text.get(end..f.span.start)?;
        let apposition = gap.contains([',', '—', '–']) && gap.chars().all(|c| matches!(c, ' ' | ',' | '—' | '–'));
        if !apposition || self.word("unit", f.get(gid!("unit"))?).and_then(unit_gran) != Some(point.gran) {
            return None;
        }
        let mut n = Norm::new(TimexType::Date, point.format());
        n.anchor = Some(Some(index));
        Some(n)
    }

    /// A day named from today or from the day last told ("yesterday", "tonight", "that morning", "the next
    /// morning").
    pub(super) fn deictic(&self, f: &Found) -> Option<Norm> {
        let (offset, mut part, anaphoric) = if f.get(gid!("lastnight")).is_some() {
            (-1, Some("NI"), false)
        } else if let Some(d) = f.get(gid!("deictic")) {
            let v = self.word("deictic", d)?;
            let (o, p) = v.split_once(':').map_or((v, None), |(o, p)| (o, Some(p)));
            (o.parse::<i64>().ok()?, p, false)
        } else if let Some(r) = f.get(gid!("rel")).and_then(|r| self.word("rel", r)) {
            // "the next morning": from the last date mentioned.
            (r.parse::<i64>().ok()?, None, true)
        } else {
            // "that morning", "(met) in the morning": the day last named.
            let that = f.caps.get(0).is_some_and(|m| {
                let m = m.as_str().to_lowercase();
                m.starts_with("that") || (f.get(gid!("t")).is_some() && m.contains("the "))
            });
            (0, None, that)
        };
        if let Some(p) = f.get(gid!("part")).and_then(|p| self.word("part", p)) {
            part = Some(p);
        }
        let (base, anchor) = match (anaphoric, self.anaphor_point(Gran::Day, f.span), self.dct) {
            (true, Some((i, p)), _) if p.gran == Gran::Day => (Some(p.date.add_days(offset)), Some(Some(i))),
            (_, _, Some(dct)) => (Some(dct.add_days(offset)), Some(None)),
            _ => (None, None),
        };
        let mut n = match base {
            Some(d) => Norm::new(TimexType::Date, d.to_string()),
            None => {
                let mut n = Norm::new(TimexType::Date, "XXXX-XX-XX".to_string());
                n.needs_dct = true;
                n
            }
        };
        n.anchor = anchor;
        if let Some(p) = part {
            n.value = format!("{}T{p}", n.value);
            n.kind = TimexType::Time;
        }
        Some(n)
    }

    /// A unit with a relative word ("last week", "the next day", "the past weeks", "the weekend").
    pub(super) fn relunit(&self, f: &Found) -> Option<Norm> {
        let (rel, unit) = match (f.get(gid!("rel")), f.get(gid!("unit"))) {
            (Some(r), Some(u)) => (self.word("rel", r)?.parse::<i64>().ok()?, self.word("unit", u)?),
            // "the end of the year", "year-end": the current one.
            (None, Some(u)) => (0, self.word("unit", u)?),
            // "the weekend": the one just past in news.
            _ => (0, "WE"),
        };
        let unit_text = f.get(gid!("unit")).unwrap_or("").to_lowercase();
        if matches!(unit, "H" | "MIN" | "S") {
            let letter = if unit == "MIN" { "M" } else { unit };
            return Some(Norm::new(TimexType::Duration, format!("PT1{letter}")));
        }
        if unit_text.ends_with('s') && rel < 0 && matches!(unit, "D" | "W" | "M") {
            // "the past weeks", "the last months": a stretch of unknown length up to now, like "recent weeks"
            // (TimeBank: PXW). The future ones ("the coming days") stay FUTURE_REF, as the seed article has it.
            return Some(Norm::new(TimexType::Duration, format!("PX{unit}")));
        }
        if unit_text.ends_with('s') {
            // "the last years": a vague stretch.
            let ref_value = if rel > 0 { "FUTURE_REF" } else { "PAST_REF" };
            return Some(Norm::new(TimexType::Date, ref_value.to_string()));
        }
        if unit == "D" {
            // "the next day", "the previous day": from the last date mentioned.
            let (base, anchor) = self.anaphor_base(Gran::Day, f.span)?;
            let mut n = Norm::new(TimexType::Date, base.shift(rel, "D").at(Gran::Day).format());
            n.anchor = Some(anchor);
            if unit_text.starts_with("night") {
                n.value.push_str("TNI");
                n.kind = TimexType::Time;
            }
            return Some(n);
        }
        if f.get(gid!("rel")).is_some_and(|r| self.lex.has("anarel", r)) {
            if let Some(gran) = unit_gran(unit) {
                let (base, anchor) = self.anaphor_base(gran, f.span)?;
                let out = if base.gran > gran { base.gran } else { gran };
                let mut n = Norm::new(TimexType::Date, base.shift(rel, unit).at(out).format());
                n.anchor = Some(anchor);
                return Some(n);
            }
        }
        let Some(dct) = self.dct else {
            let value = match unit {
                "W" => "XXXX-WXX",
                "WE" => "XXXX-WXX-WE",
                "M" => "XXXX-XX",
                "Q" => "XXXX-QX",
                _ => "XXXX",
            };
            let mut n = Norm::new(TimexType::Date, value.to_string());
            n.needs_dct = true;
            return Some(n);
        };
        let value = if unit == "WE" {
            let mut base = Point::new(dct, Gran::Week);
            // "the weekend" on a weekday: the one just past, unless the sentence looks ahead.
            if rel == 0
                && dct.weekday() < 5
                && f.get(gid!("rel")).is_none()
                && !matches!(self.lean(f.span), Some(Lean::Future | Lean::WeakFuture))
            {
                base = base.shift(-1, "W");
            }
            format!("{}-WE", base.shift(rel, "W").format())
        } else {
            let gran = unit_gran(unit)?;
            Point::new(dct, gran).shift(rel, unit).format()
        };
        Some(self.anchored_dct(Norm::new(TimexType::Date, value)))
    }

    /// The last date mentioned precisely enough for an anaphoric expression of granularity `gran` at `span`.
    ///
    /// A sentence that looks back ("the previous day's attack killed 12") does not count from a date still ahead of
    /// the document ("takes effect on Jan. 1"): that one belongs to another thread of the story.
    pub(super) fn anaphor_point(&self, gran: Gran, span: Span) -> Option<(usize, Point)> {
        let limit = gran.max(Gran::Week);
        let mut looks_back: Option<bool> = None;
        // A look-back passes at most a few dates ahead (a long list of coming dates is no anchor): the history keeps
        // the last `ANAPHOR_LOOKBACK` dates of each precision, so this is O(1) (was a scan of all earlier dates).
        self.history
            .recent(limit)
            .find(|(_, p)| match self.dct {
                Some(dct) if p.date > dct => !*looks_back.get_or_insert_with(|| {
                    matches!(self.lean(span), Some(Lean::Past | Lean::SurePast | Lean::WeakPast))
                }),
                _ => true,
            })
            .copied()
    }

    /// The point anaphoric expressions count from: the last date mentioned precisely enough, else the document date.
    pub(super) fn anaphor_base(&self, gran: Gran, span: Span) -> Option<(Point, Option<usize>)> {
        match (self.anaphor_point(gran, span), self.dct) {
            (Some((i, p)), _) => Some((p, Some(i))),
            (None, Some(dct)) => Some((Point::new(dct, Gran::Day), None)),
            (None, None) => None,
        }
    }

    /// A count of units from the document or (`anaphor`) the last date ("three days ago", "two weeks later").
    pub(super) fn offset(&self, f: &Found, anaphor: bool) -> Option<Norm> {
        let unit = self.word("unit", f.get(gid!("unit"))?)?;
        let n = match f.get(gid!("num")) {
            Some(s) => self.count(s)?,
            None => Some(1.0),
        };
        let (sign, from) = if anaphor && f.get(gid!("dir")).is_none() && f.get(gid!("adir")).is_none() {
            (0, "anchor")
        } else {
            let d = match f.get(gid!("dir")) {
                Some(w) => self.word("dir", w)?,
                None => self.word("adir", f.get(gid!("adir"))?)?,
            };
            let (s, from) = d.split_once(':')?;
            (s.parse::<i64>().ok()?, from)
        };
        let Some(gran) = unit_gran(unit) else {
            // "two hours later": a length rather than a date.
            return self.duration(f, false);
        };
        let Some(n) = n else {
            // "a few days later" counts from a date of the story, not from today: no reference to the present
            // but the vague length itself (as TimeML tags "a few days" there).
            if from == "anchor" {
                return self.duration(f, false);
            }
            let v = if sign > 0 { "FUTURE_REF" } else { "PAST_REF" };
            return Some(Norm::new(TimexType::Date, v.to_string()));
        };
        // Fractions have no calendar step; absurd counts would overflow the arithmetic.
        if n.fract() != 0.0 || n.abs() > 100_000.0 {
            return None;
        }
        let n = n as i64;
        // Year-over-year comparison: "(the third quarter) ... from a year ago" is that quarter a year before.
        // The quarter under discussion counts when no day or month was named since (years, like "1988", and
        // computed dates do not interrupt a results comparison).
        let quarter_topic = self
            .history
            .last_topic()
            .filter(|(_, p)| p.gran == Gran::Quarter)
            .map(|(i, p)| (p, Some(i)));
        let from = if unit == "Y" && quarter_topic.is_some() {
            "quarter"
        } else {
            from
        };
        let (base, anchor) = if from == "dct" {
            match self.dct {
                Some(d) => (Point::new(d, Gran::Day), None),
                None => {
                    let mut n = Norm::new(TimexType::Date, if sign > 0 { "FUTURE_REF" } else { "PAST_REF" }.into());
                    n.needs_dct = true;
                    return Some(n);
                }
            }
        } else if let (Some(q), "quarter") = (quarter_topic, from) {
            q
        } else {
            match self.anaphor_base(gran, f.span) {
                Some(b) => b,
                None => {
                    let mut n = Norm::new(TimexType::Date, "XXXX-XX-XX".into());
                    n.needs_dct = true;
                    return Some(n);
                }
            }
        };
        // Keep the anchor's own precision when it is a finer period ("a year earlier" after a quarter stays a
        // quarter, "a decade later" after 1992 is 2002); after a day, week or month the unit sets it ("one year
        // earlier" than February is a year, as TimeML writes it).
        // "That year" after a month is still a year: only a shift keeps the finer anchor.
        let finer_anchor = from != "dct" && sign != 0 && base.gran < gran && base.gran >= Gran::Quarter;
        let out_gran = if from == "dct" && unit == "W" {
            // "two weeks ago" names a day (TimeBank and AQUAINT mostly give the day, as the peers' cases do).
            Gran::Day
        } else if finer_anchor || base.gran > gran {
            base.gran
        } else {
            gran
        };
        let mut norm = Norm::new(TimexType::Date, base.shift(sign * n, unit).at(out_gran).format());
        norm.anchor = Some(anchor);
        Some(norm)
    }

    /// "three hours ago": a clock time from the document's; other units count days, months, years.
    pub(super) fn dct_offset(&self, f: &Found) -> Option<Norm> {
        // "three hours ago": a clock time from the document's; other units count days, months, years.
        // Only counts from the document ("ago", "from now"; `-1:dct`): "two hours later" stays a length.
        let dir = f.get(gid!("dir")).and_then(|d| self.word("dir", d));
        let sign = dir.and_then(|d| d.strip_suffix(":dct")).and_then(|s| s.parse().ok());
        sign.and_then(|s| self.clock_count(f, s))
            .or_else(|| self.offset(f, false))
    }

    /// A vague reference ("now", "soon", "recently"); `None` for a "soon" that is a step of a story.
    pub(super) fn reference(&self, f: &Found, kind: TimexType) -> Option<Norm> {
        let v = self.word("ref", f.get(gid!("ref"))?)?;
        // "soon became", "was soon released", "soon after", "as soon as trading opened": a step in a past
        // story or a conjunction, not a reference to the future (TimeBank leaves them untagged).
        if v == "FUTURE_REF" {
            let next = ahead(self.text, f.span.end).trim_start();
            let next = next.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            let story = self.lex.has("storyadverb", f.get(gid!("ref"))?)
                && matches!(self.lean(f.span), Some(Lean::Past | Lean::SurePast | Lean::WeakPast));
            if self.lex.has("refstop", next) || story {
                return None;
            }
        }
        Some(Norm::new(kind, v.to_string()))
    }
}
