//! The share link: the whole view state in the address's fragment, `#v1.` + base64url(deflate(JSON)).
//!
//! Opening the link anywhere reproduces the view with no server. Decoding is defensive: links come
//! from strangers, so every failure is a typed error with a message for people, and the inflated
//! size is capped so a small link cannot expand into gigabytes.

use crate::corrections::Corrections;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The version prefix of links this build writes.
pub const PREFIX: &str = "v1.";

/// Links longer than this are refused before decoding (characters of the fragment).
pub const MAX_LINK_CHARS: usize = 8 * 1024 * 1024;

/// The largest JSON a link may inflate to; above it the link is treated as a decompression bomb.
pub const MAX_INFLATED_BYTES: usize = crate::MAX_INPUT_BYTES + 1024 * 1024;

/// Above this many characters some chat apps cut links: the app warns and offers a file instead.
pub const LONG_LINK_CHARS: usize = 32 * 1024;

/// Everything needed to reproduce a view.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ViewState {
    /// The article text.
    pub text: String,
    /// The person's document date, when set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dct: Option<String>,
    /// The person's corrections.
    #[serde(default, skip_serializing_if = "Corrections::is_empty")]
    pub corrections: Corrections,
    /// The selected item (`ev3`, `p2`, ...), when any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selection: Option<String>,
    /// View settings (timeline zoom, map view, sort order), opaque to the engine.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present")]
    pub view: Option<serde_json::Value>,
}

/// A present `view` is kept even when it is `null`, so that `decode(encode(s)) == s` for every state.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<serde_json::Value>, D::Error> {
    serde_json::Value::deserialize(d).map(Some)
}

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The fragment is empty: nothing to open.
    Empty,
    /// Made by a newer Dateline (`v2.` ...).
    NewerVersion(String),
    /// Not a Dateline link at all.
    NotDateline,
    /// Longer than [`MAX_LINK_CHARS`].
    TooLong(usize),
    /// Characters outside base64url: the link was altered or cut by something.
    Corrupted,
    /// The compressed data ends early: the link was cut short.
    Truncated,
    /// Inflates past [`MAX_INFLATED_BYTES`].
    TooLarge,
    /// Inflates, but not to a view state.
    Malformed(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => write!(f, "the link holds no article"),
            LinkError::NewerVersion(v) => {
                write!(
                    f,
                    "this link was made by a newer version of Dateline ({v}); reload the page to update it"
                )
            }
            LinkError::NotDateline => write!(f, "this is not a Dateline link"),
            LinkError::TooLong(n) => write!(f, "the link is too long ({n} characters)"),
            LinkError::Corrupted => write!(
                f,
                "the link is damaged (it contains characters a Dateline link never has)"
            ),
            LinkError::Truncated => write!(
                f,
                "the link is cut short or damaged; ask for it again, or for its .dateline.json file"
            ),
            LinkError::TooLarge => write!(f, "the link expands to more than {} MB", MAX_INFLATED_BYTES / 1_048_576),
            LinkError::Malformed(why) => write!(f, "the link's content is not a Dateline view ({why})"),
        }
    }
}

impl std::error::Error for LinkError {}

/// Encodes a view as a link fragment (without the `#`).
pub fn encode(state: &ViewState) -> String {
    let json = serde_json::to_vec(state).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(packed))
}

/// Decodes a link fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<ViewState, LinkError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment).trim();
    if fragment.is_empty() {
        return Err(LinkError::Empty);
    }
    if fragment.len() > MAX_LINK_CHARS {
        return Err(LinkError::TooLong(fragment.len()));
    }
    let Some(body) = fragment.strip_prefix(PREFIX) else {
        let version = fragment.split('.').next().unwrap_or("");
        let newer = version.len() > 1 && version.starts_with('v') && version[1..].parse::<u32>().is_ok_and(|n| n > 1);
        return Err(if newer {
            LinkError::NewerVersion(version.to_string())
        } else {
            LinkError::NotDateline
        });
    };
    let packed = URL_SAFE_NO_PAD
        .decode(body.trim_end_matches('='))
        .map_err(|e| match e {
            base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..) => LinkError::Truncated,
            _ => LinkError::Corrupted,
        })?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED_BYTES).map_err(|e| match e
        .status
    {
        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => LinkError::TooLarge,
        _ => LinkError::Truncated,
    })?;
    serde_json::from_slice(&json).map_err(|e| LinkError::Malformed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ViewState {
        ViewState {
            text: "Floods hit Faenza on Wednesday — «ça va».".into(),
            dct: Some("2024-03-14".into()),
            selection: Some("ev1".into()),
            ..ViewState::default()
        }
    }

    #[test]
    fn round_trips_and_uses_only_url_safe_characters() {
        let link = encode(&sample());
        assert!(link.starts_with("v1."));
        assert!(link[3..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&format!("#{link}")), Ok(sample()));
    }

    #[test]
    fn a_null_view_survives_the_round_trip() {
        let state = ViewState {
            view: Some(serde_json::Value::Null),
            ..sample()
        };
        assert_eq!(decode(&encode(&state)), Ok(state));
        let zoom = ViewState {
            view: Some(serde_json::json!({ "zoom": 1.2355984628040934e-294 })),
            ..sample()
        };
        assert_eq!(decode(&encode(&zoom)), Ok(zoom), "floats read back bit for bit");
    }

    #[test]
    fn damaged_links_give_typed_errors() {
        let link = encode(&sample());
        assert_eq!(decode(""), Err(LinkError::Empty));
        assert_eq!(decode("v2.abc"), Err(LinkError::NewerVersion("v2".into())));
        assert_eq!(decode("hello"), Err(LinkError::NotDateline));
        assert_eq!(decode(&format!("{}!!", &link[..20])), Err(LinkError::Corrupted));
        assert_eq!(decode(&link[..link.len() / 2]), Err(LinkError::Truncated));
        let not_view = format!(
            "v1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(b"[1,2]", 6))
        );
        assert!(matches!(decode(&not_view), Err(LinkError::Malformed(_))));
    }

    #[test]
    fn a_decompression_bomb_is_refused() {
        let huge = vec![b' '; MAX_INFLATED_BYTES + 10];
        let bomb = format!(
            "v1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(&huge, 9))
        );
        assert!(bomb.len() < 64 * 1024, "the bomb link is small: {}", bomb.len());
        assert_eq!(decode(&bomb), Err(LinkError::TooLarge));
    }
}
