//! Which part of a page is the article.
//!
//! Each block of text gets a value: prose (long enough, few of its characters in links) counts for its length,
//! link lists and blocks inside boilerplate count against it, short blocks (headings, labels) count nothing. The
//! hints of the nearest element that has any (its tag, `class`, `id`, `role`, `itemprop`) decide whether a block
//! stands in boilerplate or in the article. Every element's score is the sum of the values of the blocks inside
//! it, and the article is the element with the highest score: the smallest container that holds the most prose
//! and the least boilerplate, with its good siblings when their parent scores higher together. Inside it, the
//! parts that are boilerplate on their own (hinted so, or more links and boilerplate than prose) are dropped.

use super::blocks::Block;
use super::tree::{Element, Tree};

/// Shorter blocks are neither prose nor boilerplate by their length alone (headings, labels, dates).
const MIN_PROSE_CHARS: usize = 25;

/// Above this share of characters in links, a block is a list of links.
const MAX_LINK_DENSITY: f64 = 0.5;

/// The hint from which an element is the article by the page's own word (see [`own_hint`]).
const STRONG_HINT: i32 = 2;

/// How much the boilerplate inside such an element counts against it.
const EMBEDDED_BOILERPLATE: f64 = 0.1;

/// Class and id words that mark the article.
const POSITIVE: &[&str] = &[
    "article", "body", "content", "entry", "main", "post", "story", "text", "blog", "prose",
];

/// Class and id words that mark boilerplate. A word matches a class word that starts with it (`comment` matches
/// `comments` and `commentlist`); words of 3 letters or fewer only match whole.
const NEGATIVE: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "sidebar",
    "aside",
    "comment",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "promo",
    "cookie",
    "paywall",
    "subscribe",
    "subscription",
    "signup",
    "ad",
    "ads",
    "advert",
    "sponsor",
    "breadcrumb",
    "masthead",
    "header",
    "banner",
    "popup",
    "modal",
    "widget",
    "recommend",
    "outbrain",
    "taboola",
    "trending",
    "popular",
    "most",
    "teaser",
    "tags",
    "tag",
    "toolbar",
    "skip",
    "login",
    "disqus",
    "rail",
    "sr",
    "visually",
    "hidden",
    "print",
    "pagination",
    "stream",
    "feed",
    "follow",
    "author-bio",
    "bio",
    "copyright",
    "legal",
    "disclaimer",
];

/// Class and id words of a caption or photo credit: kept apart from the body.
const CAPTION: &[&str] = &["caption", "credit", "wp-caption-text", "photo-credit", "image-credit"];

/// The words of an element's `class` and `id`, lower case, split at anything not a letter or digit except `-`
/// inside a word (`article-body` gives `article-body`, `article` and `body`).
fn words(e: &Element) -> Vec<String> {
    let mut out = Vec::new();
    for value in [e.attr("class"), e.attr("id")].into_iter().flatten() {
        for token in value.split(|c: char| c.is_whitespace()) {
            let token = token.to_ascii_lowercase();
            if token.is_empty() || token.len() > 60 {
                continue;
            }
            for part in token.split(|c: char| !c.is_ascii_alphanumeric()) {
                if !part.is_empty() {
                    out.push(part.to_string());
                }
            }
            out.push(token);
        }
    }
    out
}

/// True when class word `word` matches hint `hint`.
fn matches(word: &str, hint: &str) -> bool {
    if hint.len() <= 3 {
        word == hint
    } else {
        word.starts_with(hint)
    }
}

/// The hint of one element: positive for the article, negative for boilerplate, 0 for none.
pub(crate) fn own_hint(e: &Element) -> i32 {
    let mut hint = match e.name.as_str() {
        "article" | "main" => 2,
        "nav" | "aside" | "footer" | "form" | "menu" => -2,
        _ => 0,
    };
    if e.attr("itemprop")
        .is_some_and(|v| v.split_whitespace().any(|p| p.eq_ignore_ascii_case("articleBody")))
    {
        hint += 4;
    }
    match e.attr("role").map(str::to_ascii_lowercase).as_deref() {
        Some("main" | "article") => hint += 2,
        Some("navigation" | "complementary" | "contentinfo" | "banner" | "menu" | "dialog" | "alert") => hint -= 2,
        _ => {}
    }
    let words = words(e);
    let positive = words.iter().any(|w| POSITIVE.iter().any(|h| matches(w, h)));
    let negative = words.iter().any(|w| NEGATIVE.iter().any(|h| matches(w, h)));
    // A class list that says both ("post-sidebar", "article-share") is boilerplate: the negative word names
    // what the element is, the positive one the page area it sits in.
    match (positive, negative) {
        (_, true) => hint -= 1,
        (true, false) => hint += 1,
        _ => {}
    }
    hint
}

/// True when element `e` holds a caption or a photo credit.
pub(crate) fn is_caption(e: &Element) -> bool {
    e.name == "figcaption" || e.name == "figure" || words(e).iter().any(|w| CAPTION.iter().any(|h| matches(w, h)))
}

/// Class and id words of a byline.
const BYLINE: &[&str] = &["byline", "author", "authors", "writer", "contributor", "by"];

/// Class and id words of a date line.
const DATE_LINE: &[&str] = &[
    "date",
    "dateline",
    "time",
    "timestamp",
    "published",
    "pubdate",
    "posted",
    "updated",
];

/// True when element `e` holds the byline: hinted so, `rel="author"` or `itemprop="author"`.
pub(crate) fn is_byline(e: &Element) -> bool {
    let attr_says = |name: &str| {
        e.attr(name)
            .is_some_and(|v| v.split_whitespace().any(|w| w.eq_ignore_ascii_case("author")))
    };
    attr_says("rel") || attr_says("itemprop") || words(e).iter().any(|w| BYLINE.iter().any(|h| matches(w, h)))
}

/// True when element `e` holds the date line: a `<time>`, or hinted so.
pub(crate) fn is_date_line(e: &Element) -> bool {
    e.name == "time" || words(e).iter().any(|w| DATE_LINE.iter().any(|h| w == h))
}

/// What the scoring decided.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Choice {
    /// The element holding the article; `None` when no block reads as prose (a fragment: all text is kept).
    pub article: Option<usize>,
    /// For each node, true when it is dropped as boilerplate (only nodes inside the article are marked).
    pub dropped: Vec<bool>,
    /// For each block, its value (see the module doc).
    pub values: Vec<f64>,
}

/// Scores the blocks of `tree` and chooses the article.
///
/// Linear in the tree and the blocks: the hints are computed top-down and the sums bottom-up in one pass each
/// over the node vector (parents precede their children), the choice is one pass, the drops one more.
pub(crate) fn choose(tree: &Tree, blocks: &[Block]) -> Choice {
    let n = tree.nodes.len();
    // The nearest hint of each node: its own, else its parent's.
    let mut own = vec![0i32; n];
    let mut near = vec![0i32; n];
    for i in 0..n {
        own[i] = tree.element(i).map_or(0, own_hint);
        near[i] = if own[i] != 0 || i == 0 {
            own[i]
        } else {
            near[tree.nodes[i].parent]
        };
    }
    let values: Vec<f64> = blocks.iter().map(|b| value(b, near[b.owner])).collect();
    let mut sum = vec![0f64; n];
    let mut prose = vec![0f64; n];
    // Characters of the blocks that would be kept (value 0 or more): an element holding fewer of them than its
    // parent with the same value leaves some of the article out (a short last paragraph), so it does not win a tie.
    let mut kept = vec![0usize; n];
    for (b, v) in blocks.iter().zip(&values) {
        sum[b.owner] += v;
        if *v > 0.0 {
            prose[b.owner] += v;
        }
        if *v >= 0.0 {
            kept[b.owner] += b.chars;
        }
    }
    // Inside an element the page marks as the article (`itemprop="articleBody"`, `<article>`, `<main>`), the
    // boilerplate it embeds (a gallery, a share bar, a video player) is cut out below rather than a reason to look
    // elsewhere: it counts a tenth.
    let mut strong = vec![false; n];
    for i in 1..n {
        strong[i] = strong[tree.nodes[i].parent] || own[i] >= STRONG_HINT;
    }
    for i in (1..n).rev() {
        let p = tree.nodes[i].parent;
        sum[p] += if sum[i] < 0.0 && strong[p] {
            sum[i] * EMBEDDED_BOILERPLATE
        } else {
            sum[i]
        };
        prose[p] += prose[i];
        kept[p] += kept[i];
    }
    let mut best: Option<usize> = None;
    for i in 0..n {
        if tree.element(i).is_none() || sum[i] <= 0.0 {
            continue;
        }
        best = match best {
            None => Some(i),
            Some(b) if sum[i] > sum[b] || (sum[i] == sum[b] && i < tree.end(b) && kept[i] == kept[b]) => Some(i),
            keep => keep,
        };
    }
    let mut dropped = vec![false; n];
    if let Some(article) = best {
        for i in article + 1..tree.end(article) {
            let p = tree.nodes[i].parent;
            if dropped[p] {
                dropped[i] = true;
                continue;
            }
            if tree.element(i).is_none() {
                continue;
            }
            // A part with much of the article's prose is never dropped, whatever its class says.
            let minor = prose[i] < 0.3 * prose[article];
            dropped[i] = minor && (own[i] < 0 || (sum[i] < 0.0 && prose[i] < -sum[i]));
        }
    }
    Choice {
        article: best,
        dropped,
        values,
    }
}

/// The value of a block whose nearest hint is `hint`.
fn value(b: &Block, hint: i32) -> f64 {
    let chars = b.chars as f64;
    let link_density = b.link_chars as f64 / chars.max(1.0);
    if hint < 0 || link_density > MAX_LINK_DENSITY {
        return -chars;
    }
    if b.chars < MIN_PROSE_CHARS {
        return 0.0;
    }
    // Prose: its characters outside links, more where the page says it is the article, a little more per comma.
    let weight = if hint > 0 { 1.5 } else { 1.0 };
    (chars * (1.0 - link_density) + 10.0 * b.commas as f64) * weight
}

#[cfg(test)]
mod tests {
    use super::super::blocks::blocks;
    use super::*;

    fn hint(html: &str) -> i32 {
        let tree = Tree::parse(html);
        tree.element(1).map_or(0, own_hint)
    }

    #[test]
    fn hints_from_tags_classes_roles_and_microdata() {
        assert!(hint(r#"<div class="article-body">"#) > 0);
        assert!(hint(r#"<div itemprop="articleBody">"#) > 0);
        assert!(hint(r#"<div class="comments-list">"#) < 0);
        assert!(hint(r#"<div class="post-share">"#) < 0);
        assert!(hint(r#"<nav>"#) < 0);
        assert!(hint(r#"<div role="navigation">"#) < 0);
        // Short hints match whole words only: "ad" is not "header-add" or "shadow".
        assert_eq!(hint(r#"<div class="shadow loader">"#), 0);
        assert!(hint(r#"<div class="ad">"#) < 0);
    }

    #[test]
    fn the_article_beats_menus_and_related_links() {
        let para = "Floods hit the town of Faenza on Monday, and rescuers worked through the night, officials said.";
        let html = format!(
            r#"<body><nav><a href=a>Home</a> <a href=b>World</a></nav>
            <div class="main"><div class="story"><h1>Floods</h1><p>{para}</p><p>{para}</p>
            <div class="related"><a href=c>Another story about something else entirely</a></div><p>{para}</p></div>
            <ul><li><a href=d>Most read story one of the day here</a></li><li><a href=e>Most read two of the day</a></li></ul>
            </div><footer>Copyright 2024, all rights reserved, by the publisher of this site</footer></body>"#
        );
        let tree = Tree::parse(&html);
        let blocks = blocks(&tree, 0);
        let choice = choose(&tree, &blocks);
        let article = choice.article.expect("an article");
        assert_eq!(tree.element(article).and_then(|e| e.attr("class")), Some("story"));
        let related = (0..tree.nodes.len())
            .find(|&i| tree.element(i).and_then(|e| e.attr("class")) == Some("related"))
            .unwrap();
        assert!(choice.dropped[related]);
    }

    #[test]
    fn a_fragment_without_prose_has_no_article() {
        let tree = Tree::parse("<p>a</p><p>b</p>");
        assert_eq!(choose(&tree, &blocks(&tree, 0)).article, None);
    }
}
