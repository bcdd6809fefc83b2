//! One sense per discourse: explicit evidence for one mention of a name settles its other mentions.

use super::{contains, distance_km, Scored};
use crate::hash::FastMap as HashMap;
use crate::places::cues::Cues;
use crate::places::gazetteer::Gazetteer;
use crate::places::recognise::Mention;

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
pub(super) fn one_sense(
    text: &str,
    mentions: &[Mention],
    scored: &mut [Vec<Scored>],
    name_of: &[usize],
    g: &Gazetteer,
    cues: &Cues,
) {
    let mut settled: HashMap<usize, u32> = HashMap::with_capacity_and_hasher(mentions.len(), Default::default());
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
