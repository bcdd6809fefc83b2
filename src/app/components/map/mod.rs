//! The "Map" region: country outlines (Natural Earth via world-atlas, loaded after first paint)
//! and the article's places as markers sized by mentions, clustered when crowded, labelled without
//! overlap; metonyms and demonyms drawn apart from literal places. No tiles, no network beyond
//! this origin.

mod geo;
mod markers;
mod navigate;

use crate::app::hooks::settled::{use_settled_analysis, MAP_HOPS};
use crate::app::state::AppContext;
use crate::explorer::geo::{first_view_points, place_labels, zoom_focus, Label, Projection, View, H, W};
use crate::explorer::{AnalysisRef, Selection};
use crate::model::Analysis;
use geo::{event_places, f1, load_basemap, load_labels, sites, Basemap, Site};
use navigate::Handlers;
use std::collections::HashMap;
use std::rc::Rc;
use yew::prelude::*;

/// The map region.
#[component]
pub fn MapView() -> Html {
    let _timed = crate::app::Timed::start("render MapView");
    let state = use_context::<AppContext>().expect("app context");
    // Drawn one task after the article, so a long article's answer is not drawn in one long task.
    let settled = use_settled_analysis(state.analysis.clone(), MAP_HOPS);
    let coarse = use_basemap("data/basemap-110m.json");
    let detail = use_state(|| None::<Rc<Basemap>>);
    let detail_requested = use_mut_ref(|| false);
    let view = use_state(|| None::<View>);
    let drag = use_mut_ref(|| None::<(f64, f64, View)>);
    let touches = use_mut_ref(HashMap::<i32, (f64, f64)>::new);
    let region = use_node_ref();
    super::roving::use_roving(&region);
    // On a narrow screen the drawing's units are smaller than a pixel: markers and labels are drawn bigger.
    let drawing = use_node_ref();
    let unit = super::roving::use_units_per_px(&drawing, W);
    // Computed once per analysis, not at every render.
    // Computed once per analysis, not at every render: the sites, and the points the first view fits (where the
    // events happened, not every mention). One memo for both: the page carries one instance of the hook.
    let memo = use_memo(settled.clone().map(AnalysisRef), |a| {
        a.as_ref()
            .map(|a| (sites(&a.0), first_view_points(&a.0)))
            .unwrap_or_default()
    });
    let (all_sites, first) = (&memo.0, &memo.1);
    let projection = Projection::for_points(first);
    let current = view.unwrap_or(projection.fit(first));
    let scale = current.scale();
    {
        // Reset the view when a new article's places change the fit.
        let view = view.clone();
        use_effect_with(all_sites.len(), move |_| view.set(None));
    }
    use_follow_selection(&state, settled.as_deref(), all_sites, projection, view.clone());
    if scale > 6.0 && !*detail_requested.borrow() {
        *detail_requested.borrow_mut() = true;
        let detail = detail.clone();
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(map) = load_basemap("data/basemap-50m.json").await {
                detail.set(Some(Rc::new(map)));
            }
        });
    }
    let labels = use_labels(coarse.is_some(), scale);
    let to_screen = |lat: f64, lon: f64| projection.screen(lat, lon, &current);
    let highlighted = highlighted(state.selection.as_ref(), settled.as_deref());
    let clusters = markers::clusters(all_sites, to_screen, unit);
    let focus = zoom_focus(
        &clusters
            .iter()
            .filter(|c| c.2.iter().any(|s| s.ids.iter().any(|id| highlighted.contains(id))))
            .map(|c| (c.0, c.1))
            .collect::<Vec<_>>(),
    );
    let Handlers {
        onwheel,
        onkeydown,
        onpointerdown,
        onpointermove,
        onpointerup,
        zoom_in,
        zoom_out,
        fit,
    } = Handlers::new(&view, current, focus, &drag, &touches);
    let mut taken = Vec::new();
    let markers = markers::markers(&state, &clusters, &highlighted, &mut taken, unit);
    // Names at 12.5 px or more whatever the map's size on screen (the drawing is scaled to fit its box).
    let font = 12.5 * unit;
    let (country_labels, place_labels) = basemap_names(&labels, projection, current, font, &mut taken);
    let names = markers::basemap_labels(&country_labels, &place_labels, font);
    let basemap = if scale > 6.0 {
        (*detail).clone().or_else(|| (*coarse).clone())
    } else {
        (*coarse).clone()
    };
    let outline = markers::outline(basemap.as_deref(), projection, current);
    let mut credit = basemap
        .as_ref()
        .map(|m| m.source.clone())
        .unwrap_or_else(|| "loading outlines…".to_string());
    if !place_labels.is_empty() {
        // The town names come from GeoNames, whose licence asks for its name.
        credit.push_str("; town names: GeoNames (CC BY 4.0)");
    }
    let zoom_bar = crate::app::components::gestures::zoom_buttons(
        "Map zoom",
        "Fit the map to the events' places (0 or F)",
        [zoom_in, zoom_out, fit],
        crate::app::services::picture::View::Map,
    );
    html! {
        <section class="panel map" aria-labelledby="h-map" data-roving="plane" ref={region}>
            <h2 id="h-map">{"Map"}</h2>
            <p class="hint">{"Scroll or drag to explore; on a place: arrows move between places, + − zoom, Shift+arrows pan, 0 or F to fit. "}
                <span class="legend"><span class="lg lg-literal"></span>{"place "}<span class="lg lg-metonym"></span>{"government (metonym) "}
                <span class="lg lg-demonym"></span>{"nationality"}</span></p>
            // Its own Tab stop only while no place is in view (`data-rove-home`); the text is sized from its font-size.
            <svg class="map-svg" viewBox={format!("0 0 {W} {H}")} data-rove-home="" ref={drawing}
                font-size={f1(12.0 * unit)} role="group"
                aria-label={format!("Map of {} places", all_sites.len())}
                {onwheel} {onkeydown} {onpointerdown} {onpointermove}
                onpointerup={onpointerup.clone()} onpointerleave={onpointerup}>
                <rect class="sea" x="0" y="0" width={f1(W)} height={f1(H)} />
                {outline}
                {names}
                {markers}
            </svg>
            // After the drawing: Tab from the region's start reaches its places first; the bar is a stop of its own.
            {zoom_bar}
            <p class="credit">{credit}</p>
        </section>
    }
}

/// The basemap at `url`, fetched once after the first paint.
#[hook]
fn use_basemap(url: &'static str) -> UseStateHandle<Option<Rc<Basemap>>> {
    let map = use_state(|| None::<Rc<Basemap>>);
    {
        let map = map.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(loaded) = load_basemap(url).await {
                    map.set(Some(Rc::new(loaded)));
                }
            });
        });
    }
    map
}

/// Selecting an event or a place brings its places into view, apart enough to tell them apart.
#[hook]
fn use_follow_selection(
    state: &AppContext,
    analysis: Option<&Analysis>,
    all_sites: &[Site],
    projection: Projection,
    view: UseStateHandle<Option<View>>,
) {
    let chosen: Vec<Site> = match (&state.selection, analysis) {
        (Some(Selection::Event(id)), Some(a)) => {
            let ids = event_places(a, id);
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
            let points: Vec<(f64, f64)> = chosen.iter().map(|s| (s.lat, s.lon)).collect();
            let mut fit = projection.fit(&points);
            fit.w = fit.w.max(4.0);
            view.set(Some(fit));
        }
    });
}

/// Highlighted place ids: the selected place, or every place of the selected event.
fn highlighted(selection: Option<&Selection>, analysis: Option<&Analysis>) -> Vec<String> {
    match (selection, analysis) {
        // Every mention of the place, so that its marker lights up wherever the map clusters it.
        (Some(selection @ Selection::Place(_)), Some(a)) => crate::explorer::marks::linked(a, selection)
            .mentions
            .into_iter()
            .collect(),
        (Some(Selection::Place(id)), None) => vec![id.clone()],
        (Some(Selection::Event(id)), Some(a)) => event_places(a, id),
        _ => Vec::new(),
    }
}

/// The basemap's label layers, fetched after first paint: the countries' names once the outlines are in, the towns'
/// when the map is zoomed in far enough to show them.
struct Labels {
    countries: UseStateHandle<Option<Rc<Vec<Label>>>>,
    places: UseStateHandle<Option<Rc<Vec<Label>>>>,
}

/// Scale (screen units per degree) from which towns are named.
const PLACE_LABEL_SCALE: f64 = 12.0;

#[hook]
fn use_labels(outlines_loaded: bool, scale: f64) -> Labels {
    let countries = use_state(|| None::<Rc<Vec<Label>>>);
    let places = use_state(|| None::<Rc<Vec<Label>>>);
    let (countries_asked, places_asked) = (use_mut_ref(|| false), use_mut_ref(|| false));
    let mut wanted = Vec::new();
    if outlines_loaded && !countries_asked.replace(true) {
        wanted.push(("data/labels-countries.tsv", countries.clone()));
    }
    if scale > PLACE_LABEL_SCALE && !places_asked.replace(true) {
        wanted.push(("data/labels-places.tsv", places.clone()));
    }
    if !wanted.is_empty() {
        // One future for both layers, so the page carries one.
        wasm_bindgen_futures::spawn_local(async move {
            for (url, into) in wanted {
                if let Some(labels) = load_labels(url).await {
                    into.set(Some(Rc::new(labels)));
                }
            }
        });
    }
    Labels { countries, places }
}

/// Countries named at every zoom where their name fits in them; towns when zoomed in. Neither overlaps the
/// other, nor the markers' boxes already in `taken`.
fn basemap_names(
    labels: &Labels,
    projection: Projection,
    view: View,
    font: f64,
    taken: &mut Vec<(f64, f64, f64, f64)>,
) -> (Vec<crate::explorer::geo::Placed>, Vec<crate::explorer::geo::Placed>) {
    let scale = view.scale();
    let places = match (*labels.places).as_deref() {
        Some(places) if scale > PLACE_LABEL_SCALE => {
            place_labels(places, &projection, &view, font, 30, &|_, _| true, taken)
        }
        _ => Vec::new(),
    };
    let countries = match (*labels.countries).as_deref() {
        // A country is named when its name is no wider than about its own width on screen.
        Some(countries) => place_labels(
            countries,
            &projection,
            &view,
            font,
            60,
            &|l, width| width <= l.rank.sqrt() * scale * 1.2,
            taken,
        ),
        None => Vec::new(),
    };
    (countries, places)
}
