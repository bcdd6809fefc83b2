//! The map's geography: country outlines, the article's sites, and the projection to screen units.

use crate::app::services::fetch::fetch_bytes;
use crate::explorer::geo::{parse_labels, Label};
use crate::model::{Analysis, PlaceKind};
use serde::Deserialize;
use std::collections::HashMap;

/// One country outline: an SVG path in plate carrée degrees (x = longitude, y = −latitude).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(super) struct Country {
    pub name: String,
    pub d: String,
}

/// A basemap asset built by `scripts/build-basemap.mjs`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(super) struct Basemap {
    pub source: String,
    pub countries: Vec<Country>,
}

pub(super) async fn load_basemap(url: &str) -> Option<Basemap> {
    let bytes = fetch_bytes(url).await.ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// The labels at `url` (fetched after first paint, when the map needs them), read by
/// [`crate::explorer::geo::parse_labels`].
pub(super) async fn load_labels(url: &str) -> Option<Vec<Label>> {
    let bytes = fetch_bytes(url).await.ok()?;
    Some(parse_labels(std::str::from_utf8(&bytes).ok()?))
}

/// One location with every mention at it.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Site {
    /// The gazetteer's name.
    pub name: String,
    /// The article's spelling (its first mention): what the marker says, the gazetteer's name second.
    pub written: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub kind: PlaceKind,
    pub ids: Vec<String>,
}

pub(super) fn sites(analysis: &Analysis) -> Vec<Site> {
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
                    written: p.text.clone(),
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

/// The place ids of event `id`.
pub(super) fn event_places(analysis: &Analysis, id: &str) -> Vec<String> {
    analysis
        .events
        .iter()
        .filter(|e| e.id == id)
        .flat_map(|e| e.places.clone())
        .collect()
}

pub(super) fn f1(v: f64) -> String {
    format!("{v:.1}")
}
