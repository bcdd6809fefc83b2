//! The root component: state, the worker bridge, and the five regions.

use super::{
    article::ArticleView, events::EventsView, input::InputPanel, map::MapView, share::ShareBar, timeline::TimelineView,
};
use crate::app::services::persist;
use crate::app::state::{Action, AppContext, AppState, Status};
use crate::app::worker::{AnalysisWorker, JsonCodec, Request};
use crate::share::{self, ViewState};
use gloo::timers::callback::Timeout;
use gloo::worker::Spawnable;
use std::rc::Rc;
use yew::prelude::*;

/// How long typing must pause before the text is analysed again.
const DEBOUNCE_MS: u32 = 150;

/// How long the worker may take before it is presumed dead (plus 1 ms per KB of text).
const WATCHDOG_MS: u32 = 8_000;

/// Starts the analysis worker; its answers go to `dispatch`.
fn spawn_worker(dispatch: UseReducerDispatcher<AppState>) -> gloo::worker::WorkerBridge<AnalysisWorker> {
    AnalysisWorker::spawner()
        .encoding::<JsonCodec>()
        .callback(move |response| dispatch.dispatch(Action::Analysed(response.id, Rc::new(response.analysis))))
        .spawn_with_loader("./worker_loader.js")
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    // The worker bridge lives in a cell so a dead worker (a panic in wasm) can be replaced.
    let bridge = {
        let dispatch = state.dispatcher();
        use_mut_ref(move || spawn_worker(dispatch))
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
    {
        // The address always holds the current view; the autosave follows the person's own edits.
        let link = link.clone();
        let view = state.view_state();
        let edited = state.edited;
        use_effect_with((view, edited), move |(view, edited)| {
            let (view, edited) = (view.clone(), *edited);
            let timeout = Timeout::new(300, move || {
                let encoded = if view.text.is_empty() {
                    String::new()
                } else {
                    share::encode(&view)
                };
                // An empty text leaves the address alone, so a bad link stays visible for the person to fix.
                if !encoded.is_empty() {
                    persist::write_link(&encoded);
                }
                if edited {
                    persist::autosave(&view);
                }
                link.set(encoded);
            });
            move || drop(timeout)
        });
    }
    let counter = use_mut_ref(|| 0_u64);
    {
        let dispatch = state.dispatcher();
        let key = (
            state.text.clone(),
            state.dct.clone(),
            state.meta_dct.clone(),
            state.meta_title.clone(),
            state.corrections.clone(),
        );
        use_effect_with(key, move |(text, dct, meta_dct, title, corrections)| {
            let request = Request {
                id: 0,
                text: text.clone(),
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
                let (bridge, answered, dispatch) = (bridge.clone(), answered.clone(), dispatch.clone());
                Timeout::new(budget_ms, move || {
                    if *answered.borrow() < id {
                        *bridge.borrow_mut() = spawn_worker(dispatch.clone());
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
    let status = match &state.status {
        Status::Working(_) => "Analysing…".to_string(),
        Status::Failed(msg) => format!("Analysis failed: {msg}. Your text is kept."),
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
                if !link.is_empty() {
                    <ShareBar link={AttrValue::from((*link).clone())} />
                }
                <p class="status" role="status" aria-live="polite">{status}</p>
                <ArticleView />
                <TimelineView />
                <MapView />
                <EventsView />
            </main>
        </ContextProvider<AppContext>>
    }
}
