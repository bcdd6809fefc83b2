//! The dates engine on the reference article, and an accuracy floor on the TimeML dev set.

mod common;

use dateline::{analyze, DctSource, Options};

#[test]
fn seed_article_dct_and_all_gold_timexes() {
    let Some((text, gold)) = common::seed() else { return };
    let analysis = analyze(&text, &Options::default(), None);
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
