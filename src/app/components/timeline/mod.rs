//! The "Timeline" region: events on a calendar axis (SVG) with zoom and pan, lanes so labels never
//! overlap, an overview strip for context, a broken axis when the story spans years and days at once,
//! and a separate rail for events known only as past, present or future.

mod draw;
mod navigate;

use crate::app::hooks::settled::{use_settled_analysis, TIMELINE_HOPS};
use crate::app::state::AppContext;
use crate::explorer::axis::{items, Item, Scale, WIDTH};
use crate::explorer::AnalysisRef;
use crate::model::{Analysis, Event};
use crate::timeline::{format_day, interval};
use draw::Layout;
use navigate::Handlers;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// The events placed on the calendar, and the indexes of the read article's events that are not.
type Placed = (Vec<Item>, Vec<usize>);

/// The timeline region.
#[component]
pub fn TimelineView() -> Html {
    let _timed = crate::app::Timed::start("render TimelineView");
    let state = use_context::<AppContext>().expect("app context");
    // Drawn one task after the article, so a long article's answer is not drawn in one long task.
    let settled = use_settled_analysis(state.analysis.clone(), TIMELINE_HOPS);
    // `None` is "fit the story" (possibly a broken axis); zooming or panning switches to a linear domain.
    let domain = use_state(|| None::<(f64, f64)>);
    let pointers = use_mut_ref(HashMap::<i32, f64>::new);
    let drag_from = use_mut_ref(|| None::<(f64, (f64, f64))>);
    let placed = use_placed(settled.clone(), &state);
    let region = use_node_ref();
    super::roving::use_roving(&region);
    // On a narrow screen the drawing's units are smaller than a pixel: labels are drawn that much bigger.
    let drawing = use_node_ref();
    let unit = super::roving::use_units_per_px(&drawing, WIDTH);
    let Some(analysis) = settled else {
        return html! {
            <section class="panel timeline" aria-labelledby="h-timeline" data-roving="list" ref={region}>
                <h2 id="h-timeline">{"Timeline"}</h2>
                <p class="empty">{"Events appear here in time order."}</p>
            </section>
        };
    };
    let dated = &placed.0;
    let vague: Vec<&Event> = placed.1.iter().filter_map(|&i| analysis.events.get(i)).collect();
    let fitted = Scale::fit(dated);
    let scale = match *domain {
        Some((s, e)) => Scale::linear(s, e),
        None => fitted.clone(),
    };
    let selected = state.selected_event();
    // The selected event's middle: "+" and "−" zoom around it.
    let focus = selected
        .and_then(|id| dated.iter().find(|i| i.other.is_none() && i.id == id))
        .map(|i| (i.start + i.end) / 2.0);
    let handlers = Handlers::new(&domain, &scale, focus, &pointers, &drag_from);
    let zoom_bar = crate::app::components::gestures::zoom_buttons(
        "Timeline zoom",
        "Fit the timeline to the events (0 or F)",
        [
            handlers.zoom_in.clone(),
            handlers.zoom_out.clone(),
            handlers.fit.clone(),
        ],
        crate::app::services::picture::View::Timeline,
    );
    let layout = Layout::new(dated, &scale, unit);
    let hidden = layout.hidden();
    let none_in_view = !dated.is_empty() && scale.shown(dated) == 0;
    html! {
        <section class="panel timeline" aria-labelledby="h-timeline" data-roving="list" ref={region}>
            <h2 id="h-timeline">{"Timeline"}</h2>
            <p class="hint">{"Scroll or pinch to zoom, drag to pan; on an event: ← → move between events, + − zoom, Shift+← → pan, 0 or F to fit."}
                if hidden > 0 {
                    {format!(" {hidden} more events overlap at this zoom: zoom in, or see the event list.")}
                }
            </p>
            if none_in_view {
                <p class="hint tl-empty-view" role="status">{"No event in this stretch of time: Fit (0) shows them all."}</p>
            }
            {draw::overview(dated, (fitted.start(), fitted.end()), &domain)}
            <div class="tl-scroll">
            {main_svg(&state, &layout, &scale, selected, handlers, (dated.len(), drawing))}
            </div>
            // After the drawing: Tab from the region's start reaches its events first; the bar is a stop of its own.
            {zoom_bar}
            {family_legend(dated)}
            {draw::vague_rail(&state, &analysis, &vague, selected)}
        </section>
    }
}

/// The events placed on the calendar, computed once per analysis (a long article has a thousand): the
/// article being read, then the added ones, merged on one axis and coloured by article.
#[hook]
fn use_placed(settled: Option<Rc<Analysis>>, state: &AppContext) -> Rc<Placed> {
    let key = (
        settled.map(AnalysisRef),
        state
            .others
            .iter()
            .map(|o| (o.key, o.analysis.clone().map(AnalysisRef)))
            .collect::<Vec<_>>(),
    );
    use_memo(key, |(main, others)| {
        let Some(main) = main else {
            return (Vec::new(), Vec::new());
        };
        let (mut dated, vague) = items(&main.0, 0, None);
        // The undated ones by index: the memo cannot borrow from the analysis.
        let vague: Vec<usize> = match vague.first() {
            None => Vec::new(),
            Some(_) => (0..main.0.events.len())
                .filter(|&i| interval(&main.0.events[i].date.value).is_none())
                .collect(),
        };
        for (n, (key, analysis)) in others.iter().enumerate() {
            if let Some(a) = analysis {
                dated.extend(items(&a.0, n + 1, Some(*key)).0);
            }
        }
        dated.sort_by(|a, b| a.start.total_cmp(&b.start));
        (dated, vague)
    })
}

/// The key to the bar colours: each family of the dated events of the article being read, in words, in the order
/// of their labels. O(n·f) for n events and f families (a dozen).
fn family_legend(dated: &[Item]) -> Html {
    let mut families: Vec<&str> = Vec::new();
    for item in dated.iter().filter(|i| i.other.is_none()) {
        if !families.contains(&item.family.as_str()) {
            families.push(&item.family);
        }
    }
    if families.is_empty() {
        return html! {};
    }
    families.sort_by_key(|f| crate::export::family_label(f));
    html! {
        <p class="hint legend tl-legend">{"Colours: "}
            {for families.iter().map(|f| html! {
                <span class={classes!("fam-key", format!("fam-{f}"))}>
                    <span class="lg fam-swatch"></span>{crate::export::family_label(f)}{" "}
                </span>
            })}
        </p>
    }
}

/// The zoomable calendar: axis, ticks, breaks and the event bars; `dated` events in all, drawn in `drawing`.
fn main_svg(
    state: &AppContext,
    layout: &Layout,
    scale: &Scale,
    selected: Option<&str>,
    handlers: Handlers,
    (dated, drawing): (usize, NodeRef),
) -> Html {
    let Handlers {
        onwheel,
        onkeydown,
        onpointerdown,
        onpointermove,
        onpointerup,
        ..
    } = handlers;
    html! {
        // Its own Tab stop only while no event is in view (`data-rove-home`); the text is sized from its font-size.
        <svg class="tl-main" viewBox={format!("0 0 {WIDTH} {}", fmt(layout.height))} data-rove-home=""
            ref={drawing} font-size={fmt(layout.font_size())} role="group" aria-label={format!("Timeline, {} dated events; {} to {}", dated,
                format_day(scale.start()), format_day(scale.end()))}
            {onwheel} {onkeydown} {onpointerdown} {onpointermove}
            onpointerup={onpointerup.clone()} onpointercancel={onpointerup.clone()} onpointerleave={onpointerup}>
            <line class="axis" x1="0" x2={fmt(WIDTH)} y1={fmt(layout.axis_y())} y2={fmt(layout.axis_y())} />
            {draw::tick_marks(scale, layout)}{draw::breaks(scale, layout)}{draw::bars(state, layout, scale, selected)}
        </svg>
    }
}

/// Short decimal for SVG attributes.
fn fmt(v: f64) -> String {
    format!("{v:.1}")
}
