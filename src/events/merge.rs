//! Joins the sentence clusters into events: headline + lead + body, "the blasts", a toll after its attack.

use super::lexicon::Lexicon;
use super::{precision_of, Cluster};
use crate::hash::{FastMap as HashMap, FastSet};
use crate::model::Place;
use crate::model::{
    Casualty, CasualtyKind, DateSource, Event, EventDate, Evidence, Feature, Modality, Polarity, Precision, Span,
    TextRef,
};
use crate::Context;

/// Places by id.
type PlaceIndex<'a> = HashMap<&'a str, &'a Place>;

/// How many sentences back any mention may link: keeps merging linear on long inputs, and news text
/// rarely refers further back than this.
const MERGE_WINDOW: usize = 40;

/// How many of an event's latest mentions a new mention is compared with.
const LINK_SPAN: usize = 16;

/// How many sentences back a bare repeat of the same trigger type ("blasts" ... "blasts") may link.
const REPEAT_WINDOW: usize = 3;
/// How many sentences back a toll without a trigger ("At least 43 perished") may link to its attack.
const TOLL_WINDOW: usize = 2;

fn groups_fit(c: &Cluster, e: &Cluster) -> bool {
    c.ty.group == e.ty.group
        || (c.ty.group == "casualties" && c.casualties.iter().all(|x| Lexicon::takes(&e.ty, x.kind)))
        || (e.ty.group == "casualties" && e.casualties.iter().all(|x| Lexicon::takes(&c.ty, x.kind)))
}

/// Same kind and same figure, however hedged ("kill 12" in a headline, "at least 12" in the lead).
fn same_number(a: &Casualty, b: &Casualty) -> bool {
    a.kind == b.kind && a.best.or(a.low).or(a.high) == b.best.or(b.low).or(b.high)
}

/// The figure `same_number` compares, as a hash key; `Err` for a figure that is not a number (it equals nothing).
fn number_key(x: &Casualty) -> Result<Option<u64>, ()> {
    match x.best.or(x.low).or(x.high) {
        Some(f) if f.is_nan() => Err(()),
        // `+ 0.0` makes -0.0 the same key as 0.0, as `==` has it.
        Some(f) => Ok(Some((f + 0.0).to_bits())),
        None => Ok(None),
    }
}

/// Above this many items on one side, the pair tests of `link` go through hash sets instead of comparing every
/// pair, so a sentence with thousands of counts or places stays linear.
const PAIRWISE: usize = 8;

fn dates_fit(c: &Cluster, event: &[Cluster], a: &Context) -> bool {
    let value = |cl: &Cluster| cl.timex.and_then(|i| a.timexes.get(i)).map(|t| t.value.as_str());
    let Some(v) = value(c) else { return true };
    event
        .iter()
        .filter_map(value)
        .all(|w| w == v || w.ends_with("_REF") || v.ends_with("_REF"))
}

fn places_fit(c: &Cluster, event: &[Cluster], places: &PlaceIndex) -> bool {
    // Iterated, not collected: this runs for every open event at every cluster.
    let theirs = || event.iter().flat_map(|e| &e.places[..e.strong_places]);
    let ours = &c.places[..c.strong_places];
    if ours.is_empty() || theirs().next().is_none() {
        return true;
    }
    // Borrowed, not cloned: this runs for every pair of places of every candidate link.
    let country = |id: &String| places.get(id.as_str()).and_then(|p| p.country.as_deref());
    if ours.len() > PAIRWISE {
        let ids: FastSet<&str> = theirs().map(String::as_str).collect();
        let countries: FastSet<&str> = theirs().filter_map(country).collect();
        return ours
            .iter()
            .any(|p| ids.contains(p.as_str()) || country(p).is_some_and(|k| countries.contains(k)));
    }
    ours.iter()
        .any(|p| theirs().any(|q| q == p || (country(p).is_some() && country(p) == country(q))))
}

/// How strongly cluster `c` continues `event` (clusters already joined, in text order); `None` when it
/// cannot. Higher is better: a shared count, then the same trigger type, then the nearest event.
fn link(c: &Cluster, whole: &[Cluster], a: &Context, places: &PlaceIndex) -> Option<(bool, bool, usize)> {
    let last = whole.last()?;
    let main = &whole[0];
    // Only the latest mentions are compared, so a long text that keeps returning to one event stays linear.
    let event = &whole[whole.len().saturating_sub(LINK_SPAN)..];
    if !groups_fit(c, main) || !dates_fit(c, event, a) || !places_fit(c, event, places) {
        return None;
    }
    // A perfect or "after ..." clause without its own date is background, not the dated news event.
    let dated = event.iter().any(|e| e.timex.is_some());
    if c.past && c.timex.is_none() && !c.anaphoric && dated {
        return None;
    }
    let counts = || event.iter().flat_map(|e| e.casualties.iter());
    // The event's figures by kind, for a cluster with many counts (see `PAIRWISE`).
    let many = c.casualties.len() > PAIRWISE;
    let figures: HashMap<CasualtyKind, FastSet<Result<Option<u64>, ()>>> = if many {
        let mut m: HashMap<_, FastSet<_>> = HashMap::default();
        for y in counts() {
            m.entry(y.kind).or_default().insert(number_key(y));
        }
        m
    } else {
        HashMap::default()
    };
    let shared_count = if many {
        let key = |x: &Casualty| number_key(x).ok().map(Ok);
        c.casualties
            .iter()
            .any(|x| key(x).is_some_and(|k| figures.get(&x.kind).is_some_and(|s| s.contains(&k))))
    } else {
        c.casualties.iter().any(|x| counts().any(|y| same_number(x, y)))
    };
    let gap = c.seg.saturating_sub(last.seg);
    // Every count of its kind in the event has its figure.
    let fits_all = |x: &Casualty| match (many, figures.get(&x.kind)) {
        (false, _) => counts().all(|y| y.kind != x.kind || same_number(x, y)),
        (true, None) => true,
        (true, Some(s)) => s.len() == 1 && number_key(x).is_ok_and(|k| s.contains(&Ok(k))),
    };
    let toll_fits = c.ty.group == "casualties" && gap <= TOLL_WINDOW && c.casualties.iter().all(fits_all);
    let same_type = event.iter().any(|e| e.ty.name == c.ty.name);
    let repeat = same_type && gap <= REPEAT_WINDOW && c.modality == last.modality && c.polarity == last.polarity;
    // Two failures of one negotiation are one failure ("failed to reach a deal" ... "ended without agreement").
    let failed_again = c.polarity == Polarity::Negative && event.iter().any(|e| e.polarity == Polarity::Negative);
    (c.anaphoric || shared_count || toll_fits || repeat || failed_again).then_some((shared_count, same_type, last.seg))
}

/// Merges clusters into events and builds the frames.
///
/// Linear in the clusters: a body cluster is compared only with the events still open (last mention within
/// `MERGE_WINDOW` sentences), and each headline cluster with every event, but a headline has at most 25 words
/// (`segment::classify_opening`), so at most 25 clusters, whatever the length of the text.
pub fn merge(text: &str, clusters: Vec<Cluster>, a: &Context) -> Vec<Event> {
    let places_ix: PlaceIndex = a.places.iter().map(|p| (p.id.as_str(), p)).collect();
    let (head, body): (Vec<Cluster>, Vec<Cluster>) = clusters.into_iter().partition(|c| c.headline);
    let mut events: Vec<Vec<Cluster>> = Vec::new();
    // Events whose last mention is within MERGE_WINDOW sentences, kept as indices in `events`.
    let mut open: Vec<usize> = Vec::new();
    for c in body {
        open.retain(|&i| events[i].last().is_some_and(|l| l.seg + MERGE_WINDOW >= c.seg));
        let best = open
            .iter()
            .filter_map(|&i| link(&c, &events[i], a, &places_ix).map(|k| (k, i)))
            .max();
        match best.map(|(_, i)| i) {
            Some(i) => events[i].push(c),
            None => {
                open.push(events.len());
                events.push(vec![c]);
            }
        }
    }
    // Headline mentions announce the body's events: join the first that fits (same count preferred).
    let mut lone = Vec::new();
    for h in head {
        let fits = |e: &Vec<Cluster>| groups_fit(&h, &e[0]);
        let by_count = events.iter().position(|e| {
            fits(e)
                && h.casualties
                    .iter()
                    .any(|x| e.iter().flat_map(|c| &c.casualties).any(|y| same_number(x, y)))
        });
        match by_count.or_else(|| events.iter().position(fits)) {
            Some(i) => events[i].insert(0, h),
            None => lone.push(vec![h]),
        }
    }
    lone.extend(events);
    let mut out: Vec<Event> = lone.into_iter().map(|e| frame(text, e, a, &places_ix)).collect();
    out.sort_by_key(|e| e.mentions.first().map_or(usize::MAX, |m| m.span.start));
    for (i, e) in out.iter_mut().enumerate() {
        e.id = crate::model::numbered_id("ev", i + 1);
    }
    out
}

/// The figures of a count as a hash key: equal keys for counts `same_count` finds equal; `None` when a figure is
/// not a number (NaN equals nothing).
fn count_key(x: &Casualty) -> Option<(CasualtyKind, [Option<u64>; 3])> {
    let bits = |v: Option<f64>| match v {
        Some(f) if f.is_nan() => Err(()),
        // `+ 0.0` makes -0.0 the same key as 0.0, as `==` has it.
        Some(f) => Ok(Some((f + 0.0).to_bits())),
        None => Ok(None),
    };
    Some((x.kind, [bits(x.low).ok()?, bits(x.best).ok()?, bits(x.high).ok()?]))
}

/// One event frame from its clusters (headline first, then text order).
///
/// Linear in the mentions, places, names and counts of its clusters: each repeat is found in a hash set.
fn frame(text: &str, clusters: Vec<Cluster>, a: &Context, places_ix: &PlaceIndex) -> Event {
    // The main mention: the first of the body, preferring a violent one over a bare toll.
    let body: Vec<&Cluster> = clusters.iter().filter(|c| !c.headline).collect();
    let main = body
        .iter()
        .find(|c| c.ty.group != "casualties")
        .or(body.first())
        .copied()
        .unwrap_or(&clusters[0]);
    let date = event_date(main, &clusters, a);
    let mut mentions: Vec<Span> = clusters.iter().flat_map(|c| c.mentions.iter().copied()).collect();
    mentions.sort();
    mentions.dedup();
    let mut places: Vec<String> = Vec::new();
    let mut participants: Vec<(String, String)> = Vec::new();
    let mut casualties: Vec<Casualty> = Vec::new();
    let mut evidence: Vec<Evidence> = Vec::new();
    let body_placed = clusters.iter().any(|c| !c.headline && !c.places.is_empty());
    let (mut place_ids, mut place_names, mut canons) = (FastSet::default(), FastSet::default(), FastSet::default());
    for c in &clusters {
        // A headline's place is often a topic ("Syria deal"): used only when the body gives none.
        let own_places: &[String] = if c.headline && body_placed { &[] } else { &c.places };
        for p in own_places {
            // One id per location: the headline's "Karvo" and the lead's are one place.
            let name = places_ix.get(p.as_str()).map(|x| x.name.as_str());
            if !place_ids.contains(p.as_str()) && name.is_none_or(|n| !place_names.contains(n)) {
                place_ids.insert(p.as_str());
                place_names.extend(name);
                places.push(p.clone());
            }
        }
        for p in &c.participants {
            if canons.insert(p.1.as_str()) {
                participants.push(p.clone());
            }
        }
        evidence.extend(c.evidence.iter().cloned());
    }
    // Body counts first: the headline's rounder figure only fills a kind the body does not give.
    let (mut kinds, mut figures) = (FastSet::default(), FastSet::default());
    for c in clusters
        .iter()
        .filter(|c| !c.headline)
        .chain(clusters.iter().filter(|c| c.headline))
    {
        for x in &c.casualties {
            let known = if c.headline {
                kinds.contains(&x.kind)
            } else {
                count_key(x).is_some_and(|k| figures.contains(&k))
            };
            if !known {
                kinds.insert(x.kind);
                figures.extend(count_key(x));
                casualties.push(x.clone());
            }
        }
    }
    // The most specific places: a country goes when a place inside it is named ("Tartus, Homs" over "Syria").
    let place = |id: &String| places_ix.get(id.as_str()).copied();
    let finer: FastSet<&str> = places
        .iter()
        .filter_map(place)
        .filter(|p| p.feature != Feature::Country)
        .filter_map(|p| p.country.as_deref())
        .collect();
    let finer_in = |country: &Option<String>| country.as_deref().is_some_and(|c| finer.contains(c));
    let places: Vec<String> = places
        .iter()
        .filter(|id| place(id).is_none_or(|p| p.feature != Feature::Country || !finer_in(&p.country)))
        .cloned()
        .collect();
    let text_ref = |s: Span| TextRef {
        span: s,
        text: s.slice(text).to_string(),
    };
    Event {
        id: String::new(),
        trigger: text_ref(main.mentions[0]),
        mentions: mentions.into_iter().map(text_ref).collect(),
        kind: main.ty.name.to_string(),
        family: main.ty.family.to_string(),
        date,
        places,
        participants: participants.into_iter().map(|(id, _)| id).collect(),
        // The main mention's roles, else the first mention's that has them.
        agent: main
            .agent
            .clone()
            .or_else(|| clusters.iter().find_map(|c| c.agent.clone())),
        patient: main
            .patient
            .clone()
            .or_else(|| clusters.iter().find_map(|c| c.patient.clone())),
        casualties,
        polarity: main.polarity,
        modality: main.modality,
        evidence,
    }
}

/// Own timex; else a timex of another mention; else the tense cues; else the document date.
fn event_date(main: &Cluster, clusters: &[Cluster], a: &Context) -> EventDate {
    let dct = a.dct;
    let from_timex = |c: &Cluster, source: DateSource| {
        let t = c.timex.and_then(|i| a.timexes.get(i))?;
        // The event's tense picks between a timex's readings ("will hold a rally on Saturday": the next one).
        let value = match (c.modality, dct) {
            (Modality::Future, Some(d)) if t.value.as_str() < d => {
                t.alternatives.iter().find(|v| v.as_str() >= d).unwrap_or(&t.value)
            }
            (Modality::Asserted, Some(d)) if c.past && t.value.as_str() > d => {
                t.alternatives.iter().find(|v| v.as_str() <= d).unwrap_or(&t.value)
            }
            _ => &t.value,
        };
        Some(EventDate {
            value: value.clone(),
            precision: precision_of(value),
            source,
            timex: Some(t.id.clone()),
        })
    };
    if let Some(d) = from_timex(main, DateSource::Timex) {
        return d;
    }
    // Another mention's date only where its tense agrees: a perfect or future mention of the event is not dated
    // by the day of its simple-past report, nor the other way round.
    let agrees =
        |c: &&Cluster| c.past == main.past && (c.modality == Modality::Future) == (main.modality == Modality::Future);
    if let Some(d) = clusters
        .iter()
        .filter(agrees)
        .find_map(|c| from_timex(c, DateSource::Discourse))
    {
        return d;
    }
    let vague = |v: &str| EventDate {
        value: v.to_string(),
        precision: Precision::Vague,
        source: DateSource::Discourse,
        timex: None,
    };
    if main.modality == Modality::Future {
        return vague("FUTURE_REF");
    }
    // The present perfect ("has announced") is news of the day: the document date. A toll that "has left 290,000
    // dead" sums up a past stretch, and the pluperfect ("had taken") lies before an unknown reference time.
    if main.past && !(main.perfect && main.ty.group != "casualties") {
        return vague("PAST_REF");
    }
    match a.dct {
        Some(v) => EventDate {
            value: v.to_string(),
            precision: precision_of(v),
            source: DateSource::Dct,
            timex: None,
        },
        None => EventDate {
            value: "PRESENT_REF".into(),
            precision: Precision::Vague,
            source: DateSource::Dct,
            timex: None,
        },
    }
}
