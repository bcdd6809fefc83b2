//! The "Events" region: one card per event.

use crate::app::state::{Action, AppContext, Selection};
use yew::prelude::*;

/// The events region.
#[component]
pub fn EventsView() -> Html {
    let state = use_context::<AppContext>().expect("app context");
    let cards = state.analysis.as_ref().map(|a| {
        a.events
            .iter()
            .map(|ev| {
                let places: Vec<&str> = ev
                    .places
                    .iter()
                    .filter_map(|id| a.places.iter().find(|p| &p.id == id).map(|p| p.name.as_str()))
                    .collect();
                let onclick = {
                    let state = state.clone();
                    let id = ev.id.clone();
                    Callback::from(move |_| state.dispatch(Action::Select(Some(Selection::Event(id.clone())))))
                };
                html! {
                    <li class="event-card">
                        <button {onclick}>
                            <strong>{&ev.kind}</strong>{" · "}<time>{&ev.date.value}</time>
                            if !places.is_empty() { {" · "}{places.join(", ")} }
                            <span class="trigger">{&ev.trigger.text}</span>
                        </button>
                    </li>
                }
            })
            .collect::<Html>()
    });
    html! {
        <section class="panel events" aria-labelledby="h-events">
            <h2 id="h-events">{"Events"}</h2>
            <ul class="event-list">{cards.unwrap_or_default()}</ul>
        </section>
    }
}
