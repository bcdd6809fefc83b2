//! Inputs that once broke Dateline, found by the property tests and the fuzzers (see
//! docs/reliability.md). Each stays here so the bug cannot come back.

mod invariants;

use dateline::{analyze, html, input, share, Options};
use invariants::assert_sound;

fn check(text: &str) {
    for dct in [None, dateline::calendar::Date::parse_iso("2016-09-05").ok()] {
        let options = Options {
            dct,
            ..Options::default()
        };
        assert_sound(text, &analyze(text, &options));
    }
}

/// proptest: the sentence splitter stepped one byte past a no-break space before an abbreviation
/// and sliced inside it (segment.rs, `ends_sentence`).
#[test]
fn no_break_space_before_an_abbreviation() {
    check("\u{a0}Mr. Homs ");
    check("\u{a0}.  ");
    check("Talks\u{2003}U.S. envoys met.\u{3000}Dr. Lee spoke.");
}

/// proptest: `<<script>` was read as one nameless tag, so the script's source became article text.
#[test]
fn a_less_than_sign_before_a_script_does_not_leak_it() {
    let doc = html::extract("<p>1<<script>steal('SCRIPT_SOURCE')</script> and 2 < 3</p>");
    assert!(!doc.text.contains("SCRIPT_SOURCE"), "{:?}", doc.text);
    assert_eq!(doc.text, "1< and 2 < 3");
}

/// proptest: UTF-16 files kept their NUL characters (the 8-bit path removed them).
#[test]
fn utf16_nul_characters_are_removed() {
    let text = "A storm reached the coast of Liguria on Monday night and stayed.\0";
    let bytes: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let decoded = input::decode(&bytes, 1 << 20).expect("decodes");
    assert!(!decoded.text.contains('\0'));
    check(&decoded.text);
}

/// proptest: a view of `null` came back as no view, and some floats came back one bit off.
#[test]
fn share_links_keep_null_views_and_exact_floats() {
    for view in [serde_json::Value::Null, serde_json::json!([[1.2355984628040934e-294]])] {
        let state = share::ViewState {
            text: String::new(),
            view: Some(view),
            ..share::ViewState::default()
        };
        assert_eq!(share::decode(&share::encode(&state)), Ok(state));
    }
}

/// A Markdown article: the heading's marks are not part of the headline, and a bold dateline dates it.
#[test]
fn markdown_headline_and_dateline() {
    let text = "# Floods hit Valencia\n\n**VALENCIA, Spain, 30 October 2024**\n\nRescuers searched towns on Tuesday.\n";
    let analysis = dateline::analyze(text, &dateline::Options::default());
    assert_eq!(analysis.document.title.as_deref(), Some("Floods hit Valencia"));
    assert_eq!(analysis.document.dct.value.as_deref(), Some("2024-10-30"));
    assert!(analysis
        .timexes
        .iter()
        .any(|t| t.text == "Tuesday" && t.value == "2024-10-29"));
}
