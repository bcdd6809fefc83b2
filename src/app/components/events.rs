//! The "Events" region: one card per event (date, type, places, participants, casualties), in
//! time or text order; each links to its evidence in the text.

use crate::app::hooks::settled::{use_settled_analysis, EVENTS_HOPS};
use crate::app::state::AppContext;
use crate::explorer::{Action, AnalysisRef, Selection};
use crate::export::{participant_names, place_names};
use crate::model::{Analysis, Event, Polarity};
use crate::timeline::interval;
use yew::prelude::*;

/// Cards drawn at once; a long article's hundreds of events are shown a page at a time, and the
/// page follows the selection.
const PAGE: usize = 60;

/// The events region.
#[component]
pub fn EventsView() -> Html {
    let _timed = crate::app::Timed::start("render EventsView");
    let state = use_context::<AppContext>().expect("app context");
    let region = use_node_ref();
    super::roving::use_roving(&region);
    // Drawn one task after the article, so a long article's answer is not drawn in one long task.
    let settled = use_settled_analysis(state.analysis.clone(), EVENTS_HOPS);
    // The cards drawn: `[from, to)` of the sorted list.
    let range = use_state(|| (0_usize, PAGE));
    // The order of the cards, computed once per analysis and order.
    let order = use_memo(
        (settled.clone().map(AnalysisRef), state.events_in_text_order),
        |(analysis, text_order)| {
            let Some(analysis) = analysis else { return Vec::new() };
            let mut order: Vec<usize> = (0..analysis.0.events.len()).collect();
            if !*text_order {
                // Undated (vague) events go last; ties keep text order.
                let keys: Vec<f64> = analysis
                    .0
                    .events
                    .iter()
                    .map(|e| interval(&e.date.value).map_or(f64::MAX, |i| i.0))
                    .collect();
                order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
            }
            order
        },
    );
    let Some(analysis) = settled.clone() else {
        return html! {
            <section class="panel events" aria-labelledby="h-events" data-roving="list" ref={region}>
                <h2 id="h-events">{"Events"}</h2>
                <p class="empty">{"What happened, as event cards."}</p>
            </section>
        };
    };
    let events: Vec<_> = order.iter().filter_map(|&i| analysis.events.get(i)).collect();
    let selected = state.selected_event().map(str::to_string);
    let total = events.len();
    let (mut from, mut to) = *range;
    if let Some(at) = selected
        .as_deref()
        .and_then(|id| events.iter().position(|e| e.id == id))
    {
        if !(from..to).contains(&at) {
            // A selection made elsewhere (the timeline, the text) brings its card into the drawn page.
            from = at.saturating_sub(PAGE / 2);
            to = from + PAGE;
        }
    }
    let from = from.min(total);
    let to = to.clamp(from, total);
    let more = |label: String, next: (usize, usize), class: &'static str| {
        let range = range.clone();
        let onclick = Callback::from(move |_| range.set(next));
        html! { <li class={classes!("more", class)}><button type="button" {onclick}>{label}</button></li> }
    };
    let earlier = (from > 0).then(|| {
        more(
            format!("Show {} earlier events ({} before these)", from.min(PAGE), from),
            (from.saturating_sub(PAGE), to),
            "earlier",
        )
    });
    let later = (to < total).then(|| {
        more(
            format!(
                "Show {} more events ({} after these)",
                (total - to).min(PAGE),
                total - to
            ),
            (from, (to + PAGE).min(total)),
            "later",
        )
    });
    // The events of a selected place or person light up too.
    let related = state
        .selection
        .as_ref()
        .map(|s| crate::explorer::marks::linked(&analysis, s).events)
        .unwrap_or_default();
    let cards: Html = events[from..to]
        .iter()
        .map(|&ev| card(&state, &analysis, ev, selected.as_deref(), related.contains(&ev.id)))
        .collect();
    let toggle = {
        let state = state.clone();
        let next = !state.events_in_text_order;
        let range = range.clone();
        Callback::from(move |_| {
            range.set((0, PAGE));
            state.dispatch(Action::EventsInTextOrder(next))
        })
    };
    html! {
        <section class="panel events" aria-labelledby="h-events" data-roving="list" ref={region}>
            <h2 id="h-events">{"Events"}</h2>
            <p class="hint">
                {if state.events_in_text_order { "In text order. " } else { "In time order. " }}
                <button type="button" onclick={toggle}>
                    {if state.events_in_text_order { "Sort by time" } else { "Sort by text order" }}
                </button>
            </p>
            <ul class="event-list">{earlier}{cards}{later}</ul>
        </section>
    }
}

/// Who acted and who was acted on, in words ("By Norvex Corp, on Plexa Inc"), when the engine found either.
fn roles_line(analysis: &Analysis, ev: &Event) -> Option<String> {
    let name = |id: &Option<String>| {
        let id = id.as_ref()?;
        analysis
            .entities
            .iter()
            .find(|e| &e.id == id)
            .map(|e| e.canonical.clone())
    };
    match (name(&ev.agent), name(&ev.patient)) {
        (Some(a), Some(p)) => Some(format!("By {a}, on {p}")),
        (Some(a), None) => Some(format!("By {a}")),
        (None, Some(p)) => Some(format!("On {p}")),
        (None, None) => None,
    }
}

/// One event's card: date, type, places, participants, casualties and its words in the text.
fn card(state: &AppContext, analysis: &Analysis, ev: &Event, selected: Option<&str>, related: bool) -> Html {
    let places = place_names(analysis, ev);
    let people = participant_names(analysis, ev);
    let casualties: Vec<String> = ev
        .casualties
        .iter()
        .map(|c| format!("{} {}", c.text, c.kind.as_str()))
        .collect();
    let is_selected = selected == Some(ev.id.as_str());
    let onclick = {
        let state = state.clone();
        let id = ev.id.clone();
        Callback::from(move |_| state.dispatch(Action::Select(Some(Selection::Event(id.clone())))))
    };
    html! {
        <li class={classes!("event-card", is_selected.then_some("selected"), related.then_some("related"), format!("fam-{}", ev.family))}>
            <button type="button" {onclick} aria-pressed={is_selected.to_string()} data-rove={ev.id.clone()}>
                <span class="ev-head">
                    <time title={ev.date.value.clone()}>{crate::explorer::format::readable_value(&ev.date.value)}</time>
                    if let Some(note) = crate::explorer::format::date_note(analysis, ev) { <span class="tag dated-by">{note}</span> }
                    <strong class="ev-headline">{crate::export::event_headline(analysis, ev)}</strong>
                    <span class="tag fam-tag">{crate::export::family_label(&ev.family)}</span>
                    if ev.polarity == Polarity::Negative { <span class="tag">{"did not happen"}</span> }
                    if ev.modality != crate::model::Modality::Asserted {
                        <span class="tag">{match ev.modality {
                            crate::model::Modality::Future => "planned",
                            crate::model::Modality::Hypothetical => "if",
                            _ => "possible",
                        }}</span>
                    }
                </span>
                if !places.is_empty() { <span class="ev-line">{"Where: "}{places.join(", ")}</span> }
                if !people.is_empty() { <span class="ev-line">{"Who: "}{people.join(", ")}</span> }
                if let Some(roles) = roles_line(analysis, ev) { <span class="ev-line">{roles}</span> }
                if !casualties.is_empty() { <span class="ev-line casualties">{casualties.join("; ")}</span> }
                <span class="trigger">{format!("“{}”", ev.trigger.text)}
                    if ev.mentions.len() > 1 { {format!(" and {} more mention(s)", ev.mentions.len() - 1)} }
                </span>
            </button>
        </li>
    }
}
