//! The web worker that runs `analyze` off the UI thread; the messages it exchanges with the page are in
//! [`crate::explorer::protocol`], each one JSON string.
//!
//! The page talks to it through `web_sys::Worker` directly (`src/app/hooks/engine.rs`), not through a
//! worker library's bridge: a stuck analysis can only be stopped by `Worker.terminate()`, which needs the
//! worker object, and a message asking the worker to stop would wait behind the analysis it should stop.
//! Messages are JSON (not bincode), because the `Analysis` shape skips empty optional fields, which
//! bincode cannot read back.

use crate::entities::tagger::NameModel;
use crate::explorer::protocol::{
    is_main_request, split, stage_label, Body, Progress, Request, Response, PART_BYTES, PROGRESS_MIN_BYTES,
    WORKER_STAGES,
};
use crate::places::Gazetteer;
use crate::Options;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

/// Path of the lazily fetched gazetteer, relative to the worker script.
pub const GAZETTEER_URL: &str = "data/gazetteer.bin";

/// Path of the lazily fetched name tagger's model, relative to the worker script.
pub const NAMES_URL: &str = "data/names-en.bin";

/// Runs analyses; holds the gazetteer and the name model once fetched.
#[derive(Default)]
struct AnalysisWorker {
    gazetteer: Option<Rc<Gazetteer>>,
    gazetteer_note: Option<String>,
    /// The name tagger's model; without it names come from the rules alone (a note says so in the console).
    names: Option<Rc<NameModel>>,
    /// Files still being fetched (the gazetteer, the name model).
    fetching: u8,
    /// Every file has arrived (or could not be had): requests can be answered.
    loaded: bool,
    /// A run of the queue is on its way.
    scheduled: bool,
    /// The engine was warmed with a waiting article while the files downloaded ([`crate::prepare`]).
    prepared: bool,
    waiting: Vec<Request>,
}

thread_local! {
    static WORKER: RefCell<AnalysisWorker> = RefCell::default();
}

/// The worker's global scope.
fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Sends one message to the page.
fn respond(response: &Response) {
    if let Ok(json) = serde_json::to_string(response) {
        // Posting fails only when the page is gone: nobody is left to tell.
        let _ = scope().post_message(&JsValue::from_str(&json));
    }
}

/// Registers the worker's message handler (called by the worker binary), starts fetching the gazetteer,
/// and tells the page it is listening.
pub fn register() {
    console_error_panic_hook::set_once();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        // The page and the worker are one build: a message that does not parse is a bug, and is dropped.
        let Some(request) = event
            .data()
            .as_string()
            .and_then(|json| serde_json::from_str::<Request>(&json).ok())
        else {
            return;
        };
        received(request);
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    WORKER.with_borrow_mut(|w| w.fetching = 2);
    // Both files are fetched at once; the queue runs when the last has arrived.
    wasm_bindgen_futures::spawn_local(async {
        let names = match crate::app::services::fetch::fetch_bytes(NAMES_URL).await {
            Ok(bytes) => NameModel::from_bytes(&bytes).map_err(|e| e.to_string()).map(Rc::new),
            Err(e) => Err(e.to_string()),
        };
        let names = names
            .map_err(|e| gloo::console::warn!(format!("Names are found by the rules alone: {e}")))
            .ok();
        WORKER.with_borrow_mut(|w| w.names = names);
        fetched();
    });
    wasm_bindgen_futures::spawn_local(async {
        let (gazetteer, note) = match crate::app::services::fetch::fetch_bytes(GAZETTEER_URL).await {
            Ok(bytes) => match Gazetteer::from_vec(bytes) {
                Ok(g) => (Some(Rc::new(g)), None),
                Err(e) => (None, Some(format!("The gazetteer is damaged: {e}"))),
            },
            Err(e) => (None, Some(format!("The gazetteer could not be loaded: {e}"))),
        };
        WORKER.with_borrow_mut(|w| {
            w.gazetteer = gazetteer;
            w.gazetteer_note = note;
        });
        fetched();
    });
    respond(&Response {
        id: 0,
        body: Body::Ready,
    });
}

/// One of the files has arrived: when it was the last, answer what is waiting.
fn fetched() {
    let all = WORKER.with_borrow_mut(|w| {
        w.fetching = w.fetching.saturating_sub(1);
        w.loaded = w.fetching == 0;
        w.loaded
    });
    if all {
        run();
    }
}

/// Queues a request. Requests are not answered at once: while a long text is analysed, the edits made
/// meanwhile pile up in the message queue, and only the last of them is worth analysing, so the queue
/// is run from a timer, after the messages already waiting have arrived.
fn received(request: Request) {
    let (schedule, prepare) = WORKER.with_borrow_mut(|w| {
        // Only the newest request for the article being read matters; each added article keeps its own.
        let main = is_main_request(request.id);
        w.waiting.retain(|r| {
            if main {
                !is_main_request(r.id)
            } else {
                r.id != request.id
            }
        });
        // The first article to arrive before the files warms the engine while they download: its beginning, which
        // calls for most of what the whole will (no progress and no watchdog cover this, so it must stay short).
        let prepare = (!w.loaded && !w.prepared).then(|| {
            let part = crate::offsets::prefix_within(&request.text, WARM_UP_BYTES);
            (part.to_string(), request.read_anyway)
        });
        w.prepared |= prepare.is_some();
        w.waiting.push(request);
        let schedule = w.loaded && !w.scheduled;
        w.scheduled |= schedule;
        (schedule, prepare)
    });
    if let Some((text, read_anyway)) = prepare {
        // After the messages already waiting (a newer edit replaces this one in the queue, not here: the patterns
        // it compiles serve the next text as well).
        wasm_bindgen_futures::spawn_local(async move {
            gloo::timers::future::TimeoutFuture::new(0).await;
            // Files that came in meanwhile have started the analysis itself: warming would only delay the next.
            if WORKER.with_borrow(|w| w.loaded) {
                return;
            }
            crate::prepare(
                &text,
                &Options {
                    read_anyway,
                    ..Options::default()
                },
            );
        });
    }
    if schedule {
        wasm_bindgen_futures::spawn_local(async {
            gloo::timers::future::TimeoutFuture::new(0).await;
            WORKER.with_borrow_mut(|w| w.scheduled = false);
            run();
        });
    }
}

/// The most of an article the worker warms the engine with ([`crate::prepare`]): the compiling is what the warm-up
/// is for, and a news article's first 16 KB call for nearly all it needs; the analysis itself is a few milliseconds
/// once compiled, so a long paste does not hold the worker up unwatched.
pub const WARM_UP_BYTES: usize = 16 * 1024;

/// Answers every queued request: the article being read first (the person is looking at it), then the
/// added articles in the order they came.
fn run() {
    loop {
        // One at a time, taken out of the cell, so that the cell is not borrowed during an analysis.
        let next = WORKER.with_borrow_mut(|w| {
            if !w.loaded || w.waiting.is_empty() {
                return None;
            }
            let at = w.waiting.iter().position(|r| is_main_request(r.id)).unwrap_or(0);
            let request = w.waiting.remove(at);
            Some((request, w.gazetteer.clone(), w.gazetteer_note.clone(), w.names.clone()))
        });
        let Some((request, gazetteer, note, names)) = next else {
            return;
        };
        answer(request, gazetteer.as_deref(), note.as_deref(), names.as_deref());
    }
}

/// Today on the worker's clock, in the person's time zone.
fn today() -> Option<crate::calendar::Date> {
    let now = js_sys::Date::new_0();
    crate::calendar::Date::new(now.get_full_year() as i32, now.get_month() + 1, now.get_date())
}

/// Analyses one request and sends the answer in parts, with progress for a long text.
fn answer(request: Request, gazetteer: Option<&Gazetteer>, gazetteer_note: Option<&str>, names: Option<&NameModel>) {
    let id = request.id;
    // First, so that the page's watchdog times this request from now, not from when it was sent.
    respond(&Response {
        id,
        body: Body::Started,
    });
    let mut options = Options {
        dct: request
            .dct
            .as_deref()
            .and_then(|d| crate::calendar::Date::parse_iso(d).ok()),
        corrections: request.corrections,
        read_anyway: request.read_anyway,
        fallback_dct: if request.dct_from_text {
            Some(crate::FallbackDct::FromText)
        } else if request.assume_today {
            today().map(crate::FallbackDct::Assumed)
        } else {
            None
        },
        gazetteer: gazetteer.map_or(crate::Gazetteers::Off, crate::Gazetteers::Given),
        names: names.map_or(crate::NameModels::Off, crate::NameModels::Given),
        ..Options::default()
    };
    request.meta.apply(&mut options);
    let long = request.text.len() >= PROGRESS_MIN_BYTES;
    let mut report = |stage: crate::Stage| {
        if long {
            let (done, label) = stage_label(stage);
            respond(&Response {
                id,
                body: Body::Progress(Progress {
                    done,
                    // The answer's parts are not counted yet: one step stands for all of them.
                    total: WORKER_STAGES + 1,
                    label: label.to_string(),
                }),
            });
        }
    };
    let mut analysis = crate::analyze_with_progress(&request.text, &options, &mut report);
    if let Some(note) = gazetteer_note {
        // The engine's own `no_gazetteer` warning says places were skipped; the note says why.
        for w in analysis.warnings.iter_mut().filter(|w| w.code == "no_gazetteer") {
            w.message = note.to_string();
        }
    }
    let parts = split(analysis, PART_BYTES);
    let count = parts.len() as u32;
    for (index, analysis) in parts.into_iter().enumerate() {
        respond(&Response {
            id,
            body: Body::Part {
                index: index as u32,
                count,
                analysis,
            },
        });
    }
}
