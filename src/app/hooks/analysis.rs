//! The page's side of the analysis worker: one request per edit after a pause in typing, one per added
//! article, a watchdog that restarts a worker that stopped answering, and the answers put back together
//! from their parts ([`Reassembly`]) and handed to the reducer.

use crate::app::state::AppContext;
use crate::app::worker::{AnalysisWorker, JsonCodec};
use crate::explorer::answers::{progress_bar, Reassembly, Received, Shown};
use crate::explorer::protocol::{is_main_request, watchdog_ms, Request, Response, DEBOUNCE_MS};
use crate::explorer::{Action, State, Status, Text};
use gloo::timers::callback::Timeout;
use gloo::worker::{Spawnable, WorkerBridge};
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// The worker bridge, in a cell so a dead worker (a panic in wasm) can be replaced.
type Bridge = Rc<RefCell<WorkerBridge<AnalysisWorker>>>;

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

/// Starts the analysis worker; its answers go to `sink`.
fn spawn_worker(sink: Sink) -> WorkerBridge<AnalysisWorker> {
    AnalysisWorker::spawner()
        .encoding::<JsonCodec>()
        .callback(move |response| sink.receive(response))
        .spawn_with_loader("./worker_loader.js")
}

/// Keeps the worker analysing what the state holds; returns the progress bar to show, if any.
#[hook]
pub fn use_analysis(state: &AppContext) -> Option<Shown> {
    let progress = use_state(|| None::<Shown>);
    let sink = {
        let (dispatch, progress) = (state.dispatcher(), progress.setter());
        use_memo((), move |_| Sink {
            dispatch,
            progress,
            page: Rc::default(),
        })
    };
    let bridge: Bridge = {
        let sink = (*sink).clone();
        use_mut_ref(move || spawn_worker(sink))
    };
    // The newest request answered (or found superseded): the watchdog compares against it.
    let answered = use_mut_ref(|| 0_u64);
    if let Status::Idle = state.status {
        *answered.borrow_mut() = state.request;
    }
    use_added_articles(state, bridge.clone());
    use_requests(state, bridge, (*sink).clone(), answered);
    progress_bar(state, (*progress).as_ref())
}

/// Added articles (from a link, a file or the autosave) are analysed once each.
#[hook]
fn use_added_articles(state: &AppContext, bridge: Bridge) {
    let requested = use_mut_ref(HashSet::<u64>::new);
    let pending = state.other_requests();
    use_effect_with(pending.iter().map(|r| r.id).collect::<Vec<u64>>(), move |_| {
        for request in pending {
            if requested.borrow_mut().insert(request.id) {
                bridge.borrow().send(request);
            }
        }
    });
}

/// The article being read is analysed again once typing pauses for [`DEBOUNCE_MS`].
#[hook]
fn use_requests(state: &AppContext, bridge: Bridge, sink: Sink, answered: Rc<RefCell<u64>>) {
    let dispatch = state.dispatcher();
    let key = (
        Text(state.text.clone()),
        state.dct.clone(),
        state.meta.clone(),
        state.corrections.clone(),
    );
    use_effect_with(key, move |(text, dct, meta, corrections)| {
        let (text, dct, meta, corrections) = (text.0.clone(), dct.clone(), meta.clone(), corrections.clone());
        let timeout = Timeout::new(DEBOUNCE_MS, move || {
            let id = sink.page.borrow_mut().next_request();
            dispatch.dispatch(Action::Requested(id));
            let budget_ms = watchdog_ms(text.len());
            bridge.borrow().send(Request {
                id,
                text: text.to_string(),
                dct,
                meta,
                corrections,
            });
            watch(id, budget_ms, bridge, answered, dispatch, sink);
        });
        move || drop(timeout)
    });
}

/// No answer to request `id` within `budget_ms` means the worker died: say so, keep the text, and
/// start a new worker.
fn watch(
    id: u64,
    budget_ms: u32,
    bridge: Bridge,
    answered: Rc<RefCell<u64>>,
    dispatch: UseReducerDispatcher<State>,
    sink: Sink,
) {
    Timeout::new(budget_ms, move || {
        if *answered.borrow() < id {
            *bridge.borrow_mut() = spawn_worker(sink);
            dispatch.dispatch(Action::Failed(
                "the analysis engine stopped; it was restarted — edit the text to try again".to_string(),
            ));
        }
    })
    .forget();
}
