//! The "Map" region: country outlines (Natural Earth via world-atlas, loaded after first paint)
//! and the article's places as markers sized by mentions, clustered when crowded, labelled without
//! overlap; metonyms and demonyms drawn apart from literal places. No tiles, no network beyond
//! this origin.

use super::gestures::{on_activate, on_nav, svg_point, Nav};
use crate::app::services::fetch::fetch_bytes;
use crate::app::state::{use_settled_analysis, Action, AnalysisRef, AppContext, Selection, MAP_HOPS};
use crate::model::{Analysis, PlaceKind};
use serde::Deserialize;
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::{PointerEvent, WheelEvent};
use yew::prelude::*;

const W: f64 = 1000.0;
const H: f64 = 520.0;
/// Markers closer than this (screen units) merge into a cluster.
const CLUSTER_PX: f64 = 16.0;
const CHAR_W: f64 = 7.0;

/// One country outline: an SVG path in plate carrée degrees (x = longitude, y = −latitude).
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Country {
    name: String,
    d: String,
}

/// A basemap asset built by `scripts/build-basemap.mjs`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
struct Basemap {
    source: String,
    countries: Vec<Country>,
}

async fn load_basemap(url: &str) -> Option<Basemap> {
    let bytes = fetch_bytes(url).await.ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// One location with every mention at it.
#[derive(Debug, Clone, PartialEq)]
struct Site {
    name: String,
    country: Option<String>,
    lat: f64,
    lon: f64,
    kind: PlaceKind,
    ids: Vec<String>,
}

fn sites(analysis: &Analysis) -> Vec<Site> {
    let mut out: Vec<Site> = Vec::new();
    // Sites by name, kind and position; a long article names thousands of places, mostly the same few.
    let mut index: HashMap<(&str, PlaceKind, i64, i64), usize> = HashMap::new();
    for p in &analysis.places {
        let key = (
            p.name.as_str(),
            p.kind,
            (p.lat * 1e5).round() as i64,
            (p.lon * 1e5).round() as i64,
        );
        match index.get(&key) {
            Some(&n) => out[n].ids.push(p.id.clone()),
            None => {
                index.insert(key, out.len());
                out.push(Site {
                    name: p.name.clone(),
                    country: p.country.clone(),
                    lat: p.lat,
                    lon: p.lon,
                    kind: p.kind,
                    ids: vec![p.id.clone()],
                });
            }
        }
    }
    out
}

/// The visible window in projected units: centre and width; height follows the aspect ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
struct View {
    cx: f64,
    cy: f64,
    w: f64,
}

/// Equirectangular projection with its standard parallel at the article's mean latitude, so the
/// region the story is about keeps its shape.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Projection {
    k: f64,
}

impl Projection {
    fn for_sites(sites: &[Site]) -> Projection {
        let lat0 = if sites.is_empty() {
            20.0
        } else {
            sites.iter().map(|s| s.lat).sum::<f64>() / sites.len() as f64
        };
        Projection {
            k: lat0.clamp(-60.0, 60.0).to_radians().cos(),
        }
    }

    fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        (lon * self.k, -lat)
    }

    fn fit(&self, sites: &[Site]) -> View {
        if sites.is_empty() {
            return View {
                cx: 10.0 * self.k,
                cy: -20.0,
                w: 360.0 * self.k,
            };
        }
        let pts: Vec<(f64, f64)> = sites.iter().map(|s| self.project(s.lat, s.lon)).collect();
        let (x0, x1) = pts
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let (y0, y1) = pts
            .iter()
            .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.1), b.max(p.1)));
        let w = ((x1 - x0) * 1.3).max((y1 - y0) * 1.3 * W / H).max(12.0);
        View {
            cx: (x0 + x1) / 2.0,
            cy: (y0 + y1) / 2.0,
            w,
        }
    }
}

/// The map region.
#[component]
pub fn MapView() -> Html {
    let _timed = crate::app::Timed::start("render MapView");
    let state = use_context::<AppContext>().expect("app context");
    // Drawn one task after the article, so a long article's answer is not drawn in one long task.
    let settled = use_settled_analysis(state.analysis.clone(), MAP_HOPS);
    let coarse = use_state(|| None::<Rc<Basemap>>);
    let detail = use_state(|| None::<Rc<Basemap>>);
    let detail_requested = use_mut_ref(|| false);
    let view = use_state(|| None::<View>);
    let drag = use_mut_ref(|| None::<(f64, f64, View)>);
    // Touch points by pointer id, for pinch zoom.
    let touches = use_mut_ref(HashMap::<i32, (f64, f64)>::new);
    {
        let coarse = coarse.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(map) = load_basemap("data/basemap-110m.json").await {
                    coarse.set(Some(Rc::new(map)));
                }
            });
        });
    }
    // Computed once per analysis, not at every render.
    let all_sites = use_memo(settled.clone().map(AnalysisRef), |a| {
        a.as_ref().map(|a| sites(&a.0)).unwrap_or_default()
    });
    let projection = Projection::for_sites(&all_sites);
    let fitted = projection.fit(&all_sites);
    let current = view.unwrap_or(fitted);
    let scale = W / current.w;
    {
        // Reset the view when a new article's places change the fit.
        let view = view.clone();
        use_effect_with(all_sites.len(), move |_| view.set(None));
    }
    {
        // Selecting an event or a place brings its places into view, apart enough to tell them apart.
        let view = view.clone();
        let chosen: Vec<Site> = match (&state.selection, settled.as_deref()) {
            (Some(Selection::Event(id)), Some(a)) => {
                let ids: Vec<String> = a
                    .events
                    .iter()
                    .filter(|e| &e.id == id)
                    .flat_map(|e| e.places.clone())
                    .collect();
                all_sites
                    .iter()
                    .filter(|s| s.ids.iter().any(|i| ids.contains(i)))
                    .cloned()
                    .collect()
            }
            (Some(Selection::Place(id)), _) => all_sites.iter().filter(|s| s.ids.contains(id)).cloned().collect(),
            _ => Vec::new(),
        };
        use_effect_with(state.selection.clone(), move |_| {
            if !chosen.is_empty() {
                let mut fit = projection.fit(&chosen);
                fit.w = fit.w.max(4.0);
                view.set(Some(fit));
            }
        });
    }
    if scale > 6.0 && !*detail_requested.borrow() {
        *detail_requested.borrow_mut() = true;
        let detail = detail.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(map) = load_basemap("data/basemap-50m.json").await {
                detail.set(Some(Rc::new(map)));
            }
        });
    }
    let to_screen = |lat: f64, lon: f64| {
        let (x, y) = projection.project(lat, lon);
        ((x - current.cx) * scale + W / 2.0, (y - current.cy) * scale + H / 2.0)
    };

    let zoom = {
        let view = view.clone();
        move |factor: f64, sx: f64, sy: f64| {
            let at_x = current.cx + (sx - W / 2.0) / scale;
            let at_y = current.cy + (sy - H / 2.0) / scale;
            let w = (current.w * factor).clamp(0.5, 420.0);
            let f = w / current.w;
            view.set(Some(View {
                cx: at_x - (at_x - current.cx) * f,
                cy: at_y - (at_y - current.cy) * f,
                w,
            }));
        }
    };
    let onwheel = {
        let zoom = zoom.clone();
        Callback::from(move |e: WheelEvent| {
            e.prevent_default();
            let (sx, sy) = svg_point(&e, W, H);
            zoom(if e.delta_y() > 0.0 { 1.25 } else { 0.8 }, sx, sy);
        })
    };
    let onkeydown = {
        let (zoom, view) = (zoom.clone(), view.clone());
        on_nav(move |nav| {
            let step = current.w * 0.1;
            let moved = |dx: f64, dy: f64| {
                Some(View {
                    cx: current.cx + dx,
                    cy: current.cy + dy,
                    w: current.w,
                })
            };
            match nav {
                Nav::ZoomIn => zoom(0.8, W / 2.0, H / 2.0),
                Nav::ZoomOut => zoom(1.25, W / 2.0, H / 2.0),
                Nav::Left => view.set(moved(-step, 0.0)),
                Nav::Right => view.set(moved(step, 0.0)),
                Nav::Up => view.set(moved(0.0, -step)),
                Nav::Down => view.set(moved(0.0, step)),
                Nav::Fit => view.set(None),
            }
            true
        })
    };
    let onpointerdown = {
        let (drag, touches) = (drag.clone(), touches.clone());
        Callback::from(move |e: PointerEvent| {
            let (sx, sy) = svg_point(&e, W, H);
            touches.borrow_mut().insert(e.pointer_id(), (sx, sy));
            *drag.borrow_mut() = Some((sx, sy, current));
        })
    };
    let onpointermove = {
        let (drag, view, touches, zoom) = (drag.clone(), view.clone(), touches.clone(), zoom.clone());
        Callback::from(move |e: PointerEvent| {
            let point = svg_point(&e, W, H);
            let mut points = touches.borrow_mut();
            if points.len() == 2 && points.contains_key(&e.pointer_id()) {
                // Pinch: the change in distance between two fingers zooms around their midpoint.
                let before: Vec<(f64, f64)> = points.values().copied().collect();
                points.insert(e.pointer_id(), point);
                let after: Vec<(f64, f64)> = points.values().copied().collect();
                let span = |p: &[(f64, f64)]| (p[0].0 - p[1].0).hypot(p[0].1 - p[1].1);
                let (d0, d1) = (span(&before), span(&after));
                if d0 > 4.0 && d1 > 4.0 {
                    zoom(
                        d0 / d1,
                        (after[0].0 + after[1].0) / 2.0,
                        (after[0].1 + after[1].1) / 2.0,
                    );
                }
                *drag.borrow_mut() = None;
                return;
            }
            if let Some((x0, y0, start)) = *drag.borrow() {
                let (sx, sy) = svg_point(&e, W, H);
                if (sx - x0).abs() + (sy - y0).abs() > 3.0 {
                    let s = W / start.w;
                    view.set(Some(View {
                        cx: start.cx - (sx - x0) / s,
                        cy: start.cy - (sy - y0) / s,
                        w: start.w,
                    }));
                }
            }
        })
    };
    let onpointerup = {
        let (drag, touches) = (drag.clone(), touches.clone());
        Callback::from(move |e: PointerEvent| {
            touches.borrow_mut().remove(&e.pointer_id());
            *drag.borrow_mut() = None;
        })
    };

    // Highlighted place ids: the selected place, or every place of the selected event.
    let highlighted: Vec<String> = match (&state.selection, settled.as_deref()) {
        (Some(Selection::Place(id)), _) => vec![id.clone()],
        (Some(Selection::Event(id)), Some(a)) => a
            .events
            .iter()
            .filter(|e| &e.id == id)
            .flat_map(|e| e.places.clone())
            .collect(),
        _ => Vec::new(),
    };

    // Clusters in screen space: biggest sites first, each absorbing close neighbours.
    let mut order: Vec<&Site> = all_sites.iter().collect();
    order.sort_by_key(|s| std::cmp::Reverse(s.ids.len()));
    let mut clusters: Vec<(f64, f64, Vec<&Site>)> = Vec::new();
    for site in order {
        let (x, y) = to_screen(site.lat, site.lon);
        match clusters.iter_mut().find(|c| (c.0 - x).hypot(c.1 - y) < CLUSTER_PX) {
            Some(c) => c.2.push(site),
            None => clusters.push((x, y, vec![site])),
        }
    }
    let mut taken: Vec<(f64, f64, f64, f64)> = Vec::new();
    let markers: Html = clusters
        .iter()
        .filter(|(x, y, _)| (-40.0..W + 40.0).contains(x) && (-40.0..H + 40.0).contains(y))
        .map(|(x, y, members)| {
            let mentions: usize = members.iter().map(|s| s.ids.len()).sum();
            let lead = members[0];
            let r = 4.0 + (mentions as f64).sqrt() * 2.5;
            let is_cluster = members.len() > 1;
            let kind_class = match lead.kind {
                PlaceKind::Literal => "mk-literal",
                PlaceKind::Metonym => "mk-metonym",
                PlaceKind::Demonym => "mk-demonym",
            };
            let is_selected = members.iter().any(|s| s.ids.iter().any(|id| highlighted.contains(id)));
            let names: Vec<String> = members.iter().map(|s| s.name.clone()).collect();
            let label = if is_cluster { format!("{} +{}", lead.name, members.len() - 1) } else { lead.name.clone() };
            let aria = format!(
                "{}{}{} — {} mention{}, {}",
                if is_cluster { format!("{label}: ") } else { String::new() },
                names.join(", "),
                lead.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
                mentions,
                if mentions == 1 { "" } else { "s" },
                match lead.kind {
                    PlaceKind::Literal => "place",
                    PlaceKind::Metonym => "stands for its government",
                    PlaceKind::Demonym => "nationality",
                }
            );
            // Labels: right of the marker, else left, else none.
            let lw = label.chars().count() as f64 * CHAR_W;
            let candidates = [(x + r + 3.0, y + 4.0), (x - r - 3.0 - lw, y + 4.0)];
            let label_at = candidates.into_iter().find(|(lx, ly)| {
                let b = (*lx, ly - 11.0, lx + lw, *ly + 2.0);
                !taken.iter().any(|t| b.0 < t.2 && t.0 < b.2 && b.1 < t.3 && t.1 < b.3)
            });
            if let Some((lx, ly)) = label_at {
                taken.push((lx, ly - 11.0, lx + lw, ly + 2.0));
            }
            let first_id = lead.ids[0].clone();
            let select = {
                let state = state.clone();
                Callback::from(move |_: ()| state.dispatch(Action::Select(Some(Selection::Place(first_id.clone())))))
            };
            let onkeydown = on_activate(select.clone());
            html! {
                <g class={classes!("marker", kind_class, is_cluster.then_some("cluster"), is_selected.then_some("selected"))}
                    tabindex="0" role="button" aria-label={aria.clone()} aria-pressed={is_selected.to_string()}
                    data-place={lead.name.clone()} onclick={select.reform(|_| ())} {onkeydown}>
                    <title>{aria}</title>
                    <circle cx={f1(*x)} cy={f1(*y)} r={f1(r)} />
                    if let Some((lx, ly)) = label_at {
                        <text class="label" x={f1(lx)} y={f1(ly)}>{label}</text>
                    }
                </g>
            }
        })
        .collect();

    let basemap = if scale > 6.0 {
        (*detail).clone().or_else(|| (*coarse).clone())
    } else {
        (*coarse).clone()
    };
    let outline: Html = match &basemap {
        Some(map) => {
            let transform = format!(
                "matrix({} 0 0 {} {} {})",
                projection.k * scale,
                scale,
                W / 2.0 - current.cx * scale,
                H / 2.0 - current.cy * scale
            );
            html! {
                <g class="countries" transform={transform} aria-hidden="true">
                    {for map.countries.iter().map(|c| html! { <path d={c.d.clone()} vector-effect="non-scaling-stroke"><title>{&c.name}</title></path> })}
                </g>
            }
        }
        None => Html::default(),
    };
    let credit = basemap
        .as_ref()
        .map(|m| m.source.clone())
        .unwrap_or_else(|| "loading outlines…".to_string());
    html! {
        <section class="panel map" aria-labelledby="h-map">
            <h2 id="h-map">{"Map"}</h2>
            <p class="hint">{"Scroll or drag to explore; with the map focused: + − arrows and 0 to fit. "}
                <span class="legend"><span class="lg lg-literal"></span>{"place "}<span class="lg lg-metonym"></span>{"government (metonym) "}
                <span class="lg lg-demonym"></span>{"nationality"}</span></p>
            <svg class="map-svg" viewBox={format!("0 0 {W} {H}")} tabindex="0" role="group"
                aria-label={format!("Map of {} places", all_sites.len())}
                {onwheel} {onkeydown} {onpointerdown} {onpointermove}
                onpointerup={onpointerup.clone()} onpointerleave={onpointerup}>
                <rect class="sea" x="0" y="0" width={f1(W)} height={f1(H)} />
                {outline}
                {markers}
            </svg>
            <p class="credit">{credit}</p>
        </section>
    }
}

fn f1(v: f64) -> String {
    format!("{v:.1}")
}
