//! The "Article" region: the text with its mentions highlighted by kind.

use crate::app::state::{Action, AppContext, Selection};
use crate::model::{Analysis, EntityKind, PlaceKind, Span};
use yew::prelude::*;

/// One highlighted mention.
#[derive(Debug, Clone, PartialEq)]
struct Mark {
    span: Span,
    class: &'static str,
    label: String,
    select: Selection,
}

/// Every highlight of the analysis, in text order, without overlaps (earlier and longer win).
fn marks(analysis: &Analysis) -> Vec<Mark> {
    let mut all = Vec::new();
    for t in &analysis.timexes {
        let label = format!(
            "{} {}{}",
            t.value,
            format!("{:?}", t.kind).to_uppercase(),
            anchor_note(t.anchor.as_deref())
        );
        all.push(Mark {
            span: t.span,
            class: "hl-date",
            label,
            select: Selection::Timex(t.id.clone()),
        });
    }
    for p in &analysis.places {
        let class = match p.kind {
            PlaceKind::Literal => "hl-place",
            PlaceKind::Metonym => "hl-metonym",
            PlaceKind::Demonym => "hl-demonym",
        };
        let label = format!(
            "{} ({}{}), {:.2}, {:.2} — {:?}",
            p.name,
            p.country.as_deref().unwrap_or("—"),
            p.admin1.as_deref().map(|a| format!(", {a}")).unwrap_or_default(),
            p.lat,
            p.lon,
            p.kind
        );
        all.push(Mark {
            span: p.span,
            class,
            label,
            select: Selection::Place(p.id.clone()),
        });
    }
    for e in &analysis.entities {
        let class = match e.kind {
            EntityKind::Person => "hl-person",
            EntityKind::Org | EntityKind::Group => "hl-org",
            EntityKind::Number => "hl-number",
            EntityKind::Demonym => continue,
        };
        let label = match &e.role {
            Some(role) => format!("{} — {role}", e.canonical),
            None => e.canonical.clone(),
        };
        all.push(Mark {
            span: e.span,
            class,
            label,
            select: Selection::Entity(e.id.clone()),
        });
    }
    for ev in &analysis.events {
        let label = format!("{} ({}) — {}", ev.kind, ev.family, ev.date.value);
        for m in &ev.mentions {
            all.push(Mark {
                span: m.span,
                class: "hl-event",
                label: label.clone(),
                select: Selection::Event(ev.id.clone()),
            });
        }
        if ev.mentions.is_empty() {
            all.push(Mark {
                span: ev.trigger.span,
                class: "hl-event",
                label,
                select: Selection::Event(ev.id.clone()),
            });
        }
    }
    all.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut out: Vec<Mark> = Vec::with_capacity(all.len());
    for m in all {
        if out.last().is_none_or(|last| last.span.end <= m.span.start) && !m.span.is_empty() {
            out.push(m);
        }
    }
    out
}

fn anchor_note(anchor: Option<&str>) -> String {
    match anchor {
        Some("dct") => ", from the document date".to_string(),
        Some(id) => format!(", from {id}"),
        None => String::new(),
    }
}

/// True when `mark` belongs to the current selection (directly or through the selected event).
fn is_selected(mark: &Mark, selection: Option<&Selection>, analysis: &Analysis) -> bool {
    match selection {
        None => false,
        Some(s) if *s == mark.select => true,
        Some(Selection::Event(id)) => analysis
            .events
            .iter()
            .filter(|e| &e.id == id)
            .any(|e| match &mark.select {
                Selection::Place(p) => e.places.contains(p),
                Selection::Entity(en) => e.participants.contains(en),
                Selection::Timex(t) => e.date.timex.as_ref() == Some(t),
                Selection::Event(_) => false,
            }),
        Some(_) => false,
    }
}

/// The article region.
#[component]
pub fn ArticleView() -> Html {
    let state = use_context::<AppContext>().expect("app context");
    use_effect_with(state.selection.clone(), |selection| {
        if selection.is_some() {
            scroll_selected_into_view();
        }
    });
    let body = match &state.analysis {
        Some(analysis) if !state.text.is_empty() => {
            let text = state.text.as_str();
            let mut nodes = Vec::new();
            let mut at = 0;
            for mark in marks(analysis) {
                // The analysis may be one keystroke behind the text: never slice past it.
                let (Some(before), Some(inner)) =
                    (text.get(at..mark.span.start), text.get(mark.span.start..mark.span.end))
                else {
                    break;
                };
                nodes.push(html! { {before} });
                let selected = is_selected(&mark, state.selection.as_ref(), analysis);
                let select = {
                    let state = state.clone();
                    let select = mark.select.clone();
                    Callback::from(move |_: ()| state.dispatch(Action::Select(Some(select.clone()))))
                };
                // Enter or Space on a focused mention opens it in the inspector, as a click does.
                let onkeydown = super::gestures::on_activate(select.clone());
                nodes.push(html! {
                    <mark class={classes!("hl", mark.class, selected.then_some("selected"))} tabindex="0"
                        title={mark.label.clone()} aria-label={format!("{inner}: {}", mark.label)}
                        onclick={select.reform(|_| ())} {onkeydown}>{inner}</mark>
                });
                at = mark.span.end;
            }
            nodes.push(html! { {text.get(at..).unwrap_or("")} });
            html! { <div class="article-text" dir="auto">{for nodes}</div> }
        }
        _ => html! { <p class="empty">{"Paste an article or try the sample to see its dates, places and events."}</p> },
    };
    html! {
        <section class="panel article" aria-labelledby="h-article">
            <h2 id="h-article">{"Article"}</h2>
            <super::inspector::Inspector />
            {body}
        </section>
    }
}

/// Brings the first highlighted mention, timeline item and event card into view.
fn scroll_selected_into_view() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for selector in [".article-text mark.selected", ".event-card.selected"] {
        if let Ok(Some(el)) = document.query_selector(selector) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            options.set_behavior(web_sys::ScrollBehavior::Smooth);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
}
