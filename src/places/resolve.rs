//! Choosing a location for each mention: population and class first, then explicit containers
//! ("Paris, Texas", "the Syrian city of Homs", "Hasakeh province"), then the article's countries and
//! divisions, then nearness to the places that are already sure.

use super::cues::Cues;
use super::fasthash::FastMap as HashMap;
use super::gazetteer::{Gazetteer, FLAG_ABBREVIATION, FLAG_ALTERNATE, FLAG_RESTRICTED};
use super::recognise::{Mention, Token};
use crate::model::Feature;

/// Weight of the article's country distribution in a reading's score.
const COUNTRY_WEIGHT: f64 = 1.2;
/// Weight of the article's first-order division distribution.
const ADMIN_WEIGHT: f64 = 1.6;

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

    // Article context: countries and divisions voted by adjectives and by each mention's best reading.
    let mut countries: HashMap<&str, f64> = HashMap::default();
    let mut admins: HashMap<u32, f64> = HashMap::default();
    for &(_, c) in adjectives {
        if let Some(e) = g.entry(c).and_then(|e| e.country) {
            *countries.entry(e).or_default() += 1.0;
        }
    }
    // Each mention's own vote, taken out again when that mention is scored: a name must not confirm itself.
    let mut own: Vec<(Option<&str>, Option<u32>, f64)> = vec![(None, None, 0.0); scored.len()];
    for (m, v) in scored.iter().enumerate() {
        let Some(best) = v.first() else { continue };
        let weight = confidence(v);
        if let Some(e) = g.entry(best.entry) {
            if let Some(c) = e.country {
                *countries.entry(c).or_default() += weight;
                own[m].0 = Some(c);
            }
            let admin = match e.feature {
                Feature::Admin => Some((e.admin1.unwrap_or(best.entry), weight)),
                Feature::City => e.admin1.map(|a| (a, weight * 0.5)),
                _ => None,
            };
            if let Some((a, w)) = admin {
                *admins.entry(a).or_default() += w;
                own[m].1 = Some(a);
            }
            own[m].2 = weight;
        }
    }
    let total_c: f64 = countries.values().sum::<f64>().max(1.0);
    let total_a: f64 = admins.values().sum::<f64>().max(1.0);
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

    for (m, v) in scored.iter_mut().enumerate() {
        if v.len() < 2 || mentions[m].dateline {
            continue;
        }
        for s in v.iter_mut() {
            let Some(e) = g.entry(s.entry) else { continue };
            let (own_c, own_a, own_w) = own[m];
            if let Some(c) = e.country {
                let votes = countries.get(c).copied().unwrap_or(0.0) - if own_c == Some(c) { own_w } else { 0.0 };
                s.score += COUNTRY_WEIGHT * votes.max(0.0) / total_c;
            }
            let admin_key = if e.feature == Feature::Admin && e.admin1.is_none() {
                Some(s.entry)
            } else {
                e.admin1
            };
            if let Some(a) = admin_key {
                let mine = if own_a == Some(a) { own_w } else { 0.0 };
                s.score += ADMIN_WEIGHT * (admins.get(&a).copied().unwrap_or(0.0) - mine).max(0.0) / total_a;
            }
            let near = anchors
                .iter()
                .filter(|a| a.1 != m || a.2 > 1)
                .map(|&(_, _, _, lat, lon)| distance_km(lat, lon, e.lat, e.lon))
                .fold(f64::MAX, f64::min);
            if near < 300.0 {
                s.score += 0.3;
            } else if near < 1000.0 {
                s.score += 0.1;
            }
        }
        sort(v);
    }
    scored
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
    // "the Syrian city of Homs": a nationality adjective a few words before.
    for &(at, country) in adjectives {
        if at < i && at + 5 >= i && contains(g, country, entry) {
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
