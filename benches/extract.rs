//! Native benchmark of the HTML article extractor (`dateline::html::extract`) on a 1 MB page: the bar is
//! 20 ms per MB. Run with `cargo bench --bench extract`; timings are reported, never asserted.
//!
//! The page is made here from the app's own sample article: a menu of 300 links, the article's paragraphs
//! repeated to 1 MB inside `<article>` with figures and share bars, a sidebar of related stories, a footer and
//! scripts: the shapes the extractor scores and drops. With `../shared/corpora/web/readability` present, its 57
//! real pages are timed one after another as well.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

use criterion::{criterion_group, Criterion, Throughput};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

const SAMPLE: &str = include_str!("../src/app/sample_article.txt");

/// A saved news page of about `size` bytes around the sample article.
fn page(size: usize) -> String {
    let mut html = String::with_capacity(size + 64 * 1024);
    html.push_str("<!doctype html><html><head><title>Sample - The Daily</title>");
    html.push_str("<meta property=\"article:published_time\" content=\"2016-09-05T10:00:00Z\">");
    html.push_str("<script>window.dataLayer=[];function track(){}</script><style>body{margin:0}</style></head><body>");
    html.push_str("<header><nav class=\"menu\"><ul>");
    for k in 0..300 {
        html.push_str(&format!("<li><a href=\"/section/{k}\">Section {k}</a></li>"));
    }
    html.push_str("</ul></nav></header><main><article><h1>Sample</h1><p class=\"byline\">By A. Writer</p>");
    let paragraphs: Vec<&str> = SAMPLE.split("\n\n").filter(|p| !p.trim().is_empty()).collect();
    let mut k = 0;
    while html.len() < size {
        let p = paragraphs[k % paragraphs.len()];
        html.push_str("<p>");
        html.push_str(&p.replace('&', "&amp;").replace('<', "&lt;"));
        html.push_str("</p>");
        k += 1;
        if k % 40 == 0 {
            html.push_str("<figure><img src=\"x.jpg\"><figcaption>A photograph (Photo: Agency)</figcaption></figure>");
            html.push_str("<div class=\"share-bar\"><a href=\"#\">Share</a> <a href=\"#\">Tweet</a></div>");
        }
    }
    html.push_str("</article><aside class=\"related\"><h2>Related stories</h2><ul>");
    for k in 0..50 {
        html.push_str(&format!(
            "<li><a href=\"/story/{k}\">Another story about things number {k}</a></li>"
        ));
    }
    html.push_str("</ul></aside></main><footer>Copyright. Sign in. Newsletter.</footer></body></html>");
    html
}

fn bench_extract(c: &mut Criterion) {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let mut g = c.benchmark_group("html-extract");
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(3));
    g.sample_size(20);
    // Under `cargo test --all-targets` (no --bench) a small page, once: a smoke test.
    let size = if benchmarking { 1 << 20 } else { 16 * 1024 };
    let big = page(size);
    g.throughput(Throughput::Bytes(big.len() as u64));
    g.bench_function("1MB-page", |b| b.iter(|| dateline::html::extract(black_box(&big))));
    let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/web/readability");
    let pages: Vec<String> = std::fs::read_dir(&corpus)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .filter_map(|e| std::fs::read(e.path().join("source.html")).ok())
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .collect()
        })
        .unwrap_or_default();
    if pages.is_empty() {
        println!("SKIP html-extract/readability-pages: {} is absent", corpus.display());
    } else if benchmarking {
        g.throughput(Throughput::Bytes(pages.iter().map(|p| p.len() as u64).sum()));
        g.bench_function("readability-pages", |b| {
            b.iter(|| {
                pages
                    .iter()
                    .map(|p| dateline::html::extract(black_box(p)).text.len())
                    .sum::<usize>()
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_extract);

fn main() {
    benches();
    criterion::Criterion::default().configure_from_args().final_summary();
}
