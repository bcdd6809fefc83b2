//! The root component: state, the worker bridge, and the five regions.

use super::{article::ArticleView, events::EventsView, input::InputPanel, map::MapView, timeline::TimelineView};
use crate::app::state::{Action, AppContext, AppState, Status};
use crate::app::worker::{AnalysisWorker, JsonCodec, Request};
use gloo::timers::callback::Timeout;
use gloo::worker::Spawnable;
use std::rc::Rc;
use yew::prelude::*;

/// How long typing must pause before the text is analysed again.
const DEBOUNCE_MS: u32 = 150;

/// The whole page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(AppState::default);
    let bridge = {
        let dispatch = state.dispatcher();
        use_memo((), move |_| {
            AnalysisWorker::spawner()
                .encoding::<JsonCodec>()
                .callback(move |response| dispatch.dispatch(Action::Analysed(response.id, Rc::new(response.analysis))))
                .spawn_with_loader("./worker_loader.js")
        })
    };
    let counter = use_mut_ref(|| 0_u64);
    {
        let dispatch = state.dispatcher();
        let key = (
            state.text.clone(),
            state.dct.clone(),
            state.meta_dct.clone(),
            state.meta_title.clone(),
        );
        use_effect_with(key, move |(text, dct, meta_dct, title)| {
            let request = Request {
                id: 0,
                text: text.clone(),
                dct: dct.clone(),
                meta_dct: meta_dct.clone(),
                title: title.clone(),
                corrections: Default::default(),
            };
            let timeout = Timeout::new(DEBOUNCE_MS, move || {
                let id = {
                    let mut n = counter.borrow_mut();
                    *n += 1;
                    *n
                };
                dispatch.dispatch(Action::Requested(id));
                bridge.send(Request { id, ..request });
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
            <main class="layout">
                <InputPanel />
                <p class="status" role="status" aria-live="polite">{status}</p>
                <ArticleView />
                <TimelineView />
                <MapView />
                <EventsView />
            </main>
        </ContextProvider<AppContext>>
    }
}
