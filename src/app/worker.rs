//! The web worker that runs `analyze` off the UI thread, and the messages it exchanges with the page.
//!
//! Messages are JSON (not gloo's default bincode), because the `Analysis` shape skips empty
//! optional fields, which bincode cannot read back.

use crate::app::state::OTHER_REQUEST_BIT;
use crate::model::Analysis;
use crate::places::Gazetteer;
use crate::Options;
use gloo::worker::{Codec, HandlerId, Registrable, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Path of the lazily fetched gazetteer, relative to the worker script.
pub const GAZETTEER_URL: &str = "data/gazetteer.bin";

/// A request from the page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Request {
    /// Request number, echoed in the answer.
    pub id: u64,
    /// The text to analyse.
    pub text: String,
    /// The person's document date.
    pub dct: Option<String>,
    /// Publication date from HTML metadata.
    pub meta_dct: Option<String>,
    /// Title from HTML metadata.
    pub title: Option<String>,
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

/// How a stage is named to people.
fn stage_label(stage: crate::Stage) -> (u32, &'static str) {
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

/// JSON over `postMessage`.
#[derive(Debug)]
pub struct JsonCodec;

impl Codec for JsonCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        JsValue::from_str(&serde_json::to_string(&input).unwrap_or_default())
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let _timed = crate::app::Timed::start("decode");
        let text = input.as_string().unwrap_or_default();
        // The page and the worker are one build, so a message that does not parse is a bug, not input.
        serde_json::from_str(&text).expect("worker message is valid JSON")
    }
}

/// Messages the worker sends itself.
pub enum Internal {
    /// The gazetteer arrived (or could not be had).
    GazetteerLoaded(Option<Gazetteer>, Option<String>),
    /// Time to answer the queued requests: sent through a timer, so that requests already
    /// waiting in the message queue arrive first and supersede older ones of the same article.
    Run,
}

/// Runs analyses; holds the gazetteer once fetched.
pub struct AnalysisWorker {
    gazetteer: Option<Rc<Gazetteer>>,
    gazetteer_note: Option<String>,
    loading: bool,
    /// A [`Internal::Run`] is on its way.
    scheduled: bool,
    waiting: Vec<(HandlerId, Request)>,
}

impl Worker for AnalysisWorker {
    type Message = Internal;
    type Input = Request;
    type Output = Response;

    fn create(scope: &WorkerScope<Self>) -> Self {
        scope.send_future(async {
            match crate::app::services::fetch::fetch_bytes(GAZETTEER_URL).await {
                Ok(bytes) => match Gazetteer::from_vec(bytes) {
                    Ok(g) => Internal::GazetteerLoaded(Some(g), None),
                    Err(e) => Internal::GazetteerLoaded(None, Some(format!("The gazetteer is damaged: {e}"))),
                },
                Err(e) => Internal::GazetteerLoaded(None, Some(format!("The gazetteer could not be loaded: {e}"))),
            }
        });
        AnalysisWorker {
            gazetteer: None,
            gazetteer_note: None,
            loading: true,
            scheduled: false,
            waiting: Vec::new(),
        }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, msg: Self::Message) {
        match msg {
            Internal::GazetteerLoaded(gazetteer, note) => {
                self.gazetteer = gazetteer.map(Rc::new);
                self.gazetteer_note = note;
                self.loading = false;
                self.run(scope);
            }
            Internal::Run => {
                self.scheduled = false;
                if !self.loading {
                    self.run(scope);
                }
            }
        }
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        // Only the newest request for the article being read matters; each added article keeps its own.
        // Requests are queued, not answered at once: while a long text is analysed, the edits made
        // meanwhile pile up in the message queue, and only the last of them is worth analysing.
        let other = msg.id & OTHER_REQUEST_BIT != 0;
        let same_slot = |r: &Request| {
            if other {
                r.id == msg.id
            } else {
                r.id & OTHER_REQUEST_BIT == 0
            }
        };
        self.waiting.retain(|(who, r)| *who != id || !same_slot(r));
        self.waiting.push((id, msg));
        if !self.loading && !self.scheduled {
            self.scheduled = true;
            scope.send_future(async {
                gloo::timers::future::TimeoutFuture::new(0).await;
                Internal::Run
            });
        }
    }
}

impl AnalysisWorker {
    /// Answers every queued request.
    fn run(&mut self, scope: &WorkerScope<Self>) {
        for (who, request) in std::mem::take(&mut self.waiting) {
            self.answer(scope, who, request);
        }
    }

    fn answer(&self, scope: &WorkerScope<Self>, who: HandlerId, request: Request) {
        let options = Options {
            dct: request
                .dct
                .as_deref()
                .and_then(|d| crate::calendar::Date::parse_iso(d).ok()),
            meta_dct: request.meta_dct,
            title: request.title,
            source: None,
            corrections: request.corrections,
            language: None,
            gazetteer: self
                .gazetteer
                .as_deref()
                .map_or(crate::Gazetteers::Off, crate::Gazetteers::Given),
        };
        let id = request.id;
        let long = request.text.len() >= PROGRESS_MIN_BYTES;
        let mut report = |stage: crate::Stage| {
            if long {
                let (done, label) = stage_label(stage);
                scope.respond(
                    who,
                    Response {
                        id,
                        body: Body::Progress(Progress {
                            done,
                            // The answer's parts are not counted yet: one step stands for all of them.
                            total: WORKER_STAGES + 1,
                            label: label.to_string(),
                        }),
                    },
                );
            }
        };
        let mut analysis = crate::analyze_with_progress(&request.text, &options, &mut report);
        if let Some(note) = &self.gazetteer_note {
            // The engine's own `no_gazetteer` warning says places were skipped; the note says why.
            for w in analysis.warnings.iter_mut().filter(|w| w.code == "no_gazetteer") {
                w.message = note.clone();
            }
        }
        let parts = split(analysis, PART_BYTES);
        let count = parts.len() as u32;
        for (index, analysis) in parts.into_iter().enumerate() {
            scope.respond(
                who,
                Response {
                    id,
                    body: Body::Part {
                        index: index as u32,
                        count,
                        analysis,
                    },
                },
            );
        }
    }
}

/// Registers the worker's message handler (called by the worker binary).
pub fn register() {
    console_error_panic_hook::set_once();
    AnalysisWorker::registrar().encoding::<JsonCodec>().register();
}
