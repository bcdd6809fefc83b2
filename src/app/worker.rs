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

/// The worker's answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Response {
    /// The request it answers.
    pub id: u64,
    /// The analysis.
    pub analysis: Analysis,
}

/// JSON over `postMessage`.
#[derive(Debug)]
pub struct JsonCodec;

impl Codec for JsonCodec {
    fn encode<I: Serialize>(input: I) -> JsValue {
        JsValue::from_str(&serde_json::to_string(&input).unwrap_or_default())
    }

    fn decode<O: for<'de> Deserialize<'de>>(input: JsValue) -> O {
        let text = input.as_string().unwrap_or_default();
        // The page and the worker are one build, so a message that does not parse is a bug, not input.
        serde_json::from_str(&text).expect("worker message is valid JSON")
    }
}

/// Messages the worker sends itself.
pub enum Internal {
    /// The gazetteer arrived (or could not be had).
    GazetteerLoaded(Option<Gazetteer>, Option<String>),
}

/// Runs analyses; holds the gazetteer once fetched.
pub struct AnalysisWorker {
    gazetteer: Option<Rc<Gazetteer>>,
    gazetteer_note: Option<String>,
    loading: bool,
    waiting: Vec<(HandlerId, Request)>,
}

impl Worker for AnalysisWorker {
    type Message = Internal;
    type Input = Request;
    type Output = Response;

    fn create(scope: &WorkerScope<Self>) -> Self {
        scope.send_future(async {
            match crate::app::services::fetch::fetch_bytes(GAZETTEER_URL).await {
                Ok(bytes) => match Gazetteer::from_bytes(&bytes) {
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
            waiting: Vec::new(),
        }
    }

    fn update(&mut self, scope: &WorkerScope<Self>, msg: Self::Message) {
        let Internal::GazetteerLoaded(gazetteer, note) = msg;
        self.gazetteer = gazetteer.map(Rc::new);
        self.gazetteer_note = note;
        self.loading = false;
        for (who, request) in std::mem::take(&mut self.waiting) {
            self.answer(scope, who, request);
        }
    }

    fn received(&mut self, scope: &WorkerScope<Self>, msg: Self::Input, id: HandlerId) {
        if self.loading {
            // Only the newest request for the article being read matters; each added article keeps its own.
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
        } else {
            self.answer(scope, id, msg);
        }
    }
}

impl AnalysisWorker {
    fn answer(&self, scope: &WorkerScope<Self>, who: HandlerId, request: Request) {
        let options = Options {
            dct: request.dct,
            meta_dct: request.meta_dct,
            title: request.title,
            source: None,
            corrections: request.corrections,
        };
        let mut analysis = crate::analyze(&request.text, &options, self.gazetteer.as_deref());
        if let Some(note) = &self.gazetteer_note {
            analysis
                .warnings
                .push(crate::Warning::new("no_gazetteer", note.clone()));
        }
        scope.respond(
            who,
            Response {
                id: request.id,
                analysis,
            },
        );
    }
}

/// Registers the worker's message handler (called by the worker binary).
pub fn register() {
    console_error_panic_hook::set_once();
    AnalysisWorker::registrar().encoding::<JsonCodec>().register();
}
