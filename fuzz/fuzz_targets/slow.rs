//! Looks for slow inputs (issue 23): the input, repeated up to a fixed size, through the CLI's path (HTML
//! extraction when it looks like HTML, then `analyze`). A stage that rescans grows with the square of that size,
//! so with libFuzzer's `-timeout=` a quadratic pattern shows up as a timeout even from a few bytes of input,
//! and libFuzzer keeps the repeated unit that caused it (docs/reliability.md has the command).
//!
//! The first byte chooses: bit 0 a document date; bit 1 the input as it is, without repeating (for long
//! structures that are not repetitions); bits 2-3 the size, 64 KB × 2^k (64 KB to 512 KB).
#![no_main]

use dateline::{analyze, calendar::Date, html, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, unit)) = data.split_first() else {
        return;
    };
    let Ok(unit) = std::str::from_utf8(unit) else {
        return;
    };
    if unit.is_empty() {
        return;
    }
    let size = (64 * 1024) << ((mode >> 2) & 3);
    let text = if mode & 2 == 2 {
        unit.to_string()
    } else {
        let mut text = unit.repeat(size / unit.len() + 1);
        let mut cut = size;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        text
    };
    let mut options = Options {
        dct: if mode & 1 == 1 {
            Date::parse_iso("2016-09-05").ok()
        } else {
            None
        },
        ..Options::default()
    };
    let text = if html::looks_like_html(&text) {
        html::extract(&text).into_text(&mut options)
    } else {
        text
    };
    let analysis = analyze(&text, &options);
    // Keep the result alive so that nothing is optimised away.
    assert!(analysis.document.length_bytes <= text.len());
});
