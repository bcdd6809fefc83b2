//! The analysis worker as the page holds it: a `web_sys::Worker` started from Trunk's `worker_loader.js`,
//! messages held until it says it is ready, and ended for real (`Worker.terminate()`) when dropped.
//!
//! A worker library's bridge would not do: dropping gloo's `WorkerBridge` only posts a "destroy" message,
//! which a worker busy in a long analysis reads when the analysis is over, so a stuck worker went on
//! using a core and its memory after the page had given up on it.

use crate::explorer::protocol::{Body, Request, Response};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ErrorEvent, MessageEvent, Worker};

/// The worker's script, beside the page: Trunk's shim that loads `worker.js` and `worker_bg.wasm`.
const LOADER: &str = "./worker_loader.js";

/// A running analysis worker. Dropping it ends the worker at once, whatever it is doing.
pub struct Engine {
    worker: Worker,
    /// Messages posted before the worker said it was ready (`None` once it has): sent then, since a
    /// worker whose wasm is still loading has no handler yet and would lose them.
    held: Rc<RefCell<Option<Vec<String>>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(ErrorEvent)>,
}

impl Engine {
    /// Starts a worker. Its answers go to `on_response`; `on_error` is called when it fails (a panic or
    /// running out of memory ends a wasm instance, and the browser reports it as an error event), with
    /// the browser's message. Neither may drop this `Engine` while it runs: its closures are running.
    pub fn spawn(
        on_response: impl Fn(Response) + 'static,
        on_error: impl Fn(String) + 'static,
    ) -> Result<Engine, String> {
        let worker = Worker::new(LOADER).map_err(|e| format!("{e:?}"))?;
        let held = Rc::new(RefCell::new(Some(Vec::<String>::new())));
        let on_message = {
            let (held, worker) = (held.clone(), worker.clone());
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let Some(response) = event
                    .data()
                    .as_string()
                    .and_then(|json| serde_json::from_str::<Response>(&json).ok())
                else {
                    return;
                };
                if let Body::Ready = response.body {
                    for message in held.borrow_mut().take().unwrap_or_default() {
                        let _ = worker.post_message(&JsValue::from_str(&message));
                    }
                    return;
                }
                on_response(response);
            })
        };
        let on_error = Closure::<dyn FnMut(ErrorEvent)>::new(move |event: ErrorEvent| {
            // The page handles it: the browser need not log it as uncaught too.
            event.prevent_default();
            on_error(event.message());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(Engine {
            worker,
            held,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a request (held until the worker is ready).
    pub fn send(&self, request: &Request) {
        let Ok(json) = serde_json::to_string(request) else {
            return;
        };
        match self.held.borrow_mut().as_mut() {
            Some(held) => held.push(json),
            None => {
                let _ = self.worker.post_message(&JsValue::from_str(&json));
            }
        }
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        // Ends the worker's thread now, in the middle of an analysis if need be, and frees its memory.
        self.worker.terminate();
    }
}
