//! Organisations and groups: the known-names table, suffix patterns, and acronyms defined in brackets.

use super::lexicon::Lexicon;
use super::{ahead, behind, entity, word_bounded, SpanSet};
use crate::hash::FastMap as HashMap;
use crate::model::{Entity, EntityKind, Span};

/// Known organisations from the table, with acronyms and short forms pointing to the long form. Linear: one pass of
/// the pattern and O(1) tests per match.
pub fn find(text: &str, lex: &Lexicon) -> Vec<Entity> {
    let mut out = Vec::new();
    for m in lex.org_re.for_text(text).into_iter().flat_map(|re| re.find_iter(text)) {
        let name = m.as_str();
        let Some(entry) = lex.orgs.get(name) else { continue };
        if !word_bounded(text, m.start(), m.end()) {
            continue;
        }
        if name == "IS" && !is_group_is(text, m.start(), m.end()) {
            continue;
        }
        let mut e = entity(text, Span::new(m.start(), m.end()), entry.kind, entry.canonical);
        e.country = entry.country.map(str::to_string);
        out.push(e);
    }
    out
}

/// "IS" is the group unless it stands in an all-capitals run, where it is the verb ("WHAT IS NEXT").
///
/// O(1): the words on either side are read within [`behind`] and [`ahead`] ("IS-IS-IS-…" made every match split
/// the whole run before); a longer word is cut there, which cannot change whether it is in capitals.
fn is_group_is(text: &str, start: usize, end: usize) -> bool {
    let before = behind(text, start).split_whitespace().next_back().unwrap_or("");
    let after = ahead(text, end).split_whitespace().next().unwrap_or("");
    let shouting = |w: &str| w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase);
    !(shouting(before) || shouting(after))
}

/// Runs of capitalised words ending in an organisation suffix, and acronyms defined after them. O(n log n): one
/// pass of each pattern, words read only inside a match, overlaps in [`SpanSet`]s, and the acronym after a name read
/// within [`acronym_after`]'s few bytes.
pub fn find_patterns(text: &str, lex: &Lexicon, known: &[Entity]) -> Vec<Entity> {
    let mut out: Vec<Entity> = Vec::new();
    let known_set = SpanSet::new(known.iter().map(|k| k.span));
    for m in lex
        .org_suffix_re
        .for_text(text)
        .into_iter()
        .flat_map(|re| re.find_iter(text))
    {
        // Drop leading function words, weekdays and possessives ("The", "On Monday", "Syria's").
        let mut start = m.start();
        for (off, w) in words_with_offsets(m.as_str()) {
            let bare = w.trim_end_matches("'s").trim_end_matches("’s");
            if lex.stopwords.contains(w) || lex.stopwords.contains(bare) || bare.len() != w.len() {
                start = m.start() + off + w.len();
            } else {
                start = m.start() + off;
                break;
            }
        }
        let span = Span::new(start, m.end());
        let words: Vec<&str> = span.slice(text).split_whitespace().collect();
        if words.len() < 2 || known_set.overlaps(span) {
            continue;
        }
        let suffix = words.last().copied().unwrap_or("");
        let kind = lex.org_suffixes.get(suffix).copied().unwrap_or(EntityKind::Org);
        let mut e = entity(text, span, kind, span.slice(text));
        let first = words.first().copied().unwrap_or("");
        e.country = lex.demonyms.get(first).copied().flatten().map(str::to_string);
        out.push(e);
    }
    // "Northern Liberation Front (NLF)": the acronym names the long form everywhere in the text.
    let mut acronyms = Vec::new();
    for e in known.iter().chain(out.iter()) {
        if let Some(inner) = acronym_after(text, e.span.end) {
            acronyms.push((inner.to_string(), e.kind, e.canonical.clone(), e.country.clone()));
        }
    }
    let defined: HashMap<String, (EntityKind, String, Option<String>)> = acronyms
        .into_iter()
        .filter(|(acr, ..)| !lex.orgs.contains_key(acr.as_str()))
        .map(|(acr, kind, canonical, country)| (acr, (kind, canonical, country)))
        .collect();
    if !defined.is_empty() {
        let mut taken = SpanSet::new(out.iter().map(|e| e.span));
        for (start, end, (kind, canonical, country)) in lex.lookup_words(text, &defined) {
            let span = Span::new(start, end);
            if known_set.overlaps(span) || taken.overlaps(span) {
                continue;
            }
            let mut e = entity(text, span, *kind, canonical.clone());
            e.country = country.clone();
            taken.insert(span);
            out.push(e);
        }
    }
    out
}

/// The acronym defined in brackets right after byte `end` (" (NLF)"): two to six capitals closed by `)` or by the
/// end of the text. O(1): at most eight bytes are read (the search for the `)` ran to the end of the text before).
pub(super) fn acronym_after(text: &str, end: usize) -> Option<&str> {
    const LONGEST: usize = 6;
    let rest = text.get(end..)?.strip_prefix(" (")?;
    let inner = match rest.bytes().take(LONGEST + 1).position(|b| b == b')') {
        Some(close) => &rest[..close],
        None if rest.len() <= LONGEST => rest,
        None => return None,
    };
    (inner.len() >= 2 && inner.chars().all(|c| c.is_ascii_uppercase())).then_some(inner)
}

/// The white-space separated words of `s` with their byte offsets.
pub(crate) fn words_with_offsets(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(st)) => {
                out.push((st, &s[st..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}
