use super::*;
use crate::doc::Doc;
use crate::lang::Language;

/// Labelled sentences of my own: a tiny training set the tagger must fit.
fn examples() -> Vec<Example> {
    let rows: [(&str, &[(&str, NameLabel)]); 6] = [
        (
            "Ravel Motors hired Anna Berg in Oslo.",
            &[
                ("Ravel Motors", NameLabel::Org),
                ("Anna Berg", NameLabel::Person),
                ("Oslo", NameLabel::Place),
            ],
        ),
        (
            "Anna Berg left Ravel Motors on Friday.",
            &[("Anna Berg", NameLabel::Person), ("Ravel Motors", NameLabel::Org)],
        ),
        (
            "The Norwegian firm Ravel Motors grew.",
            &[("Norwegian", NameLabel::Nationality), ("Ravel Motors", NameLabel::Org)],
        ),
        (
            "Shares of Ravel Motors fell in Oslo.",
            &[("Ravel Motors", NameLabel::Org), ("Oslo", NameLabel::Place)],
        ),
        ("Berg said the results were good.", &[("Berg", NameLabel::Person)]),
        (
            "Prices rose in Oslo and Bergen.",
            &[("Oslo", NameLabel::Place), ("Bergen", NameLabel::Place)],
        ),
    ];
    rows.iter()
        .map(|(text, names)| Example {
            text: text.to_string(),
            names: names
                .iter()
                .map(|(n, l)| {
                    let at = text.find(n).expect("name in text");
                    (Span::new(at, at + n.len()), *l)
                })
                .collect(),
        })
        .collect()
}

fn tag(model: &NameModel, text: &str) -> Vec<(String, NameLabel)> {
    let language = Language::english();
    let doc = Doc::new(text, language);
    let lists = Lists::of(language, crate::places::Gazetteer::builtin_shared());
    let lower = LowerWords::of(doc.tokens());
    doc.segments()
        .iter()
        .flat_map(|s| model.tag(doc.tokens_in(s.span), &lists, &lower))
        .map(|n| (text[n.span.start..n.span.end].to_string(), n.label))
        .collect()
}

#[test]
fn a_model_trained_on_a_few_sentences_tags_them_back_and_survives_its_file() {
    let (model, report) = train(&examples(), 10, 0.0, 1);
    assert!(report.kept > 100 && report.last_pass_accuracy > 0.95, "{report:?}");
    let tagged = tag(&model, "Ravel Motors hired Anna Berg in Oslo.");
    assert_eq!(
        tagged,
        vec![
            ("Ravel Motors".to_string(), NameLabel::Org),
            ("Anna Berg".to_string(), NameLabel::Person),
            ("Oslo".to_string(), NameLabel::Place)
        ]
    );
    let read = NameModel::from_bytes(&model.to_bytes()).expect("reads back");
    assert_eq!(read, model);
    assert_eq!(
        tag(&read, "Prices rose in Oslo and Bergen."),
        tag(&model, "Prices rose in Oslo and Bergen.")
    );
}

#[test]
fn damaged_model_files_are_refused_with_the_reason() {
    let (model, _) = train(&examples(), 2, 0.0, 1);
    let bytes = model.to_bytes();
    assert_eq!(NameModel::from_bytes(b"GIF89a"), Err(ModelError::NotAModel));
    assert_eq!(
        NameModel::from_bytes(&bytes[..bytes.len() - 3]),
        Err(ModelError::Truncated)
    );
    assert_eq!(NameModel::from_bytes(&bytes[..12]), Err(ModelError::Truncated));
}

#[test]
fn an_inside_tag_never_starts_a_name_or_changes_its_label() {
    for prev in 0..TAGS {
        for tag in 0..TAGS {
            if allowed(prev, tag) && is_inside(tag) {
                assert_eq!(label_of(prev), label_of(tag));
            }
        }
    }
    assert!(!allowed(OUTSIDE, begin(NameLabel::Org) + 1));
    assert!(allowed(begin(NameLabel::Org), begin(NameLabel::Org) + 1));
}

#[cfg(feature = "builtin-names")]
#[test]
fn the_builtin_model_finds_a_company_a_person_and_a_place_in_a_sentence_of_news() {
    let model = NameModel::builtin().expect("the built-in model reads");
    let tagged = tag(
        model,
        "Shares of Northwind Trading fell after chief executive Maria Lopez resigned in Chicago on Monday.",
    );
    assert!(
        tagged.contains(&("Maria Lopez".to_string(), NameLabel::Person)),
        "{tagged:?}"
    );
    assert!(
        tagged.contains(&("Chicago".to_string(), NameLabel::Place)),
        "{tagged:?}"
    );
    assert!(
        tagged
            .iter()
            .any(|(n, l)| n.starts_with("Northwind") && *l == NameLabel::Org),
        "{tagged:?}"
    );
}

#[test]
fn the_tagger_reads_each_token_as_training_read_it() {
    // The page reads tokens lazily and asks the gazetteer once per document; training reads every token. A
    // difference would silently feed the model features it never learnt from.
    let text = "New York Governor Anna Berg met iPhone makers in San Francisco on Monday. \
                The New York Times said Berg, 54, flew to Paris and Oslo. Shares of Ravel Motors rose 3%.";
    let language = Language::english();
    let doc = Doc::new(text, language);
    let lists = Lists::of(language, crate::places::Gazetteer::builtin_shared());
    let lower = LowerWords::of(doc.tokens());
    let mut sizes = features::PlaceSizes::default();
    let mut compared = 0;
    for segment in doc.segments() {
        let tokens = doc.tokens_in(segment.span);
        let eager = features::Sentence::new(tokens, &lists, &lower);
        let mut lazy = LazySentence::new(tokens, &lists, &lower, &mut sizes, &[]);
        // Every token, in an order unlike the tagger's, with several tag histories.
        for i in (0..tokens.len()).rev() {
            for (prev, prev2) in [(0, 0), (1, 0), (2, 1), (TAGS - 1, 3)] {
                let (mut a, mut b) = ([0u32; FEATURES_PER_TOKEN], [0u32; FEATURES_PER_TOKEN]);
                let n = eager.features(i, prev, prev2, &mut a);
                assert_eq!(lazy.features(i, prev, prev2, &mut b), n);
                assert_eq!(
                    a[..n],
                    b[..n],
                    "token {i} ({}) of {:?}",
                    tokens[i].text,
                    segment.span.slice(text)
                );
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "{compared}");
}
