//! The first pass: each reading's prior (population and class) and the evidence of the words around its
//! mention (containers, adjectives, division and town words), with no look at the rest of the article.

use super::{contains, sort, Scored};
use crate::model::Feature;
use crate::places::cues::{has_lower, Cues};
use crate::places::gazetteer::{Gazetteer, FLAG_ABBREVIATION, FLAG_ALTERNATE, FLAG_RESTRICTED};
use crate::places::recognise::{Mention, Token};

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

/// Scores every reading of every mention on local evidence alone (prior and the words around the mention);
/// returns them best first, one reading per entry.
pub(super) fn score(
    text: &str,
    toks: &[Token<'_>],
    mentions: &[Mention],
    adjectives: &[(usize, u32)],
    g: &Gazetteer,
    cues: &Cues,
) -> Vec<Vec<Scored>> {
    mentions
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
                    text[toks[j].span.end..n.span.start] == *" " && has_lower(&cues.container_admin, n.text)
                }),
                town_head: toks.get(j + 1).is_some_and(|n| {
                    text[toks[j].span.end..n.span.start] == *" "
                        && n.text.len() < 16
                        && has_lower(&cues.town_head, n.text)
                }),
                city_of: i >= 2
                    && cues.of.contains(toks[i - 1].text)
                    && has_lower(&cues.container_city, toks[i - 2].text),
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
        .collect()
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
        crate::places::work::add(1);
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
