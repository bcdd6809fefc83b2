//! The name tagger's people and organisations, added where the rules found no name.
//!
//! The rules come first: their names carry roles, canonical forms and countries from the tables, and the reference
//! articles are annotated to them. The tagger adds the names no rule knows (a bare company name, a person without a
//! title or a listed given name) and is not allowed to overlap a rule's name.

use super::lexicon::Lexicon;
use super::tagger::features::place_size;
use super::tagger::{Lists, LowerWords, NameLabel, NameModel, TaggedName};
use super::{entity, SpanSet};
use crate::doc::Doc;
use crate::lang::Language;
use crate::model::{Entity, EntityKind};
use crate::places::Gazetteer;

/// The tagger's names of the document, every sentence tagged. O(t log m) for t tokens and a model of m features.
pub(super) fn tag(doc: &Doc, language: &Language, model: &NameModel, gazetteer: Option<&Gazetteer>) -> Vec<TaggedName> {
    let lists = Lists::of(language, gazetteer);
    let lower = LowerWords::of(doc.tokens());
    doc.segments()
        .iter()
        .flat_map(|s| model.tag(doc.tokens_in(s.span), &lists, &lower))
        .collect()
}

/// How far ahead of the other readings (in the model's weight units) the tagger's person or organisation must be
/// to take a name that the gazetteer knows as a place, by the size of the place ([`place_size`]): the larger the
/// place, the likelier the place reading, whatever the sentence says ("Aleppo said" is the city's people or
/// rulers); the largest are left to the places engine, which reads such metonyms.
const SURE_AGAINST_PLACE: [f32; 5] = [f32::NEG_INFINITY, 12.0, 12.0, 25.0, f32::INFINITY];

/// People and organisations among `tagged` that overlap none of `named` (the rules' names), as entities.
/// O(k log n) for k tagged names and n named ones.
pub(super) fn people_and_orgs(
    text: &str,
    lex: &Lexicon,
    gazetteer: Option<&Gazetteer>,
    tagged: &[TaggedName],
    named: &[Entity],
) -> Vec<Entity> {
    let taken = SpanSet::new(named.iter().map(|e| e.span));
    // The rules' people with a role, by start: a role stands right before its person ("Secretary of State John
    // Kerry"), and its last words are not a name of their own.
    let mut roles: Vec<(usize, &str)> = named
        .iter()
        .filter_map(|e| Some((e.span.start, e.role.as_deref()?)))
        .collect();
    roles.sort_unstable();
    let in_role = |t: &TaggedName| {
        let after = text[t.span.end..].len() - text[t.span.end..].trim_start().len();
        let next = t.span.end + after;
        roles
            .binary_search_by_key(&next, |r| r.0)
            .is_ok_and(|at| roles[at].1.ends_with(t.span.slice(text)))
    };
    let mut key = String::new();
    tagged
        .iter()
        .filter_map(|t| {
            let kind = match t.label {
                NameLabel::Person => EntityKind::Person,
                NameLabel::Org => EntityKind::Org,
                _ => return None,
            };
            if taken.overlaps(t.span) || in_role(t) {
                return None;
            }
            let name = t.span.slice(text);
            // A name has a capitalised word that is not a function word or a month ("The", "Monday").
            let named_word = name
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w.chars().next().is_some_and(char::is_uppercase) && !lex.stopwords.contains(w));
            if !named_word {
                return None;
            }
            // A name the gazetteer knows as a place is left to the places engine unless the tagger is sure: a
            // rare town's name reads like a company's to a tagger that has not met it ("Tartus"), and the places
            // engine weighs the context with what the gazetteer knows.
            let size = gazetteer.map_or(0, |g| place_size(g, name, &mut key) as usize);
            if t.margin < SURE_AGAINST_PLACE[size.min(4)] {
                return None;
            }
            Some(entity(text, t.span, kind, name))
        })
        .collect()
}
