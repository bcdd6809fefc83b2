//! The dates engine on the reference article, and an accuracy floor on the TimeML dev set.

mod common;

use dateline::{analyze, DctSource, Options};

#[test]
fn seed_article_dct_and_all_gold_timexes() {
    let Some((text, gold)) = common::seed() else { return };
    let analysis = analyze(
        &text,
        &Options {
            gazetteer: dateline::Gazetteers::Off,
            ..Options::default()
        },
    );
    let dct = &analysis.document.dct;
    assert_eq!(dct.source, DctSource::Dateline, "DCT must come from the text");
    assert_eq!(dct.value.as_deref().map(|v| &v[..10.min(v.len())]), Some("2016-09-05"));

    let gold_timexes = gold["timexes"].as_array().expect("gold timexes");
    let mut misses = Vec::new();
    for g in gold_timexes {
        let (start, end) = (
            g["start"].as_u64().unwrap_or(0) as usize,
            g["end"].as_u64().unwrap_or(0) as usize,
        );
        let (kind, value) = (g["type"].as_str().unwrap_or(""), g["value"].as_str().unwrap_or(""));
        let found = analysis
            .timexes
            .iter()
            .find(|t| t.span.start == start && t.span.end == end);
        match found {
            Some(t)
                if serde_json::to_value(t.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .as_deref()
                    == Some(kind)
                    && t.value == value => {}
            Some(t) => misses.push(format!(
                "{start}..{end} {:?}: gold {kind} {value}, got {:?} {}",
                &text[start..end],
                t.kind,
                t.value
            )),
            None => {
                let near: Vec<String> = analysis
                    .timexes
                    .iter()
                    .filter(|t| t.span.start < end && start < t.span.end)
                    .map(|t| format!("{}..{} {:?}", t.span.start, t.span.end, t.text))
                    .collect();
                misses.push(format!(
                    "{start}..{end} {:?}: not found (overlapping: {near:?})",
                    &text[start..end]
                ));
            }
        }
    }
    assert!(
        misses.is_empty(),
        "{} of {} gold timexes differ:\n{}",
        misses.len(),
        gold_timexes.len(),
        misses.join("\n")
    );
}

/// Floors a little under what `eval time` measures on the whole TimeML dev set (see docs/dates.md).
const RELAXED_F1_FLOOR: f64 = 0.935;
const STRICT_F1_FLOOR: f64 = 0.86;
const VALUE_F1_FLOOR: f64 = 0.80;

#[test]
fn timeml_dev_set_accuracy_floor() {
    use dateline::dates::timeml::{read_timeml, score, Counts};
    let Some(shared) = common::shared_dir() else { return };
    let root = shared.join("corpora").join("timeml");
    if !root.is_dir() {
        eprintln!("SKIP: no TimeML corpus at {}", root.display());
        return;
    }
    let mut total = Counts::default();
    let mut files = 0;
    for sub in ["TimeBank", "AQUAINT"] {
        let Ok(entries) = std::fs::read_dir(root.join(sub)) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "tml") {
                continue;
            }
            let xml = std::fs::read_to_string(&path).expect("readable TimeML file");
            let doc = read_timeml(&xml);
            let language = dateline::Language::english();
            let time = doc.dct.as_deref().and_then(dateline::dates::DocTime::parse);
            let (sys, _) = dateline::dates::extract_at(&dateline::Doc::new(&doc.text, language), language, time);
            total.add(&score(&doc, &sys, None));
            files += 1;
        }
    }
    assert!(files > 0, "no .tml files under {}", root.display());
    let (strict, relaxed, value, _) = total.scores();
    eprintln!("{}", total.line("TimeML dev set", files));
    assert!(
        relaxed.2 >= RELAXED_F1_FLOOR,
        "relaxed F1 {:.3} < {RELAXED_F1_FLOOR}",
        relaxed.2
    );
    assert!(
        strict.2 >= STRICT_F1_FLOOR,
        "strict F1 {:.3} < {STRICT_F1_FLOOR}",
        strict.2
    );
    assert!(value >= VALUE_F1_FLOOR, "value F1 {:.3} < {VALUE_F1_FLOOR}", value);
}
