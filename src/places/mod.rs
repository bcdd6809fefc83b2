//! Places: the gazetteer and the geoparser that resolves place names to coordinates.

use crate::model::{Entity, Place};
use crate::segment::Segment;

/// The place-name gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {}

/// Finds place mentions in `text` and resolves them with `gazetteer`.
pub fn extract(_text: &str, _segments: &[Segment], _entities: &[Entity], _gazetteer: &Gazetteer) -> Vec<Place> {
    Vec::new()
}

impl Gazetteer {
    /// The gazetteer embedded in the binary, when this build has one.
    pub fn builtin() -> Option<Gazetteer> {
        None
    }
}
