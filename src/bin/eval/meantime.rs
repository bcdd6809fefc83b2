//! Evaluation: names, events and event dates on MEANTIME (Wikinews, CAT XML), scoring only the annotated region.
//!
//! `eval meantime [--verbose] [--system-json FILE] [--name LABEL] [--dump-texts DIR] [CORPUS]` (default
//! `../shared/corpora/meantime`; each `corpus_TOPIC/` folder is a topic, or CORPUS may be one folder of XML files).
//! Every file's text is rebuilt from its tokens ([`super::meantime_doc`]) and analysed with the document date of
//! its `CREATION_TIME` timex as `Options::dct`. Only the first sentences are annotated: the **region** runs to the
//! end of the last sentence holding a gold entity mention, event mention or timex, and system output counts only
//! when its span starts inside it.
//!
//! - **Names** (person / organisation / place): gold = `ENTITY_MENTION`s the annotators typed as names
//!   (`syntactic_type` NAM or PRE.NAM) that refer (`REFERS_TO`) to an `ENTITY` of `ent_type` PER / ORG / LOC and
//!   hold a capitalised word other than a sentence-initial article; one per kind and span. Their **name head** is
//!   the words of the `head` attribute when given, else the first run of capitalised words ("Moscone Center" of
//!   "Moscone Center in San Francisco, California"). A system name of the same kind matches (one to one, in text
//!   order) under **head** when its span covers the gold's name head, and under **exact** when the spans are equal
//!   (both but for a leading article and a final "." or ",": "the Swiss National Bank", "Apple Inc.").
//!   System: people = entities of kind person, organisations = org and group, places = `analysis.places` (those
//!   of kind demonym count as nationalities).
//!   **Nationalities**: a LOC mention of one capitalised word ending like a demonym (-ian, -ean, -can, -ese, -ish,
//!   -ch, -ss: "Japanese", "Russian", "European") is not a place; the `place+nat` row adds them to the places and
//!   the demonym entities to the system's places.
//! - **Events**: gold events = `EVENT_MENTION`s with a predicate (the coordinations without one are skipped).
//!   *Text-dated* = linked by a `TLINK` INCLUDES / IS_INCLUDED / SIMULTANEOUS (either direction) to a DATE or TIME
//!   `TIMEX3` written in the text, other than the creation time, with a calendar value (not PRESENT_REF nor
//!   XXXX-XX-XX). *Found* = some Dateline event's trigger or merged mention overlaps the gold mention's words.
//!   *Trigger precision* = Dateline events whose trigger starts in the region and overlaps a gold event mention,
//!   over all Dateline events starting in the region.
//! - **Event dates**: for found gold events with a gold date (the value of a DATE/TIME timex so linked: a text
//!   date first, then the creation time, then any other), Dateline's date is right when it starts with the gold
//!   value (compared at the gold's precision, so a day refines a gold month, as `eval events` does). Reported for
//!   the text-dated events, for those anchored to the creation time and to no text date, and for all.
//!
//! `--system-json FILE` scores another tool's names with the same scorer, beside Dateline's: JSON lines
//! `{"file": STEM, "start": BYTE, "end": BYTE, "label": L}` over the rebuilt texts, L one of PERSON, ORG, GPE, LOC,
//! FAC, NORP (spaCy's) or person, org, place, nationality; `--name` labels its column. `--dump-texts DIR` writes
//! each rebuilt text to `DIR/STEM.txt` so that the other tool reads the very same strings (`scripts/spacy-meantime`).
//! `--verbose` lists each file's missed and spurious names and missed text-dated events. Skips (exit 0) when the
//! corpus is absent.

use super::meantime_doc::{self, MtDoc};
use dateline::model::{Analysis, EntityKind, PlaceKind, Precision};
use dateline::{Options, Span};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The rows of the name table: `place+nat` is places and nationalities together; `any type` pools people,
/// organisations and places and matches names whatever their type (what is found at all, boundaries aside).
const KINDS: [&str; 5] = ["person", "org", "place", "place+nat", "any type"];

/// A name: its kind (index into [`KINDS`] below 3, or [`NATIONALITY`]), span and name head.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Name {
    kind: usize,
    span: Span,
    head: Span,
}

const NATIONALITY: usize = 5;

/// Name counts of one system for one kind.
#[derive(Debug, Clone, Copy, Default)]
struct NameTally {
    gold: usize,
    system: usize,
    head: usize,
    exact: usize,
}

impl NameTally {
    fn add(&mut self, o: &NameTally) {
        self.gold += o.gold;
        self.system += o.system;
        self.head += o.head;
        self.exact += o.exact;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

fn f1(matched: usize, gold: usize, system: usize) -> f64 {
    let (p, r) = (ratio(matched, system), ratio(matched, gold));
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Event counts of one file or topic.
#[derive(Debug, Clone, Copy, Default)]
struct EventTally {
    gold: usize,
    text_dated: usize,
    text_dated_found: usize,
    in_region: usize,
    on_gold: usize,
    text_date_ok: usize,
    text_date_n: usize,
    all_date_ok: usize,
    all_date_n: usize,
    dct_date_ok: usize,
    dct_date_n: usize,
}

impl EventTally {
    fn add(&mut self, o: &EventTally) {
        self.gold += o.gold;
        self.text_dated += o.text_dated;
        self.text_dated_found += o.text_dated_found;
        self.in_region += o.in_region;
        self.on_gold += o.on_gold;
        self.text_date_ok += o.text_date_ok;
        self.text_date_n += o.text_date_n;
        self.all_date_ok += o.all_date_ok;
        self.all_date_n += o.all_date_n;
        self.dct_date_ok += o.dct_date_ok;
        self.dct_date_n += o.dct_date_n;
    }
}

/// Everything scored for one topic (or all): per system, per kind; and Dateline's events.
#[derive(Debug, Clone, Default)]
struct Totals {
    files: usize,
    names: Vec<[NameTally; 5]>,
    events: EventTally,
}

impl Totals {
    fn add(&mut self, o: &Totals) {
        self.files += o.files;
        self.names
            .resize(o.names.len().max(self.names.len()), Default::default());
        for (mine, theirs) in self.names.iter_mut().zip(&o.names) {
            for (a, b) in mine.iter_mut().zip(theirs) {
                a.add(b);
            }
        }
        self.events.add(&o.events);
    }
}

/// Function words that may start a name mention with a capital without being part of the name.
fn is_article(word: &str) -> bool {
    matches!(
        word,
        "The" | "A" | "An" | "This" | "That" | "Its" | "His" | "Her" | "Their"
    )
}

fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase) && !is_article(word)
}

/// A single capitalised word that reads as a nationality adjective ("Japanese", "Russian", "French").
fn demonym_like(word: &str) -> bool {
    capitalised(word)
        && word.chars().all(char::is_alphabetic)
        && ["ian", "ean", "can", "ese", "ish", "ch", "ss"]
            .iter()
            .any(|s| word.ends_with(s))
        && !word.ends_with("stan")
}

/// The gold names of a document in its annotated region (see the module doc for the rule).
fn gold_names(doc: &MtDoc) -> Vec<Name> {
    let mut type_of: HashMap<&str, &str> = HashMap::new();
    for r in doc.relations.iter().filter(|r| r.tag == "REFERS_TO") {
        let Some(t) = r.targets.first().and_then(|t| doc.markables.get(t)) else {
            continue;
        };
        for s in &r.sources {
            type_of.insert(s.as_str(), t.attr("ent_type"));
        }
    }
    let mut out: Vec<Name> = Vec::new();
    let mut ids: Vec<&String> = doc.markables.keys().collect();
    ids.sort_by_key(|id| id.parse::<u64>().unwrap_or(u64::MAX));
    for id in ids {
        let m = &doc.markables[id];
        if m.tag != "ENTITY_MENTION" {
            continue;
        }
        let (Some(span), Some(ty)) = (doc.span(m), type_of.get(id.as_str())) else {
            continue;
        };
        let words: Vec<&str> = m.tokens.iter().map(|&k| doc.tokens[k].word.as_str()).collect();
        let syntactic = m.attr("syntactic_type");
        let kind = match *ty {
            "LOC" if words.len() == 1 && demonym_like(words[0]) && syntactic != "PRO" => NATIONALITY,
            _ if !matches!(syntactic, "NAM" | "PRE.NAM") || !words.iter().any(|w| capitalised(w)) => continue,
            "PER" => 0,
            "ORG" => 1,
            "LOC" => 2,
            _ => continue,
        };
        let name = Name {
            kind,
            span: trim_stop(span, &doc.text),
            head: trim_stop(name_head(doc, &m.tokens, m.attr("head")).unwrap_or(span), &doc.text),
        };
        if !out.iter().any(|n| n.kind == name.kind && n.span == name.span) {
            out.push(name);
        }
    }
    out.sort_by_key(|n| (n.span.start, n.span.end));
    out
}

/// The span without a leading article ("the", "a", "an") and without a final "." or "," (the tokens keep the full
/// stop of "Inc." and, at times, a comma after it): what any tagger would call the name.
fn trim_stop(span: Span, text: &str) -> Span {
    let t = span.slice(text);
    let mut start = 0;
    for article in ["the ", "a ", "an "] {
        if t.get(..article.len()).is_some_and(|p| p.eq_ignore_ascii_case(article)) {
            start = article.len();
        }
    }
    let kept = t[start..].trim_end_matches(['.', ',']);
    if kept.is_empty() {
        span
    } else {
        Span::new(span.start + start, span.start + start + kept.len())
    }
}

/// The span of the name's head: the `head` attribute's words found among the mention's tokens, else the first run of
/// capitalised words (joined by "-", "&", "." and "of", as in "Bank of America").
fn name_head(doc: &MtDoc, tokens: &[usize], head: &str) -> Option<Span> {
    let words: Vec<&str> = head.split_whitespace().collect();
    if !words.is_empty() {
        for w in tokens.windows(words.len()) {
            if w.iter().zip(&words).all(|(&k, h)| doc.tokens[k].word == *h) {
                return Some(Span::new(doc.tokens[w[0]].span.start, doc.tokens[*w.last()?].span.end));
            }
        }
    }
    let first = tokens.iter().position(|&k| capitalised(&doc.tokens[k].word))?;
    let mut last = first;
    for (i, &k) in tokens.iter().enumerate().skip(first + 1) {
        let w = doc.tokens[k].word.as_str();
        if capitalised(w) || w.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            last = i;
        } else if !matches!(w, "-" | "&" | "." | "of") {
            break;
        }
    }
    Some(Span::new(
        doc.tokens[tokens[first]].span.start,
        doc.tokens[tokens[last]].span.end,
    ))
}

/// Dateline's names in the region, by kind.
fn dateline_names(a: &Analysis, region_end: usize) -> Vec<(usize, Span)> {
    let mut out: Vec<(usize, Span)> = a
        .entities
        .iter()
        .filter_map(|e| match e.kind {
            EntityKind::Person => Some((0, e.span)),
            EntityKind::Org | EntityKind::Group => Some((1, e.span)),
            EntityKind::Demonym => Some((NATIONALITY, e.span)),
            EntityKind::Number => None,
        })
        .chain(
            a.places
                .iter()
                .map(|p| (if p.kind == PlaceKind::Demonym { NATIONALITY } else { 2 }, p.span)),
        )
        .filter(|(_, s)| s.start < region_end)
        .collect();
    out.sort_by_key(|(k, s)| (s.start, s.end, *k));
    out.dedup();
    out
}

/// Another tool's names, read from JSON lines, by file stem.
fn read_system_json(path: &Path) -> Result<HashMap<String, Vec<(usize, Span)>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out: HashMap<String, Vec<(usize, Span)>> = HashMap::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        let field = |k: &str| v[k].as_u64().map(|x| x as usize);
        let (Some(file), Some(start), Some(end), Some(label)) =
            (v["file"].as_str(), field("start"), field("end"), v["label"].as_str())
        else {
            return Err(format!(
                "{}:{}: needs file, start, end and label",
                path.display(),
                n + 1
            ));
        };
        let kind = match label {
            "PERSON" | "person" => 0,
            "ORG" | "org" => 1,
            "GPE" | "LOC" | "FAC" | "place" => 2,
            "NORP" | "nationality" => NATIONALITY,
            _ => continue,
        };
        out.entry(file.to_string())
            .or_default()
            .push((kind, Span::new(start, end)));
    }
    Ok(out)
}

/// Scores one system's names against the gold for the four rows; notes the misses and false alarms.
fn score_names(gold: &[Name], system: &[(usize, Span)], text: &str, notes: &mut Vec<String>) -> [NameTally; 5] {
    let mut out = [NameTally::default(); 5];
    for (row, tally) in out.iter_mut().enumerate() {
        let in_row = |k: usize| k == row || row == 3 && (k == 2 || k == NATIONALITY) || row == 4 && k < 3;
        let g: Vec<&Name> = gold.iter().filter(|n| in_row(n.kind)).collect();
        let s: Vec<Span> = system.iter().filter(|(k, _)| in_row(*k)).map(|(_, s)| *s).collect();
        tally.gold = g.len();
        tally.system = s.len();
        let pair = |ok: &dyn Fn(&Name, &Span) -> bool| {
            let mut used = vec![false; s.len()];
            let mut hit = vec![false; g.len()];
            for (gi, n) in g.iter().enumerate() {
                if let Some(si) = (0..s.len()).find(|&si| !used[si] && ok(n, &s[si])) {
                    used[si] = true;
                    hit[gi] = true;
                }
            }
            (hit, used)
        };
        let (hit, used) = pair(&|n, s| s.contains(&n.head));
        tally.head = hit.iter().filter(|h| **h).count();
        tally.exact = pair(&|n, s| trim_stop(*s, text) == n.span)
            .0
            .iter()
            .filter(|h| **h)
            .count();
        if row < 3 {
            for (n, _) in g.iter().zip(&hit).filter(|(_, h)| !**h) {
                let head = if n.head == n.span {
                    String::new()
                } else {
                    format!(" (head {:?})", n.head.slice(text))
                };
                notes.push(format!("    missed {} {:?}{head}", KINDS[row], n.span.slice(text)));
            }
            for (sp, _) in s.iter().zip(&used).filter(|(_, u)| !**u) {
                let around = super::geo::context(text, *sp, 30);
                notes.push(format!("    false  {} {:?} in {around:?}", KINDS[row], sp.slice(text)));
            }
        }
    }
    out
}

/// What dates a gold event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    /// A calendar date or time written in the text (not the creation time).
    Text,
    /// The creation time.
    Dct,
    /// A vague time in the text ("now": PRESENT_REF) or one not written there.
    Other,
}

/// Scores Dateline's events and their dates in one document.
fn score_events(doc: &MtDoc, a: &Analysis, notes: &mut Vec<String>) -> EventTally {
    let mut t = EventTally::default();
    let spans_of = |m: &meantime_doc::Markable| -> Vec<Span> { m.tokens.iter().map(|&k| doc.tokens[k].span).collect() };
    let all_gold: Vec<Vec<Span>> = doc
        .markables
        .values()
        .filter(|m| m.tag == "EVENT_MENTION")
        .map(spans_of)
        .collect();
    for e in a.events.iter().filter(|e| e.trigger.span.start < doc.region_end) {
        t.in_region += 1;
        if all_gold.iter().flatten().any(|g| g.overlaps(&e.trigger.span)) {
            t.on_gold += 1;
        }
    }
    // The date anchors of each gold event: (value, what anchors it).
    let mut anchors: HashMap<&str, Vec<(&str, Anchor)>> = HashMap::new();
    for r in &doc.relations {
        if r.tag != "TLINK"
            || !matches!(
                r.attrs.get("reltype").map(String::as_str),
                Some("INCLUDES" | "IS_INCLUDED" | "SIMULTANEOUS")
            )
        {
            continue;
        }
        for (x, y) in [(&r.sources, &r.targets), (&r.targets, &r.sources)] {
            let (Some(ev), Some(tx)) = (x.first(), y.first()) else {
                continue;
            };
            let (Some(e), Some(m)) = (doc.markables.get(ev), doc.markables.get(tx)) else {
                continue;
            };
            if e.tag != "EVENT_MENTION" || m.tag != "TIMEX3" || !matches!(m.attr("type"), "DATE" | "TIME") {
                continue;
            }
            let value = m.attr("value");
            let anchor = if m.attr("functionInDocument") == "CREATION_TIME" {
                Anchor::Dct
            } else if !m.tokens.is_empty() && Precision::of_value(value) != Precision::Vague {
                Anchor::Text
            } else {
                Anchor::Other
            };
            anchors.entry(ev.as_str()).or_default().push((value, anchor));
        }
    }
    let mut ids: Vec<&String> = doc.markables.keys().collect();
    ids.sort_by_key(|id| id.parse::<u64>().unwrap_or(u64::MAX));
    for id in ids {
        let m = &doc.markables[id];
        if m.tag != "EVENT_MENTION" || m.tokens.is_empty() || m.attr("pred").is_empty() {
            continue;
        }
        t.gold += 1;
        let spans = spans_of(m);
        let hits = |s: &Span| spans.iter().any(|g| g.overlaps(s));
        let found = a
            .events
            .iter()
            .find(|e| hits(&e.trigger.span))
            .or_else(|| a.events.iter().find(|e| e.mentions.iter().any(|r| hits(&r.span))));
        let list = anchors.get(id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        let first = |kind: Anchor| list.iter().find(|(_, a)| *a == kind);
        let text_anchor = first(Anchor::Text);
        let dct_anchor = first(Anchor::Dct);
        let gold_date = text_anchor
            .or(dct_anchor)
            .or_else(|| list.first())
            .map(|(v, _)| *v)
            .filter(|v| !v.is_empty());
        let words = spans.iter().map(|s| s.slice(&doc.text)).collect::<Vec<_>>().join(" ");
        if text_anchor.is_some() {
            t.text_dated += 1;
            if found.is_some() {
                t.text_dated_found += 1;
            } else {
                notes.push(format!(
                    "    missed text-dated event {words:?} ({})",
                    gold_date.unwrap_or("?")
                ));
            }
        }
        let (Some(e), Some(gv)) = (found, gold_date) else {
            continue;
        };
        let ok = e.date.value.starts_with(gv);
        t.all_date_n += 1;
        t.all_date_ok += usize::from(ok);
        if text_anchor.is_some() {
            t.text_date_n += 1;
            t.text_date_ok += usize::from(ok);
        } else if dct_anchor.is_some() {
            t.dct_date_n += 1;
            t.dct_date_ok += usize::from(ok);
        }
        if !ok {
            notes.push(format!("    wrong date {words:?}: {} for {gv}", e.date.value));
        }
    }
    t
}

/// The XML files of the corpus grouped by topic (`corpus_apple/` → apple), sorted.
fn topics(dir: &Path) -> Vec<(String, Vec<PathBuf>)> {
    let xml_in = |d: &Path| -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(d)
            .map(|r| {
                r.filter_map(|e| e.ok())
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "xml"))
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v
    };
    let mut out: Vec<(String, Vec<PathBuf>)> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok())
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().trim_start_matches("corpus_").to_string());
            (name.unwrap_or_default(), xml_in(&p))
        })
        .filter(|(_, files)| !files.is_empty())
        .collect();
    out.sort();
    let own = xml_in(dir);
    if !own.is_empty() {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().trim_start_matches("corpus_").to_string());
        out.push((name.unwrap_or_default(), own));
    }
    out
}

/// The command-line options.
struct Args {
    dir: PathBuf,
    verbose: bool,
    system_json: Option<PathBuf>,
    name: String,
    dump: Option<PathBuf>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut out = Args {
        dir: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/meantime"),
        verbose: false,
        system_json: None,
        name: "other".to_string(),
        dump: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--verbose" | "-v" => out.verbose = true,
            "--system-json" => out.system_json = Some(PathBuf::from(value()?)),
            "--name" => out.name = value()?,
            "--dump-texts" => out.dump = Some(PathBuf::from(value()?)),
            s if s.starts_with("--") => return Err(format!("unknown option {s}")),
            s => out.dir = PathBuf::from(s),
        }
    }
    Ok(out)
}

pub fn run(args: &[String]) -> i32 {
    let args = match parse_args(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("eval meantime: {e}");
            eprintln!(
                "usage: eval meantime [--verbose] [--system-json FILE [--name LABEL]] [--dump-texts DIR] [CORPUS]"
            );
            return 2;
        }
    };
    let groups = topics(&args.dir);
    if groups.is_empty() {
        println!(
            "SKIP eval meantime: no MEANTIME XML under {} (the corpus lives outside the project)",
            args.dir.display()
        );
        return 0;
    }
    let other = match args.system_json.as_deref().map(read_system_json).transpose() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("eval meantime: {e}");
            return 2;
        }
    };
    if let Some(d) = &args.dump {
        if let Err(e) = std::fs::create_dir_all(d) {
            eprintln!("eval meantime: cannot create {}: {e}", d.display());
            return 2;
        }
    }
    let started = Instant::now();
    let mut analysis_time = Duration::ZERO;
    let (mut region_bytes, mut all_bytes) = (0, 0);
    let mut per_topic: Vec<(String, Totals)> = Vec::new();
    for (topic, files) in &groups {
        let mut totals = Totals::default();
        for path in files {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let doc = match std::fs::read_to_string(path)
                .map_err(|e| e.to_string())
                .and_then(|x| meantime_doc::read(&x).map_err(|e| e.to_string()))
            {
                Ok(d) => d,
                Err(e) => {
                    eprintln!("eval meantime: {}: {e}", path.display());
                    return 2;
                }
            };
            if let Some(d) = &args.dump {
                if let Err(e) = std::fs::write(d.join(format!("{stem}.txt")), &doc.text) {
                    eprintln!("eval meantime: cannot write into {}: {e}", d.display());
                    return 2;
                }
            }
            let dct = doc
                .creation_time()
                .and_then(|v| dateline::calendar::Date::parse_iso(v.get(..10).unwrap_or(v)).ok());
            let t0 = Instant::now();
            let a = dateline::analyze(
                &doc.text,
                &Options {
                    dct,
                    ..Default::default()
                },
            );
            analysis_time += t0.elapsed();
            region_bytes += doc.region_end;
            all_bytes += doc.text.len();
            let gold = gold_names(&doc);
            let mut notes = Vec::new();
            let mut file = Totals {
                files: 1,
                ..Default::default()
            };
            notes.push("  Dateline:".to_string());
            file.names.push(score_names(
                &gold,
                &dateline_names(&a, doc.region_end),
                &doc.text,
                &mut notes,
            ));
            file.events = score_events(&doc, &a, &mut notes);
            if let Some(o) = &other {
                let mut theirs: Vec<(usize, Span)> = o.get(&stem).cloned().unwrap_or_default();
                theirs.retain(|(_, s)| {
                    s.start < doc.region_end
                        && s.end <= doc.text.len()
                        && doc.text.is_char_boundary(s.start)
                        && doc.text.is_char_boundary(s.end)
                });
                notes.push(format!("  {}:", args.name));
                file.names.push(score_names(&gold, &theirs, &doc.text, &mut notes));
            }
            if args.verbose {
                let lines = |t: &str| t.lines().count();
                println!(
                    "{topic}/{stem} (region: {} of {} sentences)",
                    lines(&doc.text[..doc.region_end]),
                    lines(&doc.text)
                );
                for n in &notes {
                    println!("{n}");
                }
            }
            totals.add(&file);
        }
        per_topic.push((topic.clone(), totals));
    }
    let mut all = Totals::default();
    for (_, t) in &per_topic {
        all.add(t);
    }
    per_topic.push(("all".to_string(), all));
    print_report(&per_topic, &args.name, region_bytes, all_bytes);
    println!(
        "time: {:.2} s in all, {:.2} s in analyze ({} files)",
        started.elapsed().as_secs_f64(),
        analysis_time.as_secs_f64(),
        per_topic.last().map_or(0, |(_, t)| t.files)
    );
    0
}

fn print_report(rows: &[(String, Totals)], other: &str, region_bytes: usize, all_bytes: usize) {
    let files: Vec<String> = rows.iter().map(|(t, x)| format!("{t} {}", x.files)).collect();
    println!(
        "eval meantime: files {}; annotated region {} of {} bytes ({:.0} %)",
        files.join(", "),
        region_bytes,
        all_bytes,
        100.0 * ratio(region_bytes, all_bytes)
    );
    println!(
        "names: F1 where the system span covers the gold name's head (exact = same span); gold / system / matched"
    );
    let systems = rows.first().map_or(0, |(_, t)| t.names.len());
    let mut header = format!("{:<8}{:<11}{:>5}", "topic", "kind", "gold");
    for s in 0..systems {
        let label = if s == 0 { "Dateline" } else { other };
        header.push_str(&format!(
            " | {label:<9}{:>5}{:>5}{:>6}{:>6}{:>7}",
            "sys", "ok", "P", "R", "F1"
        ));
        header.push_str(&format!("{:>7}", "exact"));
    }
    println!("{header}");
    for (topic, t) in rows {
        for (k, kind) in KINDS.iter().enumerate() {
            let gold = t.names.first().map_or(0, |n| n[k].gold);
            let mut line = format!("{topic:<8}{kind:<11}{gold:>5}");
            for n in &t.names {
                let n = &n[k];
                line.push_str(&format!(
                    " | {:<9}{:>5}{:>5}{:>6.3}{:>6.3}{:>7.3}{:>7.3}",
                    "",
                    n.system,
                    n.head,
                    ratio(n.head, n.system),
                    ratio(n.head, n.gold),
                    f1(n.head, n.gold, n.system),
                    f1(n.exact, n.gold, n.system)
                ));
            }
            println!("{line}");
        }
    }
    println!(
        "events (Dateline): text-dated found = gold events dated by a text timex that a trigger or mention overlaps;"
    );
    println!(
        "  trigger precision = triggers in the region on a gold event mention; dates right at the gold's precision"
    );
    println!(
        "{:<8}{:>6}{:>18}{:>22}{:>20}{:>18}{:>18}",
        "topic",
        "gold",
        "text-dated found",
        "trigger precision",
        "dates (text-dated)",
        "dates (DCT only)",
        "dates (anchored)"
    );
    for (topic, t) in rows {
        let e = &t.events;
        let cell = |a: usize, b: usize| format!("{a}/{b} {:.1} %", 100.0 * ratio(a, b));
        println!(
            "{topic:<8}{:>6}{:>18}{:>22}{:>20}{:>18}{:>18}",
            e.gold,
            cell(e.text_dated_found, e.text_dated),
            cell(e.on_gold, e.in_region),
            cell(e.text_date_ok, e.text_date_n),
            cell(e.dct_date_ok, e.dct_date_n),
            cell(e.all_date_ok, e.all_date_n)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn corpus() -> Option<PathBuf> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/meantime");
        dir.is_dir().then_some(dir)
    }

    #[test]
    fn the_corpus_gives_names_and_dated_events_in_its_regions() {
        let Some(dir) = corpus() else {
            println!("SKIP meantime corpus absent: ../shared/corpora/meantime");
            return;
        };
        let groups = topics(&dir);
        assert!(!groups.is_empty());
        let (mut names, mut kinds, mut dated) = (0, HashSet::new(), 0);
        for path in groups.iter().flat_map(|(_, f)| f) {
            let xml = std::fs::read_to_string(path).expect("readable");
            let doc = meantime_doc::read(&xml).expect("parses");
            assert!(
                doc.region_end > 0 && doc.region_end <= doc.text.len(),
                "{}",
                path.display()
            );
            assert!(doc.creation_time().is_some(), "{}", path.display());
            let gold = gold_names(&doc);
            for n in &gold {
                assert!(
                    n.span.end <= doc.region_end && n.span.contains(&n.head),
                    "{}",
                    path.display()
                );
                kinds.insert(n.kind);
            }
            names += gold.len();
            let e = score_events(&doc, &Analysis::default(), &mut Vec::new());
            assert_eq!((e.text_dated_found, e.in_region), (0, 0));
            dated += e.text_dated;
        }
        assert!(
            names > 0 && dated > 0 && kinds.len() >= 4,
            "{names} names, {dated} dated, kinds {kinds:?}"
        );
    }

    #[test]
    fn a_name_matches_by_head_and_by_exact_span() {
        let text = "the Moscone Center in Paris";
        let gold = [Name {
            kind: 2,
            span: Span::new(0, 27),
            head: Span::new(4, 18),
        }];
        let sys = [(2, Span::new(4, 18)), (2, Span::new(22, 27)), (0, Span::new(0, 27))];
        let t = score_names(&gold, &sys, text, &mut Vec::new());
        assert_eq!((t[2].gold, t[2].system, t[2].head, t[2].exact), (1, 2, 1, 0));
        assert_eq!((t[0].gold, t[0].system, t[0].head), (0, 1, 0));
        // Pooled, the person span covers the head too, but the place took the one gold name first.
        assert_eq!((t[4].gold, t[4].system, t[4].head), (1, 3, 1));
        assert!(
            demonym_like("Japanese")
                && demonym_like("Russian")
                && !demonym_like("Japan")
                && !demonym_like("Afghanistan")
        );
    }
}
