//! Native benchmarks of `dateline::analyze` and of each pipeline stage at 4 KB, 40 KB, 400 KB and 4 MB.
//!
//! Run with `cargo bench --bench analyze` (or `make bench`). Timings are reported, never asserted. Criterion
//! samples 4 KB, 40 KB and 400 KB; 4 MB is timed once (`oneshot/...`), as one call takes minutes there.
//! The texts are described in `benches/texts.rs`.
// Host only (criterion is not built for wasm32); `no_main` keeps the empty wasm32 build valid.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

mod common;

use criterion::{criterion_group, BenchmarkId, Criterion, SamplingMode, Throughput};
use dateline::{analyze, dates, entities, events, lang, places, segment, Analysis, Options};
use std::hint::black_box;
use std::time::{Duration, Instant};

use common::{base_text, text_of, SIZES};

/// Sizes above this are timed once each (`oneshot/...`) rather than sampled by criterion: one call takes
/// seconds to minutes there, and the point is how cost grows, not its third significant digit.
const SAMPLED_MAX: usize = 400 * 1024;

fn benchmarking() -> bool {
    std::env::args().any(|a| a == "--bench")
}

/// The sizes criterion samples: up to 400 KB under `cargo bench`; only the smallest when
/// `cargo test --all-targets` runs this file as a smoke test (without `--bench`, each routine once, debug build).
fn sizes() -> Vec<(usize, &'static str)> {
    let sampled = SIZES.iter().copied().filter(|&(s, _)| s <= SAMPLED_MAX);
    if benchmarking() {
        sampled.collect()
    } else {
        sampled.take(1).collect()
    }
}

fn configure<'a>(
    c: &'a mut Criterion,
    name: &str,
    size: usize,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut g = c.benchmark_group(name);
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    if size >= 400 * 1024 {
        // Each call takes long enough on its own: one call per sample, ten samples.
        g.sampling_mode(SamplingMode::Flat);
        g.sample_size(10);
    } else {
        g.sample_size(30);
    }
    g
}

fn bench_full(c: &mut Criterion) {
    let base = base_text();
    let gazetteer = places::Gazetteer::builtin().expect("the built-in gazetteer parses");
    let options = Options::default();
    for (size, label) in sizes() {
        let text = text_of(&base, size);
        let mut g = configure(c, "analyze", size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, t| {
            b.iter(|| analyze(black_box(t), &options, Some(&gazetteer)))
        });
        g.finish();
    }
}

fn bench_stages(c: &mut Criterion) {
    let base = base_text();
    let gazetteer = places::Gazetteer::builtin().expect("the built-in gazetteer parses");
    let options = Options::default();
    let tables = &lang::EN;
    for (size, label) in sizes().into_iter().step_by(2) {
        // 4 KB and 400 KB.
        let text = text_of(&base, size);
        // The inputs each stage needs, computed once outside the timed loops.
        let segments = segment::segment(&text, tables);
        let dct = dates::resolve_dct(&text, &segments, &options);
        let (timexes, _) = dates::extract(&text, &segments, dct.value.as_deref());
        let ents = entities::extract(&text, &segments);
        let found_places = places::extract(&text, &segments, &ents, &gazetteer);
        let partial: Analysis = {
            let mut a = analyze("", &options, None);
            a.document.dct = dct.clone();
            a.document.length_bytes = text.len();
            a.timexes = timexes;
            a.entities = ents.clone();
            a.places = found_places;
            a
        };

        let mut g = configure(c, &format!("stage/{label}"), size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("segment", |b| b.iter(|| segment::segment(black_box(&text), tables)));
        g.bench_function("dates", |b| {
            b.iter(|| {
                let dct = dates::resolve_dct(black_box(&text), &segments, &options);
                dates::extract(&text, &segments, dct.value.as_deref())
            })
        });
        g.bench_function("entities", |b| {
            b.iter(|| entities::extract(black_box(&text), &segments))
        });
        g.bench_function("places", |b| {
            b.iter(|| places::extract(black_box(&text), &segments, &ents, &gazetteer))
        });
        g.bench_function("events", |b| {
            b.iter(|| events::extract(black_box(&text), &segments, &partial))
        });
        g.finish();
    }
}

fn bench_gazetteer(c: &mut Criterion) {
    let mut g = c.benchmark_group("gazetteer");
    g.warm_up_time(Duration::from_millis(500));
    g.measurement_time(Duration::from_secs(2));
    g.sample_size(20);
    g.bench_function("builtin", |b| b.iter(places::Gazetteer::builtin));
    g.finish();
}

/// The sizes above [`SAMPLED_MAX`] (4 MB): one warm call each, full analysis and each stage, printed in the
/// same units as criterion. `DATELINE_BENCH_ONESHOT=0` skips them.
fn oneshot() {
    if !benchmarking() || std::env::var("DATELINE_BENCH_ONESHOT").is_ok_and(|v| v == "0") {
        return;
    }
    let base = base_text();
    let gazetteer = places::Gazetteer::builtin().expect("the built-in gazetteer parses");
    let options = Options::default();
    let tables = &lang::EN;
    for (size, label) in SIZES.iter().copied().filter(|&(s, _)| s > SAMPLED_MAX) {
        let text = text_of(&base, size);
        let mb = text.len() as f64 / (1024.0 * 1024.0);
        let report = |what: &str, t: Instant| {
            let secs = t.elapsed().as_secs_f64();
            println!(
                "oneshot/{label}/{what:<10} time: {:>10.1} ms   thrpt: {:>8.3} MiB/s",
                secs * 1e3,
                mb / secs
            );
        };
        let t = Instant::now();
        black_box(analyze(&text, &options, Some(&gazetteer)));
        report("analyze", t);
        let t = Instant::now();
        let segments = segment::segment(&text, tables);
        report("segment", t);
        let t = Instant::now();
        let dct = dates::resolve_dct(&text, &segments, &options);
        let (timexes, _) = dates::extract(&text, &segments, dct.value.as_deref());
        report("dates", t);
        let t = Instant::now();
        let ents = entities::extract(&text, &segments);
        report("entities", t);
        let t = Instant::now();
        let found_places = places::extract(&text, &segments, &ents, &gazetteer);
        report("places", t);
        let mut partial = analyze("", &options, None);
        partial.document.dct = dct;
        partial.timexes = timexes;
        partial.entities = ents;
        partial.places = found_places;
        let t = Instant::now();
        black_box(events::extract(&text, &segments, &partial));
        report("events", t);
    }
}

criterion_group!(benches, bench_full, bench_stages, bench_gazetteer);

fn main() {
    benches();
    oneshot();
    Criterion::default().configure_from_args().final_summary();
}
