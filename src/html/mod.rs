//! The article in an HTML page: its body text without menus, related links, comments or footers, its headline,
//! publication date, byline, site name and address. One implementation for the CLI and the web app.
//!
//! The stages, one module each, every one linear in the page:
//!
//! 1. `tokenize`: tags, attributes and text, character references decoded (`entities`, all of HTML5's);
//! 2. `tree`: a light DOM in one vector, nesting capped, never recursing;
//! 3. `blocks`: the visible text cut into blocks (paragraphs, headings, list items, cells);
//! 4. `score`: which element holds the article, and which parts inside it are boilerplate;
//! 5. `meta` (with `jsonld`): the headline, date, byline, site and address.
//!
//! This never executes or fetches anything; it only reads characters.

mod blocks;
mod entities;
mod jsonld;
mod meta;
mod score;
mod tokenize;
mod tree;

pub use entities::decode_entities;

use crate::model::Warning;
use serde::{Deserialize, Serialize};
use tree::Tree;

/// What a page says about itself: the metadata that goes with its text into [`crate::Options`] (and from the
/// app's page to its worker, hence serde).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PageMeta {
    /// The headline: JSON-LD `headline`, `og:title`, `<title>` without the site's name, or the first `<h1>`.
    pub title: Option<String>,
    /// Publication date from metadata, as written there (`2016-09-05T14:02:00Z`).
    pub published: Option<String>,
    /// The authors, as the page names them.
    pub byline: Option<String>,
    /// The publication's name (`og:site_name`, the JSON-LD publisher).
    pub site_name: Option<String>,
    /// The page's canonical address.
    pub url: Option<String>,
    /// What the metadata disagreed on (`meta_dates_disagree`).
    pub warnings: Vec<Warning>,
}

impl PageMeta {
    /// True when the page said nothing about itself (plain text, a Word document).
    pub fn is_empty(&self) -> bool {
        *self == PageMeta::default()
    }

    /// Puts the metadata into `options`, where [`crate::analyze`] reads it.
    pub fn apply(self, options: &mut crate::Options) {
        options.title = self.title;
        options.meta_dct = self.published;
        options.byline = self.byline;
        options.site_name = self.site_name;
        options.url = self.url;
        options.warnings = self.warnings;
    }
}

/// What was read from an HTML page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HtmlDocument {
    /// The text to analyse: the headline, a blank line, then the body (the headline alone is left out when the
    /// page has none). A page with no date in its metadata has its visible date line between the two.
    pub text: String,
    /// The article's body: paragraphs, headings, list items and quotes in order, a blank line between blocks.
    pub body: String,
    /// Figure captions and photo credits of the article, kept out of the body.
    pub captions: Vec<String>,
    /// The page's metadata.
    pub meta: PageMeta,
}

impl HtmlDocument {
    /// The text to analyse; the page's metadata goes into `options`, where [`crate::analyze`] reads it (the CLI,
    /// the app and the fuzz targets read pages through this one path).
    pub fn into_text(self, options: &mut crate::Options) -> String {
        self.meta.apply(options);
        self.text
    }
}

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

/// Extracts the article and the metadata of an HTML page.
///
/// Linear in `html` (each stage is; see the module doc). A page with no prose at all (a fragment, a list) keeps
/// all its visible text.
pub fn extract(html: &str) -> HtmlDocument {
    let tree = Tree::parse(html);
    let blocks = blocks::blocks(&tree, 0);
    let choice = score::choose(&tree, &blocks);
    let meta = meta::read(&tree, choice.article);
    let marks = Marks::of(&tree);
    let title_key = meta.title.as_deref().map(key);
    let mut body: Vec<&str> = Vec::new();
    let mut captions = Vec::new();
    let mut title_seen = false;
    for (b, value) in blocks.iter().zip(&choice.values) {
        if let Some(article) = choice.article {
            if !(article..tree.end(article)).contains(&b.owner) || choice.dropped[b.owner] || *value < 0.0 {
                continue;
            }
            // The byline and the date line are metadata, not body (short ones only: a class saying "author"
            // on a long block is a biography or the article itself).
            if b.chars < 200 && (marks.all(&marks.byline, b) || marks.all(&marks.date, b)) {
                continue;
            }
        }
        if marks.all(&marks.caption, b) {
            captions.push(b.text.clone());
            continue;
        }
        // The headline leads the text once; its copy in the page is not repeated in the body.
        if !title_seen && title_key.as_deref() == Some(key(&b.text).as_str()) {
            title_seen = true;
            continue;
        }
        body.push(&b.text);
    }
    let body = body.join("\n\n");
    // With no date in the metadata, the page's visible date line (a short block the page marks as a date, near the
    // article) follows the headline, where the engine's dateline finder reads it; it is not part of the body.
    let date_line = if meta.published.is_none() {
        let around = choice.article.map_or(0, |a| tree.nodes[a].parent);
        blocks
            .iter()
            .find(|b| marks.all(&marks.date, b) && b.chars < 80 && (around..tree.end(around)).contains(&b.owner))
            .map(|b| b.text.replace('\n', " "))
    } else {
        None
    };
    let text = [meta.title.clone(), date_line, Some(body.clone())]
        .into_iter()
        .flatten()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n");
    HtmlDocument {
        text,
        body,
        captions,
        meta,
    }
}

/// All the visible text of a page, a blank line between blocks: what a reader would copy from the whole page
/// (the baseline the evaluation compares the extraction with). Linear in `html`.
pub fn visible_text(html: &str) -> String {
    let tree = Tree::parse(html);
    blocks::blocks(&tree, 0)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// A text compared loosely: lower case, letters and digits only.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Per node, whether it stands in a caption, a byline or a date line (inherited from its ancestors).
struct Marks {
    caption: Vec<bool>,
    byline: Vec<bool>,
    date: Vec<bool>,
}

impl Marks {
    /// True when all of block `b`'s text stands under a node marked in `mark`.
    fn all(&self, mark: &[bool], b: &blocks::Block) -> bool {
        mark[b.owner] || (mark[b.nodes.0] && mark[b.nodes.1])
    }

    /// One top-down pass over the nodes (parents precede their children).
    fn of(tree: &Tree) -> Marks {
        let n = tree.nodes.len();
        let mut m = Marks {
            caption: vec![false; n],
            byline: vec![false; n],
            date: vec![false; n],
        };
        for i in 1..n {
            let p = tree.nodes[i].parent;
            let e = tree.element(i);
            m.caption[i] = m.caption[p] || e.is_some_and(score::is_caption);
            m.byline[i] = m.byline[p] || e.is_some_and(score::is_byline);
            m.date[i] = m.date[p] || e.is_some_and(score::is_date_line);
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_page_keeps_every_paragraph() {
        // One paragraph long enough to count as prose and a short one after it: the article is their parent, not
        // the long paragraph alone (found by the page's drop test, when the page began to use this extractor).
        let doc = extract(
            "<html><head><title>Dropped</title></head><body><p>Rain hit Faenza on Wednesday.</p>\
             <img src=x><p>Schools stayed closed.</p></body></html>",
        );
        assert_eq!(doc.body, "Rain hit Faenza on Wednesday.\n\nSchools stayed closed.");
    }

    #[test]
    fn scripts_styles_and_handlers_never_reach_the_text() {
        let html = r#"<html><head><title>Blasts &amp; talks</title><style>p{color:red}</style>
            <meta property="article:published_time" content="2016-09-05T14:02:00Z"></head>
            <body><script>window.pwned = "SCRIPT_TEXT";</script><h1>Headline</h1>
            <p>First <b>para</b>.</p><img src=x onerror="window.pwned=1"><p>Second&nbsp;para &#8212; end.</p></body></html>"#;
        let doc = extract(html);
        assert!(!doc.text.contains("SCRIPT_TEXT") && !doc.text.contains("color:red") && !doc.text.contains("pwned"));
        assert_eq!(
            doc.text,
            "Blasts & talks\n\nHeadline\n\nFirst para.\n\nSecond para — end."
        );
        assert_eq!(doc.meta.title.as_deref(), Some("Blasts & talks"));
        assert_eq!(doc.meta.published.as_deref(), Some("2016-09-05T14:02:00Z"));
    }

    #[test]
    fn json_ld_and_time_elements_give_the_date() {
        let html = r#"<body><script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-02"}</script>
            <p>Posted <time datetime="2020-01-03">Jan 3</time></p></body>"#;
        assert_eq!(extract(html).meta.published.as_deref(), Some("2020-01-02"));
        let html = r#"<body><p>Posted <time datetime="2020-01-03">Jan 3</time></p></body>"#;
        assert_eq!(extract(html).meta.published.as_deref(), Some("2020-01-03"));
    }

    #[test]
    fn broken_markup_and_unknown_entities_do_not_panic() {
        let doc = extract("<p a='>'>x &bogus; &#xZZ; &#0; <unclosed");
        assert_eq!(doc.text, "x &bogus; &#xZZ; \u{FFFD}");
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
    }

    #[test]
    fn the_article_without_its_surroundings() {
        let para = |n: u32| {
            format!("<p>Rescuers reached the village on day {n}, officials said, after the floods cut the road.</p>")
        };
        let html = format!(
            r#"<html><head><title>Floods cut off the village - The Daily</title></head><body>
            <nav><ul><li><a href="/">Home</a></li><li><a href="/w">World</a></li></ul></nav>
            <article><h1>Floods cut off the village</h1><p class="byline">By A. Writer</p>
            {}<figure><img src=x><figcaption>The road, on Monday.</figcaption></figure>{}
            <div class="share">Share this story on your favourite social network today</div>{}</article>
            <aside><h2>Most read</h2><p>Something else happened somewhere else, and people read it.</p></aside>
            <footer>© The Daily, all rights reserved, since the beginning of time</footer></body></html>"#,
            para(1),
            para(2),
            para(3)
        );
        let doc = extract(&html);
        assert_eq!(doc.meta.title.as_deref(), Some("Floods cut off the village"));
        assert!(
            doc.text
                .starts_with("Floods cut off the village\n\nRescuers reached the village on day 1,"),
            "{}",
            doc.text
        );
        assert_eq!(doc.body.matches("Rescuers").count(), 3, "{}", doc.body);
        for boilerplate in [
            "Home",
            "Share",
            "Most read",
            "Something else",
            "rights",
            "By A. Writer",
            "The road",
        ] {
            assert!(!doc.body.contains(boilerplate), "{boilerplate} in {}", doc.body);
        }
        assert_eq!(doc.captions, ["The road, on Monday."]);
    }

    #[test]
    fn a_visible_date_line_follows_the_headline_when_the_metadata_has_no_date() {
        let para = "<p>Rescuers reached the village on Monday, officials said, after the floods cut the road.</p>";
        let page = format!(
            r#"<h1>Floods</h1><div class="story"><span class="date">5 September 2016</span>{para}{para}</div>"#
        );
        let doc = extract(&page);
        assert!(
            doc.text.starts_with("Floods\n\n5 September 2016\n\nRescuers"),
            "{}",
            doc.text
        );
        assert!(!doc.body.contains("2016"));
        let dated = page.replace(
            "<h1>",
            r#"<meta property="article:published_time" content="2016-09-06"><h1>"#,
        );
        assert!(extract(&dated).text.starts_with("Floods\n\nRescuers"));
    }
}
