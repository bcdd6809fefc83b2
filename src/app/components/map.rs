//! The "Map" region: the article's places.

use crate::app::state::{Action, AppContext, Selection};
use yew::prelude::*;

/// The map region.
#[component]
pub fn MapView() -> Html {
    let state = use_context::<AppContext>().expect("app context");
    let items = state.analysis.as_ref().map(|a| {
        a.places
            .iter()
            .map(|p| {
                let onclick = {
                    let state = state.clone();
                    let id = p.id.clone();
                    Callback::from(move |_| state.dispatch(Action::Select(Some(Selection::Place(id.clone())))))
                };
                html! {
                    <li><button class="place-item" {onclick}>
                        {&p.text}{" → "}{&p.name}{format!(" ({:.2}, {:.2})", p.lat, p.lon)}
                    </button></li>
                }
            })
            .collect::<Html>()
    });
    html! {
        <section class="panel map" aria-labelledby="h-map">
            <h2 id="h-map">{"Map"}</h2>
            <ul class="place-list">{items.unwrap_or_default()}</ul>
        </section>
    }
}
