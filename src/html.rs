//! Plain text out of an HTML page: scripts and styles dropped, blocks turned into line breaks,
//! entities decoded; plus the title and publication date from the page's metadata.
//!
//! This never executes or fetches anything; it only reads characters. The browser app uses the
//! browser's inert `DOMParser` instead, and this extractor for the CLI.

/// What was read from an HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlDocument {
    /// The visible text, with block boundaries as line breaks.
    pub text: String,
    /// `<title>` or `og:title`.
    pub title: Option<String>,
    /// Publication date from metadata, as written there (`2016-09-05T14:02:00Z`).
    pub published: Option<String>,
}

impl HtmlDocument {
    /// The text to analyse; the page's title and publication date go into `options`, where
    /// [`crate::analyze`] reads them (the CLI and the fuzz target read pages through this one path).
    pub fn into_text(self, options: &mut crate::Options) -> String {
        options.title = self.title;
        options.meta_dct = self.published;
        self.text
    }
}

/// Elements whose content is never text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object",
];

/// Elements that start a new paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "figcaption",
    "title",
    "ul",
    "ol",
    "table",
    "pre",
    "hr",
    "dd",
    "dt",
    "main",
];

/// Metadata names that carry the publication date, most trusted first.
const DATE_META: &[&str] = &[
    "article:published_time",
    "datepublished",
    "og:published_time",
    "pubdate",
    "publishdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "article:modified_time",
];

/// True when `input` looks like an HTML document rather than plain text.
pub fn looks_like_html(input: &str) -> bool {
    let head = input
        .trim_start()
        .get(..512.min(input.trim_start().len()))
        .unwrap_or("");
    let lower = head.to_ascii_lowercase();
    lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.contains("<body")
        || lower.contains("<p>")
}

/// Extracts the text, title and publication date of an HTML page.
pub fn extract(html: &str) -> HtmlDocument {
    let mut doc = HtmlDocument::default();
    let mut text = String::with_capacity(html.len() / 2);
    let mut meta_dates: Vec<(usize, String)> = Vec::new();
    let mut og_title = None;
    let bytes = html.as_bytes();
    let mut i = 0;
    while i < html.len() {
        if bytes[i] != b'<' {
            let next = html[i..].find('<').map_or(html.len(), |k| i + k);
            push_text(&mut text, &decode_entities(&html[i..next]));
            i = next;
            continue;
        }
        // As in a browser, `<` starts markup only before a letter, `/`, `!` or `?`; otherwise it is text
        // ("a < b", "<<script>"), and treating it as a tag would swallow what follows.
        if !matches!(bytes.get(i + 1), Some(b) if b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?')) {
            push_text(&mut text, "<");
            i += 1;
            continue;
        }
        if html[i..].starts_with("<!--") {
            i = html[i..].find("-->").map_or(html.len(), |k| i + k + 3);
            continue;
        }
        let Some(close) = find_tag_end(html, i) else {
            break;
        };
        let tag = &html[i + 1..close];
        i = close + 1;
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        if !closing && DROPPED.contains(&name.as_str()) && !tag.ends_with('/') {
            // Skip to the matching close tag; JSON-LD in a script still yields its date.
            // Searched in place: lower-casing the rest of the page for every script made pages with many
            // scripts quadratic (a megabyte of small scripts took over a minute).
            let end_tag = format!("</{name}");
            let body_end = find_ignore_ascii_case(&html[i..], &end_tag).map_or(html.len(), |k| i + k);
            let body = &html[i..body_end];
            if name == "script" && tag.to_ascii_lowercase().contains("ld+json") {
                if let Some(d) = json_ld_date(body) {
                    meta_dates.push((1, d));
                }
            }
            if name == "head" {
                // The head holds title and meta tags: read them, but none of its text.
                read_head(body, &mut doc, &mut meta_dates, &mut og_title);
            }
            i = html[body_end..].find('>').map_or(html.len(), |k| body_end + k + 1);
            continue;
        }
        if name == "title" && !closing && doc.title.is_none() {
            let end = find_ignore_ascii_case(&html[i..], "</title").map_or(html.len(), |k| i + k);
            doc.title = clean_title(&html[i..end]);
            i = end;
            continue;
        }
        if name == "meta" {
            read_meta(tag, &mut meta_dates, &mut og_title);
        }
        if name == "time" && !closing {
            if let Some(v) = attribute(tag, "datetime") {
                meta_dates.push((DATE_META.len(), v));
            }
        }
        if BLOCKS.contains(&name.as_str()) {
            push_break(&mut text, name != "br");
        }
    }
    if doc.title.is_none() {
        doc.title = og_title;
    }
    meta_dates.sort_by_key(|(rank, _)| *rank);
    doc.published = meta_dates.into_iter().map(|(_, v)| v).next();
    doc.text = text.trim().to_string();
    doc
}

fn read_head(head: &str, doc: &mut HtmlDocument, meta_dates: &mut Vec<(usize, String)>, og_title: &mut Option<String>) {
    let inner = extract_inner_head(head);
    if doc.title.is_none() {
        doc.title = inner.0;
    }
    for tag in inner.1 {
        read_meta(&tag, meta_dates, og_title);
    }
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = lower[from..].find("ld+json") {
        let start = from + k;
        let body_start = lower[start..].find('>').map_or(lower.len(), |j| start + j + 1);
        let body_end = lower[body_start..]
            .find("</script")
            .map_or(lower.len(), |j| body_start + j);
        if let Some(d) = json_ld_date(&head[body_start..body_end]) {
            meta_dates.push((1, d));
        }
        from = body_end;
    }
}

/// The title and the meta tags of a `<head>`.
fn extract_inner_head(head: &str) -> (Option<String>, Vec<String>) {
    let lower = head.to_ascii_lowercase();
    let title = lower.find("<title").and_then(|s| {
        let open_end = lower[s..].find('>')? + s + 1;
        let close = lower[open_end..].find("</title")? + open_end;
        clean_title(&head[open_end..close])
    });
    let mut metas = Vec::new();
    let mut from = 0;
    while let Some(k) = lower[from..].find("<meta") {
        let start = from + k + 1;
        let Some(end) = find_tag_end(head, start - 1) else {
            break;
        };
        metas.push(head[start..end].to_string());
        from = end;
    }
    (title, metas)
}

fn clean_title(raw: &str) -> Option<String> {
    let t = decode_entities(raw).split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

fn read_meta(tag: &str, meta_dates: &mut Vec<(usize, String)>, og_title: &mut Option<String>) {
    let key = attribute(tag, "property")
        .or_else(|| attribute(tag, "name"))
        .or_else(|| attribute(tag, "itemprop"))
        .map(|k| k.to_ascii_lowercase());
    let Some(key) = key else { return };
    let Some(content) = attribute(tag, "content") else {
        return;
    };
    if key == "og:title" && og_title.is_none() {
        *og_title = clean_title(&content);
    }
    if let Some(rank) = DATE_META.iter().position(|m| *m == key) {
        meta_dates.push((rank, content.trim().to_string()));
    }
}

fn json_ld_date(body: &str) -> Option<String> {
    let value: serde_json::Value = serde_json::from_str(body.trim()).ok()?;
    fn find(v: &serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::Object(map) => map
                .get("datePublished")
                .and_then(|d| d.as_str().map(str::to_string))
                .or_else(|| map.values().find_map(find)),
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    find(&value)
}

/// Byte index of the first occurrence of the ASCII `needle` in `haystack`, ignoring ASCII case.
fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let first = needle.first()?.to_ascii_lowercase();
    let mut from = 0;
    while let Some(k) = hay[from..].iter().position(|b| b.to_ascii_lowercase() == first) {
        let at = from + k;
        if hay.len() - at >= needle.len() && hay[at..at + needle.len()].eq_ignore_ascii_case(needle) {
            return Some(at);
        }
        from = at + 1;
    }
    None
}

/// Index of the `>` closing the tag opened at `open`, skipping quoted attribute values.
fn find_tag_end(html: &str, open: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (k, &b) in html.as_bytes()[open + 1..].iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(open + 1 + k),
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's inside text, entities decoded.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let mut from = 0;
    while let Some(k) = lower[from..].find(name) {
        let at = from + k;
        from = at + name.len();
        let before_ok = at == 0 || bytes[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let value_start = tag.len() - rest.len() + 1;
        let raw = tag[value_start..].trim_start();
        let value = match raw.as_bytes().first() {
            Some(&q @ (b'"' | b'\'')) => raw[1..].split(q as char).next().unwrap_or(""),
            _ => raw.split(|c: char| c.is_whitespace() || c == '>').next().unwrap_or(""),
        };
        return Some(decode_entities(value));
    }
    None
}

fn push_text(out: &mut String, s: &str) {
    // Collapse runs of white space as a browser does.
    for c in s.chars() {
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with([' ', '\n']) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn push_break(out: &mut String, paragraph: bool) {
    while out.ends_with(' ') {
        out.pop();
    }
    if out.is_empty() {
        return;
    }
    let wanted = if paragraph { "\n\n" } else { "\n" };
    let have = out.len() - out.trim_end_matches('\n').len();
    for _ in have..wanted.len() {
        out.push('\n');
    }
}

/// Decodes the common named entities and every numeric one; unknown ones are kept as written.
///
/// Linear in `s`: an entity is at most 12 bytes from its `&` to its `;`, so the `;` is looked for in those
/// 12 bytes only (looking to the end of the text made a page of `&` with no `;` quadratic: 400 KB took 6.7 s).
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(k) = rest.find('&') {
        out.push_str(&rest[..k]);
        rest = &rest[k..];
        let window = &rest.as_bytes()[1..rest.len().min(MAX_ENTITY + 1)];
        let end = window.iter().position(|&b| b == b';').map(|j| j + 1);
        let decoded = end.and_then(|j| decode_one(&rest[1..j]).map(|c| (c, j)));
        match decoded {
            Some((c, j)) => {
                out.push(c);
                rest = &rest[j + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The longest entity read, in bytes from its `&` to its `;` (`&#x10FFFF;` and `&hellip;` fit).
const MAX_ENTITY: usize = 12;

fn decode_one(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "ndash" => '–',
        "mdash" => '—',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "hellip" => '…',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "oacute" => 'ó',
        "iacute" => 'í',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "ccedil" => 'ç',
        "copy" => '©',
        "middot" => '·',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_handlers_never_reach_the_text() {
        let html = r#"<html><head><title>Blasts &amp; talks</title><style>p{color:red}</style>
            <meta property="article:published_time" content="2016-09-05T14:02:00Z"></head>
            <body><script>window.pwned = "SCRIPT_TEXT";</script><h1>Headline</h1>
            <p>First <b>para</b>.</p><img src=x onerror="window.pwned=1"><p>Second&nbsp;para &#8212; end.</p></body></html>"#;
        let doc = extract(html);
        assert!(!doc.text.contains("SCRIPT_TEXT") && !doc.text.contains("color:red") && !doc.text.contains("pwned"));
        assert_eq!(doc.text, "Headline\n\nFirst para.\n\nSecond para — end.");
        assert_eq!(doc.title.as_deref(), Some("Blasts & talks"));
        assert_eq!(doc.published.as_deref(), Some("2016-09-05T14:02:00Z"));
    }

    #[test]
    fn json_ld_and_time_elements_give_the_date() {
        let html = r#"<body><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-02"}</script>
            <p>Posted <time datetime="2020-01-03">Jan 3</time></p></body>"#;
        assert_eq!(extract(html).published.as_deref(), Some("2020-01-02"));
        let html = r#"<body><p>Posted <time datetime="2020-01-03">Jan 3</time></p></body>"#;
        assert_eq!(extract(html).published.as_deref(), Some("2020-01-03"));
    }

    #[test]
    fn broken_markup_and_unknown_entities_do_not_panic() {
        let doc = extract("<p a='>'>x &bogus; &#xZZ; &#0; <unclosed");
        assert_eq!(doc.text, "x &bogus; &#xZZ; &#0;");
        assert!(looks_like_html("<!DOCTYPE html><p>x"));
        assert!(!looks_like_html("Plain text with a < sign"));
    }

    #[test]
    fn a_lone_less_than_sign_is_text_and_does_not_hide_a_script() {
        assert_eq!(
            extract("<p>a < b and 3<4 stay</p><p>next</p>").text,
            "a < b and 3<4 stay\n\nnext"
        );
        let doc = extract("<p>x<<script>window.y='SCRIPT_TEXT'</script> end</p>");
        assert_eq!(doc.text, "x< end");
        assert_eq!(extract("<P>One</P><SCRIPT>z()</ScRiPt><p>Two</p>").text, "One\n\nTwo");
    }

    #[test]
    fn ampersands_without_semicolons_are_read_once() {
        // Issue 23: each `&` looked for a `;` to the end of the text (400 KB of "& " took 6.7 s).
        let text = "Tom & Jerry &x ".repeat(20_000);
        assert_eq!(decode_entities(&text), text);
        let page = format!("<p>{text}</p>");
        assert_eq!(extract(&page).text, text.trim_end());
        // The window is the old one: a `;` up to 12 bytes after the `&` closes an entity, one further does not.
        assert_eq!(decode_entities("&#0000000038;"), "&");
        assert_eq!(decode_entities("&#00000000038;"), "&#00000000038;");
        assert_eq!(decode_entities("a&amp;b&&lt;&#x2014;&"), "a&b&<—&");
        assert_eq!(decode_entities("&é;&amp"), "&é;&amp");
    }
}
