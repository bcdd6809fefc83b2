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
        // A run that ends without reading all of its input (`--version`, a refused option) closes the pipe first:
        // what it printed and its status are what the test checks.
        match child.stdin.take().expect("stdin").write_all(bytes) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            written => written.expect("write stdin"),
        }
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

/// The JSON lines of an output.
fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The value of the timex written `text` in an analysis.
fn timex_value(analysis: &serde_json::Value, text: &str) -> String {
    analysis["timexes"]
        .as_array()
        .expect("timexes")
        .iter()
        .find(|t| t["text"] == text)
        .and_then(|t| t["value"].as_str())
        .unwrap_or_else(|| panic!("{text} in {}", analysis["timexes"]))
        .to_string()
}

#[test]
fn jsonl_records_are_each_resolved_against_their_own_dct_and_a_bad_line_does_not_stop_the_run() {
    let input = concat!(
        r#"{"id": "first", "text": "Talks in Geneva failed on Wednesday.", "dct": "2016-09-05"}"#,
        "\n",
        "{\"id\": \"broken\", \"text\": \n",
        "\n",
        r#"{"id": 7, "text": "Protesters marched in Paris on Wednesday.", "dct": "2020-01-10T08:00:00Z", "extra": [1]}"#,
        "\n",
        r#"{"id": "no-text"}"#,
        "\n",
        r#"{"id": "bad-dct", "text": "x", "dct": "2016-02-30"}"#,
        "\n",
        r#"{"id": "page", "html": "<html><head><meta property='article:published_time' content='2024-03-14T09:00:00Z'></head><body><p>Rain fell in Genoa on Wednesday.</p></body></html>"}"#,
        "\n",
    );
    for jobs in ["1", "3"] {
        let out = dateline(&["analyze", "--input", "jsonl", "--jobs", jobs], Some(input.as_bytes()));
        assert_eq!(out.status.code(), Some(3), "some records failed: {}", stderr(&out));
        assert!(
            stderr(&out).is_empty(),
            "record errors go to their lines: {}",
            stderr(&out)
        );
        let lines = json_lines(&out);
        let ids: Vec<&serde_json::Value> = lines.iter().map(|l| &l["id"]).collect();
        assert_eq!(
            ids,
            [
                &serde_json::json!("first"),
                &serde_json::Value::Null,
                &serde_json::json!(7),
                &serde_json::json!("no-text"),
                &serde_json::json!("bad-dct"),
                &serde_json::json!("page")
            ],
            "one line per record, in input order, blank lines skipped"
        );
        assert_eq!(timex_value(&lines[0]["analysis"], "Wednesday"), "2016-08-31");
        assert_eq!(timex_value(&lines[2]["analysis"], "Wednesday"), "2020-01-08");
        assert_eq!(
            timex_value(&lines[5]["analysis"], "Wednesday"),
            "2024-03-13",
            "the page's own date"
        );
        assert_eq!(lines[1]["line"], 2);
        assert!(lines[1]["error"].as_str().unwrap().contains("not a JSON record"));
        assert_eq!(lines[3]["line"], 5, "numbered as in the input, blank line included");
        assert!(
            lines[3]["error"].as_str().unwrap().contains("no \"text\""),
            "{}",
            lines[3]
        );
        assert!(lines[4]["error"].as_str().unwrap().contains("bad dct"), "{}", lines[4]);
        assert!(lines[0].get("error").is_none() && lines[0]["analysis"]["schema_version"] == 1);
    }
    let fine = r#"{"id": 1, "text": "Rain fell on Monday."}"#;
    let out = dateline(&["analyze", "--input", "jsonl", "-"], Some(fine.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "every record analysed: {}", stderr(&out));
    assert_eq!(json_lines(&out).len(), 1, "a last line without a newline is a record");
    assert_refused(
        &dateline(
            &["analyze", "--input", "jsonl", "--format", "csv"],
            Some(fine.as_bytes()),
        ),
        "--input jsonl writes one JSON line per record",
    );
    assert_refused(
        &dateline(&["analyze", "--input", "jsonl", "--jobs", "0"], Some(fine.as_bytes())),
        "bad --jobs",
    );
}

#[test]
fn many_jsonl_records_come_out_in_order_with_several_jobs() {
    let mut input = String::new();
    for i in 0..300 {
        // Every tenth record is long enough to be slower than its neighbours.
        let text = if i % 10 == 0 {
            "Shelling in Homs on Sunday killed three people. ".repeat(40)
        } else {
            format!("Record {i}: talks on Monday.")
        };
        input.push_str(&serde_json::json!({"id": i, "text": text, "dct": "2016-09-07"}).to_string());
        input.push('\n');
    }
    let out = dateline(&["analyze", "--input", "jsonl", "-j", "4"], Some(input.as_bytes()));
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<u64> = json_lines(&out).iter().map(|l| l["id"].as_u64().expect("id")).collect();
    assert_eq!(ids, (0..300).collect::<Vec<u64>>());
}

#[test]
fn several_inputs_give_one_valid_document_in_every_format() {
    let a = temp_file(
        "multi-a.txt",
        b"Blasts in Homs on Sunday killed 12 people, monitors said.\n",
    );
    let b = temp_file("multi-b.txt", b"Talks in Geneva failed on Monday, officials said.\n");
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    let run = |format: &str| {
        let out = dateline(&["analyze", "--dct", "2016-09-07", "--format", format, a, b], None);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let array: serde_json::Value = serde_json::from_str(&run("json")).expect("one JSON array");
    let sources: Vec<&str> = array
        .as_array()
        .expect("an array")
        .iter()
        .map(|a| a["document"]["source"].as_str().expect("source"))
        .collect();
    assert_eq!(sources, [a, b]);
    assert_eq!(run("jsonl").lines().count(), 2);
    let geo: geojson::GeoJson = run("geojson").parse().expect("one GeoJSON document");
    let geojson::GeoJson::FeatureCollection(fc) = geo else {
        panic!("a FeatureCollection")
    };
    for source in [a, b] {
        assert!(
            fc.features
                .iter()
                .any(|f| f.property("source").and_then(|s| s.as_str()) == Some(source)),
            "features of {source}"
        );
    }
    let csv_out = run("csv");
    let mut reader = csv::Reader::from_reader(csv_out.as_bytes());
    let headers = reader.headers().expect("header").clone();
    let col = headers.iter().position(|h| h == "source").expect("a source column");
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("one valid table");
    assert!(
        rows.iter().any(|r| &r[col] == a) && rows.iter().any(|r| &r[col] == b),
        "{csv_out}"
    );
    let calendar: icalendar::Calendar = run("ics").parse().expect("one calendar");
    assert!(calendar.components.iter().filter(|c| c.as_event().is_some()).count() >= 2);
    assert_eq!(run("ics").matches("BEGIN:VCALENDAR").count(), 1);
    let timeline: serde_json::Value = serde_json::from_str(&run("timelinejs")).expect("one timeline");
    let slides = timeline["events"].as_array().expect("slides");
    let ids: std::collections::HashSet<&str> = slides.iter().filter_map(|s| s["unique_id"].as_str()).collect();
    assert!(
        slides.len() >= 2 && ids.len() == slides.len(),
        "unique slide ids: {timeline}"
    );
    // StoryMapJS: one story map, one overview, then slides of both files, each at a place.
    let story: serde_json::Value = serde_json::from_str(&run("storymapjs")).expect("one story map");
    let slides = story["storymap"]["slides"].as_array().expect("slides");
    assert_eq!(slides[0]["type"], "overview");
    assert_eq!(slides.iter().filter(|s| s["type"] == "overview").count(), 1);
    let names: Vec<&str> = slides[1..]
        .iter()
        .map(|s| s["location"]["name"].as_str().expect("a place name"))
        .collect();
    assert!(
        names.iter().any(|n| n.contains("Homs")) && names.iter().any(|n| n.contains("Geneva") || n.contains("Genève")),
        "{story}"
    );
    let text = run("text");
    assert_eq!(text.split("\n\x0c\n").count(), 2, "{text:?}");
    let out = dateline(&["analyze", "--format", "timeml", a, b], None);
    assert_refused(&out, "one TimeML document per file");
}

#[test]
fn conventional_options_version_help_output_and_double_dash() {
    let version = dateline(&["--version"], None);
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), "dateline 0.1.0");
    let help = dateline(&["analyze", "--help"], None);
    let help = String::from_utf8_lossy(&help.stdout);
    for needed in [
        "Examples:",
        "Exit status:",
        "geojson",
        "timelinejs",
        "--input",
        "--offsets",
        "--jobs",
    ] {
        assert!(help.contains(needed), "help mentions {needed}");
    }
    let dashed = temp_file("-dashed.txt", b"Rain fell in Genoa on Monday.");
    let dir = dashed.parent().unwrap().to_str().unwrap().to_string();
    let target = temp_file("written.json", b"");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .current_dir(&dir)
        .args(["analyze", "--format=json", "--dct", "2016-09-05", "-o"])
        .arg(&target)
        .args(["--", "-dashed.txt"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty(), "written to the -o file instead");
    let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&target).expect("output file")).expect("JSON");
    assert_eq!(v["document"]["source"], "-dashed.txt");
    assert_refused(&dateline(&["analyze", "--frobnicate"], Some(b"x")), "'--frobnicate'");
    assert_refused(
        &dateline(&["analyze", "--offsets", "words"], Some(b"x")),
        "bad --offsets",
    );
    assert_refused(
        &dateline(&["analyze", "--format"], Some(b"x")),
        "--format needs a value",
    );
}

#[test]
fn offsets_in_chars_slice_a_python_string_right() {
    let text = "São Paulo — Protesters marched on Wednesday in São Paulo.";
    let out = dateline(
        &["analyze", "--dct", "2016-09-05", "--offsets", "char"],
        Some(text.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["document"]["offsets"], "char");
    let chars: Vec<char> = text.chars().collect();
    let mut checked = 0;
    for list in ["timexes", "places"] {
        for item in v[list].as_array().unwrap() {
            let (s, e) = (
                item["span"]["start"].as_u64().unwrap() as usize,
                item["span"]["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(chars[s..e].iter().collect::<String>(), item["text"].as_str().unwrap());
            checked += 1;
        }
    }
    assert!(checked >= 2, "{v}");
    let bytes = dateline(&["analyze"], Some(text.as_bytes()));
    let v: serde_json::Value = serde_json::from_slice(&bytes.stdout).expect("JSON");
    assert!(
        v["document"].get("offsets").is_none(),
        "bytes: the default contract, unchanged"
    );
    // CSV prints the triggers' offsets: in UTF-16 units they slice a JavaScript string right.
    let fire = format!("🔥 {text}");
    let csv_out = dateline(
        &[
            "analyze",
            "--dct",
            "2016-09-05",
            "--offsets",
            "utf16",
            "--format",
            "csv",
        ],
        Some(fire.as_bytes()),
    );
    let units: Vec<u16> = fire.encode_utf16().collect();
    let mut reader = csv::Reader::from_reader(csv_out.stdout.as_slice());
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect("column");
    let rows: Vec<csv::StringRecord> = reader.records().collect::<Result<_, _>>().expect("CSV");
    assert!(
        !rows.is_empty(),
        "an event: {}",
        String::from_utf8_lossy(&csv_out.stdout)
    );
    for row in rows {
        let (s, e): (usize, usize) = (row[col("start")].parse().unwrap(), row[col("end")].parse().unwrap());
        assert_eq!(String::from_utf16(&units[s..e]).unwrap(), &row[col("trigger")]);
    }
}

/// On a terminal, `dateline analyze` with no FILE prints its help instead of waiting for a text (run under
/// `script`, which gives it a terminal; skipped where `script` is missing).
#[test]
fn on_a_terminal_with_no_input_it_prints_help_instead_of_waiting() {
    let command = format!("{} analyze", env!("CARGO_BIN_EXE_dateline"));
    let child = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("SKIP: `script` (util-linux) is not installed");
        return;
    };
    let start = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if start.elapsed() > std::time::Duration::from_secs(20) {
            let _ = child.kill();
            panic!("dateline analyze waited on the terminal");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let out = child.wait_with_output().expect("finishes");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("no input") && shown.contains("Usage:"), "{shown}");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn dct_text_takes_the_newest_written_date_only_when_nothing_else_dates_the_text() {
    let undated = temp_file(
        "undated.txt",
        b"Talks collapsed in Geneva on Tuesday.\n\nThe deal drafted on 14 March 2025 was not signed.\n",
    );
    let out = dateline(
        &["analyze", "--dct", "text", undated.to_str().expect("utf-8 path")],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let analysis: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(analysis["document"]["dct"]["value"], "2025-03-14");
    assert_eq!(analysis["document"]["dct"]["source"], "text");
    assert!(analysis["timexes"]
        .as_array()
        .expect("timexes")
        .iter()
        .any(|t| t["text"] == "Tuesday" && t["value"] == "2025-03-11"));
    // A dateline comes first.
    let dated = temp_file(
        "dated.txt",
        b"GENEVA, Monday 5 Sep 2016\n\nTalks collapsed on 14 March 2025.\n",
    );
    let out = dateline(&["analyze", "--dct", "text", dated.to_str().expect("utf-8 path")], None);
    let analysis: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(analysis["document"]["dct"]["source"], "dateline");
    // "today" is the person's date.
    let out = dateline(
        &["analyze", "--dct", "today", undated.to_str().expect("utf-8 path")],
        None,
    );
    let analysis: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(analysis["document"]["dct"]["source"], "user");
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

#[test]
fn only_dates_gives_the_same_dates_without_names_places_or_events() {
    let text = "GENEVA, March 14, 2024 (Dateline) - Talks between Maria Lopez and the United Nations failed on \
                Wednesday, two days after shelling in Aleppo killed 12 people.\n\nThe next round is due in the \
                second half of April, officials said, a year after the 2023 ceasefire.\n";
    let path = temp_file("only-dates.txt", text.as_bytes());
    let path = path.to_str().unwrap();
    let parse = |out: Output| -> serde_json::Value {
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        serde_json::from_slice(&out.stdout).expect("one JSON document")
    };
    let full = parse(dateline(&["analyze", path], None));
    let dates = parse(dateline(&["analyze", "--only", "dates", path], None));
    assert!(!full["timexes"].as_array().expect("timexes").is_empty());
    assert_eq!(
        dates["timexes"], full["timexes"],
        "the same dates, resolved the same way"
    );
    assert_eq!(dates["document"]["dct"], full["document"]["dct"]);
    for key in ["entities", "places", "events"] {
        assert!(
            !full[key].as_array().expect(key).is_empty(),
            "the full analysis has {key}"
        );
        assert_eq!(dates[key], serde_json::json!([]), "--only dates has no {key}");
    }
    let warnings = dates["warnings"].as_array().expect("warnings");
    assert!(
        warnings.iter().all(|w| w["code"] != "no_gazetteer"),
        "no warning about places that were not asked for: {warnings:?}"
    );

    // Records too, each against its own dct.
    let records = "{\"id\":\"a\",\"text\":\"Talks failed on Wednesday.\",\"dct\":\"2016-09-05\"}\n\
                   {\"id\":\"b\",\"text\":\"Talks failed on Wednesday.\",\"dct\":\"2020-01-10\"}\n";
    let out = dateline(
        &["analyze", "--input", "jsonl", "--only", "dates"],
        Some(records.as_bytes()),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = json_lines(&out);
    let values: Vec<&str> = lines
        .iter()
        .map(|l| l["analysis"]["timexes"][0]["value"].as_str().expect("a date"))
        .collect();
    assert_eq!(values, ["2016-08-31", "2020-01-08"]);

    assert_refused(
        &dateline(&["analyze", "--only", "dates", "--format", "csv", path], None),
        "--only dates",
    );
    assert_refused(&dateline(&["analyze", "--only", "names", path], None), "--only");
}

#[test]
fn a_record_written_alone_is_answered_before_the_next_one_is_written() {
    use std::io::{BufRead, BufReader};
    use std::sync::mpsc;
    use std::time::Duration;
    // Records travel in batches: one written alone must not wait for a batch to fill up.
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(["analyze", "--input", "jsonl", "--only", "dates", "-j", "2"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dateline binary runs");
    let mut stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    let (lines_tx, lines_rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines_tx.send(line.expect("a line")).is_err() {
                return;
            }
        }
    });
    for (id, dct, expected) in [(1, "2016-09-05", "2016-08-31"), (2, "2020-01-10", "2020-01-08")] {
        let record = format!("{{\"id\":{id},\"text\":\"Talks failed on Wednesday.\",\"dct\":\"{dct}\"}}\n");
        stdin.write_all(record.as_bytes()).expect("write a record");
        stdin.flush().expect("flush");
        let line = lines_rx
            .recv_timeout(Duration::from_secs(30))
            .expect("the record's line comes while the input stays open");
        let json: serde_json::Value = serde_json::from_str(&line).expect("a JSON line");
        assert_eq!(json["id"], id);
        assert_eq!(json["analysis"]["timexes"][0]["value"], expected);
    }
    drop(stdin);
    assert!(child.wait().expect("dateline finishes").success());
}
