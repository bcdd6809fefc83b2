//! The complexity suite of issue 23: families of adversarial text, generated here, each analysed at three sizes;
//! reports seconds per MB at the largest size, the growth exponent and the peak memory, and flags every family
//! that grows faster than linearly (exponent > 1.2) or costs more than 2 s per MB.
//!
//! ```text
//! cargo run --release --example complexity -- [--quick] [--family NAME[,NAME…]] [--cap SECONDS] [--list]
//! ```
//!
//! Sizes are 200 KB, 800 KB and 1.6 MB (`--quick`: 50, 200 and 400 KB). Each run is a child process (this
//! program with `--child FAMILY BYTES`), so a run over the cap (20 s unless `--cap`) is stopped and its family's
//! larger sizes are skipped: the suite always finishes. The child times one `html::extract` (HTML families) plus
//! `analyze`, as the CLI does, after a warm-up call on 2 KB of the same family that pays the one-time set-up; it
//! reports the time of each stage, which names the stage a stopped run was in, and `VmHWM` from
//! `/proc/self/status` (peak resident memory) before and after. A run under half a second is repeated in two
//! more fresh processes and the median kept. Every size is measured alike, once per process: repeating a run in
//! the same process favoured the small sizes, whose memory the allocator hands back for reuse while the large
//! sizes' (mapped afresh each time) page-fault again, and made linear stages look like exponent 1.3.
//! Timings are reported, never asserted: this is `make bench`, not `make test`.
//! `--family` takes exact names or a prefix ending in `*` (`--family 'html-*'`).

use dateline::{analyze_with_progress, calendar::Date, html, Options, Stage};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const MB: f64 = 1024.0 * 1024.0;

/// How long a child may take before its first stage (start-up, the text, the warm-up call).
const SET_UP_LIMIT: Duration = Duration::from_secs(60);

/// A family: text made of `prefix` and then `unit(0)`, `unit(1)`, … up to the size asked.
struct Family {
    name: &'static str,
    /// Read through `html::extract` first, as the CLI reads a page.
    html: bool,
    /// Analysed with a document date (`--dct 2016-09-05`).
    dct: bool,
    prefix: &'static str,
    unit: fn(usize) -> String,
}

const fn plain(name: &'static str, unit: fn(usize) -> String) -> Family {
    Family {
        name,
        html: false,
        dct: false,
        prefix: "",
        unit,
    }
}

const fn dated(name: &'static str, unit: fn(usize) -> String) -> Family {
    Family {
        name,
        html: false,
        dct: true,
        prefix: "",
        unit,
    }
}

const fn page(name: &'static str, prefix: &'static str, unit: fn(usize) -> String) -> Family {
    Family {
        name,
        html: true,
        dct: false,
        prefix,
        unit,
    }
}

/// A distinct made-up surname for every `i` ("Bakori", "Kotamu", …): two-letter syllables, at least three.
fn surname(i: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ba", "ko", "ri", "ta", "mu", "se", "da", "vo", "li", "ne", "ga", "pi", "zu", "he", "fo", "ka",
    ];
    let mut name = String::new();
    let mut n = i;
    for k in 0.. {
        name.push_str(SYLLABLES[n % 16]);
        n /= 16;
        if n == 0 && k >= 2 {
            break;
        }
    }
    let mut chars = name.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_ascii_uppercase().to_string() + chars.as_str())
}

fn given(i: usize) -> &'static str {
    ["John", "Maria", "Ahmed", "Sarah", "David", "Fatima", "Michael", "Elena"][i % 8]
}

const ASCII_PUNCT: &str = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";

const NEWS: &[&str] = &[
    "the army said on Monday that rebels had attacked the town of Homs",
    "killing 12 people and wounding dozens more near the border with Turkey",
    "while officials in Damascus denied the report two days later",
    "and the United Nations called for a ceasefire by the end of the week",
    "after a bombing in Aleppo last year left 30 dead in the old city",
];

fn families() -> Vec<Family> {
    vec![
        // The table of issue 23.
        plain("blotter", |i| {
            format!("{} {}, {}, was arrested. ", given(i), surname(i), 18 + i % 60)
        }),
        plain("president-attacked", |i| format!("President {} attacked, ", surname(i))),
        plain("bombing-killed-n", |i| format!("bombing killed {i}, ")),
        plain("numbers-commas", |_| "1,".into()),
        plain("run-dots", |_| ".".into()),
        plain("run-bangs", |_| "!".into()),
        plain("run-questions", |_| "?".into()),
        plain("run-dot-quote", |_| ".\"".into()),
        plain("is-is", |_| "IS-".into()),
        plain("may-hyphen", |_| "May-".into()),
        plain("may-dot", |_| "May.".into()),
        plain("year-at-6pm", |_| "2015. At 6 p.m. ".into()),
        plain("year-next-day", |_| "2015 the next day ".into()),
        plain("year-years-ago", |_| "2015, 2 years ago, ".into()),
        dated("long-sentence-dct", |i| format!("{}, ", NEWS[i % NEWS.len()])),
        page("html-amp-no-semicolon", "<html><body><p>", |_| "Tom & Jerry &x ".into()),
        plain("homs-lines", |_| "Homs\n".into()),
        plain("homs-commas", |_| "Homs, ".into()),
        // Punctuation runs.
        plain("run-commas", |_| ",".into()),
        plain("run-hyphens", |_| "-".into()),
        plain("run-quotes", |_| "\"".into()),
        plain("run-apostrophes", |_| "'".into()),
        plain("run-open-brackets", |_| "([{".into()),
        plain("run-close-brackets", |_| ")]}".into()),
        plain("run-ellipsis", |_| "…".into()),
        plain("run-dashes", |_| "—".into()),
        plain("run-curly-quotes", |_| "“‘”’".into()),
        plain("run-ascii-punct", |i| ASCII_PUNCT[i % ASCII_PUNCT.len()..][..1].into()),
        plain("spaced-stops", |_| ". ! ? ".into()),
        plain("quoted-sentences", |i| {
            format!("\"{} said,\" ({}) [{}]. ", surname(i), i, given(i))
        }),
        // Long words and lines.
        plain("long-word", |_| "a".into()),
        plain(
            "long-capitalised-word",
            |i| if i == 0 { "A".into() } else { "b".into() },
        ),
        plain("long-accented-word", |_| "é".into()),
        plain("dotted-no-space", |_| "ab.".into()),
        plain("words-commas-no-space", |i| format!("{},", surname(i))),
        plain("digits", |_| "7".into()),
        plain("initials", |_| "U.S.".into()),
        plain("abbreviations", |_| "Mr. ".into()),
        plain("lone-initials", |_| "A. ".into()),
        plain("capitalised-run", |i| format!("{} ", surname(i))),
        plain("al-hyphen-run", |_| "Al-".into()),
        plain("blank-lines", |_| "\n".into()),
        plain("nbsp-run", |_| "\u{a0}".into()),
        plain("combining-marks", |i| {
            if i % 8 == 0 {
                "a".into()
            } else {
                "\u{301}".into()
            }
        }),
        // Lexicon cues repeated.
        plain("months", |_| "May ".into()),
        plain("weekdays-in-place", |_| "on Monday in Homs ".into()),
        plain("dates-iso", |i| {
            format!("{}-{:02}-{:02} ", 1990 + i % 30, 1 + i % 12, 1 + i % 28)
        }),
        plain("numbers-spaced", |i| format!("{} ", i % 1000)),
        plain("killed-people", |i| {
            format!("{} people were killed in {}. ", i % 500, surname(i))
        }),
        plain("the-city", |_| "the city ".into()),
        plain("said", |_| "said ".into()),
        plain("given-names", |i| format!("{} ", given(i))),
        dated("relative-dates-dct", |_| {
            "last week, two days later, the next year, ".into()
        }),
        // HTML constructs repeated or left open.
        page("html-divs-open", "<html><body>", |_| "<div>".into()),
        page("html-paragraphs", "<html><body>", |i| {
            format!("<p>{} met {}.</p>", given(i), surname(i))
        }),
        page("html-comment-open", "<html><body><p>start</p><!--", |_| "a b ".into()),
        page("html-comments", "<html><body>", |_| "<!-- x --><p>a</p>".into()),
        page("html-comment-starts", "<html><body>", |_| "<!--".into()),
        page("html-script-open", "<html><body><p>start</p><script>", |_| {
            "x = 1; ".into()
        }),
        page("html-scripts", "<html><body>", |_| {
            "<p>x</p><script>a()</script>".into()
        }),
        page("html-script-starts", "<html><body>", |_| "<script>".into()),
        page("html-heads", "<html>", |_| "<head><title>t</title></head>".into()),
        page("html-head-starts", "<html>", |_| "<head>".into()),
        page("html-titles", "<html><body>", |_| "<title>".into()),
        page("html-metas", "<html><head>", |_| {
            "<meta name=\"date\" content=\"2016-01-01\">".into()
        }),
        page("html-times", "<html><body>", |_| {
            "<time datetime=\"2016-01-01\">x</time>".into()
        }),
        page("html-entities", "<html><body><p>", |_| "&amp;&#8212;&nbsp;".into()),
        page("html-lt-runs", "<html><body><p>", |_| "<".into()),
        page("html-open-quote", "<html><body><p>x</p><a href=\"", |_| "a ".into()),
        page("html-tag-opens", "<html><body>", |_| "<a ".into()),
        page("html-attributes", "<html><body><p", |_| " name=content".into()),
        page("html-long-tag-name", "<html><body><", |_| "a".into()),
    ]
}

/// The document date of the dated families and of `--dct` in the issue.
fn dct() -> Option<Date> {
    Date::parse_iso("2016-09-05").ok()
}

fn generate(family: &Family, size: usize) -> String {
    let mut text = String::with_capacity(size + 64);
    text.push_str(family.prefix);
    let mut i = 0;
    while text.len() < size {
        text.push_str(&(family.unit)(i));
        i += 1;
    }
    let mut cut = size.min(text.len());
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    text.truncate(cut);
    text
}

/// Peak resident memory so far, in KB (`VmHWM`); 0 where /proc is absent.
fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

fn stage_name(stage: Stage) -> &'static str {
    match stage {
        Stage::Segmenting => "segment",
        Stage::Dates => "dates",
        Stage::Entities => "entities",
        Stage::Places => "places",
        Stage::Events => "events",
    }
}

/// One analysis as the CLI does it; `mark` is called with each stage's name as it starts.
fn run_once(family: &Family, text: &str, mark: &mut dyn FnMut(&'static str)) -> usize {
    let mut options = Options {
        dct: if family.dct { dct() } else { None },
        ..Options::default()
    };
    mark("html");
    let text = if family.html {
        html::extract(text).into_text(&mut options)
    } else {
        text.to_string()
    };
    let analysis = analyze_with_progress(&text, &options, &mut |stage| mark(stage_name(stage)));
    mark("end");
    analysis.timexes.len() + analysis.entities.len() + analysis.places.len() + analysis.events.len()
}

/// The child: prints `stage NAME SECONDS` as each stage starts (so a stopped run names its stage), then
/// `result BYTES SECONDS HWM_BEFORE_KB HWM_AFTER_KB STAGE=SECONDS…`.
fn child(name: &str, size: usize) {
    let all = families();
    let Some(family) = all.iter().find(|f| f.name == name) else {
        eprintln!("complexity: no family {name}");
        std::process::exit(2);
    };
    let text = generate(family, size);
    let warm = generate(family, 2048);
    run_once(family, &warm, &mut |_| {});
    let before = peak_rss_kb();
    let start = Instant::now();
    let mut marks: Vec<(&'static str, f64)> = Vec::new();
    let mut out = std::io::stdout();
    run_once(family, &text, &mut |stage| {
        let at = start.elapsed().as_secs_f64();
        marks.push((stage, at));
        let _ = writeln!(out, "stage {stage} {at:.3}");
    });
    let took = start.elapsed().as_secs_f64();
    let after = peak_rss_kb();
    let stages: Vec<String> = marks
        .windows(2)
        .map(|w| format!("{}={:.4}", w[0].0, w[1].1 - w[0].1))
        .collect();
    let _ = writeln!(
        out,
        "result {} {took:.6} {before} {after} {}",
        text.len(),
        stages.join(" ")
    );
}

/// What one run gave.
enum Outcome {
    Done {
        bytes: usize,
        secs: f64,
        /// Peak memory the analysis added, in bytes.
        added_rss: f64,
        /// The stage that took longest, with its share of the time.
        top_stage: (String, f64),
    },
    /// Stopped at the cap, in this stage.
    Capped {
        stage: String,
    },
    Failed(String),
}

fn measure(name: &str, size: usize, cap: Duration) -> Outcome {
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    let mut proc = match Command::new(exe)
        .args(["--child", name, &size.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    {
        Ok(p) => p,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    // The child's lines arrive through a thread, so the cap can start at its first stage mark: the set-up
    // (gazetteer, tables, generating the text, the warm-up) is not counted, only given a limit of its own.
    let (send, lines) = mpsc::channel::<String>();
    let reader = proc.stdout.take().map(|out| {
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if send.send(line).is_err() {
                    break;
                }
            }
        })
    });
    let spawned = Instant::now();
    let mut measured_from: Option<Instant> = None;
    let mut seen: Vec<String> = Vec::new();
    let capped = loop {
        match lines.recv_timeout(Duration::from_millis(20)) {
            Ok(line) => {
                if line.starts_with("stage ") && measured_from.is_none() {
                    measured_from = Some(Instant::now());
                }
                seen.push(line);
                continue;
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => break false,
            Err(mpsc::RecvTimeoutError::Timeout) => {}
        }
        let over = match measured_from {
            Some(t) => t.elapsed() > cap,
            None => spawned.elapsed() > SET_UP_LIMIT,
        };
        if over {
            let _ = proc.kill();
            break true;
        }
    };
    let _ = proc.wait();
    if let Some(reader) = reader {
        let _ = reader.join();
    }
    seen.extend(lines.try_iter());
    let last_stage = seen
        .iter()
        .rev()
        .find_map(|l| l.strip_prefix("stage "))
        .and_then(|l| l.split(' ').next())
        .unwrap_or("set-up")
        .to_string();
    if capped {
        return Outcome::Capped { stage: last_stage };
    }
    let Some(result) = seen.iter().find_map(|l| l.strip_prefix("result ")) else {
        let mut err = String::new();
        if let Some(mut e) = proc.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        let line = err.lines().find(|l| l.contains("panicked")).unwrap_or("no result");
        return Outcome::Failed(format!("in {last_stage}: {line}"));
    };
    let fields: Vec<&str> = result.split(' ').collect();
    let num = |k: usize| fields.get(k).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    let stages: Vec<(String, f64)> = fields
        .iter()
        .skip(4)
        .filter_map(|f| f.split_once('='))
        .map(|(s, t)| (s.to_string(), t.parse().unwrap_or(0.0)))
        .collect();
    let total: f64 = stages.iter().map(|s| s.1).sum::<f64>().max(1e-9);
    let top = stages
        .iter()
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or((String::new(), 0.0), |(s, t)| (s.clone(), t / total));
    Outcome::Done {
        bytes: num(0) as usize,
        secs: num(1),
        added_rss: (num(3) - num(2)).max(0.0) * 1024.0,
        top_stage: top,
    }
}

/// The run of median time; a failed or stopped run among them wins (it is the news).
fn median(mut runs: Vec<Outcome>) -> Outcome {
    if let Some(k) = runs.iter().position(|r| !matches!(r, Outcome::Done { .. })) {
        return runs.swap_remove(k);
    }
    let secs = |r: &Outcome| match r {
        Outcome::Done { secs, .. } => *secs,
        _ => f64::INFINITY,
    };
    runs.sort_by(|a, b| secs(a).total_cmp(&secs(b)));
    runs.swap_remove(runs.len() / 2)
}

fn human(bytes: usize) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / MB)
    } else {
        format!("{} KB", bytes / 1024)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--child") {
        let (Some(name), Some(size)) = (args.get(1), args.get(2).and_then(|s| s.parse().ok())) else {
            eprintln!("complexity: --child FAMILY BYTES");
            std::process::exit(2);
        };
        child(name, size);
        return;
    }
    let mut quick = false;
    let mut only: Vec<String> = Vec::new();
    let mut cap = Duration::from_secs(20);
    let mut list = false;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--quick" => quick = true,
            "--list" => list = true,
            "--family" => only.extend(it.next().into_iter().flat_map(|v| v.split(',').map(str::to_string))),
            "--cap" => cap = Duration::from_secs_f64(it.next().and_then(|v| v.parse().ok()).unwrap_or(20.0)),
            other => {
                eprintln!(
                    "complexity: unknown argument {other}; use [--quick] [--family NAME] [--cap SECONDS] [--list]"
                );
                std::process::exit(2);
            }
        }
    }
    let selected: Vec<Family> = families()
        .into_iter()
        .filter(|f| {
            only.is_empty()
                || only.iter().any(|o| match o.strip_suffix('*') {
                    Some(prefix) => f.name.starts_with(prefix),
                    None => f.name == o,
                })
        })
        .collect();
    if list {
        for f in &selected {
            println!("{}", f.name);
        }
        return;
    }
    if selected.is_empty() {
        eprintln!("complexity: no family matches {only:?} (see --list)");
        std::process::exit(2);
    }
    let sizes: [usize; 3] = if quick {
        [50 * 1024, 200 * 1024, 400 * 1024]
    } else {
        [200 * 1024, 800 * 1024, 1600 * 1024]
    };
    let head: Vec<String> = sizes.iter().map(|&s| human(s)).collect();
    println!(
        "complexity suite: {} families at {}; cap {} s per run; release build: {}",
        selected.len(),
        head.join(", "),
        cap.as_secs_f64(),
        !cfg!(debug_assertions)
    );
    println!();
    println!(
        "| family | {} | s/MB | exponent | peak RSS / input | slowest stage | flag |",
        head.join(" | ")
    );
    println!("|---|{}---:|---:|---:|---|---|", "---:|".repeat(sizes.len()));
    let mut flagged = Vec::new();
    for family in &selected {
        let mut cells = Vec::new();
        let mut done: Vec<(usize, f64, f64, (String, f64))> = Vec::new();
        let mut capped_in: Option<(usize, String)> = None;
        let mut failed = None;
        for &size in &sizes {
            if capped_in.is_some() || failed.is_some() {
                cells.push("–".to_string());
                continue;
            }
            let mut outcome = measure(family.name, size, cap);
            if let Outcome::Done { secs, .. } = outcome {
                if secs < 0.5 {
                    let mut runs = vec![outcome];
                    runs.extend((0..2).map(|_| measure(family.name, size, cap)));
                    outcome = median(runs);
                }
            }
            match outcome {
                Outcome::Done {
                    bytes,
                    secs,
                    added_rss,
                    top_stage,
                } => {
                    cells.push(format!("{secs:.3} s"));
                    done.push((bytes, secs, added_rss, top_stage));
                }
                Outcome::Capped { stage } => {
                    cells.push(format!("> cap ({stage})"));
                    capped_in = Some((size, stage));
                }
                Outcome::Failed(why) => {
                    cells.push(format!("failed: {why}"));
                    failed = Some(why);
                }
            }
        }
        let largest = done.last();
        let per_mb = largest.map(|(b, t, _, _)| t / (*b as f64 / MB));
        let exponent = match (done.first(), capped_in.as_ref()) {
            // Stopped at the cap: the exponent is at least the one the cap gives.
            (Some((b0, t0, _, _)), Some((size, _))) => {
                Some((((cap.as_secs_f64() / t0).ln() / (*size as f64 / *b0 as f64).ln()), true))
            }
            (Some((b0, t0, _, _)), None) if done.len() >= 2 => {
                let (b1, t1, _, _) = done[done.len() - 1];
                Some((((t1 / t0.max(1e-6)).ln() / (b1 as f64 / *b0 as f64).ln()), false))
            }
            _ => None,
        };
        let memory = largest.map(|(b, _, rss, _)| rss / *b as f64);
        let stage = match (&capped_in, largest) {
            (Some((_, stage)), _) => stage.clone(),
            (None, Some((_, _, _, (stage, share)))) => format!("{stage} {:.0}%", share * 100.0),
            _ => String::new(),
        };
        let mut flags = Vec::new();
        if exponent.is_some_and(|(e, _)| e > 1.2) {
            flags.push("exponent > 1.2");
        }
        if per_mb.is_some_and(|s| s > 2.0) || capped_in.is_some() {
            flags.push("> 2 s/MB");
        }
        if capped_in.is_some() {
            flags.push("capped");
        }
        if failed.is_some() {
            flags.push("FAILED");
        }
        let flag = if flags.is_empty() {
            String::new()
        } else {
            format!("**{}**", flags.join(", "))
        };
        println!(
            "| {} | {} | {} | {} | {} | {} | {} |",
            family.name,
            cells.join(" | "),
            per_mb.map_or("–".into(), |s| format!("{s:.2}")),
            exponent.map_or("–".into(), |(e, lower)| format!(
                "{}{e:.2}",
                if lower { "> " } else { "" }
            )),
            memory.map_or("–".into(), |m| format!("{m:.1}×")),
            stage,
            flag
        );
        let _ = std::io::stdout().flush();
        if !flags.is_empty() {
            flagged.push(family.name);
        }
    }
    println!();
    println!(
        "{} of {} families flagged{}{}",
        flagged.len(),
        selected.len(),
        if flagged.is_empty() { "" } else { ": " },
        flagged.join(", ")
    );
}
