//! Nationality adjectives and demonyms, with their country.

use super::entity;
use super::lexicon::Lexicon;
use crate::model::{Entity, EntityKind, Span};

/// Every demonym of the table, spanning exactly the word ("Russian" in "Russian-backed").
pub fn find(text: &str, lex: &Lexicon) -> Vec<Entity> {
    lex.demonym_re
        .for_text(text)
        .into_iter()
        .flat_map(|re| re.find_iter(text))
        .filter_map(|m| {
            let country = lex.demonyms.get(m.as_str())?;
            let mut e = entity(text, Span::new(m.start(), m.end()), EntityKind::Demonym, m.as_str());
            e.country = country.map(str::to_string);
            Some(e)
        })
        .collect()
}
