//! Evaluation: the article, headline and date of real saved web pages.
//!
//! `eval web [--pages] [DIR]` (default `../shared/corpora/web/readability`) reads every `NAME/source.html` with
//! its `expected.html` (the article as Readability extracts it, headline and byline moved out) and
//! `expected-metadata.json`, and prints:
//!
//! - body word-F1: our extracted body against the text of `expected.html`, as bags of words (lower case,
//!   runs of letters and digits in any script), per page with `--pages`, and the mean over the English news and
//!   magazine pages (the groups in the folder's README.md) and over all; beside it the same figure for all the
//!   page's visible text, the baseline an extractor has to beat;
//! - body shingle-F1: the same with 4-word shingles (the measure of public article-extraction benchmarks, e.g.
//!   Scrapinghub's article-extraction-benchmark, where trafilatura and Readability.js are scored): word order
//!   and boilerplate between the article's sentences count, as they do not in a bag of words;
//! - titles: our headline equal to the expected `title` (white space collapsed, curly quotes straightened);
//! - dates: the document date of the analysis (metadata, else a date line in the text) on the calendar day of
//!   the expected `publishedTime`, over the pages that have one.
//!
//! `--dump OUT` also writes each page's `NAME.ours.txt` and `NAME.expected.txt` into the folder `OUT`, for reading
//! the differences by hand. Skips with a message (exit 0) when the folder is absent.

use dateline::{html, Options};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// One scored page.
struct Page {
    name: String,
    english: bool,
    f1: f64,
    baseline: f64,
    shingle_f1: f64,
    shingle_baseline: f64,
    title_ok: bool,
    date: Option<bool>,
    /// Time spent in `html::extract` alone.
    extract_time: std::time::Duration,
    ours_title: String,
    expected_title: String,
    ours_date: String,
    expected_date: String,
    /// Places and events of the analysis whose words in context are not in the expected article: (outside, all).
    places_outside: (usize, usize),
    events_outside: (usize, usize),
}

pub fn run(args: &[String]) -> i32 {
    let pages_flag = args.iter().any(|a| a == "--pages");
    let dump = args
        .iter()
        .position(|a| a == "--dump")
        .and_then(|k| args.get(k + 1))
        .map(PathBuf::from);
    let dir = args
        .iter()
        .enumerate()
        .find(|(k, a)| !a.starts_with("--") && (*k == 0 || args[k - 1] != "--dump"))
        .map(|(_, a)| a)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/web/readability"));
    if !dir.is_dir() {
        println!(
            "eval web: {} is absent; skipped (the saved pages live outside the project)",
            dir.display()
        );
        return 0;
    }
    let english = english_group(&dir);
    let mut names: Vec<String> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .filter(|e| e.path().join("source.html").is_file())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect(),
        Err(e) => {
            eprintln!("eval web: cannot read {}: {e}", dir.display());
            return 2;
        }
    };
    names.sort();
    let mut pages = Vec::new();
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for name in names {
        match score(&dir.join(&name), &name, english.contains(&name), dump.as_deref()) {
            Ok((page, size)) => {
                bytes += size;
                pages.push(page);
            }
            Err(e) => eprintln!("eval web: {name}: {e}"),
        }
    }
    let took = start.elapsed();
    if pages_flag {
        println!(
            "{:<28} {:>3} {:>6} {:>6} {:>6}  title  date",
            "page", "en", "F1", "all", "sh-F1"
        );
        for p in &pages {
            println!(
                "{:<28} {:>3} {:>6.3} {:>6.3} {:>6.3}  {:<5}  {}",
                p.name,
                if p.english { "en" } else { "" },
                p.f1,
                p.baseline,
                p.shingle_f1,
                if p.title_ok { "ok" } else { "--" },
                match p.date {
                    Some(true) => "ok".to_string(),
                    Some(false) => format!("-- ours {} expected {}", p.ours_date, p.expected_date),
                    None => "n/a".to_string(),
                }
            );
            if !p.title_ok {
                println!(
                    "    title ours     {:?}\n    title expected {:?}",
                    p.ours_title, p.expected_title
                );
            }
        }
    }
    let mean = |f: &dyn Fn(&Page) -> f64, only_english: bool| {
        let chosen: Vec<f64> = pages.iter().filter(|p| !only_english || p.english).map(f).collect();
        (chosen.iter().sum::<f64>() / chosen.len().max(1) as f64, chosen.len())
    };
    let (en_f1, en_n) = mean(&|p| p.f1, true);
    let (en_base, _) = mean(&|p| p.baseline, true);
    let (all_f1, all_n) = mean(&|p| p.f1, false);
    let (all_base, _) = mean(&|p| p.baseline, false);
    let titles = pages.iter().filter(|p| p.title_ok).count();
    let dated: Vec<bool> = pages.iter().filter_map(|p| p.date).collect();
    println!("body word-F1, English news and magazines ({en_n} pages): {en_f1:.3} (all visible text: {en_base:.3})");
    println!("body word-F1, all pages ({all_n}): {all_f1:.3} (all visible text: {all_base:.3})");
    let (en_sh, _) = mean(&|p| p.shingle_f1, true);
    let (en_sh_base, _) = mean(&|p| p.shingle_baseline, true);
    let (all_sh, _) = mean(&|p| p.shingle_f1, false);
    let (all_sh_base, _) = mean(&|p| p.shingle_baseline, false);
    println!(
        "body shingle-F1 (4-word shingles), English ({en_n} pages): {en_sh:.3} (all visible text: {en_sh_base:.3})"
    );
    println!(
        "body shingle-F1 (4-word shingles), all pages ({all_n}): {all_sh:.3} (all visible text: {all_sh_base:.3})"
    );
    println!("titles equal to the expected title: {titles}/{}", pages.len());
    println!(
        "publication dates on the expected day: {}/{} (a date found on {}/{} pages)",
        dated.iter().filter(|d| **d).count(),
        dated.len(),
        pages.iter().filter(|p| !p.ours_date.is_empty()).count(),
        pages.len()
    );
    let outside = |f: &dyn Fn(&Page) -> (usize, usize)| {
        let (o, n) = pages
            .iter()
            .filter(|p| p.english)
            .map(f)
            .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
        format!("{o} of {n} ({:.1} %)", 100.0 * o as f64 / n.max(1) as f64)
    };
    println!(
        "records from outside the article, English pages: places {}, events {}",
        outside(&|p| p.places_outside),
        outside(&|p| p.events_outside)
    );
    let extracting: std::time::Duration = pages.iter().map(|p| p.extract_time).sum();
    println!(
        "extraction alone: {:.1} MB in {:.0} ms ({:.1} ms per MB); with the analysis: {:.2} s",
        bytes as f64 / 1_048_576.0,
        extracting.as_secs_f64() * 1000.0,
        extracting.as_secs_f64() * 1000.0 / (bytes as f64 / 1_048_576.0).max(1e-9),
        took.as_secs_f64()
    );
    0
}

/// The pages of the README's "English news" and "English magazines" groups.
fn english_group(dir: &Path) -> Vec<String> {
    let readme = std::fs::read_to_string(dir.join("README.md")).unwrap_or_default();
    let flat = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = Vec::new();
    for group in ["English news (", "English magazines ("] {
        let Some(at) = flat.find(group) else { continue };
        let rest = &flat[at + group.len()..];
        let list = &rest[..rest.find(')').unwrap_or(rest.len())];
        for item in list.split(", ") {
            // `nytimes-1..4` is nytimes-1 to nytimes-4.
            match item.split_once("..") {
                Some((first, last)) => {
                    let (stem, from) = first.rsplit_once('-').unwrap_or((first, "1"));
                    let (from, to) = (from.parse::<u32>().unwrap_or(1), last.parse::<u32>().unwrap_or(0));
                    out.extend((from..=to).map(|k| format!("{stem}-{k}")));
                }
                None => out.push(item.trim().to_string()),
            }
        }
    }
    out
}

/// Scores one page folder; returns the page and the size of its source.
fn score(dir: &Path, name: &str, english: bool, dump: Option<&Path>) -> Result<(Page, usize), String> {
    let read = |f: &str| std::fs::read(dir.join(f)).map_err(|e| format!("{f}: {e}"));
    let source = dateline::input::decode(&read("source.html")?, usize::MAX)
        .map_err(|e| e.to_string())?
        .text;
    let expected_html = String::from_utf8_lossy(&read("expected.html")?).into_owned();
    let meta: Value = serde_json::from_slice(&read("expected-metadata.json")?).map_err(|e| e.to_string())?;
    let expected = html::visible_text(&expected_html);
    let started = std::time::Instant::now();
    let doc = html::extract(&source);
    let extract_time = started.elapsed();
    let f1 = word_f1(&doc.body, &expected);
    if let Some(out) = dump {
        let _ = std::fs::create_dir_all(out);
        let _ = std::fs::write(out.join(format!("{name}.ours.txt")), &doc.body);
        let _ = std::fs::write(out.join(format!("{name}.expected.txt")), &expected);
    }
    let visible = html::visible_text(&source);
    let baseline = word_f1(&visible, &expected);
    let (shingle_baseline, shingle_f1) = (shingle_f1(&visible, &expected), shingle_f1(&doc.body, &expected));
    let expected_title = meta["title"].as_str().map(normalise).unwrap_or_default();
    let ours_title = doc.meta.title.as_deref().map(normalise).unwrap_or_default();
    let expected_date = meta["publishedTime"].as_str().unwrap_or("").to_string();
    let mut options = Options::default();
    let text = doc.into_text(&mut options);
    let analysis = dateline::analyze(&text, &options);
    let ours_date = analysis.document.dct.value.clone().unwrap_or_default();
    let date =
        (!expected_date.is_empty()).then(|| expected_date.get(..10).is_some_and(|d| ours_date.get(..10) == Some(d)));
    // The article Readability keeps, with its title (moved out of expected.html), as one run of words.
    let article = format!(
        " {} ",
        words(&format!("{}\n{expected}", meta["title"].as_str().unwrap_or(""))).join(" ")
    );
    let outside = |spans: &mut dyn Iterator<Item = dateline::Span>| {
        let (mut out, mut all) = (0, 0);
        for span in spans {
            all += 1;
            if !article.contains(&format!(" {} ", in_context(&text, span))) {
                out += 1;
            }
        }
        (out, all)
    };
    let places_outside = outside(&mut analysis.places.iter().map(|p| p.span));
    let events_outside = outside(&mut analysis.events.iter().map(|e| e.trigger.span));
    Ok((
        Page {
            name: name.to_string(),
            english,
            f1,
            baseline,
            shingle_f1,
            shingle_baseline,
            title_ok: !expected_title.is_empty() && ours_title == expected_title,
            date,
            extract_time,
            ours_title,
            expected_title,
            ours_date,
            expected_date,
            places_outside,
            events_outside,
        },
        source.len(),
    ))
}

/// The lower-cased runs of letters and digits of `text`.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A mention with the two words before and after it, as a run of words: what must appear in the expected
/// article for the mention to count as the article's (a place named in a menu and in the body is told apart
/// by its neighbours).
fn in_context(text: &str, span: dateline::Span) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let before = words(&text[floor(span.start.saturating_sub(200))..floor(span.start)]);
    let after = words(&text[floor(span.end)..floor((span.end + 200).min(text.len()))]);
    let mut run: Vec<String> = before[before.len().saturating_sub(2)..].to_vec();
    run.extend(words(span.slice(text)));
    run.extend(after.into_iter().take(2));
    run.join(" ")
}

/// White space collapsed, curly quotes straightened.
fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '‘' | '’' | '‚' | '′' => '\'',
            '“' | '”' | '„' | '″' => '"',
            _ => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of a text: lower-cased runs of letters and digits, counted.
fn bag(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for w in text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

/// F1 of the bag of words of `ours` against `expected`.
fn word_f1(ours: &str, expected: &str) -> f64 {
    multiset_f1(&bag(ours), &bag(expected))
}

/// F1 of the multiset `a` against the multiset `b` (counts by key); 1 when both are empty.
fn multiset_f1(a: &HashMap<String, usize>, b: &HashMap<String, usize>) -> f64 {
    let common: usize = a.iter().map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0))).sum();
    let (na, nb) = (a.values().sum::<usize>(), b.values().sum::<usize>());
    if na == 0 || nb == 0 || common == 0 {
        return if na == nb { 1.0 } else { 0.0 };
    }
    let (p, r) = (common as f64 / na as f64, common as f64 / nb as f64);
    2.0 * p * r / (p + r)
}

/// The 4-word shingles of a text (runs of four consecutive words, lower-cased), counted.
fn shingles(text: &str) -> HashMap<String, usize> {
    let words = words(text);
    let mut out = HashMap::new();
    if words.len() < 4 {
        // A text of fewer than four words is one shingle of what it has.
        if !words.is_empty() {
            out.insert(words.join(" "), 1);
        }
        return out;
    }
    for run in words.windows(4) {
        *out.entry(run.join(" ")).or_insert(0) += 1;
    }
    out
}

/// F1 of the 4-word shingles of `ours` against those of `expected` (counted as multisets).
fn shingle_f1(ours: &str, expected: &str) -> f64 {
    multiset_f1(&shingles(ours), &shingles(expected))
}
