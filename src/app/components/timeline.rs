//! The "Timeline" region: events and dates in calendar order.

use crate::app::state::{Action, AppContext, Selection};
use yew::prelude::*;

/// The timeline region.
#[component]
pub fn TimelineView() -> Html {
    let state = use_context::<AppContext>().expect("app context");
    let items = state.analysis.as_ref().map(|a| {
        let mut events: Vec<_> = a.events.iter().collect();
        events.sort_by(|x, y| x.date.value.cmp(&y.date.value));
        events
            .into_iter()
            .map(|ev| {
                let selected = state.selection.as_ref() == Some(&Selection::Event(ev.id.clone()));
                let onclick = {
                    let state = state.clone();
                    let id = ev.id.clone();
                    Callback::from(move |_| state.dispatch(Action::Select(Some(Selection::Event(id.clone())))))
                };
                html! {
                    <li class={classes!(selected.then_some("selected"))}>
                        <button class="timeline-item" {onclick}>
                            <time>{&ev.date.value}</time>{" — "}{&ev.kind}{": "}{&ev.trigger.text}
                        </button>
                    </li>
                }
            })
            .collect::<Html>()
    });
    html! {
        <section class="panel timeline" aria-labelledby="h-timeline">
            <h2 id="h-timeline">{"Timeline"}</h2>
            <ol class="timeline-list">{items.unwrap_or_default()}</ol>
        </section>
    }
}
