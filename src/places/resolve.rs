//! Choosing a location for each mention: population and class first, then explicit containers
//! ("Paris, Texas", "the Syrian city of Homs", "Hasakeh province"), then the article's countries and
//! divisions, then nearness to the places that are already sure.

use super::cues::Cues;
use super::gazetteer::{Gazetteer, FLAG_ABBREVIATION, FLAG_ALTERNATE, FLAG_RESTRICTED};
use super::recognise::{Mention, Token};
use crate::hash::FastMap as HashMap;
use crate::model::Feature;

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
/// Share of the article's division votes (the name's own taken out) that makes a division its home.
const HOME_SHARE: f64 = 0.5;
/// Fewest votes (the name's own taken out) for a home division.
const HOME_VOTES: f64 = 1.0;
/// Fewest distinct names (the mention's own left out) voting for a home division.
const HOME_NAMES: usize = 2;
/// Towns this large are not taken for a namesake too small for the gazetteer.
const HOME_MAX_POPULATION: f64 = 100_000.0;

/// Most distinct sure places used for the nearness bonus.
const MAX_ANCHORS: usize = 128;

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

/// Population and class alone.
fn prior(g: &Gazetteer, entry: u32, flags: u8) -> f64 {
    if entry as usize >= g.len() {
        return f64::MIN;
    }
    let pop = (g.population_of(entry).max(0.0) + 1.0).log10() / 7.0;
    let class = match g.feature(entry) {
        Feature::Country => 0.4,
        Feature::Continent => 0.5,
        Feature::Region | Feature::Other => 0.9,
        Feature::Admin => 0.0,
        Feature::City => {
            if g.is_capital(entry) {
                0.25
            } else {
                0.0
            }
        }
    };
    let alternate = if flags & FLAG_ALTERNATE != 0 { -0.1 } else { 0.0 };
    pop + class + alternate
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

/// Cue words around one mention, read once for all its readings.
#[derive(Debug, Clone, Copy)]
struct Cue {
    /// Followed by "province", "governorate"...
    admin_word: bool,
    /// Preceded by "city of", "town of"...
    city_of: bool,
    /// Followed by "police", "resident", "mayor"...: a town, not a country or state.
    town_head: bool,
}

/// Scores every reading of every mention; returns them best first.
pub fn resolve(
    text: &str,
    toks: &[Token<'_>],
    mentions: &[Mention],
    adjectives: &[(usize, u32)],
    g: &Gazetteer,
    cues: &Cues,
) -> Vec<Vec<Scored>> {
    // Local evidence, per mention and reading.
    let mut scored: Vec<Vec<Scored>> = mentions
        .iter()
        .enumerate()
        .map(|(m, mention)| {
            let mut v: Vec<Scored> = Vec::with_capacity(mention.postings.len());
            let surface = mention.span.slice(text);
            let short_form = surface.contains('.') || surface.chars().all(|c| !c.is_lowercase());
            let (i, j) = mention.tokens;
            let cue = Cue {
                // Only within the sentence: "Aleppo. State media said" is no "Aleppo state".
                admin_word: toks.get(j + 1).is_some_and(|n| {
                    text[toks[j].span.end..n.span.start] == *" "
                        && cues.container_admin.contains(n.text.to_lowercase().as_str())
                }),
                town_head: toks.get(j + 1).is_some_and(|n| {
                    text[toks[j].span.end..n.span.start] == *" "
                        && n.text.len() < 16
                        && cues.town_head.contains(n.text.to_lowercase().as_str())
                }),
                city_of: i >= 2
                    && toks[i - 1].text == "of"
                    && cues.container_city.contains(toks[i - 2].text.to_lowercase().as_str()),
            };
            for p in &mention.postings {
                let mut s = prior(g, p.entry, p.flags) + local(text, mentions, m, p.entry, adjectives, g, cue);
                // A division named after its chief town ("Homs" governorate and city) yields to the town.
                if g.feature(p.entry) == Feature::Admin
                    && mention
                        .postings
                        .iter()
                        .any(|q| g.feature(q.entry) == Feature::City && g.admin_of(q.entry) == Some(p.entry))
                {
                    s -= 0.15;
                }
                // A division named after a sea or region ("Red Sea" governorates) yields to it: news name
                // the sea, and the division's country votes would otherwise carry it.
                if g.feature(p.entry) == Feature::Admin
                    && mention
                        .postings
                        .iter()
                        .any(|q| matches!(g.feature(q.entry), Feature::Region | Feature::Other))
                {
                    s -= 1.0;
                }
                // "Kan." and "TX" mean the state, not a town that happens to have that alternate spelling.
                if short_form && p.flags & (FLAG_ABBREVIATION | FLAG_RESTRICTED) != 0 {
                    s += 1.0;
                }
                // One reading per entry, with its best score (an entry may be listed under two flags).
                match v.iter_mut().find(|x| x.entry == p.entry) {
                    Some(x) => x.score = x.score.max(s),
                    None => v.push(Scored {
                        entry: p.entry,
                        score: s,
                    }),
                }
            }
            sort(&mut v);
            v
        })
        .collect();

    // The votes of each name (all its mentions together), taken out again when a mention of it is scored:
    // a name must not confirm itself, however often the article repeats it.
    // A name is its spelling without case: the dateline's "HURRICANE" and the body's "Hurricane" are one
    // name, so the dateline's container settles the body's mentions and neither votes for the other.
    let mut name_ids: HashMap<String, usize> = HashMap::default();
    let name_of: Vec<usize> = mentions
        .iter()
        .map(|x| {
            let next = name_ids.len();
            *name_ids.entry(x.span.slice(text).to_lowercase()).or_insert(next)
        })
        .collect();
    let mutual = Mutual::new(&name_of, &scored, g);
    // Article context, in rounds: each round votes with the best readings the last one chose (the first
    // with local evidence alone), then scores the local scores again with those votes. A second round lets
    // a name settled by its neighbours ("Columbus" beside Platte County, Nebraska) vote for its state.
    let local = scored.clone();
    let mut countries: HashMap<&str, f64> = HashMap::default();
    let mut admins: HashMap<u32, f64> = HashMap::default();
    let mut name_countries: HashMap<(usize, &str), f64> = HashMap::default();
    let mut name_admins: HashMap<(usize, u32), f64> = HashMap::default();
    // Names whose best reading is a division (a county or the state itself), with the state they vote for.
    let mut name_division: crate::hash::FastSet<(usize, u32)> = Default::default();
    // Countries named as countries, with the first name naming each and whether a second name does too.
    let mut named_countries: HashMap<&str, (usize, bool)> = HashMap::default();
    let mut total_a = 1.0;
    for _ in 0..CONTEXT_ROUNDS {
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
        let total_c: f64 = countries.values().sum::<f64>().max(1.0);
        total_a = admins.values().sum::<f64>().max(1.0);
        // Anchors: sure, precise readings (cities and divisions of mentions with one clear winner).
        // Distinct anchor places (at most MAX_ANCHORS, so huge inputs stay linear), each with the mention that
        // first named it and how many did.
        let mut anchors: Vec<(u32, usize, usize, f64, f64)> = Vec::new();
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

        // Nearness to the anchors, once per distinct reading: the nearest anchor and the next one, for the
        // mention that is the only one naming the nearest (a name must not confirm itself).
        let mut nearest: HashMap<u32, Nearest> = HashMap::default();
        let mut next = local.clone();
        for (m, v) in next.iter_mut().enumerate() {
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
                let Some(e) = g.entry(s.entry) else { continue };
                if let Some(c) = e.country {
                    let mine = name_countries.get(&(name_of[m], c)).copied().unwrap_or(0.0);
                    let votes = countries.get(c).copied().unwrap_or(0.0) - mine;
                    s.score += COUNTRY_WEIGHT * votes.max(0.0) / total_c;
                    // A national capital whose country the article names ("France" and "Paris") is that
                    // capital, however local the rest of the story: a namesake town would not need it.
                    if e.capital
                        && named_countries
                            .get(c)
                            .is_some_and(|&(first, two)| two || first != name_of[m])
                    {
                        s.score += CAPITAL_COUNTRY_BONUS;
                    }
                }
                let admin_key = if e.feature == Feature::Admin && e.admin1.is_none() {
                    Some(s.entry)
                } else {
                    e.admin1
                };
                if let Some(a) = admin_key {
                    let mine = name_admins.get(&(name_of[m], a)).copied().unwrap_or(0.0);
                    s.score += ADMIN_WEIGHT * (admins.get(&a).copied().unwrap_or(0.0) - mine).max(0.0) / total_a;
                }
                s.score += mutual.bonus(m, s.entry);
                let n = *nearest
                    .entry(s.entry)
                    .or_insert_with(|| Nearest::of(&anchors, e.lat, e.lon));
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
        scored = next;
    }
    // The article's home state: in local news a town none of whose namesakes lies in the state the rest
    // of the article is about is a town of that state too small for the gazetteer ("Hurricane" beside
    // Putnam County, West Virginia, is not Hurricane, Utah). The state goes first, level with the best
    // namesake, as in the container fallback below, or before it the state's county the article names most.
    let local_county = LocalCounty::of(&scored, g);
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
    // "Edmonton, Ky." where the gazetteer knows no Edmonton in Kentucky: the town is too small to be in it,
    // and its container is the best point the text gives. The container goes first, level with the best
    // namesake (so the confidence says it is a guess), and the namesakes stay as alternatives; a county of
    // that state the article names goes before the state, as it is nearer.
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
    one_sense(text, mentions, &mut scored, &name_of, g, cues);
    scored
}

/// The county each state's local news is about: per state, the county that is the best reading of the
/// most mentions. A town too small for the gazetteer more likely lies there than at the state's middle
/// ("Winfield" beside Titus County, Texas, is some 400 km from Texas' point and 20 km from the county's).
struct LocalCounty {
    county: HashMap<u32, u32>,
}

impl LocalCounty {
    fn of(scored: &[Vec<Scored>], g: &Gazetteer) -> LocalCounty {
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

/// A reading this close (km) to the place named in "X, south of Y" is the one meant.
const RELATIVE_KM: f64 = 100.0;
/// Most words between "X," and "Y" in a relative location ("just a few miles south of").
const RELATIVE_MAX_WORDS: usize = 6;

/// Is `between` (the text between two mentions) a relative location: ", south of", ", just outside"?
fn relative(between: &str, cues: &Cues) -> bool {
    let Some(rest) = between.trim_start().strip_prefix(',') else {
        return false;
    };
    let mut any = false;
    for (n, w) in rest.split_whitespace().enumerate() {
        if n >= RELATIVE_MAX_WORDS || w.len() > 12 {
            return false;
        }
        let w = w.to_lowercase();
        if cues.relative.contains(w.as_str()) {
            any = true;
        } else if !(cues.relative_filler.contains(w.as_str()) || w.bytes().all(|b| b.is_ascii_digit())) {
            return false;
        }
    }
    any
}

/// Moves `entry` to the front of `v`, `lead` above the best score (inserted when `v` lacks it).
fn promote(v: &mut Vec<Scored>, entry: u32, lead: f64) {
    let level = v.first().map_or(0.0, |s| s.score);
    if v.first().is_some_and(|s| s.entry == entry) {
        return;
    }
    match v.iter().position(|s| s.entry == entry) {
        Some(k) => {
            v.remove(k);
            v.insert(
                0,
                Scored {
                    entry,
                    score: level + lead,
                },
            );
        }
        None => v.insert(
            0,
            Scored {
                entry,
                score: level + 1e-9,
            },
        ),
    }
}

/// Explicit evidence for one mention of a name settles its other mentions (one sense per discourse):
/// "Paris, Texas" makes a later bare "Paris" the Texan one too. Explicit evidence is a container after
/// a comma holding the chosen reading, a possessive container before it ("Utah's Zion"), or a relative
/// location ("Edmonton, south of Cairns"), which also picks the namesake near the place named, or that
/// place itself when no namesake is near (the town is too small for the gazetteer).
fn one_sense(
    text: &str,
    mentions: &[Mention],
    scored: &mut [Vec<Scored>],
    name_of: &[usize],
    g: &Gazetteer,
    cues: &Cues,
) {
    let mut settled: HashMap<usize, u32> = HashMap::default();
    let mut explicit = vec![false; mentions.len()];
    for m in 0..mentions.len() {
        let Some(best) = scored[m].first().map(|s| s.entry) else {
            continue;
        };
        let mut chosen = None;
        if let (Some(next), Some(outer)) = (mentions.get(m + 1), scored.get(m + 1).and_then(|v| v.first())) {
            let between = &text[mentions[m].span.end..next.span.start];
            if between.trim() == "," && (best == outer.entry || contains(g, outer.entry, best)) {
                chosen = Some(best);
            } else if relative(between, cues) {
                if let Some(anchor) = g.entry(outer.entry) {
                    let near = scored[m].iter().find(|s| {
                        g.entry(s.entry)
                            .is_some_and(|e| distance_km(e.lat, e.lon, anchor.lat, anchor.lon) < RELATIVE_KM)
                    });
                    let entry = near.map_or(outer.entry, |s| s.entry);
                    promote(&mut scored[m], entry, 1.0);
                    chosen = Some(entry);
                }
            }
        }
        if chosen.is_none() && m > 0 {
            let prev = &mentions[m - 1];
            if prev.possessive
                && prev.tokens.1 + 3 >= mentions[m].tokens.0
                && scored[m - 1].first().is_some_and(|o| contains(g, o.entry, best))
            {
                chosen = Some(best);
            }
        }
        if let Some(entry) = chosen {
            explicit[m] = true;
            settled.entry(name_of[m]).or_insert(entry);
        }
    }
    if settled.is_empty() {
        return;
    }
    for m in 0..mentions.len() {
        if explicit[m] {
            continue;
        }
        if let Some(&entry) = settled.get(&name_of[m]) {
            promote(&mut scored[m], entry, 1.0);
        }
    }
}

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
struct Mutual {
    /// Distinct-name index of each mention (None past [`MAX_NAMES`]).
    name_of: Vec<Option<usize>>,
    /// Support of (name, reading entry): how many other names have a reading near it.
    support: HashMap<(usize, u32), f64>,
}

impl Mutual {
    /// `names[m]` is the name of mention `m`: mentions of one name share it, and names are numbered 0, 1, ... in
    /// the order of their first mention (as `resolve` numbers them), so the first `MAX_NAMES` names keep theirs.
    fn new(names: &[usize], scored: &[Vec<Scored>], g: &Gazetteer) -> Mutual {
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
                if let Some(e) = g.entry(s.entry) {
                    cells
                        .entry((e.lat.floor() as i32, e.lon.floor() as i32))
                        .or_default()
                        .push((n, s.entry, e.lat, e.lon));
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
                            super::work::add(1);
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
    fn bonus(&self, m: usize, entry: u32) -> f64 {
        let Some(n) = self.name_of.get(m).copied().flatten() else {
            return 0.0;
        };
        self.support
            .get(&(n, entry))
            .map_or(0.0, |s| MUTUAL_WEIGHT * s.min(MUTUAL_MAX_NAMES))
    }
}

/// Beyond this distance (km) nearness earns nothing.
const NEAR_KM: f64 = 1000.0;
/// Kilometres per degree of latitude: a lower bound of the distance from the latitudes alone.
const KM_PER_DEGREE: f64 = 111.19;

/// The nearest anchor to one point (its index and distance) and the distance to the next nearest.
#[derive(Debug, Clone, Copy)]
struct Nearest {
    first: Option<(usize, f64)>,
    second: f64,
}

impl Nearest {
    fn of(anchors: &[(u32, usize, usize, f64, f64)], lat: f64, lon: f64) -> Nearest {
        let mut n = Nearest {
            first: None,
            second: f64::MAX,
        };
        for (k, &(_, _, _, alat, alon)) in anchors.iter().enumerate() {
            // Anchors a latitude band away cannot be near: skip the trigonometry.
            if (alat - lat).abs() * KM_PER_DEGREE >= NEAR_KM {
                continue;
            }
            super::work::add(1);
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

/// Evidence in the words around one mention for one reading.
fn local(
    text: &str,
    mentions: &[Mention],
    m: usize,
    entry: u32,
    adjectives: &[(usize, u32)],
    g: &Gazetteer,
    cue: Cue,
) -> f64 {
    let feature = g.feature(entry);
    let i = mentions[m].tokens.0;
    let mut score = 0.0;
    // "Paris, Texas" / "Homs, Syria": the next mention right after a comma contains this reading.
    if let Some(next) = mentions.get(m + 1) {
        let between = &text[mentions[m].span.end..next.span.start];
        if between.trim() == "," && next.postings.iter().any(|p| contains(g, p.entry, entry)) {
            score += 3.0;
        }
    }
    // The mention as a container of the previous one ("Hangzhou in eastern China's Zhejiang").
    if m > 0 {
        let prev = &mentions[m - 1];
        let between = &text[prev.span.end..mentions[m].span.start];
        if between.trim() == "," && prev.postings.iter().any(|p| contains(g, entry, p.entry)) {
            score += 1.0;
        }
    }
    // "China's Zhejiang", "Syria's Homs": a possessive place just before contains this one.
    if m > 0 {
        let prev = &mentions[m - 1];
        if prev.possessive && prev.tokens.1 + 3 >= i && prev.postings.iter().any(|p| contains(g, p.entry, entry)) {
            score += 2.0;
        }
    }
    // "the Syrian city of Homs": a nationality adjective a few words before (adjectives are in text
    // order, so only the few in that window are looked at).
    let from = adjectives.partition_point(|&(at, _)| at + 5 < i);
    for &(_, country) in adjectives[from..].iter().take_while(|&&(at, _)| at < i) {
        super::work::add(1);
        if contains(g, country, entry) {
            score += 1.5;
        }
    }
    // "Hasakeh province" prefers the division, "the city of Aleppo" the town.
    if cue.admin_word {
        score += if feature == Feature::Admin { 1.0 } else { -0.3 };
    }
    if cue.city_of {
        score += if feature == Feature::City { 0.5 } else { -0.3 };
    }
    // "Jordan resident", "Lebanon police": a country would be named by its adjective.
    if cue.town_head {
        score += match feature {
            // "Indiana residents" and "Georgia man" are states as often as towns.
            Feature::City | Feature::Admin => 0.0,
            _ => -1.0,
        };
    }
    score
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
