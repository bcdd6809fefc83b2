//! Browser benchmark (feature `bench`, wasm only; never part of the shipped app): exports `analyze` to
//! JavaScript so `tests/bench/browser-bench.mjs` can time it on the page's main thread and in a worker, and the
//! gazetteer's parse from fetched bytes, so it can time the app worker's lazy load and its memory growth.
//! Built by `scripts/bench-browser`; nothing to do on the host.

#[cfg(target_arch = "wasm32")]
mod exported {
    use dateline::places::Gazetteer;
    use dateline::{analyze, Gazetteers, Options};
    use std::cell::RefCell;
    use wasm_bindgen::prelude::wasm_bindgen;

    thread_local! {
        /// Parsed once, as the app's worker does after fetching it.
        static GAZETTEER: Option<Gazetteer> = Gazetteer::builtin();
        /// The gazetteer parsed by [`bench_parse_gazetteer`] from fetched bytes, kept as the app's worker keeps it.
        static FETCHED: RefCell<Option<Gazetteer>> = const { RefCell::new(None) };
    }

    /// Parses the fetched bytes of `gazetteer.bin` as the app's engine worker does (`Gazetteer::from_vec`:
    /// wasm-bindgen copies them into wasm memory once, as the worker's `Uint8Array::to_vec` does, and the parse keeps
    /// that buffer) and keeps the result. Returns its entry count, 0 if the bytes do not parse.
    #[wasm_bindgen]
    pub fn bench_parse_gazetteer(bytes: Vec<u8>) -> u32 {
        match Gazetteer::from_vec(bytes) {
            Ok(g) => {
                let n = g.len() as u32;
                FETCHED.with(|f| *f.borrow_mut() = Some(g));
                n
            }
            Err(_) => 0,
        }
    }

    /// Runs the full analysis of `text` with the gazetteer of [`bench_parse_gazetteer`]; returns the item count.
    #[wasm_bindgen]
    pub fn bench_analyze_fetched(text: &str) -> u32 {
        FETCHED.with(|f| {
            let fetched = f.borrow();
            let options = Options {
                gazetteer: fetched.as_ref().map_or(Gazetteers::Off, Gazetteers::Given),
                ..Options::default()
            };
            let a = analyze(text, &options);
            (a.timexes.len() + a.places.len() + a.entities.len() + a.events.len()) as u32
        })
    }

    /// Warms the engine with `text` as the app's worker does while its files download ([`dateline::prepare`]).
    #[wasm_bindgen]
    pub fn bench_prepare(text: &str) {
        dateline::prepare(text, &Options::default());
    }

    /// Loads the gazetteer now, so that the first timed call does not pay for it. Returns its entry count.
    #[wasm_bindgen]
    pub fn bench_init() -> u32 {
        GAZETTEER.with(|g| g.as_ref().map_or(0, |g| g.len() as u32))
    }

    /// Runs the full analysis of `text`; with `json`, also serialises the result as the app's worker does.
    /// Returns a number derived from the result, so the work cannot be optimised away.
    #[wasm_bindgen]
    pub fn bench_analyze(text: &str, json: bool) -> u32 {
        GAZETTEER.with(|g| {
            let options = Options {
                gazetteer: g.as_ref().map_or(Gazetteers::Off, Gazetteers::Given),
                ..Options::default()
            };
            let a = analyze(text, &options);
            if json {
                serde_json::to_string(&a).map_or(0, |s| s.len() as u32)
            } else {
                (a.timexes.len() + a.places.len() + a.entities.len() + a.events.len()) as u32
            }
        })
    }
}

fn main() {}
