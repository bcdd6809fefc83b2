//! The "Timeline" region: events on a calendar axis (SVG) with zoom and pan, lanes so labels never
//! overlap, an overview strip for context, a broken axis when the story spans years and days at once,
//! and a separate rail for events known only as past, present or future.

use super::gestures::{on_activate, on_nav, svg_point, Nav};
use crate::app::state::{use_settled_analysis, Action, AnalysisRef, AppContext, Selection, TIMELINE_HOPS};
use crate::export::event_summary;
use crate::model::{Analysis, Event};
use crate::timeline::{format_day, interval, lanes, ticks};
use std::collections::HashMap;
use web_sys::{PointerEvent, WheelEvent};
use yew::prelude::*;

const WIDTH: f64 = 1000.0;
const AXIS_Y: f64 = 46.0;
const LANE_H: f64 = 22.0;
const OVERVIEW_H: f64 = 26.0;
/// Approximate width of one label character, in SVG units.
const CHAR_W: f64 = 6.6;
const MAX_LANES: usize = 40;
/// Undated events shown as chips; the rest are in the event list.
const MAX_VAGUE: usize = 40;

/// An event placed on the calendar.
#[derive(Clone, PartialEq)]
struct Item {
    id: String,
    start: f64,
    end: f64,
    label: String,
    aria: String,
    /// 0 for the article being read, n for the n-th added one (it picks the colour).
    article: usize,
    /// The key of the added article it belongs to.
    other: Option<u64>,
}

/// A piece of the axis: `[start, end)` days drawn across `[x0, x1)` screen units.
#[derive(Clone, Copy, PartialEq, Debug)]
struct Piece {
    start: f64,
    end: f64,
    x0: f64,
    x1: f64,
}

/// A piecewise-linear scale: one piece when zoomed, several (a broken axis) when fitted to a story
/// whose events cluster far apart in time.
#[derive(Clone, PartialEq, Debug)]
struct Scale(Vec<Piece>);

impl Scale {
    fn linear(start: f64, end: f64) -> Scale {
        Scale(vec![Piece {
            start,
            end: end.max(start + 1e-3),
            x0: 0.0,
            x1: WIDTH,
        }])
    }

    fn x(&self, t: f64) -> f64 {
        let p = self
            .0
            .iter()
            .find(|p| t < p.end)
            .or(self.0.last())
            .copied()
            .unwrap_or(Piece {
                start: 0.0,
                end: 1.0,
                x0: 0.0,
                x1: WIDTH,
            });
        let t = t.clamp(p.start, p.end);
        p.x0 + (t - p.start) / (p.end - p.start) * (p.x1 - p.x0)
    }

    fn start(&self) -> f64 {
        self.0.first().map_or(0.0, |p| p.start)
    }

    fn end(&self) -> f64 {
        self.0.last().map_or(1.0, |p| p.end)
    }

    /// Fits the items: clusters separated by gaps wider than their own extent get pieces of their own.
    fn fit(items: &[Item]) -> Scale {
        let mut spans: Vec<(f64, f64)> = items.iter().map(|i| (i.start, i.end)).collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0));
        let Some(&(first, _)) = spans.first() else {
            return Scale::linear(0.0, 1.0);
        };
        let last = spans.iter().map(|s| s.1).fold(f64::MIN, f64::max);
        let total = last - first;
        let mut clusters: Vec<(f64, f64)> = Vec::new();
        for (s, e) in spans {
            match clusters.last_mut() {
                Some(c) if s - c.1 <= (total * 0.15).max(3.0) => c.1 = c.1.max(e),
                _ => clusters.push((s, e)),
            }
        }
        let pad = |(s, e): (f64, f64)| {
            let p = ((e - s) * 0.08).max(0.5);
            (s - p, e + p)
        };
        if clusters.len() == 1 || clusters.len() > 4 {
            let (s, e) = pad((first, last));
            return Scale::linear(s, e);
        }
        // Each cluster gets width by the square root of its length: long eras stay readable, and so do days.
        let gap = 24.0;
        let weights: Vec<f64> = clusters
            .iter()
            .map(|c| (pad(*c).1 - pad(*c).0).sqrt().max(1.0))
            .collect();
        let usable = WIDTH - gap * (clusters.len() - 1) as f64;
        let sum: f64 = weights.iter().sum();
        let mut x = 0.0;
        let pieces = clusters
            .iter()
            .zip(&weights)
            .map(|(c, w)| {
                let (s, e) = pad(*c);
                let width = usable * w / sum;
                let p = Piece {
                    start: s,
                    end: e,
                    x0: x,
                    x1: x + width,
                };
                x += width + gap;
                p
            })
            .collect();
        Scale(pieces)
    }
}

/// The dated events of one article (`other` is the key of an added article, `None` for the one
/// being read), and its events that have no place on the calendar.
fn items(analysis: &Analysis, article: usize, other: Option<u64>) -> (Vec<Item>, Vec<&Event>) {
    let mut dated = Vec::new();
    let mut vague = Vec::new();
    for ev in &analysis.events {
        let summary = event_summary(analysis, ev);
        let from = if other.is_some() {
            format!(" (article {})", article + 1)
        } else {
            String::new()
        };
        match interval(&ev.date.value) {
            Some((start, end)) => dated.push(Item {
                id: ev.id.clone(),
                start,
                end,
                label: summary.clone(),
                aria: format!("{} — {summary}{from}", ev.date.value),
                article,
                other,
            }),
            None => vague.push(ev),
        }
    }
    (dated, vague)
}

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
    // The events placed on the calendar, computed once per analysis (a long article has a thousand).
    let placed = {
        let key = (
            settled.clone().map(AnalysisRef),
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
            // The article being read, then the added ones, merged on one axis and coloured by article.
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
    };
    let Some(analysis) = settled.clone() else {
        return html! {
            <section class="panel timeline" aria-labelledby="h-timeline">
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
    let full = (fitted.start(), fitted.end());
    let selected = match &state.selection {
        Some(Selection::Event(id)) => Some(id.clone()),
        _ => None,
    };

    // Zoom by `factor` around screen position `x`.
    let zoom = {
        let (domain, scale) = (domain.clone(), scale.clone());
        move |factor: f64, x: f64| {
            let (s, e) = (scale.start(), scale.end());
            let at = s + (x / WIDTH).clamp(0.0, 1.0) * (e - s);
            let width = ((e - s) * factor).clamp(1.0 / 96.0, 365.25 * 3000.0);
            let ratio = (at - s) / (e - s);
            domain.set(Some((at - width * ratio, at - width * ratio + width)));
        }
    };
    let pan = {
        let (domain, scale) = (domain.clone(), scale.clone());
        move |fraction: f64| {
            let (s, e) = (scale.start(), scale.end());
            let d = (e - s) * fraction;
            domain.set(Some((s + d, e + d)));
        }
    };
    let onwheel = {
        let zoom = zoom.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let x = svg_point(&e, WIDTH, 1.0).0;
            zoom(if e.delta_y() > 0.0 { 1.25 } else { 0.8 }, x);
        })
    };
    let onkeydown = {
        let (zoom, pan, domain) = (zoom.clone(), pan.clone(), domain.clone());
        on_nav(move |nav| {
            match nav {
                Nav::ZoomIn => zoom(0.8, WIDTH / 2.0),
                Nav::ZoomOut => zoom(1.25, WIDTH / 2.0),
                Nav::Left => pan(-0.1),
                Nav::Right => pan(0.1),
                Nav::Fit => domain.set(None),
                Nav::Up | Nav::Down => return false,
            }
            true
        })
    };
    let onpointerdown = {
        let (pointers, drag_from, scale) = (pointers.clone(), drag_from.clone(), scale.clone());
        Callback::from(move |e: PointerEvent| {
            let x = svg_point(&e, WIDTH, 1.0).0;
            pointers.borrow_mut().insert(e.pointer_id(), x);
            *drag_from.borrow_mut() = Some((x, (scale.start(), scale.end())));
        })
    };
    let onpointermove = {
        let (pointers, drag_from, domain) = (pointers.clone(), drag_from.clone(), domain.clone());
        Callback::from(move |e: PointerEvent| {
            let x = svg_point(&e, WIDTH, 1.0).0;
            let mut ps = pointers.borrow_mut();
            if !ps.contains_key(&e.pointer_id()) {
                return;
            }
            if ps.len() == 2 {
                // Pinch: the distance between two pointers scales the domain.
                let before: Vec<f64> = ps.values().copied().collect();
                ps.insert(e.pointer_id(), x);
                let after: Vec<f64> = ps.values().copied().collect();
                let (d0, d1) = ((before[0] - before[1]).abs(), (after[0] - after[1]).abs());
                if d0 > 4.0 && d1 > 4.0 {
                    if let Some((x0, (s, en))) = *drag_from.borrow() {
                        let _ = x0;
                        let mid = (after[0] + after[1]) / 2.0;
                        let at = s + mid / WIDTH * (en - s);
                        let width = (en - s) * d0 / d1;
                        domain.set(Some((at - width * mid / WIDTH, at - width * mid / WIDTH + width)));
                    }
                }
                return;
            }
            ps.insert(e.pointer_id(), x);
            if let Some((x0, (s, en))) = *drag_from.borrow() {
                if (x - x0).abs() > 3.0 {
                    let d = (x0 - x) / WIDTH * (en - s);
                    domain.set(Some((s + d, en + d)));
                }
            }
        })
    };
    let onpointerup = {
        let (pointers, drag_from) = (pointers.clone(), drag_from.clone());
        Callback::from(move |e: PointerEvent| {
            pointers.borrow_mut().remove(&e.pointer_id());
            *drag_from.borrow_mut() = None;
        })
    };

    // Visible items, with label widths in screen units, laid out in lanes.
    let visible: Vec<&Item> = dated
        .iter()
        .filter(|i| i.end > scale.start() && i.start < scale.end())
        .collect();
    // Labels sit right of their bar, or left of it when they would run off the right edge.
    let label_w = |i: &Item| (i.label.chars().count() as f64) * CHAR_W + 8.0;
    let boxes: Vec<(f64, f64)> = visible
        .iter()
        .map(|i| {
            let x0 = scale.x(i.start);
            let x1 = scale.x(i.end).max(x0 + 6.0);
            let w = label_w(i);
            if x0 + w > WIDTH {
                ((x1 - w).min(x0), x1)
            } else {
                (x0, x1.max(x0 + w))
            }
        })
        .collect();
    let lane_of = lanes(&boxes, 4.0);
    let lane_count = lane_of.iter().copied().max().map_or(1, |m| m + 1).min(MAX_LANES);
    let height = AXIS_Y + 10.0 + lane_count as f64 * LANE_H + 8.0;

    let tick_marks: Html = scale
        .0
        .iter()
        .flat_map(|p| {
            let n = (((p.x1 - p.x0) / 110.0).round() as usize).max(1);
            ticks(p.start, p.end, n).into_iter().map(move |t| (t, *p))
        })
        .map(|(t, _)| {
            let x = scale.x(t.at);
            html! {
                <g class="tick">
                    <line x1={fmt(x)} x2={fmt(x)} y1={fmt(AXIS_Y - 4.0)} y2={fmt(height)} />
                    <text x={fmt(x + 3.0)} y={fmt(AXIS_Y - 8.0)}>{t.label}</text>
                </g>
            }
        })
        .collect();
    let breaks: Html = scale
        .0
        .windows(2)
        .map(|w| {
            let x = (w[0].x1 + w[1].x0) / 2.0;
            html! { <text class="axis-break" x={fmt(x - 6.0)} y={fmt(AXIS_Y + 4.0)} aria-hidden="true">{"≈"}</text> }
        })
        .collect();
    // Items past the last lane are not drawn (a long article has more than fit), except the selected
    // one, drawn in the last lane so what the other views show is on the timeline too.
    let is_chosen = |item: &Item| item.other.is_none() && selected.as_deref() == Some(item.id.as_str());
    let hidden = lane_of.iter().filter(|&&lane| lane >= MAX_LANES).count();
    let bars: Html = visible
        .iter()
        .zip(&lane_of)
        .zip(&boxes)
        .filter(|((item, lane), _)| **lane < MAX_LANES || is_chosen(item))
        .map(|((item, lane), hit)| (item, (*lane).min(MAX_LANES - 1), hit))
        .map(|(item, lane, hit)| {
            let lane = &lane;
            let x0 = scale.x(item.start);
            let w = (scale.x(item.end) - x0).max(6.0);
            let y = AXIS_Y + 10.0 + *lane as f64 * LANE_H;
            let is_selected = item.other.is_none() && selected.as_deref() == Some(item.id.as_str());
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
            let flipped = x0 + label_w(item) > WIDTH;
            // Labels sit just above their bar, so text never crosses a bar of another colour.
            let (text_x, anchor) = if flipped { (x0 + w, "end") } else { (x0, "start") };
            html! {
                <g class={classes!("tl-item", format!("art-{}", item.article % 6), is_selected.then_some("selected"))} tabindex="0" role="button"
                    aria-label={item.aria.clone()} aria-pressed={is_selected.to_string()}
                    data-event={item.id.clone()}
                    onclick={select.reform(|_| ())} {onkeydown}>
                    <title>{&item.aria}</title>
                    // One target for label and bar alike, so a click anywhere on the item selects it.
                    <rect class="tl-hit" x={fmt(hit.0)} y={fmt(y)} width={fmt(hit.1 - hit.0)} height={fmt(LANE_H - 2.0)} />
                    <rect class="tl-bar" x={fmt(x0)} y={fmt(y + 12.0)} width={fmt(w)} height="5" rx="2" />
                    <text x={fmt(text_x)} y={fmt(y + 9.0)} text-anchor={anchor}>{label}</text>
                </g>
            }
        })
        .collect();

    // The overview strip: every dated event over the whole story, and the current window.
    let overview = {
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
    };

    let vague_rail: Html = if vague.is_empty() {
        Html::default()
    } else {
        let chip = |ev: &Event| {
            let is_selected = selected.as_deref() == Some(ev.id.as_str());
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
                <li><button class={classes!("vague-chip", is_selected.then_some("selected"))} {onclick}
                    aria-pressed={is_selected.to_string()}>
                    <span class="when">{when}</span>{" "}{event_summary(&analysis, ev)}
                </button></li>
            }
        };
        // A long article can have hundreds: the first few are shown, and the selected one; the event list has all.
        let shown: Vec<&Event> = vague
            .iter()
            .enumerate()
            .filter(|(n, ev)| *n < MAX_VAGUE || selected.as_deref() == Some(ev.id.as_str()))
            .map(|(_, ev)| *ev)
            .collect();
        let hidden = vague.len() - shown.len();
        html! {
            <div class="vague-rail">
                <h3>{"Not on the calendar"}</h3>
                <ul>
                    {for shown.iter().map(|ev| chip(ev))}
                    if hidden > 0 { <li class="more-note">{format!("and {hidden} more, listed under Events")}</li> }
                </ul>
            </div>
        }
    };

    html! {
        <section class="panel timeline" aria-labelledby="h-timeline">
            <h2 id="h-timeline">{"Timeline"}</h2>
            <p class="hint">{"Scroll or pinch to zoom, drag to pan; with the timeline focused: + − ← → and 0 to fit."}
                if hidden > 0 {
                    {format!(" {hidden} more events overlap at this zoom: zoom in, or see the event list.")}
                }
            </p>
            {overview}
            <div class="tl-scroll">
            <svg class="tl-main" viewBox={format!("0 0 {WIDTH} {}", fmt(height))} tabindex="0"
                role="group" aria-label={format!("Timeline, {} dated events; {} to {}", dated.len(),
                    format_day(scale.start()), format_day(scale.end()))}
                {onwheel} {onkeydown} {onpointerdown} {onpointermove}
                onpointerup={onpointerup.clone()} onpointercancel={onpointerup.clone()} onpointerleave={onpointerup}>
                <line class="axis" x1="0" x2={fmt(WIDTH)} y1={fmt(AXIS_Y)} y2={fmt(AXIS_Y)} />
                {tick_marks}{breaks}{bars}
            </svg>
            </div>
            {vague_rail}
        </section>
    }
}

/// Short decimal for SVG attributes.
fn fmt(v: f64) -> String {
    format!("{v:.1}")
}
