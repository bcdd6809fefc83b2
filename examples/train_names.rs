//! Trains the name tagger's model from spaCy-labelled paragraphs (`scripts/build-names-model` makes them).
//!
//! `cargo run --release --example train_names -- LABELLED.jsonl OUT.bin [PASSES] [MIN_WEIGHT]`
//!
//! Each line of LABELLED.jsonl is `{"text": ..., "ents": [[start, end, label], ...]}` with character offsets and
//! OntoNotes labels. Every tenth paragraph is held out: the tagger trained on the rest is compared with spaCy's
//! labels on them (names found alike, per label), then the model is trained again on all and written.

use dateline::doc::Doc;
use dateline::entities::tagger::{self, Example, LowerWords, NameLabel, NameModel};
use dateline::lang::Language;
use dateline::model::Span;
use std::collections::HashSet;

fn read(path: &str) -> Result<Vec<Example>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for line in std::fs::read_to_string(path)?.lines() {
        let v: serde_json::Value = serde_json::from_str(line)?;
        let text = v["text"].as_str().unwrap_or_default().to_string();
        // Character offsets to byte offsets.
        let bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        let names = v["ents"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let (s, t) = (e[0].as_u64()? as usize, e[1].as_u64()? as usize);
                let label = NameLabel::from_ontonotes(e[2].as_str()?)?;
                Some((Span::new(*bytes.get(s)?, *bytes.get(t)?), label))
            })
            .collect();
        out.push(Example { text, names });
    }
    Ok(out)
}

/// Names spaCy and the tagger agree on, per label: (agreed, tagger's, spaCy's).
fn compare(model: &NameModel, held: &[Example]) -> Vec<(NameLabel, usize, usize, usize)> {
    let language = Language::english();
    let lists = tagger::Lists::of(language, dateline::places::Gazetteer::builtin_shared());
    let mut out: Vec<(NameLabel, usize, usize, usize)> = NameLabel::ALL.iter().map(|&l| (l, 0, 0, 0)).collect();
    for e in held {
        let doc = Doc::new(&e.text, language);
        let lower = LowerWords::of(doc.tokens());
        let found: HashSet<(Span, NameLabel)> = doc
            .segments()
            .iter()
            .flat_map(|s| model.tag(doc.tokens_in(s.span), &lists, &lower))
            .map(|n| (n.span, n.label))
            .collect();
        let gold: HashSet<(Span, NameLabel)> = e.names.iter().copied().collect();
        for row in out.iter_mut() {
            row.1 += found.iter().filter(|n| n.1 == row.0 && gold.contains(n)).count();
            row.2 += found.iter().filter(|n| n.1 == row.0).count();
            row.3 += gold.iter().filter(|n| n.1 == row.0).count();
        }
    }
    out
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(input), Some(output)) = (args.first(), args.get(1)) else {
        eprintln!("usage: train_names LABELLED.jsonl OUT.bin [PASSES] [MIN_WEIGHT]");
        std::process::exit(2);
    };
    let passes: usize = args.get(2).map_or(Ok(8), |p| p.parse())?;
    let min_weight: f32 = args.get(3).map_or(Ok(2.0), |p| p.parse())?;
    let all = read(input)?;
    let (train, held): (Vec<_>, Vec<_>) = all.iter().cloned().enumerate().partition(|(i, _)| i % 10 != 0);
    let train: Vec<Example> = train.into_iter().map(|(_, e)| e).collect();
    let held: Vec<Example> = held.into_iter().map(|(_, e)| e).collect();
    let t = std::time::Instant::now();
    let (model, report) = tagger::train(&train, passes, min_weight, 7);
    println!(
        "held-out run: {} tokens/pass, {} features, {} kept, last pass {:.3}, {:.1} s",
        report.tokens,
        report.features,
        report.kept,
        report.last_pass_accuracy,
        t.elapsed().as_secs_f64()
    );
    let (mut a, mut f, mut g) = (0, 0, 0);
    for (label, agreed, found, gold) in compare(&model, &held) {
        let (p, r) = (agreed as f64 / found.max(1) as f64, agreed as f64 / gold.max(1) as f64);
        println!(
            "  {label:?}: agreed {agreed}, tagger {found}, spaCy {gold}: P {p:.3} R {r:.3} F1 {:.3}",
            2.0 * p * r / (p + r).max(1e-9)
        );
        (a, f, g) = (a + agreed, f + found, g + gold);
    }
    let (p, r) = (a as f64 / f.max(1) as f64, a as f64 / g.max(1) as f64);
    println!("  all: P {p:.3} R {r:.3} F1 {:.3}", 2.0 * p * r / (p + r).max(1e-9));
    let (model, report) = tagger::train(&all, passes, min_weight, 7);
    let bytes = model.to_bytes();
    std::fs::write(output, &bytes)?;
    println!(
        "model on all {} paragraphs: {} features kept of {}, {} bytes -> {output}",
        all.len(),
        report.kept,
        report.features,
        bytes.len()
    );
    Ok(())
}
