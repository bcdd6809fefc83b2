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
use dateline::dates::{self, DocTime};
use dateline::{
    analyze, entities, events, places, Context, Dct, Doc, Entity, Gazetteers, Language, Options, Place, Timex,
};
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
    let options = Options {
        gazetteer: Gazetteers::Given(&gazetteer),
        ..Options::default()
    };
    for (size, label) in sizes() {
        let text = text_of(&base, size);
        let mut g = configure(c, "analyze", size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, t| {
            b.iter(|| analyze(black_box(t), &options))
        });
        g.finish();
    }
}

/// Every stage's input, computed once outside the timed loops: the document, its time, and the parts found.
struct Staged<'t> {
    doc: Doc<'t>,
    dct: Dct,
    time: Option<DocTime>,
    timexes: Vec<Timex>,
    entities: Vec<Entity>,
    places: Vec<Place>,
}

impl<'t> Staged<'t> {
    fn new(text: &'t str, language: &Language, options: &Options, gazetteer: &places::Gazetteer) -> Staged<'t> {
        let doc = Doc::new(text, language);
        let (dct, time) = dates::resolve_dct(&doc, language, options);
        let (timexes, _) = dates::extract_at(&doc, language, time);
        let entities = entities::extract(&doc, language, &Context::default());
        let ctx = Context {
            gazetteer: Some(gazetteer),
            entities: &entities,
            ..Context::default()
        };
        let places = places::extract(&doc, language, &ctx);
        Staged {
            doc,
            dct,
            time,
            timexes,
            entities,
            places,
        }
    }

    fn context<'a>(&'a self, gazetteer: &'a places::Gazetteer) -> Context<'a> {
        Context {
            dct: self.dct.value.as_deref(),
            time: self.time,
            gazetteer: Some(gazetteer),
            names: dateline::entities::tagger::NameModel::builtin(),
            timexes: &self.timexes,
            entities: &self.entities,
            places: &self.places,
        }
    }
}

fn bench_stages(c: &mut Criterion) {
    let base = base_text();
    let gazetteer = places::Gazetteer::builtin().expect("the built-in gazetteer parses");
    let options = Options::default();
    let language = Language::english();
    for (size, label) in sizes().into_iter().step_by(2) {
        // 4 KB and 400 KB.
        let text = text_of(&base, size);
        let staged = Staged::new(&text, language, &options, &gazetteer);
        let ctx = staged.context(&gazetteer);
        let doc = &staged.doc;

        let mut g = configure(c, &format!("stage/{label}"), size);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function("doc", |b| b.iter(|| Doc::new(black_box(&text), language)));
        g.bench_function("dates", |b| {
            b.iter(|| {
                let (_, time) = dates::resolve_dct(black_box(doc), language, &options);
                dates::extract_at(doc, language, time)
            })
        });
        g.bench_function("entities", |b| {
            b.iter(|| entities::extract(black_box(doc), language, &ctx))
        });
        g.bench_function("places", |b| b.iter(|| places::extract(black_box(doc), language, &ctx)));
        g.bench_function("events", |b| b.iter(|| events::extract(black_box(doc), language, &ctx)));
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
    let options = Options {
        gazetteer: Gazetteers::Given(&gazetteer),
        ..Options::default()
    };
    let language = Language::english();
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
        black_box(analyze(&text, &options));
        report("analyze", t);
        let t = Instant::now();
        let doc = Doc::new(&text, language);
        report("doc", t);
        let t = Instant::now();
        let (dct, time) = dates::resolve_dct(&doc, language, &options);
        let (timexes, _) = dates::extract_at(&doc, language, time);
        report("dates", t);
        let t = Instant::now();
        let names = Context {
            gazetteer: Some(&gazetteer),
            names: dateline::entities::tagger::NameModel::builtin(),
            ..Context::default()
        };
        let ents = entities::extract(&doc, language, &names);
        report("entities", t);
        let t = Instant::now();
        let mut ctx = Context {
            dct: dct.value.as_deref(),
            time,
            gazetteer: Some(&gazetteer),
            names: None,
            timexes: &timexes,
            entities: &ents,
            places: &[],
        };
        let found_places = places::extract(&doc, language, &ctx);
        report("places", t);
        ctx.places = &found_places;
        let t = Instant::now();
        black_box(events::extract(&doc, language, &ctx));
        report("events", t);
    }
}

criterion_group!(benches, bench_full, bench_stages, bench_gazetteer);

fn main() {
    benches();
    oneshot();
    Criterion::default().configure_from_args().final_summary();
}
