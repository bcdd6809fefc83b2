//! Times the dates and entities engines alone on generated adversarial texts (issue 23), at growing sizes, and
//! prints seconds, seconds per MB and the growth exponent between sizes (`log(t2/t1) / log(s2/s1)`).
//!
//! `cargo run --release --example perf_dates -- [FAMILY ...] [--sizes 200000,800000,1600000] [--cap SECONDS]`
//!
//! A family stops growing once one run took longer than the cap (default 20 s), so the quadratic cases of an old
//! build still finish. The document (segmentation) is built outside the timing.

use dateline::dates::DocTime;
use dateline::{calendar::Date, dates, entities, Context, Doc, Language};
use std::time::Instant;

/// The families: name, engine, repeated unit.
const FAMILIES: [(&str, &str, &str); 11] = [
    ("csv", "entities", "1,"),
    ("csv-year", "entities", "2015,"),
    ("is-is", "entities", "IS-"),
    ("may-dash", "dates", "May-"),
    ("may-dot", "dates", "May."),
    ("hist-clock", "dates", "2015. At 6 p.m. "),
    ("hist-nextday", "dates", "2015 the next day "),
    ("hist-ago", "dates", "2015, 2 years ago, "),
    (
        "long-sentence",
        "dates",
        "the minister said on Monday that the talks, which began in March, would resume on Friday, and officials \
         expected a deal by June after the vote held Sept. 5, ",
    ),
    ("daily", "dates", "daily,"),
    ("year-ago", "dates", "1988 the year-ago quarter "),
];

fn main() {
    let mut names = Vec::new();
    let mut sizes = vec![200_000usize, 800_000, 1_600_000];
    let mut cap = 20.0;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--sizes" => {
                sizes = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|s| s.parse().ok())
                    .collect();
            }
            "--cap" => cap = args.next().and_then(|s| s.parse().ok()).unwrap_or(cap),
            _ => names.push(a),
        }
    }
    let language = Language::english();
    let time = Date::new(2016, 9, 5).map(|date| DocTime { date, clock: None });
    for (name, engine, unit) in FAMILIES {
        if !names.is_empty() && !names.iter().any(|n| n == name) {
            continue;
        }
        let mut last: Option<(usize, f64)> = None;
        for &size in &sizes {
            let text = unit.repeat(size / unit.len() + 1);
            let doc = Doc::new(&text, language);
            let t = Instant::now();
            let found = if engine == "dates" {
                dates::extract_at(&doc, language, time).0.len()
            } else {
                entities::extract(&doc, language, &Context::default()).len()
            };
            let secs = t.elapsed().as_secs_f64();
            let exponent = last
                .map(|(s1, t1)| format!("{:.2}", (secs / t1).ln() / (size as f64 / s1 as f64).ln()))
                .unwrap_or_else(|| "-".into());
            println!(
                "{name:14} {engine:8} {:>9} B {secs:8.3} s {:7.3} s/MB exponent {exponent:>5} ({found} found)",
                text.len(),
                secs / (text.len() as f64 / 1e6)
            );
            last = Some((size, secs));
            if secs > cap {
                break;
            }
        }
    }
}
