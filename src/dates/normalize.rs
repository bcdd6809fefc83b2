//! From a recognised expression to its TIMEX3 value, anchored on the document date or the last date mentioned.

use super::lexicon::{normalise_space, Lexicon};
use super::recognize::Found;
use super::value::{easter, nth_weekday, unit_gran, Gran, Point};
use crate::calendar::Date;
use crate::model::{Span, TimexType};
use crate::segment::Segment;

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
    /// The concrete dates mentioned so far: index among the expressions, point, and whether it was computed from
    /// an earlier mention (anaphoric), in text order.
    pub history: Vec<(usize, Point, bool)>,
    /// The last expression with a calendar point: where it ends, its index among the expressions and its point
    /// (for "Friday, the day before ...").
    pub last_point: Option<(usize, usize, Point)>,
    /// The last day-precise date of the current sentence (for clock times): sentence start and day.
    pub day_in_sentence: Option<(usize, Date)>,
    /// The document's wall-clock time in seconds since midnight, when the DCT has one (`2016-09-05T14:02`).
    pub dct_clock: Option<u32>,
}

/// How many earlier dates an anaphoric expression may pass over to find one that is not ahead of the document.
const ANAPHOR_LOOKBACK: usize = 16;

/// Which way a bare weekday or month points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Lean {
    Past,
    /// "since October": past whatever the distances.
    SurePast,
    /// Only an "-ed" verb some words before: past unless the other reading is far nearer.
    WeakPast,
    Future,
    /// Only a deadline preposition ("by February", "until Friday"): the coming one unless the past one is far
    /// nearer.
    WeakFuture,
}

impl Context<'_> {
    /// Normalises one recognised expression; `None` drops it.
    pub fn normalize(&mut self, f: &Found, function: &str, kind: &str) -> Option<Norm> {
        let kind = match kind {
            "TIME" => TimexType::Time,
            "DURATION" => TimexType::Duration,
            "SET" => TimexType::Set,
            _ => TimexType::Date,
        };
        let mut norm = match function {
            "date" => self.date(f, kind),
            "numdate" | "iso" => self.numdate(f, function == "iso"),
            "fiscal" => f.get("year").map(|y| Norm::new(kind, y.to_string())),
            "wordyear" => {
                let head: i32 = self.word("yearhead", f.get("yearhead")?)?.parse().ok()?;
                let tail = self.count(f.get("num")?)??;
                if !(10.0..100.0).contains(&tail) {
                    return None;
                }
                let year = head * 100 + tail as i32;
                match f.get("month").and_then(|m| self.word("month", m)) {
                    Some(m) => Some(Norm::new(kind, format!("{year}-{:02}", m.parse::<u32>().ok()?))),
                    None => Some(Norm::new(kind, format!("{year}"))),
                }
            }
            "yearword" => self
                .word("yearword", f.get("yearword")?)
                .map(|v| Norm::new(kind, v.to_string())),
            // "500 BC", "A.D. 79": a year of an era; TIMEX3 writes years before Christ as `BC0500`.
            "era" => {
                let n: u32 = f.get("n1")?.parse().ok().filter(|n| *n > 0)?;
                let bc = f.whole().contains('B');
                Some(Norm::new(
                    kind,
                    if bc { format!("BC{n:04}") } else { format!("{n:04}") },
                ))
            }
            "decade" => self.decade(f),
            "century" => self.century(f),
            "quarter" | "half" => self.quarter(f, function == "half"),
            "season" => self.season(f),
            "holiday" => self.holiday(f),
            "dayrel" => self.day_rel(f, kind),
            "deictic" => self.deictic(f),
            "relunit" => self.relunit(f),
            // "three hours ago": a clock time from the document's; other units count days, months, years.
            "offset" => {
                // Only counts from the document ("ago", "from now"; `-1:dct`): "two hours later" stays a length.
                let dir = f.get("dir").and_then(|d| self.word("dir", d));
                let sign = dir.and_then(|d| d.strip_suffix(":dct")).and_then(|s| s.parse().ok());
                sign.and_then(|s| self.clock_count(f, s))
                    .or_else(|| self.offset(f, false))
            }
            "anaphor" => self.apposed(f).or_else(|| self.offset(f, true)),
            "apposed" => self.apposed(f).or_else(|| self.duration(f, false)),
            "clockin" => (self.opens_sentence(f))
                .then(|| self.clock_count(f, 1))
                .flatten()
                .or_else(|| self.duration(f, false)),
            // "Islam will one day be ...": some day in the future, not a length (TimeML: FUTURE_REF).
            "duration" if f.whole().eq_ignore_ascii_case("one day") && self.modal_before(f.span.start) => {
                Some(Norm::new(TimexType::Date, "FUTURE_REF".to_string()))
            }
            "duration" | "durx" => self.duration(f, function == "durx"),
            // "the year ended June 30": one of the unit, as a length.
            "unitlen" => {
                let unit = self.word("unit", f.get("unit")?)?;
                self.duration_value(unit, 1.0)
                    .map(|v| Norm::new(TimexType::Duration, v))
            }
            "set" => self.set(f),
            "time" => self.time(f),
            "timerange" => self.time_range(f),
            "ref" => {
                let v = self.word("ref", f.get("ref")?)?;
                // "soon became", "was soon released", "soon after", "as soon as trading opened": a step in a past
                // story or a conjunction, not a reference to the future (TimeBank leaves them untagged).
                if v == "FUTURE_REF" {
                    let next = self.text.get(f.span.end..).unwrap_or("").trim_start();
                    let next = next.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                    let story = self.lex.has("storyadverb", f.get("ref")?)
                        && matches!(self.lean(f.span), Some(Lean::Past | Lean::SurePast | Lean::WeakPast));
                    if self.lex.has("refstop", next) || story {
                        return None;
                    }
                }
                Some(Norm::new(kind, v.to_string()))
            }
            "range" => self.range(f),
            "yearago" => self.year_ago(f, kind),
            "yearperiod" => {
                // "the 1988 period" in a results story is the quarter under discussion, in that year.
                let y: i32 = f.get("year")?.parse().ok()?;
                match self.topic_quarter() {
                    Some((_, p)) => Some(Norm::new(kind, format!("{y:04}-Q{}", (p.date.month - 1) / 3 + 1))),
                    None => Some(Norm::new(kind, format!("{y:04}"))),
                }
            }
            "anaquarter" => {
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
            "nthweekday" => {
                // "the first Tuesday of October", "the last Sunday in March 2014".
                let w = self.weekday_number(f)?;
                let n: i32 = self.word("ordinal", f.get("ordinal")?)?.parse().ok()?;
                if f.get("month").is_none() {
                    // "the first Monday of the month", "the last Friday of next month": the DCT's month, or the
                    // one before or after it.
                    let Some(dct) = self.dct else {
                        let mut n = Norm::new(kind, "XXXX-XX-XX".to_string());
                        n.needs_dct = true;
                        return Some(n);
                    };
                    let rel: i64 = f
                        .get("rel")
                        .and_then(|r| self.word("rel", r))
                        .map_or(Some(0), |v| v.parse().ok())?;
                    let month = Point::new(dct, Gran::Month).shift(rel, "M");
                    let day = nth_weekday(month.date.year, month.date.month, w, n)?;
                    return Some(self.anchored_dct(Norm::new(kind, day.to_string())));
                }
                let m: u32 = self.word("month", f.get("month")?)?.parse().ok()?;
                let year = match (f.get("year"), self.dct) {
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
            "weekdayweek" => {
                // "Tuesday of next week": that week's day.
                let w = i64::from(self.weekday_number(f)?);
                let rel: i64 = self.word("rel", f.get("rel")?)?.parse().ok()?;
                let Some(dct) = self.dct else {
                    let mut n = Norm::new(kind, format!("XXXX-WXX-{w}"));
                    n.needs_dct = true;
                    return Some(n);
                };
                let monday = dct.add_days(1 - i64::from(dct.weekday()) + 7 * rel);
                Some(self.anchored_dct(Norm::new(kind, monday.add_days(w - 1).to_string())))
            }
            "weekof" => {
                let mut n = self.date(f, kind)?;
                if let Some(p) = Point::parse(&n.value) {
                    n.value = p.at(Gran::Week).format();
                }
                Some(n)
            }
            _ => None,
        }?;
        if norm.modifier.is_none() && f.get("endmod").is_some() {
            norm.modifier = Some("END".to_string());
        }
        if norm.modifier.is_none() {
            norm.modifier = f
                .get("mod")
                .and_then(|m| self.word("mod", m))
                .or_else(|| {
                    f.group("dmod")
                        .filter(|m| f.base + m.start() >= f.span.start)
                        .and_then(|m| self.word("dmod", m.as_str()))
                })
                .map(str::to_string);
        }
        Some(norm)
    }

    fn word(&self, class: &str, w: &str) -> Option<&'static str> {
        self.lex.value(class, &w.replace('’', "'"))
    }

    fn num_group(&self, f: &Found, name: &str) -> Option<u32> {
        f.get(name).and_then(|s| s.parse().ok())
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

    /// Past or future reading of the sentence around `span`; `None` without evidence.
    ///
    /// A possessive ("Monday's blasts") reads past; then the nearest cue word (or two-word cue) of the tables within
    /// a clause-sized window of the same sentence (cues after the expression count double: the governing verb usually
    /// comes first); then a verb in "-ed" just before the expression.
    fn lean(&self, span: Span) -> Option<Lean> {
        const WINDOW: usize = 90;
        let after = self.text.get(span.end..).unwrap_or("");
        if after.starts_with("'s") || after.starts_with("’s") {
            return Some(Lean::Past);
        }
        // "on April 7 last", "on Monday next": the older British order, the direction written after the date.
        // Only at the end of the clause: "April last year" is another rule.
        let mut rest = after.trim_start().splitn(2, |c: char| !c.is_alphabetic());
        let (word, tail) = (rest.next().unwrap_or(""), rest.next().unwrap_or(""));
        let ends = !tail.starts_with(char::is_alphanumeric) && !tail.trim_start().starts_with(char::is_lowercase);
        if ends && after.starts_with(' ') {
            match self.lex.value("postrel", word) {
                Some("past") => return Some(Lean::SurePast),
                Some("future") => return Some(Lean::Future),
                _ => {}
            }
        }
        // "the May 28 incident": a date naming something that has happened.
        let next_word = after
            .trim_start_matches([' ', '-'])
            .split(|c: char| !c.is_alphabetic())
            .next()
            .unwrap_or("");
        if self.cue("pastevent", next_word) {
            return Some(Lean::Past);
        }
        // "since October": the preposition itself says the date has passed.
        let head = self.text.get(..span.start).unwrap_or("").trim_end();
        let prep = last_word(head);
        if self.cue("pastprep", prep) {
            return Some(Lean::SurePast);
        }
        let seg = segment_of(self.segments, span)?;
        // "On Thursday, the governor said ...": a date fronted in its sentence belongs to the main verb after it, so
        // a reporting verb there counts (elsewhere "..., officials said" only tells when it was reported).
        let words_before = self
            .text
            .get(seg.span.start..span.start)
            .unwrap_or("")
            .split_whitespace()
            .count();
        let fronted = words_before <= 1;
        let mut lo = span.start.saturating_sub(WINDOW).max(seg.span.start);
        while !self.text.is_char_boundary(lo) {
            lo += 1;
        }
        let mut hi = (span.end + WINDOW / 2).min(seg.span.end);
        while !self.text.is_char_boundary(hi) {
            hi -= 1;
        }
        // Words of the window with their offsets, the expression itself left out; after the expression, only up to
        // a new clause, with or without a comma ("issued July 1, which will receive ...", "learned Nov. 13 that the
        // centre would close": "will" and "would" are the other clause's verbs).
        let mut words: Vec<(usize, &str)> = Vec::new();
        let mut broken = false;
        for (i, w) in word_offsets(&self.text[lo..hi]).map(|(i, w)| (lo + i, w)) {
            if i >= span.start && i < span.end {
                continue;
            }
            if i >= span.end {
                let gap = self.text.get(span.end..i).unwrap_or("");
                broken = broken || gap.contains(';') || self.lex.has("clausebreak", w);
                if broken {
                    break;
                }
            }
            words.push((i, w));
        }
        let mut best: Option<(usize, Lean)> = None;
        let mut pair = String::new();
        for (k, &(i, w)) in words.iter().enumerate() {
            pair.clear();
            if let Some((_, n)) = words.get(k + 1) {
                pair.push_str(w);
                pair.push(' ');
                pair.push_str(n);
            }
            let two = (!pair.is_empty()).then_some(pair.as_str());
            // The one or two words before this one: "had been scheduled", "will be held".
            let prev = |n: usize| k.checked_sub(n).and_then(|j| words.get(j)).map(|&(_, p)| p);
            let next = [k + 1, k + 2].map(|j| words.get(j).map(|&(_, n)| n));
            let head_of_sentence = self.text.get(seg.span.start..i).unwrap_or("");
            let lean = if self.future_cue(w, next, head_of_sentence) || two.is_some_and(|t| self.cue("futurecue", t)) {
                // A plan told in the pluperfect or as superseded ("had been scheduled to expire Friday",
                // "as previously planned"), or in the simple past ("was scheduled for Sept. 26", `simplepast`; not
                // a progressive, "were planning to drive ... on Monday", which tells a plan still ahead): the past
                // reading is weighed in, though a date near ahead may still win.
                let framed = |p: &str| match self.lex.value("pastframe", p) {
                    Some("simplepast") => !w.ends_with("ing"),
                    Some(_) => true,
                    None => false,
                };
                if [prev(1), prev(2)].into_iter().flatten().any(framed) {
                    Lean::Past
                } else {
                    Lean::Future
                }
            } else if self.past_cue(w, i >= span.end && !fronted)
                || two.is_some_and(|t| self.past_cue(t, i >= span.end && !fronted))
            {
                // "will be held", "to be announced": a participle, no tense of its own.
                if prev(1).is_some_and(|p| self.cue("participlebefore", p)) {
                    continue;
                }
                Lean::Past
            } else {
                continue;
            };
            // A verb right before the expression, or one preposition away ("which began on Monday, would ..."),
            // governs it: nearer than any cue after.
            let between = || words[k + 1..].iter().take_while(|&&(j, _)| j < span.start);
            let dist = if i >= span.end {
                2 * (i - span.end)
            } else if between().count() == 0
                || (between().count() == 1 && between().all(|&(_, b)| self.cue("governprep", b)))
            {
                0
            } else {
                span.start - i
            };
            if best.is_none_or(|(d, _)| dist < d) {
                best = Some((dist, lean));
            }
        }
        if let Some((_, lean)) = best {
            return Some(lean);
        }
        // A verb in "-ed" among the words before ("who stepped down as chairman and chief executive in March"):
        // capitalised words are names ("United"), and a participle after "be"/"been" has no tense.
        let is_ed = |k: usize| {
            words.get(k).is_some_and(|&(_, w)| {
                w.len() > 4
                    && w.ends_with("ed")
                    && !w.starts_with(char::is_uppercase)
                    && !k
                        .checked_sub(1)
                        .and_then(|j| words.get(j))
                        .is_some_and(|&(_, p)| self.cue("participlebefore", p))
            })
        };
        let before = words.iter().filter(|(i, _)| *i < span.start).count();
        let near_ed = (before.saturating_sub(3)..before).any(is_ed);
        let far_ed = (before.saturating_sub(10)..before).any(is_ed);
        // "the ministry on Sunday issued a warning": the verb right after counts too.
        // A fronted date ("By Saturday they ventured out") belongs to the verb after its subject: three words.
        let ed_after = |(k, &(_, w)): (usize, &(usize, &str))| {
            w.len() > 4 && (k == 0 || !w.starts_with(char::is_uppercase)) && w.to_ascii_lowercase().ends_with("ed")
        };
        let next_ed = words
            .iter()
            .filter(|(i, _)| *i >= span.end)
            .take(if fronted { 3 } else { 1 })
            .enumerate()
            .any(ed_after);
        // A deadline or a start ("by Friday", "until January", "From July, ..."): `opening` prepositions only at
        // the head of the sentence ("up 6 percent from January" is a comparison with the past).
        let deadline = match self.lex.value("futureprep", prep) {
            Some("opening") => words_before <= 2,
            // "open through Friday" is a deadline; "this year through August", "Monday through Friday" and
            // "March 2 through 6" are one stretch, whose end has no direction of its own.
            Some("aftertext") => {
                let before = head[..head.len() - prep.len()].trim_end();
                let word = last_word(before);
                word.starts_with(|c: char| c.is_ascii_lowercase())
                    && before.ends_with(|c: char| c.is_alphabetic())
                    && !["unit", "season", "part", "month", "weekday"]
                        .iter()
                        .any(|class| self.cue(class, word))
            }
            Some(_) => true,
            None => false,
        };
        if near_ed || next_ed {
            Some(Lean::Past)
        } else if far_ed {
            Some(Lean::WeakPast)
        } else {
            deadline.then_some(Lean::WeakFuture)
        }
    }

    /// The weekday named in `f` (ISO number, Monday 1), when there is one.
    fn weekday_number(&self, f: &Found) -> Option<u32> {
        self.word("weekday", f.get("weekday")?)?.parse().ok()
    }

    fn cue(&self, class: &str, w: &str) -> bool {
        self.lex.has(class, w)
    }

    /// A future cue given the two words after it and the sentence before it: a modal of possibility (`modal`) only
    /// in lower case and not before a perfect ("may have voted"; "may have to wait" still looks ahead); a headline
    /// infinitive (`headline`: "Real Betis, Porto to meet at Wembley in July") only after a subject of capitalised words
    /// and before a lower-case verb.
    fn future_cue(&self, w: &str, next: [Option<&str>; 2], head_of_sentence: &str) -> bool {
        match self.lex.value("futurecue", w) {
            Some("modal") => {
                let perfect = next[0].is_some_and(|n| n.eq_ignore_ascii_case("have"))
                    && !next[1].is_some_and(|n| n.eq_ignore_ascii_case("to"));
                w.starts_with(|c: char| c.is_ascii_lowercase()) && !perfect
            }
            Some("headline") => {
                let mut subject = head_of_sentence.split_whitespace().peekable();
                subject.peek().is_some()
                    && subject.all(|s| s.starts_with(|c: char| c.is_uppercase()) || s == "&")
                    && next[0]
                        .is_some_and(|n| n.starts_with(|c: char| c.is_ascii_lowercase()) && !self.cue("determiner", n))
            }
            Some(_) => true,
            None => false,
        }
    }

    /// A past cue at this side of the expression (reporting verbs count only before it).
    fn past_cue(&self, w: &str, after: bool) -> bool {
        match self.lex.value("pastcue", w) {
            Some("before") => !after,
            Some(_) => true,
            None => false,
        }
    }

    /// The year of month `m` (day `d`, when known) for a document dated `dct`.
    ///
    /// The last occurrence and the next one compete on their distance to the document date, the past one weighted
    /// (news reports what happened): the next one wins only when much nearer; a tense cue shifts the weighing
    /// strongly but never absolutely ("said it would meet on Nov. 6" in late October is this November).
    fn infer_year(&self, dct: Date, m: u32, d: Option<u32>, lean: Option<Lean>) -> i32 {
        let day = d.unwrap_or(1);
        let at = |y: i32| Date::new(y, m, day.min(crate::calendar::days_in_month(y, m))).map(Date::to_days);
        let today = if d.is_some() {
            dct.to_days()
        } else {
            Date::new(dct.year, dct.month, 1).map_or(dct.to_days(), Date::to_days)
        };
        let (Some(this), Some(prev), Some(next)) = (at(dct.year), at(dct.year - 1), at(dct.year + 1)) else {
            return dct.year;
        };
        if this == today {
            return dct.year;
        }
        let (past_year, past, future_year, future) = if this < today {
            (dct.year, today - this, dct.year + 1, next - today)
        } else {
            (dct.year - 1, today - prev, dct.year, this - today)
        };
        let ratio = match lean {
            Some(Lean::Past) => 8,
            Some(Lean::SurePast) => return past_year,
            Some(Lean::WeakPast) => 3,
            Some(Lean::Future | Lean::WeakFuture) => 0,
            None => 2,
        };
        let choose_future = match lean {
            // A future cue: the future reading unless the past one is far nearer.
            Some(Lean::Future) => past * 8 >= future,
            Some(Lean::WeakFuture) => past * 6 >= future,
            _ => future * ratio < past,
        };
        if choose_future {
            future_year
        } else {
            past_year
        }
    }

    /// "Friday, the day before the raid", "Nov. 24 — the day after the bonuses were paid": in apposition
    /// to a date just written (after a comma or a dash) and of its precision, the expression names that date; the
    /// event it counts from is told after it.
    fn apposed(&self, f: &Found) -> Option<Norm> {
        let (end, index, point) = self.last_point?;
        let gap = self.text.get(end..f.span.start)?;
        let apposition = gap.contains([',', '—', '–']) && gap.chars().all(|c| matches!(c, ' ' | ',' | '—' | '–'));
        if !apposition || self.word("unit", f.get("unit")?).and_then(unit_gran) != Some(point.gran) {
            return None;
        }
        let mut n = Norm::new(TimexType::Date, point.format());
        n.anchor = Some(Some(index));
        Some(n)
    }

    fn anchored_dct(&self, mut n: Norm) -> Norm {
        n.anchor = Some(None);
        n
    }

    fn date(&mut self, f: &Found, kind: TimexType) -> Option<Norm> {
        let month = f
            .get("month")
            .and_then(|m| self.word("month", m))
            .and_then(|v| v.parse::<u32>().ok());
        let mut year: Option<i32> = f
            .get("year")
            .and_then(|y| y.parse().ok())
            .or_else(|| self.two_digit_year(f.get("yy")?));
        if let Some(r) = f.get("yrel") {
            // "January this year", "March last year".
            let Some(dct) = self.dct else {
                let mut n = Norm::new(TimexType::Date, format!("XXXX-{:02}", month.unwrap_or(0)));
                n.needs_dct = true;
                return Some(n);
            };
            let shift = match r.to_lowercase().as_str() {
                "last" => -1,
                "next" => 1,
                _ => 0,
            };
            year = Some(dct.year + shift);
        }
        let day = self.num_group(f, "day").or_else(|| {
            f.get("dayword")
                .and_then(|w| self.word("dayword", w))
                .and_then(|v| v.parse().ok())
        });
        let rel: Option<i32> = f
            .get("rel")
            .and_then(|r| self.word("rel", r))
            .and_then(|v| v.parse().ok());
        let part = f.get("part").and_then(|p| self.word("part", p));
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
                    self.anchored_dct(Norm::new(TimexType::Date, value))
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
            // "the previous Friday", "the following Monday": counted from the day last named.
            let anaphoric = f.get("rel").is_some_and(|r| self.lex.has("anarel", r));
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

    /// A weekday: the document's own day when it falls on it, else the last or next one by tense.
    fn weekday(&self, w: u32, rel: Option<i32>, span: Span) -> Norm {
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
    fn two_digit_year(&self, yy: &str) -> Option<i32> {
        let yy: i32 = yy.parse().ok()?;
        let pivot = self.dct.map_or(2039, |d| d.year + 10);
        let century = pivot.div_euclid(100) * 100;
        Some(if century + yy <= pivot {
            century + yy
        } else {
            century - 100 + yy
        })
    }

    fn numdate(&self, f: &Found, iso: bool) -> Option<Norm> {
        let y: i32 = match f.get("year") {
            Some(y) => y.parse().ok()?,
            None => self.two_digit_year(f.get("yy")?)?,
        };
        // "Sunday 12/7/2014": the weekday written beside the date picks the order of day and month.
        let weekday = self.weekday_number(f);
        let date = if iso {
            Date::new(y, self.num_group(f, "mnum")?, self.num_group(f, "day")?)?
        } else {
            let a = self.num_group(f, "n1")?;
            let b = self.num_group(f, "n2")?;
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
        if let (Some(h), Some(min)) = (self.num_group(f, "hour"), self.num_group(f, "minute")) {
            let h = clock_hour(h, f.get("ampm"))?;
            n.value = format!("{date}T{h:02}:{min:02}");
            n.kind = TimexType::Time;
        }
        Some(n)
    }

    fn decade(&self, f: &Found) -> Option<Norm> {
        let value = if let Some(d) = f.get("decade") {
            d.get(..3)?.to_string()
        } else if let Some(w) = f.get("decadeword") {
            self.word("decadeword", w)?.to_string()
        } else {
            let d: u32 = f.get("decade2")?.get(..1)?.parse().ok()?;
            let century = match self.dct {
                Some(dct) if dct.year >= 2000 && d <= (dct.year % 100 / 10) as u32 => 20,
                _ if d == 0 => 20,
                _ => 19,
            };
            format!("{century}{d}")
        };
        Some(Norm::new(TimexType::Date, value))
    }

    fn century(&self, f: &Found) -> Option<Norm> {
        let n: i32 = match f.get("cent") {
            Some(c) => c.parse().ok()?,
            None => self.word("ordinal", f.get("ordinal")?)?.parse().ok()?,
        };
        (n >= 1).then(|| Norm::new(TimexType::Date, format!("{:02}", n - 1)))
    }

    fn quarter(&self, f: &Found, half: bool) -> Option<Norm> {
        let q: i32 = match f.get("qn") {
            Some(q) => q.parse().ok()?,
            None => self.word("ordinal", f.get("ordinal")?)?.parse().ok()?,
        };
        let letter = if half { 'H' } else { 'Q' };
        let max = if half { 2 } else { 4 };
        let year = match (f.get("year"), f.get("yrel"), self.dct) {
            (Some(y), _, _) => Some(y.to_string()),
            // "this year's third quarter", "last year's fourth quarter".
            (None, Some(r), Some(dct)) => Some(match r.to_lowercase().as_str() {
                "last" => format!("{:04}", dct.year - 1),
                "next" => format!("{:04}", dct.year + 1),
                _ => format!("{:04}", dct.year),
            }),
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

    fn season(&self, f: &Found) -> Option<Norm> {
        let s = self.word("season", f.get("season")?)?;
        if let Some(y) = f.get("year") {
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
            .get("rel")
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

    fn holiday(&self, f: &Found) -> Option<Norm> {
        let rule = self.word("holiday", f.get("holiday")?)?;
        let year: i32 = match (f.get("year"), self.dct) {
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
        if f.get("unit").is_some() {
            n.value = Point::new(day, Gran::Week).format();
        }
        if f.get("year").is_none() {
            n.anchor = Some(None);
        }
        Some(n)
    }

    /// "the day before Christmas", "the day after last Tuesday('s hearing)": one day from the day named, as one
    /// expression (TimeML tags the whole phrase with the computed day).
    fn day_rel(&mut self, f: &Found, kind: TimexType) -> Option<Norm> {
        let inner = if f.get("holiday").is_some() {
            self.holiday(f)?
        } else {
            self.date(f, kind)?
        };
        let sign: i64 = if self.word("adir", f.get("adir")?)?.starts_with('-') {
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

    /// Whether the word just before byte `at` is a future modal ("will", "would", "shall": `futurecue` words).
    fn modal_before(&self, at: usize) -> bool {
        let head = self.text.get(..at).unwrap_or("").trim_end();
        let word = last_word(head);
        !word.is_empty() && self.future_cue(word, [None, None], "")
    }

    fn deictic(&self, f: &Found) -> Option<Norm> {
        let (offset, mut part, anaphoric) = if f.get("lastnight").is_some() {
            (-1, Some("NI"), false)
        } else if let Some(d) = f.get("deictic") {
            let v = self.word("deictic", d)?;
            let (o, p) = v.split_once(':').map_or((v, None), |(o, p)| (o, Some(p)));
            (o.parse::<i64>().ok()?, p, false)
        } else if let Some(r) = f.get("rel").and_then(|r| self.word("rel", r)) {
            // "the next morning": from the last date mentioned.
            (r.parse::<i64>().ok()?, None, true)
        } else {
            // "that morning", "(met) in the morning": the day last named.
            let that = f.caps.get(0).is_some_and(|m| {
                let m = m.as_str().to_lowercase();
                m.starts_with("that") || (f.get("t").is_some() && m.contains("the "))
            });
            (0, None, that)
        };
        if let Some(p) = f.get("part").and_then(|p| self.word("part", p)) {
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

    fn relunit(&self, f: &Found) -> Option<Norm> {
        let (rel, unit) = match (f.get("rel"), f.get("unit")) {
            (Some(r), Some(u)) => (self.word("rel", r)?.parse::<i64>().ok()?, self.word("unit", u)?),
            // "the end of the year", "year-end": the current one.
            (None, Some(u)) => (0, self.word("unit", u)?),
            // "the weekend": the one just past in news.
            _ => (0, "WE"),
        };
        let unit_text = f.get("unit").unwrap_or("").to_lowercase();
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
        if f.get("rel").is_some_and(|r| self.lex.has("anarel", r)) {
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
                && f.get("rel").is_none()
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

    /// The last date mentioned at `gran` or finer (a week counts for a day: "last week ... three days later"),
    /// with its index.
    /// The quarter a results story is about: the first quarter named (not computed from another date); the lead
    /// reports it, later ones are comparisons and outlooks.
    fn topic_quarter(&self) -> Option<(usize, Point)> {
        self.history
            .iter()
            .find(|(_, p, derived)| p.gran == Gran::Quarter && !derived)
            .map(|&(i, p, _)| (i, p))
    }

    /// "the year-ago quarter", "year-earlier profit", "the year-earlier third quarter": the period under discussion
    /// (the quarter last named, else the document's year) a year before.
    fn year_ago(&self, f: &Found, kind: TimexType) -> Option<Norm> {
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
        if let Some(q) = f.get("ordinal").and_then(|o| self.word("ordinal", o)) {
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

    /// The last date mentioned precisely enough for an anaphoric expression of granularity `gran` at `span`.
    ///
    /// A sentence that looks back ("the previous day's attack killed 12") does not count from a date still ahead of
    /// the document ("takes effect on Jan. 1"): that one belongs to another thread of the story.
    fn anaphor_point(&self, gran: Gran, span: Span) -> Option<(usize, Point)> {
        let limit = gran.max(Gran::Week);
        let mut looks_back: Option<bool> = None;
        self.history
            .iter()
            .rev()
            .filter(|(_, p, _)| p.gran <= limit)
            // A look-back passes at most a few dates ahead (a long list of coming dates is no anchor): bounded, so
            // the pass stays linear in the length of the text.
            .take(ANAPHOR_LOOKBACK)
            .find(|(_, p, _)| match self.dct {
                Some(dct) if p.date > dct => !*looks_back.get_or_insert_with(|| {
                    matches!(self.lean(span), Some(Lean::Past | Lean::SurePast | Lean::WeakPast))
                }),
                _ => true,
            })
            .map(|&(i, p, _)| (i, p))
    }

    /// The point anaphoric expressions count from: the last date mentioned precisely enough, else the document date.
    fn anaphor_base(&self, gran: Gran, span: Span) -> Option<(Point, Option<usize>)> {
        match (self.anaphor_point(gran, span), self.dct) {
            (Some((i, p)), _) => Some((p, Some(i))),
            (None, Some(dct)) => Some((Point::new(dct, Gran::Day), None)),
            (None, None) => None,
        }
    }

    fn offset(&self, f: &Found, anaphor: bool) -> Option<Norm> {
        let unit = self.word("unit", f.get("unit")?)?;
        let n = match f.get("num") {
            Some(s) => self.count(s)?,
            None => Some(1.0),
        };
        let (sign, from) = if anaphor && f.get("dir").is_none() && f.get("adir").is_none() {
            (0, "anchor")
        } else {
            let d = match f.get("dir") {
                Some(w) => self.word("dir", w)?,
                None => self.word("adir", f.get("adir")?)?,
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
            .iter()
            .rev()
            .find(|(_, p, derived)| !derived && p.gran != Gran::Year)
            .filter(|(_, p, _)| p.gran == Gran::Quarter)
            .map(|&(i, p, _)| (p, Some(i)));
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

    /// "three hours ago", "12 minutes from now", "In five minutes, ..." (a count under a day from the document's time,
    /// `sign` its direction): see [`Context::clock_point`]. `None` for other units and vague counts.
    fn clock_count(&self, f: &Found, sign: i64) -> Option<Norm> {
        let seconds = subday_seconds(self.word("unit", f.get("unit")?)?)?;
        let n = self.count(f.get("num")?)??;
        if !(n > 0.0 && n <= 1_000_000.0) {
            return None;
        }
        self.clock_point(sign * (n * seconds as f64).round() as i64, seconds == 1)
    }

    /// True when the match opens its sentence (quotes aside): "In five minutes, the polls close" names the moment;
    /// anywhere else "in two hours" stays a length (TimeML: "finished in two hours"; "in 10 days" is as often a span
    /// as a date, so days never count).
    fn opens_sentence(&self, f: &Found) -> bool {
        segment_of(self.segments, f.span).is_some_and(|seg| {
            self.text
                .get(seg.span.start..f.base)
                .is_some_and(|lead| !lead.contains(char::is_alphanumeric))
        })
    }

    /// The point `seconds` away from the document's time: a TIME from its clock when it has one (with seconds when
    /// counted in seconds or when they are not zero), else the day the count lands on, counting whole days from the
    /// document's date (TimeML values "three hours ago" in a dated story as that day).
    fn clock_point(&self, seconds: i64, with_seconds: bool) -> Option<Norm> {
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

    fn duration(&self, f: &Found, vague: bool) -> Option<Norm> {
        let unit_word = f.get("unit")?;
        let unit = self.word("unit", unit_word)?;
        let n: Option<f64> = if vague {
            if !unit_word.to_lowercase().ends_with('s') {
                return None;
            }
            None
        } else {
            let mut n = self.count(f.get("num")?)?;
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

    fn set(&self, f: &Found) -> Option<Norm> {
        let mut n = if let Some(w) = f.get("weekday").and_then(|w| self.word("weekday", w)) {
            Norm::new(TimexType::Set, format!("XXXX-WXX-{w}"))
        } else if let Some(m) = f.get("month").and_then(|w| self.word("month", w)) {
            Norm::new(TimexType::Set, format!("XXXX-{:02}", m.parse::<u32>().ok()?))
        } else if let Some(s) = f.get("season").and_then(|w| self.word("season", w)) {
            Norm::new(TimexType::Set, format!("XXXX-{s}"))
        } else if let Some(v) = f.get("setword").and_then(|w| self.word("setword", w)) {
            Norm::new(TimexType::Set, v.to_string())
        } else {
            let unit = self.word("unit", f.get("unit")?)?;
            let count = match f.get("num") {
                Some(s) => self.count(s)?.unwrap_or(1.0),
                None => 1.0,
            };
            let mut d = self.duration_value(unit, count)?;
            if f.whole().to_lowercase().contains("other") {
                d = self.duration_value(unit, count * 2.0)?;
            }
            Norm::new(TimexType::Set, d)
        };
        n.freq = f.get("freq").and_then(|w| self.word("freq", w)).map(str::to_string);
        Some(n)
    }

    fn duration_value(&self, unit: &str, n: f64) -> Option<String> {
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

    fn time(&mut self, f: &Found) -> Option<Norm> {
        let midnight = f.get("noon").is_some_and(|w| w.eq_ignore_ascii_case("midnight"));
        let (h, m) = if f.get("noon").is_some() {
            (if midnight { 0 } else { 12 }, 0)
        } else {
            let hour = match f.get("hourword") {
                Some(w) => self.word("hourword", w)?.parse().ok()?,
                None => self.num_group(f, "hour")?,
            };
            let mut h = clock_hour(hour, f.get("ampm"))?;
            // "4 in the afternoon": the part of the day says which half.
            let later_half = matches!(
                f.get("part").and_then(|p| self.word("part", p)),
                Some("AF" | "EV" | "NI")
            ) || f
                .get("deictic")
                .and_then(|d| self.word("deictic", d))
                .is_some_and(|v| v.ends_with(":NI") || v.ends_with(":EV") || v.ends_with(":AF"));
            if later_half && h < 12 {
                h += 12;
            }
            (h, self.num_group(f, "minute").unwrap_or(0))
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
        let day = if f.get("month").is_some() {
            // "5 p.m. EST, Nov. 6", "Sept. 5 at 3 pm": the date in the expression.
            let n = self.date(f, TimexType::Date)?;
            let date = n.value.get(..10).unwrap_or(&n.value).to_string();
            Some((date, Vec::new(), n.needs_dct))
        } else if let Some(w) = self.weekday_number(f) {
            let n = self.weekday(w, None, f.span);
            Some((n.value, n.alternatives, n.needs_dct))
        } else if let Some(o) = match f.get("deictic") {
            Some(d) => Some(self.word("deictic", d)?.split(':').next()?.parse::<i64>().ok()?),
            None => f.get("this").map(|_| 0),
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
                let near = |d: Date| self.dct.is_none_or(|dct| (d.to_days() - dct.to_days()).abs() <= 7);
                let story_day = || {
                    self.history
                        .iter()
                        .rev()
                        .find(|(_, p, _)| p.gran == Gran::Day && near(p.date))
                        .map(|(_, p, _)| p.date)
                };
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
        let named_day = f.get("weekday").is_some() || f.get("month").is_some();
        let ahead = || matches!(self.lean(f.span), Some(Lean::Future | Lean::WeakFuture));
        let h = if midnight && m == 0 && (named_day || ahead()) {
            24
        } else {
            h
        };
        let clock = match self.num_group(f, "sec") {
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
        let dir = f.get("pastdir")?.to_lowercase();
        let frac = f.get("frac")?.to_lowercase();
        let minutes = if frac == "half" {
            30
        } else if frac.ends_with("quarter") {
            15
        } else {
            let n = self.count(f.get("num")?)??;
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
    fn time_range(&mut self, f: &Found) -> Option<Norm> {
        let (h1, h2) = (self.num_group(f, "hour")?, self.num_group(f, "hour2")?);
        let (m1, m2) = (
            self.num_group(f, "minute").unwrap_or(0),
            self.num_group(f, "minute2").unwrap_or(0),
        );
        let end = clock_hour(h2, f.get("ampm2"))?;
        let begin = match (f.get("ampm"), f.get("ampm2")) {
            (Some(a), _) => clock_hour(h1, Some(a))?,
            (None, Some(a)) => match clock_hour(h1, Some(a)) {
                Some(b) if b * 60 + m1 <= end * 60 + m2 => b,
                _ => clock_hour(h1, Some("am"))?,
            },
            (None, None) => clock_hour(h1, None)?,
        };
        // "11:30-1:30" without am/pm: the afternoon end.
        let end = if f.get("ampm2").is_none() && end * 60 + m2 <= begin * 60 + m1 && end < 12 {
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

    fn range(&self, f: &Found) -> Option<Norm> {
        let month = |g: &str| -> Option<u32> { self.word("month", f.get(g)?)?.parse().ok() };
        let year = |g: &str| -> Option<i32> { f.get(g)?.parse().ok() };
        let mut n = Norm::new(TimexType::Date, String::new());
        let Some(m1) = month("month") else {
            // "from 2011 to 2016", "2011-2016", "the 2009-10 fiscal year", "from 1975-81".
            let y1 = year("year")?;
            let y2 = match (year("year2"), year("yy")) {
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
        let m2 = month("month2").unwrap_or(m1);
        let days = self.num_group(f, "day").zip(self.num_group(f, "day2"));
        let (d1, d2) = days.unwrap_or((1, 1));
        if m1 == m2 && days.is_some() && d2 <= d1 {
            return None;
        }
        // The range runs into the next year ("Nov. 1 - March 31", "between December and February").
        let wrap = i32::from((m2, d2) < (m1, d1));
        // A year after days closes the range ("Nov. 1 - March 31, 2002" begins in 2001; "from December to May 2022"
        // too); after the first month it is that month's ("from May 2015 to June 2016").
        let (first, last) = if days.is_some() {
            (None, year("year"))
        } else {
            (year("year"), year("year2"))
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

/// The segment holding `span` (segments are in text order: a binary search, so huge inputs stay linear overall).
pub fn segment_of(segments: &[Segment], span: Span) -> Option<&Segment> {
    let i = segments.partition_point(|s| s.span.end <= span.start);
    segments.get(i).filter(|s| s.span.contains(&span))
}

/// The last run of letters and digits of `s` (empty when `s` ends in anything else).
fn last_word(s: &str) -> &str {
    s.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
}

/// The words of `s` (letters, digits and apostrophes) with their byte offsets in it.
pub(crate) fn word_offsets(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_inclusive(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .scan(0, |pos, piece| {
            let start = *pos;
            *pos += piece.len();
            let word = piece.trim_end_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'));
            Some((start, word))
        })
        .filter(|(_, w)| !w.is_empty())
}

/// Seconds in one of a unit shorter than a day (`H`, `MIN`, `S`).
fn subday_seconds(unit: &str) -> Option<i64> {
    match unit {
        "H" => Some(3600),
        "MIN" => Some(60),
        "S" => Some(1),
        _ => None,
    }
}

/// 24-hour clock hour from an hour and an optional am/pm; `None` when impossible.
fn clock_hour(h: u32, ampm: Option<&str>) -> Option<u32> {
    match ampm.map(|a| a.to_lowercase().starts_with('p')) {
        None if h <= 23 => Some(h),
        Some(_) if h == 0 || h > 12 => None,
        Some(true) => Some(if h == 12 { 12 } else { h + 12 }),
        Some(false) => Some(if h == 12 { 0 } else { h }),
        None => None,
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
        ["orthodoxeaster", o] => Some(super::value::orthodox_easter(year)?.add_days(o.parse().ok()?)),
        // "Boss's Day": 16 October, or the nearest weekday when it falls on a weekend.
        ["nearweekday", md] => {
            let d = holiday_date(md, year)?;
            Some(match d.weekday() {
                6 => d.add_days(-1),
                7 => d.add_days(1),
                _ => d,
            })
        }
        ["hebrew", m, d] => super::calendars::hebrew_day(year, m.parse().ok()?, d.parse().ok()?),
        ["hijri", m, d] => super::calendars::hijri_day(year, m.parse().ok()?, d.parse().ok()?),
        ["lunarnewyear"] => super::calendars::lunar_new_year(year),
        [md] => {
            let (m, d) = md.split_once('-')?;
            Date::new(year, m.parse().ok()?, d.parse().ok()?)
        }
        _ => None,
    }
}
