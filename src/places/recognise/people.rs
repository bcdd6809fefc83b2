//! People and organisations in the text, which no place may be: words of person names (after titles and given
//! names, and from the entities engine) and the organisation phrases of the cue table.

use super::{joinable, tokenize, Token};
use crate::hash::FastSet as HashSet;
use crate::model::{Entity, EntityKind, Span};
use crate::places::cues::Cues;
use crate::places::name;

/// Spans of the organisation phrases of the cue table ("White House", "Al Qaeda"), found on word
/// boundaries: only tokens that start some phrase are tried.
pub(super) fn org_spans(text: &str, toks: &[Token<'_>], cues: &Cues) -> Vec<Span> {
    let mut out = Vec::new();
    let mut key = String::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.is_capitalised() || !cues.org_first_words.contains(t.text) {
            continue;
        }
        for j in i..toks.len().min(i + 5) {
            if j > i && !joinable(&text[toks[j - 1].span.end..toks[j].span.start]) {
                break;
            }
            name::normalize_into(&text[t.span.start..toks[j].span.end], &mut key);
            if cues.org_phrases.contains(&key) {
                out.push(Span::new(t.span.start, toks[j].span.end));
            }
        }
    }
    out
}

/// Words known to be parts of person names in this text: after titles and given names, and from entities.
pub(super) fn person_words<'a>(
    text: &'a str,
    toks: &[Token<'a>],
    entities: &'a [Entity],
    cues: &Cues,
) -> HashSet<&'a str> {
    let mut out = HashSet::default();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        for t in tokenize(&e.text) {
            if t.is_capitalised() {
                out.insert(&e.text[t.span.start..t.span.end]);
            }
        }
    }
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if !t.is_capitalised() {
            i += 1;
            continue;
        }
        let is_title = cues.titles.contains(t.text);
        let is_first = cues.first_names.contains(t.text);
        if !(is_title || is_first) {
            i += 1;
            continue;
        }
        // Skip further titles ("Secretary of State", "Foreign Minister"), then take the capitalised name words.
        let mut j = i + 1;
        while j < toks.len() {
            let sep = &text[toks[j - 1].span.end..toks[j].span.start];
            if !(joinable(sep) || sep == ". ") {
                break;
            }
            let w = toks[j];
            if cues.titles.contains(w.text)
                || (cues.of.contains(w.text) && j + 1 < toks.len() && cues.title_of.contains(toks[j + 1].text))
            {
                j += 1;
                continue;
            }
            if cues.title_parts.contains(w.text) {
                j += 1;
                continue;
            }
            if w.is_capitalised() && !w.is_all_caps() {
                out.insert(w.text);
                j += 1;
                continue;
            }
            if cues.name_particles.contains(w.text) {
                j += 1;
                continue;
            }
            break;
        }
        // A title with no name after it ("the President said") marks nothing.
        i = j.max(i + 1);
    }
    out
}

/// "coach Ripley", "spokesman Smith": a title written in lower case before a name.
pub(super) fn is_lower_title(word: &str, cues: &Cues) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() && word.len() < 16 => {
            let mut title: String = first.to_uppercase().collect();
            title.push_str(chars.as_str());
            cues.titles.contains(title.as_str())
        }
        _ => false,
    }
}
