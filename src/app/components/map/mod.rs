//! The "Map" region: country outlines (Natural Earth via world-atlas, loaded after first paint)
//! and the article's places as markers sized by mentions, clustered when crowded, labelled without
//! overlap; metonyms and demonyms drawn apart from literal places. No tiles, no network beyond
//! this origin.

mod geo;
mod markers;
mod navigate;

use crate::app::hooks::settled::{use_settled_analysis, MAP_HOPS};
use crate::app::state::AppContext;
use crate::explorer::{AnalysisRef, Selection};
use crate::model::Analysis;
use geo::{event_places, f1, load_basemap, sites, Basemap, Projection, Site, View, H, W};
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
    let all_sites = use_memo(settled.clone().map(AnalysisRef), |a| {
        a.as_ref().map(|a| sites(&a.0)).unwrap_or_default()
    });
    let projection = Projection::for_sites(&all_sites);
    let current = view.unwrap_or(projection.fit(&all_sites));
    let scale = W / current.w;
    {
        // Reset the view when a new article's places change the fit.
        let view = view.clone();
        use_effect_with(all_sites.len(), move |_| view.set(None));
    }
    use_follow_selection(&state, settled.as_deref(), &all_sites, projection, view.clone());
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
    let Handlers {
        onwheel,
        onkeydown,
        onpointerdown,
        onpointermove,
        onpointerup,
    } = Handlers::new(&view, current, &drag, &touches);
    let highlighted = highlighted(state.selection.as_ref(), settled.as_deref());
    let clusters = markers::clusters(&all_sites, to_screen, unit);
    let markers = markers::markers(&state, &clusters, &highlighted, unit);
    let basemap = if scale > 6.0 {
        (*detail).clone().or_else(|| (*coarse).clone())
    } else {
        (*coarse).clone()
    };
    let outline = markers::outline(basemap.as_deref(), projection, current, scale);
    let credit = basemap
        .as_ref()
        .map(|m| m.source.clone())
        .unwrap_or_else(|| "loading outlines…".to_string());
    html! {
        <section class="panel map" aria-labelledby="h-map" data-roving="plane" ref={region}>
            <h2 id="h-map">{"Map"}</h2>
            <p class="hint">{"Scroll or drag to explore; on a place: arrows move between places, + − zoom, Shift+arrows pan, 0 fits. "}
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
                {markers}
            </svg>
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
            let mut fit = projection.fit(&chosen);
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
