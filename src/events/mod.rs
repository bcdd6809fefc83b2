//! Event frames: triggers, with their date, places, participants and casualties.

use crate::model::{Analysis, Event};
use crate::segment::Segment;

/// Builds the event frames of `text` from the mentions already in `analysis`.
pub fn extract(_text: &str, _segments: &[Segment], _analysis: &Analysis) -> Vec<Event> {
    Vec::new()
}
