//! Evaluation: time expressions.
//!
//! `eval time [DIR] [--errors] [--passes N] [--system OUT]`: TempEval-3 scoring over TimeML files (default ../shared/corpora/timeml), each
//! sub-folder reported apart, and the files split in two halves by a hash of their name: rules are tuned only on
//! the even half ("tune"); the odd half ("held out") is reported separately. `--errors` lists the tune-half
//! mistakes (never the held-out ones). `--by-kind` adds a table of value accuracy, extras and misses per kind of
//! expression (weekday, month, duration...) and of the shapes of wrong values (gold left digits out, another
//! precision, another time...) for both halves: aggregate counts only, so the held-out half can show
//! where the mass of its errors lies without listing them. `--system OUT` scores another tagger's TimeML output
//! instead of Dateline (`OUT/<corpus>/<file>.tml`, as `scripts/heideltime-compare` writes HeidelTime's), with the
//! same halves and the same scorer.
//! `eval cases [DIR]`: chrono-node and Duckling English cases with their reference times, as pass rates.

use dateline::dates::timeml::{
    gold_found, paired_gold, read_system, read_timeml, score, timeml_view, type_name, Counts, TimeMl,
};
use dateline::dates::value::{Gran, Point};
use dateline::dates::{self, DocTime};
use dateline::model::Timex;
use dateline::{Doc, Language};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// FNV-1a of the file name: the tune / held-out split.
fn held_out(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in name.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % 2 == 1
}

fn tml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "tml"));
    files.sort();
    files
}

/// Runs the engine on one document with its DCT, the way `analyze` would (segmentation and dates).
fn engine(doc: &TimeMl) -> Vec<Timex> {
    let language = Language::english();
    let time = doc.dct.as_deref().and_then(DocTime::parse);
    dates::extract_at(&Doc::new(&doc.text, language), language, time).0
}

/// The engine's expressions as TimeML shows them (the `--format timeml` view: each end of a range is a TIMEX3).
pub fn system(doc: &TimeMl) -> Vec<Timex> {
    timeml_view(&doc.text, &engine(doc))
}

/// Runs the evaluation; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let show_errors = args.iter().any(|a| a == "--errors");
    let by_kind = args.iter().any(|a| a == "--by-kind");
    let other = args
        .iter()
        .position(|a| a == "--system")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from);
    let mut kinds: [KindTally; 2] = Default::default();
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || !["--passes", "--system"].contains(&args[i - 1].as_str())))
        .map_or_else(|| PathBuf::from("../shared/corpora/timeml"), |(_, a)| PathBuf::from(a));
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    subdirs.sort();
    if subdirs.is_empty() && !tml_files(&dir).is_empty() {
        subdirs.push(dir.clone());
    }
    if subdirs.is_empty() {
        eprintln!("eval time: no TimeML files under {}", dir.display());
        return 2;
    }
    println!(
        "TempEval-3 scoring (relaxed = overlap; value/type F1 = relaxed F1 x share right). DCT from <DCT>, not scored."
    );
    println!("Split: files whose name hashes even were used for tuning; the odd half is held out.");
    let (mut all, mut tune, mut held) = (Counts::default(), Counts::default(), Counts::default());
    let (mut n_all, mut n_tune, mut n_held) = (0, 0, 0);
    let mut docs: Vec<TimeMl> = Vec::new();
    let mut errors = Vec::new();
    for sub in &subdirs {
        let mut part = Counts::default();
        let mut n = 0;
        for path in tml_files(sub) {
            let Ok(xml) = std::fs::read_to_string(&path) else {
                continue;
            };
            let doc = read_timeml(&xml);
            let sys = match &other {
                None => system(&doc),
                Some(out) => match other_system(out, sub, &path, &doc) {
                    Ok(sys) => sys,
                    Err(message) => {
                        eprintln!("eval time: {message}");
                        return 2;
                    }
                },
            };
            let is_held = held_out(&path);
            let mut file_errors = Vec::new();
            let c = score(&doc, &sys, (show_errors && !is_held).then_some(&mut file_errors));
            if by_kind {
                tally_kinds(&doc, &sys, &mut kinds[usize::from(is_held)]);
            }
            if !file_errors.is_empty() {
                errors.push(format!("== {}", path.display()));
                errors.extend(file_errors);
            }
            part.add(&c);
            all.add(&c);
            if is_held {
                held.add(&c);
                n_held += 1;
            } else {
                tune.add(&c);
                n_tune += 1;
            }
            n += 1;
            n_all += 1;
            docs.push(doc);
        }
        let name = sub
            .file_name()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        println!("{}", part.line(&name, n));
    }
    println!("{}", tune.line("tune half (even)", n_tune));
    println!("{}", held.line("HELD-OUT half (odd)", n_held));
    println!("{}", all.line("all", n_all));
    if other.is_some() {
        if by_kind {
            print_kinds(&kinds);
        }
        return 0;
    }
    // Throughput: the best of three passes over every document (segmentation + dates), tables already compiled.
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let passes = args
        .iter()
        .position(|a| a == "--passes")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or(3)
        .max(1);
    let elapsed = (0..passes)
        .map(|_| {
            let t0 = Instant::now();
            for d in &docs {
                std::hint::black_box(engine(d));
            }
            t0.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min);
    let mb = bytes as f64 / 1e6;
    println!(
        "throughput: {:.2} MB of text in {:.3} s = {:.1} MB/s = {:.0} us per 4 KB (segmentation + dates, best of {} passes; use --release)",
        mb,
        elapsed,
        if elapsed > 0.0 { mb / elapsed } else { 0.0 },
        if bytes > 0 { elapsed / bytes as f64 * 4096.0 * 1e6 } else { 0.0 },
        passes
    );
    if by_kind {
        print_kinds(&kinds);
    }
    if show_errors {
        for e in errors {
            println!("{e}");
        }
    }
    0
}

/// Another tagger's output for one document, placed on its text.
fn other_system(out: &Path, sub: &Path, path: &Path, doc: &TimeMl) -> Result<Vec<Timex>, String> {
    let file = out
        .join(sub.file_name().unwrap_or_default())
        .join(path.file_name().unwrap_or_default());
    let xml = std::fs::read_to_string(&file)
        .map_err(|e| format!("{}: {e} (run scripts/heideltime-compare)", file.display()))?;
    read_system(&xml, doc).ok_or_else(|| format!("{}: its text is not the text of {}", file.display(), path.display()))
}

/// Per kind of expression: system expressions paired with a gold one, of those with the right value, system
/// expressions with no gold one, gold expressions with no system one.
#[derive(Default, Clone, Copy)]
struct KindCounts {
    pairs: usize,
    value_ok: usize,
    extra: usize,
    missed: usize,
}

/// A coarse kind of time expression, from its type, value and words (for the `--by-kind` table only).
fn kind_of(text: &str, kind: &str, value: &str) -> &'static str {
    let t = text.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    let digits = t.bytes().filter(u8::is_ascii_digit).count();
    if value.ends_with("_REF") {
        return "reference (now, recently)";
    }
    match kind {
        "SET" => return "set",
        "DURATION" => return "duration",
        "TIME" => return "time of day",
        _ => {}
    }
    // Weekdays and months as the dates tables know them, not copies of their names ("dec" is no month in
    // "decade").
    let language = Language::english();
    let words = || text.split(|c: char| !c.is_alphanumeric());
    if words().any(|w| dates::is_in_class(language, "weekday", w)) {
        "weekday"
    } else if has(&["today", "yesterday", "tomorrow", "tonight"]) {
        "today/yesterday"
    } else if has(&["quarter", "half", "period"]) {
        "quarter/half/period"
    } else if has(&["ago", "earlier", "later", "before", "after", "since"]) {
        "ago/earlier/later"
    } else if has(&["week"]) {
        "week"
    } else if has(&["month"]) {
        "this/last month"
    } else if has(&["year"]) && digits == 0 {
        "this/last year"
    } else if words().any(|w| dates::is_in_class(language, "month", w)) {
        if digits >= 5 {
            "month day year"
        } else {
            "month (day) without year"
        }
    } else if t.ends_with('s') && digits >= 2 || has(&["century", "decade"]) {
        "decade/century"
    } else if digits == 4 || digits == 2 && t.starts_with('\'') {
        "year"
    } else if digits > 0 {
        "other with digits"
    } else {
        "other words"
    }
}

/// One half's `--by-kind` counts: per kind of expression, and the shape of each wrong value.
#[derive(Default)]
struct KindTally {
    kinds: std::collections::BTreeMap<&'static str, KindCounts>,
    shapes: std::collections::BTreeMap<&'static str, usize>,
}

/// How a system value differs from the gold one (for the `--by-kind` table only): whether the gold annotation left
/// out what the system resolved, wrote the same value another way, or names another time.
fn mistake_shape(ours: &str, gold: &str) -> &'static str {
    let is_length = |v: &str| v.starts_with('P') && !v.ends_with("_REF");
    let is_ref = |v: &str| v.ends_with("_REF");
    let unpadded = |v: &str| {
        v.split_once("-W")
            .map(|(y, w)| format!("{y}-W{}", w.trim_start_matches('0')))
            .unwrap_or_else(|| v.to_string())
    };
    if is_ref(gold) || is_ref(ours) {
        "a vague reference on one side"
    } else if is_length(gold) != is_length(ours) {
        "one a length, the other a point"
    } else if is_length(gold) {
        "both lengths, different"
    } else if gold.contains('X') && !ours.contains('X') {
        "gold left digits out (X), the system resolved them"
    } else if unpadded(gold) == unpadded(ours) {
        "same week, its number written without the zero"
    } else if gold.starts_with(ours) || ours.starts_with(gold) {
        "same time at another precision"
    } else {
        "another time (direction, anchor or calendar)"
    }
}

fn tally_kinds(doc: &TimeMl, sys: &[Timex], tally: &mut KindTally) {
    for s in sys {
        let k = tally
            .kinds
            .entry(kind_of(&s.text, type_name(s.kind), &s.value))
            .or_default();
        match paired_gold(doc, s) {
            Some(g) => {
                k.pairs += 1;
                k.value_ok += usize::from(s.value == g.value);
                if s.value != g.value {
                    *tally.shapes.entry(mistake_shape(&s.value, &g.value)).or_default() += 1;
                }
            }
            None => k.extra += 1,
        }
    }
    for g in &doc.timexes {
        if !gold_found(sys, g) {
            tally
                .kinds
                .entry(kind_of(&doc.text[g.start..g.end], &g.kind, &g.value))
                .or_default()
                .missed += 1;
        }
    }
}

fn print_kinds(tallies: &[KindTally; 2]) {
    let kinds = [&tallies[0].kinds, &tallies[1].kinds];
    println!("by kind (system kind for pairs and extras, gold kind for misses): pairs, value right, extra, missed");
    println!("{:<28} {:>30} | {:>30}", "", "tune half", "held-out half");
    let mut names: Vec<&str> = kinds.iter().flat_map(|m| m.keys().copied()).collect();
    names.sort_unstable();
    names.dedup();
    for name in names {
        let cell = |m: &std::collections::BTreeMap<&'static str, KindCounts>| {
            let k = m.get(name).copied().unwrap_or_default();
            let share = if k.pairs == 0 {
                0.0
            } else {
                k.value_ok as f64 / k.pairs as f64
            };
            format!(
                "{:>4} {:>4} ({:>5.1} %) {:>4} {:>4}",
                k.pairs,
                k.value_ok,
                share * 100.0,
                k.extra,
                k.missed
            )
        };
        println!("{name:<28} {:>30} | {:>30}", cell(kinds[0]), cell(kinds[1]));
    }
    println!("wrong values by shape (paired expressions whose value differs from gold): tune half | held-out half");
    let mut shapes: Vec<&str> = tallies.iter().flat_map(|t| t.shapes.keys().copied()).collect();
    shapes.sort_unstable();
    shapes.dedup();
    for shape in shapes {
        let n = |t: &KindTally| t.shapes.get(shape).copied().unwrap_or_default();
        println!("{shape:<50} {:>5} | {:>5}", n(&tallies[0]), n(&tallies[1]));
    }
}

/// A reference time's calendar point and clock, from `YYYY-MM-DDTHH:MM...`.
fn expected_point(local: &str, gran: Gran) -> Option<Point> {
    Some(Point::new(dateline::calendar::Date::parse_iso(local).ok()?, gran))
}

/// True when `ours` agrees with the expected local time at the expected granularity.
fn compatible(ours: &str, local: &str, gran: Option<Gran>) -> bool {
    match gran {
        // Clock precision: the date and the hour:minute must both agree.
        None => ours.len() >= 16 && local.len() >= 16 && ours[..10] == local[..10] && ours[11..16] == local[11..16],
        Some(g) => {
            let date_part = ours.split('T').next().unwrap_or("");
            let (Some(p), Some(e)) = (Point::parse(date_part), expected_point(local, g)) else {
                return false;
            };
            p.gran <= g && p.at(g).format() == e.format()
        }
    }
}

fn gran_of(name: &str) -> Option<Option<Gran>> {
    Some(match name {
        "second" | "minute" | "hour" => None,
        "day" => Some(Gran::Day),
        "week" => Some(Gran::Week),
        "month" => Some(Gran::Month),
        "quarter" => Some(Gran::Quarter),
        "year" => Some(Gran::Year),
        _ => return None,
    })
}

fn run_text(text: &str, dct: Option<&str>) -> Vec<Timex> {
    let language = Language::english();
    // The reference time with its clock (`2012-08-10T12:14:00`), as a dated article's metadata gives it.
    let time = dct.and_then(|d| DocTime::parse(d.get(..19).unwrap_or(d)));
    dates::extract_at(&Doc::new(text, language), language, time).0
}

/// Prints a failed case when `--fails` was given.
fn show_fail(verbose: bool, text: &str, expected: &str, sys: &[Timex]) {
    if verbose {
        let got: Vec<String> = sys.iter().map(|t| format!("{:?}={}", t.text, t.value)).collect();
        println!("FAIL {text:?} expected {expected} got {got:?}");
    }
}

#[derive(Default)]
struct Tally {
    pass: usize,
    total: usize,
    skipped: usize,
    found: usize,
}

fn chrono(path: &Path, verbose: bool) -> Option<Tally> {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let mut t = Tally::default();
    for case in json["cases"].as_array()? {
        let Some(text) = case["text"].as_str() else { continue };
        let reference = case["reference"].as_str();
        // Without a reference time the case is usable only when it does not depend on the day it was run.
        if reference.is_none() && case["depends_on_run_date"] != false {
            t.skipped += 1;
            continue;
        }
        t.total += 1;
        let sys = run_text(text, reference);
        if case["expect"] == "no_match" {
            t.pass += usize::from(sys.is_empty());
            continue;
        }
        let Some(res) = case["results"].get(0) else { continue };
        let start = res["index"].as_u64().unwrap_or(0) as usize;
        let end = start + res["text"].as_str().unwrap_or("").len();
        let Some(found) = sys.iter().find(|s| s.span.start < end && start < s.span.end) else {
            continue;
        };
        t.found += 1;
        let known = &res["start"]["known"];
        let gran = if known.get("hour").is_some() {
            None
        } else if known.get("day").is_some() || known.get("weekday").is_some() {
            Some(Gran::Day)
        } else if known.get("month").is_some() {
            Some(Gran::Month)
        } else {
            Some(Gran::Year)
        };
        let local = res["start"]["local"].as_str().unwrap_or("");
        let ok = compatible(&found.value, local, gran);
        if !ok {
            show_fail(verbose, text, local, &sys);
        }
        t.pass += usize::from(ok);
    }
    Some(t)
}

fn duckling(path: &Path, verbose: bool) -> Option<Tally> {
    let json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).ok()?).ok()?;
    let mut t = Tally::default();
    for case in json["cases"].as_array()? {
        let (Some(text), Some(reference)) = (case["text"].as_str(), case["reference_time"].as_str()) else {
            t.skipped += 1;
            continue;
        };
        t.total += 1;
        let sys = run_text(text, Some(reference));
        if case["kind"] == "no_match" {
            t.pass += usize::from(sys.is_empty());
            continue;
        }
        let Some(first) = sys.first() else {
            show_fail(verbose, text, "a match", &sys);
            continue;
        };
        t.found += 1;
        let Some(gran) = case["grain"].as_str().and_then(gran_of) else {
            continue;
        };
        let start = case["start"].as_str().unwrap_or("");
        let ok = compatible(&first.value, start, gran);
        if !ok {
            show_fail(verbose, text, start, &sys);
        }
        t.pass += usize::from(ok);
    }
    Some(t)
}

/// Runs the peers' date cases; returns the exit code.
pub fn run_cases(args: &[String]) -> i32 {
    let verbose = args.iter().any(|a| a == "--fails");
    let dir = args
        .iter()
        .find(|a| !a.starts_with("--"))
        .map_or_else(|| PathBuf::from("../shared/cases"), PathBuf::from);
    let mut any = false;
    for (name, f) in [
        ("chrono-en.json", chrono as fn(&Path, bool) -> Option<Tally>),
        ("duckling-en.json", duckling),
    ] {
        let path = dir.join(name);
        let Some(t) = f(&path, verbose) else {
            eprintln!("eval cases: cannot read {}", path.display());
            continue;
        };
        any = true;
        let pct = |k: usize| {
            if t.total == 0 {
                0.0
            } else {
                100.0 * k as f64 / t.total as f64
            }
        };
        println!(
            "{name:<18} {} cases ({} skipped: no reference time and run-date dependent): found {:.1}%, passed {} = {:.1}%",
            t.total,
            t.skipped,
            pct(t.found),
            t.pass,
            pct(t.pass)
        );
    }
    if any {
        println!("Pass = an expression overlapping the expected one, with a value equal at the expected grain (no-match cases: nothing found).");
        0
    } else {
        2
    }
}

#[cfg(test)]
mod tests {
    use super::mistake_shape;

    #[test]
    fn wrong_values_are_sorted_by_shape() {
        let cases = [
            (
                "1989-W43",
                "1989-WXX",
                "gold left digits out (X), the system resolved them",
            ),
            ("2000-W07", "2000-W7", "same week, its number written without the zero"),
            ("1998-W33", "P1W", "one a length, the other a point"),
            ("P10Y", "P1E", "both lengths, different"),
            ("1999-10-07TMO", "1999-10-07", "same time at another precision"),
            ("1988-Q3", "1988", "same time at another precision"),
            (
                "1998-08-11",
                "1998-08-18",
                "another time (direction, anchor or calendar)",
            ),
            ("PXW", "FUTURE_REF", "a vague reference on one side"),
        ];
        for (ours, gold, shape) in cases {
            assert_eq!(mistake_shape(ours, gold), shape, "{ours} vs {gold}");
        }
    }
}
