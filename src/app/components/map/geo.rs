//! The map's geography: country outlines, the article's sites, and the projection to screen units.

use crate::app::services::fetch::fetch_bytes;
use crate::model::{Analysis, PlaceKind};
use serde::Deserialize;
use std::collections::HashMap;

/// Width of the map in SVG units.
pub(super) const W: f64 = 1000.0;
/// Height of the map in SVG units.
pub(super) const H: f64 = 520.0;

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

/// The visible window in projected units: centre and width; height follows the aspect ratio.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct View {
    pub cx: f64,
    pub cy: f64,
    pub w: f64,
}

/// Equirectangular projection with its standard parallel at the article's mean latitude, so the
/// region the story is about keeps its shape.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Projection {
    pub k: f64,
}

impl Projection {
    pub fn for_sites(sites: &[Site]) -> Projection {
        let lat0 = if sites.is_empty() {
            20.0
        } else {
            sites.iter().map(|s| s.lat).sum::<f64>() / sites.len() as f64
        };
        Projection {
            k: lat0.clamp(-60.0, 60.0).to_radians().cos(),
        }
    }

    pub fn project(&self, lat: f64, lon: f64) -> (f64, f64) {
        (lon * self.k, -lat)
    }

    pub fn fit(&self, sites: &[Site]) -> View {
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

pub(super) fn f1(v: f64) -> String {
    format!("{v:.1}")
}
