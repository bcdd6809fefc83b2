//! Choosing a location for each mention: population and class first, then explicit containers
//! ("Paris, Texas", "the Syrian city of Homs", "Hasakeh province"), then the article's countries and
//! divisions, then nearness to the places that are already sure.
//!
//! [`resolve`] runs the passes in order, each in a module of its own: `local` (population, class and the words
//! around each mention), `context` (the article's countries and divisions and nearness to the sure places, in
//! rounds, with the `mutual` nearness of names), `fallback` (a town too small for the gazetteer goes to its home
//! state or its container) and `one_sense` (explicit evidence for one mention settles every mention of its name).

mod context;
mod fallback;
mod local;
mod mutual;
mod one_sense;

use super::cues::Cues;
use super::gazetteer::Gazetteer;
use super::recognise::{Mention, Token};
use crate::hash::FastMap as HashMap;
use crate::model::Feature;
use fallback::LocalCounty;
use mutual::Mutual;

/// One scored reading of a mention.
#[derive(Debug, Clone, Copy)]
pub struct Scored {
    /// Entry index.
    pub entry: u32,
    /// Score (higher is better; not bounded).
    pub score: f64,
}

/// Great-circle distance in km.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}

/// Does `outer` (a country or division entry) contain `inner`?
fn contains(g: &Gazetteer, outer: u32, inner: u32) -> bool {
    match g.feature(outer) {
        Feature::Country => {
            outer != inner
                && g.country_index(outer)
                    .is_some_and(|c| g.country_index(inner) == Some(c))
        }
        Feature::Admin => g.admin_of(inner) == Some(outer),
        _ => false,
    }
}

/// Kilometres per degree of latitude: a lower bound of the distance from the latitudes alone.
const KM_PER_DEGREE: f64 = 111.19;

/// Scores every reading of every mention; returns them best first.
pub fn resolve(
    text: &str,
    toks: &[Token<'_>],
    mentions: &[Mention],
    adjectives: &[(usize, u32)],
    g: &Gazetteer,
    cues: &Cues,
) -> Vec<Vec<Scored>> {
    let mut scored = local::score(text, toks, mentions, adjectives, g, cues);
    let name_of = names(text, mentions);
    let mutual = Mutual::new(&name_of, &scored, g);
    let votes = context::rounds(&mut scored, mentions, adjectives, &name_of, &mutual, g);
    let local_county = LocalCounty::of(&scored, g);
    fallback::home_state(&mut scored, &votes, &name_of, &mutual, &local_county, g);
    fallback::containers(text, mentions, &mut scored, &local_county, g);
    one_sense::one_sense(text, mentions, &mut scored, &name_of, g, cues);
    scored
}

/// The name of each mention, as a number: names are numbered 0, 1, ... in the order of their first mention.
///
/// The votes of each name (all its mentions together) are taken out again when a mention of it is scored:
/// a name must not confirm itself, however often the article repeats it.
/// A name is its spelling without case: the dateline's "HURRICANE" and the body's "Hurricane" are one
/// name, so the dateline's container settles the body's mentions and neither votes for the other.
fn names(text: &str, mentions: &[Mention]) -> Vec<usize> {
    let mut name_ids: HashMap<String, usize> = HashMap::with_capacity_and_hasher(mentions.len(), Default::default());
    mentions
        .iter()
        .map(|x| {
            let next = name_ids.len();
            *name_ids.entry(x.span.slice(text).to_lowercase()).or_insert(next)
        })
        .collect()
}

fn sort(v: &mut [Scored]) {
    v.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.entry.cmp(&b.entry)));
}

/// Temperature of the soft-max that turns scores into shares.
const TEMPERATURE: f64 = 0.25;

/// Each reading's share in a soft-max over the readings (best first, as `v` is sorted).
pub fn shares(v: &[Scored]) -> Vec<f64> {
    let Some(best) = v.first() else { return Vec::new() };
    let weights: Vec<f64> = v.iter().map(|s| ((s.score - best.score) / TEMPERATURE).exp()).collect();
    let sum: f64 = weights.iter().sum();
    weights.into_iter().map(|w| w / sum).collect()
}

/// Share of the best reading (1.0 when there is one, 0.0 when there is none); the first of [`shares`],
/// without building the list (it is asked for on the ranking's hot path).
pub fn confidence(v: &[Scored]) -> f64 {
    let Some(best) = v.first() else { return 0.0 };
    1.0 / v
        .iter()
        .map(|s| ((s.score - best.score) / TEMPERATURE).exp())
        .sum::<f64>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert!(distance_km(0.0, 0.0, 0.0, 0.0) < 1e-9);
        let d = distance_km(34.73, 36.72, 36.2, 37.16); // Homs to Aleppo, about 170 km
        assert!((150.0..190.0).contains(&d), "{d}");
    }

    #[test]
    fn confidence_is_a_share() {
        let one = [Scored { entry: 1, score: 2.0 }];
        assert!((confidence(&one) - 1.0).abs() < 1e-9);
        let two = [Scored { entry: 1, score: 2.0 }, Scored { entry: 2, score: 2.0 }];
        assert!((confidence(&two) - 0.5).abs() < 1e-9);
        assert_eq!(confidence(&[]), 0.0);
    }
}
