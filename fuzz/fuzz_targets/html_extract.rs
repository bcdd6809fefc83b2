//! Arbitrary markup through the HTML extractor: no panic, and the text comes out trimmed.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|page: &str| {
    let _ = dateline::html::looks_like_html(page);
    let doc = dateline::html::extract(page);
    assert_eq!(doc.text.trim(), doc.text, "extracted text is trimmed");
});
