//! Which way a sentence points (past or future) around an expression, and the year a month falls in by it.

use super::Context;
use crate::calendar::Date;
use crate::dates::lexicon::{Lexicon, Word};
use crate::dates::words::{ahead, behind, last_word, segment_of, word_offsets, LOOK_BYTES};
use crate::model::Span;
use crate::segment::Segment;

/// Which way a bare weekday or month points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Lean {
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
    /// Past or future reading of the sentence around `span`; `None` without evidence.
    ///
    /// A possessive ("Monday's blasts") reads past; then the nearest cue word (or two-word cue) of the tables within
    /// a clause-sized window of the same sentence (cues after the expression count double: the governing verb usually
    /// comes first); then a verb in "-ed" just before the expression.
    ///
    /// O(1) per call: every text read is bounded (`words::behind`/`ahead`, a window of 90 bytes before and 45 after,
    /// the count of words opening the sentence stopping at three within [`LOOK_BYTES`]), never a scan from the
    /// sentence start, so a sentence of any length costs the same per expression.
    pub(super) fn lean(&self, span: Span) -> Option<Lean> {
        if let Some(lean) = self.lean_after(span) {
            return Some(lean);
        }
        // "since October": the preposition itself says the date has passed.
        let head = behind(self.text, span.start).trim_end();
        let prep = last_word(head);
        if self.cue("pastprep", prep) {
            return Some(Lean::SurePast);
        }
        let seg = segment_of(self.segments, span)?;
        // "On Thursday, the governor said ...": a date fronted in its sentence belongs to the main verb after it, so
        // a reporting verb there counts (elsewhere "..., officials said" only tells when it was reported).
        let words_before = self.words_opening(seg, span.start);
        let fronted = words_before <= 1;
        let words = self.window_words(span, seg);
        if let Some(lean) = self.nearest_cue(&words, span, seg, fronted) {
            return Some(lean);
        }
        self.lean_of_verbs(&words, span, (head, prep), words_before, fronted)
    }

    /// How many words stand between the start of sentence `seg` and byte `at`, counted up to three (the callers ask
    /// whether there are at most one or two); three when the stretch is longer than [`LOOK_BYTES`] (two words of over
    /// a hundred bytes each open no real sentence). O(1).
    fn words_opening(&self, seg: &Segment, at: usize) -> usize {
        match self.text.get(seg.span.start..at) {
            Some(head) if head.len() > LOOK_BYTES => 3,
            Some(head) => head.split_whitespace().take(3).count(),
            None => 0,
        }
    }

    /// The sentence `seg` up to byte `at`, for the headline subject of [`Context::future_cue`]: empty (no subject)
    /// when longer than [`LOOK_BYTES`], as no headline's subject is; O(1).
    fn sentence_head(&self, seg: &Segment, at: usize) -> &str {
        match self.text.get(seg.span.start..at) {
            Some(head) if head.len() <= LOOK_BYTES => head,
            _ => "",
        }
    }

    /// The lean told right after the expression: a possessive ("Monday's blasts"), a direction written after the date
    /// ("on April 7 last"), a noun naming something that has happened ("the May 28 incident").
    fn lean_after(&self, span: Span) -> Option<Lean> {
        let after = ahead(self.text, span.end);
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
        None
    }

    /// The words of the window around `span` in its sentence `seg`, with their offsets (see [`Context::lean`]).
    fn window_words(&self, span: Span, seg: &Segment) -> Vec<(usize, &str)> {
        const WINDOW: usize = 90;
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
        words
    }

    /// The lean of the nearest tense cue among `words` (the window around `span` in sentence `seg`; `fronted` when the
    /// expression opens it), cues after the expression counting double.
    fn nearest_cue(&self, words: &[(usize, &str)], span: Span, seg: &Segment, fronted: bool) -> Option<Lean> {
        let mut best: Option<(usize, Lean)> = None;
        let mut pair = String::new();
        for (k, &(i, w)) in words.iter().enumerate() {
            // Each word and pair is looked up once, for all the classes asked below; the pair only after a word that
            // begins an entry of several words.
            let of_word = self.lex.entries(w);
            let of_pair = match words.get(k + 1) {
                Some((_, n)) if Lexicon::begins_entry(of_word) => {
                    pair.clear();
                    pair.push_str(w);
                    pair.push(' ');
                    pair.push_str(n);
                    self.lex.entries(&pair)
                }
                _ => &[],
            };
            let in_pair = |class: &str| Lexicon::in_class(of_pair, class);
            // The one or two words before this one: "had been scheduled", "will be held".
            let prev = |n: usize| k.checked_sub(n).and_then(|j| words.get(j)).map(|&(_, p)| p);
            let next = [k + 1, k + 2].map(|j| words.get(j).map(|&(_, n)| n));
            let head_of_sentence = self.sentence_head(seg, i);
            let lean = if self.future_cue_of(of_word, w, next, head_of_sentence) || in_pair("futurecue").is_some() {
                // A plan told in the pluperfect or as superseded ("had been scheduled to expire Friday",
                // "as previously planned"), or in the simple past ("was scheduled for Sept. 26", `simplepast`; not
                // a progressive, "were planning to drive ... on Monday", which tells a plan still ahead): the past
                // reading is weighed in, though a date near ahead may still win.
                let framed = |p: &str| match self.lex.value("pastframe", p) {
                    Some("simplepast") => !self.lex.ends_with_class("progressivesuffix", w),
                    Some(_) => true,
                    None => false,
                };
                if [prev(1), prev(2)].into_iter().flatten().any(framed) {
                    Lean::Past
                } else {
                    Lean::Future
                }
            } else if past_cue(of_word, i >= span.end && !fronted) || past_cue(of_pair, i >= span.end && !fronted) {
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
        best.map(|(_, lean)| lean)
    }

    /// Without a cue: a verb in "-ed" near the expression reads past, a deadline preposition (`prep`, the last word of
    /// `head`, the text before the expression) weakly future.
    fn lean_of_verbs(
        &self,
        words: &[(usize, &str)],
        span: Span,
        (head, prep): (&str, &str),
        words_before: usize,
        fronted: bool,
    ) -> Option<Lean> {
        // A verb in "-ed" among the words before ("who stepped down as chairman and chief executive in March"):
        // capitalised words are names ("United"), and a participle after "be"/"been" has no tense.
        let is_ed = |k: usize| {
            words.get(k).is_some_and(|&(_, w)| {
                w.len() > 4
                    && self.lex.ends_with_class("pastsuffix", w)
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
            w.len() > 4
                && (k == 0 || !w.starts_with(char::is_uppercase))
                && self.lex.ends_with_class("pastsuffix", &w.to_ascii_lowercase())
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

    /// True when `w` is a word of class `class` of the tables.
    pub(super) fn cue(&self, class: &str, w: &str) -> bool {
        self.lex.has(class, w)
    }

    /// A future cue given the two words after it and the sentence before it: a modal of possibility (`modal`) only
    /// in lower case and not before a perfect ("may have voted"; "may have to wait" still looks ahead); a headline
    /// infinitive (`headline`: "Real Betis, Porto to meet at Wembley in July") only after a subject of capitalised words
    /// and before a lower-case verb.
    pub(super) fn future_cue(&self, w: &str, next: [Option<&str>; 2], head_of_sentence: &str) -> bool {
        self.future_cue_of(self.lex.entries(w), w, next, head_of_sentence)
    }

    /// [`Context::future_cue`] given the word's entries ([`Lexicon::entries`]).
    fn future_cue_of(
        &self,
        entries: &[(&'static str, Word)],
        w: &str,
        next: [Option<&str>; 2],
        head_of_sentence: &str,
    ) -> bool {
        match Lexicon::in_class(entries, "futurecue").map(|e| e.value) {
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

    /// Whether the word just before byte `at` is a future modal ("will", "would", "shall": `futurecue` words).
    pub(super) fn modal_before(&self, at: usize) -> bool {
        let head = behind(self.text, at).trim_end();
        let word = last_word(head);
        !word.is_empty() && self.future_cue(word, [None, None], "")
    }

    /// The year of month `m` (day `d`, when known) for a document dated `dct`.
    ///
    /// The last occurrence and the next one compete on their distance to the document date, the past one weighted
    /// (news reports what happened): the next one wins only when much nearer; a tense cue shifts the weighing
    /// strongly but never absolutely ("said it would meet on Nov. 6" in late October is this November).
    pub(super) fn infer_year(&self, dct: Date, m: u32, d: Option<u32>, lean: Option<Lean>) -> i32 {
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
}

/// Whether a word with these entries ([`Lexicon::entries`]) is a past cue at this side of the expression (reporting
/// verbs count only before it).
fn past_cue(entries: &[(&'static str, Word)], after: bool) -> bool {
    match Lexicon::in_class(entries, "pastcue").map(|e| e.value) {
        Some("before") => !after,
        Some(_) => true,
        None => false,
    }
}
