//! The inspector: what the selected mention resolved to and why, and the corrections the person
//! can make to it (another place candidate, remove a false mention, another event date).

use crate::app::state::AppContext;
use crate::calendar::is_calendar_value;
use crate::corrections::{EventDateFix, MentionKind, PlaceChoice, Removal};
use crate::explorer::state::mention_key;
use crate::explorer::{Action, Selection};
use crate::export::event_headline;
use crate::model::{Analysis, Casualty, Entity, Event, Place, Span, Timex};
use web_sys::HtmlInputElement;
use yew::prelude::*;

fn casualty_line(c: &Casualty) -> String {
    format!("{}: {}", c.kind.as_str(), c.text)
}

/// The inspector for the current selection.
#[component]
pub fn Inspector() -> Html {
    let _timed = crate::app::Timed::start("render Inspector");
    let state = use_context::<AppContext>().expect("app context");
    let date_error = use_state(|| None::<String>);
    let date_input = use_node_ref();
    let (Some(analysis), Some(selection)) = (state.analysis.clone(), state.selection.clone()) else {
        return Html::default();
    };
    let analysis: &Analysis = &analysis;
    let close = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Select(None)))
    };
    let body = match &selection {
        Selection::Timex(id) => analysis
            .timexes
            .iter()
            .find(|t| &t.id == id)
            .map(|t| timex(&state, analysis, t)),
        Selection::Place(id) => analysis.places.iter().find(|p| &p.id == id).map(|p| place(&state, p)),
        Selection::Entity(id) => analysis
            .entities
            .iter()
            .find(|e| &e.id == id)
            .map(|e| entity(&state, e)),
        Selection::Event(id) => analysis
            .events
            .iter()
            .find(|e| &e.id == id)
            .map(|ev| event(&state, analysis, ev, &date_input, &date_error)),
    };
    let corrections = state.correction_count();
    let reset = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ResetCorrections))
    };
    html! {
        <div class="inspector" role="region" aria-label="Selected mention">
            {body.unwrap_or_else(|| html! { <p>{"The selection is no longer in the text."}</p> })}
            <div class="inspector-actions">
                if corrections > 0 {
                    <button type="button" onclick={reset}>{format!("Undo all {corrections} correction(s)")}</button>
                }
                <button type="button" onclick={close}>{"Close"}</button>
            </div>
        </div>
    }
}

/// A button that removes a false mention.
fn remove(state: &AppContext, kind: MentionKind, span: Span, text: &str, label: &str) -> Html {
    let state = state.clone();
    let key = mention_key(span, text);
    let onclick = Callback::from(move |_| {
        state.dispatch(Action::Remove(Removal {
            kind,
            mention: key.clone(),
        }))
    });
    html! { <button type="button" class="remove" {onclick}>{label}</button> }
}

/// A date: its value and what it was resolved from.
fn timex(state: &AppContext, analysis: &Analysis, t: &Timex) -> Html {
    let why = match t.anchor.as_deref() {
        Some("dct") => format!(
            " — resolved from the document date {}",
            analysis.document.dct.value.clone().unwrap_or_default()
        ),
        Some(other) => format!(" — resolved from the earlier date {other}"),
        None => String::new(),
    };
    html! {
        <>
            <p><strong>{format!("“{}”", t.text)}</strong>{format!(" is {}: {} ({})", timex_kind_words(t.kind), crate::explorer::format::readable_value(&t.value), t.value)}{why}</p>
            if !t.alternatives.is_empty() { <p>{"Other reading: "}{t.alternatives.join(", ")}</p> }
            {remove(state, MentionKind::Timex, t.span, &t.text, "Not a date")}
        </>
    }
}

/// A place: where it was resolved to, and the other candidates to choose from.
fn place(state: &AppContext, p: &Place) -> Html {
    let alternatives: Html = p
        .alternatives
        .iter()
        .take(6)
        .map(|c| {
            let state = state.clone();
            let choice = PlaceChoice { mention: mention_key(p.span, &p.text), geonames_id: c.geonames_id, name: c.name.clone() };
            let onclick = Callback::from(move |_| state.dispatch(Action::ChoosePlace(choice.clone())));
            html! {
                <li><button type="button" {onclick}>
                    {format!("Use {} ({}{})", c.name, c.country.clone().unwrap_or_default(), c.admin1.as_deref().map(|a| format!(", {a}")).unwrap_or_default())}
                </button></li>
            }
        })
        .collect();
    html! {
        <>
            <p><strong>{format!("“{}”", p.text)}</strong>{format!(" → {} ({}{}), {:.3}, {:.3}", p.name, p.country.clone().unwrap_or_default(),
                p.admin1.as_deref().map(|a| format!(", {a}")).unwrap_or_default(), p.lat, p.lon)}</p>
            <p>{state.analysis.as_deref().map(|a| crate::explorer::format::place_reason(a, p)).unwrap_or_default()}</p>
            if !p.alternatives.is_empty() { <p>{"Not this one?"}</p><ul class="alternatives">{alternatives}</ul> }
            {remove(state, MentionKind::Place, p.span, &p.text, "Not a place")}
        </>
    }
}

/// A person, an organisation or a number.
fn entity(state: &AppContext, e: &Entity) -> Html {
    html! {
        <>
            <p><strong>{format!("“{}”", e.text)}</strong>{format!(" → {} ({})", e.canonical, match e.kind {
                crate::model::EntityKind::Person => "a person",
                crate::model::EntityKind::Org => "an organisation",
                crate::model::EntityKind::Group => "an armed or political group",
                crate::model::EntityKind::Demonym => "a nationality",
                crate::model::EntityKind::Number => "a number",
            })}</p>
            if let Some(role) = &e.role { <p>{role}</p> }
            {remove(state, MentionKind::Entity, e.span, &e.text, "Not a name")}
        </>
    }
}

/// An event: what, when, who, and a form to give it another date.
fn event(
    state: &AppContext,
    analysis: &Analysis,
    ev: &Event,
    date_input: &NodeRef,
    date_error: &UseStateHandle<Option<String>>,
) -> Html {
    let onsubmit = {
        let (state, date_input, date_error) = (state.clone(), date_input.clone(), date_error.clone());
        let trigger = mention_key(ev.trigger.span, &ev.trigger.text);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(input) = date_input.cast::<HtmlInputElement>() else {
                return;
            };
            let value = input.value().trim().to_string();
            if is_calendar_value(&value) {
                date_error.set(None);
                state.dispatch(Action::SetEventDate(EventDateFix {
                    trigger: trigger.clone(),
                    value,
                }));
            } else {
                date_error.set(Some(format!(
                    "“{value}” is not a date: use YYYY-MM-DD, YYYY-MM or YYYY."
                )));
            }
        })
    };
    let participants = crate::export::participant_names(analysis, ev);
    html! {
        <>
            <p><strong>{event_headline(analysis, ev)}</strong></p>
            <p>{format!("{} ({}), {} — {}: {}, {}", crate::export::kind_label(&ev.kind), crate::export::family_label(&ev.family),
                if ev.polarity == crate::model::Polarity::Negative { "did not happen" } else { "happened" },
                crate::explorer::format::readable_value(&ev.date.value),
                crate::explorer::format::precision_words(ev.date.precision),
                crate::explorer::format::date_source_words(analysis, ev))}</p>
            if !participants.is_empty() { <p>{"Who: "}{participants.join(", ")}</p> }
            if !ev.casualties.is_empty() { <p>{ev.casualties.iter().map(casualty_line).collect::<Vec<_>>().join("; ")}</p> }
            <form class="date-fix" {onsubmit}>
                <label>{"Event date "}<input ref={date_input.clone()} type="text" inputmode="numeric" placeholder="YYYY-MM-DD" value={ev.date.value.clone()} /></label>
                <button type="submit">{"Set date"}</button>
            </form>
            if let Some(err) = (**date_error).clone() { <p class="error" role="alert">{err}</p> }
            {remove(state, MentionKind::Event, ev.trigger.span, &ev.trigger.text, "Not an event")}
        </>
    }
}

/// A TIMEX3 type in words.
fn timex_kind_words(kind: crate::model::TimexType) -> &'static str {
    match kind {
        crate::model::TimexType::Date => "a date",
        crate::model::TimexType::Time => "a time",
        crate::model::TimexType::Duration => "a length of time",
        crate::model::TimexType::Set => "a repeated time",
    }
}
