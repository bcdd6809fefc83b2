//! The messages the page and the analysis worker exchange, and how a long answer travels in parts.
//!
//! The worker (`src/app/worker.rs`) runs the engine; the page sends it a [`Request`] per edit and gets
//! [`Response`]s back: progress while it works, then the analysis cut into parts ([`split`], [`join`]).

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
}

/// What the worker says about a request: progress while it works, then the analysis in parts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Response {
    /// The request it answers.
    pub id: u64,
    /// Progress or a part of the answer.
    pub body: Body,
}

/// The two kinds of message the worker sends.
// A message is built once and moved once, to be serialised: a boxed part would save nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, Serialize, Deserialize)]
pub enum Body {
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

/// How long the worker may take before it is presumed dead, plus 1 ms per KB of text.
pub const WATCHDOG_MS: u32 = 8_000;

/// How long the worker may take to answer a text of `bytes` before it is presumed dead.
pub fn watchdog_ms(bytes: usize) -> u32 {
    WATCHDOG_MS + (bytes / 1000) as u32
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
    whole.timexes.extend(next.timexes);
    whole.places.extend(next.places);
    whole.entities.extend(next.entities);
    whole.events.extend(next.events);
    whole.warnings.extend(next.warnings);
}
