//! Floors on real saved web pages (`../shared/corpora/web/readability`; skipped with a message when absent):
//! the article body against the text Readability extracts, the headline, and the metadata date. The figures
//! themselves come from `cargo run --release --bin eval -- web`; these floors sit below them so that a change
//! that breaks extraction fails here, not one that moves a page by a word.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use dateline::html;
use std::collections::HashMap;

/// Bag-of-words F1 (lower case, runs of letters and digits).
fn word_f1(ours: &str, expected: &str) -> f64 {
    let bag = |t: &str| {
        let mut m: HashMap<String, usize> = HashMap::new();
        for w in t.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
            *m.entry(w.to_lowercase()).or_default() += 1;
        }
        m
    };
    let (a, b) = (bag(ours), bag(expected));
    let common: usize = a.iter().map(|(w, n)| (*n).min(b.get(w).copied().unwrap_or(0))).sum();
    let (na, nb) = (a.values().sum::<usize>(), b.values().sum::<usize>());
    if common == 0 {
        return 0.0;
    }
    let (p, r) = (common as f64 / na as f64, common as f64 / nb as f64);
    2.0 * p * r / (p + r)
}

/// White space collapsed, curly quotes straightened.
fn normalise(s: &str) -> String {
    let s: String = s
        .chars()
        .map(|c| match c {
            '‘' | '’' => '\'',
            '“' | '”' => '"',
            _ => c,
        })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn saved_pages_give_their_article_headline_and_date() {
    let Some(shared) = common::shared_dir() else { return };
    let dir = shared.join("corpora/web/readability");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("SKIP: {} is absent", dir.display());
        return;
    };
    let (mut f1_sum, mut pages, mut titles, mut dated, mut dates_ok) = (0.0, 0, 0, 0, 0);
    for entry in entries.flatten() {
        let path = entry.path();
        let (Ok(source), Ok(expected), Ok(meta)) = (
            std::fs::read(path.join("source.html")),
            std::fs::read_to_string(path.join("expected.html")),
            std::fs::read_to_string(path.join("expected-metadata.json")),
        ) else {
            continue;
        };
        let source = dateline::input::decode(&source, usize::MAX)
            .expect("a page decodes")
            .text;
        let meta: serde_json::Value = serde_json::from_str(&meta).expect("metadata is JSON");
        let doc = html::extract(&source);
        f1_sum += word_f1(&doc.body, &html::visible_text(&expected));
        pages += 1;
        if meta["title"].as_str().map(normalise) == doc.meta.title.as_deref().map(normalise) {
            titles += 1;
        }
        if let Some(day) = meta["publishedTime"].as_str().and_then(|d| d.get(..10)) {
            dated += 1;
            if doc.meta.published.as_deref().and_then(|d| d.get(..10)) == Some(day) {
                dates_ok += 1;
            }
        }
    }
    let mean = f1_sum / pages.max(1) as f64;
    eprintln!("{pages} pages: mean body word-F1 {mean:.3}, titles {titles}, metadata dates {dates_ok}/{dated}");
    assert!(pages >= 50, "only {pages} pages read");
    assert!(mean >= 0.90, "mean body word-F1 {mean:.3} < 0.90");
    assert!(titles >= 45, "titles {titles} < 45");
    assert!(dates_ok + 2 >= dated, "metadata dates {dates_ok}/{dated}");
}
