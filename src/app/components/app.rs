//! The root component: state, the worker bridge, and the five regions.

use super::{
    article::ArticleView, events::EventsView, input::InputPanel, map::MapView, share::ShareBar, timeline::TimelineView,
};
use crate::app::services::persist;
use crate::app::state::OTHER_REQUEST_BIT;
use crate::app::state::{
    other_request_id, use_settled_analysis, Action, AppContext, AppState, Status, Text, STATUS_HOPS,
};
use crate::app::worker::{join, AnalysisWorker, Body, JsonCodec, Request, Response, PROGRESS_MIN_BYTES, WORKER_STAGES};
use crate::model::Analysis;
use crate::share::{self, ViewState};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use gloo::worker::Spawnable;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// How long typing must pause before the text is analysed again.
const DEBOUNCE_MS: u32 = 150;

/// How long the worker may take before it is presumed dead (plus 1 ms per KB of text).
const WATCHDOG_MS: u32 = 8_000;

/// Texts longer than this (all articles together) get no share link: compressing them would block the
/// page for longer than a frame budget allows, and the link would be too long for chat apps anyway
/// (the `.dateline.json` download carries them instead).
const MAX_LINK_TEXT_BYTES: usize = 64 * 1024;

/// True when both are the same analysis (or both absent).
fn same_rc(a: &Option<Rc<Analysis>>, b: &Option<Rc<Analysis>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

/// True when texts of `bytes` in all are too long to travel in a link.
fn too_long_for_link(bytes: usize) -> bool {
    bytes > MAX_LINK_TEXT_BYTES
}

/// Where the page stands with a long analysis: shown as a progress bar.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    /// The request it belongs to.
    id: u64,
    /// Steps done (fractional while the answer's parts arrive).
    value: f64,
    /// All steps.
    max: f64,
    /// What is happening.
    label: String,
}

/// What the worker's messages go to: the reducer, the progress bar, and the parts received so far.
#[derive(Clone)]
struct Sink {
    dispatch: UseReducerDispatcher<AppState>,
    progress: UseStateSetter<Option<Shown>>,
    /// The newest request sent for the article being read: parts of older ones are dropped unread.
    latest: Rc<RefCell<u64>>,
    /// Parts received, by request, until the last one arrives.
    parts: Rc<RefCell<HashMap<u64, Analysis>>>,
}

impl Sink {
    fn receive(&self, response: Response) {
        let _timed = crate::app::Timed::start("receive");
        let id = response.id;
        let main = id & OTHER_REQUEST_BIT == 0;
        if main && id < *self.latest.borrow() {
            // A newer edit superseded this request: its answer would be thrown away anyway.
            self.parts.borrow_mut().remove(&id);
            return;
        }
        match response.body {
            Body::Progress(p) => {
                if main {
                    self.progress.set(Some(Shown {
                        id,
                        value: f64::from(p.done),
                        max: f64::from(p.total),
                        label: p.label,
                    }));
                }
            }
            Body::Part { index, count, analysis } => {
                let mut parts = self.parts.borrow_mut();
                if index == 0 {
                    // Parts of older requests of the same article will never be completed.
                    parts.retain(|k, _| (k & OTHER_REQUEST_BIT == 0) != main || *k > id);
                    parts.insert(id, analysis);
                } else if let Some(whole) = parts.get_mut(&id) {
                    join(whole, analysis);
                } else {
                    return;
                }
                if index + 1 < count {
                    if main && count > 1 {
                        let steps = f64::from(WORKER_STAGES + 1);
                        self.progress.set(Some(Shown {
                            id,
                            value: steps - 1.0 + f64::from(index + 1) / f64::from(count),
                            max: steps,
                            label: format!("receiving the results (part {} of {count})", index + 1),
                        }));
                    }
                    return;
                }
                let Some(whole) = parts.remove(&id) else { return };
                drop(parts);
                if main {
                    self.progress.set(None);
                }
                self.dispatch.dispatch(Action::Analysed(id, Rc::new(whole)));
            }
        }
    }
}

/// Starts the analysis worker; its answers go to `sink`.
fn spawn_worker(sink: Sink) -> gloo::worker::WorkerBridge<AnalysisWorker> {
    AnalysisWorker::spawner()
        .encoding::<JsonCodec>()
        .callback(move |response| sink.receive(response))
        .spawn_with_loader("./worker_loader.js")
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let _timed = crate::app::Timed::start("render App");
    let state = use_reducer(AppState::default);
    // The worker bridge lives in a cell so a dead worker (a panic in wasm) can be replaced.
    let progress = use_state(|| None::<Shown>);
    let latest = use_mut_ref(|| 0_u64);
    let sink = {
        let (dispatch, progress, latest) = (state.dispatcher(), progress.setter(), latest.clone());
        use_memo((), move |_| Sink {
            dispatch,
            progress,
            latest,
            parts: Rc::default(),
        })
    };
    let bridge = {
        let sink = (*sink).clone();
        use_mut_ref(move || spawn_worker(sink))
    };
    let answered = use_mut_ref(|| 0_u64);
    if let Status::Idle = state.status {
        *answered.borrow_mut() = state.request;
    }
    // An autosave found at start, offered to the person rather than applied silently.
    let restore_offer = use_state(|| None::<ViewState>);
    {
        let (dispatch, restore_offer) = (state.dispatcher(), restore_offer.clone());
        use_effect_with((), move |_| {
            let saved = persist::read_autosave().filter(|v| !v.text.trim().is_empty());
            match persist::read_link() {
                Some(Ok(view)) => dispatch.dispatch(Action::LoadView(view)),
                Some(Err(error)) => {
                    // A bad link changes nothing: the page, the text and the autosave stay as they are.
                    dispatch.dispatch(Action::Notice(format!("This link could not be opened: {error}.")));
                    restore_offer.set(saved);
                }
                None => restore_offer.set(saved),
            }
        });
    }
    let link = use_state(String::new);
    // The autosave of a long text waits until the page is hidden or left: writing 1 MB to localStorage
    // blocks the page for tens of milliseconds, too long to do after every edit.
    let pending_save = use_mut_ref(|| None::<ViewState>);
    {
        let pending_save = pending_save.clone();
        use_effect_with((), move |_| {
            let listeners = web_sys::window().map(|window| {
                let save = move || {
                    if let Some(view) = pending_save.borrow_mut().take() {
                        persist::autosave(&view);
                    }
                };
                let on_hide = save.clone();
                let document: web_sys::EventTarget =
                    window.document().map_or_else(|| window.clone().into(), Into::into);
                (
                    EventListener::new(&window, "pagehide", move |_| save()),
                    EventListener::new(&document, "visibilitychange", move |_| {
                        let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
                        if hidden {
                            on_hide();
                        }
                    }),
                )
            });
            move || drop(listeners)
        });
    }
    let too_long = too_long_for_link(state.text.len() + state.others.iter().map(|o| o.text.len()).sum::<usize>());
    {
        // The address always holds the current view; the autosave follows the person's own edits.
        let (link, pending_save) = (link.clone(), pending_save.clone());
        // What the view is made of, compared cheaply; the view itself is built only when it is written.
        // Added articles never change in place (switching gives them new keys), so their keys stand for them.
        let key = (
            Text(state.text.clone()),
            state.dct.clone(),
            state.corrections.clone(),
            state.selection.clone(),
            state.events_in_text_order,
            state.others.iter().map(|o| o.key).collect::<Vec<u64>>(),
            state.edited,
        );
        let snapshot = state.clone();
        use_effect_with(key, move |key| {
            let edited = key.6;
            // A long text's autosave is kept ready at once, not 300 ms later: a page left sooner (switching
            // articles, then closing the tab) must not save an older arrangement.
            if edited
                && too_long_for_link(snapshot.text.len() + snapshot.others.iter().map(|o| o.text.len()).sum::<usize>())
            {
                *pending_save.borrow_mut() = Some(snapshot.view_state());
            }
            let timeout = Timeout::new(300, move || {
                let view = snapshot.view_state();
                let encoded = if view.text.is_empty()
                    || too_long_for_link(view.text.len() + view.others.iter().map(|o| o.text.len()).sum::<usize>())
                {
                    String::new()
                } else {
                    share::encode(&view)
                };
                // An empty text leaves the address alone, so a bad link stays visible for the person to fix;
                // a text too long for a link clears it, so a reload cannot bring back an older text.
                if !encoded.is_empty() {
                    persist::write_link(&encoded);
                } else if !view.text.is_empty() {
                    persist::clear_link();
                }
                if edited {
                    if too_long_for_link(view.text.len() + view.others.iter().map(|o| o.text.len()).sum::<usize>()) {
                        *pending_save.borrow_mut() = Some(view);
                    } else {
                        pending_save.borrow_mut().take();
                        persist::autosave(&view);
                    }
                }
                link.set(encoded);
            });
            move || drop(timeout)
        });
    }
    {
        // Added articles (from a link, a file or the autosave) are analysed once each.
        let bridge = bridge.clone();
        let requested = use_mut_ref(std::collections::HashSet::<u64>::new);
        let pending: Vec<Request> = state
            .others
            .iter()
            .filter(|o| o.analysis.is_none())
            .map(|o| Request {
                id: other_request_id(o.key),
                text: o.text.clone(),
                dct: o.dct.clone(),
                meta_dct: None,
                title: None,
                corrections: o.corrections.clone(),
            })
            .collect();
        use_effect_with(pending.iter().map(|r| r.id).collect::<Vec<u64>>(), move |_| {
            for request in pending {
                if requested.borrow_mut().insert(request.id) {
                    bridge.borrow().send(request);
                }
            }
        });
    }
    let counter = latest;
    {
        let dispatch = state.dispatcher();
        let sink = (*sink).clone();
        let key = (
            Text(state.text.clone()),
            state.dct.clone(),
            state.meta_dct.clone(),
            state.meta_title.clone(),
            state.corrections.clone(),
        );
        use_effect_with(key, move |(text, dct, meta_dct, title, corrections)| {
            let request = Request {
                id: 0,
                text: text.0.clone(),
                dct: dct.clone(),
                meta_dct: meta_dct.clone(),
                title: title.clone(),
                corrections: corrections.clone(),
            };
            let timeout = Timeout::new(DEBOUNCE_MS, move || {
                let id = {
                    let mut n = counter.borrow_mut();
                    *n += 1;
                    *n
                };
                dispatch.dispatch(Action::Requested(id));
                let budget_ms = WATCHDOG_MS + (request.text.len() / 1000) as u32;
                bridge.borrow().send(Request { id, ..request });
                // No answer in time means the worker died: say so, keep the text, start a new worker.
                let (bridge, answered, dispatch, sink) =
                    (bridge.clone(), answered.clone(), dispatch.clone(), sink.clone());
                Timeout::new(budget_ms, move || {
                    if *answered.borrow() < id {
                        *bridge.borrow_mut() = spawn_worker(sink.clone());
                        dispatch.dispatch(Action::Failed(
                            "the analysis engine stopped; it was restarted — edit the text to try again".to_string(),
                        ));
                    }
                })
                .forget();
            });
            move || drop(timeout)
        });
    }
    let settled = use_settled_analysis(state.analysis.clone(), STATUS_HOPS);
    // Long texts show how far the analysis has come; a new edit starts the bar again.
    let shown = match (&state.status, &*progress) {
        (Status::Working(id), Some(p)) if p.id == *id => Some(p.clone()),
        (Status::Working(id), _) if state.text.len() >= PROGRESS_MIN_BYTES => Some(Shown {
            id: *id,
            value: 0.0,
            max: f64::from(WORKER_STAGES + 1),
            label: "waiting for the engine".to_string(),
        }),
        _ => None,
    };
    let status = match &state.status {
        Status::Working(_) => match &shown {
            Some(p) => format!(
                "Analysing: {} (step {} of {})…",
                p.label,
                p.value.floor() as u32 + 1,
                p.max as u32
            ),
            None => "Analysing…".to_string(),
        },
        Status::Failed(msg) => format!("Analysis failed: {msg}. Your text is kept."),
        // The counts show once every view has drawn the answer (the heavy ones draw a task later).
        Status::Idle if !same_rc(&settled, &state.analysis) => "Drawing the results…".to_string(),
        Status::Idle => state
            .analysis
            .as_ref()
            .map(|a| {
                format!(
                    "{} dates, {} places, {} events",
                    a.timexes.len(),
                    a.places.len(),
                    a.events.len()
                )
            })
            .unwrap_or_default(),
    };
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <header class="top">
                <h1>{"Dateline"}</h1>
                <p class="tagline">{"What happened, when and where — analysed in your browser; the article never leaves it."}</p>
            </header>
            if let Some(notice) = state.notice.clone() {
                <div class="notice" role="alert">
                    <span>{notice}</span>
                    <button onclick={let s = state.clone(); move |_| s.dispatch(Action::DismissNotice)}>{"Dismiss"}</button>
                </div>
            }
            if let Some(saved) = (*restore_offer).clone() {
                <div class="notice restore" role="alert">
                    <span>{format!("Restore your last article ({} words)?", saved.text.split_whitespace().count())}</span>
                    <span>
                        <button onclick={
                            let (s, offer, saved) = (state.clone(), restore_offer.clone(), saved.clone());
                            move |_| { s.dispatch(Action::LoadView(saved.clone())); offer.set(None); }
                        }>{"Restore"}</button>
                        <button onclick={
                            let offer = restore_offer.clone();
                            move |_| { persist::clear_autosave(); offer.set(None); }
                        }>{"Discard"}</button>
                    </span>
                </div>
            }
            <main class="layout">
                <InputPanel />
                if !link.is_empty() || too_long {
                    <ShareBar link={AttrValue::from((*link).clone())} {too_long} />
                }
                <div class="status">
                    if let Some(p) = &shown {
                        <progress id="analysis-progress" aria-label="Analysis progress" max={p.max.to_string()}
                            value={p.value.to_string()} aria-valuetext={p.label.clone()} />
                    }
                    <p role="status" aria-live="polite">{status}</p>
                </div>
                <ArticleView />
                <TimelineView />
                <MapView />
                <EventsView />
            </main>
        </ContextProvider<AppContext>>
    }
}
