//! One accepted match of a rule, and how its named groups are read: what recognition hands to normalisation.

use super::lexicon::GroupId;
use crate::model::Span;
use regex::{Captures, Match};

/// One accepted match of a rule.
#[derive(Debug)]
pub struct Found<'t> {
    /// Index of the rule in the lexicon.
    pub rule: usize,
    /// The part reported as the time expression.
    pub span: Span,
    /// The groups of the match, relative to `base`.
    pub caps: Captures<'t>,
    /// Byte offset in the text where the match (and its group offsets) start.
    pub base: usize,
    /// Capture index of each group name (see `lexicon::GROUP_NAMES`).
    pub slots: &'t [Option<usize>],
}

impl<'t> Found<'t> {
    /// Group `name`, when it took part in the match (offsets relative to `base`).
    pub fn group(&self, id: GroupId) -> Option<Match<'t>> {
        group(&self.caps, self.slots, id)
    }

    /// Text of group `name`, when it took part in the match.
    pub fn get(&self, id: GroupId) -> Option<&'t str> {
        self.group(id).map(|m| m.as_str())
    }

    /// The whole match.
    pub fn whole(&self) -> &'t str {
        self.caps.get(0).map_or("", |m| m.as_str())
    }
}

/// Group `id` of a match, through the rule's slot table (name look-ups in `Captures` hash every time).
pub(super) fn group<'t>(caps: &Captures<'t>, slots: &[Option<usize>], id: GroupId) -> Option<Match<'t>> {
    caps.get((*slots.get(id.0)?)?)
}
