//! The messages the page and the analysis worker exchange, and how a long answer travels in parts.
//!
//! The worker (`src/app/worker.rs`) runs the engine; the page sends it a [`Request`] per edit and gets
//! [`Response`]s back: that it is ready, that it started a request (the watchdog's clock,
//! [`super::watchdog`]), progress while it works, then the analysis cut into parts ([`split`], [`join`]).
//! Both ways a message is one JSON string.

use crate::model::Analysis;
use serde::{Deserialize, Serialize};

/// A request from the page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Request number, echoed in the answer.
    pub id: u64,
    /// The text to analyse.
    pub text: String,
    /// The person's document date.
    pub dct: Option<String>,
    /// What the HTML page the text came from says about itself (headline, date, byline, ...).
    pub meta: crate::html::PageMeta,
    /// The person's corrections.
    pub corrections: crate::corrections::Corrections,
    /// Read the text with the English tables even when it looks written in another language.
    #[serde(default)]
    pub read_anyway: bool,
    /// When nothing gives a publication date, assume today's (the worker's clock), marked as assumed.
    #[serde(default)]
    pub assume_today: bool,
    /// When nothing gives a publication date, take the newest date written in the text.
    #[serde(default)]
    pub dct_from_text: bool,
}

/// What the worker says about a request: progress while it works, then the analysis in parts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Response {
    /// The request it answers.
    pub id: u64,
    /// Progress or a part of the answer.
    pub body: Body,
}

/// The kinds of message the worker sends.
// A message is built once and moved once, to be serialised: a boxed part would save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Body {
    /// The worker is listening (sent once, with id 0): messages the page posted before would have been
    /// lost while its wasm loaded, so the page holds them until this arrives.
    Ready,
    /// The worker starts analysing the request: its time budget counts from here.
    Started,
    /// The analysis reached a step; sent only for texts of [`PROGRESS_MIN_BYTES`] or more.
    Progress(Progress),
    /// Part `index` of `count` of the analysis: part 0 carries the document and the warnings,
    /// every part a run of the lists (in order); the page concatenates them.
    Part {
        /// Which part, from 0.
        index: u32,
        /// How many parts the analysis was cut into.
        count: u32,
        /// The part, shaped as an analysis.
        analysis: Analysis,
    },
}

/// How far an analysis has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// Steps done so far.
    pub done: u32,
    /// All steps: the engine's stages, then one per part of the answer.
    pub total: u32,
    /// What is happening now, for people ("finding places").
    pub label: String,
}

/// Texts from this size on report their progress (shorter ones answer before it could be seen).
pub const PROGRESS_MIN_BYTES: usize = 32 * 1024;

/// Target size of one part of the answer in JSON bytes: the page reads each part in its own task, and
/// a part this size is read in a few milliseconds, far under the 50 ms that makes a task "long".
pub const PART_BYTES: usize = 192 * 1024;

/// The engine's stages as steps of [`Progress`]; receiving the answer is one more.
pub const WORKER_STAGES: u32 = 5;

/// Worker request ids for added articles live above this bit, apart from the main article's.
pub const OTHER_REQUEST_BIT: u64 = 1 << 40;

/// The worker request id for the added article with `key`.
pub fn other_request_id(key: u64) -> u64 {
    OTHER_REQUEST_BIT | key
}

/// True for the ids of requests about the article being read (not an added one).
pub fn is_main_request(id: u64) -> bool {
    id & OTHER_REQUEST_BIT == 0
}

/// How long typing must pause before the text is analysed again.
pub const DEBOUNCE_MS: u32 = 150;

/// The least time the worker may work on a request before it is stopped, plus [`WATCHDOG_MS_PER_MB`]: the
/// first analysis in a worker also compiles the language tables, and a busy machine is slower.
pub const WATCHDOG_MS: u32 = 15_000;

/// The time the worker may take per megabyte of text, on top of [`WATCHDOG_MS`]. The engine is linear, so
/// a budget per megabyte holds for every size; the slowest texts measured in the page's worker (Chromium
/// 156, the 2-core development machine, 2 MB of `examples/complexity.rs`'s families) took 6.5 s per MB
/// ("1,1,1,…"), 4.6 ("Homs, Homs, …"; 8.0 s per MB at 12 MB, where the memory it holds slows it) and
/// 3.6 ("2015. At 6 p.m. "), against 0.15 for news text. Twelve seconds leave room for a slower device;
/// past them an analysis is taken to be stuck (a quadratic path that slipped through) and stopped.
pub const WATCHDOG_MS_PER_MB: u32 = 12_000;

/// How long the worker may work on a text of `bytes`, from when it starts it, before the watchdog stops
/// it. The same for every text, pasted, typed, opened from a link or added beside the article.
pub fn watchdog_ms(bytes: usize) -> u32 {
    let per_mb = bytes as u64 * u64::from(WATCHDOG_MS_PER_MB) / (1024 * 1024);
    u32::try_from(u64::from(WATCHDOG_MS) + per_mb).unwrap_or(u32::MAX)
}

/// How a stage is named to people, and the step it is.
pub fn stage_label(stage: crate::Stage) -> (u32, &'static str) {
    match stage {
        crate::Stage::Segmenting => (0, "splitting sentences"),
        crate::Stage::Dates => (1, "finding dates"),
        crate::Stage::Entities => (2, "finding people and organisations"),
        crate::Stage::Places => (3, "finding places"),
        crate::Stage::Events => (4, "building events"),
    }
}

/// Cuts `analysis` into parts of about `part_bytes` of JSON each, in list order; part 0 carries
/// the document and the warnings. [`join`] puts them back together.
pub fn split(analysis: Analysis, part_bytes: usize) -> Vec<Analysis> {
    let Analysis {
        schema_version,
        document,
        timexes,
        places,
        entities,
        events,
        warnings,
    } = analysis;
    let empty = || Analysis {
        schema_version,
        document: Default::default(),
        timexes: Vec::new(),
        places: Vec::new(),
        entities: Vec::new(),
        events: Vec::new(),
        warnings: Vec::new(),
    };
    let mut parts = vec![Analysis {
        document,
        warnings,
        ..empty()
    }];
    let mut size = 0;
    // Each list in turn: an item goes into the current part unless that part is full.
    macro_rules! pour {
        ($list:ident) => {
            for item in $list {
                let bytes = serde_json::to_vec(&item).map_or(0, |v| v.len());
                if size > 0 && size + bytes > part_bytes {
                    parts.push(empty());
                    size = 0;
                }
                size += bytes;
                if let Some(part) = parts.last_mut() {
                    part.$list.push(item);
                }
            }
        };
    }
    pour!(timexes);
    pour!(places);
    pour!(entities);
    pour!(events);
    parts
}

/// Appends part `next` (not the first) to `whole`.
pub fn join(whole: &mut Analysis, next: Analysis) {
    whole.append(next);
}
