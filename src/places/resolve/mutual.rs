//! Mutual nearness: local readings of different names that lie close together support each other.

use super::{contains, distance_km, Scored, KM_PER_DEGREE};
use crate::hash::FastMap as HashMap;
use crate::model::Feature;
use crate::places::gazetteer::Gazetteer;

/// Distinct names compared for mutual nearness (the first ones in the text), so long inputs stay linear.
const MAX_NAMES: usize = 64;
/// Readings of two different names this close (km) support each other ("Paris and Henry County").
const MUTUAL_KM: f64 = 50.0;
/// Score per other name with a reading that close, counted for at most [`MUTUAL_MAX_NAMES`] names.
const MUTUAL_WEIGHT: f64 = 1.2;
/// Most other names counted for one reading.
const MUTUAL_MAX_NAMES: f64 = 2.0;

/// A reading in a one-degree cell: name index, entry, latitude, longitude.
type CellPoint = (usize, u32, f64, f64);

/// Local readings (towns and counties) of different names that lie close together: in local news the
/// Paris that has a Henry County beside it is the one in Tennessee, though France's is larger.
pub(super) struct Mutual {
    /// Distinct-name index of each mention (None past [`MAX_NAMES`]).
    name_of: Vec<Option<usize>>,
    /// Support of (name, reading entry): how many other names have a reading near it.
    support: HashMap<(usize, u32), f64>,
}

impl Mutual {
    /// `names[m]` is the name of mention `m`: mentions of one name share it, and names are numbered 0, 1, ... in
    /// the order of their first mention (as `resolve` numbers them), so the first `MAX_NAMES` names keep theirs.
    pub(super) fn new(names: &[usize], scored: &[Vec<Scored>], g: &Gazetteer) -> Mutual {
        let name_of: Vec<Option<usize>> = names.iter().map(|&n| (n < MAX_NAMES).then_some(n)).collect();
        // The first mention of each name taking part.
        let mut first: Vec<usize> = Vec::new();
        for (m, &n) in names.iter().enumerate() {
            debug_assert!(
                n <= first.len() || first.len() == MAX_NAMES,
                "names numbered by first mention"
            );
            if n == first.len() && n < MAX_NAMES {
                first.push(m);
            }
        }
        // Every local reading of every name, in one-degree cells.
        let local = |entry: u32| match g.feature(entry) {
            Feature::City => true,
            Feature::Admin => g.admin_of(entry).is_some(),
            _ => false,
        };
        let mut cells: HashMap<(i32, i32), Vec<CellPoint>> = HashMap::default();
        for (n, &m) in first.iter().enumerate() {
            for s in &scored[m] {
                if !local(s.entry) {
                    continue;
                }
                if let Some((lat, lon)) = g.lat_lon(s.entry) {
                    cells
                        .entry((lat.floor() as i32, lon.floor() as i32))
                        .or_default()
                        .push((n, s.entry, lat, lon));
                }
            }
        }
        let mut support: HashMap<(usize, u32), f64> = HashMap::default();
        let mut seen: Vec<usize> = Vec::new();
        for points in cells.values() {
            for &(n, entry, lat, lon) in points {
                seen.clear();
                let (ci, cj) = (lat.floor() as i32, lon.floor() as i32);
                // A degree of longitude is shorter away from the equator: look further east and west.
                let span = (MUTUAL_KM / (KM_PER_DEGREE * lat.to_radians().cos().max(0.2))).ceil() as i32;
                let mut total = 0.0;
                for di in -1..=1 {
                    for dj in -span..=span {
                        let Some(near) = cells.get(&(ci + di, cj + dj)) else {
                            continue;
                        };
                        for &(n2, _, lat2, lon2) in near {
                            if n2 == n || seen.contains(&n2) {
                                continue;
                            }
                            crate::places::work::add(1);
                            if distance_km(lat, lon, lat2, lon2) < MUTUAL_KM {
                                seen.push(n2);
                                total += 1.0;
                            }
                        }
                    }
                }
                if total > 0.0 {
                    support.insert((n, entry), total);
                }
            }
        }
        // A state or country reading gets the support of its own towns and counties among the name's
        // readings ("New York" the state and the city): nearness is evidence for the local area, not for
        // the town over the state that holds it.
        for (n, &m) in first.iter().enumerate() {
            for s in scored[m].iter().filter(|s| !local(s.entry)) {
                let best = scored[m]
                    .iter()
                    .filter(|t| contains(g, s.entry, t.entry))
                    .filter_map(|t| support.get(&(n, t.entry)).copied())
                    .fold(0.0, f64::max);
                if best > 0.0 {
                    support.insert((n, s.entry), best);
                }
            }
        }
        Mutual { name_of, support }
    }

    /// Score bonus of reading `entry` of mention `m`.
    pub(super) fn bonus(&self, m: usize, entry: u32) -> f64 {
        let Some(n) = self.name_of.get(m).copied().flatten() else {
            return 0.0;
        };
        self.support
            .get(&(n, entry))
            .map_or(0.0, |s| MUTUAL_WEIGHT * s.min(MUTUAL_MAX_NAMES))
    }
}
