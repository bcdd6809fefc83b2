//! Character references: `&amp;`, `&#8212;`, `&#x2014;` and every other HTML5 named reference.
//!
//! The names come from `entities.tsv` (2,125 names, rebuilt by `scripts/build-entities` from the WHATWG table as
//! Python's `html.entities` ships it). The table is embedded as sorted text and searched in place by bisection
//! over its lines: no index is built, and the download carries 11 KB gzipped rather than a slice of pointers.

/// The embedded table: `name<TAB>hex code points<TAB>1|0` per line, sorted by the name's bytes.
const TABLE: &str = include_str!("entities.tsv");

/// The longest name in the table (`CounterClockwiseContourIntegral`), in bytes.
const LONGEST_NAME: usize = 31;

/// Where a reference stands: in attribute values, a legacy name without `;` followed by a letter, a digit or `=`
/// stays as written (`?a=1&copy=2` in a link is no copyright sign).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// Text between tags.
    Text,
    /// An attribute value.
    Attribute,
}

/// The code points of the named reference `name` (without `&` and `;`) and whether it may stand without its `;`.
fn lookup(name: &str) -> Option<(&'static str, bool)> {
    let table = TABLE.as_bytes();
    let (mut lo, mut hi) = (0, table.len());
    // Bisection over bytes: from a midpoint, back up to the start of its line. Each step halves [lo, hi).
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = table[lo..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(lo, |k| lo + k + 1);
        let end = table[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(table.len(), |k| start + k);
        let line = &TABLE[start..end];
        let mut cols = line.split('\t');
        let key = cols.next().unwrap_or("");
        match key.as_bytes().cmp(name.as_bytes()) {
            std::cmp::Ordering::Equal => {
                let hexes = cols.next().unwrap_or("");
                let legacy = cols.next() == Some("1");
                return Some((hexes, legacy));
            }
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
}

/// Pushes the characters of a table entry (`26` or `2242 338`) onto `out`.
fn push_hexes(out: &mut String, hexes: &str) {
    for h in hexes.split(' ') {
        if let Some(c) = u32::from_str_radix(h, 16).ok().and_then(char::from_u32) {
            out.push(c);
        }
    }
}

/// Windows-1252 characters for the numeric references `&#128;`..`&#159;`, as HTML5 reads them.
const C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘', '’',
    '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The character of a numeric reference's value, as HTML5 maps it: NUL, surrogates and values past U+10FFFF
/// become U+FFFD, the C1 range reads as Windows-1252.
fn numeric_char(code: u32) -> char {
    match code {
        0 => '\u{FFFD}',
        0x80..=0x9F => C1[(code - 0x80) as usize],
        _ => char::from_u32(code).unwrap_or('\u{FFFD}'),
    }
}

/// Reads one reference at the start of `s` (which starts after the `&`): the bytes it spans (after the `&`) and
/// pushes its characters, or returns `None` when `s` does not start a reference (the `&` is then text).
///
/// Constant time: at most [`LONGEST_NAME`] + 1 bytes are looked at for a name, 10 digits for a number (further
/// digits are consumed without being read into the value).
fn read_one(s: &str, context: Context, out: &mut String) -> Option<usize> {
    let bytes = s.as_bytes();
    if let Some(rest) = s.strip_prefix('#') {
        let (hex, digits_at) = match rest.as_bytes().first() {
            Some(b'x' | b'X') => (true, 2),
            _ => (false, 1),
        };
        let digits = bytes[digits_at..]
            .iter()
            .take_while(|b| if hex { b.is_ascii_hexdigit() } else { b.is_ascii_digit() })
            .count();
        if digits == 0 {
            return None;
        }
        let text = &s[digits_at..digits_at + digits];
        // Leading zeros may be many; the value saturates past U+10FFFF either way.
        let significant = text.trim_start_matches('0');
        let code = if significant.len() > 8 {
            u32::MAX
        } else if significant.is_empty() {
            0
        } else {
            u32::from_str_radix(significant, if hex { 16 } else { 10 }).unwrap_or(u32::MAX)
        };
        out.push(numeric_char(code));
        let end = digits_at + digits;
        return Some(if bytes.get(end) == Some(&b';') { end + 1 } else { end });
    }
    let run = bytes
        .iter()
        .take(LONGEST_NAME + 1)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    if run == 0 {
        return None;
    }
    if bytes.get(run) == Some(&b';') {
        if let Some((hexes, _)) = lookup(&s[..run]) {
            push_hexes(out, hexes);
            return Some(run + 1);
        }
    }
    // Legacy names stand without `;`: the longest one that starts the run (`&notit;` is `¬it;`).
    for len in (2..=run.min(6)).rev() {
        if let Some((hexes, true)) = lookup(&s[..len]) {
            let next = bytes.get(len).copied();
            if context == Context::Attribute && matches!(next, Some(b) if b.is_ascii_alphanumeric() || b == b'=') {
                return None;
            }
            push_hexes(out, hexes);
            return Some(len);
        }
    }
    None
}

/// Decodes every character reference in `s` as HTML5 reads text: named ones (with their `;`, or the legacy names
/// without it), decimal and hexadecimal ones; anything else stays as written.
///
/// Linear in `s`: each `&` looks at a bounded window after it (32 bytes for a name), so a page of `&` with no `;`
/// costs no more than any other page.
pub fn decode_entities(s: &str) -> String {
    decode_in(s, Context::Text)
}

/// [`decode_entities`] for `context`.
pub(crate) fn decode_in(s: &str, context: Context) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k + 1..];
        match read_one(rest, context, &mut out) {
            Some(used) => rest = &rest[used..],
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_html5_name_is_found_by_the_bisection() {
        let mut n = 0;
        for line in TABLE.lines() {
            let name = line.split('\t').next().unwrap();
            assert!(lookup(name).is_some(), "{name}");
            assert!(name.len() <= LONGEST_NAME);
            n += 1;
        }
        assert_eq!(n, 2125);
        assert!(lookup("nosuchname").is_none() && lookup("").is_none() && lookup("zzzzzz").is_none());
    }

    #[test]
    fn named_numeric_and_legacy_references() {
        assert_eq!(
            decode_entities("&euro;&thinsp;&NotNestedGreaterGreater;"),
            "€\u{2009}⪢\u{338}"
        );
        assert_eq!(decode_entities("a&amp;b &lt;&#x2014;&#8212;"), "a&b <——");
        assert_eq!(decode_entities("&copy 2016 &amp &notit;"), "© 2016 & ¬it;");
        assert_eq!(decode_entities("&bogus; &#xZZ; & &;"), "&bogus; &#xZZ; & &;");
        assert_eq!(
            decode_entities("&#0;&#150;&#xD800;&#99999999999;"),
            "\u{FFFD}–\u{FFFD}\u{FFFD}"
        );
        assert_eq!(decode_entities("&#0000000038;"), "&");
    }

    #[test]
    fn attributes_keep_legacy_names_before_letters_and_equals() {
        assert_eq!(decode_in("?a=1&copy=2&amp;x", Context::Attribute), "?a=1&copy=2&x");
        assert_eq!(decode_in("?a=1&copy=2", Context::Text), "?a=1©=2");
        assert_eq!(decode_in("&ampx", Context::Attribute), "&ampx");
    }

    #[test]
    fn ampersands_without_semicolons_are_read_once() {
        let text = "Tom & Jerry &x ".repeat(20_000);
        assert_eq!(decode_entities(&text), text);
        let long = format!("&{};", "a".repeat(100_000));
        assert_eq!(decode_entities(&long), long);
    }
}
