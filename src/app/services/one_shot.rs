//! A worker that answers one message: the file reader ([`crate::app::reader`]) and the export writer
//! ([`crate::app::exporter`]) each run in a wasm of their own, loaded only when first needed, so that neither first
//! paint nor the analysis worker carries them. Each job starts its worker from its loader script, sends the
//! message once the worker says it is listening ([`READY`]), takes the one answer and ends the worker; a worker
//! that fails or takes longer than the job's budget is ended too (a hostile file cannot freeze the page or keep a
//! core busy).

use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, ErrorEvent, MessageEvent, Worker};

/// The message a one-shot worker posts once its handler is in place: messages posted before would be lost.
pub const READY: &str = "ready";

/// The worker's half: answers each message with `answer`'s result as one JSON string, after telling the page it is
/// listening. Called by the worker binary's `main`.
pub fn serve<T: serde::Serialize + 'static>(answer: fn(&JsValue) -> T) {
    console_error_panic_hook::set_once();
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = {
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Ok(json) = serde_json::to_string(&answer(&event.data())) {
                // Posting fails only when the page is gone: nobody is left to tell.
                let _ = scope.post_message(&JsValue::from_str(&json));
            }
        })
    };
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// Why a job gave no answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// The worker could not be created (the browser's reason).
    NotStarted(String),
    /// The worker failed (its error's message).
    Failed(String),
    /// No answer within the budget (in milliseconds).
    TooLong(u32),
}

/// A job under way: its worker and the handlers that must live as long as it.
struct Running {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
    _budget: Timeout,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

thread_local! {
    /// The jobs under way, by number: each is dropped (its worker ended) once it has answered.
    static RUNNING: RefCell<HashMap<u64, Running>> = RefCell::default();
    static NEXT: RefCell<u64> = const { RefCell::new(0) };
}

/// The callback of one job, called at most once, by whichever of answer, failure or budget comes first.
type Done = Rc<RefCell<Option<Box<dyn FnOnce(Result<String, Failure>)>>>>;

/// Ends job `id` from the next task: this runs inside the job's own handlers, which must not be dropped while
/// they run.
fn finish(id: u64, done: &Done, result: Result<String, Failure>) {
    if let Some(done) = done.borrow_mut().take() {
        done(result);
    }
    Timeout::new(0, move || {
        RUNNING.with_borrow_mut(|r| r.remove(&id));
    })
    .forget();
}

/// Starts the worker of `loader`, sends it `message` once it is ready, and calls `done` with its answer (a
/// string) or why there is none, within `budget_ms`.
pub fn ask(loader: &str, message: JsValue, budget_ms: u32, done: impl FnOnce(Result<String, Failure>) + 'static) {
    let done: Done = Rc::new(RefCell::new(Some(Box::new(done))));
    let worker = match Worker::new(loader) {
        Ok(worker) => worker,
        Err(e) => {
            if let Some(done) = done.borrow_mut().take() {
                done(Err(Failure::NotStarted(format!("{e:?}"))));
            }
            return;
        }
    };
    let id = NEXT.with_borrow_mut(|n| {
        *n += 1;
        *n
    });
    let on_message = {
        let (done, worker) = (done.clone(), worker.clone());
        let mut message = Some(message);
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let Some(answer) = event.data().as_string() else {
                return;
            };
            if answer == READY {
                if let Some(message) = message.take() {
                    let _ = worker.post_message(&message);
                }
                return;
            }
            finish(id, &done, Ok(answer));
        })
    };
    let on_error = {
        let done = done.clone();
        Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            event.prevent_default();
            finish(id, &done, Err(Failure::Failed(event.message())));
        })
    };
    let budget = {
        let done = done.clone();
        Timeout::new(budget_ms, move || finish(id, &done, Err(Failure::TooLong(budget_ms))))
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    RUNNING.with_borrow_mut(|r| {
        r.insert(
            id,
            Running {
                worker,
                _on_message: on_message,
                _on_error: on_error,
                _budget: budget,
            },
        )
    });
}
