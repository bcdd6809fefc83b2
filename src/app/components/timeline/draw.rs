//! What the timeline draws: ticks, the axis breaks, the event bars in lanes, the overview strip, and
//! the rail of events known only as past, present or future.

use super::fmt;
use super::navigate::Domain;
use crate::app::components::gestures::on_activate;
use crate::app::state::AppContext;
use crate::explorer::axis::{Item, Scale, WIDTH};
use crate::explorer::{Action, Selection};
use crate::export::event_headline;
use crate::model::{Analysis, Event};
use crate::timeline::{format_day, lanes, ticks};
use yew::prelude::*;

/// Where the axis is drawn, in pixels: its distances (and the lanes', the labels') are multiplied by the
/// drawing's units per pixel ([`Layout::unit`]).
const AXIS_Y: f64 = 46.0;
/// The labels' size in pixels.
const LABEL_PX: f64 = 12.0;
const LANE_H: f64 = 22.0;
const OVERVIEW_H: f64 = 26.0;
/// Width of one character of a tick's date, at most (its digits are wider than letters on average), in pixels.
const TICK_CHAR_W: f64 = 7.8;
/// Approximate width of one label character, in SVG units.
const CHAR_W: f64 = 6.6;
pub(super) const MAX_LANES: usize = 40;
/// Undated events shown as chips; the rest are in the event list.
const MAX_VAGUE: usize = 40;

/// The visible items laid out in lanes so labels never overlap.
pub(super) struct Layout<'a> {
    /// The items in view.
    visible: Vec<&'a Item>,
    /// Each one's extent with its label, in screen units.
    boxes: Vec<(f64, f64)>,
    /// Each one's lane.
    lane_of: Vec<usize>,
    /// Height of the drawing.
    pub height: f64,
    /// Drawing units per CSS pixel (above 1 on a narrow screen): what is sized in pixels (text, lanes, the
    /// axis's place) is drawn that many units big.
    pub unit: f64,
}

/// Width of an item's label, in screen units, at `unit` units per pixel.
fn label_w(i: &Item, unit: f64) -> f64 {
    ((i.label.chars().count() as f64) * CHAR_W + 8.0) * unit
}

impl<'a> Layout<'a> {
    /// Lays out the items of `dated` that `scale` shows, at `unit` drawing units per pixel.
    pub fn new(dated: &'a [Item], scale: &Scale, unit: f64) -> Layout<'a> {
        let visible: Vec<&Item> = dated
            .iter()
            .filter(|i| i.end > scale.start() && i.start < scale.end())
            .collect();
        // Labels sit right of their bar, or left of it when they would run off the right edge.
        let boxes: Vec<(f64, f64)> = visible
            .iter()
            .map(|i| {
                let x0 = scale.x(i.start);
                let x1 = scale.x(i.end).max(x0 + 6.0 * unit);
                let w = label_w(i, unit);
                if x0 + w > WIDTH {
                    ((x1 - w).min(x0), x1)
                } else {
                    (x0, x1.max(x0 + w))
                }
            })
            .collect();
        let lane_of = lanes(&boxes, 4.0 * unit);
        let lane_count = lane_of.iter().copied().max().map_or(1, |m| m + 1).min(MAX_LANES);
        let height = (AXIS_Y + 10.0 + lane_count as f64 * LANE_H + 8.0) * unit;
        Layout {
            visible,
            boxes,
            lane_of,
            height,
            unit,
        }
    }

    /// Where the axis is drawn, in drawing units.
    pub fn axis_y(&self) -> f64 {
        AXIS_Y * self.unit
    }

    /// The labels' font size in drawing units (12 px on screen, or more on a wide one).
    pub fn font_size(&self) -> f64 {
        LABEL_PX * self.unit
    }

    /// Items past the last lane, not drawn.
    pub fn hidden(&self) -> usize {
        self.lane_of.iter().filter(|&&lane| lane >= MAX_LANES).count()
    }
}

/// A tick drawn: where, and its label (where it starts, its text, its extent) unless it is left out.
struct TickMark {
    x: f64,
    label: Option<(f64, String, (f64, f64))>,
    /// Its label has the year (the first tick of each piece of the axis, and of each new year).
    year: bool,
}

/// The tick marks and their dates, per piece of the axis. A piece too narrow for its wanted ticks to fall inside
/// it (two days drawn across a phone's few pixels would ask for weekly ticks) gets its first day's tick all the same,
/// so every piece says its date and year; a label that would run off the right edge is moved left to end there, and
/// one that would overlap the label before it is left out (one with the year wins over one without). O(ticks).
pub(super) fn tick_marks(scale: &Scale, layout: &Layout) -> Html {
    let (u, axis_y, height) = (layout.unit, layout.axis_y(), layout.height);
    let mut marks: Vec<TickMark> = Vec::new();
    for p in &scale.0 {
        let n = (((p.x1 - p.x0) / (110.0 * u)).round() as usize).max(1);
        let mut found = ticks(p.start, p.end, n);
        // Finer ticks until one falls inside (a few tries: each halves the step), keeping the first only.
        let mut finer = n;
        while found.is_empty() && finer < 64 {
            finer *= 2;
            found = ticks(p.start, p.end, finer);
            found.truncate(1);
        }
        for t in found {
            let x = scale.x(t.at);
            let width = t.label.chars().count() as f64 * TICK_CHAR_W * u;
            // Right of the tick, moved left as far as needed to end at the edge.
            let text_x = (x + 3.0 * u).min(WIDTH - width).max(0.0);
            let extent = (text_x, text_x + width);
            let year = t
                .label
                .split(' ')
                .any(|w| w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()));
            let mut mark = TickMark {
                x,
                label: Some((text_x, t.label, extent)),
                year,
            };
            let before = marks
                .iter_mut()
                .rev()
                .find_map(|m| m.label.as_ref().map(|l| (l.2, m.year)));
            if let Some(((_, right), before_year)) = before {
                if right + 4.0 * u > extent.0 {
                    if mark.year && !before_year {
                        if let Some(m) = marks.iter_mut().rev().find(|m| m.label.is_some()) {
                            m.label = None;
                        }
                    } else {
                        mark.label = None;
                    }
                }
            }
            marks.push(mark);
        }
    }
    marks
        .into_iter()
        .map(|m| {
            html! {
                <g class="tick">
                    <line x1={fmt(m.x)} x2={fmt(m.x)} y1={fmt(axis_y - 4.0 * u)} y2={fmt(height)} />
                    if let Some((text_x, label, _)) = m.label {
                        <text x={fmt(text_x)} y={fmt(axis_y - 8.0 * u)}>{label}</text>
                    }
                </g>
            }
        })
        .collect()
}

/// A mark between the pieces of a broken axis.
pub(super) fn breaks(scale: &Scale, layout: &Layout) -> Html {
    let (u, axis_y) = (layout.unit, layout.axis_y());
    scale
        .0
        .windows(2)
        .map(|w| {
            let x = (w[0].x1 + w[1].x0) / 2.0;
            html! { <text class="axis-break" x={fmt(x - 6.0 * u)} y={fmt(axis_y + 4.0 * u)} aria-hidden="true">{"≈"}</text> }
        })
        .collect()
}

/// The event bars. Items past the last lane are not drawn (a long article has more than fit), except the
/// selected one, drawn in the last lane so what the other views show is on the timeline too.
pub(super) fn bars(state: &AppContext, layout: &Layout, scale: &Scale, selected: Option<&str>) -> Html {
    let is_chosen = |item: &Item| item.other.is_none() && selected == Some(item.id.as_str());
    // The events of a selected place or person light up too.
    let related = match (state.selection.as_ref(), state.analysis.as_deref()) {
        (Some(selection), Some(analysis)) => crate::explorer::marks::linked(analysis, selection).events,
        _ => Default::default(),
    };
    let is_related = |item: &Item| item.other.is_none() && related.contains(&item.id);
    layout
        .visible
        .iter()
        .zip(&layout.lane_of)
        .zip(&layout.boxes)
        .filter(|((item, lane), _)| **lane < MAX_LANES || is_chosen(item))
        .map(|((item, lane), hit)| {
            let lit = (is_chosen(item), is_related(item));
            bar(state, item, (*lane).min(MAX_LANES - 1), *hit, (scale, layout.unit), lit)
        })
        .collect()
}

/// One event's bar and label in `lane`; `hit` is its clickable extent; drawn with `scale` at `u` units per pixel;
/// `lit` says whether it is the selected event, and whether it is an event of the selected place or person.
fn bar(
    state: &AppContext,
    item: &Item,
    lane: usize,
    hit: (f64, f64),
    (scale, u): (&Scale, f64),
    lit: (bool, bool),
) -> Html {
    let (is_selected, is_related) = lit;
    let x0 = scale.x(item.start);
    let w = (scale.x(item.end) - x0).max(6.0 * u);
    let y = (AXIS_Y + 10.0 + lane as f64 * LANE_H) * u;
    let select = {
        let state = state.clone();
        let (id, other) = (item.id.clone(), item.other);
        Callback::from(move |_| {
            // An event of another article opens that article first.
            if let Some(key) = other {
                state.dispatch(Action::SwitchTo(key));
            }
            state.dispatch(Action::Select(Some(Selection::Event(id.clone()))))
        })
    };
    let onkeydown = on_activate(select.clone());
    // The whole label is shown: the accessible name must contain the visible text (WCAG 2.5.3).
    let label = item.label.clone();
    let flipped = x0 + label_w(item, u) > WIDTH;
    // Labels sit just above their bar, so text never crosses a bar of another colour.
    let (text_x, anchor) = if flipped { (x0 + w, "end") } else { (x0, "start") };
    html! {
        <g class={classes!("tl-item", format!("art-{}", item.article % 6), format!("fam-{}", item.family), is_selected.then_some("selected"), is_related.then_some("related"), (item.status != "happened").then_some("unreal"))}
            data-rove={format!("{}-{}", item.article, item.id)} role="button"
            aria-label={item.aria.clone()} aria-pressed={is_selected.to_string()}
            data-event={item.id.clone()}
            onclick={select.reform(|_| ())} {onkeydown}>
            <title>{&item.aria}</title>
            // One target for label and bar alike, so a click anywhere on the item selects it.
            <rect class="tl-hit" x={fmt(hit.0)} y={fmt(y)} width={fmt(hit.1 - hit.0)} height={fmt((LANE_H - 2.0) * u)} />
            <rect class="tl-bar" x={fmt(x0)} y={fmt(y + 12.0 * u)} width={fmt(w)} height={fmt(5.0 * u)} rx={fmt(2.0 * u)} />
            <text x={fmt(text_x)} y={fmt(y + 9.0 * u)} text-anchor={anchor}>{label}</text>
        </g>
    }
}

/// The overview strip: every dated event over the whole story `full`, and the current window.
pub(super) fn overview(dated: &[Item], full: (f64, f64), domain: &Domain) -> Html {
    let (s, e) = full;
    let ox = |t: f64| (t - s) / (e - s).max(1e-9) * WIDTH;
    // One rectangle per run of covered pixels: a long article's thousand events draw a few dozen.
    let mut runs: Vec<(f64, f64)> = Vec::new();
    for i in dated {
        let (a, b) = (ox(i.start).floor(), (ox(i.end).max(ox(i.start) + 2.0)).ceil());
        match runs.last_mut() {
            Some(r) if a <= r.1 => r.1 = r.1.max(b),
            _ => runs.push((a, b)),
        }
    }
    let ticks_o: Html = runs
        .iter()
        .map(|(a, b)| html! { <rect class="ov-item" x={fmt(*a)} y="6" width={fmt(b - a)} height="14" /> })
        .collect();
    let window = domain.map(|(a, b)| {
        html! { <rect class="ov-window" x={fmt(ox(a).clamp(0.0, WIDTH))} y="2" width={fmt((ox(b) - ox(a)).clamp(2.0, WIDTH))} height="22" /> }
    });
    let reset = {
        let domain = domain.clone();
        Callback::from(move |_| domain.set(None))
    };
    html! {
        <svg class="tl-overview" viewBox={format!("0 0 {WIDTH} {OVERVIEW_H}")} preserveAspectRatio="none"
            role="img" aria-label={format!("Overview: {} to {}", format_day(s), format_day(e))} onclick={reset}>
            {ticks_o}{window}
        </svg>
    }
}

/// The events with no place on the calendar, as chips. A long article can have hundreds: the first
/// few are shown, and the selected one; the event list has all.
pub(super) fn vague_rail(state: &AppContext, analysis: &Analysis, vague: &[&Event], selected: Option<&str>) -> Html {
    if vague.is_empty() {
        return Html::default();
    }
    let shown: Vec<&Event> = vague
        .iter()
        .enumerate()
        .filter(|(n, ev)| *n < MAX_VAGUE || selected == Some(ev.id.as_str()))
        .map(|(_, ev)| *ev)
        .collect();
    let hidden = vague.len() - shown.len();
    html! {
        <div class="vague-rail">
            <h3>{"Not on the calendar"}</h3>
            <ul>
                {for shown.iter().map(|ev| chip(state, analysis, ev, selected))}
                if hidden > 0 { <li class="more-note">{format!("and {hidden} more, listed under Events")}</li> }
            </ul>
        </div>
    }
}

/// One undated event: when it is (earlier, now, later) and what happened.
fn chip(state: &AppContext, analysis: &Analysis, ev: &Event, selected: Option<&str>) -> Html {
    let is_selected = selected == Some(ev.id.as_str());
    let onclick = {
        let state = state.clone();
        let id = ev.id.clone();
        Callback::from(move |_| state.dispatch(Action::Select(Some(Selection::Event(id.clone())))))
    };
    let when = match ev.date.value.as_str() {
        "PAST_REF" => "earlier",
        "PRESENT_REF" => "now",
        "FUTURE_REF" => "later",
        _ => "undated",
    };
    html! {
        <li><button class={classes!("vague-chip", is_selected.then_some("selected"))} {onclick} data-rove={ev.id.clone()}
            aria-pressed={is_selected.to_string()}>
            <span class="when">{when}</span>{" "}{event_headline(analysis, ev)}
        </button></li>
    }
}
