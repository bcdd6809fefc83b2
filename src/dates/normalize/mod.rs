//! From a recognised expression to its TIMEX3 value, anchored on the document date or the last date mentioned.
//!
//! [`Context::normalize`] dispatches on the rule's [`RuleFn`]; each module below holds the normalisers of one kind of
//! expression, and `lean` the reading of tense that many of them weigh.

mod calendar;
mod clock;
mod holidays;
mod lean;
mod lengths;
mod periods;
mod ranges;
mod relative;

use super::found::Found;
use super::lexicon::{normalise_space, Lexicon};
use super::rule_fn::RuleFn;
use super::value::{Gran, Point};
use crate::calendar::Date;
use crate::dates::lexicon::{gid, GroupId};
use crate::model::TimexType;
use crate::segment::Segment;
use std::collections::VecDeque;

/// How many earlier dates an anaphoric expression may pass over to find one that is not ahead of the document.
pub(super) const ANAPHOR_LOOKBACK: usize = 16;

/// The number of granularities ([`Gran`] as an index).
const GRANS: usize = Gran::Century as usize + 1;

/// The concrete dates mentioned so far, kept as the few summaries the normalisers read instead of a list they scan:
/// remembering a date and every question below are O(1), so normalising a text of any number of dates stays linear.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Per granularity `g`: the last [`ANAPHOR_LOOKBACK`] dates of granularity `g` or finer (index among the
    /// expressions, point), latest last.
    recent: [VecDeque<(usize, Point)>; GRANS],
    /// The first quarter named that was not computed from another date.
    first_quarter: Option<(usize, Point)>,
    /// The last date not computed from another one and not a bare year.
    last_topic: Option<(usize, Point)>,
    /// The last day-precise date within a week of the document date (any, without one).
    last_near_day: Option<Date>,
}

impl History {
    /// Remembers the date `p` of expression `index` (`derived` when computed from an earlier mention), given the
    /// document date `dct`. O(1).
    pub fn remember(&mut self, index: usize, p: Point, derived: bool, dct: Option<Date>) {
        for recent in &mut self.recent[p.gran as usize..] {
            if recent.len() == ANAPHOR_LOOKBACK {
                recent.pop_front();
            }
            recent.push_back((index, p));
        }
        if !derived && p.gran == Gran::Quarter && self.first_quarter.is_none() {
            self.first_quarter = Some((index, p));
        }
        if !derived && p.gran != Gran::Year {
            self.last_topic = Some((index, p));
        }
        if p.gran == Gran::Day && dct.is_none_or(|dct| (p.date.to_days() - dct.to_days()).abs() <= 7) {
            self.last_near_day = Some(p.date);
        }
    }

    /// The last [`ANAPHOR_LOOKBACK`] dates of granularity `limit` or finer, latest first.
    pub(super) fn recent(&self, limit: Gran) -> impl Iterator<Item = &(usize, Point)> {
        self.recent[limit as usize].iter().rev()
    }

    /// The first quarter named that was not computed from another date.
    pub(super) fn first_quarter(&self) -> Option<(usize, Point)> {
        self.first_quarter
    }

    /// The last date not computed from another one and not a bare year.
    pub(super) fn last_topic(&self) -> Option<(usize, Point)> {
        self.last_topic
    }

    /// The last day-precise date within a week of the document date (any day, without a document date).
    pub(super) fn last_near_day(&self) -> Option<Date> {
        self.last_near_day
    }
}

/// A normalised expression, before it gets its id.
#[derive(Debug, Clone, PartialEq)]
pub struct Norm {
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 mod.
    pub modifier: Option<String>,
    /// `Some(None)` when anchored on the document date, `Some(Some(i))` on the i-th earlier expression.
    pub anchor: Option<Option<usize>>,
    /// First value of a range.
    pub begin: Option<String>,
    /// Last value of a range.
    pub end: Option<String>,
    /// Frequency of a SET.
    pub freq: Option<String>,
    /// The other reading, when the evidence was weak.
    pub alternatives: Vec<String>,
    /// True when the value stayed underspecified for want of a document date.
    pub needs_dct: bool,
}

impl Norm {
    /// A normalised expression of `kind` and `value`, with nothing else known yet.
    fn new(kind: TimexType, value: String) -> Norm {
        Norm {
            kind,
            value,
            modifier: None,
            anchor: None,
            begin: None,
            end: None,
            freq: None,
            alternatives: Vec::new(),
            needs_dct: false,
        }
    }
}

/// What normalisation knows about the document so far.
pub struct Context<'a> {
    /// The tables.
    pub lex: &'a Lexicon,
    /// The whole text.
    pub text: &'a str,
    /// Its sentences.
    pub segments: &'a [Segment],
    /// The document creation time.
    pub dct: Option<Date>,
    /// The concrete dates mentioned so far (see [`History`]).
    pub history: History,
    /// The last expression with a calendar point: where it ends, its index among the expressions and its point
    /// (for "Friday, the day before ...").
    pub last_point: Option<(usize, usize, Point)>,
    /// The last day-precise date of the current sentence (for clock times): sentence start and day.
    pub day_in_sentence: Option<(usize, Date)>,
    /// The document's wall-clock time in seconds since midnight, when the DCT has one (`2016-09-05T14:02`).
    pub dct_clock: Option<u32>,
}

impl Context<'_> {
    /// Normalises one recognised expression; `None` drops it.
    pub fn normalize(&mut self, f: &Found, function: RuleFn, kind: TimexType) -> Option<Norm> {
        let mut norm = match function {
            RuleFn::Date => self.date(f, kind),
            RuleFn::NumDate | RuleFn::Iso => self.numdate(f, function == RuleFn::Iso),
            RuleFn::Fiscal => f.get(gid!("year")).map(|y| Norm::new(kind, y.to_string())),
            RuleFn::WordYear => self.word_year(f, kind),
            RuleFn::YearWord => self
                .word("yearword", f.get(gid!("yearword"))?)
                .map(|v| Norm::new(kind, v.to_string())),
            RuleFn::Era => self.era(f, kind),
            RuleFn::Decade => self.decade(f),
            RuleFn::Century => self.century(f),
            RuleFn::Quarter | RuleFn::Half => self.quarter(f, function == RuleFn::Half),
            RuleFn::Season => self.season(f),
            RuleFn::Holiday => self.holiday(f),
            RuleFn::DayRel => self.day_rel(f, kind),
            RuleFn::Deictic => self.deictic(f),
            RuleFn::RelUnit => self.relunit(f),
            RuleFn::Offset => self.dct_offset(f),
            RuleFn::Anaphor => self.apposed(f).or_else(|| self.offset(f, true)),
            RuleFn::Apposed => self.apposed(f).or_else(|| self.duration(f, false)),
            RuleFn::ClockIn => (self.opens_sentence(f))
                .then(|| self.clock_count(f, 1))
                .flatten()
                .or_else(|| self.duration(f, false)),
            // "Islam will one day be ...": some day in the future, not a length (TimeML: FUTURE_REF).
            RuleFn::Duration if f.whole().eq_ignore_ascii_case("one day") && self.modal_before(f.span.start) => {
                Some(Norm::new(TimexType::Date, "FUTURE_REF".to_string()))
            }
            RuleFn::Duration | RuleFn::Durx => self.duration(f, function == RuleFn::Durx),
            RuleFn::UnitLen => self.unit_len(f),
            RuleFn::Set => self.set(f),
            RuleFn::Time => self.time(f),
            RuleFn::TimeRange => self.time_range(f),
            RuleFn::Ref => self.reference(f, kind),
            RuleFn::Range => self.range(f),
            RuleFn::YearAgo => self.year_ago(f, kind),
            RuleFn::YearPeriod => self.year_period(f, kind),
            RuleFn::AnaQuarter => self.ana_quarter(f, kind),
            RuleFn::NthWeekday => self.nth_weekday(f, kind),
            RuleFn::WeekdayWeek => self.weekday_week(f, kind),
            RuleFn::WeekOf => self.week_of(f, kind),
        }?;
        if norm.modifier.is_none() && f.get(gid!("endmod")).is_some() {
            norm.modifier = Some("END".to_string());
        }
        if norm.modifier.is_none() {
            norm.modifier = f
                .get(gid!("mod"))
                .and_then(|m| self.word("mod", m))
                .or_else(|| {
                    f.group(gid!("dmod"))
                        .filter(|m| f.base + m.start() >= f.span.start)
                        .and_then(|m| self.word("dmod", m.as_str()))
                })
                .map(str::to_string);
        }
        // Arithmetic near 9999 ("next spring" on 9999-12-31) gives no five-digit year: it stays underspecified.
        let values = std::iter::once(&mut norm.value)
            .chain(norm.begin.as_mut())
            .chain(norm.end.as_mut())
            .chain(norm.alternatives.iter_mut());
        values.for_each(super::value::underspecify_past_max_year);
        Some(norm)
    }

    /// The value of `w` in `class`, a curly apostrophe read as a straight one.
    fn word(&self, class: &str, w: &str) -> Option<&'static str> {
        if w.contains('’') {
            self.lex.value(class, &w.replace('’', "'"))
        } else {
            self.lex.value(class, w)
        }
    }

    /// Group `id` read as a number.
    fn num_group(&self, f: &Found, id: GroupId) -> Option<u32> {
        f.get(id).and_then(|s| s.parse().ok())
    }

    /// A count in digits or words; `Some(None)` for vague counts ("several").
    fn count(&self, s: &str) -> Option<Option<f64>> {
        let s = normalise_space(s).to_lowercase();
        if let Ok(n) = s.replace(',', "").parse::<f64>() {
            return Some(Some(n));
        }
        if let Some(v) = self.word("num", &s) {
            return Some(v.parse().ok());
        }
        let mut total = 0.0;
        for part in s.split(['-', ' ']).filter(|p| !p.is_empty()) {
            total += self.word("num", part)?.parse::<f64>().ok()?;
        }
        Some(Some(total))
    }

    /// `n` marked as computed from the document date.
    fn anchored_dct(&self, mut n: Norm) -> Norm {
        n.anchor = Some(None);
        n
    }
}
