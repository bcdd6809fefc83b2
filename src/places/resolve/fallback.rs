//! Fallbacks for a town too small for the gazetteer: it goes to the article's home state, or to the container
//! named after it ("Edmonton, Ky."), or to the county of that state the article names most.

use super::context::Votes;
use super::mutual::Mutual;
use super::{contains, Scored};
use crate::hash::FastMap as HashMap;
use crate::model::Feature;
use crate::places::gazetteer::Gazetteer;
use crate::places::recognise::Mention;

/// Share of the article's division votes (the name's own taken out) that makes a division its home.
const HOME_SHARE: f64 = 0.5;
/// Fewest votes (the name's own taken out) for a home division.
const HOME_VOTES: f64 = 1.0;
/// Fewest distinct names (the mention's own left out) voting for a home division.
const HOME_NAMES: usize = 2;
/// Towns this large are not taken for a namesake too small for the gazetteer.
const HOME_MAX_POPULATION: f64 = 100_000.0;

/// The article's home state: in local news a town none of whose namesakes lies in the state the rest
/// of the article is about is a town of that state too small for the gazetteer ("Hurricane" beside
/// Putnam County, West Virginia, is not Hurricane, Utah). The state goes first, level with the best
/// namesake, as in the container fallback below, or before it the state's county the article names most.
pub(super) fn home_state(
    scored: &mut [Vec<Scored>],
    article: &Votes<'_>,
    name_of: &[usize],
    mutual: &Mutual,
    local_county: &LocalCounty,
    g: &Gazetteer,
) {
    let Votes {
        admins,
        name_admins,
        name_division,
        total_a,
        ..
    } = article;
    let home = admins
        .iter()
        .filter(|&(&a, _)| g.feature(a) == Feature::Admin && g.admin_of(a).is_none())
        .max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(a.0)))
        .map(|(&a, &v)| (a, v));
    if let Some((home, votes)) = home {
        // Distinct names voting for the home: one name repeated (a misread "New London") is no home.
        // A county or the state itself named is evidence enough; towns must be two.
        let home_names = name_admins.iter().filter(|&(&(_, a), &w)| a == home && w > 0.0).count();
        let division_names: Vec<usize> = name_division
            .iter()
            .filter(|&&(_, a)| a == home)
            .map(|&(n, _)| n)
            .collect();
        for (m, v) in scored.iter_mut().enumerate() {
            let Some(best) = v.first().copied() else { continue };
            let mine = name_admins.get(&(name_of[m], home)).copied().unwrap_or(0.0);
            let share = (votes - mine) / total_a;
            let names = home_names - usize::from(mine > 0.0);
            let named = division_names.len() >= 2 || division_names.first().is_some_and(|&n| n != name_of[m]);
            if share < HOME_SHARE || votes - mine < HOME_VOTES || names < HOME_NAMES && !named {
                continue;
            }
            // A namesake in another country is no town of the home state.
            if g.country_index(best.entry) != g.country_index(home) {
                continue;
            }
            let towns_only = v.iter().all(|s| g.feature(s.entry) == Feature::City);
            let outside = v.iter().all(|s| g.admin_of(s.entry) != Some(home));
            let small = g.population_of(best.entry) < HOME_MAX_POPULATION;
            if towns_only && outside && small && mutual.bonus(m, best.entry) == 0.0 {
                local_county.fall_back(v, home);
            }
        }
    }
}

/// "Edmonton, Ky." where the gazetteer knows no Edmonton in Kentucky: the town is too small to be in it,
/// and its container is the best point the text gives. The container goes first, level with the best
/// namesake (so the confidence says it is a guess), and the namesakes stay as alternatives; a county of
/// that state the article names goes before the state, as it is nearer.
pub(super) fn containers(
    text: &str,
    mentions: &[Mention],
    scored: &mut [Vec<Scored>],
    local_county: &LocalCounty,
    g: &Gazetteer,
) {
    for m in 0..mentions.len().saturating_sub(1) {
        let next = &mentions[m + 1];
        if text[mentions[m].span.end..next.span.start].trim() != "," {
            continue;
        }
        let Some(outer) = scored[m + 1].first().map(|s| s.entry) else {
            continue;
        };
        let division = match g.feature(outer) {
            Feature::Admin => g.admin_of(outer).is_none(),
            Feature::Country => true,
            _ => false,
        };
        let inside = scored[m]
            .iter()
            .any(|s| s.entry == outer || contains(g, outer, s.entry));
        let towns_only = scored[m].iter().all(|s| g.feature(s.entry) == Feature::City);
        if !division || inside || !towns_only {
            continue;
        }
        local_county.fall_back(&mut scored[m], outer);
    }
}

/// The county each state's local news is about: per state, the county that is the best reading of the
/// most mentions. A town too small for the gazetteer more likely lies there than at the state's middle
/// ("Winfield" beside Titus County, Texas, is some 400 km from Texas' point and 20 km from the county's).
pub(super) struct LocalCounty {
    county: HashMap<u32, u32>,
}

impl LocalCounty {
    pub(super) fn of(scored: &[Vec<Scored>], g: &Gazetteer) -> LocalCounty {
        let mut counts: HashMap<u32, usize> = HashMap::default();
        for v in scored {
            let Some(best) = v.first() else { continue };
            if g.feature(best.entry) == Feature::Admin && g.admin_of(best.entry).is_some() {
                *counts.entry(best.entry).or_default() += 1;
            }
        }
        let mut county: HashMap<u32, (u32, usize)> = HashMap::default();
        for (&c, &n) in &counts {
            let Some(state) = g.admin_of(c) else { continue };
            let e = county.entry(state).or_insert((c, n));
            // Most mentions first; the lower entry on a tie, so the choice does not depend on map order.
            if n > e.1 || n == e.1 && c < e.0 {
                *e = (c, n);
            }
        }
        LocalCounty {
            county: county.into_iter().map(|(s, (c, _))| (s, c)).collect(),
        }
    }

    /// Puts `outer` (a state or country) first in `v`, level with the best namesake, or the state's local
    /// county when the article names one, with the state right after it; the namesakes stay as alternatives.
    fn fall_back(&self, v: &mut Vec<Scored>, outer: u32) {
        let level = v.first().map_or(0.0, |s| s.score);
        v.insert(
            0,
            Scored {
                entry: outer,
                score: level + 1e-9,
            },
        );
        if let Some(&county) = self.county.get(&outer) {
            v.insert(
                0,
                Scored {
                    entry: county,
                    score: level + 2e-9,
                },
            );
        }
    }
}
