//! PDFs built here object by object, each exercising one part of the reader; the files of real producers are
//! in `tests/pdf.rs`.

use super::*;

/// A stream object's text: `dict` entries and the data, with its length.
fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    [
        format!("<< {dict} /Length {} >>\nstream\n", data.len()).as_bytes(),
        data,
        b"\nendstream",
    ]
    .concat()
}

fn deflated(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

/// A PDF of `objects` (numbered from 1; object 1 is the catalog) with a classic cross-reference table.
fn build(objects: &[Vec<u8>], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// A one-page PDF: catalog, pages, page (with `resources`), content, then `extra` objects from number 5.
fn one_page(resources: &str, content: &[u8], extra: &[Vec<u8>]) -> Vec<u8> {
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources {resources} /Contents 4 0 R >>")
            .into_bytes(),
        stream("/Filter /FlateDecode", &deflated(content)),
    ];
    objects.extend_from_slice(extra);
    build(&objects, "")
}

const HELVETICA: &str = "<< /Font << /F1 5 0 R >> >>";

fn helvetica() -> Vec<u8> {
    // Widths of 500 for every code, so the test knows where each glyph ends.
    let widths = vec!["500"; 224].join(" ");
    format!("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /FirstChar 32 /LastChar 255 /Widths [{widths}] >>")
        .into_bytes()
}

#[test]
fn lines_words_and_paragraphs_of_a_simple_font() {
    let content = b"BT /F1 10 Tf 14 TL 72 700 Td (Floods hit Faenza) Tj T* [(on Mon) 50 (day) -300 (now.)] TJ \
        0 -40 Td (Caf\\351 \\223closed\\224) Tj ET";
    let pdf = one_page(HELVETICA, content, &[helvetica()]);
    assert_eq!(
        text(&pdf).as_deref(),
        Ok("Floods hit Faenza on Monday now.\n\nCafé “closed”\n")
    );
}

#[test]
fn differences_glyph_names_and_type3_widths() {
    let font = b"<< /Type /Font /Subtype /Type3 /FontMatrix [0.01 0 0 0.01 0 0] /FirstChar 1 /LastChar 4 \
        /Widths [50 50 50 50] /Encoding << /Differences [1 /T /eacute /uni00E0 /f_i] >> /CharProcs << >> >>";
    let pdf = one_page(HELVETICA, b"BT /F1 10 Tf 0 0 Td <01020304> Tj ET", &[font.to_vec()]);
    assert_eq!(text(&pdf).as_deref(), Ok("Téàfi\n"));
}

#[test]
fn actual_text_replaces_the_glyphs_it_marks() {
    // Chromium draws a ligature's glyph inside `/Span << /ActualText (fi) >> BDC ... EMC`.
    let content = b"BT /F1 10 Tf 72 700 Td (Floods ) Tj /Span << /ActualText <FEFFFB01> >> BDC (\\001) Tj EMC \
        (nally) Tj /Span << /ActualText (ended) >> BDC (xy) Tj EMC ET";
    let pdf = one_page(HELVETICA, content, &[helvetica()]);
    assert_eq!(text(&pdf).as_deref(), Ok("Floods finallyended\n"));
}

#[test]
fn type0_identity_font_with_to_unicode() {
    let cmap = b"begincmap 1 begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0010> <0030> <0041> \
        endbfrange 1 beginbfchar <0003> <0020> endbfchar endcmap";
    let objects = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /X /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 7 0 R >>"
            .to_vec(),
        b"<< /Type /Font /Subtype /CIDFontType2 /DW 600 /W [16 [500 500] 3 3 250] >>".to_vec(),
        stream("", cmap),
    ];
    let pdf = one_page(
        HELVETICA,
        b"BT /F1 12 Tf 1 0 0 1 50 500 Tm <0010001100030012> Tj ET",
        &objects,
    );
    assert_eq!(text(&pdf).as_deref(), Ok("AB C\n"));
    // Without its ToUnicode map the same font says nothing about its glyphs.
    let mut bare = objects.clone();
    bare[0] = b"<< /Type /Font /Subtype /Type0 /Encoding /Identity-H /DescendantFonts [6 0 R] >>".to_vec();
    let pdf = one_page(HELVETICA, b"BT /F1 12 Tf <0010001100030012> Tj ET", &bare);
    assert_eq!(text(&pdf), Err(PdfError::NoUnicode));
}

#[test]
fn forms_are_drawn_with_their_matrix_and_nesting_ends() {
    let resources = "<< /Font << /F1 5 0 R >> /XObject << /Fm 6 0 R >> >>";
    // The form draws itself: only MAX_FORM_DEPTH levels are followed.
    let form = stream(
        "/Type /XObject /Subtype /Form /BBox [0 0 600 800] /Matrix [1 0 0 1 0 -20] /Resources 7 0 R",
        b"BT /F1 10 Tf 72 700 Td (Again) Tj ET /Fm Do",
    );
    let pdf = one_page(
        resources,
        b"BT /F1 10 Tf 72 720 Td (Top) Tj ET /Fm Do",
        &[helvetica(), form, resources.as_bytes().to_vec()],
    );
    let got = text(&pdf).unwrap();
    assert!(got.starts_with("Top\n\nAgain Again"), "{got}");
    assert_eq!(got.matches("Again").count(), content::MAX_FORM_DEPTH as usize);
}

#[test]
fn incremental_updates_replace_objects() {
    let first = one_page(HELVETICA, b"BT /F1 10 Tf 72 700 Td (Old text) Tj ET", &[helvetica()]);
    let old_xref = first.windows(9).rposition(|w| w == b"startxref").unwrap();
    let prev: usize = String::from_utf8_lossy(&first[old_xref + 10..])
        .lines()
        .next()
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    let mut pdf = first.clone();
    let at = pdf.len();
    pdf.extend_from_slice(b"4 0 obj\n");
    pdf.extend_from_slice(&stream("", b"BT /F1 10 Tf 72 700 Td (New text) Tj ET"));
    pdf.extend_from_slice(b"\nendobj\n");
    let xref = pdf.len();
    pdf.extend_from_slice(
        format!("xref\n0 1\n0000000000 65535 f \n4 1\n{at:010} 00000 n \ntrailer\n<< /Size 6 /Root 1 0 R /Prev {prev} >>\nstartxref\n{xref}\n%%EOF\n")
            .as_bytes(),
    );
    assert_eq!(text(&pdf).as_deref(), Ok("New text\n"));
    assert_eq!(text(&first).as_deref(), Ok("Old text\n"));
}

#[test]
fn a_broken_or_missing_cross_reference_table_is_rebuilt() {
    let pdf = one_page(HELVETICA, b"BT /F1 10 Tf 72 700 Td (Still here) Tj ET", &[helvetica()]);
    // Every offset in the table moved by 7: the objects are found by scanning.
    let table = pdf.windows(4).rposition(|w| w == b"xref").unwrap();
    let mut shifted = pdf[..table].to_vec();
    shifted.extend_from_slice(
        &pdf[table..]
            .iter()
            .map(|&b| if b == b'0' { b'7' } else { b })
            .collect::<Vec<u8>>(),
    );
    let read = read(&shifted).unwrap();
    assert_eq!(read.text, "Still here\n");
    assert!(read.notes.iter().any(|n| n.contains("scanning")), "{:?}", read.notes);
    // The table and trailer cut off.
    assert_eq!(text(&pdf[..table]).as_deref(), Ok("Still here\n"));
    // The page tree gone too: the page is found by its type.
    let pages_at = pdf.windows(6).position(|w| w == b"/Kids ").unwrap();
    let mut no_tree = pdf[..table].to_vec();
    no_tree[pages_at..pages_at + 6].copy_from_slice(b"/Xids ");
    assert_eq!(text(&no_tree).as_deref(), Ok("Still here\n"));
}

#[test]
fn refusals_name_their_reason() {
    assert_eq!(text(b"hello"), Err(PdfError::NotPdf));
    assert_eq!(
        text(b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n"),
        Err(PdfError::Damaged("no pages found"))
    );
    let content = b"BT /F1 10 Tf (x) Tj ET";
    let mut objects = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /Resources << >> /Contents 4 0 R >>".to_vec(),
        stream("", content),
        b"<< /Filter /Standard /V 2 /R 3 /O <00> /U <00> /P -4 >>".to_vec(),
    ];
    assert_eq!(text(&build(&objects, "/Encrypt 5 0 R")), Err(PdfError::Encrypted));
    // Only an image: a scan.
    objects[2] = b"<< /Type /Page /Parent 2 0 R /Resources << /XObject << /Im 5 0 R >> >> /Contents 4 0 R >>".to_vec();
    objects[3] = stream(
        "",
        b"q 612 0 0 792 0 0 cm /Im Do Q BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI",
    );
    objects[4] = stream(
        "/Type /XObject /Subtype /Image /Width 1 /Height 1 /BitsPerComponent 8 /ColorSpace /DeviceGray",
        b"\x80",
    );
    assert_eq!(text(&build(&objects, "")), Err(PdfError::NoTextLayer { scanned: true }));
    objects[3] = stream("", b"0 0 m 100 100 l S");
    assert_eq!(
        text(&build(&objects, "")),
        Err(PdfError::NoTextLayer { scanned: false })
    );
    for e in [
        PdfError::Encrypted,
        PdfError::NoTextLayer { scanned: true },
        PdfError::TooLarge,
    ] {
        assert!(e.to_string().starts_with("this PDF"), "{e}");
    }
}

#[test]
fn a_decompression_bomb_is_refused() {
    let zeros = vec![b' '; MAX_DECODED_BYTES + 1];
    let pdf = one_page(HELVETICA, &zeros, &[helvetica()]);
    assert!(pdf.len() < 200_000, "deflates small: {}", pdf.len());
    assert_eq!(text(&pdf), Err(PdfError::TooLarge));
}

#[test]
fn unknown_filters_skip_their_stream_with_a_note() {
    let objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /Resources {HELVETICA} /Contents [4 0 R 6 0 R] >>").into_bytes(),
        stream("/Filter /JBIG2Decode", b"\x00\x01"),
        helvetica(),
        stream(
            "/Filter /ASCIIHexDecode",
            b"4254202F46312031302054662028372920546A204554>",
        ),
    ];
    let read = read(&build(&objects, "")).unwrap();
    assert_eq!(read.text, "7\n");
    assert!(read.notes.iter().any(|n| n.contains("JBIG2Decode")), "{:?}", read.notes);
}

#[test]
fn mutated_files_never_panic() {
    let good = one_page(
        HELVETICA,
        b"BT /F1 10 Tf 14 TL 72 700 Td (Talks failed in Geneva) Tj T* [(on Sun) -250 (day)] TJ ET",
        &[helvetica()],
    );
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for round in 0..1500 {
        let mut bytes = good.clone();
        for _ in 0..1 + round % 6 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % bytes.len().max(1) as u64) as usize;
            if bytes.is_empty() {
                break;
            }
            match seed >> 62 {
                0 => bytes[at] = (seed >> 32) as u8,
                1 => bytes.truncate(at),
                2 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, b"()<>[]/0 R"[(seed >> 40) as usize % 10]),
            }
        }
        let _ = read(&bytes);
    }
}
