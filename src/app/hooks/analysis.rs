//! The page's side of the analysis worker: one request per edit after a pause in typing, one per added
//! article, the answers put back together from their parts ([`Reassembly`]) and handed to the reducer,
//! and the watchdog ([`Watchdog`]): a request the worker works on past its budget, or one the person stops,
//! ends the worker for real and starts a new one, and whatever else was waiting is sent to it again.

use crate::app::services::engine::Engine;
use crate::app::services::persist;
use crate::app::state::AppContext;
use crate::explorer::answers::{progress_bar, Reassembly, Received, Shown};
use crate::explorer::protocol::{is_main_request, watchdog_ms, Body, Request, Response, DEBOUNCE_MS};
use crate::explorer::watchdog::{Sent, Stop, Watchdog};
use crate::explorer::{Action, State, Text};
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// Time past a deadline before the watchdog looks: a timer may fire a little early.
const SLACK_MS: f64 = 20.0;

/// What the worker's messages go to: the reducer and the progress bar, through the reassembly.
#[derive(Clone)]
struct Sink {
    dispatch: UseReducerDispatcher<State>,
    progress: UseStateSetter<Option<Shown>>,
    page: Rc<RefCell<Reassembly>>,
}

impl Sink {
    fn receive(&self, response: Response) {
        let _timed = crate::app::Timed::start("receive");
        let received = self.page.borrow_mut().receive(response);
        match received {
            Received::Nothing => {}
            Received::Progress(shown) => self.progress.set(Some(shown)),
            Received::Answer(id, analysis) => {
                if is_main_request(id) {
                    self.progress.set(None);
                }
                self.dispatch.dispatch(Action::Analysed(id, analysis));
            }
        }
    }
}

/// The worker, the watchdog over it, and the timer that wakes the watchdog.
#[derive(Default)]
struct Held {
    engine: Option<Engine>,
    /// Counts the workers started: a failure reported late, by a worker already replaced, is ignored.
    generation: u64,
    /// Workers in a row that failed before starting any request: the first is retried without a word
    /// (its wasm may have failed to load once), the second reported.
    failed_starts: u32,
    dog: Watchdog<Request>,
    timer: Option<Timeout>,
}

impl Held {
    /// Starts a worker for `pipe` unless one runs.
    fn ensure_engine(&mut self, pipe: &Pipe) {
        if self.engine.is_none() {
            self.generation += 1;
            self.engine = pipe.spawn(self.generation);
        }
    }
}

/// Everything needed to send requests and stop the worker, shared by the hooks, the worker's callbacks
/// and the timers.
#[derive(Clone)]
struct Pipe {
    held: Rc<RefCell<Held>>,
    sink: Sink,
}

/// Now, in milliseconds: the watchdog's clock.
fn now() -> f64 {
    js_sys::Date::now()
}

impl Pipe {
    /// Starts worker number `generation`, whose messages come back here. `None` when the browser refused
    /// to start one; the next request tries again.
    fn spawn(&self, generation: u64) -> Option<Engine> {
        let (on_response, on_error) = (self.clone(), self.clone());
        Engine::spawn(
            move |response| on_response.received(response),
            // The error is reported from inside the worker's own callback, which must not drop the
            // worker that owns it: the stop waits for the next task.
            move |_message| {
                let pipe = on_error.clone();
                Timeout::new(0, move || pipe.crashed(generation)).forget();
            },
        )
        .ok()
    }

    /// Sends `request` to the worker (starting one if none runs), to be timed once the worker starts it.
    fn send(&self, request: Request) {
        // Test hook (documented in docs/reliability.md): a budget set in localStorage replaces the real one.
        let budget_ms = persist::watchdog_override_ms().unwrap_or_else(|| watchdog_ms(request.text.len()));
        let abandon = {
            let mut held = self.held.borrow_mut();
            held.ensure_engine(self);
            let Some(engine) = &held.engine else {
                // The browser refused to start a worker: nothing will answer.
                drop(held);
                self.report(&Stop::Unstarted(request.id));
                return;
            };
            engine.send(&request);
            held.dog.sent(Sent {
                id: request.id,
                bytes: request.text.len(),
                budget_ms,
                request: Some(request),
            });
            held.dog.abandon()
        };
        if let Some(stop) = abandon {
            self.stop(stop);
        }
    }

    /// A message of the worker: the watchdog learns what it started and finished, the page the rest.
    fn received(&self, response: Response) {
        {
            let mut held = self.held.borrow_mut();
            match &response.body {
                Body::Started => {
                    held.failed_starts = 0;
                    held.dog.started(response.id, now());
                    // A request for the article being read sent while this one's "started" was on its way.
                    let abandon = held.dog.abandon();
                    drop(held);
                    match abandon {
                        // From the next task: this runs inside the worker's own callback.
                        Some(stop) => {
                            let pipe = self.clone();
                            Timeout::new(0, move || pipe.stop(stop)).forget();
                        }
                        None => self.arm(),
                    }
                    return;
                }
                Body::Part { index, count, .. } if index + 1 >= *count => {
                    held.dog.finished(response.id);
                    drop(held);
                    self.arm();
                }
                _ => {}
            }
        }
        self.sink.receive(response);
    }

    /// Sets the timer for the deadline of the request under way (none when nothing is under way).
    fn arm(&self) {
        let deadline = self.held.borrow().dog.deadline();
        let timer = deadline.map(|at| {
            let pipe = self.clone();
            let wait = (at - now() + SLACK_MS).clamp(0.0, f64::from(u32::MAX)) as u32;
            Timeout::new(wait, move || pipe.check())
        });
        // The old timer, if any, is cancelled by dropping it (outside the borrow, though it calls nothing).
        let old = std::mem::replace(&mut self.held.borrow_mut().timer, timer);
        drop(old);
    }

    /// The timer fired: stops the request under way if it is over its budget.
    fn check(&self) {
        // This runs inside the timer's own closure, which must not be dropped while it runs: it is let go
        // of (a few bytes, once per firing) before `arm` or `stop` replace it.
        if let Some(fired) = self.held.borrow_mut().timer.take() {
            fired.forget();
        }
        let overrun = self.held.borrow().dog.overrun(now());
        match overrun {
            Some(stop) => self.stop(stop),
            None => self.arm(),
        }
    }

    /// The worker failed: the request it was on is reported; the others go to a new worker. A worker that
    /// failed before starting anything is replaced and given the same requests once; when that one fails
    /// too, they are reported (sending them again could fail for ever), and the next edit tries again.
    fn crashed(&self, generation: u64) {
        let (current, running, failed_starts) = {
            let held = self.held.borrow();
            (held.generation, held.dog.running_id(), held.failed_starts)
        };
        if generation != current {
            return;
        }
        if let Some(id) = running {
            self.stop(Stop::Crashed(id));
            return;
        }
        let (again, given_up) = {
            let mut held = self.held.borrow_mut();
            held.engine = None;
            held.timer = None;
            if failed_starts == 0 {
                held.failed_starts = 1;
                (held.dog.retry(), Vec::new())
            } else {
                held.failed_starts = 0;
                (Vec::new(), held.dog.give_up())
            }
        };
        for sent in again {
            if let Some(request) = sent.request {
                self.send(request);
            }
        }
        if failed_starts == 0 {
            // Ready for the next edit; after a second failure the next request starts one instead (starting
            // them here would go on for ever if they cannot start at all).
            self.held.borrow_mut().ensure_engine(self);
        }
        for id in given_up {
            self.report(&Stop::Unstarted(id));
        }
    }

    /// Ends the worker, starts a new one, sends it what was waiting but the stopped request, and says why.
    fn stop(&self, stop: Stop) {
        let again = {
            let mut held = self.held.borrow_mut();
            // Dropping the engine terminates the worker at once.
            held.engine = None;
            held.timer = None;
            held.dog.restart(&stop)
        };
        // The stopped request's parts received so far will never be completed.
        self.sink.progress.set(None);
        for sent in again {
            if let Some(request) = sent.request {
                self.send(request);
            }
        }
        // When nothing waited, a new worker is started now anyway, so that the next edit is analysed at once.
        self.held.borrow_mut().ensure_engine(self);
        self.report(&stop);
    }

    /// Tells the reducer that request `stop.id()` was stopped, when there is something to tell.
    fn report(&self, stop: &Stop) {
        if let Some(reason) = stop.reason() {
            self.sink.dispatch.dispatch(Action::Stopped { id: stop.id(), reason });
        }
    }

    /// Only the added articles `wanted` are still to be analysed: the others' requests are not sent again,
    /// and a long one under way is abandoned.
    fn only_others(&self, wanted: &[u64]) {
        let abandon = {
            let mut held = self.held.borrow_mut();
            held.dog.only_others(wanted);
            held.dog.abandon()
        };
        if let Some(stop) = abandon {
            self.stop(stop);
        }
    }

    /// The person asked to stop the analysis of the article being read.
    fn stop_main(&self) {
        let main = self.held.borrow().dog.main_pending();
        if let Some(id) = main {
            self.stop(Stop::ByPerson(id));
        }
    }
}

/// What the page shows of the analysis under way, and how the person stops it.
pub struct Analysing {
    /// The progress bar to show, if any.
    pub bar: Option<Shown>,
    /// Stops the analysis of the article being read (ends the worker; the text is kept).
    pub stop: Callback<()>,
}

/// Keeps the worker analysing what the state holds.
#[hook]
pub fn use_analysis(state: &AppContext) -> Analysing {
    let progress = use_state(|| None::<Shown>);
    let pipe = {
        let (dispatch, progress) = (state.dispatcher(), progress.setter());
        use_memo((), move |_| {
            let pipe = Pipe {
                held: Rc::default(),
                sink: Sink {
                    dispatch,
                    progress,
                    page: Rc::default(),
                },
            };
            // Started before the first request, so that its wasm loads while the page settles.
            pipe.held.borrow_mut().ensure_engine(&pipe);
            pipe
        })
    };
    use_added_articles(state, (*pipe).clone());
    use_requests(state, (*pipe).clone());
    let stop = {
        let pipe = (*pipe).clone();
        use_callback((), move |_: (), _| pipe.stop_main())
    };
    Analysing {
        bar: progress_bar(state, (*progress).as_ref()),
        stop,
    }
}

/// Added articles (from a link, a file or the autosave) are analysed once each, under the same watchdog.
#[hook]
fn use_added_articles(state: &AppContext, pipe: Pipe) {
    let requested = use_mut_ref(HashSet::<u64>::new);
    let pending = state.other_requests();
    use_effect_with(pending.iter().map(|r| r.id).collect::<Vec<u64>>(), move |wanted| {
        // An added article removed, read or answered is no longer worth the worker's time.
        pipe.only_others(wanted);
        for request in pending {
            if requested.borrow_mut().insert(request.id) {
                pipe.send(request);
            }
        }
    });
}

/// The article being read is analysed again once typing pauses for [`DEBOUNCE_MS`].
#[hook]
fn use_requests(state: &AppContext, pipe: Pipe) {
    let dispatch = state.dispatcher();
    let key = (
        Text(state.text.clone()),
        state.dct.clone(),
        state.meta.clone(),
        state.corrections.clone(),
        state.read_anyway,
        state.dct_from_text,
    );
    use_effect_with(
        key,
        move |(text, dct, meta, corrections, read_anyway, dct_from_text)| {
            let (text, dct, meta, corrections, read_anyway, dct_from_text) = (
                text.0.clone(),
                dct.clone(),
                meta.clone(),
                corrections.clone(),
                *read_anyway,
                *dct_from_text,
            );
            let timeout = Timeout::new(DEBOUNCE_MS, move || {
                let id = pipe.sink.page.borrow_mut().next_request();
                dispatch.dispatch(Action::Requested(id));
                pipe.send(Request {
                    id,
                    text: text.to_string(),
                    dct,
                    meta,
                    corrections,
                    read_anyway,
                    assume_today: !dct_from_text,
                    dct_from_text,
                });
            });
            move || drop(timeout)
        },
    );
}
