//! Word documents (`.docx`): the text of `word/document.xml`, one paragraph per line with a blank line between,
//! so the first paragraph reads as the headline as in a pasted text.
//!
//! A `.docx` is a zip archive of XML parts. The archive is read from its central directory (never trusting the
//! local headers' sizes), only the main part is inflated, and never past [`MAX_XML_BYTES`], so a zip bomb costs
//! at most that much memory. Deleted text in tracked changes is left out; tabs and line breaks are kept.

use crate::MAX_INPUT_BYTES;
use std::fmt;

/// The most bytes the main XML part may inflate to (XML is about four times its text).
pub const MAX_XML_BYTES: usize = 4 * MAX_INPUT_BYTES;

/// Why a file could not be read as a Word document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocxError {
    /// Not a zip archive.
    NotZip,
    /// A password-protected Word document (an encrypted OLE container, or encrypted zip entries).
    Encrypted,
    /// A zip archive without `word/document.xml`.
    NoDocument,
    /// The document's text inflates past [`MAX_XML_BYTES`].
    TooLarge,
    /// The archive is damaged or uses a compression other than deflate.
    Damaged(&'static str),
    /// A PDF whose text could not be read, and why.
    Pdf(crate::pdf::PdfError),
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::NotZip => write!(f, "this is not a Word (.docx) document"),
            DocxError::Encrypted => {
                write!(
                    f,
                    "this Word document is password-protected; save a copy without a password and try again"
                )
            }
            DocxError::NoDocument => write!(f, "this zip file holds no Word document (word/document.xml)"),
            DocxError::TooLarge => write!(f, "the document's text is larger than {} MB", MAX_XML_BYTES >> 20),
            DocxError::Damaged(why) => write!(f, "the Word document is damaged ({why})"),
            DocxError::Pdf(why) => why.fmt(f),
        }
    }
}

impl std::error::Error for DocxError {}

/// True when `bytes` start like a zip archive (a `.docx`, `.xlsx`, `.epub`...).
pub fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// True for a PDF: a `.pdf` name or a `%PDF-` start (a PDF with bytes before its header needs the name).
fn is_pdf(name: &str, bytes: &[u8]) -> bool {
    name.to_lowercase().ends_with(".pdf") || bytes.starts_with(b"%PDF-")
}

/// A document's text, with notes on what was repaired or left out on the way (for a warning).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentText {
    /// The paragraphs, separated by a blank line.
    pub text: String,
    /// What was repaired or left out (a PDF's damaged cross-reference table, glyphs without a character mapping);
    /// empty for a clean file.
    pub notes: Vec<String>,
}

/// The text of a file that is a document rather than text, by its name or its first bytes: a Word document's
/// or a PDF's paragraphs ([`crate::pdf::read`]) with notes, or why it cannot be read (a scanned or encrypted
/// PDF, a damaged or locked .docx). `None` for anything else, which is read as characters. The CLI and the page
/// both open files through this (or [`document_text`]).
pub fn document(name: &str, bytes: &[u8]) -> Option<Result<DocumentText, DocxError>> {
    if name.to_lowercase().ends_with(".docx") || looks_like_zip(bytes) {
        Some(text(bytes).map(|text| DocumentText {
            text,
            notes: Vec::new(),
        }))
    } else if is_pdf(name, bytes) {
        Some(
            crate::pdf::read(bytes)
                .map(|pdf| DocumentText {
                    text: pdf.text,
                    notes: pdf.notes,
                })
                .map_err(DocxError::Pdf),
        )
    } else {
        None
    }
}

/// [`document`] without the notes: the document's text, or why it cannot be read; `None` for text files.
pub fn document_text(name: &str, bytes: &[u8]) -> Option<Result<String, DocxError>> {
    document(name, bytes).map(|r| r.map(|d| d.text))
}

/// The text of the Word document `bytes`. Linear in the archive's central directory and in the main part.
pub fn text(bytes: &[u8]) -> Result<String, DocxError> {
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // An OLE container: an encrypted .docx, or an old binary .doc.
        return Err(DocxError::Encrypted);
    }
    if !looks_like_zip(bytes) {
        return Err(DocxError::NotZip);
    }
    let xml = main_part(bytes)?;
    Ok(paragraphs(&String::from_utf8_lossy(&xml)))
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

/// The inflated bytes of `word/document.xml`.
fn main_part(zip: &[u8]) -> Result<Vec<u8>, DocxError> {
    const END: &[u8] = b"PK\x05\x06";
    // The end record is in the last 22 bytes plus at most a 64 KB comment.
    let from = zip.len().saturating_sub(22 + 0xFFFF);
    let end = zip[from..]
        .windows(4)
        .rposition(|w| w == END)
        .map(|i| from + i)
        .ok_or(DocxError::Damaged("no central directory"))?;
    let entries = u16_at(zip, end + 10).ok_or(DocxError::Damaged("short end record"))?;
    let mut at = u32_at(zip, end + 16).ok_or(DocxError::Damaged("short end record"))?;
    for _ in 0..entries {
        if zip.get(at..at + 4) != Some(b"PK\x01\x02") {
            return Err(DocxError::Damaged("bad central directory"));
        }
        let field = |o: usize| u16_at(zip, at + o).ok_or(DocxError::Damaged("short directory entry"));
        let wide = |o: usize| u32_at(zip, at + o).ok_or(DocxError::Damaged("short directory entry"));
        let (flags, method) = (field(8)?, field(10)?);
        let (packed, unpacked) = (wide(20)?, wide(24)?);
        let (name_len, extra_len, comment_len) = (field(28)?, field(30)?, field(32)?);
        let local = wide(42)?;
        let name = zip
            .get(at + 46..at + 46 + name_len)
            .ok_or(DocxError::Damaged("short name"))?;
        at += 46 + name_len + extra_len + comment_len;
        if name != b"word/document.xml" {
            continue;
        }
        if flags & 1 != 0 {
            return Err(DocxError::Encrypted);
        }
        if unpacked > MAX_XML_BYTES {
            return Err(DocxError::TooLarge);
        }
        let header_name = u16_at(zip, local + 26).ok_or(DocxError::Damaged("short local header"))?;
        let header_extra = u16_at(zip, local + 28).ok_or(DocxError::Damaged("short local header"))?;
        let start = local + 30 + header_name + header_extra;
        let data = zip.get(start..start + packed).ok_or(DocxError::Damaged("truncated"))?;
        return match method {
            0 => Ok(data.to_vec()),
            8 => crate::inflate::inflate(data, false, MAX_XML_BYTES).map_err(|e| match e {
                crate::inflate::InflateError::TooLarge => DocxError::TooLarge,
                crate::inflate::InflateError::Damaged(_) => DocxError::Damaged("bad deflate data"),
            }),
            _ => Err(DocxError::Damaged("unsupported compression")),
        };
    }
    Err(DocxError::NoDocument)
}

/// The paragraphs of WordprocessingML: the text of `<w:t>` runs, `<w:tab/>` as a tab, `<w:br/>` as a line
/// break, `</w:p>` ending a paragraph; empty paragraphs dropped. One pass over the XML.
fn paragraphs(xml: &str) -> String {
    let mut out = String::new();
    let mut paragraph = String::new();
    let mut rest = xml;
    let mut in_text = false;
    while let Some(open) = rest.find('<') {
        if in_text {
            // XML's five named references and numeric ones are a subset of what HTML5 decodes.
            paragraph.push_str(&crate::html::decode_entities(&rest[..open]));
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name = tag.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or("");
        match (name, tag.starts_with('/'), tag.ends_with('/')) {
            ("w:t", false, false) => in_text = true,
            ("", true, _) if tag == "/w:t" => in_text = false,
            ("w:tab", _, _) => paragraph.push('\t'),
            ("w:br" | "w:cr", _, _) => paragraph.push('\n'),
            ("", true, _) if tag == "/w:p" => end_paragraph(&mut out, &mut paragraph),
            _ => {}
        }
    }
    end_paragraph(&mut out, &mut paragraph);
    out.push('\n');
    out
}

/// Moves a finished paragraph to `out`, after a blank line; an empty one is dropped.
fn end_paragraph(out: &mut String, paragraph: &mut String) {
    let line = paragraph.trim();
    if !line.is_empty() {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(line);
    }
    paragraph.clear();
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A zip archive of `files` (name, bytes), each deflated, as Word writes them.
    pub(crate) fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
        let (mut out, mut directory) = (Vec::new(), Vec::new());
        for (name, data) in files {
            let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
            let local = out.len() as u32;
            let header = |sig: &[u8], out: &mut Vec<u8>, central: bool| {
                out.extend_from_slice(sig);
                out.extend_from_slice(&[20, 0]); // version
                if central {
                    out.extend_from_slice(&[20, 0]);
                }
                out.extend_from_slice(&[0, 0, 8, 0, 0, 0, 0, 0]); // flags, deflate, time, date
                out.extend_from_slice(&0u32.to_le_bytes()); // crc (not checked)
                out.extend_from_slice(&(packed.len() as u32).to_le_bytes());
                out.extend_from_slice(&(data.len() as u32).to_le_bytes());
                out.extend_from_slice(&(name.len() as u16).to_le_bytes());
                out.extend_from_slice(&[0, 0]); // extra
                if central {
                    out.extend_from_slice(&[0; 10]); // comment length, disk, internal and external attributes
                    out.extend_from_slice(&local.to_le_bytes());
                }
                out.extend_from_slice(name.as_bytes());
            };
            header(b"PK\x03\x04", &mut out, false);
            out.extend_from_slice(&packed);
            header(b"PK\x01\x02", &mut directory, true);
        }
        let start = out.len() as u32;
        out.extend_from_slice(&directory);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(files.len() as u16).to_le_bytes());
        out.extend_from_slice(&(directory.len() as u32).to_le_bytes());
        out.extend_from_slice(&start.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    /// WordprocessingML for `paragraphs`, each split into two runs the way Word splits them.
    pub(crate) fn document_xml(paragraphs: &[&str]) -> String {
        let mut xml =
            String::from(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="x"><w:body>"#);
        for p in paragraphs {
            let half = p.char_indices().nth(p.chars().count() / 2).map_or(p.len(), |(i, _)| i);
            let esc = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
            xml.push_str(&format!(
                r#"<w:p><w:pPr><w:pStyle w:val="Normal"/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>{}</w:t></w:r></w:p>"#,
                esc(&p[..half]),
                esc(&p[half..])
            ));
        }
        xml.push_str("<w:sectPr/></w:body></w:document>");
        xml
    }

    #[test]
    fn paragraphs_come_out_with_blank_lines_between() {
        let xml = document_xml(&[
            "Floods hit Faenza",
            "Rain fell on Monday & Tuesday <again>, officials said.",
        ]);
        let bytes = zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("word/document.xml", xml.as_bytes()),
        ]);
        assert_eq!(
            text(&bytes).as_deref(),
            Ok("Floods hit Faenza\n\nRain fell on Monday & Tuesday <again>, officials said.\n")
        );
    }

    #[test]
    fn deleted_text_tabs_and_breaks() {
        let xml = r#"<w:p><w:r><w:t>A</w:t><w:tab/><w:t>B</w:t><w:br/><w:t>C</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>"#;
        assert_eq!(paragraphs(xml), "A\tB\nC\n");
        assert_eq!(
            paragraphs("<w:p><w:t>&#233;t&#xE9; &amp;&lt; &bogus; &</w:t></w:p>"),
            "été &< &bogus; &\n"
        );
    }

    #[test]
    fn bad_archives_give_their_reason() {
        assert_eq!(text(b"hello"), Err(DocxError::NotZip));
        assert_eq!(text(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0]), Err(DocxError::Encrypted));
        assert_eq!(text(&zip(&[("a.txt", b"x")])), Err(DocxError::NoDocument));
        let whole = zip(&[("word/document.xml", document_xml(&["One"]).as_bytes())]);
        for cut in [10, 40, whole.len() - 30] {
            assert!(
                matches!(text(&whole[..cut]), Err(DocxError::Damaged(_))),
                "cut at {cut}"
            );
        }
    }

    #[test]
    fn a_zip_bomb_is_refused_without_inflating_it_all() {
        let huge = vec![b'a'; MAX_XML_BYTES + 1];
        let mut bomb = zip(&[("word/document.xml", &huge)]);
        assert!(bomb.len() < 200_000, "deflates small: {}", bomb.len());
        assert_eq!(text(&bomb), Err(DocxError::TooLarge), "declared size");
        // The same bomb lying about its size in the directory: inflating stops at the limit.
        let directory = bomb.windows(4).position(|w| w == b"PK\x01\x02").expect("directory");
        bomb[directory + 24..directory + 28].copy_from_slice(&100u32.to_le_bytes());
        assert_eq!(text(&bomb), Err(DocxError::TooLarge), "inflated size");
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let good = zip(&[(
            "word/document.xml",
            document_xml(&["Talks failed in Geneva on Sunday."]).as_bytes(),
        )]);
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        for _ in 0..2000 {
            let mut bytes = good.clone();
            for _ in 0..4 {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed % bytes.len() as u64) as usize;
                bytes[at] = (seed >> 32) as u8;
            }
            let _ = text(&bytes);
        }
    }
}
