//! Clauses: where a sentence's reporting frame splits it ("X said on Thursday that it had signed ..."), which
//! date each clause's event takes, and who acts and who is acted on (agent and patient).

use super::lexicon::{Cue, Lexicon};
use super::tokens::{self, index_at, words_after, words_before, Token};
use super::{distance, evidence, in_span, Cluster};
use crate::model::{Modality, Span, Timex, TimexType};
use crate::Context;
pub(super) fn is_date(t: &Timex) -> bool {
    matches!(t.kind, TimexType::Date | TimexType::Time)
}

/// The timex of the cluster's clause; else, unless a cue places the event elsewhere in time, the nearest
/// timex of the sentence, and in any case a date that opens the sentence ("On Sunday, the ministers had agreed").
/// A mention that refers back ("the talks") takes only a possessive date before it. Never a date across a reporting
/// boundary, nor one that bounds a comparison ("the lowest since 1982").
pub(super) fn clause_timex(c: &Cluster, toks: &[Token], sentence: Span, a: &Context, lex: &Lexicon) -> Option<usize> {
    let main = c.mentions[0];
    let in_sentence = |t: &&Timex| is_date(t) && sentence.contains(&t.span);
    // Timexes are in text order: only the sentence's slice is looked at; indices are into `a.timexes`.
    let offset = a.timexes.partition_point(|t| t.span.start < sentence.start);
    let here = in_span(a.timexes, sentence, |t| t.span);
    if c.anaphoric {
        return here
            .iter()
            .position(|t| {
                in_sentence(&t) && t.span.end <= main.start && text_between_is_possessive(t.span.end, main.start, toks)
            })
            .map(|i| i + offset);
    }
    // Neither way across a reporting boundary: "said on Thursday that it had signed" dates the saying only.
    let region = c.region;
    let clause = tokens::clause_of(toks, sentence, main.start);
    let clause = Span::new(
        clause.start.max(region.start),
        clause.end.min(region.end).max(clause.start.max(region.start)),
    );
    // "fell to its lowest level since October 1982", "since the September 11 attacks": that date bounds a
    // comparison, it does not date the fall. "fell from Monday's closing price": a possessive date dates the noun
    // after it, so only a trigger right after it or after one more word ("Monday's email announcement").
    let trigger_at = index_at(toks, main.start);
    let anchors = |t: &Timex| {
        let k = index_at(toks, t.span.start);
        let before = words_before(toks, k, 2);
        let since = before.iter().rev().enumerate().any(|(n, w)| {
            lex.is_word_cue(&w.lower, |c| *c == Cue::NotAnchor)
                && (n == 0 || lex.is_word_cue(&before[before.len() - 1].lower, |c| *c == Cue::Anaphor))
        });
        let possessive = toks
            .get(k)
            .is_some_and(|w| w.span.end > t.span.end && (w.lower.ends_with("'s") || w.lower.ends_with("’s")));
        !since && (!possessive || (trigger_at > k && trigger_at <= k + 2))
    };
    let best = |within: Span| {
        here.iter()
            .enumerate()
            .filter(|(_, t)| in_sentence(t) && within.contains(&t.span) && anchors(t))
            .min_by_key(|(_, t)| distance(t.span, main))
            .map(|(i, _)| i + offset)
    };
    // A date opening the sentence, at most one word before it ("On Sunday, ..."), sets the time of its main clause.
    let fronted = || {
        here.iter()
            .position(|t| in_sentence(&t) && index_at(toks, t.span.start) <= 1)
            .filter(|&i| region.contains(&here[i].span) && anchors(&here[i]))
            .map(|i| i + offset)
    };
    best(clause).or_else(|| {
        if c.past || c.modality == Modality::Future {
            fronted()
        } else {
            best(region)
        }
    })
}

/// Where the complements of the sentence's reporting verbs begin, in text order: after the complementiser
/// ("said on Thursday that | it had signed"), or, for a verb that takes a bare clause, after the verb and a date
/// right after it ("said Thursday | it had signed"). `timexes` are the sentence's, in text order.
/// O(w log x) for w words and x timexes: each verb looks six words ahead and searches the timexes once.
pub(super) fn report_bounds(toks: &[Token], timexes: &[Timex], lex: &Lexicon) -> Vec<usize> {
    let mut out = Vec::new();
    for (k, t) in toks.iter().enumerate() {
        let Some(verb) = lex.reporting.get(&*t.lower) else {
            continue;
        };
        let ahead = words_after(toks, k + 1, 6);
        if let Some(that) = ahead
            .iter()
            .find(|w| lex.complementiser.iter().any(|c| **c == *w.lower))
        {
            out.push(that.span.end);
        } else if verb.bare {
            let near = words_after(toks, k + 1, 3).last().map_or(t.span.end, |w| w.span.end);
            let first = timexes.partition_point(|x| x.span.start < t.span.end);
            let own = timexes.get(first).filter(|x| x.span.start < near).map(|x| x.span.end);
            let at = own.unwrap_or(t.span.end);
            // "Talks ended on Friday, diplomats said, as ...": a verb before a clause mark or the end reports what
            // came before it, which its commas already set apart; no complement follows.
            let next = toks.get(index_at(toks, at));
            if next.is_some_and(|n| !n.mark) {
                out.push(at);
            }
        }
    }
    out
}

/// The stretch of `sentence` between the reporting boundaries around byte `pos` (`bounds` in order). O(log b).
pub(super) fn region_of(bounds: &[usize], sentence: Span, pos: usize) -> Span {
    let k = bounds.partition_point(|&b| b <= pos);
    let start = k
        .checked_sub(1)
        .map_or(sentence.start, |i| bounds[i])
        .max(sentence.start);
    let end = bounds.get(k).copied().unwrap_or(sentence.end).min(sentence.end);
    Span::new(start, end.max(start))
}

/// Agent and patient of a cluster's main trigger, from the people, organisations and groups of its clause (on the
/// trigger's side of any reporting boundary), by a linear rule without a parse: a verb's nearest name before it
/// (at most six words away) is its agent and the name right after it (at most three words away) its patient; after
/// a passive auxiliary ("was acquired") the name before is the patient and a name after "by" the agent; a noun
/// ("the acquisition of X by Y", after a determiner) takes roles only through "of" and "by". The words are cues of
/// the tables. O(log n + w) for n names and w words of the clause.
pub(super) fn assign_roles(
    c: &mut Cluster,
    toks: &[Token],
    sentence: Span,
    names: &[&crate::model::Entity],
    lex: &Lexicon,
) {
    let main = c.mentions[0];
    let clause = tokens::clause_of(toks, sentence, main.start);
    let within = Span::new(clause.start.max(c.region.start), clause.end.min(c.region.end));
    if within.start >= within.end || c.ty.group == "casualties" {
        return;
    }
    let i = index_at(toks, main.start);
    let prev = words_before(toks, i, 1).first();
    let is = |t: Option<&Token>, cue: Cue| t.is_some_and(|t| lex.is_word_cue(&t.lower, |c| *c == cue));
    let nominal = c.anaphoric || is(prev, Cue::Nominal) || is(prev, Cue::Anaphor);
    let passive = is(prev, Cue::Passive);
    let words_between = |from: usize, to: usize| index_at(toks, to).saturating_sub(index_at(toks, from));
    // The last name ending before the trigger and the first starting after it, inside the clause.
    let k = names.partition_point(|e| e.span.start < main.start);
    let before = names[..k]
        .iter()
        .rev()
        .find(|e| e.span.end <= main.start)
        .filter(|e| within.contains(&e.span) && words_between(e.span.end, main.start) <= 6);
    // The names after the trigger in the clause, up to eight words on: the first is a verb's object, and a name
    // after "by" or "of" has that role whatever stands between ("the acquisition of X by Y").
    let after: Vec<&&crate::model::Entity> = names[k..]
        .iter()
        .filter(|e| e.span.start >= main.end)
        .take_while(|e| within.contains(&e.span) && words_between(main.end, e.span.start) <= 8)
        .take(4)
        .collect();
    let lead_in = |e: &&&crate::model::Entity| words_before(toks, index_at(toks, e.span.start), 1).first();
    let by = after.iter().find(|e| is(lead_in(e), Cue::AgentBy)).copied();
    let of = after.iter().find(|e| is(lead_in(e), Cue::PatientOf)).copied();
    let object = after
        .first()
        .filter(|e| words_between(main.end, e.span.start) <= 3 && !is(lead_in(e), Cue::AgentBy))
        .copied();
    let (agent, patient) = if nominal {
        (by, of)
    } else if passive {
        (by, before)
    } else {
        (before.or(by), object)
    };
    let mut known: crate::hash::FastSet<String> = c.participants.iter().map(|p| p.1.clone()).collect();
    for (slot, e, field) in [(&mut c.agent, agent, "agent"), (&mut c.patient, patient, "patient")] {
        let Some(e) = e else { continue };
        *slot = Some(e.id.clone());
        c.evidence.push(evidence(field, e.span));
        if known.insert(e.canonical.clone()) {
            c.participants.push((e.id.clone(), e.canonical.clone()));
        }
    }
}

/// True when only a possessive ending stands between a timex and the trigger ("Monday's blasts").
/// O(log t): tokens are in order and do not overlap, so the first token starting at or after `from` is the only
/// one that can decide whether a token lies between.
pub(super) fn text_between_is_possessive(from: usize, to: usize, toks: &[Token]) -> bool {
    let none_between = toks.get(index_at(toks, from)).is_none_or(|t| t.span.end > to);
    none_between || (to - from) <= 3
}
