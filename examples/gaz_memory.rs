//! The gazetteer's load time and memory, natively (issue #5): the size of the embedded file, the time of
//! `Gazetteer::builtin()` (first call) and of fresh `Gazetteer::from_bytes` parses (what the app's engine
//! worker does with the fetched file), the heap each keeps live and its peak while loading, and the heap one
//! `dateline::analyze` of the 4 KB benchmark text uses on top of a loaded gazetteer.
//!
//! `cargo run --release --example gaz_memory -- [PARSES]` (default 21 fresh parses; the median is printed).
//! Heap figures come from a counting wrapper around the system allocator (below), so they are exact bytes
//! requested, without the allocator's own overhead; the embedded file itself is static data, not heap.

#[path = "../benches/common/mod.rs"]
mod common;

use dateline::{analyze, analyze_with_progress, places::Gazetteer, Gazetteers, Options, Stage};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// The system allocator, counting the bytes live and the most live at once since the last [`reset_peak`].
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(size: usize) {
    let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
    PEAK.fetch_max(live, Ordering::Relaxed);
}

fn shrank(size: usize) {
    LIVE.fetch_sub(size, Ordering::Relaxed);
}

// SAFETY: every call is passed unchanged to `System`; the wrapper only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees for `layout` are those `System.alloc` needs.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` was allocated by `System` with `layout` (every allocation goes through this wrapper).
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`; `new_size` is checked by the caller.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            // Counted as the new block added before the old one goes, the worst case of a moving realloc.
            grew(new_size);
            shrank(layout.size());
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes live now.
fn live() -> usize {
    LIVE.load(Ordering::Relaxed)
}

/// Starts a new peak measurement from the bytes live now.
fn reset_peak() {
    PEAK.store(live(), Ordering::Relaxed);
}

/// Live bytes after, and peak during, `f`, both above the bytes live before it; with its time and result.
fn measure<T>(f: impl FnOnce() -> T) -> (T, Duration, usize, usize) {
    let before = live();
    reset_peak();
    let t = Instant::now();
    let out = black_box(f());
    let time = t.elapsed();
    let peak = PEAK.load(Ordering::Relaxed) - before;
    (out, time, live().saturating_sub(before), peak)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn main() {
    static DATA: &[u8] = include_bytes!("../static/data/gazetteer.bin");
    let parses: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(21)
        .max(1);
    // Built before anything is measured, so its allocations are not counted in the figures.
    let text = common::text_of(&common::base_text(), 4096);

    let (builtin, time, kept, peak) = measure(Gazetteer::builtin);
    let Some(gazetteer) = builtin else {
        eprintln!("the built-in gazetteer does not parse");
        std::process::exit(1);
    };
    println!(
        "gazetteer.bin: {} bytes raw, {} entries, {} keys",
        DATA.len(),
        gazetteer.len(),
        gazetteer.key_count()
    );
    println!(
        "Gazetteer::builtin(), first call: {:.3} ms; heap kept {kept} B (the index: the file stays static \
         data), peak {peak} B",
        ms(time)
    );

    // Fresh parses of a copy, each dropped before the next: what the app's worker does once per page.
    let mut times = Vec::with_capacity(parses);
    let (mut kept, mut peak) = (0, 0);
    for _ in 0..parses {
        let (parsed, time, k, p) = measure(|| Gazetteer::from_bytes(DATA));
        if parsed.is_err() {
            eprintln!("the gazetteer bytes do not parse");
            std::process::exit(1);
        }
        times.push(time);
        (kept, peak) = (k, p);
    }
    times.sort();
    println!(
        "Gazetteer::from_bytes(), {parses} fresh parses: median {:.3} ms (min {:.3}, max {:.3}); heap kept \
         {kept} B (the copied file + the index), peak {peak} B",
        ms(times[parses / 2]),
        ms(times[0]),
        ms(times[parses - 1])
    );

    // Measured with the built-in gazetteer loaded, as the CLI runs. The first call builds the engines' lazy
    // tables; the heap live as each stage starts says which stage keeps how much.
    let options = Options {
        gazetteer: Gazetteers::Given(&gazetteer),
        ..Options::default()
    };
    let mut marks: Vec<(Stage, usize, Instant)> = Vec::new();
    let (first, time, kept, peak) = measure(|| {
        analyze_with_progress(&text, &options, &mut |stage| {
            marks.push((stage, live(), Instant::now()))
        })
    });
    let end = (live(), Instant::now());
    drop(first);
    println!(
        "analyze, {} B text, first call: {:.3} ms; heap kept {kept} B after dropping the result (lazily built \
         tables: regexes, lexicons), peak {peak} B",
        text.len(),
        ms(time)
    );
    for (i, (stage, at, t)) in marks.iter().enumerate() {
        let (next, next_t) = marks.get(i + 1).map_or(end, |&(_, b, u)| (b, u));
        println!(
            "  {stage:?}: heap +{} B in {:.3} ms",
            next as isize - *at as isize,
            ms(next_t.duration_since(*t))
        );
    }
    let (second, time, kept, peak) = measure(|| analyze(&text, &options));
    let items = second.timexes.len() + second.places.len() + second.entities.len() + second.events.len();
    drop(second);
    println!(
        "analyze, second call: {:.3} ms; {items} items; heap kept {kept} B after dropping the result, peak {peak} B",
        ms(time)
    );
}
