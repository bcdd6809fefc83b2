//! A tiny TimeML reader and TempEval-3 scoring, shared by `eval time` and the accuracy-floor test.
//!
//! Only what TempEval-3 files need: the `<DCT>` value, the `<TEXT>` content with tags stripped (entities
//! unescaped), and each TIMEX3 as byte offsets into that stripped text.

use crate::model::{Span, Timex, TimexType};

/// One gold TIMEX3 of a TimeML file.
#[derive(Debug, Clone)]
pub struct GoldTimex {
    /// Byte offset in the stripped text.
    pub start: usize,
    /// End, exclusive.
    pub end: usize,
    /// TIMEX3 type as written.
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// A TimeML document: its DCT, the text of `<TEXT>` without tags, and the TIMEX3 in it.
#[derive(Debug, Clone)]
pub struct TimeMl {
    /// The `<DCT>` value.
    pub dct: Option<String>,
    /// The stripped text.
    pub text: String,
    /// Gold expressions.
    pub timexes: Vec<GoldTimex>,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

fn unescape_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let (rep, len) = [
            ("&amp;", '&'),
            ("&lt;", '<'),
            ("&gt;", '>'),
            ("&quot;", '"'),
            ("&apos;", '\''),
        ]
        .iter()
        .find(|(e, _)| tail.starts_with(e))
        .map_or(('&', 1), |(e, c)| (*c, e.len()));
        out.push(rep);
        rest = &tail[len..];
    }
    out.push_str(rest);
}

/// Reads a TimeML document (a tiny reader: enough for TempEval-3 files).
pub fn read_timeml(xml: &str) -> TimeMl {
    let dct = xml
        .find("<DCT>")
        .and_then(|i| xml[i..].find("<TIMEX3").map(|j| i + j))
        .and_then(|i| xml[i..].find('>').map(|j| &xml[i..i + j]))
        .and_then(|tag| attr(tag, "value"));
    let (text, timexes) = read_tagged(element(xml, "TEXT"));
    TimeMl { dct, text, timexes }
}

/// The content of the first `<name>` element, or "" without one.
fn element<'a>(xml: &'a str, name: &str) -> &'a str {
    let (open, close) = (format!("<{name}>"), format!("</{name}>"));
    match (xml.find(&open), xml.find(&close)) {
        (Some(a), Some(b)) if b > a + open.len() => &xml[a + open.len()..b],
        _ => "",
    }
}

/// Text with TIMEX3 tags: the text without any tag (entities unescaped) and each TIMEX3 as byte offsets into it.
fn read_tagged(body: &str) -> (String, Vec<GoldTimex>) {
    let mut text = String::with_capacity(body.len());
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        unescape_into(&mut text, &rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else { break };
        let tag = &rest[lt..lt + gt + 1];
        if tag.starts_with("<TIMEX3") {
            open = Some((
                text.len(),
                attr(tag, "type").unwrap_or_default(),
                attr(tag, "value").unwrap_or_default(),
            ));
        } else if tag.starts_with("</TIMEX3") {
            if let Some((start, kind, value)) = open.take() {
                timexes.push(GoldTimex {
                    start,
                    end: text.len(),
                    kind,
                    value,
                });
            }
        }
        rest = &rest[lt + gt + 1..];
    }
    unescape_into(&mut text, rest);
    (text, timexes)
}

/// Another tagger's TimeML output for `doc` (HeidelTime's: the text inside `<TimeML>`, or a `<TEXT>` element, with
/// inline TIMEX3 tags) as system expressions on `doc`'s text, so it is scored exactly as Dateline is.
///
/// A tagger may change whitespace (HeidelTime trims and adds line breaks), so offsets are carried over by walking
/// both texts together, whitespace on either side skipped. `None` when the texts differ otherwise: that output
/// belongs to another text, and scoring it would be meaningless.
pub fn read_system(xml: &str, doc: &TimeMl) -> Option<Vec<Timex>> {
    let body = if xml.contains("<TEXT>") {
        element(xml, "TEXT")
    } else {
        element(xml, "TimeML")
    };
    let (text, tagged) = read_tagged(body);
    // to_doc[i]: the offset in doc.text of byte i of the tagger's text (and of its end).
    let mut to_doc = vec![0usize; text.len() + 1];
    let mut theirs = text.char_indices().peekable();
    let mut ours = doc.text.char_indices().peekable();
    loop {
        match (theirs.peek().copied(), ours.peek().copied()) {
            (Some((i, a)), Some((j, b))) if a == b => {
                to_doc[i..i + a.len_utf8()].fill(j);
                theirs.next();
                ours.next();
            }
            (Some((i, a)), next) if a.is_whitespace() => {
                let j = next.map_or(doc.text.len(), |(j, _)| j);
                to_doc[i..i + a.len_utf8()].fill(j);
                theirs.next();
            }
            (_, Some((_, b))) if b.is_whitespace() => {
                ours.next();
            }
            (None, _) => break,
            _ => return None,
        }
    }
    if ours.any(|(_, c)| !c.is_whitespace()) {
        return None;
    }
    to_doc[text.len()] = doc.text.len();
    let kind = |k: &str| match k {
        "DATE" => Some(TimexType::Date),
        "TIME" => Some(TimexType::Time),
        "DURATION" => Some(TimexType::Duration),
        "SET" => Some(TimexType::Set),
        _ => None,
    };
    Some(
        tagged
            .into_iter()
            .filter_map(|t| {
                // An expression's end is the end of its last character, not the start of what follows.
                let start = to_doc[t.start];
                let last = text[..t.end].char_indices().next_back().map_or(t.start, |(i, _)| i);
                let end = (to_doc[last] + text[last..t.end].len()).max(start);
                Some(Timex::new(
                    format!("t{start}"),
                    Span { start, end },
                    doc.text.get(start..end)?.to_string(),
                    kind(&t.kind)?,
                    t.value,
                ))
            })
            .collect(),
    )
}

/// The expressions as TimeML marks them: Dateline keeps a range ("from 2011 to 2016", "between March and May 2016")
/// as one expression with `begin`/`end`, while TimeML tags each end as a TIMEX3 of its own. Ranges of years and of
/// months are split into their two ends (ids `<id>a`, `<id>b`), found in the range's own words; day ranges ("5-7
/// September") and anything whose ends can't be found stay whole.
pub fn timeml_view(text: &str, timexes: &[Timex]) -> Vec<Timex> {
    let mut out = Vec::with_capacity(timexes.len());
    for t in timexes {
        let ends = match (t.begin.as_deref(), t.end.as_deref()) {
            (Some(begin), Some(end)) => range_ends(text, t.span, begin, end),
            _ => None,
        };
        match ends {
            Some((first, last)) => {
                for (suffix, span, value) in [("a", first, t.begin.as_deref()), ("b", last, t.end.as_deref())] {
                    let mut end = Timex::new(
                        format!("{}{suffix}", t.id),
                        span,
                        span.slice(text).to_string(),
                        t.kind,
                        value.unwrap_or_default().to_string(),
                    );
                    end.anchor.clone_from(&t.anchor);
                    out.push(end);
                }
            }
            None => out.push(t.clone()),
        }
    }
    out
}

/// Where the two ends of a range of years or months stand in its text: the first word naming the first value, the
/// last naming the last; a month takes the year written right after it ("March 2015").
///
/// No word table is read: the TimeML export runs in the page, which must not carry the dates engine. A range of months
/// was recognised by its month names, so its first and last capitalised words are those names.
fn range_ends(text: &str, span: Span, begin: &str, end: &str) -> Option<(Span, Span)> {
    let is_year = |v: &str| v.len() == 4 && v.bytes().all(|b| b.is_ascii_digit());
    let is_month = |v: &str| v.split_once('-').is_some_and(|(y, m)| is_year(y) && m.len() == 2);
    let words: Vec<(usize, &str)> = super::words::word_offsets(span.slice(text))
        .map(|(i, w)| (span.start + i, w))
        .collect();
    let names = |w: &str, value: &str| {
        if is_month(value) {
            // "Between February 2008 and February 2009": the range's own first word is no month.
            w.starts_with(|c: char| c.is_uppercase()) && !["from", "between"].contains(&w.to_ascii_lowercase().as_str())
        } else {
            // "1975-81": the end may be written with its last two digits.
            w == value || w.len() == 2 && value.ends_with(w)
        }
    };
    if !(is_year(begin) && is_year(end) || is_month(begin) && is_month(end)) {
        return None;
    }
    let first = words.iter().position(|(_, w)| names(w, begin))?;
    let last = words.iter().rposition(|(_, w)| names(w, end)).filter(|&k| k > first)?;
    let end_of = |k: usize| {
        let (at, w) = words[k];
        // "March 2015": a month's own year, when only a space or a comma stands between.
        match words.get(k + 1) {
            Some(&(next, y))
                if is_month(begin) && is_year(y) && text[at + w.len()..next].trim_matches([' ', ',']).is_empty() =>
            {
                next + y.len()
            }
            _ => at + w.len(),
        }
    };
    Some((
        Span::new(words[first].0, end_of(first)),
        Span::new(words[last].0, end_of(last)),
    ))
}

/// Precision, recall, F1.
pub type Prf = (f64, f64, f64);

/// Counts for TempEval-3 scores.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Gold expressions.
    pub gold: usize,
    /// System expressions.
    pub system: usize,
    /// Gold expressions with a system one of the same span.
    pub strict_gold: usize,
    /// System expressions with a gold one of the same span.
    pub strict_system: usize,
    /// Gold expressions overlapped by a system one.
    pub relaxed_gold: usize,
    /// System expressions overlapping a gold one.
    pub relaxed_system: usize,
    /// System expressions paired with the first gold one they overlap.
    pub pairs: usize,
    /// Pairs with the same value.
    pub value_ok: usize,
    /// Pairs with the same type.
    pub type_ok: usize,
}

impl Counts {
    /// Adds another document's counts.
    pub fn add(&mut self, o: &Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.strict_gold += o.strict_gold;
        self.strict_system += o.strict_system;
        self.relaxed_gold += o.relaxed_gold;
        self.relaxed_system += o.relaxed_system;
        self.pairs += o.pairs;
        self.value_ok += o.value_ok;
        self.type_ok += o.type_ok;
    }

    /// Precision, recall and F1.
    fn f1(matched_system: usize, system: usize, matched_gold: usize, gold: usize) -> Prf {
        let p = if system == 0 {
            0.0
        } else {
            matched_system as f64 / system as f64
        };
        let r = if gold == 0 {
            0.0
        } else {
            matched_gold as f64 / gold as f64
        };
        let f = if p + r == 0.0 { 0.0 } else { 2.0 * p * r / (p + r) };
        (p, r, f)
    }

    /// (strict P,R,F1), (relaxed P,R,F1), value F1, type F1.
    pub fn scores(&self) -> (Prf, Prf, f64, f64) {
        let strict = Counts::f1(self.strict_system, self.system, self.strict_gold, self.gold);
        let relaxed = Counts::f1(self.relaxed_system, self.system, self.relaxed_gold, self.gold);
        let share = |k: usize| {
            if self.pairs == 0 {
                0.0
            } else {
                k as f64 / self.pairs as f64
            }
        };
        (
            strict,
            relaxed,
            relaxed.2 * share(self.value_ok),
            relaxed.2 * share(self.type_ok),
        )
    }

    /// One report line.
    pub fn line(&self, name: &str, files: usize) -> String {
        let (s, r, v, t) = self.scores();
        format!(
            "{name:<22} {files:>4} files {:>5} gold | strict P {:.3} R {:.3} F1 {:.3} | relaxed P {:.3} R {:.3} F1 {:.3} | value F1 {:.3} | type F1 {:.3}",
            self.gold, s.0, s.1, s.2, r.0, r.1, r.2, v, t
        )
    }
}

/// The TimeML name of a TIMEX3 type (`DATE`, `TIME`, `DURATION`, `SET`).
pub fn type_name(k: TimexType) -> &'static str {
    match k {
        TimexType::Date => "DATE",
        TimexType::Time => "TIME",
        TimexType::Duration => "DURATION",
        TimexType::Set => "SET",
    }
}

/// The gold expression a system one is paired with: the first it overlaps (TempEval-3's relaxed match).
pub fn paired_gold<'a>(doc: &'a TimeMl, s: &Timex) -> Option<&'a GoldTimex> {
    doc.timexes
        .iter()
        .find(|g| s.span.start < g.end && g.start < s.span.end)
}

/// Whether some system expression overlaps gold `g` (it is found, in the relaxed sense).
pub fn gold_found(sys: &[Timex], g: &GoldTimex) -> bool {
    sys.iter().any(|s| s.span.start < g.end && g.start < s.span.end)
}

/// Scores one document; mistakes are appended to `errors` when asked.
pub fn score(doc: &TimeMl, sys: &[Timex], errors: Option<&mut Vec<String>>) -> Counts {
    let mut c = Counts {
        gold: doc.timexes.len(),
        system: sys.len(),
        ..Counts::default()
    };
    let mut errs = Vec::new();
    for g in &doc.timexes {
        if sys.iter().any(|s| s.span.start == g.start && s.span.end == g.end) {
            c.strict_gold += 1;
        }
        if gold_found(sys, g) {
            c.relaxed_gold += 1;
        } else {
            errs.push(format!("MISS  {:?} {} {}", &doc.text[g.start..g.end], g.kind, g.value));
        }
    }
    for s in sys {
        if doc
            .timexes
            .iter()
            .any(|g| s.span.start == g.start && s.span.end == g.end)
        {
            c.strict_system += 1;
        }
        match paired_gold(doc, s) {
            Some(g) => {
                c.relaxed_system += 1;
                c.pairs += 1;
                let type_ok = type_name(s.kind) == g.kind;
                c.value_ok += usize::from(s.value == g.value);
                c.type_ok += usize::from(type_ok);
                if s.value != g.value || !type_ok || (s.span.start, s.span.end) != (g.start, g.end) {
                    errs.push(format!(
                        "DIFF  {:?} {} {}  vs gold {:?} {} {}",
                        s.text,
                        type_name(s.kind),
                        s.value,
                        &doc.text[g.start..g.end],
                        g.kind,
                        g.value
                    ));
                }
            }
            None => errs.push(format!("EXTRA {:?} {} {}", s.text, type_name(s.kind), s.value)),
        }
    }
    if let Some(e) = errors {
        e.extend(errs);
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_strips_tags_and_keeps_offsets() {
        let xml = "<DCT><TIMEX3 tid=\"t0\" value=\"1998-01-08\">x</TIMEX3></DCT><TEXT>A &amp; B met \
                   <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"1998-01-07\">yesterday</TIMEX3>.</TEXT>";
        let doc = read_timeml(xml);
        assert_eq!(doc.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(doc.text, "A & B met yesterday.");
        let g = &doc.timexes[0];
        assert_eq!(&doc.text[g.start..g.end], "yesterday");
        assert_eq!((g.kind.as_str(), g.value.as_str()), ("DATE", "1998-01-07"));
    }

    #[test]
    fn another_taggers_output_lands_on_the_documents_text() {
        let doc = read_timeml("<TEXT>\nTalks  ended on Monday &amp; resume in May.\n</TEXT>");
        // The other tagger trimmed the text, folded the double space and escaped nothing.
        let out = "<?xml version=\"1.0\"?><TimeML>Talks ended on <TIMEX3 tid=\"t1\" type=\"DATE\" \
                   value=\"1998-01-05\">Monday</TIMEX3> & resume in <TIMEX3 tid=\"t2\" type=\"DATE\" \
                   value=\"1998-05\">May</TIMEX3>.</TimeML>";
        let sys = read_system(out, &doc).expect("same text");
        let found: Vec<(&str, &str)> = sys.iter().map(|t| (t.text.as_str(), t.value.as_str())).collect();
        assert_eq!(found, [("Monday", "1998-01-05"), ("May", "1998-05")]);
        assert_eq!(&doc.text[sys[0].span.start..sys[0].span.end], "Monday");
        // Output for another text is refused rather than scored.
        assert!(read_system("<TimeML>Talks ended on Tuesday.</TimeML>", &doc).is_none());
    }

    fn range(text: &str, at: &str, begin: &str, end: &str) -> Timex {
        let start = text.find(at).expect("range in text");
        let span = Span::new(start, start + at.len());
        let mut t = Timex::new("t1".into(), span, at.into(), TimexType::Date, begin.into());
        t.begin = Some(begin.into());
        t.end = Some(end.into());
        t
    }

    fn ends(text: &str, t: Timex) -> Vec<(String, String, String)> {
        timeml_view(text, &[t])
            .into_iter()
            .map(|t| (t.id, t.text, t.value))
            .collect()
    }

    #[test]
    fn each_end_of_a_range_of_years_or_months_is_its_own_expression() {
        let text = "Output fell from 1998 to 2003, and prices rose between March 2015 and May 2016.";
        let years = range(text, "from 1998 to 2003", "1998", "2003");
        assert_eq!(
            ends(text, years),
            [
                ("t1a".into(), "1998".into(), "1998".into()),
                ("t1b".into(), "2003".into(), "2003".into())
            ]
        );
        let months = range(text, "between March 2015 and May 2016", "2015-03", "2016-05");
        assert_eq!(
            ends(text, months),
            [
                ("t1a".into(), "March 2015".into(), "2015-03".into()),
                ("t1b".into(), "May 2016".into(), "2016-05".into())
            ]
        );
    }

    #[test]
    fn day_ranges_and_ranges_without_findable_ends_stay_whole() {
        let text = "The fair ran 5-7 September and again from 2010 on.";
        let days = range(text, "5-7 September", "2016-09-05", "2016-09-07");
        assert_eq!(
            ends(text, days),
            [("t1".into(), "5-7 September".into(), "2016-09-05".into())]
        );
        // The end value is not written in the span: no split.
        let odd = range(text, "from 2010", "2010", "2012");
        assert_eq!(ends(text, odd).len(), 1);
    }
}
