//! Event frames: triggers, with their date, places, participants and casualties.
//!
//! Per sentence, triggers from `triggers.tsv` of one merge group form one *cluster* ("talks ... summit");
//! each cluster gets its cues (polarity, modality, tense, anaphor), a date from its clause, the literal
//! places and the participants nearest to it, and the casualty counts of its sentence. Clusters are then
//! merged across the text into events (`merge`). The taxonomy and rules are documented in `docs/events.md`.

mod casualties;
mod clause;
pub(crate) mod lexicon;
mod merge;
mod tokens;
mod venues;

use crate::doc::Doc;
use crate::hash::FastMap as HashMap;
use crate::lang::Language;
use crate::model::Event;
use crate::model::{Casualty, EntityKind, Evidence, Feature, Modality, PlaceKind, Polarity, Precision, Span};
use crate::segment::{Segment, SegmentKind};
use crate::Context;
use clause::{assign_roles, clause_timex, region_of, report_bounds};
use lexicon::{Cue, EventType, Lexicon};
use std::borrow::Cow;
use tokens::{index_at, tokenize, words_after, words_before, Token};

/// One sentence's mentions of one event: the unit that `merge` joins into events.
#[derive(Debug, Clone)]
struct Cluster {
    /// Index of the sentence in the segment list.
    seg: usize,
    /// True when the sentence is the headline.
    headline: bool,
    /// Type of the main (first) trigger.
    ty: EventType,
    /// Trigger spans, main first.
    mentions: Vec<Span>,
    /// The main trigger refers back ("the talks", "Monday's blasts").
    anaphoric: bool,
    polarity: Polarity,
    modality: Modality,
    /// A tense cue says the event lies before the reference time ("has left", "after").
    past: bool,
    /// The tense cue is the present perfect ("has announced"): just before the document date.
    perfect: bool,
    /// The stretch of the sentence on the trigger's side of every reporting boundary ("said on Thursday that |
    /// it had signed"): no date crosses it.
    region: Span,
    /// The entity doing it (id), by the linear rule of [`assign_roles`].
    agent: Option<String>,
    /// The entity it is done to (id).
    patient: Option<String>,
    /// The timex of its clause, when there is one.
    timex: Option<usize>,
    /// Place ids.
    places: Vec<String>,
    /// How many of `places` (from the front) are strong: found by the nearest-trigger rule in a body
    /// sentence and not for a mention that refers back. Only strong places decide whether mentions merge.
    strong_places: usize,
    /// The trigger is the object of stopping ("ease fighting"): it only absorbs its places and names.
    suppressed: bool,
    /// Participant entity ids with their canonical names.
    participants: Vec<(String, String)>,
    casualties: Vec<Casualty>,
    evidence: Vec<Evidence>,
}

fn evidence(field: &'static str, span: Span) -> Evidence {
    Evidence {
        field: Cow::Borrowed(field),
        span,
    }
}

/// Builds the event frames of the document from the mentions already found (the dates, entities and places of
/// `ctx`).
pub fn extract(doc: &Doc, language: &Language, ctx: &Context) -> Vec<Event> {
    let (text, segments) = (doc.text(), doc.segments());
    let lex = language.events();
    let mut clusters: Vec<Cluster> = Vec::new();
    let lead = segments.iter().position(|s| s.kind == SegmentKind::Sentence);
    // One pass of the trigger regex over the whole text; sentences without a trigger or a number are
    // skipped before any tokenising.
    // A form's type may depend on the words of its sentence ("fell" is a market move only beside "shares"):
    // the readings are kept here and resolved sentence by sentence.
    let triggers: Vec<(Span, &[lexicon::Reading])> = lex
        .trigger_re
        .find_all(text)
        .into_iter()
        .filter(|m| crate::doc::stands_alone(text, Span::new(m.start(), m.end())))
        .filter_map(|m| Some((Span::new(m.start(), m.end()), lex.readings(m.as_str())?)))
        .collect();
    for (si, seg) in segments.iter().enumerate() {
        if seg.kind == SegmentKind::Dateline {
            continue;
        }
        let from = triggers.partition_point(|(sp, _)| sp.start < seg.span.start);
        let to = triggers.partition_point(|(sp, _)| sp.start < seg.span.end);
        let here = &triggers[from..to];
        let first = ctx.entities.partition_point(|e| e.span.start < seg.span.start);
        let has_number = ctx.entities[first..]
            .iter()
            .take_while(|e| e.span.start < seg.span.end)
            .any(|e| e.kind == EntityKind::Number);
        if here.is_empty() && !has_number {
            continue;
        }
        // Tokenised once, for the sentence's own clusters and for the places it may inherit.
        let toks = tokenize(text, doc.tokens_in(seg.span));
        let here = resolve_triggers(here, &toks, seg.span.slice(text));
        let mut found = sentence_clusters(text, si, seg, &toks, &here, ctx, lex);
        if Some(si) == lead {
            let dateline_places = dateline_places(text, segments, si, ctx);
            for c in found.iter_mut().filter(|c| c.places.is_empty()) {
                c.places = dateline_places.clone();
            }
        }
        // Still no place: the places of the sentence before when its events share this one's day (one scene),
        // else its countries and regions (the story's setting); when the sentence points back ("south of
        // the city"), the latest earlier place of that class. All weak.
        if seg.kind == SegmentKind::Sentence && found.iter().any(|c| c.places.is_empty() && !c.anaphoric) {
            let (prev_si, all, setting) = inherited_places(segments, si, &toks, ctx, lex);
            let day = |c: &Cluster| {
                let t = c.timex.and_then(|i| ctx.timexes.get(i))?;
                t.value
                    .get(..10)
                    .filter(|d| d.as_bytes()[4] == b'-')
                    .map(str::to_string)
            };
            // Clusters are appended sentence by sentence, so the previous sentence's are at the end.
            let prev_days: Vec<String> = match prev_si {
                Some(p) => clusters
                    .iter()
                    .rev()
                    .take_while(|c| c.seg >= p)
                    .filter(|c| c.seg == p)
                    .filter_map(day)
                    .collect(),
                None => Vec::new(),
            };
            for c in found.iter_mut().filter(|c| c.places.is_empty() && !c.anaphoric) {
                let same_scene = day(c).is_some_and(|d| prev_days.contains(&d));
                c.places = if same_scene { all.clone() } else { setting.clone() };
            }
        }
        clusters.extend(found);
    }
    // A gathering's country, where the text also gives its city: the city ("summit in China" ... "summit in the
    // Chinese city of Hangzhou").
    let finer = venues::finer_places(doc.tokens(), ctx.places, lex);
    if !finer.is_empty() {
        for c in &mut clusters {
            for id in &mut c.places {
                if let Some(f) = finer.get(id.as_str()) {
                    id.clone_from(f);
                }
            }
            // A country and its city may now be the same place twice: kept once, and the strong places (the first
            // `strong_places`) counted again, as merging reads them by that count.
            let mut seen = crate::hash::FastSet::default();
            let (strong, mut read, mut strong_kept) = (c.strong_places, 0, 0);
            c.places.retain(|id| {
                let keep = seen.insert(id.clone());
                strong_kept += usize::from(keep && read < strong);
                read += 1;
                keep
            });
            c.strong_places = strong_kept;
        }
    }
    merge::merge(text, clusters, ctx)
}

/// The types of a sentence's trigger matches: the first reading of each form whose words stand in the sentence.
/// The sentence's words are gathered only when a form asks about them: O(t + w) for t triggers and w words.
fn resolve_triggers(
    here: &[(Span, &[lexicon::Reading])],
    toks: &[Token<'_>],
    sentence: &str,
) -> Vec<(Span, EventType)> {
    let words: crate::hash::FastSet<&str> = if here.iter().any(|(_, r)| Lexicon::conditional(r)) {
        toks.iter().map(|t| &*t.lower).collect()
    } else {
        Default::default()
    };
    // A word of letters is looked up among the words; a sign ("%") anywhere in the sentence.
    let has = |w: &str| {
        if w.starts_with(char::is_alphanumeric) {
            words.contains(w)
        } else {
            sentence.contains(w)
        }
    };
    here.iter()
        .filter_map(|&(span, readings)| Some((span, Lexicon::trigger_type(readings, &has)?)))
        .collect()
}

/// Places a sentence without its own may take from before it (see `extract`): the index of the sentence
/// before, and either the place the sentence points back to (twice), or that sentence's literal places and
/// its countries and regions.
fn inherited_places(
    segments: &[Segment],
    si: usize,
    toks: &[Token<'_>],
    a: &Context,
    lex: &Lexicon,
) -> (Option<usize>, Vec<String>, Vec<String>) {
    let seg = segments[si];
    let pointed = lex.cues(toks, false).find_map(|(_, cue)| match cue {
        Cue::Place(f) => Some(f),
        _ => None,
    });
    let literal_before = |p: &&crate::model::Place| p.kind == PlaceKind::Literal && p.span.end <= seg.span.start;
    let prev = segments[..si].iter().rposition(|s| s.kind == SegmentKind::Sentence);
    if let Some(f) = pointed {
        let earlier = &a.places[..a.places.partition_point(|p| p.span.start < seg.span.start)];
        // "the city" points back a little way, not across a whole book: a bounded look-back keeps long
        // inputs linear.
        const LOOK_BACK: usize = 64;
        let window = &earlier[earlier.len().saturating_sub(LOOK_BACK)..];
        if let Some(p) = window.iter().filter(literal_before).rfind(|p| p.feature == f) {
            return (prev, vec![p.id.clone()], vec![p.id.clone()]);
        }
    }
    let Some(prev_span) = prev.map(|i| segments[i].span) else {
        return (None, Vec::new(), Vec::new());
    };
    let all: Vec<&crate::model::Place> = in_span(a.places, prev_span, |p| p.span)
        .iter()
        .filter(literal_before)
        .filter(|p| prev_span.contains(&p.span))
        .collect();
    let setting = all
        .iter()
        .filter(|p| matches!(p.feature, Feature::Country | Feature::Region))
        .map(|p| p.id.clone())
        .collect();
    (prev, all.iter().map(|p| p.id.clone()).collect(), setting)
}

/// The clusters of one sentence, with everything that can be read inside the sentence.
fn sentence_clusters(
    text: &str,
    si: usize,
    seg: &Segment,
    toks: &[Token<'_>],
    triggers: &[(Span, EventType)],
    a: &Context,
    lex: &Lexicon,
) -> Vec<Cluster> {
    // Entities are in text order: only this sentence's slice is looked at.
    let first = a.entities.partition_point(|e| e.span.start < seg.span.start);
    let last = a.entities.partition_point(|e| e.span.start < seg.span.end);
    let ents = &a.entities[first..last.max(first)];
    let names: Vec<_> = ents
        .iter()
        .filter(|e| {
            seg.span.contains(&e.span) && matches!(e.kind, EntityKind::Person | EntityKind::Org | EntityKind::Group)
        })
        .collect();
    // The greatest end among the names up to each one (names are in order of start): a trigger overlaps a name
    // when a name starting before the trigger ends reaches past its start. O(log n) per trigger.
    let reach: Vec<usize> = names
        .iter()
        .scan(0, |max, e| {
            *max = e.span.end.max(*max);
            Some(*max)
        })
        .collect();
    let on_a_name = |span: Span| {
        let k = names.partition_point(|e| e.span.start < span.end);
        k > 0 && reach[k - 1] > span.start
    };
    let mut clusters: Vec<Cluster> = Vec::new();
    // The first cluster of each merge group that is not suppressed: the one its later triggers join.
    let mut by_group: HashMap<&str, usize> = HashMap::default();
    for &(span, ty) in triggers {
        if on_a_name(span) || !seg.span.contains(&span) {
            continue;
        }
        // "a pact to reduce fighting in Yemen": no fighting event, but it keeps "in Yemen" from the pact.
        let before = words_before(toks, index_at(toks, span.start), 4);
        if lex.find_cue(before, false, |c| *c == Cue::Suppress).is_some() {
            let mut sink = new_cluster(si, seg, ty, span);
            sink.suppressed = true;
            clusters.push(sink);
            continue;
        }
        if let Some(&c) = by_group.get(ty.group) {
            clusters[c].mentions.push(span);
            continue;
        }
        by_group.insert(ty.group, clusters.len());
        clusters.push(new_cluster(si, seg, ty, span));
    }
    let mut clusters = fold(clusters);
    // Casualty counts go to the nearest event that takes counts, or make a toll of their own.
    let numbers: Vec<_> = ents
        .iter()
        .filter(|e| e.kind == EntityKind::Number && seg.span.contains(&e.span))
        .collect();
    let mut near = Near::new(&clusters);
    for count in casualties::find(text, toks, &numbers, lex) {
        let at = count.casualty.span;
        // The trigger that is itself the count's word ("arrested 38") wins over a mere neighbour.
        let kind = count.casualty.kind;
        let takes = |i: usize| Lexicon::takes(&clusters[i].ty, kind);
        let own = near.overlapping(count.cue, takes);
        let target = own.or_else(|| near.nearest_live(at, takes));
        let idx = match target {
            Some(i) => i,
            None => {
                let span = Span::new(at.start.min(count.cue.start), at.end.max(count.cue.end));
                clusters.push(new_cluster(si, seg, lex.casualties_type, span));
                near.push(clusters.len() - 1, span);
                clusters.len() - 1
            }
        };
        let c = &mut clusters[idx];
        c.evidence.push(evidence("casualty", at));
        c.casualties.push(count.casualty);
    }
    // A suppressed cluster is dropped below: only its mentions count (they absorb places and names).
    let sentence_timexes = in_span(a.timexes, seg.span, |t| t.span);
    let bounds = report_bounds(toks, sentence_timexes, lex);
    for c in clusters.iter_mut().filter(|c| !c.suppressed) {
        c.region = region_of(&bounds, seg.span, c.mentions[0].start);
        read_cues(c, toks, seg.span, lex);
        c.timex = clause_timex(c, toks, seg.span, a, lex);
        if let Some(t) = c.timex.and_then(|i| a.timexes.get(i)) {
            c.evidence.push(evidence("date", t.span));
        }
    }
    attach_places(&mut clusters, &near, seg.span, a, toks, lex);
    attach_participants(&mut clusters, &near, toks, &names, lex);
    clusters.retain(|c| !c.suppressed);
    for c in clusters.iter_mut() {
        assign_roles(c, toks, seg.span, &names, lex);
    }
    clusters
}

fn new_cluster(seg: usize, s: &Segment, ty: EventType, span: Span) -> Cluster {
    Cluster {
        seg,
        headline: s.kind == SegmentKind::Headline,
        ty,
        mentions: vec![span],
        anaphoric: false,
        polarity: Polarity::Positive,
        modality: Modality::Asserted,
        past: false,
        perfect: false,
        region: s.span,
        agent: None,
        patient: None,
        timex: None,
        places: Vec::new(),
        strong_places: 0,
        suppressed: false,
        participants: Vec::new(),
        casualties: Vec::new(),
        evidence: vec![evidence("trigger", span)],
    }
}

/// Distance in bytes between two spans (0 when they overlap).
fn distance(a: Span, b: Span) -> usize {
    if a.overlaps(&b) {
        0
    } else if a.end <= b.start {
        b.start - a.end
    } else {
        a.start - b.end
    }
}

/// Counts steps of the nearest-cluster look-ups in the test build (see `places::work`).
fn work(n: u64) {
    crate::places::work::add(n);
}

/// The mention spans of the clusters of one sentence, indexed for the nearest-cluster questions (counts,
/// places and names looking for their event).
///
/// Trigger mentions never overlap (one pass of the trigger regex), so sorted by start they are sorted by end
/// too; a toll's cluster has a single mention. The clusters that are not suppressed (one per merge group, plus
/// at most one toll per casualty kind) each keep their own sorted list; the suppressed sinks, up to one per
/// trigger, share one list. Every question is then a binary search per live cluster plus one in the sinks'
/// list: O(g log m) for g live clusters and m mentions, where a scan of every mention made a sentence O(m²).
struct Near {
    /// Clusters that are not suppressed, in index order, with their mentions sorted by start.
    live: Vec<(usize, Vec<Span>)>,
    /// Every mention of a suppressed cluster, with its cluster, sorted by start.
    sinks: Vec<(Span, usize)>,
}

impl Near {
    fn new(clusters: &[Cluster]) -> Near {
        let mut live = Vec::new();
        let mut sinks = Vec::new();
        for (i, c) in clusters.iter().enumerate() {
            if c.suppressed {
                sinks.extend(c.mentions.iter().map(|&m| (m, i)));
            } else {
                let mut ms = c.mentions.clone();
                ms.sort_unstable();
                live.push((i, ms));
            }
        }
        sinks.sort_unstable();
        Near { live, sinks }
    }

    /// Adds a live cluster of one mention (a toll); `i` is above every index already known.
    fn push(&mut self, i: usize, mention: Span) {
        self.live.push((i, vec![mention]));
    }

    /// The least distance from `at` to one of `spans` (sorted by start and by end): the last span starting
    /// before `at` ends has the greatest end of those, the next one the least start of the rest. O(log m).
    fn closest<T>(spans: &[T], span: impl Fn(&T) -> Span, at: Span) -> Option<usize> {
        work(1);
        let p = spans.partition_point(|s| span(s).start < at.end);
        let left = p.checked_sub(1).map(|k| distance(span(&spans[k]), at));
        let right = spans.get(p).map(|s| distance(span(s), at));
        match (left, right) {
            (Some(l), Some(r)) => Some(l.min(r)),
            (l, r) => l.or(r),
        }
    }

    /// The cluster nearest to `at` among the live ones that pass `ok` (ties: the lower index). O(g log m).
    fn nearest_live(&self, at: Span, ok: impl Fn(usize) -> bool) -> Option<usize> {
        self.live
            .iter()
            .filter(|(i, _)| ok(*i))
            .filter_map(|(i, ms)| Some((Self::closest(ms, |s| *s, at)?, *i)))
            .min()
            .map(|(_, i)| i)
    }

    /// The cluster nearest to `at`, suppressed or not (ties: the lower index). O(g log m), plus the sink
    /// mentions that overlap `at`.
    fn nearest(&self, at: Span) -> Option<usize> {
        let live = self
            .live
            .iter()
            .filter_map(|(i, ms)| Some((Self::closest(ms, |s| *s, at)?, *i)))
            .min();
        let sink = Self::closest(&self.sinks, |s| s.0, at).map(|d| {
            // The sink mentions at that distance: going left from the partition point distances only grow
            // (ends are sorted), and the first span on the right is the only one there at its distance.
            let p = self.sinks.partition_point(|s| s.0.start < at.end);
            let before = self.sinks[..p].iter().rev().take_while(|s| distance(s.0, at) == d);
            let i = before
                .chain(self.sinks.get(p).filter(|s| distance(s.0, at) == d))
                .inspect(|_| work(1))
                .map(|s| s.1)
                .min();
            (d, i.unwrap_or(usize::MAX))
        });
        match (live, sink) {
            (Some(l), Some(s)) => Some(l.min(s)),
            (l, s) => l.or(s),
        }
        .map(|(_, i)| i)
    }

    /// The first live cluster that passes `ok` with a mention overlapping `cue`. O(g log m).
    fn overlapping(&self, cue: Span, ok: impl Fn(usize) -> bool) -> Option<usize> {
        self.live
            .iter()
            .filter(|(i, _)| ok(*i))
            .find(|(_, ms)| {
                work(1);
                let p = ms.partition_point(|m| m.start < cue.end);
                p > 0 && ms[p - 1].end > cue.start
            })
            .map(|(i, _)| *i)
    }

    /// The cluster whose mention ends last at or before `at` starts (ties: the higher index), else the one whose
    /// mention starts first at or after `at` ends (ties: the lower index). O(g log m).
    fn owner(&self, at: Span) -> Option<usize> {
        let last_before = |ms: &[Span]| {
            work(1);
            let q = ms.partition_point(|m| m.end <= at.start);
            q.checked_sub(1).map(|k| ms[k].end)
        };
        let first_after = |ms: &[Span]| {
            work(1);
            ms.get(ms.partition_point(|m| m.start < at.end)).map(|m| m.start)
        };
        let before = self
            .live
            .iter()
            .filter_map(|(i, ms)| Some((last_before(ms)?, *i)))
            .chain({
                work(1);
                let q = self.sinks.partition_point(|s| s.0.end <= at.start);
                q.checked_sub(1).map(|k| (self.sinks[k].0.end, self.sinks[k].1))
            })
            .max();
        before.map(|(_, i)| i).or_else(|| {
            self.live
                .iter()
                .filter_map(|(i, ms)| Some((first_after(ms)?, *i)))
                .chain({
                    work(1);
                    let r = self.sinks.partition_point(|s| s.0.start < at.end);
                    self.sinks.get(r).map(|s| (s.0.start, s.1))
                })
                .min()
                .map(|(_, i)| i)
        })
    }
}

/// "floods killed 17 and displaced 3,000": the displacement is part of the floods. In text order, a cluster
/// whose type folds into a family gives its mentions and evidence to the first remaining cluster of that
/// family. The first remaining cluster of each family is kept in a queue, so this is linear in the clusters.
fn fold(clusters: Vec<Cluster>) -> Vec<Cluster> {
    if clusters.iter().all(|c| c.ty.folds_into.is_empty()) {
        return clusters;
    }
    let mut by_family: HashMap<&str, std::collections::VecDeque<usize>> = HashMap::default();
    for (i, c) in clusters.iter().enumerate() {
        by_family.entry(c.ty.family).or_default().push_back(i);
    }
    let mut slots: Vec<Option<Cluster>> = clusters.into_iter().map(Some).collect();
    for k in 0..slots.len() {
        let folds = slots[k].as_ref().map_or("", |c| c.ty.folds_into);
        if folds.is_empty() {
            continue;
        }
        let mut host: Option<usize> = None;
        for f in folds.split(',') {
            let Some(queue) = by_family.get_mut(f) else { continue };
            while queue.front().is_some_and(|&i| slots[i].is_none()) {
                queue.pop_front();
            }
            if let Some(&i) = queue.front() {
                host = Some(host.map_or(i, |h| h.min(i)));
            }
        }
        match host {
            Some(h) if h != k => {
                let folded = slots[k].take().expect("a cluster not yet folded");
                let host = slots[h].as_mut().expect("a remaining cluster");
                host.mentions.extend(folded.mentions);
                host.evidence.extend(folded.evidence);
            }
            _ => {}
        }
    }
    slots.into_iter().flatten().collect()
}

/// Polarity, modality, tense and anaphor cues around the triggers.
fn read_cues(c: &mut Cluster, toks: &[Token], sentence: Span, lex: &Lexicon) {
    let main = c.mentions[0];
    let i = index_at(toks, main.start);
    let j = index_at(toks, main.end);
    // A trigger opening its sentence ("A deal ... had looked likely") takes cues from the whole sentence.
    let opening = toks[..i].iter().filter(|t| !t.mark).count() < 3;
    let after = if opening { &toks[j..] } else { words_after(toks, j, 5) };
    // Cues do not cross a reporting boundary: "announced that they would ..." is no future announcement.
    let after = &after[..after.partition_point(|t| t.span.end <= c.region.end)];
    // "the talks", "Monday's blasts", and "the G20 summit" (a name between the article and the trigger).
    let is_anaphor = |t: &Token| lex.is_word_cue(&t.lower, |c| *c == Cue::Anaphor);
    let two = words_before(toks, i, 2);
    let name_between = two.len() == 2 && is_anaphor(&two[0]) && text_is_capitalised(&two[1], toks);
    if let Some(prev) = two.last() {
        if is_anaphor(prev) || prev.lower.ends_with("'s") || prev.lower.ends_with("’s") || name_between {
            c.anaphoric = true;
        }
    }
    let mut modal: Option<(Modality, Span)> = None;
    let rank = |m: Modality| match m {
        Modality::Hypothetical => 3,
        Modality::Future => 2,
        Modality::Possible => 1,
        Modality::Asserted => 0,
    };
    let mut consider = |m: Modality, s: Span| {
        if modal.is_none_or(|(old, _)| rank(m) > rank(old)) {
            modal = Some((m, s));
        }
    };
    // "had taken": the trigger phrase itself may carry the tense.
    let own_first = toks.get(i).map(|t| &*t.lower).unwrap_or("");
    if main.len() > own_first.len() && lex.is_word_cue(own_first, |c| *c == Cue::Past) {
        c.past = true;
    }
    if main.len() > own_first.len() && lex.is_word_cue(own_first, |c| *c == Cue::Perfect) {
        (c.past, c.perfect) = (true, true);
    }
    let before = words_before(toks, i, 6);
    let before = &before[before.partition_point(|t| t.span.start < c.region.start)..];
    let near_start = words_before(toks, i, 3).first().map_or(main.start, |t| t.span.start);
    for (span, cue) in lex.cues_in(before, false) {
        match cue {
            Cue::Possible => consider(Modality::Possible, span),
            Cue::Future => consider(Modality::Future, span),
            Cue::Hypothetical => consider(Modality::Hypothetical, span),
            Cue::Past if span.start >= near_start => c.past = true,
            Cue::Perfect if span.start >= near_start => (c.past, c.perfect) = (true, true),
            _ => {}
        }
    }
    let mut negated_after = None;
    let near_end = words_after(toks, j, 3).last().map_or(main.end, |t| t.span.end);
    for (span, cue) in lex.cues_in(after, true) {
        match cue {
            Cue::Negative => negated_after = Some(span),
            Cue::Past if span.end <= near_end => c.past = true,
            Cue::Perfect if span.end <= near_end => (c.past, c.perfect) = (true, true),
            Cue::Possible => consider(Modality::Possible, span),
            Cue::Future => consider(Modality::Future, span),
            Cue::Hypothetical => consider(Modality::Hypothetical, span),
            _ => {}
        }
    }
    // "have collapsed since then", "has warned repeatedly": a perfect of duration or repetition sums up the past,
    // it is not news of the day.
    if c.perfect {
        let clause = tokens::clause_of(toks, sentence, main.start);
        let (from, to) = (index_at(toks, clause.start), index_at(toks, clause.end));
        if lex
            .find_cue(&toks[from..to.max(from)], false, |c| *c == Cue::Durative)
            .is_some()
        {
            c.perfect = false;
        }
    }
    if let Some((m, span)) = modal {
        c.modality = m;
        c.evidence.push(evidence("modality", span));
    }
    if let Some(span) = negated_after {
        c.polarity = Polarity::Negative;
        c.evidence.push(evidence("polarity", span));
    }
    // Negation of any mention negates the cluster ("talks ... ended without agreement").
    for m in c.mentions.clone() {
        let window = words_before(toks, index_at(toks, m.start), 5);
        let neg = lex.find_cue(window, false, |c| *c == Cue::Negative);
        if let Some(span) = neg {
            c.polarity = Polarity::Negative;
            c.evidence.push(evidence("polarity", span));
            break;
        }
    }
}

/// True when the token was written with a capital or a digit first ("Hangzhou", "G20").
fn text_is_capitalised(t: &Token, _toks: &[Token]) -> bool {
    t.original_upper
}

/// The items (in text order) that start inside `span`.
fn in_span<T>(items: &[T], span: Span, key: impl Fn(&T) -> Span) -> &[T] {
    let from = items.partition_point(|x| key(x).start < span.start);
    let to = items.partition_point(|x| key(x).start < span.end).max(from);
    &items[from..to]
}

/// Literal places go to the nearest cluster before them (else after); clusters left without a place take
/// the sentence's countries and regions. O((p + t) log m) for p places, t tokens and m mentions (see [`Near`]).
fn attach_places(clusters: &mut [Cluster], near: &Near, sentence: Span, a: &Context, toks: &[Token], lex: &Lexicon) {
    let places: Vec<_> = in_span(a.places, sentence, |p| p.span)
        .iter()
        .filter(|p| p.kind == PlaceKind::Literal && sentence.contains(&p.span))
        .collect();
    for p in &places {
        // The dateline says where the story was written, not where it happened.
        if crate::places::is_dateline(p) {
            continue;
        }
        let before = words_before(toks, index_at(toks, p.span.start), 1);
        if lex.find_cue(before, false, |c| *c == Cue::Topic).is_some() {
            continue;
        }
        if let Some(i) = near.owner(p.span) {
            clusters[i].places.push(p.id.clone());
            clusters[i].evidence.push(evidence("place", p.span));
        }
    }
    for c in clusters.iter_mut() {
        c.strong_places = if c.headline || c.anaphoric { 0 } else { c.places.len() };
    }
    // A cluster left without a place takes the sentence's countries and regions, as weak places.
    for c in clusters
        .iter_mut()
        .filter(|c| c.places.is_empty() && !c.anaphoric && !c.suppressed)
    {
        for p in places
            .iter()
            .filter(|p| matches!(p.feature, Feature::Country | Feature::Region))
        {
            c.places.push(p.id.clone());
            c.evidence.push(evidence("place", p.span));
        }
    }
}

/// People, organisations and groups go to the nearest cluster, except the sources of reports ("a White
/// House spokesman said").
///
/// O(n log m) for n names and m mentions: the nearest cluster from [`Near`], a repeated name found in a set.
fn attach_participants(
    clusters: &mut [Cluster],
    near: &Near,
    toks: &[Token],
    names: &[&crate::model::Entity],
    lex: &Lexicon,
) {
    // The canonical names each cluster already has (it starts with none).
    let mut known: HashMap<usize, crate::hash::FastSet<&str>> = HashMap::default();
    for e in names {
        let after = words_after(toks, index_at(toks, e.span.end), 3);
        let before = words_before(toks, index_at(toks, e.span.start), 3);
        let source = lex.find_cue(after, true, |c| *c == Cue::Source).is_some()
            || lex.find_cue(before, false, |c| *c == Cue::Source).is_some();
        // "NAIROBI (Reuters) -": the agency of the dateline takes part in nothing.
        let rest = text_after(toks, e.span.end);
        if source || rest.starts_with(&[")", "-"]) || rest.starts_with(&[")", "—"]) || rest.starts_with(&[")", "--"])
        {
            continue;
        }
        let Some(i) = near.nearest(e.span) else {
            continue;
        };
        let c = &mut clusters[i];
        if known.entry(i).or_default().insert(e.canonical.as_str()) {
            c.participants.push((e.id.clone(), e.canonical.clone()));
            c.evidence.push(evidence("participant", e.span));
        }
    }
}

/// The next two tokens after `pos`, as text.
fn text_after<'t>(toks: &'t [Token<'_>], pos: usize) -> Vec<&'t str> {
    toks[index_at(toks, pos)..].iter().take(2).map(|t| &*t.lower).collect()
}

/// Places of the dateline ("HOMS, Syria (AFP) -"), for the events of the lead.
fn dateline_places(text: &str, segments: &[Segment], lead: usize, a: &Context) -> Vec<String> {
    let lead_span = segments[lead].span;
    let s = lead_span.slice(text);
    // The dateline place stands before a dash or an agency in brackets near the start of the lead.
    let cut = ["(AFP)", "(Reuters)", "(AP)", " — ", " - ", " -- "]
        .iter()
        .filter_map(|m| s.find(m))
        .filter(|&k| k < 60)
        .min()
        .map(|k| lead_span.start + k);
    a.places
        .iter()
        .filter(|p| p.kind != PlaceKind::Demonym)
        .filter(|p| {
            segments
                .iter()
                .take(lead)
                .any(|sg| sg.kind == SegmentKind::Dateline && sg.span.contains(&p.span))
                || cut.is_some_and(|c| p.span.start >= lead_span.start && p.span.end <= c)
        })
        .map(|p| p.id.clone())
        .collect()
}

/// Granularity of a TIMEX3 value.
pub fn precision_of(value: &str) -> Precision {
    let b = value.as_bytes();
    let digits = |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    if value.ends_with("_REF") || value.is_empty() {
        Precision::Vague
    } else if value.contains('T') && digits(0..4) {
        Precision::Time
    } else if b.len() == 10 && digits(0..4) && digits(5..7) && digits(8..10) {
        Precision::Day
    } else if b.len() >= 7 && b.get(5) == Some(&b'W') {
        Precision::Week
    } else if b.len() == 7 && digits(0..4) && digits(5..7) {
        Precision::Month
    } else if b.len() == 7 && digits(0..4) {
        Precision::Season
    } else if b.len() == 4 && digits(0..4) {
        Precision::Year
    } else if b.len() == 3 && digits(0..3) {
        Precision::Decade
    } else if b.len() == 2 && digits(0..2) {
        Precision::Century
    } else {
        Precision::Vague
    }
}

#[cfg(test)]
mod tests;
