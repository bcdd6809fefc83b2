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
fn dropped_html_keeps_text_and_drops_scripts() {
    let html = r#"<html><head><title>T</title><meta property="article:published_time" content="2024-03-14"></head>
        <body><script>window.dlPwned = 1</script><p>One.</p><img src="x" onerror="window.dlPwned = 2"><p>Two.</p></body></html>"#;
    let loaded = dateline::app::load_file_for_tests("a.html", html.as_bytes()).expect("parses");
    // The CLI's reader: the headline, a blank line, the body; the script's text is not the article's.
    assert!(loaded.0.ends_with("One.\n\nTwo."), "{:?}", loaded.0);
    assert!(!loaded.0.contains("dlPwned"), "{:?}", loaded.0);
    assert_eq!(loaded.1.as_deref(), Some("T"));
    assert_eq!(loaded.2.as_deref(), Some("2024-03-14"));
    let pwned = js_sys::Reflect::get(&js_sys::global(), &"dlPwned".into()).expect("read global");
    assert!(pwned.is_undefined(), "nothing in the parsed HTML ran");
}

// The worker protocol's parts and the long-text summary are plain Rust now: their tests run on the host
// (`src/explorer/tests.rs`, `src/explorer/summary.rs`).
