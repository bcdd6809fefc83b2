//! The benchmark texts, shared by `benches/analyze.rs` and `examples/profile_analyze.rs` (and built the same way
//! by `tests/bench/texts.mjs` for the browser): the project's sample article and `tests/samples/*.txt`, then
//! dev-corpus texts read from `../shared` at run time (the reference article, TimeML `<TEXT>` bodies with the
//! tags stripped, LGL and TR-News article texts). Nothing of `../shared` is copied into the project; where it is
//! absent the project texts are repeated and a note says so.

#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The measured sizes, in bytes, with their labels.
pub const SIZES: [(usize, &str); 4] = [
    (4 * 1024, "4KB"),
    (40 * 1024, "40KB"),
    (400 * 1024, "400KB"),
    (4 * 1024 * 1024, "4MB"),
];

fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("DATELINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join("shared"));
    dir.join("corpora").is_dir().then_some(dir)
}

/// Drops everything between `<` and `>`.
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every substring between `open` and `close`.
fn between<'a>(s: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(a) = rest.find(open) {
        let after = &rest[a + open.len()..];
        match after.find(close) {
            Some(b) => {
                out.push(&after[..b]);
                rest = &after[b + close.len()..];
            }
            None => break,
        }
    }
    out
}

/// Dev-corpus article texts from `../shared`, in a fixed order.
fn corpus_texts(shared: &Path) -> Vec<String> {
    let mut texts = Vec::new();
    if let Ok(seed) = std::fs::read_to_string(shared.join("seed/afp-syria-2016-09-05.txt")) {
        texts.push(seed);
    }
    for sub in ["TimeBank", "AQUAINT"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(shared.join("corpora/timeml").join(sub))
            .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
            .unwrap_or_default();
        files.sort();
        for f in files {
            if let Ok(xml) = std::fs::read_to_string(&f) {
                for body in between(&xml, "<TEXT>", "</TEXT>") {
                    texts.push(dateline::html::decode_entities(&strip_tags(body)).trim().to_string());
                }
            }
        }
    }
    for name in ["lgl.xml", "tr-news.xml"] {
        if let Ok(xml) = std::fs::read_to_string(shared.join("corpora/geo").join(name)) {
            for body in between(&xml, "<text><![CDATA[", "]]></text>") {
                texts.push(body.trim().to_string());
            }
        }
    }
    texts
}

/// The project texts followed by the dev-corpus texts, paragraphs apart.
pub fn base_text() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut texts = vec![std::fs::read_to_string(root.join("src/app/sample_article.txt")).unwrap_or_default()];
    let mut samples: Vec<PathBuf> = std::fs::read_dir(root.join("tests/samples"))
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    samples.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    samples.sort();
    texts.extend(samples.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    match shared_dir() {
        Some(dir) => texts.extend(corpus_texts(&dir)),
        None => eprintln!("NOTE: ../shared not found (set DATELINE_SHARED); repeating the project texts only"),
    }
    texts.retain(|t| !t.trim().is_empty());
    texts.join("\n\n")
}

/// The first `size` bytes of the base text (repeated when shorter), cut back to a paragraph end when one
/// lies in the last tenth, otherwise to a character boundary.
pub fn text_of(base: &str, size: usize) -> String {
    let mut s = String::with_capacity(size + base.len());
    while s.len() < size {
        if !s.is_empty() {
            s.push_str("\n\n");
        }
        s.push_str(base);
    }
    let mut cut = size;
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(p) = s[..cut].rfind("\n\n").filter(|&p| p > size - size / 10) {
        cut = p;
    }
    s.truncate(cut);
    s
}
