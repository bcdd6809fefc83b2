//! Bytes of a file through the CLI's path: decode, HTML extraction when it looks like HTML, then
//! the whole pipeline; the result must keep every invariant of tests/invariants.
#![no_main]

#[path = "../../tests/invariants/mod.rs"]
mod invariants;

use dateline::{analyze, html, input, Options, MAX_INPUT_BYTES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the options, so both dated and undated runs are explored.
    let (dated, bytes) = match data.split_first() {
        Some((b, rest)) => (b & 1 == 1, rest),
        None => (false, data),
    };
    let Ok(decoded) = input::decode(bytes, MAX_INPUT_BYTES) else {
        return;
    };
    let mut options = Options {
        dct: dated.then(|| dateline::calendar::Date::parse_iso("2016-09-05").ok()).flatten(),
        ..Options::default()
    };
    let text = if html::looks_like_html(&decoded.text) {
        html::extract(&decoded.text).into_text(&mut options)
    } else {
        decoded.text
    };
    let analysis = analyze(&text, &options);
    invariants::assert_sound(&text, &analysis);
});
