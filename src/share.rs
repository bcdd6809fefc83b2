//! The share link: the whole view state in the address's fragment, `#v1.` + base64url(deflate(JSON)).
//!
//! Opening the link anywhere reproduces the view with no server. Decoding is defensive: links come
//! from strangers, so every failure is a typed error with a message for people, and the inflated
//! size is capped so a small link cannot expand into gigabytes.

use crate::corrections::Corrections;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// The version prefix of links this build writes.
pub const PREFIX: &str = "v1.";

/// Links longer than this are refused before decoding (characters of the fragment).
pub const MAX_LINK_CHARS: usize = 8 * 1024 * 1024;

/// The largest JSON a link may inflate to; above it the link is treated as a decompression bomb.
pub const MAX_INFLATED_BYTES: usize = crate::MAX_INPUT_BYTES + 1024 * 1024;

/// The most JSON values (numbers, strings, arrays, objects, at any depth) a link's `view` may hold: view
/// settings are a handful of numbers, and a small link could otherwise inflate to millions of them.
pub const MAX_VIEW_VALUES: usize = 10_000;

/// The most corrections a link may carry, over all its articles and kinds.
pub const MAX_CORRECTIONS: usize = 100_000;

/// The most further articles a link may carry beside the main one.
pub const MAX_ARTICLES: usize = 100;

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
    /// Further articles whose events the timeline shows beside this one's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub others: Vec<OtherArticle>,
    /// What the page the article came from said about itself (headline, publication date, byline, ...), so
    /// that its date survives a reload and travels in the link.
    #[serde(default, skip_serializing_if = "crate::html::PageMeta::is_empty")]
    pub meta: crate::html::PageMeta,
    /// The person asked for the newest date written in the text as the publication date.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub dct_from_text: bool,
}

/// An article added beside the main one.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct OtherArticle {
    /// Its text.
    pub text: String,
    /// Its document date, when the person set one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dct: Option<String>,
    /// The person's corrections to it.
    #[serde(default, skip_serializing_if = "Corrections::is_empty")]
    pub corrections: Corrections,
    /// What its page said about itself.
    #[serde(default, skip_serializing_if = "crate::html::PageMeta::is_empty")]
    pub meta: crate::html::PageMeta,
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
    /// Holds more of something than a link may ([`MAX_VIEW_VALUES`], [`MAX_CORRECTIONS`], [`MAX_ARTICLES`]):
    /// what, and the limit.
    TooMany(&'static str, usize),
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
            LinkError::TooMany(what, limit) => {
                write!(f, "the link holds more {what} than Dateline opens (at most {limit})")
            }
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
    let json = crate::inflate::inflate(&packed, false, MAX_INFLATED_BYTES).map_err(|e| match e {
        crate::inflate::InflateError::TooLarge => LinkError::TooLarge,
        crate::inflate::InflateError::Damaged(_) => LinkError::Truncated,
    })?;
    check_limits(&json)?;
    serde_json::from_slice(&json).map_err(|e| LinkError::Malformed(e.to_string()))
}

/// Where a JSON value stands in a view state, as far as the limits care.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Region {
    /// The whole state.
    Root,
    /// `view` or anything inside it.
    View,
    /// The `others` array.
    Articles,
    /// One element of `others`.
    Article,
    /// A `corrections` object.
    Corrections,
    /// One list of a `corrections` object.
    CorrectionList,
    /// One correction.
    Correction,
    /// Anything else.
    Other,
}

/// The region of a value reached from a container of region `parent` by the member `key` (`None`: an element).
fn region_of(parent: Region, key: Option<&[u8]>) -> Region {
    match (parent, key) {
        (Region::Root, Some(b"view")) | (Region::View, _) => Region::View,
        (Region::Root, Some(b"others")) => Region::Articles,
        (Region::Articles, None) => Region::Article,
        (Region::Root | Region::Article, Some(b"corrections")) => Region::Corrections,
        (Region::Corrections, Some(_)) => Region::CorrectionList,
        (Region::CorrectionList, None) => Region::Correction,
        _ => Region::Other,
    }
}

/// Counts the values of `view`, the corrections and the articles of an inflated link in one pass over its
/// bytes, before anything is allocated for them, and refuses a link over a limit. O(n) time, memory in the
/// nesting depth. It does not validate: malformed JSON passes here and is refused by the parser after it.
fn check_limits(json: &[u8]) -> Result<(), LinkError> {
    // Open containers: (is an object, its region, the member key being read, expecting a key).
    struct Frame<'j> {
        object: bool,
        region: Region,
        key: Option<Cow<'j, [u8]>>,
        expect_key: bool,
    }
    let mut stack: Vec<Frame> = Vec::new();
    let (mut view, mut corrections, mut articles) = (0usize, 0usize, 0usize);
    let mut i = 0;
    while i < json.len() {
        let b = json[i];
        // A value starts here (not a key): count it by its region.
        let mut value_region = None;
        match b {
            b' ' | b'\t' | b'\n' | b'\r' | b':' => {}
            b',' => {
                if let Some(top) = stack.last_mut() {
                    top.expect_key = top.object;
                }
            }
            b'}' | b']' => {
                stack.pop();
            }
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < json.len() && json[i] != b'"' {
                    i += if json[i] == b'\\' { 2 } else { 1 };
                }
                let raw = &json[start..i.min(json.len())];
                match stack.last_mut() {
                    Some(top) if top.expect_key => {
                        // A key written with escapes ("vi\\u0065w") is read as the parser will read it.
                        top.key = Some(if raw.contains(&b'\\') {
                            let quoted = [&b"\""[..], raw, b"\""].concat();
                            Cow::Owned(
                                serde_json::from_slice::<String>(&quoted)
                                    .unwrap_or_default()
                                    .into_bytes(),
                            )
                        } else {
                            Cow::Borrowed(raw)
                        });
                        top.expect_key = false;
                    }
                    _ => value_region = Some(None),
                }
            }
            b'{' | b'[' => value_region = Some(Some(b == b'{')),
            _ => {
                // A number or a literal: up to the next delimiter.
                while i + 1 < json.len() && !matches!(json[i + 1], b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r') {
                    i += 1;
                }
                value_region = Some(None);
            }
        }
        if let Some(opens) = value_region {
            let region = match stack.last() {
                None => Region::Root,
                Some(top) => region_of(top.region, top.object.then(|| top.key.as_deref().unwrap_or(b""))),
            };
            let (count, limit, what) = match region {
                Region::View => (&mut view, MAX_VIEW_VALUES, "view settings"),
                Region::Correction => (&mut corrections, MAX_CORRECTIONS, "corrections"),
                Region::Article => (&mut articles, MAX_ARTICLES, "articles"),
                _ => (&mut 0, usize::MAX, ""),
            };
            *count += 1;
            if *count > limit {
                return Err(LinkError::TooMany(what, limit));
            }
            if let Some(object) = opens {
                stack.push(Frame {
                    object,
                    region,
                    key: None,
                    expect_key: object,
                });
            }
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corrections::Removal;

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

    fn link_of(json: &str) -> String {
        format!(
            "v1.{}",
            URL_SAFE_NO_PAD.encode(miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 9))
        )
    }

    /// Issue 23: a 23 KB link whose view held `[0,0,…]` took 546 MB while decoding. The count is checked
    /// on the inflated bytes before anything is allocated for it.
    #[test]
    fn a_link_over_the_work_limits_is_refused_before_it_is_parsed() {
        let zeros = vec!["0"; 5_000_000].join(",");
        let link = link_of(&format!(r#"{{"text":"x","view":[{zeros}]}}"#));
        assert!(link.len() < 64 * 1024, "a small link: {}", link.len());
        assert_eq!(decode(&link), Err(LinkError::TooMany("view settings", MAX_VIEW_VALUES)));
        // Written with an escape, the key is still `view`.
        let escaped = link_of(&format!(r#"{{"text":"x","vi\u0065w":[{zeros}]}}"#));
        assert_eq!(
            decode(&escaped),
            Err(LinkError::TooMany("view settings", MAX_VIEW_VALUES))
        );
        let removal = r#"{"kind":"place","mention":{"span":{"start":0,"end":1},"text":"x"}}"#;
        let many = vec![removal; MAX_CORRECTIONS + 1].join(",");
        let link = link_of(&format!(r#"{{"text":"x","corrections":{{"removed":[{many}]}}}}"#));
        assert_eq!(decode(&link), Err(LinkError::TooMany("corrections", MAX_CORRECTIONS)));
        let nested = link_of(&format!(
            r#"{{"text":"x","others":[{{"text":"y","corrections":{{"removed":[{many}]}}}}]}}"#
        ));
        assert_eq!(decode(&nested), Err(LinkError::TooMany("corrections", MAX_CORRECTIONS)));
        let articles = vec![r#"{"text":"y"}"#; MAX_ARTICLES + 1].join(",");
        let link = link_of(&format!(r#"{{"text":"x","others":[{articles}]}}"#));
        assert_eq!(decode(&link), Err(LinkError::TooMany("articles", MAX_ARTICLES)));
        assert!(LinkError::TooMany("corrections", MAX_CORRECTIONS)
            .to_string()
            .contains("more corrections than Dateline opens (at most 100000)"));
    }

    /// At the limits a link still opens, as before; strings holding brackets and quotes count as one value.
    #[test]
    fn a_link_at_the_limits_opens() {
        let removal = Removal {
            kind: crate::corrections::MentionKind::Place,
            mention: crate::corrections::MentionKey {
                span: crate::model::Span::new(0, 1),
                text: "[\"{,}\\".into(),
            },
        };
        let state = ViewState {
            text: "[[[ \"quoted\" ]]] {,}".into(),
            corrections: Corrections {
                removed: vec![removal; MAX_CORRECTIONS],
                ..Corrections::default()
            },
            view: Some(serde_json::Value::Array(vec![
                serde_json::json!(0);
                MAX_VIEW_VALUES - 1
            ])),
            others: vec![OtherArticle::default(); MAX_ARTICLES],
            ..sample()
        };
        assert_eq!(decode(&encode(&state)), Ok(state));
    }
}
