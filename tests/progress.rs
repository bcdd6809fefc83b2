//! `analyze_with_progress` reports the pipeline's stages in order and changes nothing in the result.

use dateline::{analyze, analyze_with_progress, Gazetteers, Options, Stage};

#[test]
fn stages_are_reported_in_pipeline_order_and_the_result_is_unchanged() {
    let text = "Storm hits coast\n\nOn Tuesday a storm flooded the harbour of Genoa, officials said on 5 May 2025.";
    let options = Options {
        gazetteer: Gazetteers::Off,
        ..Options::default()
    };
    let mut seen = Vec::new();
    let with = analyze_with_progress(text, &options, &mut |stage| seen.push(stage));
    assert_eq!(
        seen,
        vec![
            Stage::Segmenting,
            Stage::Dates,
            Stage::Entities,
            Stage::Places,
            Stage::Events
        ]
    );
    assert_eq!(with, analyze(text, &options));
}

#[test]
fn an_empty_text_still_reports_every_stage() {
    let mut count = 0;
    let analysis = analyze_with_progress("", &Options::default(), &mut |_| count += 1);
    assert_eq!(count, 5);
    assert!(analysis.events.is_empty());
}
