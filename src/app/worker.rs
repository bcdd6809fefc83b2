//! The web worker that runs `analyze` off the UI thread; the messages it exchanges with the page are in
//! [`crate::explorer::protocol`].
//!
//! Messages are JSON (not gloo's default bincode), because the `Analysis` shape skips empty
//! optional fields, which bincode cannot read back.

use crate::explorer::protocol::{
    is_main_request, split, stage_label, Body, Progress, Request, Response, PART_BYTES, PROGRESS_MIN_BYTES,
    WORKER_STAGES,
};
use crate::places::Gazetteer;
use crate::Options;
use gloo::worker::{Codec, HandlerId, Registrable, Worker, WorkerScope};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
use wasm_bindgen::JsValue;

/// Path of the lazily fetched gazetteer, relative to the worker script.
pub const GAZETTEER_URL: &str = "data/gazetteer.bin";

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
        let other = !is_main_request(msg.id);
        let same_slot = |r: &Request| {
            if other {
                r.id == msg.id
            } else {
                is_main_request(r.id)
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
        let mut options = Options {
            dct: request
                .dct
                .as_deref()
                .and_then(|d| crate::calendar::Date::parse_iso(d).ok()),
            corrections: request.corrections,
            gazetteer: self
                .gazetteer
                .as_deref()
                .map_or(crate::Gazetteers::Off, crate::Gazetteers::Given),
            ..Options::default()
        };
        request.meta.apply(&mut options);
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
