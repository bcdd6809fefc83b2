//! Casualty counts: a number, its hedge ("at least"), and a casualty word next to it ("killed", "dead").

use super::lexicon::Lexicon;
use super::tokens::{index_at, words_after, words_before, Token};
use crate::model::{Casualty, Entity, EntityKind, Qualifier, Span};

/// A casualty count with the span of the word that made it one.
#[derive(Debug, Clone)]
pub struct Count {
    /// The count.
    pub casualty: Casualty,
    /// The casualty word ("perished").
    pub cue: Span,
}

fn ends_with(window: &[Token], phrase: &[String]) -> Option<Span> {
    if phrase.is_empty() || window.len() < phrase.len() {
        return None;
    }
    let tail = &window[window.len() - phrase.len()..];
    tail.iter()
        .zip(phrase)
        .all(|(t, p)| &t.lower == p)
        .then(|| Span::new(tail[0].span.start, tail[tail.len() - 1].span.end))
}

fn cue_in(window: &[Token], lex: &Lexicon) -> Option<(crate::model::CasualtyKind, Span)> {
    window.iter().enumerate().find_map(|(k, _)| {
        lex.casualty.iter().find_map(|(phrase, kind)| {
            let w = window.get(k..k + phrase.len())?;
            w.iter()
                .zip(phrase)
                .all(|(t, p)| &t.lower == p)
                .then(|| (*kind, Span::new(w[0].span.start, w[w.len() - 1].span.end)))
        })
    })
}

/// The casualty counts among the numbers of one sentence.
pub fn find(text: &str, tokens: &[Token], numbers: &[&Entity], lex: &Lexicon) -> Vec<Count> {
    let mut out = Vec::new();
    for n in numbers.iter().filter(|e| e.kind == EntityKind::Number) {
        let Some(q) = n.quantity else { continue };
        let i = index_at(tokens, n.span.start);
        let before = words_before(tokens, i, 3);
        let hedge = lex
            .qualifiers
            .iter()
            .find_map(|(p, q)| ends_with(before, p).map(|s| (*q, s)));
        let start = hedge.map_or(n.span.start, |(_, s)| s.start);
        let j = index_at(tokens, n.span.end);
        // "43 people perished", "dozens were wounded", "290,000 dead"; else "killed at least 43".
        // The nearer cue wins: "killed at least 17 people and displaced 3,000" gives 17 killed.
        let after = cue_in(words_after(tokens, j, 4), lex)
            .map(|(k, s)| (k, s, tokens[j..].iter().take_while(|t| t.span.start < s.start).count()));
        let before = words_before(tokens, index_at(tokens, start), 2);
        let before = cue_in(before, lex).map(|(k, s)| (k, s, before.iter().filter(|t| t.span.start >= s.end).count()));
        let cue = match (after, before) {
            (Some(a), Some(b)) => Some(if b.2 < a.2 { b } else { a }),
            (a, b) => a.or(b),
        }
        .map(|(k, s, _)| (k, s));
        let Some((kind, cue)) = cue else { continue };
        let vague = q.low != q.high;
        let qualifier = hedge.map_or(if vague { Qualifier::Vague } else { Qualifier::Exact }, |(q, _)| q);
        let v = q.best;
        let (low, best, high) = match qualifier {
            Qualifier::Exact | Qualifier::Vague => (q.low, q.best, q.high),
            Qualifier::AtLeast => (v, v, None),
            Qualifier::MoreThan => (v, None, None),
            Qualifier::AtMost => (None, None, v),
            Qualifier::Nearly => (None, v, v),
            Qualifier::About => (None, v, None),
        };
        let span = Span::new(start, n.span.end);
        out.push(Count {
            casualty: Casualty {
                kind,
                low,
                best,
                high,
                qualifier,
                text: span.slice(text).to_string(),
                span,
            },
            cue,
        });
    }
    out
}
