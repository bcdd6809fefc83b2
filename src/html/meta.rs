//! The page's metadata: headline, publication date, byline, site name and address, each from the source most
//! tied to the article (schema.org JSON-LD of the article, then its Open Graph and `article:` tags, then
//! microdata, then other `<meta>` names, then the page's elements).

use super::jsonld::{self, LdItem};
use super::tree::{is_json_ld, Kind, Tree};
use super::PageMeta;
use crate::calendar::Date;
use crate::model::Warning;

/// `<meta>` names that carry the publication date, most tied to the article first (after JSON-LD and
/// `article:published_time`, which are read before these).
const DATE_META: &[&str] = &[
    "og:published_time",
    "article:published",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "published_time",
    "published-date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "dc.date.created",
    "date",
];

/// `<meta>` names that carry the byline.
const AUTHOR_META: &[&str] = &[
    "author",
    "article:author",
    "byl",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
];

/// Separators between a headline and the site's name in a `<title>`.
const TITLE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " / ", " _ ", " ~ "];

/// What the page says about itself, gathered in one pass over the tree.
struct Sources {
    ld: Vec<LdItem>,
    /// `<meta>` tags: key (`property`, `name` or `itemprop`, lower case) and content.
    metas: Vec<(String, String)>,
    /// Dates of elements marked `itemprop="datePublished"` that are not `<meta>`.
    itemprop_dates: Vec<String>,
    title_tag: Option<String>,
    canonical: Option<String>,
}

/// Gathers the sources. Linear in the tree; each JSON-LD script is parsed once.
fn sources(tree: &Tree) -> Sources {
    let mut s = Sources {
        ld: Vec::new(),
        metas: Vec::new(),
        itemprop_dates: Vec::new(),
        title_tag: None,
        canonical: None,
    };
    for (i, node) in tree.nodes.iter().enumerate() {
        let Kind::Element(e) = &node.kind else { continue };
        match e.name.as_str() {
            "meta" => {
                let key = e
                    .attr("property")
                    .or_else(|| e.attr("name"))
                    .or_else(|| e.attr("itemprop"));
                if let (Some(key), Some(content)) = (key, e.attr("content")) {
                    let content = clean(content);
                    if !content.is_empty() {
                        s.metas.push((key.trim().to_ascii_lowercase(), content));
                    }
                }
            }
            "title" if s.title_tag.is_none() => {
                s.title_tag = Some(tree.text_of(i)).filter(|t| !t.is_empty());
            }
            "link" if s.canonical.is_none() && is_canonical(e) => {
                s.canonical = e
                    .attr("href")
                    .map(str::trim)
                    .filter(|h| h.starts_with("http"))
                    .map(str::to_string);
            }
            "script" if is_json_ld(e) => {
                if let Some(Kind::Text(t)) = tree.nodes.get(i + 1).map(|n| &n.kind) {
                    s.ld.extend(jsonld::read(t));
                }
            }
            _ => {}
        }
        if e.name != "meta"
            && e.attr("itemprop")
                .is_some_and(|p| p.split_whitespace().any(|w| w.eq_ignore_ascii_case("datePublished")))
        {
            let v = e
                .attr("datetime")
                .or_else(|| e.attr("content"))
                .map(str::to_string)
                .unwrap_or_else(|| tree.text_of(i));
            if !v.trim().is_empty() {
                s.itemprop_dates.push(v.trim().to_string());
            }
        }
    }
    s
}

/// True for `<link rel="canonical">`.
fn is_canonical(e: &super::tree::Element) -> bool {
    e.attr("rel")
        .is_some_and(|r| r.split_whitespace().any(|w| w.eq_ignore_ascii_case("canonical")))
}

/// White space collapsed.
fn clean(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Sources {
    fn meta(&self, key: &str) -> Option<&str> {
        self.metas.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    fn article(&self) -> Option<&LdItem> {
        self.ld.iter().find(|i| i.is_article)
    }
}

/// Reads the metadata of `tree`; `article` is the element chosen as the article, whose headline and `<time>`
/// are the page's last resort.
pub(crate) fn read(tree: &Tree, article: Option<usize>) -> PageMeta {
    let s = sources(tree);
    let site_name = s
        .meta("og:site_name")
        .map(str::to_string)
        .or_else(|| s.ld.iter().find_map(|i| i.publisher.clone()))
        .or_else(|| s.meta("application-name").map(str::to_string));
    let h1 = headline_element(tree, article);
    let site = site_name.as_deref();
    // The page's own title, for telling which of the JSON-LD `headline` and `name` is the headline (Wikipedia's
    // `headline` is a description: "Wikimedia list article").
    let reference = s.title_tag.as_deref().or_else(|| s.meta("og:title")).unwrap_or("");
    let title = s
        .article()
        .and_then(|a| match (&a.headline, &a.name) {
            (Some(h), Some(n)) if overlap(n, reference) > overlap(h, reference) => Some(n.clone()),
            (Some(h), _) => Some(h.clone()),
            (None, n) => n.clone(),
        })
        .or_else(|| s.meta("og:title").map(str::to_string))
        .or_else(|| s.meta("twitter:title").map(str::to_string))
        .map(|t| strip_site(&t, site, h1.as_deref(), false))
        .or_else(|| s.title_tag.as_deref().map(|t| strip_site(t, site, h1.as_deref(), true)))
        .or(h1)
        .map(|t| clean(&t))
        .filter(|t| !t.is_empty() && !holds_markup(t));
    let byline = s
        .article()
        .map(|a| a.authors.join(", "))
        .filter(|b| !b.is_empty())
        .or_else(|| {
            AUTHOR_META
                .iter()
                .find_map(|k| s.meta(k).filter(|v| !v.contains("://")).map(str::to_string))
        });
    let url = s
        .canonical
        .clone()
        .or_else(|| s.meta("og:url").filter(|u| u.starts_with("http")).map(str::to_string))
        .or_else(|| s.ld.iter().find_map(|i| i.url.clone()));
    let (published, warnings) = published(&s, tree, article);
    PageMeta {
        title,
        published,
        byline,
        site_name,
        url,
        warnings,
    }
}

/// The publication date from the source most tied to the article, with a warning naming the sources that give
/// another day.
fn published(s: &Sources, tree: &Tree, article: Option<usize>) -> (Option<String>, Vec<Warning>) {
    let mut found: Vec<(String, String)> = Vec::new();
    if let Some(d) = s.article().and_then(|a| a.published.clone()) {
        found.push(("JSON-LD datePublished".into(), d));
    }
    if let Some(d) = s.meta("article:published_time") {
        found.push(("article:published_time".into(), d.to_string()));
    }
    if let Some(d) = s.itemprop_dates.first() {
        found.push(("itemprop=datePublished".into(), d.clone()));
    }
    for key in DATE_META {
        if let Some(d) = s.meta(key) {
            found.push((format!("meta {key}"), d.to_string()));
        }
    }
    if let Some(d) = s.ld.iter().filter(|i| !i.is_article).find_map(|i| i.published.clone()) {
        found.push(("JSON-LD datePublished (not of an article)".into(), d));
    }
    if let Some(d) = article_time(tree, article) {
        found.push(("<time datetime>".into(), d));
    }
    // Only values that read as calendar dates count; the first is the most tied to the article.
    found.retain(|(_, v)| Date::parse_iso(v.trim()).is_ok());
    let Some((source, chosen)) = found.first().cloned() else {
        return (None, Vec::new());
    };
    let day = |v: &str| Date::parse_iso(v.trim()).ok();
    let chosen_day = day(&chosen);
    let mut others: Vec<String> = Vec::new();
    for (name, v) in &found[1..] {
        if day(v) != chosen_day && !others.iter().any(|o| o.starts_with(name.as_str())) {
            others.push(format!("{name} says {}", v.trim()));
        }
    }
    let warnings = if others.is_empty() {
        Vec::new()
    } else {
        vec![Warning::new(
            "meta_dates_disagree",
            format!(
                "The publication date {} is taken from {source}; {}.",
                chosen.trim(),
                others.join("; ")
            ),
        )]
    };
    (Some(chosen.trim().to_string()), warnings)
}

/// The `datetime` of the first `<time>` in the article's neighbourhood (the article element's parent, where the
/// headline and date line of most pages stand).
fn article_time(tree: &Tree, article: Option<usize>) -> Option<String> {
    let around = article.map_or(0, |a| tree.nodes[a].parent);
    let range = around..tree.end(around);
    tree.elements_named("time")
        .filter(|(i, _)| range.contains(i))
        .find_map(|(_, e)| {
            e.attr("datetime")
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(str::to_string)
        })
}

/// True when a title holds markup (`<` before a letter, `/` or `!`): a page whose `</title>` went astray, whose
/// "title" is a stretch of the page, scripts and all. No headline is better than that one.
fn holds_markup(t: &str) -> bool {
    t.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'<' && (w[1].is_ascii_alphabetic() || matches!(w[1], b'/' | b'!')))
}

/// The text of the first `<h1>` in the article, else in the page.
fn headline_element(tree: &Tree, article: Option<usize>) -> Option<String> {
    let range = article.map_or(0..tree.nodes.len(), |a| {
        tree.nodes[a].parent..tree.end(tree.nodes[a].parent)
    });
    tree.elements_named("h1")
        .find(|(i, _)| range.contains(i))
        .or_else(|| tree.elements_named("h1").next())
        .map(|(i, _)| tree.text_of(i))
        .filter(|t| !t.is_empty())
}

/// How alike two titles are: the words of `a` found in `b`, over the longer one's count (lower case), so a
/// one-word site name is not taken for a headline because the title contains it.
fn overlap(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (a, b) = (words(a), words(b));
    a.iter().filter(|w| b.contains(w)).count() as f64 / a.len().max(b.len()).max(1) as f64
}

/// A loose comparison: lower case, letters and digits only.
fn key(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A title without the site's name: "Floods hit Faenza - The Daily" gives "Floods hit Faenza". A part is cut when
/// it is the site's name, or when what stays is the page's `<h1>`; for a `<title>` (`loose`) also when the part is
/// short and what stays is a headline of three words or more. Metadata titles are cut only by the first two rules:
/// their publishers chose them as headlines.
pub(crate) fn strip_site(title: &str, site: Option<&str>, h1: Option<&str>, loose: bool) -> String {
    let mut t = clean(title);
    let is_site = |part: &str| site.is_some_and(|s| !key(s).is_empty() && key(part) == key(s));
    let is_h1 = |part: &str| h1.is_some_and(|h| !key(h).is_empty() && key(part) == key(h));
    let words = |s: &str| s.split_whitespace().count();
    // Twice: "Headline - Section - Site".
    for _ in 0..2 {
        let mut cut = None;
        for sep in TITLE_SEPARATORS {
            if let Some(k) = t.rfind(sep) {
                let (head, tail) = (&t[..k], &t[k + sep.len()..]);
                if is_site(tail) || is_h1(head) || (loose && words(tail) <= 4 && words(head) >= 3) {
                    cut = Some(head.to_string());
                    break;
                }
            }
            // The site first: "The Daily | Floods hit Faenza".
            if let Some(k) = t.find(sep) {
                let (head, tail) = (&t[..k], &t[k + sep.len()..]);
                if is_site(head) {
                    cut = Some(tail.to_string());
                    break;
                }
            }
        }
        match cut {
            Some(c) if !c.trim().is_empty() => t = c.trim().to_string(),
            _ => break,
        }
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(html: &str) -> PageMeta {
        read(&Tree::parse(html), None)
    }

    #[test]
    fn title_without_the_site_suffix() {
        assert_eq!(
            strip_site("Floods hit Faenza - The New York Times", None, None, true),
            "Floods hit Faenza"
        );
        assert_eq!(
            strip_site("Floods hit Faenza | World | Site", None, None, true),
            "Floods hit Faenza"
        );
        assert_eq!(
            strip_site("The Daily: Floods | The Daily", Some("The Daily"), None, false),
            "The Daily: Floods"
        );
        assert_eq!(
            strip_site("Site | Floods hit the town", Some("Site"), None, false),
            "Floods hit the town"
        );
        assert_eq!(strip_site("Up - Down", None, None, true), "Up - Down");
        assert_eq!(
            strip_site("New Zealand - Wikipedia", None, Some("New Zealand"), true),
            "New Zealand"
        );
        assert_eq!(
            strip_site("Floods hit Faenza - The Daily", None, None, false),
            "Floods hit Faenza - The Daily"
        );
        assert_eq!(
            meta("<title>Floods hit Faenza – Site</title>").title.as_deref(),
            Some("Floods hit Faenza")
        );
    }

    #[test]
    fn headline_sources_in_order() {
        let page = r#"<title>T t t - S</title><meta property="og:title" content="OG">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"LD"}</script><h1>H</h1>"#;
        assert_eq!(meta(page).title.as_deref(), Some("LD"));
        assert_eq!(meta(&page.replace("NewsArticle", "Thing")).title.as_deref(), Some("OG"));
        assert_eq!(meta("<h1>Only <b>this</b></h1>").title.as_deref(), Some("Only this"));
        assert_eq!(meta("<title>a <script>x()</script></title>").title, None);
        assert_eq!(meta("<title>3 < 4</title>").title.as_deref(), Some("3 < 4"));
    }

    #[test]
    fn dates_prefer_the_article_and_warn_on_disagreement() {
        let page = r#"<meta property="article:published_time" content="2016-09-06T01:00:00Z">
            <script type="application/ld+json"><![CDATA[{"@type":"NewsArticle","datePublished":"2016-09-05T14:02:00Z"}]]></script>
            <time datetime="2016-09-05">x</time>"#;
        let m = meta(page);
        assert_eq!(m.published.as_deref(), Some("2016-09-05T14:02:00Z"));
        assert_eq!(m.warnings.len(), 1);
        assert!(m.warnings[0]
            .message
            .contains("article:published_time says 2016-09-06T01:00:00Z"));
        let m = meta(r#"<span itemprop="datePublished" content="2020-01-02">Jan 2</span><time datetime="2020-01-02">"#);
        assert_eq!((m.published.as_deref(), m.warnings.len()), (Some("2020-01-02"), 0));
        assert_eq!(meta(r#"<meta name="date" content="yesterday">"#).published, None);
    }

    #[test]
    fn byline_site_and_address() {
        let m = meta(
            r#"<meta name="author" content="A. Writer"><meta property="og:site_name" content="The Daily">
            <link rel="canonical" href="https://example.org/a"><meta property="og:url" content="https://example.org/b">"#,
        );
        assert_eq!(m.byline.as_deref(), Some("A. Writer"));
        assert_eq!(m.site_name.as_deref(), Some("The Daily"));
        assert_eq!(m.url.as_deref(), Some("https://example.org/a"));
    }
}
