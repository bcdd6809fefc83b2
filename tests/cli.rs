//! The CLI contract: JSON shape, exit codes and one-line messages on bad input.
// Host only: it needs a process, a file system or parsers that are not built for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

fn dateline(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dateline binary runs");
    if let Some(bytes) = stdin {
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(bytes)
            .expect("write stdin");
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("dateline finishes")
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write temp file");
    path
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).to_string()
}

/// Exit 2, exactly one line on stderr naming `what`, no panic text or backtrace.
fn assert_refused(out: &Output, what: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "exit code; stderr: {err}");
    assert!(err.contains(what), "stderr names {what}: {err}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "no panic: {err}"
    );
    assert!(out.stdout.is_empty(), "nothing on stdout");
}

#[test]
fn analysis_json_has_the_documented_shape() {
    let text = "Storm hits coast

Rain fell in Genoa on Monday.
";
    let path = temp_file("story.txt", text.as_bytes());
    let out = dateline(&["analyze", "--dct", "2024-03-14", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is one JSON document");
    assert_eq!(json["schema_version"], 1);
    for key in ["timexes", "places", "entities", "events", "warnings"] {
        assert!(json[key].is_array(), "{key} is an array");
    }
    let doc = &json["document"];
    assert_eq!(doc["dct"]["value"], "2024-03-14");
    assert_eq!(doc["dct"]["source"], "user");
    assert_eq!(doc["length_bytes"], text.len());
    assert_eq!(doc["language"], "en");
    assert_eq!(doc["title"], "Storm hits coast");
}

#[test]
fn jsonl_gives_one_line_per_file_and_stdin_works() {
    let a = temp_file("a.txt", b"One.");
    let b = temp_file("b.txt", b"Two.");
    let out = dateline(
        &["analyze", "--format", "jsonl", a.to_str().unwrap(), b.to_str().unwrap()],
        None,
    );
    assert!(out.status.success());
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        assert_eq!(v["schema_version"], 1);
    }
    let piped = dateline(&["analyze", "-"], Some(b"From standard input."));
    assert!(piped.status.success());
    let v: serde_json::Value = serde_json::from_slice(&piped.stdout).unwrap();
    assert_eq!(v["document"]["length_bytes"], 20);
}

#[test]
fn missing_file_directory_binary_and_bad_dct_are_refused_with_one_line() {
    assert_refused(
        &dateline(&["analyze", "/no/such/file.txt"], None),
        "/no/such/file.txt: no such file",
    );
    let dir = std::env::temp_dir();
    assert_refused(&dateline(&["analyze", dir.to_str().unwrap()], None), "is a directory");
    let png = temp_file(
        "image.png",
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa",
    );
    assert_refused(&dateline(&["analyze", png.to_str().unwrap()], None), "binary data");
    let ok = temp_file("fine.txt", b"Fine.");
    assert_refused(
        &dateline(&["analyze", "--dct", "2016-13-01", ok.to_str().unwrap()], None),
        "bad --dct",
    );
    assert_refused(
        &dateline(&["analyze", "--dct", "yesterday", ok.to_str().unwrap()], None),
        "bad --dct",
    );
    assert_refused(
        &dateline(&["analyze", "--format", "pdf", ok.to_str().unwrap()], None),
        "unknown format 'pdf'",
    );
    for out in [
        dateline(&["analyze", "/no/such"], None),
        dateline(&["analyze", "--dct", "x"], None),
    ] {
        assert!(stderr(&out).lines().count() <= 2, "short message: {}", stderr(&out));
    }
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let ok = temp_file("ok.txt", b"Good text.");
    let out = dateline(
        &["analyze", "--format", "jsonl", "/no/such.txt", ok.to_str().unwrap()],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::str::from_utf8(&out.stdout).unwrap().lines().count(), 1);
}

#[test]
fn empty_file_gives_a_valid_analysis_with_a_warning() {
    let empty = temp_file("empty.txt", b"");
    let out = dateline(&["analyze", empty.to_str().unwrap()], None);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["warnings"][0]["code"], "empty_input");
}

#[test]
fn latin1_file_is_read_with_an_encoding_warning() {
    let latin1 = temp_file("latin1.txt", b"Caf\xe9 in Br\xfcssel.");
    let out = dateline(&["analyze", latin1.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["document"]["length_bytes"], "Café in Brüssel.".len());
    assert_eq!(v["warnings"][0]["code"], "encoding");
}

#[test]
fn html_input_drops_scripts_and_reads_title_and_published_date() {
    let html = br#"<html><head><title>Flood report</title>
        <meta property="article:published_time" content="2024-03-14T09:00:00Z"></head>
        <body><script>var secret = "SCRIPT_BODY";</script><p>Rain fell on Wednesday.</p></body></html>"#;
    let path = temp_file("page.html", html);
    let out = dateline(&["analyze", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["document"]["title"], "Flood report");
    assert_eq!(v["document"]["dct"]["source"], "meta");
    // The metadata keeps its clock time: a TIMEX3 value at minute precision.
    assert!(
        v["document"]["dct"]["value"]
            .as_str()
            .unwrap()
            .starts_with("2024-03-14"),
        "{}",
        v["document"]["dct"]
    );
    // The analysed text is the headline, a blank line and the article.
    assert_eq!(
        v["document"]["length_bytes"],
        "Flood report\n\nRain fell on Wednesday.".len()
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("SCRIPT_BODY"));
    let text = dateline(&["analyze", "--format", "text", path.to_str().unwrap()], None);
    assert!(text.status.success(), "{}", stderr(&text));
    assert_eq!(
        String::from_utf8_lossy(&text.stdout),
        "Flood report\n\nRain fell on Wednesday.\n"
    );
}

#[test]
fn html_pages_give_their_article_and_metadata() {
    let para =
        "<p>Rescuers reached the village of Faenza on Monday, officials said, after the floods cut the road.</p>";
    let html = format!(
        r#"<html><head><title>Floods cut off Faenza - The Daily</title>
        <meta property="og:site_name" content="The Daily"><link rel="canonical" href="https://example.org/floods">
        <script type="application/ld+json"><![CDATA[{{"@type":"NewsArticle","headline":"Floods cut off Faenza",
          "datePublished":"2023-05-16T08:00:00Z","author":{{"name":"A. Writer"}}}}]]></script>
        <meta property="article:published_time" content="2023-05-18T08:00:00Z"></head>
        <body><nav><a href="/">Home</a> <a href="/world">World news from Geneva</a></nav>
        <article><h1>Floods cut off Faenza</h1>{para}{para}</article>
        <aside class="related"><p>Talks in Geneva failed on Sunday, and the delegates went home to Vienna.</p></aside>
        </body></html>"#
    );
    let path = temp_file("article.html", html.as_bytes());
    let out = dateline(&["analyze", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let doc = &v["document"];
    assert_eq!(doc["title"], "Floods cut off Faenza");
    assert_eq!(doc["byline"], "A. Writer");
    assert_eq!(doc["site_name"], "The Daily");
    assert_eq!(doc["url"], "https://example.org/floods");
    assert_eq!(doc["dct"]["value"], "2023-05-16T08:00");
    assert_eq!(v["warnings"][0]["code"], "meta_dates_disagree");
    // Nothing from the menu or the related story reaches the map.
    let places: Vec<&str> = v["places"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["name"].as_str())
        .collect();
    assert!(!places.iter().any(|p| *p == "Geneva" || *p == "Vienna"), "{places:?}");
}

#[test]
fn spans_are_valid_byte_offsets_on_non_ascii_text() {
    let text = "Le président est arrivé à Damas lundi 5 septembre 2016. “Yes,” said Ça Zhang in Zürich on Monday.";
    let path = temp_file("accents.txt", text.as_bytes());
    let out = dateline(&["analyze", "--dct", "2016-09-05", path.to_str().unwrap()], None);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for list in ["timexes", "places", "entities"] {
        for item in v[list].as_array().unwrap() {
            let (s, e) = (
                item["span"]["start"].as_u64().unwrap() as usize,
                item["span"]["end"].as_u64().unwrap() as usize,
            );
            let slice = text
                .get(s..e)
                .unwrap_or_else(|| panic!("{list} span {s}..{e} is not on char boundaries"));
            assert_eq!(slice, item["text"].as_str().unwrap());
        }
    }
}

/// An argument echoed in a message is cut around "…" to at most 200 characters, on one line.
#[test]
fn long_arguments_are_cut_in_messages() {
    let long = format!("{}\n{}", "9".repeat(50_000), "8".repeat(50_000));
    let ok = temp_file("cut.txt", b"Fine.");
    for args in [
        vec!["analyze", "--dct", long.as_str(), ok.to_str().unwrap()],
        vec!["analyze", &format!("--dct={long}")],
        vec!["analyze", "--format", long.as_str()],
        vec!["analyze", &format!("--{long}")],
        vec![long.as_str()],
        vec!["analyze", long.as_str()],
    ] {
        let out = dateline(&args, None);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.len() < 1000, "short: {} bytes", err.len());
        assert!(err.lines().count() <= 2, "the message and the usage line: {err}");
        assert!(err.contains("99999…88888"), "both ends kept around …: {err}");
        assert!(!err.contains(&"9".repeat(101)), "cut: {err}");
    }
}

/// Dates computed past 9999 are underspecified, never five digits or a wrapped decade: "next decade"
/// on 9999-12-31 was `1000` (read as the 10000s, or as a year).
#[test]
fn date_arithmetic_past_year_9999_stays_underspecified() {
    let text = "Next decade, next year, next month and next week. Tomorrow. Next spring. \
                The first quarter of next year. Next January. Last year.";
    let path = temp_file("y9999.txt", text.as_bytes());
    let out = dateline(&["analyze", "--dct", "9999-12-31", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let value = |t: &str| {
        v["timexes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["text"].as_str().unwrap().eq_ignore_ascii_case(t))
            .unwrap_or_else(|| panic!("{t} found: {}", v["timexes"]))["value"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(value("Next decade"), "XXX");
    assert_eq!(value("next year"), "XXXX");
    assert_eq!(value("next month"), "XXXX-XX");
    assert_eq!(value("next week"), "XXXX-WXX");
    assert_eq!(value("Tomorrow"), "XXXX-XX-XX");
    assert_eq!(value("Next spring"), "XXXX-SP");
    assert_eq!(value("The first quarter of next year"), "XXXX-QX");
    assert_eq!(value("Next January"), "XXXX-XX");
    assert_eq!(value("Last year"), "9998");
    for t in v["timexes"].as_array().unwrap() {
        let s = t["value"].as_str().unwrap();
        assert!(
            s.bytes().take_while(u8::is_ascii_digit).nth(4).is_none(),
            "five digits: {s}"
        );
    }
}

#[test]
fn a_text_longer_than_a_window_comes_out_as_one_analysis_in_every_json_format() {
    // Past `WINDOW_BYTES` the CLI analyses window by window and writes records as they come: the output must
    // still be one analysis of the whole text, with spans into it and ids numbered across the windows.
    let paragraph = "Shelling in Homs on Sunday killed three people, monitors said.\n\n";
    let count = dateline::WINDOW_BYTES / paragraph.len() + 200;
    let text = format!("Storm of shells\n\n{}", paragraph.repeat(count));
    let path = temp_file("long.txt", text.as_bytes());
    let file = path.to_str().unwrap();
    let pretty = dateline(&["analyze", "--dct", "2016-09-05", file], None);
    let compact = dateline(&["analyze", "--dct", "2016-09-05", "--format", "jsonl", file], None);
    assert_eq!(pretty.status.code(), Some(0), "{}", stderr(&pretty));
    let read = |out: &Output| -> serde_json::Value { serde_json::from_slice(&out.stdout).expect("one JSON analysis") };
    let (analysis, line) = (read(&pretty), read(&compact));
    assert_eq!(analysis, line, "json and jsonl say the same");
    assert_eq!(
        compact.stdout.iter().filter(|&&b| b == b'\n').count(),
        1,
        "jsonl is one line"
    );
    assert_eq!(analysis["document"]["length_bytes"], text.len());
    assert_eq!(analysis["document"]["title"], "Storm of shells");
    let places = analysis["places"].as_array().expect("places");
    assert_eq!(places.len(), count, "one Homs per paragraph");
    for (i, place) in places.iter().enumerate() {
        assert_eq!(place["id"], format!("p{}", i + 1));
        let (start, end) = (
            place["span"]["start"].as_u64().unwrap(),
            place["span"]["end"].as_u64().unwrap(),
        );
        assert_eq!(&text[start as usize..end as usize], "Homs");
    }
    let timexes = analysis["timexes"].as_array().expect("timexes");
    assert_eq!(timexes.len(), count);
    assert!(timexes.iter().all(|t| t["value"] == "2016-09-04"));
    let ids: std::collections::HashSet<&str> = places.iter().filter_map(|p| p["id"].as_str()).collect();
    for event in analysis["events"].as_array().expect("events") {
        for place in event["places"].as_array().expect("event places") {
            assert!(
                ids.contains(place.as_str().unwrap()),
                "event names a place of the analysis"
            );
        }
    }
}

#[test]
fn a_text_in_another_language_keeps_only_figures_unless_read_as_english() {
    let text = "Le président a visité Perth et Homs le 2016-09-05. Les négociations avec les rebelles sont \
                terminées, a déclaré le ministre, et les troupes resteront dans la ville pour une semaine.\n";
    let path = temp_file("french.txt", text.as_bytes());
    let file = path.to_str().unwrap();
    let read = |out: &Output| -> serde_json::Value { serde_json::from_slice(&out.stdout).expect("JSON") };
    let gated = read(&dateline(&["analyze", file], None));
    assert_eq!(gated["document"]["language"], "fr");
    assert!(gated["document"]["language_confidence"]
        .as_f64()
        .is_some_and(|c| c > 0.0));
    let warning = gated["warnings"]
        .as_array()
        .and_then(|w| w.iter().find(|w| w["code"] == "unsupported_language"))
        .expect("an unsupported_language warning");
    assert!(warning["message"].as_str().unwrap().contains("French"), "{warning}");
    assert_eq!(gated["places"], serde_json::json!([]), "no place from English tables");
    assert_eq!(gated["events"], serde_json::json!([]));
    let timexes: Vec<&str> = gated["timexes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["text"].as_str())
        .collect();
    assert_eq!(timexes, vec!["2016-09-05"], "dates in figures stay");

    let anyway = read(&dateline(&["analyze", "--language", "en", file], None));
    assert_eq!(anyway["document"]["language"], "fr", "still said to look French");
    assert!(
        !anyway["places"].as_array().unwrap().is_empty(),
        "read as English: places come back"
    );

    assert_refused(
        &dateline(&["analyze", "--language", "fr", file], None),
        "English (en) only",
    );
}

#[test]
fn a_word_document_gives_the_same_analysis_as_its_text() {
    // A .docx made here: a zip of WordprocessingML, each paragraph split in runs as Word writes them.
    let paragraphs = [
        "Blasts kill 12 in Homs",
        "BEIRUT, Sept 5, 2016 (AFP) - Two explosions killed 12 people in Homs on Sunday, a monitor said.",
        "Talks in Geneva on Monday failed, officials said.",
    ];
    let mut xml = String::from(r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>"#);
    for p in paragraphs {
        let (a, b) = p.split_at(p.len() / 2);
        xml.push_str(&format!(
            r#"<w:p><w:r><w:t xml:space="preserve">{a}</w:t></w:r><w:r><w:t>{b}</w:t></w:r></w:p>"#
        ));
    }
    xml.push_str("</w:body></w:document>");
    let packed = deflate(xml.as_bytes());
    let name = b"word/document.xml";
    let mut zip = Vec::new();
    let fixed = |zip: &mut Vec<u8>| {
        zip.extend_from_slice(&[0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        zip.extend_from_slice(&(packed.len() as u32).to_le_bytes());
        zip.extend_from_slice(&(xml.len() as u32).to_le_bytes());
        zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
        zip.extend_from_slice(&[0, 0]);
    };
    zip.extend_from_slice(b"PK\x03\x04\x14\x00");
    fixed(&mut zip);
    zip.extend_from_slice(name);
    zip.extend_from_slice(&packed);
    let directory = zip.len();
    zip.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00");
    fixed(&mut zip);
    zip.extend_from_slice(&[0; 10]);
    zip.extend_from_slice(&0u32.to_le_bytes());
    zip.extend_from_slice(name);
    let size = zip.len() - directory;
    zip.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0");
    zip.extend_from_slice(&(size as u32).to_le_bytes());
    zip.extend_from_slice(&(directory as u32).to_le_bytes());
    zip.extend_from_slice(&[0, 0]);

    let docx = temp_file("story.docx", &zip);
    let txt = temp_file("story-docx.txt", (paragraphs.join("\n\n") + "\n").as_bytes());
    let read = |path: &PathBuf| -> serde_json::Value {
        let out = dateline(&["analyze", path.to_str().unwrap()], None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let mut v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        v["document"]["source"] = serde_json::Value::Null;
        v
    };
    let (from_docx, from_text) = (read(&docx), read(&txt));
    assert!(!from_docx["events"].as_array().unwrap().is_empty());
    assert_eq!(from_docx, from_text, "same events, places and dates as the text");

    let bad = temp_file("broken.docx", &zip[..zip.len() / 2]);
    assert_refused(&dateline(&["analyze", bad.to_str().unwrap()], None), "damaged");
    let pdf = temp_file("report.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n");
    assert_refused(&dateline(&["analyze", pdf.to_str().unwrap()], None), "PDF is damaged");
}

#[test]
fn a_pdf_gives_the_same_analysis_as_its_text() {
    // The app's sample article printed by Chromium (tests/samples/pdf, scripts/build-pdf-fixtures).
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let pdf = root.join("tests/samples/pdf/sample-chromium.pdf");
    let txt = root.join("src/app/sample_article.txt");
    let read = |path: &PathBuf| -> serde_json::Value {
        let out = dateline(&["analyze", path.to_str().unwrap()], None);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        v
    };
    let (from_pdf, from_text) = (read(&pdf), read(&txt));
    assert!(!from_pdf["events"].as_array().unwrap().is_empty());
    // The PDF's text is the article's but for the final blank line: spans and ids agree.
    for part in ["events", "timexes", "places"] {
        assert_eq!(from_pdf[part], from_text[part], "same {part} as the text");
    }
    // Without its cross-reference table the file is repaired by a scan, and the output says so.
    let whole = std::fs::read(&pdf).expect("fixture");
    let table = whole.windows(5).rposition(|w| w == b"xref\n").expect("a classic table");
    let cut = temp_file("no-table.pdf", &whole[..table]);
    let repaired = read(&cut);
    assert_eq!(repaired["events"], from_text["events"]);
    let codes: Vec<&str> = repaired["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|w| w["code"].as_str())
        .collect();
    assert!(codes.contains(&"document"), "{codes:?}");
    let scanned = root.join("tests/samples/pdf/scanned.pdf");
    assert_refused(
        &dateline(&["analyze", scanned.to_str().unwrap()], None),
        "no text layer",
    );
    let locked = root.join("tests/samples/pdf/sample-encrypted.pdf");
    assert_refused(&dateline(&["analyze", locked.to_str().unwrap()], None), "encrypted");
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec(bytes, 6)
}

#[test]
fn a_web_page_in_a_legacy_encoding_is_read_by_its_declaration() {
    let html = r#"<html><head><meta charset="windows-1251"><title>Пожар</title></head>
        <body><article><h1>Пожар в Харькове</h1><p>Пожар в Харькове 5 сентября 2016 года.</p></article></body></html>"#;
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(html);
    let path = temp_file("cyrillic.html", &bytes);
    let out = dateline(&["analyze", "--format", "text", path.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).expect("UTF-8 out");
    assert!(text.contains("Пожар в Харькове 5 сентября 2016 года."), "{text}");
}
