//! Property tests: whatever text, bytes, HTML or link arrives, the engine keeps its contract.
//!
//! Case counts are kept small enough that the whole file runs in well under 20 s in a debug build;
//! raise them locally with `PROPTEST_CASES=2000 cargo test --test properties`.
// Host only: it needs a process, a file system or parsers that are not built for wasm32.
#![cfg(not(target_arch = "wasm32"))]

mod invariants;

use dateline::corrections::{Corrections, EventDateFix, MentionKey, MentionKind, PlaceChoice, Removal};
use dateline::share::{self, ViewState};
use dateline::{analyze, html, input, Analysis, Options, Span, TimexType};
use invariants::assert_sound;
use proptest::prelude::*;

fn run(text: &str, dct: Option<&str>) -> Analysis {
    let options = Options {
        dct: dct.and_then(|d| dateline::calendar::Date::parse_iso(d).ok()),
        ..Options::default()
    };
    analyze(text, &options)
}

/// Words a news article is made of, so the engines' rules actually fire on the generated text.
const NEWS: &[&str] = &[
    "BEIRUT",
    "(AFP)",
    "—",
    "-",
    ",",
    ".",
    ";",
    ":",
    "\"",
    "“",
    "”",
    "'s",
    "On",
    "on",
    "Monday",
    "Sunday",
    "Sept.",
    "5",
    "September",
    "2016",
    "Sep",
    "last",
    "next",
    "week",
    "month",
    "year",
    "years",
    "ago",
    "two",
    "days",
    "yesterday",
    "today",
    "tomorrow",
    "morning",
    "night",
    "12:30",
    "p.m.",
    "GMT",
    "1990s",
    "2011-03-15",
    "March",
    "2011",
    "since",
    "from",
    "to",
    "until",
    "every",
    "Friday",
    "twice",
    "a",
    "at",
    "least",
    "more",
    "than",
    "43",
    "1,000",
    "3.5",
    "million",
    "dozens",
    "hundreds",
    "of",
    "people",
    "were",
    "killed",
    "wounded",
    "injured",
    "missing",
    "displaced",
    "arrested",
    "in",
    "Homs",
    "Syria",
    "Syrian",
    "Damascus",
    "Tartus",
    "Moscow",
    "Russian",
    "Geneva",
    "Paris",
    "Washington",
    "said",
    "told",
    "President",
    "Bashar",
    "al-Assad",
    "John",
    "Kerry",
    "Secretary",
    "State",
    "UN",
    "United",
    "Nations",
    "Reuters",
    "Islamic",
    "army",
    "rebels",
    "explosion",
    "blasts",
    "attack",
    "talks",
    "ceasefire",
    "agreed",
    "failed",
    "could",
    "will",
    "not",
    "if",
    "the",
    "The",
    "Mr.",
    "Dr.",
    "U.S.",
    "No.",
    "1",
    "0",
    "99999999999999999999",
    "-5",
    "1e308",
    "½",
    "١٢",
    "２０１６年",
    "Ⅻ",
    "\n",
    "\n\n",
    "\t",
    "20th",
    "century",
    "Q3",
    "summer",
    "decade",
    "half",
    "an",
    "hour",
    "minutes",
];

/// Characters that break naive text code: combining marks, bidi controls, zero-width, odd line ends.
const WEIRD: &[char] = &[
    '\u{0301}',
    '\u{0308}',
    '\u{20DD}',
    '\u{036F}', // combining marks
    '\u{200E}',
    '\u{200F}',
    '\u{202A}',
    '\u{202B}',
    '\u{202E}',
    '\u{2066}',
    '\u{2069}', // bidi controls
    'ا',
    'ل',
    'ש',
    'ם',
    '٣', // RTL letters and digits
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{2060}',
    '\u{FEFF}', // zero width
    '\u{00A0}',
    '\u{2028}',
    '\u{2029}',
    '\u{0085}',
    '\r',
    '\u{000B}',
    '\u{000C}', // spaces and line ends
    '\u{FFFD}',
    '\u{10FFFF}',
    '𝟘',
    '👩',
    'ß',
    'ǅ',
    'İ',
    'ﬁ',
    '\u{0}', // astral, case-changing, NUL
];

fn weird_char() -> impl Strategy<Value = char> {
    prop_oneof![3 => proptest::sample::select(WEIRD), 1 => any::<char>()]
}

/// Text built from news words, odd characters and arbitrary Unicode, glued with odd separators.
fn newsy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => proptest::sample::select(NEWS).prop_map(str::to_string),
        2 => weird_char().prop_map(String::from),
        1 => "\\PC{0,6}",
    ];
    let sep = proptest::sample::select(&[" ", " ", " ", "", "\u{200B}", "\u{0301}", "\n", "  "][..]);
    proptest::collection::vec((piece, sep), 0..120)
        .prop_map(|parts| parts.into_iter().flat_map(|(p, s)| [p, s.to_string()]).collect())
}

/// Newsy text without carriage returns, in lines, for the line-ending property.
fn newsy_lines() -> impl Strategy<Value = String> {
    newsy_text().prop_map(|t| t.replace(['\r', '\u{2028}', '\u{2029}', '\u{0085}', '\u{000B}', '\u{000C}'], " "))
}

/// What must not change with line endings: the timexes' types and values and the places' names, in order.
fn line_ending_view(a: &Analysis) -> (Vec<(TimexType, String)>, Vec<String>) {
    (
        a.timexes.iter().map(|t| (t.kind, t.value.clone())).collect(),
        a.places.iter().map(|p| p.name.clone()).collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn analyze_keeps_its_contract_on_newsy_text(text in newsy_text(), dated in any::<bool>()) {
        let a = run(&text, dated.then_some("2016-09-05"));
        assert_sound(&text, &a);
    }

    #[test]
    fn analyze_keeps_its_contract_on_arbitrary_unicode(text in any::<String>()) {
        assert_sound(&text, &run(&text, Some("2016-09-05")));
    }

    #[test]
    fn decode_never_panics_and_never_lets_control_bytes_through(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        match input::decode(&bytes, 1024) {
            Ok(d) => {
                prop_assert!(bytes.len() <= 1024);
                prop_assert!(
                    !d.text.chars().any(|c| c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\x0C')),
                    "control character in decoded text {:?}", d.text
                );
                assert_sound(&d.text, &run(&d.text, None));
            }
            Err(input::InputError::TooLarge { size, limit }) => prop_assert!(size > limit),
            Err(_) => {}
        }
    }

    #[test]
    fn decode_never_lets_control_characters_through_utf16(units in proptest::collection::vec(any::<u16>(), 0..512), big_endian in any::<bool>()) {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        // Mostly small code units, so that many sequences are valid UTF-16 with controls among them.
        for unit in units.into_iter().map(|u| if u % 3 == 0 { u } else { u % 0x80 }) {
            bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        if let Ok(d) = input::decode(&bytes, usize::MAX) {
            prop_assert!(!d.text.chars().any(|c| c < ' ' && !matches!(c, '\n' | '\r' | '\t' | '\x0C')), "{:?}", d.text);
        }
    }

    #[test]
    fn decode_gives_clean_utf8_back_unchanged(text in "[^\u{0}-\u{1F}\u{FEFF}]*") {
        let d = input::decode(text.as_bytes(), usize::MAX).expect("UTF-8 text decodes");
        prop_assert_eq!(d.text, text);
        prop_assert_eq!(d.note, None);
    }

    #[test]
    fn utf16_files_decode_to_their_text(text in "[^\u{0}-\u{1F}]*", big_endian in any::<bool>()) {
        let mut bytes = if big_endian { vec![0xFE, 0xFF] } else { vec![0xFF, 0xFE] };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        prop_assert_eq!(input::decode(&bytes, usize::MAX).expect("UTF-16 decodes").text, text);
    }

    #[test]
    fn html_extract_never_panics_on_tag_soup(soup in html_soup()) {
        let doc = html::extract(&soup.concat());
        assert_sound(&doc.text, &run(&doc.text, None));
    }

    #[test]
    fn a_script_between_complete_tags_never_reaches_the_text(soup in html_soup(), marker_at in any::<proptest::sample::Index>()) {
        // Only whole tokens: a lone `<` or quote would glue the script into a tag, where a browser
        // would not run it either (`<a<script>` is one tag named `a<script`).
        let mut tokens: Vec<String> = soup
            .into_iter()
            .filter(|t| !t.contains(['"', '\'']) && !t.contains("<!--") && (!t.contains('<') || t.ends_with('>')))
            .collect();
        let at = marker_at.index(tokens.len() + 1);
        tokens.insert(at, "<script>window.__x='PLANTED_SCRIPT'</script>".to_string());
        let page = tokens.concat();
        let doc = html::extract(&page);
        prop_assert!(!doc.text.contains("PLANTED_SCRIPT"), "script text leaked: {:?}", doc.text);
    }

    #[test]
    fn html_extract_never_panics_on_arbitrary_strings(page in any::<String>()) {
        let _ = html::looks_like_html(&page);
        let doc = html::extract(&page);
        prop_assert_eq!(doc.text.trim(), doc.text.as_str());
    }

    #[test]
    fn share_decode_never_panics(link in any::<String>()) {
        let _ = share::decode(&link);
        let _ = share::decode(&format!("v1.{link}"));
    }

    #[test]
    fn share_decode_never_panics_on_valid_base64_of_anything(bytes in proptest::collection::vec(any::<u8>(), 0..512), deflate in any::<bool>()) {
        use base64::Engine;
        let packed = if deflate { miniz_oxide::deflate::compress_to_vec(&bytes, 6) } else { bytes };
        let link = format!("v1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed));
        let _ = share::decode(&link);
    }

    #[test]
    fn share_links_round_trip(state in view_state()) {
        let link = share::encode(&state);
        prop_assert!(link[3..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        prop_assert_eq!(share::decode(&link), Ok(state.clone()));
        prop_assert_eq!(share::decode(&format!("#{link}")), Ok(state));
    }
}

proptest! {
    // Three analyses per case: fewer cases keep the file's run time in budget.
    #![proptest_config(ProptestConfig { cases: 40, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_trailing_newline_or_crlf_changes_nothing(text in newsy_lines()) {
        let base = line_ending_view(&run(&text, Some("2016-09-05")));
        let trailing = format!("{text}\n");
        prop_assert_eq!(&line_ending_view(&run(&trailing, Some("2016-09-05"))), &base, "text + \\n");
        let crlf = text.replace('\n', "\r\n");
        prop_assert_eq!(&line_ending_view(&run(&crlf, Some("2016-09-05"))), &base, "LF → CRLF");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn html_extract_never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        let page = String::from_utf8_lossy(&bytes);
        let doc = html::extract(&page);
        prop_assert_eq!(doc.text.trim(), doc.text.as_str());
        prop_assert!(doc.body.len() <= doc.text.len());
        let _ = html::visible_text(&page);
    }
}

/// The extractor is linear on the shapes that make tolerant parsers slow (deep nesting, unclosed and stray tags,
/// references without `;`, many attributes, unterminated comments and JSON-LD, random bytes): 1 MB takes at most
/// twice the time 4 times 256 KB takes, plus noise.
#[test]
fn html_extraction_is_linear_on_hostile_pages() {
    let mut seed = 0x2545_f491_u64;
    let random: String = (0..4096)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let alphabet = b"<>/&;#=\"' abpdivx-!\n";
            char::from(alphabet[(seed % alphabet.len() as u64) as usize])
        })
        .collect();
    let shapes: Vec<(&str, String)> = vec![
        ("deep divs", "<div>".into()),
        ("unclosed inline tags", "<b><i><span class=x>".into()),
        ("stray end tags", "</div></p></li></td>".into()),
        ("references", "&amp&#x&nbsp x& &CounterClockwiseContourIntegra ".into()),
        ("attributes", "<p a=1 b='2' c=\"3\" d e=&amp>".into()),
        ("lone less-than signs", "a < b <".into()),
        ("unterminated comment", "<!-- x ".into()),
        ("table cells", "<table><tr><td>x, y".into()),
        ("list items", "<li>word, word, word".into()),
        ("json-ld", "<script type=application/ld+json>{\"a\":[".into()),
        ("random", random),
    ];
    for (name, unit) in shapes {
        let small = unit.repeat((256 << 10) / unit.len());
        let big = unit.repeat((1 << 20) / unit.len());
        let time = |page: &str| {
            (0..2)
                .map(|_| {
                    let start = std::time::Instant::now();
                    let doc = html::extract(page);
                    std::hint::black_box(doc);
                    start.elapsed()
                })
                .min()
                .unwrap_or_default()
        };
        let (ts, tb) = (time(&small), time(&big));
        eprintln!("{name}: 256 KB {ts:?}, 1 MB {tb:?}");
        assert!(
            tb.as_secs_f64() < 8.0 * ts.as_secs_f64() + 0.05,
            "{name}: 256 KB took {ts:?}, 1 MB {tb:?}: worse than linear"
        );
    }
}

/// Tags, attributes, entities and text, including the hostile kinds, as separate tokens.
fn html_soup() -> impl Strategy<Value = Vec<String>> {
    let token = prop_oneof![
        proptest::sample::select(
            &[
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<b>",
                "</b>",
                "<br>",
                "<br/>",
                "<title>",
                "</title>",
                "<head>",
                "</head>",
                "<body>",
                "<html>",
                "<style>p{}</style>",
                "<!-- c -->",
                "<!--",
                "-->",
                "<img src=x onerror=alert(1)>",
                "<svg onload=alert(1)>",
                "</svg>",
                "<a href=javascript:alert(1)>x</a>",
                "<meta name=date content=2016-09-05>",
                "<time datetime=2016-09-05>",
                "<iframe srcdoc='<script>alert(1)</script>'>",
                "</iframe>",
                "&amp;",
                "&#x41;",
                "&#0;",
                "&#1114112;",
                "&bogus;",
                "&",
                "<",
                ">",
                "</",
                "<!",
                "<?xml?>",
                "<SCRIPT>",
                "</SCRIPT>",
                "</script",
                "<script type=application/ld+json>{\"datePublished\":\"2016\"}</script>",
                "<P CLASS='a>b'>",
                "<article>",
                "</article>",
                "<nav>",
                "<main>",
                "<li>",
                "<h1>",
                "<table><tr><td>",
                "<div class=comments>",
                "<figure><figcaption>",
                "<![CDATA[",
                "]]>",
                "&NotNestedGreaterGreater;",
                "&copy",
                "<meta property=og:title content=T>",
                "\"",
                "'",
                "Rain fell on Monday.",
                "In Homs, 43 were killed.",
                " ",
                "\n",
                "é",
                "\u{200B}",
            ][..],
        )
        .prop_map(str::to_string),
        "\\PC{0,8}",
    ];
    proptest::collection::vec(token, 0..60)
}

fn span() -> impl Strategy<Value = Span> {
    (0usize..10_000, 0usize..10_000).prop_map(|(a, b)| Span::new(a.min(b), a.max(b)))
}

fn mention() -> impl Strategy<Value = MentionKey> {
    (span(), any::<String>()).prop_map(|(span, text)| MentionKey { span, text })
}

fn corrections() -> impl Strategy<Value = Corrections> {
    let kind = prop_oneof![
        Just(MentionKind::Timex),
        Just(MentionKind::Place),
        Just(MentionKind::Entity),
        Just(MentionKind::Event)
    ];
    (
        proptest::collection::vec(
            (mention(), proptest::option::of(any::<u32>()), any::<String>()).prop_map(
                |(mention, geonames_id, name)| PlaceChoice {
                    mention,
                    geonames_id,
                    name,
                },
            ),
            0..3,
        ),
        proptest::collection::vec(
            (kind, mention()).prop_map(|(kind, mention)| Removal { kind, mention }),
            0..3,
        ),
        proptest::collection::vec(
            (mention(), any::<String>()).prop_map(|(trigger, value)| EventDateFix { trigger, value }),
            0..3,
        ),
    )
        .prop_map(|(places, removed, event_dates)| Corrections {
            places,
            removed,
            event_dates,
        })
}

/// Arbitrary JSON for the opaque view settings.
fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_filter("JSON numbers are finite", |f| f.is_finite())
            .prop_map(Value::from),
        any::<String>().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::btree_map(any::<String>(), inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

fn view_state() -> impl Strategy<Value = ViewState> {
    (
        any::<String>(),
        proptest::option::of(any::<String>()),
        corrections(),
        proptest::option::of(any::<String>()),
        proptest::option::of(json_value()),
        proptest::collection::vec((any::<String>(), proptest::option::of(any::<String>())), 0..3),
        (
            proptest::option::of(any::<String>()),
            proptest::option::of(any::<String>()),
            any::<bool>(),
        ),
    )
        .prop_map(
            |(text, dct, corrections, selection, view, others, (title, published, dct_from_text))| ViewState {
                text,
                dct,
                corrections,
                selection,
                view,
                meta: dateline::html::PageMeta {
                    title,
                    published,
                    ..Default::default()
                },
                dct_from_text,
                others: others
                    .into_iter()
                    .map(|(text, dct)| dateline::share::OtherArticle {
                        text,
                        dct,
                        ..Default::default()
                    })
                    .collect(),
            },
        )
}

/// Deeply nested markup: the extractor is iterative, so depth costs nothing but time.
#[test]
fn deeply_nested_html_is_read() {
    for (open, close) in [
        ("<div>", "</div>"),
        ("<b>", "</b>"),
        ("<p><span>", "</span></p>"),
        ("<svg>", "</svg>"),
    ] {
        let depth = 50_000;
        let page = format!(
            "{}Floods hit Faenza on Monday.{}",
            open.repeat(depth),
            close.repeat(depth)
        );
        let doc = html::extract(&page);
        if open == "<svg>" {
            assert_eq!(doc.text, "", "svg content is dropped");
        } else {
            assert_eq!(doc.text, "Floods hit Faenza on Monday.");
        }
        assert_sound(&doc.text, &run(&doc.text, Some("2024-05-20")));
    }
}

/// Runs the analysis on another thread and fails, rather than hangs, when it takes longer than `limit`.
fn run_within(text: String, limit: std::time::Duration) -> (String, Analysis, std::time::Duration) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let start = std::time::Instant::now();
        let a = run(&text, Some("2016-09-05"));
        let _ = tx.send((text, a, start.elapsed()));
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("the analysis did not finish within {limit:?}: something is worse than linear"))
}

/// One megabyte of one repeated token that the date, place and entity engines react to, in one sentence.
/// About 10 s in a debug build; the bound only catches blow-ups. (Events grow faster than linearly
/// with their number: the 10 MB article of `hostile_cli.rs` exercises that.)
#[test]
fn one_megabyte_of_one_repeated_token() {
    let token = "Monday in Homs, ";
    let text = token.repeat((1 << 20) / token.len());
    let (text, a, took) = run_within(text, std::time::Duration::from_secs(30));
    eprintln!("1 MB of {token:?}: {took:?}");
    // Spans only: the JSON round trip of 130,000 mentions would double the run time in a debug build, and
    // the property tests above check it on every shape of output.
    invariants::assert_spans(&text, &a);
    invariants::assert_numbers_finite(&a);
}

/// A line of 100,000 characters with no line break, made of news words and odd characters.
#[test]
fn a_very_long_line() {
    let words: Vec<&str> = NEWS.iter().copied().filter(|w| !w.contains('\n')).collect();
    let mut text = String::new();
    for (k, w) in words.iter().cycle().enumerate() {
        if text.chars().count() >= 100_000 {
            break;
        }
        text.push_str(w);
        text.push(no_line_end(WEIRD[k % WEIRD.len()]));
    }
    let (text, a, _) = run_within(text, std::time::Duration::from_secs(30));
    assert_sound(&text, &a);
}

/// `c`, or a space when it would end the line.
fn no_line_end(c: char) -> char {
    if matches!(c, '\r' | '\u{2028}' | '\u{2029}' | '\u{0085}' | '\u{000B}' | '\u{000C}') {
        ' '
    } else {
        c
    }
}

/// Script-heavy pages cost linear time: one megabyte of small scripts reads in well under a second.
#[test]
fn many_scripts_do_not_make_extraction_quadratic() {
    let page = "<p>x</p><script>a()</script><style>b{}</style>".repeat((1 << 20) / 46);
    let start = std::time::Instant::now();
    let doc = html::extract(&page);
    let took = start.elapsed();
    assert!(doc.text.starts_with('x') && !doc.text.contains("a()"));
    assert!(took.as_secs_f64() < 2.0, "1 MB of scripts took {took:?}");
}

/// Every span of an analysis that names text, in a fixed order (dates, places, entities, events' parts).
fn spans_in_order(a: &Analysis) -> Vec<Span> {
    let mut spans: Vec<Span> = a.document.dct.span.into_iter().collect();
    spans.extend(a.timexes.iter().map(|t| t.span));
    spans.extend(a.places.iter().map(|p| p.span));
    spans.extend(a.entities.iter().map(|e| e.span));
    for e in &a.events {
        spans.push(e.trigger.span);
        spans.extend(e.mentions.iter().map(|m| m.span));
        spans.extend(e.casualties.iter().map(|c| c.span));
        spans.extend(e.evidence.iter().map(|v| v.span));
    }
    spans.extend(a.warnings.iter().filter_map(|w| w.span));
    spans
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Spans converted to characters or UTF-16 units index the same substring as the byte spans did.
    #[test]
    fn converted_offsets_index_the_same_substrings(text in newsy_text()) {
        let bytes = run(&text, Some("2016-09-05"));
        let chars: Vec<char> = text.chars().collect();
        let units: Vec<u16> = text.encode_utf16().collect();
        for unit in [dateline::OffsetUnit::Char, dateline::OffsetUnit::Utf16] {
            let mut converted = bytes.clone();
            dateline::convert_offsets(&mut converted, &text, unit);
            prop_assert_eq!(converted.document.offsets, Some(unit));
            let (before, after) = (spans_in_order(&bytes), spans_in_order(&converted));
            prop_assert_eq!(before.len(), after.len());
            for (b, c) in before.iter().zip(&after) {
                let expected = b.slice(&text);
                let got = match unit {
                    dateline::OffsetUnit::Char => chars[c.start..c.end].iter().collect::<String>(),
                    _ => String::from_utf16(&units[c.start..c.end]).expect("whole characters"),
                };
                prop_assert_eq!(got.as_str(), expected, "{:?} → {:?} in {}", b, c, unit);
            }
        }
    }
}
