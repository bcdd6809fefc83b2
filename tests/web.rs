//! Browser-side unit tests (wasm-bindgen-test in headless Chromium): the app mounts and shows its regions.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Waits for Yew to render (it schedules work on the microtask queue).
async fn settle() {
    gloo::timers::future::TimeoutFuture::new(50).await;
}

fn region_names(doc: &web_sys::Document) -> Vec<String> {
    let sections = doc.query_selector_all("section[aria-labelledby]").expect("query");
    (0..sections.length())
        .filter_map(|i| sections.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        .filter_map(|el| el.get_attribute("aria-labelledby"))
        .filter_map(|id| doc.get_element_by_id(&id))
        .filter_map(|h| h.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn app_mounts_with_the_five_named_regions() {
    let doc = gloo::utils::document();
    assert!(region_names(&doc).is_empty(), "no regions before mounting");
    let root = doc.create_element("div").expect("div");
    doc.body().expect("body").append_child(&root).expect("append");
    dateline::app::start_in(root);
    settle().await;
    let names = region_names(&doc);
    for wanted in ["Input", "Article", "Timeline", "Map", "Events"] {
        assert!(
            names.iter().any(|n| n == wanted),
            "region {wanted} missing; found {names:?}"
        );
    }
    let area = doc
        .get_element_by_id("article-text")
        .expect("the article textbox exists");
    assert_eq!(area.get_attribute("aria-label").as_deref(), Some("Article text"));
}

#[wasm_bindgen_test]
fn inert_html_parsing_keeps_text_and_drops_scripts() {
    let html = r#"<html><head><title>T</title><meta property="article:published_time" content="2024-03-14"></head>
        <body><script>window.dlPwned = 1</script><p>One.</p><img src="x" onerror="window.dlPwned = 2"><p>Two.</p></body></html>"#;
    let loaded = dateline::app::load_file_for_tests("a.html", html.as_bytes()).expect("parses");
    assert_eq!(loaded.0, "One.\n\nTwo.");
    assert_eq!(loaded.1.as_deref(), Some("T"));
    assert_eq!(loaded.2.as_deref(), Some("2024-03-14"));
    let pwned = js_sys::Reflect::get(&js_sys::global(), &"dlPwned".into()).expect("read global");
    assert!(pwned.is_undefined(), "nothing in the parsed HTML ran");
}

/// The worker cuts a long analysis into parts of bounded size, and the page puts them back together
/// into the same analysis.
#[wasm_bindgen_test]
fn a_long_analysis_travels_in_parts_and_joins_back() {
    use dateline::app::worker::{join, split};
    let paragraph = "On Monday, 4 March 2024, floods hit Faenza and Cesena, killing six people, officials said.\n\n";
    let text = paragraph.repeat(400);
    let analysis = dateline::analyze(
        &text,
        &dateline::Options {
            gazetteer: dateline::Gazetteers::Off,
            ..dateline::Options::default()
        },
    );
    assert!(analysis.timexes.len() >= 400, "the text has dates to split");
    let parts = split(analysis.clone(), 16 * 1024);
    assert!(parts.len() > 3, "{} parts", parts.len());
    for part in &parts[1..] {
        let bytes = serde_json::to_vec(part).expect("json").len();
        let items = part.timexes.len() + part.places.len() + part.entities.len() + part.events.len();
        // Within the target (plus the part's own brackets and names), unless one item alone is larger.
        assert!(
            items == 1 || bytes <= 17 * 1024,
            "part of {bytes} bytes with {items} items"
        );
        assert!(part.warnings.is_empty() && part.document.title.is_none());
    }
    let mut parts = parts.into_iter();
    let mut whole = parts.next().expect("a first part");
    for part in parts {
        join(&mut whole, part);
    }
    assert_eq!(whole, analysis);
}

#[wasm_bindgen_test]
fn a_long_texts_summary_counts_its_words_and_paragraphs() {
    use dateline::app::state::{grouped, human_bytes, TextSummary, LONG_TEXT_BYTES};
    let text = "The ferry left Bari at dawn.\n\n  \nIt reached Durres by noon,\nofficials said.\n\n\nNo one was hurt.";
    let s = TextSummary::of(text);
    assert_eq!((s.bytes, s.words, s.paragraphs), (text.len(), 17, 3));
    assert_eq!(TextSummary::of("").paragraphs, 0);
    assert_eq!(TextSummary::of("\n\n \n").words, 0);
    // Only texts from the threshold up are kept out of the text box.
    assert!(TextSummary::for_long(text).is_none());
    let copies = LONG_TEXT_BYTES / (text.len() + 2) + 1;
    let long = format!("{text}\n\n").repeat(copies);
    let summary = TextSummary::for_long(&long).expect("long enough");
    assert_eq!((summary.words, summary.paragraphs), (17 * copies, 3 * copies));
    assert!(
        summary.describe().starts_with("Long article: 128 KB, "),
        "{}",
        summary.describe()
    );
    assert_eq!(grouped(1_234_567), "1,234,567");
    assert_eq!(grouped(999), "999");
    assert_eq!(human_bytes(1024 * 1024), "1.0 MB");
    assert_eq!(human_bytes(1024 * 1024 - 100), "1.0 MB");
    assert_eq!(human_bytes(999 * 1024), "999 KB");
    assert_eq!(human_bytes(300 * 1024), "300 KB");
    assert_eq!(human_bytes(12), "12 bytes");
}
