//! Reading a dropped or picked file: a saved view (`.dateline.json`) is read here; an article (an HTML page, a
//! Word document, text) is read by the reader worker ([`crate::app::reader`]) with the CLI's own reader, so the
//! page and the CLI find the same article, headline and date in a page. The worker is started for each file
//! and ended when it answers, or when it takes longer than [`READ_BUDGET_MS`] (a hostile file cannot freeze
//! the page or keep a core busy).

use crate::app::reader::{ReadAnswer, READY};
use crate::reader::ReadText;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

pub use crate::app::reader::MAX_FILE_BYTES;

/// The reader worker's script, beside the page.
const LOADER: &str = "./reader_loader.js";

/// How long a file may take to read, loading the reader included, before it is given up.
pub const READ_BUDGET_MS: u32 = 30_000;

/// What a dropped or picked file turned out to be, when it is not an article.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// A saved view (`.dateline.json`).
    View(crate::share::ViewState),
    /// An article, to be read by the reader worker.
    Article,
}

/// Reads a saved view; anything else is an article for [`read_article`].
pub fn load_view(name: &str, bytes: &[u8]) -> Result<Loaded, String> {
    if !name.to_ascii_lowercase().ends_with(".dateline.json") {
        return Ok(Loaded::Article);
    }
    let view: crate::share::ViewState =
        serde_json::from_slice(bytes).map_err(|e| format!("{name}: not a Dateline view file ({e})"))?;
    Ok(Loaded::View(view))
}

/// A reading under way: its worker and the handlers that must live as long as it.
struct Reading {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
    _budget: Timeout,
}

impl Drop for Reading {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

thread_local! {
    /// The readings under way, by number: each is dropped (its worker ended) once it has answered.
    static READINGS: RefCell<HashMap<u64, Reading>> = RefCell::default();
    static NEXT: RefCell<u64> = const { RefCell::new(0) };
}

/// The callback of one reading, called at most once, by whichever of answer, failure or budget comes first.
type Done = Rc<RefCell<Option<Box<dyn FnOnce(Result<ReadText, String>)>>>>;

/// Ends reading `id` from the next task: this runs inside the reading's own handlers, which must not be
/// dropped while they run.
fn finish(id: u64, done: &Done, result: Result<ReadText, String>) {
    if let Some(done) = done.borrow_mut().take() {
        done(result);
    }
    Timeout::new(0, move || {
        READINGS.with_borrow_mut(|r| r.remove(&id));
    })
    .forget();
}

/// Reads the article file `name` in the reader worker and calls `done` with its text, or with a message for the
/// person.
pub fn read_article(name: String, bytes: Vec<u8>, done: impl FnOnce(Result<ReadText, String>) + 'static) {
    let done: Done = Rc::new(RefCell::new(Some(Box::new(done))));
    let worker = match Worker::new(LOADER) {
        Ok(worker) => worker,
        Err(e) => {
            if let Some(done) = done.borrow_mut().take() {
                done(Err(format!("{name}: the file reader could not start ({e:?})")));
            }
            return;
        }
    };
    let id = NEXT.with_borrow_mut(|n| {
        *n += 1;
        *n
    });
    let on_message = {
        let (done, worker, name) = (done.clone(), worker.clone(), name.clone());
        let mut bytes = Some(bytes);
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(message) = event.data().as_string() else {
                return;
            };
            if message == READY {
                if let Some(bytes) = bytes.take() {
                    let request = js_sys::Array::of2(&JsValue::from_str(&name), &js_sys::Uint8Array::from(&bytes[..]));
                    let _ = worker.post_message(&request);
                }
                return;
            }
            let result = match serde_json::from_str::<ReadAnswer>(&message) {
                Ok(ReadAnswer::Read(read)) => Ok(read),
                Ok(ReadAnswer::Refused(why)) => Err(why),
                Err(e) => Err(format!("{name}: the file reader's answer was unreadable ({e})")),
            };
            finish(id, &done, result);
        })
    };
    let on_error = {
        let (done, name) = (done.clone(), name.clone());
        Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            let why = event.message();
            finish(id, &done, Err(format!("{name}: the file could not be read ({why})")));
        })
    };
    let budget = {
        let done = done.clone();
        Timeout::new(READ_BUDGET_MS, move || {
            finish(
                id,
                &done,
                Err(format!(
                    "{name}: reading the file took longer than {} s and was stopped",
                    READ_BUDGET_MS / 1000
                )),
            );
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    READINGS.with_borrow_mut(|r| {
        r.insert(
            id,
            Reading {
                worker,
                _on_message: on_message,
                _on_error: on_error,
                _budget: budget,
            },
        )
    });
}
