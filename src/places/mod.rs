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

/// Why gazetteer bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazetteerError(pub String);

impl std::fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for GazetteerError {}

impl Gazetteer {
    /// Reads a gazetteer from its packed bytes.
    pub fn from_bytes(_bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        Err(GazetteerError("this build has no gazetteer reader".to_string()))
    }

    /// The gazetteer embedded in the binary, when this build has one.
    pub fn builtin() -> Option<Gazetteer> {
        None
    }
}
