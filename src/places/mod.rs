//! Places: the gazetteer and the geoparser that resolves place names to coordinates.

pub mod gazetteer;
pub mod name;

pub use gazetteer::{Gazetteer, GazetteerError};

use crate::model::{Entity, Place};
use crate::segment::Segment;

/// Finds place mentions in `text` and resolves them with `gazetteer`.
pub fn extract(_text: &str, _segments: &[Segment], _entities: &[Entity], _gazetteer: &Gazetteer) -> Vec<Place> {
    Vec::new()
}
