//! Finding time expressions: every rule of the tables over the text, context guards, longest match wins.
//!
//! Linear in the text: the candidates are the starts of the combined pattern, each tried on at most
//! `MAX_EXPRESSION_BYTES` of text; the context guards read words within a bounded window (`words::behind`,
//! `words::ahead`) and the title-case test of a line reads an index of the lines built once, each line's words
//! counted at most once.

use super::found::{group, Found};
use super::lexicon::{Combined, Lexicon, Plan};
use super::rule_fn::RuleFn;
use super::words::{ahead, behind, next_char, possessive_before, prev_char, word_after, word_before, word_offsets};
use crate::dates::lexicon::{gid, GroupId};
use crate::model::Span;
use regex::Captures;
use std::cell::OnceCell;

/// Longest stretch of text one expression may cover, in bytes.
const MAX_EXPRESSION_BYTES: usize = 160;

/// All time expressions of `text`, without overlaps, in text order.
///
/// One pass of the combined pattern finds where an expression may start; there, the anchored rule set says which
/// rules match, and only those are run for their groups. Until the combined searches are compiled, a short text
/// goes rule by rule instead, with only the rules whose literals it holds ([`Lexicon::plan`]): the same
/// candidates, without compiling the 130 ms of combined patterns for a one-line text. O(n) in the length of the
/// text: a bounded haystack per candidate and O(1) context tests (see the module doc).
pub fn recognize<'t>(lex: &'t Lexicon, text: &'t str) -> Vec<Found<'t>> {
    let lines = Lines::new(text);
    let found = match lex.plan(text) {
        Plan::RuleByRule(active) => {
            rule_by_rule(lex, text, &lines, &active).unwrap_or_else(|| combined(lex, lex.combined(), text, &lines))
        }
        Plan::Combined(c) => combined(lex, c, text, &lines),
    };
    keep_longest(found)
}

/// The candidates of [`recognize`] found with the combined searches: the combined pattern gives each start, the
/// anchored set the rules that match there.
fn combined<'t>(lex: &'t Lexicon, c: &'t Combined, text: &'t str, lines: &Lines<'t>) -> Vec<Found<'t>> {
    let mut found = Vec::new();
    let mut pos = 0;
    // The rules matching at one start, kept from one start to the next.
    let mut matching: Vec<(usize, usize)> = Vec::new();
    while let Some(m) = c.any.find_at(text, pos) {
        let base = m.start();
        let hay = haystack(text, base);
        // Lengths first (DFA only, cheap); groups only for the longest match that passes the guards.
        matching.clear();
        matching.extend(
            c.set
                .matches(hay)
                .iter()
                .filter_map(|i| lex.rules[i].regex.find(hay).map(|m| (i, m.end()))),
        );
        found.extend(at(lex, text, lines, base, hay, &mut matching));
        pos = base + hay.chars().next().map_or(1, char::len_utf8);
    }
    found
}

/// The candidates of [`recognize`] found rule by rule: at every ASCII word boundary (where the combined pattern
/// may start), each rule of `active` anchored there. The same candidates as [`combined`], compiling only the
/// rules tried; `None` in the one case that could differ, a match that reaches the end of a cut haystack (the
/// combined pattern, run on the whole text, might not match there), and the caller then uses [`combined`]. O(n·r)
/// for r rules, which [`Lexicon::plan`] bounds.
fn rule_by_rule<'t>(lex: &'t Lexicon, text: &'t str, lines: &Lines<'t>, active: &[usize]) -> Option<Vec<Found<'t>>> {
    let mut found = Vec::new();
    let mut matching = Vec::new();
    let bytes = text.as_bytes();
    let word = |i: usize| bytes.get(i).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    for base in 0..=text.len() {
        let boundary = (base > 0 && word(base - 1)) != word(base);
        if !boundary {
            continue;
        }
        let hay = haystack(text, base);
        let cut = base + hay.len() < text.len();
        matching.clear();
        for &i in active {
            if let Some(m) = lex.rules[i].regex.find(hay) {
                if cut && m.end() == hay.len() {
                    return None;
                }
                matching.push((i, m.end()));
            }
        }
        found.extend(at(lex, text, lines, base, hay, &mut matching));
    }
    Some(found)
}

/// The text from `base`, at most [`MAX_EXPRESSION_BYTES`] long: no expression is longer, and a short haystack lets
/// the engines stop early.
fn haystack(text: &str, base: usize) -> &str {
    crate::offsets::prefix_within(&text[base..], MAX_EXPRESSION_BYTES)
}

/// The expression starting at `base`, if any: of the rules `matching` there (rule, end of its match in `hay`), the
/// longest whose match passes the context guards.
fn at<'t>(
    lex: &'t Lexicon,
    text: &'t str,
    lines: &Lines<'t>,
    base: usize,
    hay: &'t str,
    matching: &mut [(usize, usize)],
) -> Option<Found<'t>> {
    {
        matching.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        for &mut (i, _) in matching {
            let rule = &lex.rules[i];
            let slots = rule.slots.as_slice();
            let Some(caps) = rule.regex.captures(hay) else {
                continue;
            };
            let Some(whole) = caps.get(0) else { continue };
            let part = group(&caps, slots, gid!("t")).unwrap_or(whole);
            let mut span = Span::new(base + part.start(), base + part.end());
            // "over the past ten years": "over" is a preposition there, not a hedge.
            if let Some(d) = group(&caps, slots, gid!("dmod")) {
                let after = &hay[d.end()..part.end()];
                let lead = after.len() - after.trim_start().len();
                if after.trim_start().to_lowercase().starts_with("the ") {
                    span.start = base + d.end() + lead;
                }
            }
            // "the 90-minute meeting": an adjectival duration does not take the article of its noun.
            if rule.function == RuleFn::Duration {
                let covered = &text[span.start..span.end];
                if let Some(rest) = covered.strip_prefix("the ").or_else(|| covered.strip_prefix("The ")) {
                    if !rest.contains(char::is_whitespace) {
                        span.start = span.end - rest.len();
                    }
                }
            }
            if span.is_empty() || !accept(lex, text, lines, &caps, slots, base, base + whole.end()) {
                continue;
            }
            // "in '94": a clipped year takes its apostrophe.
            if group(&caps, slots, gid!("yy")).is_some_and(|yy| yy.len() == whole.len()) {
                if let Some(head) = text[..span.start].strip_suffix(['\'', '’']) {
                    span.start = head.len();
                }
            }
            return Some(Found {
                rule: i,
                span,
                caps,
                base,
                slots,
            });
        }
    }
    None
}

/// The candidates without overlaps: longest first at each start, then table order; what overlaps a kept one goes.
fn keep_longest<'t>(mut found: Vec<Found<'t>>) -> Vec<Found<'t>> {
    found.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.len().cmp(&a.span.len()))
            .then(a.rule.cmp(&b.rule))
    });
    let mut kept: Vec<Found<'t>> = Vec::new();
    for f in found {
        // Sorted by start: only the previously kept match can overlap, unless a longer later one should win.
        if let Some(last) = kept.last() {
            if last.span.overlaps(&f.span) {
                if f.span.len() > last.span.len() {
                    kept.pop();
                    // The earlier, shorter match may itself have displaced nothing; re-check the new last.
                    if kept.last().is_some_and(|l| l.span.overlaps(&f.span)) {
                        continue;
                    }
                } else {
                    continue;
                }
            }
        }
        kept.push(f);
    }
    kept
}

/// The lines of a text (split at `\n`) and, once asked, the count of their words and of the capitalised ones: the
/// title-case test of [`capitalised_name`] reads each line's counts once instead of rescanning the line for every
/// match in it.
struct Lines<'t> {
    text: &'t str,
    /// Byte offsets of the `\n` characters, in order.
    breaks: Vec<usize>,
    /// Per line: its words that start with a letter, and how many of those start with a capital.
    counts: Vec<OnceCell<(usize, usize)>>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Self {
        let breaks: Vec<usize> = text
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i)
            .collect();
        let counts = vec![OnceCell::new(); breaks.len() + 1];
        Lines { text, breaks, counts }
    }

    /// Words starting with a letter, and capitalised ones, on the lines from the one holding `start` to the one
    /// holding `end` (what splitting the text from the `\n` before `start` to the `\n` after `end` would count).
    fn words_and_capitals(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.breaks.partition_point(|&b| b < start);
        let last = self.breaks.partition_point(|&b| b < end);
        (first..=last).fold((0, 0), |(w, c), k| {
            let (lw, lc) = *self.counts[k].get_or_init(|| {
                let from = if k == 0 { 0 } else { self.breaks[k - 1] + 1 };
                let to = self.breaks.get(k).copied().unwrap_or(self.text.len());
                let (mut words, mut capitals) = (0, 0);
                for w in self.text[from..to].split_whitespace() {
                    if w.starts_with(char::is_alphabetic) {
                        words += 1;
                        capitals += usize::from(w.starts_with(char::is_uppercase));
                    }
                }
                (words, capitals)
            });
            (w + lw, c + lc)
        })
    }
}

/// True when a word of the match that English writes in lower case is capitalised inside a sentence of running
/// text: "Citizen of the Year", "the New York Daily News", "DuPage in 60 Seconds" name something. A sentence's first
/// word and title-case lines (headlines, where every word is capitalised) prove nothing. O(1) amortised: the line's
/// counts come from `lines`.
fn capitalised_name(lex: &Lexicon, text: &str, lines: &Lines, start: usize, end: usize) -> bool {
    let Some((at, _)) =
        word_offsets(&text[start..end]).find(|(_, w)| w.starts_with(char::is_uppercase) && lex.has("lowerword", w))
    else {
        return false;
    };
    // The word opens its sentence, or only a count stands before it there ("5 Days from now, ..."). A quotation
    // opens a sentence (the wire services write `` for its mark, and "(AP) _" for a dash).
    let count_first = text[start..start + at].trim().bytes().all(|b| b.is_ascii_digit());
    let before = behind(text, if count_first { start } else { start + at }).trim_end_matches([' ', '\t']);
    let opens = [
        '.', '!', '?', ':', ';', '\n', '\r', '—', '–', '-', '_', '"', '\'', '`', '“', '‘', '(', '[',
    ];
    if before.is_empty() || before.ends_with(opens) {
        return false;
    }
    let (words, capitals) = lines.words_and_capitals(start, end);
    capitals * 2 < words
}

/// Context checks that the patterns cannot express.
fn accept(
    lex: &Lexicon,
    text: &str,
    lines: &Lines,
    caps: &Captures,
    slots: &[Option<usize>],
    start: usize,
    end: usize,
) -> bool {
    let m = &text[start..end];
    if crosses_paragraph_break(m) {
        return false;
    }
    // The match must not run into a word or number ("Janet", "2016x").
    if next_char(text, end).is_some_and(char::is_alphanumeric)
        || prev_char(text, start).is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    let get = |g: GroupId| group(caps, slots, g);
    let has = |g: GroupId| get(g).is_some();
    // Two digits alone are a clipped year only after an apostrophe and a word like "in" ("in '94"; "wore '94" is a
    // number).
    if get(gid!("yy")).is_some_and(|yy| yy.len() == m.len()) {
        let apostrophe = text[..start].strip_suffix(['\'', '’']);
        if !apostrophe.is_some_and(|head| lex.has("yearprep", word_before(head, head.len()))) {
            return false;
        }
    }
    if m.starts_with(|c: char| c.is_ascii_digit()) && !numeric_context_ok(lex, text, start, end) {
        return false;
    }
    // "May first-half sales", "in March second quarter": an ordinal of something else, not a day.
    if has(gid!("dayword")) && !has(gid!("year")) {
        let next = word_after(text, end);
        if next_char(text, end) == Some('-') || lex.has("unit", next) || next.eq_ignore_ascii_case("half") {
            return false;
        }
    }
    // Words that are dates only in context ("May", "Sat.").
    let concrete = has(gid!("day"))
        || has(gid!("dayword"))
        || has(gid!("year"))
        || has(gid!("rel"))
        || has(gid!("mod"))
        || has(gid!("part"))
        || has(gid!("hour"));
    for (class, id) in [
        ("month", gid!("month")),
        ("weekday", gid!("weekday")),
        ("month2", gid!("month2")),
    ] {
        let Some(w) = get(id) else { continue };
        let Some(word) = lex.word(class.trim_end_matches('2'), w.as_str()) else {
            continue;
        };
        // A possessive before names the month of something ("the city's March check"), as a preposition does.
        let at = start + w.start();
        if word.ambiguous && !concrete && !lex.has("monthprep", word_before(text, at)) && !possessive_before(text, at) {
            return false;
        }
        if word.dated && !(has(gid!("day")) || has(gid!("dayword")) || has(gid!("year"))) {
            return false;
        }
        // "Jan Kavan", "Dec Johnson": a short month name before a capitalised word, with no day or year, is a
        // first name.
        if word.ambiguous
            && !concrete
            && !w.as_str().ends_with('.')
            && word_after(text, end).starts_with(|c: char| c.is_uppercase())
        {
            return false;
        }
        // "Sunday Times", "Bloody Sunday" style names.
        if !has(gid!("day")) && !has(gid!("year")) && lex.has("namefollow", word_after(text, end)) {
            return false;
        }
    }
    // "from August to May 1, 2010": the second month has a day of its own, so the range of months ends too soon;
    // "August" and "May 1, 2010" are found apart.
    if has(gid!("month2"))
        && !has(gid!("day"))
        && !has(gid!("day2"))
        && !has(gid!("year2"))
        && word_after(text, end).starts_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    if has(gid!("holiday")) && !has(gid!("year")) && lex.has("namefollow", word_after(text, end)) {
        return false;
    }
    if !has(gid!("holiday")) && capitalised_name(lex, text, lines, start, end) {
        return false;
    }
    words_around_ok(lex, text, caps, slots, start, end) && counts_ok(lex, text, caps, slots, start, end)
}

/// True when `m` holds a blank line (a line break, then only spaces, tabs or a carriage return before the next
/// one): an expression does not run on from one paragraph into the next ("Sep" closing one and "2011" opening the
/// next are two things), whether the lines end in LF or CRLF. O(len of `m`).
fn crosses_paragraph_break(m: &str) -> bool {
    // The pieces between two line breaks are the match's inner lines.
    let mut inner = m.split('\n').skip(1).peekable();
    while let Some(line) = inner.next() {
        if inner.peek().is_some() && line.bytes().all(|b| matches!(b, b' ' | b'\t' | b'\r')) {
            return true;
        }
    }
    false
}

/// Context checks on the words around a match that make it something else: a clause, a verb, a name, a final day.
fn words_around_ok(
    lex: &Lexicon,
    text: &str,
    caps: &Captures,
    slots: &[Option<usize>],
    start: usize,
    end: usize,
) -> bool {
    let m = &text[start..end];
    let get = |g: GroupId| group(caps, slots, g);
    let has = |g: GroupId| get(g).is_some();
    // "later in the day before heading back": "before" opens a clause of its own, the day is no day before.
    if has(gid!("adir")) && !(has(gid!("weekday")) || has(gid!("holiday")) || has(gid!("month"))) {
        let next = word_after(text, end);
        if next.len() > 4
            && lex.ends_with_class("progressivesuffix", next)
            && next.starts_with(|c: char| c.is_ascii_lowercase())
        {
            return false;
        }
    }
    // "Sunday, a day after the raid": a count before "after"/"before" is a date only in apposition, after a comma or
    // a dash (the date itself is checked when the value is read).
    let counted_from_event =
        has(gid!("unit")) && !has(gid!("dir")) && !has(gid!("adir")) && (m.ends_with("after") || m.ends_with("before"));
    if counted_from_event && !behind(text, start).trim_end().ends_with([',', '—', '–']) {
        return false;
    }
    // "could last a decade", "may last a week": "last" is the verb after a modal or "to", not "the last".
    if m.get(..5).is_some_and(|h| h.eq_ignore_ascii_case("last "))
        && lex.has("participlebefore", word_before(text, start))
    {
        return false;
    }
    // "spring and summer": a season after "and"/"or" only when a season comes before ("rose and fall" is a verb).
    let coordinated = ["and", "or"].iter().any(|c| {
        m.strip_prefix(c)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    });
    if has(gid!("season")) && coordinated && !lex.has("season", word_before(text, start)) {
        return false;
    }
    // "the Summer Reading Club", "the Winter Olympics": a capitalised season before a capitalised word names
    // something.
    if let Some(season) = get(gid!("season")) {
        let capital = season.as_str().starts_with(char::is_uppercase);
        if capital && !has(gid!("year")) && word_after(text, end).starts_with(char::is_uppercase) {
            return false;
        }
    }
    // "her last day in the post", "on the last day of talks": a final day, not yesterday.
    if get(gid!("rel")).is_some_and(|r| r.as_str().eq_ignore_ascii_case("last"))
        && get(gid!("unit")).is_some_and(|u| u.as_str().to_ascii_lowercase().starts_with("day"))
    {
        return false;
    }
    // "he said following Saturday's event": without "the", "following" is a preposition, not "the following
    // Saturday"; the weekday is then found on its own.
    if let Some(r) = get(gid!("rel")) {
        let bare = r.start() == 0 && !word_before(text, start).eq_ignore_ascii_case("the");
        let named_day = has(gid!("weekday")) || has(gid!("month"));
        if bare && named_day && lex.has("anarel", r.as_str()) {
            return false;
        }
    }
    // "the Garnett Ridge Boys & Girls Club Spring Festival": a holiday name that local events also bear is that
    // event's name after a capitalised word.
    if let Some(h) = get(gid!("holiday")) {
        let before = word_before(text, start + h.start());
        if lex.word("holiday", h.as_str()).is_some_and(|w| w.ambiguous) && before.starts_with(char::is_uppercase) {
            return false;
        }
    }
    true
}

/// Context checks that make a match a count, a rate, an age or a part rather than a time expression.
fn counts_ok(lex: &Lexicon, text: &str, caps: &Captures, slots: &[Option<usize>], start: usize, end: usize) -> bool {
    let m = &text[start..end];
    let get = |g: GroupId| group(caps, slots, g);
    let has = |g: GroupId| get(g).is_some();
    // A bare year followed by a counted noun is a count ("2016 people").
    let bare_year = has(gid!("year")) && !has(gid!("month")) && !has(gid!("mod")) && !has(gid!("day")) && m.len() == 4;
    if bare_year {
        let year: i32 = m.parse().unwrap_or(0);
        if !(1600..=2099).contains(&year) || lex.has("countnoun", word_after(text, end)) {
            return false;
        }
    }
    // "$500 million a year", "358,000 a month", "to rise 8.5% annually": a rate, which the TimeML corpora leave
    // untagged.
    // "35 miles per hour", "$130,000 per year" too.
    let per_unit = has(gid!("unit"))
        && !has(gid!("dir"))
        && (get(gid!("num")).is_some_and(|n| n.as_str().eq_ignore_ascii_case("a"))
            || m.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("per ")));
    if per_unit || has(gid!("setword")) {
        let prev = word_before(text, start);
        // "3,000 jobs a month": the amount may stand one noun before.
        let amount = |w: &str| w.ends_with(|c: char| c.is_ascii_digit() || c == '%');
        // "8.5% annually": the word before ends in a sign, so the last two whitespace tokens are checked too.
        let mut tokens = behind(text, start).split_whitespace().rev();
        let (last, second) = (tokens.next().unwrap_or(""), tokens.next().unwrap_or(""));
        if amount(prev) || lex.has("rateword", prev) || amount(last) || amount(second) {
            return false;
        }
    }
    // "Howes, 37 years old": an age, which the TimeML corpora leave untagged.
    if has(gid!("unit")) && !has(gid!("dir")) && lex.has("agefollow", word_after(text, end)) {
        return false;
    }
    // "a 44-year-old man" is an age, not a time expression; "a five-year-old war" is a duration.
    if m.ends_with("-old") && !lex.has("oldthing", word_after(text, end)) {
        return false;
    }
    // "the quarter of the city", "a quarter past three": a part, not a period.
    let next = word_after(text, end);
    // "a loss for the third quarter of $226.3 million" is still the period: an amount follows.
    let amount_after = Some(ahead(text, end))
        .and_then(|t| t.trim_start().get(next.len()..))
        .is_some_and(|t| t.trim_start().starts_with(|c: char| c == '$' || c.is_ascii_digit()));
    let part_word = (next.eq_ignore_ascii_case("of") && !amount_after) || next.eq_ignore_ascii_case("past");
    // ASCII case is enough: no other letter lower-cases to one of "quarter".
    let quarter = m.len() >= 7 && m.as_bytes()[m.len() - 7..].eq_ignore_ascii_case(b"quarter");
    if quarter && (part_word || lex.has("measure", next)) {
        return false;
    }
    // "a second term" is not a duration.
    if group(caps, slots, gid!("unit")).is_some_and(|u| u.as_str().eq_ignore_ascii_case("second"))
        && group(caps, slots, gid!("num")).is_some_and(|n| lex.has("article", n.as_str()))
    {
        return false;
    }
    true
}

/// Numbers glued to other numbers, amounts, ratios or page references are not dates.
fn numeric_context_ok(lex: &Lexicon, text: &str, start: usize, end: usize) -> bool {
    let mut back = behind(text, start).chars().rev();
    match (back.next(), back.next()) {
        (Some(c), Some(d)) if matches!(c, ',' | '.' | ':' | '/' | '-') && d.is_ascii_digit() => return false,
        (Some('$' | '€' | '£' | '#' | '+'), _) => return false,
        _ => {}
    }
    let mut fwd = ahead(text, end).chars();
    match (fwd.next(), fwd.next()) {
        (Some('%'), _) => return false,
        (Some(c), Some(d)) if matches!(c, ',' | '.' | ':' | '/' | '-') && d.is_ascii_digit() => return false,
        _ => {}
    }
    let prev = word_before(text, start);
    !(lex.has("numprefix", prev) || lex.has("numprefix", prev.trim_end_matches('.')))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The candidates of a text as (rule, start, end, base), found rule by rule with `active` or combined.
    fn candidates(lex: &Lexicon, text: &str, active: Option<&[usize]>) -> Vec<(usize, usize, usize, usize)> {
        let lines = Lines::new(text);
        let found = match active {
            Some(active) => rule_by_rule(lex, text, &lines, active).expect("no match reaches a cut haystack"),
            None => combined(lex, lex.combined(), text, &lines),
        };
        keep_longest(found)
            .iter()
            .map(|f| (f.rule, f.span.start, f.span.end, f.base))
            .collect()
    }

    /// Rule by rule, with every rule or only those whose literals the text holds, finds what the combined searches
    /// find: on the sample article's lines, on lines of the dev corpora when present, and on traps of the prefilter
    /// (case, a KELVIN SIGN that folds onto `k`, holidays of several words).
    #[test]
    fn rule_by_rule_finds_what_the_combined_searches_find() {
        let lex = crate::lang::Language::english().dates();
        let mut texts: Vec<String> = include_str!("../app/sample_article.txt")
            .lines()
            .map(String::from)
            .collect();
        texts.extend(
            [
                "Homs was shelled on Sunday.",
                "ON SUNDAY, 5 SEPT 2016 AT 10:30 A.M.",
                "Talks resumed on Palm Sunday and again three wee\u{212A}s later.",
                "In '94 the 1990s ended; Q3 2016 and the fourth quarter of last year, twice a week, at noon.",
                "the day after Christmas, 10-12 March, from 2014 to 2016, 14:30 GMT on Monday",
                "",
                "5",
            ]
            .map(String::from),
        );
        for text in crate::test_corpus::texts("timeml", 20) {
            texts.extend(text.lines().filter(|l| !l.trim().is_empty()).take(40).map(String::from));
        }
        let every: Vec<usize> = (0..lex.rules.len()).collect();
        for text in &texts {
            let expected = candidates(lex, text, None);
            assert_eq!(candidates(lex, text, Some(&every)), expected, "every rule: {text}");
            let presence = lex.literals().presence(text);
            let active: Vec<usize> = every
                .iter()
                .copied()
                .filter(|&i| presence.satisfies(&lex.rules[i].need))
                .collect();
            assert_eq!(
                candidates(lex, text, Some(&active)),
                expected,
                "rules whose literals it holds: {text}"
            );
        }
    }

    #[test]
    fn a_match_that_reaches_a_cut_haystack_goes_back_to_the_combined_searches() {
        let lex = crate::lang::Language::english().dates();
        // "1…1 days" ends exactly where the haystack from its start is cut: whether the combined pattern matches
        // there depends on the text after the cut, so the rule-by-rule pass gives up.
        let text = format!("{} days later", "1".repeat(MAX_EXPRESSION_BYTES - " days".len()));
        let lines = Lines::new(&text);
        let every: Vec<usize> = (0..lex.rules.len()).collect();
        assert!(rule_by_rule(lex, &text, &lines, &every).is_none());
        // A shorter count is decided within its haystack.
        let short = format!("{} days later", "1".repeat(20));
        assert_eq!(candidates(lex, &short, Some(&every)), candidates(lex, &short, None));
    }

    fn spans(text: &str) -> Vec<&str> {
        recognize(crate::lang::Language::english().dates(), text)
            .iter()
            .map(|f| f.span.slice(text))
            .collect()
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            spans("They met on Monday, Oct. 3, 2011 in Rome."),
            vec!["Monday, Oct. 3, 2011"]
        );
        assert_eq!(spans("Talks began in early March 2011."), vec!["early March 2011"]);
    }

    #[test]
    fn traps_are_refused() {
        assert!(spans("You may go. March on, she said. May I?").is_empty());
        assert!(spans("The Sunday Times reported 1,000 deaths and 2016 people fled.").is_empty());
        assert!(spans("See page 1998 and call 555-2016.").is_empty());
    }

    #[test]
    fn an_expression_does_not_run_across_a_blank_line() {
        // "Sep" ends one paragraph and the ISO date opens the next, with LF or CRLF line ends; one line break
        // (a hard-wrapped line) still joins.
        for text in [
            "Sep\n\n2011-03-15 BEIRUT",
            "Sep\r\n\r\n2011-03-15 BEIRUT",
            "Sep\n \t\n2011-03-15 BEIRUT",
        ] {
            assert_eq!(spans(text), vec!["2011-03-15"], "{text:?}");
        }
        assert_eq!(
            spans("It rained on 5 September\n2011 and after."),
            vec!["5 September\n2011"]
        );
        assert_eq!(
            spans("It rained on 5 September\r\n2011 and after."),
            vec!["5 September\r\n2011"]
        );
    }

    #[test]
    fn bare_ambiguous_month_needs_a_preposition() {
        assert_eq!(spans("The vote was held in May."), vec!["May"]);
    }
}
