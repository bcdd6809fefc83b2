//! Article context, in rounds: each round votes with the best readings the last one chose (the first with local
//! evidence alone), then scores the local scores again with those votes and with nearness to the sure places. A
//! second round lets a name settled by its neighbours ("Columbus" beside Platte County, Nebraska) vote for its
//! state.

use super::mutual::Mutual;
use super::{confidence, distance_km, sort, Scored, KM_PER_DEGREE};
use crate::hash::{FastMap as HashMap, FastSet as HashSet};
use crate::model::Feature;
use crate::places::gazetteer::Gazetteer;
use crate::places::recognise::Mention;

/// Weight of the article's country distribution in a reading's score.
const COUNTRY_WEIGHT: f64 = 1.2;
/// Weight of the article's first-order division distribution.
const ADMIN_WEIGHT: f64 = 1.6;

/// A dateline names a national capital this large rather than a namesake in the story's state.
const CAPITAL_DATELINE_POPULATION: f64 = 250_000.0;
/// Gained by a national capital whose country the article names elsewhere.
const CAPITAL_COUNTRY_BONUS: f64 = 1.5;
/// Rounds of article-context scoring.
const CONTEXT_ROUNDS: usize = 2;

/// Most distinct sure places used for the nearness bonus.
const MAX_ANCHORS: usize = 128;

/// A sure place near which readings gain: entry, the mention that first named it, how many mentions did,
/// latitude and longitude.
type Anchor = (u32, usize, usize, f64, f64);

/// The article's votes for countries and first-order divisions, with each name's own votes (taken out again
/// when a mention of that name is scored).
pub(super) struct Votes<'g> {
    /// Votes per country.
    countries: HashMap<&'g str, f64>,
    /// Votes per first-order division.
    pub(super) admins: HashMap<u32, f64>,
    /// Votes of each name per country.
    name_countries: HashMap<(usize, &'g str), f64>,
    /// Votes of each name per first-order division.
    pub(super) name_admins: HashMap<(usize, u32), f64>,
    /// Names whose best reading is a division (a county or the state itself), with the state they vote for.
    pub(super) name_division: HashSet<(usize, u32)>,
    /// Countries named as countries, with the first name naming each and whether a second name does too.
    named_countries: HashMap<&'g str, (usize, bool)>,
    /// All country votes (at least 1).
    total_c: f64,
    /// All division votes (at least 1).
    pub(super) total_a: f64,
}

/// Runs the rounds of article context on `scored` (local evidence) and returns the votes of the last round.
pub(super) fn rounds<'g>(
    scored: &mut [Vec<Scored>],
    mentions: &[Mention],
    adjectives: &[(usize, u32)],
    name_of: &[usize],
    mutual: &Mutual,
    g: &'g Gazetteer,
) -> Votes<'g> {
    let local = scored.to_vec();
    // The maps are cleared and refilled each round (not built anew), as they always were.
    let mut votes = Votes {
        countries: HashMap::default(),
        admins: HashMap::default(),
        name_countries: HashMap::default(),
        name_admins: HashMap::default(),
        name_division: HashSet::default(),
        named_countries: HashMap::default(),
        total_c: 1.0,
        total_a: 1.0,
    };
    for _ in 0..CONTEXT_ROUNDS {
        votes.count(scored, adjectives, name_of, g);
        let anchors = anchors(scored, g);
        rescore(&local, &votes, &anchors, mentions, name_of, mutual, g, scored);
    }
    votes
}

impl<'g> Votes<'g> {
    /// Counts the votes of adjectives and of each mention's best reading (weighted by its confidence).
    fn count(&mut self, scored: &[Vec<Scored>], adjectives: &[(usize, u32)], name_of: &[usize], g: &'g Gazetteer) {
        let Votes {
            countries,
            admins,
            name_countries,
            name_admins,
            name_division,
            named_countries,
            total_c,
            total_a,
        } = self;
        // Article context: countries and divisions voted by adjectives and by each mention's best reading.
        countries.clear();
        admins.clear();
        for &(_, c) in adjectives {
            if let Some(e) = g.entry(c).and_then(|e| e.country) {
                *countries.entry(e).or_default() += 1.0;
            }
        }
        name_countries.clear();
        name_admins.clear();
        name_division.clear();
        named_countries.clear();
        for (m, v) in scored.iter().enumerate() {
            let Some(best) = v.first() else { continue };
            let weight = confidence(v);
            if let Some(e) = g.entry(best.entry) {
                if let (Some(c), Feature::Country) = (e.country, e.feature) {
                    let n = named_countries.entry(c).or_insert((name_of[m], false));
                    n.1 |= n.0 != name_of[m];
                }
                if let Some(c) = e.country {
                    *countries.entry(c).or_default() += weight;
                    *name_countries.entry((name_of[m], c)).or_default() += weight;
                }
                let admin = match e.feature {
                    Feature::Admin => Some((e.admin1.unwrap_or(best.entry), weight)),
                    Feature::City => e.admin1.map(|a| (a, weight * 0.5)),
                    _ => None,
                };
                if let Some((a, w)) = admin {
                    if e.feature == Feature::Admin {
                        name_division.insert((name_of[m], a));
                    }
                    *admins.entry(a).or_default() += w;
                    *name_admins.entry((name_of[m], a)).or_default() += w;
                }
            }
        }
        *total_c = countries.values().sum::<f64>().max(1.0);
        *total_a = admins.values().sum::<f64>().max(1.0);
    }
}

/// Anchors: sure, precise readings (cities and divisions of mentions with one clear winner).
/// Distinct anchor places (at most MAX_ANCHORS, so huge inputs stay linear), each with the mention that
/// first named it and how many did.
fn anchors(scored: &[Vec<Scored>], g: &Gazetteer) -> Vec<Anchor> {
    let mut anchors: Vec<Anchor> = Vec::new();
    for (m, v) in scored.iter().enumerate() {
        let Some(best) = v.first().filter(|_| confidence(v) > 0.8) else {
            continue;
        };
        if let Some(a) = anchors.iter_mut().find(|a| a.0 == best.entry) {
            a.2 += 1;
            continue;
        }
        if anchors.len() >= MAX_ANCHORS {
            continue;
        }
        if let Some(e) = g
            .entry(best.entry)
            .filter(|e| matches!(e.feature, Feature::City | Feature::Admin))
        {
            anchors.push((best.entry, m, 1, e.lat, e.lon));
        }
    }
    anchors
}

/// The local scores of every reading again, plus the article's votes for its country and division, mutual
/// nearness and nearness to the anchors; best first, written into `next` (one entry per mention).
#[allow(clippy::too_many_arguments)]
fn rescore(
    local: &[Vec<Scored>],
    votes: &Votes<'_>,
    anchors: &[Anchor],
    mentions: &[Mention],
    name_of: &[usize],
    mutual: &Mutual,
    g: &Gazetteer,
    next: &mut [Vec<Scored>],
) {
    let Votes {
        countries,
        admins,
        name_countries,
        name_admins,
        named_countries,
        total_c,
        total_a,
        ..
    } = votes;

    // Nearness to the anchors, once per distinct reading: the nearest anchor and the next one, for the
    // mention that is the only one naming the nearest (a name must not confirm itself).
    let mut nearest: HashMap<u32, Nearest> = HashMap::with_capacity_and_hasher(local.len(), Default::default());
    // Each mention's readings start again from their local scores, written over the last round's in place.
    for ((m, v), start) in next.iter_mut().enumerate().zip(local) {
        v.clear();
        v.extend_from_slice(start);
        // A dateline in capitals names a national capital when it can ("WASHINGTON (RNS) —"), whatever
        // the story's state holds; other dateline towns take the article's context like any mention.
        if v.len() < 2
            || mentions[m].dateline
                && v.iter()
                    .any(|s| g.is_capital(s.entry) && g.population_of(s.entry) >= CAPITAL_DATELINE_POPULATION)
        {
            continue;
        }
        for s in v.iter_mut() {
            // The fields asked one by one: this runs for every reading of every mention in every round, and a whole
            // entry decodes its name too.
            let Some((lat, lon)) = g.lat_lon(s.entry) else { continue };
            if let Some(c) = g.country_code(s.entry) {
                let mine = name_countries.get(&(name_of[m], c)).copied().unwrap_or(0.0);
                let votes = countries.get(c).copied().unwrap_or(0.0) - mine;
                s.score += COUNTRY_WEIGHT * votes.max(0.0) / total_c;
                // A national capital whose country the article names ("France" and "Paris") is that
                // capital, however local the rest of the story: a namesake town would not need it.
                if g.is_capital(s.entry)
                    && named_countries
                        .get(c)
                        .is_some_and(|&(first, two)| two || first != name_of[m])
                {
                    s.score += CAPITAL_COUNTRY_BONUS;
                }
            }
            let admin1 = g.admin_of(s.entry);
            let admin_key = if g.feature(s.entry) == Feature::Admin && admin1.is_none() {
                Some(s.entry)
            } else {
                admin1
            };
            if let Some(a) = admin_key {
                let mine = name_admins.get(&(name_of[m], a)).copied().unwrap_or(0.0);
                s.score += ADMIN_WEIGHT * (admins.get(&a).copied().unwrap_or(0.0) - mine).max(0.0) / total_a;
            }
            s.score += mutual.bonus(m, s.entry);
            let n = *nearest.entry(s.entry).or_insert_with(|| Nearest::of(anchors, lat, lon));
            let near = match n.first {
                Some((k, d)) if !(anchors[k].1 == m && anchors[k].2 == 1) => d,
                _ => n.second,
            };
            if near < 300.0 {
                s.score += 0.3;
            } else if near < 1000.0 {
                s.score += 0.1;
            }
        }
        sort(v);
    }
}

/// Beyond this distance (km) nearness earns nothing.
const NEAR_KM: f64 = 1000.0;

/// The nearest anchor to one point (its index and distance) and the distance to the next nearest.
#[derive(Debug, Clone, Copy)]
struct Nearest {
    first: Option<(usize, f64)>,
    second: f64,
}

impl Nearest {
    fn of(anchors: &[Anchor], lat: f64, lon: f64) -> Nearest {
        let mut n = Nearest {
            first: None,
            second: f64::MAX,
        };
        for (k, &(_, _, _, alat, alon)) in anchors.iter().enumerate() {
            // Anchors a latitude band away cannot be near: skip the trigonometry.
            if (alat - lat).abs() * KM_PER_DEGREE >= NEAR_KM {
                continue;
            }
            crate::places::work::add(1);
            let d = distance_km(alat, alon, lat, lon);
            match n.first {
                Some((_, best)) if d >= best => n.second = n.second.min(d),
                _ => {
                    n.second = n.first.map_or(n.second, |(_, best)| best);
                    n.first = Some((k, d));
                }
            }
        }
        n
    }
}
