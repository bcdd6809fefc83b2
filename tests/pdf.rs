//! PDFs from real producers (tests/samples/pdf/, rebuilt by scripts/build-pdf-fixtures): the app's sample article
//! printed by Chromium reads back as the same events as its text, with a classic cross-reference table and with
//! qpdf's object streams; encrypted, scanned and cut-off files are refused with their reason; random bytes and
//! random mutations of a real file never panic.
// Host only: it needs a file system and proptest, which are not built for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use dateline::pdf::{self, PdfError};
use dateline::{analyze, Options};
use proptest::prelude::*;
use std::collections::BTreeSet;

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/samples/pdf")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn sample_text() -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/app/sample_article.txt");
    std::fs::read_to_string(path).expect("the sample article")
}

/// Each event as (trigger, date value, place names), white space in the trigger collapsed.
fn events(text: &str) -> BTreeSet<(String, String, Vec<String>)> {
    let analysis = analyze(text, &Options::default());
    analysis
        .events
        .iter()
        .map(|e| {
            let places = e
                .places
                .iter()
                .filter_map(|id| analysis.places.iter().find(|p| &p.id == id))
                .map(|p| p.name.clone())
                .collect();
            let trigger = e.trigger.text.split_whitespace().collect::<Vec<_>>().join(" ");
            (trigger, e.date.value.clone(), places)
        })
        .collect()
}

#[test]
fn chromium_pdfs_give_the_events_of_the_sample_text() {
    let expected = events(&sample_text());
    assert!(expected.len() >= 3, "the sample has events: {expected:?}");
    for name in ["sample-chromium.pdf", "sample-objstm.pdf"] {
        let text = pdf::text(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(events(&text), expected, "{name}:\n{text}");
        // Paragraphs come out as paragraphs: the headline alone on the first line.
        assert_eq!(
            text.lines().next(),
            sample_text().lines().next(),
            "{name}: the headline first"
        );
        assert_eq!(
            text.split("\n\n").count(),
            sample_text().trim_end().split("\n\n").count(),
            "{name}: as many paragraphs"
        );
    }
    // The object-stream file really is one (qpdf rewrote it), so both cross-reference kinds are covered.
    let objstm = fixture("sample-objstm.pdf");
    assert!(objstm.windows(5).any(|w| w == b"/XRef") && objstm.windows(7).any(|w| w == b"/ObjStm"));
}

#[test]
fn encrypted_scanned_and_cut_off_files_are_refused() {
    assert_eq!(pdf::text(&fixture("sample-encrypted.pdf")), Err(PdfError::Encrypted));
    assert_eq!(
        pdf::text(&fixture("scanned.pdf")),
        Err(PdfError::NoTextLayer { scanned: true })
    );
    let whole = fixture("sample-chromium.pdf");
    for percent in [3, 20, 50, 80, 95] {
        let cut = &whole[..whole.len() * percent / 100];
        assert!(
            matches!(pdf::text(cut), Err(PdfError::Damaged(_))),
            "cut at {percent} %: {:?}",
            pdf::text(cut)
        );
    }
    // Only the cross-reference table cut off: every object is found by scanning, and the text is whole.
    let table = whole.windows(5).rposition(|w| w == b"xref\n").expect("a classic table");
    let read = pdf::read(&whole[..table]).expect("readable without its table");
    assert_eq!(read.text, pdf::text(&whole).unwrap());
    assert!(!read.notes.is_empty(), "the repair is noted");
}

/// A real file with a few bytes changed, removed, inserted or cut.
fn mutated() -> impl Strategy<Value = Vec<u8>> {
    let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..8);
    (
        prop::sample::select(vec!["sample-chromium.pdf", "sample-objstm.pdf"]),
        edits,
    )
        .prop_map(|(name, edits)| {
            let mut bytes = fixture(name);
            for (at, byte, kind) in edits {
                if bytes.is_empty() {
                    break;
                }
                let i = at.index(bytes.len());
                match kind {
                    0 => bytes[i] = byte,
                    1 => bytes.truncate(i),
                    2 => {
                        bytes.remove(i);
                    }
                    _ => bytes.insert(i, byte),
                }
            }
            bytes
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic(tail in prop::collection::vec(any::<u8>(), 0..4096)) {
        let bytes = [b"%PDF-1.7\n".as_slice(), &tail].concat();
        let _ = pdf::text(&bytes);
        let _ = pdf::text(&tail);
    }

    #[test]
    fn mutated_real_files_never_panic_and_read_as_text_or_a_reason(bytes in mutated()) {
        match pdf::read(&bytes) {
            Ok(read) => prop_assert!(read.text.ends_with('\n') && !read.text.contains('\0')),
            Err(e) => prop_assert!(e.to_string().starts_with("this ")),
        }
    }
}
