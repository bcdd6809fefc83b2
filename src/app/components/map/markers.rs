//! What the map draws: the article's places as markers sized by mentions, clustered when crowded and
//! labelled without overlap, over the country outlines.

use super::geo::{f1, Basemap, Site};
use crate::app::components::gestures::on_activate;
use crate::app::state::AppContext;
use crate::explorer::geo::{Placed, Projection, View, H, W};
use crate::explorer::{Action, Selection};
use crate::model::PlaceKind;
use yew::prelude::*;

/// Markers closer than this (screen units) merge into a cluster.
const CLUSTER_PX: f64 = 16.0;
const CHAR_W: f64 = 7.0;

/// Sites drawn as one marker at a screen position, the one with most mentions first.
type Cluster<'a> = (f64, f64, Vec<&'a Site>);

/// Clusters in screen space: biggest sites first, each absorbing close neighbours (closer than `CLUSTER_PX`
/// pixels, at `unit` screen units per pixel).
pub(super) fn clusters<'a>(
    sites: &'a [Site],
    to_screen: impl Fn(f64, f64) -> (f64, f64),
    unit: f64,
) -> Vec<Cluster<'a>> {
    let mut order: Vec<&Site> = sites.iter().collect();
    order.sort_by_key(|s| std::cmp::Reverse(s.ids.len()));
    let mut clusters: Vec<Cluster> = Vec::new();
    for site in order {
        let (x, y) = to_screen(site.lat, site.lon);
        match clusters
            .iter_mut()
            .find(|c| (c.0 - x).hypot(c.1 - y) < CLUSTER_PX * unit)
        {
            Some(c) => c.2.push(site),
            None => clusters.push((x, y, vec![site])),
        }
    }
    clusters
}

/// The markers of the clusters in view; `highlighted` are the place ids to show selected; sizes in pixels are
/// drawn `unit` screen units big. The boxes of their labels and circles join `taken`, so that the basemap's names,
/// placed after, avoid them.
pub(super) fn markers(
    state: &AppContext,
    clusters: &[Cluster],
    highlighted: &[String],
    taken: &mut Vec<(f64, f64, f64, f64)>,
    unit: f64,
) -> Html {
    clusters
        .iter()
        .filter(|(x, y, _)| (-40.0..W + 40.0).contains(x) && (-40.0..H + 40.0).contains(y))
        .map(|cluster| marker(state, cluster, highlighted, (&mut *taken, unit)))
        .collect()
}

/// A site as people read it: the article's spelling, and the gazetteer's name when it differs ("Tartus
/// (Ţarţūs)").
fn site_name(site: &Site) -> String {
    if site.written == site.name {
        site.name.clone()
    } else {
        format!("{} ({})", site.written, site.name)
    }
}

/// How a cluster is named to people: its sites, country, mentions and kind.
fn aria(label: &str, members: &[&Site], mentions: usize) -> String {
    let lead = members[0];
    format!(
        "{}{}{} — {} mention{}, {}",
        if members.len() > 1 {
            format!("{label}: ")
        } else {
            String::new()
        },
        members.iter().map(|s| site_name(s)).collect::<Vec<_>>().join(", "),
        lead.country.as_deref().map(|c| format!(" ({c})")).unwrap_or_default(),
        mentions,
        if mentions == 1 { "" } else { "s" },
        match lead.kind {
            PlaceKind::Literal => "place",
            PlaceKind::Metonym => "stands for its government",
            PlaceKind::Demonym => "nationality",
        }
    )
}

/// One marker, its label placed right of it, else left, else nowhere (when both would overlap `taken`).
fn marker(
    state: &AppContext,
    (x, y, members): &Cluster,
    highlighted: &[String],
    (taken, u): (&mut Vec<(f64, f64, f64, f64)>, f64),
) -> Html {
    let mentions: usize = members.iter().map(|s| s.ids.len()).sum();
    let lead = members[0];
    let r = (4.0 + (mentions as f64).sqrt() * 2.5) * u;
    let is_cluster = members.len() > 1;
    let kind_class = match lead.kind {
        PlaceKind::Literal => "mk-literal",
        PlaceKind::Metonym => "mk-metonym",
        PlaceKind::Demonym => "mk-demonym",
    };
    let is_selected = members.iter().any(|s| s.ids.iter().any(|id| highlighted.contains(id)));
    let label = if is_cluster {
        format!("{} +{}", lead.written, members.len() - 1)
    } else {
        lead.written.clone()
    };
    let aria = aria(&label, members, mentions);
    let lw = label.chars().count() as f64 * CHAR_W * u;
    let candidates = [(x + r + 3.0 * u, y + 4.0 * u), (x - r - 3.0 * u - lw, y + 4.0 * u)];
    let label_at = candidates.into_iter().find(|(lx, ly)| {
        let b = (*lx, ly - 11.0 * u, lx + lw, *ly + 2.0 * u);
        !taken.iter().any(|t| b.0 < t.2 && t.0 < b.2 && b.1 < t.3 && t.1 < b.3)
    });
    if let Some((lx, ly)) = label_at {
        taken.push((lx, ly - 11.0 * u, lx + lw, ly + 2.0 * u));
    }
    // The circle itself: a basemap name never covers a marker.
    taken.push((x - r, y - r, x + r, y + r));
    let first_id = lead.ids[0].clone();
    let select = {
        let state = state.clone();
        Callback::from(move |_: ()| state.dispatch(Action::Select(Some(Selection::Place(first_id.clone())))))
    };
    let onkeydown = on_activate(select.clone());
    html! {
        <g class={classes!("marker", kind_class, is_cluster.then_some("cluster"), is_selected.then_some("selected"))}
            data-rove={lead.ids[0].clone()} role="button" aria-label={aria.clone()} aria-pressed={is_selected.to_string()}
            data-place={lead.name.clone()} onclick={select.reform(|_| ())} {onkeydown}>
            <title>{aria}</title>
            <circle cx={f1(*x)} cy={f1(*y)} r={f1(r)} />
            if let Some((lx, ly)) = label_at {
                <text class="label" x={f1(lx)} y={f1(ly)}>{label}</text>
            }
        </g>
    }
}

/// The country outlines of `basemap`, drawn for the view `current`: once, and again (an SVG `<use>` of the first,
/// not a second copy of every path) when the view crosses the antimeridian ([`Projection::world_copies`]).
pub(super) fn outline(basemap: Option<&Basemap>, projection: Projection, current: View) -> Html {
    let Some(map) = basemap else {
        return Html::default();
    };
    let scale = current.scale();
    let transform = |dx: f64| {
        format!(
            "matrix({} 0 0 {} {} {})",
            projection.k * scale,
            scale,
            W / 2.0 - current.cx * scale + dx * projection.k * scale,
            H / 2.0 - current.cy * scale
        )
    };
    let copies = projection.world_copies(&current);
    let first = copies.first().copied().unwrap_or(0.0);
    html! {
        <>
            <g id="world-outlines" class="countries" transform={transform(first)} aria-hidden="true">
                {for map.countries.iter().map(|c| html! { <path d={c.d.clone()} vector-effect="non-scaling-stroke"><title>{&c.name}</title></path> })}
            </g>
            // The other copy, shifted by its offset from the first in screen units.
            {for copies.iter().skip(1).map(|dx| html! {
                <use href="#world-outlines" class="countries-copy" aria-hidden="true"
                    transform={format!("translate({} 0)", (dx - first) * projection.k * scale)} />
            })}
        </>
    }
}

/// The basemap's names placed for this view: countries, and towns when zoomed in; `font` is their size in SVG units.
pub(super) fn basemap_labels(countries: &[Placed], places: &[Placed], font: f64) -> Html {
    let text = |class: &'static str, l: &Placed| {
        html! { <text class={class} x={f1(l.x)} y={f1(l.y)} text-anchor="middle" font-size={f1(font)}>{&l.name}</text> }
    };
    html! {
        <g class="basemap-labels" aria-hidden="true">
            {for countries.iter().map(|l| text("country-label", l))}
            {for places.iter().map(|l| text("place-label", l))}
        </g>
    }
}
