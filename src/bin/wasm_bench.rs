//! Browser benchmark (feature `bench`, wasm only; never part of the shipped app): exports `analyze` to
//! JavaScript so `tests/bench/browser-bench.mjs` can time it on the page's main thread and in a worker.
//! Built by `scripts/bench-browser`; nothing to do on the host.

#[cfg(target_arch = "wasm32")]
mod exported {
    use dateline::places::Gazetteer;
    use dateline::{analyze, Options};
    use wasm_bindgen::prelude::wasm_bindgen;

    thread_local! {
        /// Parsed once, as the app's worker does after fetching it.
        static GAZETTEER: Option<Gazetteer> = Gazetteer::builtin();
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
            let a = analyze(text, &Options::default(), g.as_ref());
            if json {
                serde_json::to_string(&a).map_or(0, |s| s.len() as u32)
            } else {
                (a.timexes.len() + a.places.len() + a.entities.len() + a.events.len()) as u32
            }
        })
    }
}

fn main() {}
