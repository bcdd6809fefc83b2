//! Lengths and recurrences: durations ("three years") and sets ("every Monday", "twice a year").

use super::{Context, Norm};
use crate::dates::found::Found;
use crate::dates::lexicon::gid;
use crate::model::TimexType;

impl Context<'_> {
    /// A length ("three years", "5 1/2 hours"); `vague` for a plural unit without a count ("for years").
    pub(super) fn duration(&self, f: &Found, vague: bool) -> Option<Norm> {
        let unit_word = f.get(gid!("unit"))?;
        let unit = self.word("unit", unit_word)?;
        let n: Option<f64> = if vague {
            if !unit_word.to_lowercase().ends_with('s') {
                return None;
            }
            None
        } else {
            let mut n = self.count(f.get(gid!("num"))?)?;
            let whole = f.whole().to_lowercase();
            if whole.contains("and a half") || whole.contains(" 1/2") {
                n = n.map(|x| x + 0.5);
            }
            n
        };
        let fmt = |x: f64, mult: f64| -> String {
            let v = x * mult;
            if v.fract() == 0.0 {
                format!("{}", v as i64)
            } else {
                format!("{v}")
            }
        };
        let value = match (unit, n) {
            ("WE", _) => return None,
            // "5 1/2 hours": whole hours and minutes (TimeBank: PT5H30M).
            ("H", Some(x)) if x.fract() != 0.0 && x > 0.0 && x < 10_000.0 => {
                let minutes = (x * 60.0).round() as i64;
                if minutes < 60 {
                    // "half an hour": PT30M.
                    format!("PT{minutes}M")
                } else {
                    format!("PT{}H{}M", minutes / 60, minutes % 60)
                }
            }
            ("H" | "MIN" | "S", n) => {
                let letter = if unit == "MIN" { "M" } else { unit };
                format!("PT{}{letter}", n.map_or("X".into(), |x| fmt(x, 1.0)))
            }
            ("DE", Some(x)) => format!("P{}Y", fmt(x, 10.0)),
            ("CE", Some(x)) => format!("P{}Y", fmt(x, 100.0)),
            ("FN", Some(x)) => format!("P{}W", fmt(x, 2.0)),
            ("FN", None) => "PXW".into(),
            (u, n) => format!("P{}{u}", n.map_or("X".into(), |x| fmt(x, 1.0))),
        };
        Some(Norm::new(TimexType::Duration, value))
    }

    /// A recurrence ("every Monday", "each summer", "twice a year", "every other week").
    pub(super) fn set(&self, f: &Found) -> Option<Norm> {
        let mut n = if let Some(w) = f.get(gid!("weekday")).and_then(|w| self.word("weekday", w)) {
            Norm::new(TimexType::Set, format!("XXXX-WXX-{w}"))
        } else if let Some(m) = f.get(gid!("month")).and_then(|w| self.word("month", w)) {
            Norm::new(TimexType::Set, format!("XXXX-{:02}", m.parse::<u32>().ok()?))
        } else if let Some(s) = f.get(gid!("season")).and_then(|w| self.word("season", w)) {
            Norm::new(TimexType::Set, format!("XXXX-{s}"))
        } else if let Some(v) = f.get(gid!("setword")).and_then(|w| self.word("setword", w)) {
            Norm::new(TimexType::Set, v.to_string())
        } else {
            let unit = self.word("unit", f.get(gid!("unit"))?)?;
            let count = match f.get(gid!("num")) {
                Some(s) => self.count(s)?.unwrap_or(1.0),
                None => 1.0,
            };
            let mut d = self.duration_value(unit, count)?;
            if f.whole().to_lowercase().contains("other") {
                d = self.duration_value(unit, count * 2.0)?;
            }
            Norm::new(TimexType::Set, d)
        };
        n.freq = f
            .get(gid!("freq"))
            .and_then(|w| self.word("freq", w))
            .map(str::to_string);
        Some(n)
    }

    /// The TIMEX3 length of `n` units (`P3Y`, `PT2H`); `None` for a weekend or an absurd count.
    pub(super) fn duration_value(&self, unit: &str, n: f64) -> Option<String> {
        if !(0.0..=1_000_000.0).contains(&n) {
            return None;
        }
        let n = n as i64;
        Some(match unit {
            "H" => format!("PT{n}H"),
            "MIN" => format!("PT{n}M"),
            "S" => format!("PT{n}S"),
            "DE" => format!("P{}Y", n * 10),
            "CE" => format!("P{}Y", n * 100),
            "FN" => format!("P{}W", n * 2),
            "WE" => return None,
            u => format!("P{n}{u}"),
        })
    }

    /// "the year ended June 30": one of the unit, as a length.
    pub(super) fn unit_len(&self, f: &Found) -> Option<Norm> {
        // "the year ended June 30": one of the unit, as a length.
        let unit = self.word("unit", f.get(gid!("unit"))?)?;
        self.duration_value(unit, 1.0)
            .map(|v| Norm::new(TimexType::Duration, v))
    }
}
