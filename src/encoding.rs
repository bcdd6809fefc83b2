//! Legacy character encodings of web pages: the encoding a page declares, found as the HTML5 prescan finds it,
//! and decoding by its label.
//!
//! [`declared`] reads the first 1024 bytes for `<meta charset=...>`, `<meta http-equiv="Content-Type"
//! content="...; charset=...">` and an XML declaration's `encoding="..."` (byte-order marks are handled by
//! [`crate::input::decode`] before it). [`decode_with_label`] decodes by a WHATWG label (`windows-1251`,
//! `iso-8859-2`, `shift_jis`, `latin1`...): with the `encoding_rs` crate on the host, and with the browser's
//! `TextDecoder` on wasm32 (in the page and in web workers), so the web app carries no encoding tables.
//!
//! The rule, as browsers' sniffers apply it: bytes that are valid UTF-8 are read as UTF-8 whatever the page says
//! (a page saved as UTF-8 often keeps its old `<meta charset>`); only bytes that are not valid UTF-8 are decoded
//! by the declared encoding. Both functions are linear in their input.

/// How far into the file the declaration is looked for (as in the HTML5 prescan).
pub const PRESCAN_BYTES: usize = 1024;

/// The encoding label a page declares in its first [`PRESCAN_BYTES`] bytes, lower-cased and trimmed; `None` when
/// it declares none. A UTF-16 label is read as UTF-8, as HTML5 says (a page whose declaration reads as ASCII is
/// not UTF-16).
pub fn declared(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    if lower.starts_with(b"<?xml") {
        let end = lower.iter().position(|&b| b == b'>').unwrap_or(lower.len());
        if let Some(label) = attribute(&lower[5..end], b"encoding") {
            return Some(if label.starts_with("utf-16") {
                "utf-8".into()
            } else {
                label
            });
        }
    }
    let mut at = 0;
    while let Some(i) = find(&lower[at..], b"<meta") {
        let start = at + i + 5;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        let label = attribute(tag, b"charset").or_else(|| {
            let http_equiv = attribute(tag, b"http-equiv")?;
            if http_equiv != "content-type" {
                return None;
            }
            let content = attribute(tag, b"content")?;
            let after = &content[content.find("charset")? + 7..];
            let value = after.trim_start().strip_prefix('=')?.trim_start();
            let value = value.trim_start_matches(['"', '\'']);
            let end = value.find([';', '"', '\'', ' ']).unwrap_or(value.len());
            Some(value[..end].to_string())
        });
        if let Some(label) = label.filter(|l| !l.is_empty()) {
            return Some(if label.starts_with("utf-16") {
                "utf-8".into()
            } else {
                label
            });
        }
        at = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The value of attribute `name` in a lower-cased tag's attribute text (values quoted or not), read as the
/// HTML5 prescan reads attributes, so `charset=` inside another attribute's quoted value is not taken for one.
fn attribute(tag: &[u8], name: &[u8]) -> Option<String> {
    let mut at = 0;
    let skip = |at: &mut usize, what: fn(&u8) -> bool| {
        while tag.get(*at).is_some_and(what) {
            *at += 1;
        }
    };
    while at < tag.len() {
        skip(&mut at, |b| b.is_ascii_whitespace() || *b == b'/' || *b == b'?');
        let start = at;
        skip(&mut at, |b| {
            !b.is_ascii_whitespace() && !matches!(b, b'=' | b'/' | b'>')
        });
        let key = &tag[start..at];
        skip(&mut at, u8::is_ascii_whitespace);
        let mut value: &[u8] = b"";
        if tag.get(at) == Some(&b'=') {
            at += 1;
            skip(&mut at, u8::is_ascii_whitespace);
            match tag.get(at) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = tag[at + 1..]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(tag.len(), |e| at + 1 + e);
                    value = &tag[at + 1..end];
                    at = end + 1;
                }
                _ => {
                    let start = at;
                    skip(&mut at, |b| !b.is_ascii_whitespace() && *b != b'>');
                    value = &tag[start..at];
                }
            }
        }
        if key == name {
            return Some(String::from_utf8_lossy(value).trim().to_string());
        }
        if at == start {
            at += 1; // a stray `=`: step over it
        }
    }
    None
}

/// `bytes` decoded by the encoding `label` names, with the encoding's canonical name; `None` when the label
/// names no encoding the platform knows. Malformed sequences become U+FFFD.
#[cfg(not(target_arch = "wasm32"))]
pub fn decode_with_label(bytes: &[u8], label: &str) -> Option<(String, String)> {
    let encoding = encoding_rs::Encoding::for_label(label.trim().as_bytes())?;
    // The "replacement" encoding (ISO-2022-KR, HZ...) decodes a whole page to one U+FFFD; the browser's
    // TextDecoder refuses its labels, and so does this.
    if encoding == encoding_rs::REPLACEMENT {
        return None;
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Some((text.into_owned(), encoding.name().to_ascii_lowercase()))
}

/// `bytes` decoded by the encoding `label` names, with the encoding's canonical name; `None` when the label
/// names no encoding the browser knows. Malformed sequences become U+FFFD.
#[cfg(target_arch = "wasm32")]
pub fn decode_with_label(bytes: &[u8], label: &str) -> Option<(String, String)> {
    let decoder = web_sys::TextDecoder::new_with_label(label.trim()).ok()?;
    let text = decoder.decode_with_u8_array(bytes).ok()?;
    Some((text, decoder.encoding()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_declaration_the_prescan_finds() {
        let cases: [(&[u8], Option<&str>); 8] = [
            (
                b"<html><head><meta charset=\"windows-1251\"><title>x</title>",
                Some("windows-1251"),
            ),
            (b"<META CHARSET=ISO-8859-2>", Some("iso-8859-2")),
            (
                b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=Shift_JIS\">",
                Some("shift_jis"),
            ),
            (
                b"<meta content='text/html;charset=koi8-r' http-equiv='content-type'>",
                Some("koi8-r"),
            ),
            (
                b"<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><html>",
                Some("iso-8859-15"),
            ),
            (b"<meta name=\"description\" content=\"charset=big5\"><p>", None),
            (b"<meta charset=\"utf-16le\">", Some("utf-8")),
            (b"Plain text about charset=koi8-r", None),
        ];
        for (html, label) in cases {
            assert_eq!(declared(html).as_deref(), label, "{}", String::from_utf8_lossy(html));
        }
        let late = [vec![b' '; PRESCAN_BYTES], b"<meta charset=koi8-r>".to_vec()].concat();
        assert_eq!(declared(&late), None, "past the first 1024 bytes");
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn decodes_by_label() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("Пожар в Харькове");
        assert_eq!(
            decode_with_label(&bytes, "cp1251"),
            Some(("Пожар в Харькове".to_string(), "windows-1251".to_string()))
        );
        assert_eq!(decode_with_label(b"x", "no-such-encoding"), None);
        assert_eq!(decode_with_label(b"x", "iso-2022-kr"), None, "the replacement encoding");
    }
}
