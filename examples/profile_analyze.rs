//! Runs `dateline::analyze` on a benchmark text for profilers (callgrind, perf): one warm-up call (which pays
//! the one-time lazy set-up: regex compilation, tables), then `profiled_runs`, the only function to collect.
//!
//! `cargo run --release --example profile_analyze -- [SIZE_BYTES] [RUNS] [names|no-names]` prints the time of the first call
//! and the mean of the others; under callgrind use `--toggle-collect=profile_analyze::profiled_runs`
//! (see docs/performance.md).

#[path = "../benches/common/mod.rs"]
mod common;

use dateline::{analyze, places, Analysis, Gazetteers, NameModels, Options};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

/// The system allocator, counting allocations and reallocations: an analysis's allocations are a sizeable share of
/// its time (the allocator's own instructions), so the example reports how many each call makes.
struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the counter has no effect on memory.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract for `alloc` is passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract for `dealloc` is passed on.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: the caller's contract for `realloc` is passed on.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Calls after the first and before the measured ones.
const WARM_UP_CALLS: usize = 8;

/// The measured calls; kept out of line so a profiler can collect exactly these.
#[inline(never)]
fn profiled_runs(text: &str, runs: usize, gazetteer: &places::Gazetteer, names: NameModels) -> usize {
    let options = Options {
        gazetteer: Gazetteers::Given(gazetteer),
        names,
        ..Options::default()
    };
    let mut items = 0;
    for _ in 0..runs {
        let a: Analysis = analyze(black_box(text), &options);
        items += a.timexes.len() + a.places.len() + a.entities.len() + a.events.len();
    }
    items
}

fn main() {
    let mut args = std::env::args().skip(1);
    let size: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(4096);
    let runs: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    // "no-names": the rules alone, without the name tagger (to see what the tagger costs).
    let names = match args.next().as_deref() {
        Some("no-names") => NameModels::Off,
        _ => NameModels::Builtin,
    };
    let text = common::text_of(&common::base_text(), size);
    let t = Instant::now();
    let Some(gazetteer) = places::Gazetteer::builtin() else {
        eprintln!("the built-in gazetteer does not parse");
        std::process::exit(1);
    };
    let load = t.elapsed();
    let t = Instant::now();
    let options = Options {
        gazetteer: Gazetteers::Given(&gazetteer),
        names,
        ..Options::default()
    };
    black_box(analyze(&text, &options));
    let first = t.elapsed();
    // Short texts go rule by rule until the dates engine has done about as much work as compiling its combined
    // searches costs, then compile them (src/dates/lexicon.rs): warm up past that, so that the measured calls are
    // the steady state of a long-running process (the page's worker, a batch) and not one compilation.
    for _ in 0..WARM_UP_CALLS {
        black_box(analyze(&text, &options));
    }
    let t = Instant::now();
    let allocations = ALLOCATIONS.load(Ordering::Relaxed);
    let items = profiled_runs(&text, runs, &gazetteer, names);
    let allocations = ALLOCATIONS.load(Ordering::Relaxed) - allocations;
    let rest = t.elapsed();
    println!(
        "{} bytes: gazetteer load {:.3} ms, first analyze {:.3} ms, then {:.3} ms and {} allocations per call over \
         {runs} ({} items)",
        text.len(),
        load.as_secs_f64() * 1e3,
        first.as_secs_f64() * 1e3,
        rest.as_secs_f64() * 1e3 / runs.max(1) as f64,
        allocations / runs.max(1),
        items / runs.max(1)
    );
}
