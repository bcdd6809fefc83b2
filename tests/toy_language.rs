//! A language is a folder of tables: a toy Esperanto in `tests/lang/eo/` (two month names, a weekday, one event
//! trigger, one demonym; every other table absent, so empty) is loaded at run time and a sentence in it is
//! analysed, with no engine code for that language.

use dateline::calendar::Date;
use dateline::lang::Language;
use dateline::{analyze, Options, PlaceKind};
use std::path::Path;

fn toy() -> Language {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lang/eo");
    match Language::from_dir("eo", &dir) {
        Ok(language) => language,
        Err(e) => panic!("the toy language loads: {e}"),
    }
}

fn options(language: &Language) -> Options<'_> {
    Options {
        // A Wednesday: "lundo" (Monday) in a past-tense report is the Monday before.
        dct: Date::parse_iso("2020-02-05").ok(),
        language: Some(language),
        ..Options::default()
    }
}

const SENTENCE: &str = "La atako okazis lundo, 3 februaro 2020, diris la franca ministerio.";

#[test]
fn a_sentence_in_a_language_of_tables_is_analysed() {
    let language = toy();
    let a = analyze(SENTENCE, &options(&language));
    assert_eq!(a.document.language, "eo");

    let dates: Vec<(&str, &str)> = a.timexes.iter().map(|t| (t.text.as_str(), t.value.as_str())).collect();
    assert_eq!(dates, [("lundo", "2020-02-03"), ("3 februaro 2020", "2020-02-03")]);

    let france: Vec<_> = a.places.iter().filter(|p| p.kind == PlaceKind::Demonym).collect();
    assert_eq!(france.len(), 1, "{:?}", a.places);
    assert_eq!(
        (france[0].text.as_str(), france[0].country.as_deref()),
        ("franca", Some("FR"))
    );

    assert_eq!(a.events.len(), 1, "{:?}", a.events);
    let event = &a.events[0];
    assert_eq!(event.trigger.text, "atako");
    assert_eq!(event.kind, "attack");
    assert_eq!(event.date.value, "2020-02-03");
}

#[test]
fn the_same_sentence_read_as_english_finds_none_of_it() {
    // The folder, not the engines, knows Esperanto: English tables see no date, trigger or demonym here.
    let mut english = options(Language::english());
    english.language = None;
    let a = analyze(SENTENCE, &english);
    assert_eq!(a.document.language, "en");
    assert!(a.timexes.iter().all(|t| t.text != "lundo"), "{:?}", a.timexes);
    assert!(a.events.is_empty(), "{:?}", a.events);
    assert!(a.places.iter().all(|p| p.text != "franca"), "{:?}", a.places);
}

#[test]
fn a_broken_table_names_its_file_and_line() {
    let dir = std::env::temp_dir().join(format!("dateline-toy-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    std::fs::write(dir.join("dates_words.tsv"), "month\tjanuaro\t1\n").expect("written");
    std::fs::write(
        dir.join("dates_rules.tsv"),
        "# rules\ndate\tDATE\t{month}\ndmy\tDATE\t{day}\\s+{month}\n",
    )
    .expect("written");
    let err = Language::from_dir("xx", &dir).map(|_| ()).map_err(|e| e.to_string());
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("dates_rules.tsv");
    assert_eq!(err, Err(format!("{}:3: unknown rule function 'dmy'", path.display())));
}
