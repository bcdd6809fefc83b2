//! Turns the bytes of a file into text: UTF-8, UTF-16 with a byte-order mark, the legacy encoding a web page
//! declares (`<meta charset>`, see [`crate::encoding`]), or Windows-1252, and refuses binary data with a reason a
//! person can act on.

use std::fmt;

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputError {
    /// Control bytes throughout: an image, an archive, an executable.
    Binary,
    /// A UTF-16 byte-order mark, but the content is not valid UTF-16.
    BadUtf16,
    /// Larger than the limit, in bytes.
    TooLarge {
        /// Size of the input.
        size: usize,
        /// The limit.
        limit: usize,
    },
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Binary => write!(
                f,
                "this is binary data, not text (save the article as .txt, .md or .html)"
            ),
            InputError::BadUtf16 => write!(f, "this starts like UTF-16 text but is not valid UTF-16"),
            InputError::TooLarge { size, limit } => write!(
                f,
                "the file is {:.1} MB; the largest input accepted is {} MB",
                *size as f64 / 1_048_576.0,
                limit / 1_048_576
            ),
        }
    }
}

impl std::error::Error for InputError {}

/// Text decoded from bytes, with a note when the decoding was not plain UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// What was done to get it, for a warning (`None` for clean UTF-8).
    pub note: Option<String>,
}

/// Decodes `bytes` as text, refusing inputs over `limit` bytes. In order: a byte-order mark (UTF-8, UTF-16);
/// valid UTF-8; the encoding the page declares in its first 1024 bytes, when the platform knows it
/// ([`crate::encoding::declared`]); Windows-1252. Linear in `bytes`.
pub fn decode(bytes: &[u8], limit: usize) -> Result<Decoded, InputError> {
    if bytes.len() > limit {
        return Err(InputError::TooLarge {
            size: bytes.len(),
            limit,
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, u16::from_be_bytes);
    }
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    // A few stray control bytes are damage; many mean the file is not text at all.
    if controls * 100 > bytes.len().max(1) * 2 {
        return Err(InputError::Binary);
    }
    let declared = || {
        let label = crate::encoding::declared(bytes)?;
        crate::encoding::decode_with_label(bytes, &label).filter(|(_, name)| name != "utf-8")
    };
    let (text, mut notes) = match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Vec::new()),
        Err(_) => match declared() {
            Some((text, name)) => (text, vec![format!("read as {name}, the encoding the page declares")]),
            None => (
                windows_1252(bytes),
                vec!["not valid UTF-8: read as Windows-1252 (Latin-1)".to_string()],
            ),
        },
    };
    let text = if controls > 0 {
        notes.push(format!("{controls} control byte(s) such as NUL were removed"));
        text.chars().filter(|&c| !is_stray_control(c)).collect()
    } else {
        text
    };
    Ok(Decoded {
        text,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    })
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<Decoded, InputError> {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let text = char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|_| InputError::BadUtf16)?;
    // The same rules as for 8-bit text: NUL and other control characters never reach the engine.
    let controls = text.chars().filter(|&c| is_stray_control(c)).count();
    if controls * 100 > text.chars().count().max(1) * 2 {
        return Err(InputError::Binary);
    }
    let mut note = "decoded from UTF-16".to_string();
    let text = if controls > 0 {
        note.push_str(&format!("; {controls} control character(s) such as NUL were removed"));
        text.chars().filter(|&c| !is_stray_control(c)).collect()
    } else {
        text
    };
    Ok(Decoded { text, note: Some(note) })
}

/// A C0 control character that is not a line break, tab or form feed.
fn is_stray_control(c: char) -> bool {
    c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\x0C')
}

/// Windows-1252 to UTF-8: Latin-1 plus typographic quotes and dashes in 0x80..0x9F.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_the_encodings_news_files_come_in() {
        assert_eq!(decode("Homs – Syria".as_bytes(), 100).unwrap().note, None);
        let latin1 = decode(b"Caf\xe9 \x93quoted\x94", 100).unwrap();
        assert_eq!(latin1.text, "Café “quoted”");
        assert!(latin1.note.is_some());
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Aé".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(&utf16, 100).unwrap().text, "Aé");
    }

    /// An HTML page in `encoding`, declaring it with `meta`.
    #[cfg(not(target_arch = "wasm32"))]
    fn page(encoding: &'static encoding_rs::Encoding, meta: &str, body: &str) -> Vec<u8> {
        let html =
            format!("<!doctype html><html><head>{meta}<title>News</title></head><body><p>{body}</p></body></html>");
        let (bytes, _, unmappable) = encoding.encode(&html);
        assert!(!unmappable, "{body} is in {}", encoding.name());
        bytes.into_owned()
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn web_pages_in_legacy_encodings_read_by_their_declaration() {
        for (encoding, meta, body) in [
            (
                encoding_rs::WINDOWS_1251,
                r#"<meta charset="windows-1251">"#,
                "Пожар в Харькове 5 сентября 2016 года",
            ),
            (
                encoding_rs::ISO_8859_2,
                r#"<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2">"#,
                "Powódź w Łodzi i Gdańsku, żółć",
            ),
            (encoding_rs::SHIFT_JIS, "<meta charset=Shift_JIS>", "東京で地震、5日"),
        ] {
            let bytes = page(encoding, meta, body);
            assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
            let d = decode(&bytes, 10_000).unwrap();
            assert!(d.text.contains(body), "{}: {}", encoding.name(), d.text);
            assert!(d.note.unwrap().contains(&encoding.name().to_ascii_lowercase()));
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    #[test]
    fn valid_utf8_wins_over_a_wrong_declaration() {
        // A page saved as UTF-8 that kept its old declaration: read as UTF-8, as browsers do.
        let liar = "<meta charset=\"windows-1251\"><p>Пожар в Харькове</p>";
        let d = decode(liar.as_bytes(), 1000).unwrap();
        assert_eq!((d.text.as_str(), d.note), (liar, None));
        // An unknown label, or one declaring UTF-8 over bytes that are not: Windows-1252, as before.
        for meta in ["<meta charset=x-no-such>", "<meta charset=utf-8>"] {
            let bytes = [meta.as_bytes(), b"Caf\xe9"].concat();
            assert!(decode(&bytes, 1000).unwrap().text.ends_with("Café"), "{meta}");
        }
    }

    #[test]
    fn utf16_text_loses_its_nul_characters_like_8_bit_text() {
        let words = "Rain fell on Monday in Genoa and Savona. Schools stayed closed on Tuesday.\0";
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(words.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let d = decode(&be, 1000).unwrap();
        assert_eq!(d.text, words.trim_end_matches('\0'));
        assert!(d.note.unwrap().contains("control"));
        let zeros: Vec<u8> = [0xFF, 0xFE].into_iter().chain([0u8; 64]).collect();
        assert_eq!(decode(&zeros, 1000), Err(InputError::Binary));
    }

    #[test]
    fn refuses_binary_and_oversized_input() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0";
        assert_eq!(decode(png, 100), Err(InputError::Binary));
        assert!(matches!(decode(&[b'a'; 10], 5), Err(InputError::TooLarge { .. })));
        let one_nul = decode(&[b"a".repeat(200), vec![0], b"b".repeat(200)].concat(), 1000).unwrap();
        assert_eq!(one_nul.text.len(), 400);
        assert!(one_nul.note.is_some());
    }
}
