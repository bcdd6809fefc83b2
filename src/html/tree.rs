//! A light DOM: the page's elements and text as a tree, built from the tokens as a browser would build most pages.
//!
//! Not the whole HTML5 tree-construction algorithm (no adoption agency, no foster parenting): what readers of an
//! article need. `<p>` is closed by the next block, `<li>`, `<dt>`/`<dd>`, `<td>`/`<th>`, `<tr>` and `<option>`
//! close their open siblings, void elements (`<br>`, `<img>`, `<meta>`, ...) have no content, an end tag closes
//! the nearest open element of its name (and everything opened inside it), and an end tag with no open element
//! is ignored.
//!
//! Nodes are stored in document order in one vector, so a node's subtree is the range of indexes from it to
//! [`Tree::end`]: every later pass walks the vector, never recursing. Nesting is capped at [`MAX_DEPTH`] open
//! elements: deeper elements are still kept, as children of the deepest open one, but their own content goes
//! to that element too. A tag looks at the open elements only when one it may close is open, and then at most
//! [`MAX_DEPTH`] of them, so building is linear in the page.

use super::tokenize::{Token, Tokenizer};

/// The most elements open at once (the HTML5 parsers of browsers cap nesting similarly, at 512).
pub(crate) const MAX_DEPTH: usize = 256;

/// An element: its lower-case name and attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Element {
    /// Tag name.
    pub name: String,
    /// Attributes in order.
    pub attrs: Vec<(String, String)>,
}

impl Element {
    /// The value of attribute `name` (lower case), the first when repeated.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
}

/// What a node is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// An element.
    Element(Element),
    /// Text, references decoded, white space as written.
    Text(String),
}

/// One node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Node {
    /// The parent's index (the root is its own parent).
    pub parent: usize,
    /// Element or text.
    pub kind: Kind,
}

/// The tree of a page: node 0 is the document; nodes are in document order.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tree {
    /// The nodes in document order.
    pub nodes: Vec<Node>,
    /// For each node, one past the index of its last descendant.
    ends: Vec<usize>,
}

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track",
    "wbr",
];

/// Start tags that close an open `<p>` (HTML5 "close a p element").
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "dd",
    "dt",
];

/// The open elements, innermost last, with a count per name so that looking for one that is not open costs
/// nothing (a page of stray `</div>` or of `<li>` outside lists never walks the stack).
#[derive(Default)]
struct Open {
    stack: Vec<(usize, String)>,
    counts: crate::hash::FastMap<String, u32>,
}

impl Open {
    fn push(&mut self, index: usize, name: String) {
        *self.counts.entry(name.clone()).or_insert(0) += 1;
        self.stack.push((index, name));
    }

    /// Pops the element at `k` and every one above it.
    fn truncate(&mut self, k: usize) {
        for (_, name) in self.stack.drain(k..) {
            if let Some(c) = self.counts.get_mut(&name) {
                *c = c.saturating_sub(1);
            }
        }
    }

    fn has(&self, name: &str) -> bool {
        self.counts.get(name).is_some_and(|&c| c > 0)
    }

    fn last(&self) -> Option<&(usize, String)> {
        self.stack.last()
    }

    fn len(&self) -> usize {
        self.stack.len()
    }
}

/// Elements that bound the search for an open element to close implicitly.
const SCOPE: &[&str] = &[
    "html", "body", "table", "td", "th", "caption", "template", "object", "applet", "marquee", "button",
];

impl Tree {
    /// Builds the tree of `html`. Linear in `html` (see the module doc).
    pub(crate) fn parse(html: &str) -> Tree {
        let mut tree = Tree {
            nodes: vec![Node {
                parent: 0,
                kind: Kind::Element(Element {
                    name: "#document".into(),
                    attrs: Vec::new(),
                }),
            }],
            ends: Vec::new(),
        };
        // Open elements: node index and name.
        let mut open = Open::default();
        for token in Tokenizer::new(html) {
            let parent = open.last().map_or(0, |(i, _)| *i);
            match token {
                Token::Text(text) => tree.push_text(parent, text),
                Token::Raw(raw) => {
                    // Only JSON-LD is worth keeping from a script; styles and other scripts are dropped here.
                    let keep = match &tree.nodes[parent].kind {
                        Kind::Element(e) => e.name == "script" && is_json_ld(e),
                        Kind::Text(_) => false,
                    };
                    if keep {
                        tree.push_text(parent, raw.to_string());
                    }
                }
                Token::Start {
                    name,
                    attrs,
                    self_closing,
                } => {
                    implied_ends(&mut open, &name);
                    let parent = open.last().map_or(0, |(i, _)| *i);
                    let index = tree.nodes.len();
                    let void = VOID.contains(&name.as_str())
                        || (self_closing && !is_raw(&name))
                        || name == "html"
                        || name == "head"
                        || name == "body";
                    // `html`, `head` and `body` are landmarks only: their content is kept where it stands.
                    tree.nodes.push(Node {
                        parent,
                        kind: Kind::Element(Element {
                            name: name.clone(),
                            attrs,
                        }),
                    });
                    if !void && open.len() < MAX_DEPTH {
                        open.push(index, name);
                    } else if !void && is_raw(&name) {
                        // A raw element past the cap still holds its own content, so a script never turns into text.
                        open.push(index, name);
                    }
                }
                Token::End(name) => {
                    let found = if open.has(&name) {
                        open.stack.iter().rposition(|(_, n)| *n == name)
                    } else {
                        None
                    };
                    if let Some(k) = found {
                        // Closing an element past a table cell or such would rearrange the page: only within scope.
                        let crossed = open.stack[k + 1..].iter().any(|(_, n)| SCOPE.contains(&n.as_str()));
                        if !crossed || SCOPE.contains(&name.as_str()) {
                            open.truncate(k);
                        }
                    } else if name == "br" {
                        // `</br>` is read as `<br>`.
                        tree.nodes.push(Node {
                            parent,
                            kind: Kind::Element(Element {
                                name,
                                attrs: Vec::new(),
                            }),
                        });
                    }
                }
            }
        }
        tree.finish();
        tree
    }

    fn push_text(&mut self, parent: usize, text: String) {
        if text.is_empty() {
            return;
        }
        // Adjacent text (split by a comment or a dropped script) is one node.
        if let Some(last) = self.nodes.last_mut() {
            if last.parent == parent {
                if let Kind::Text(t) = &mut last.kind {
                    t.push_str(&text);
                    return;
                }
            }
        }
        self.nodes.push(Node {
            parent,
            kind: Kind::Text(text),
        });
    }

    /// Computes subtree ends, children before parents (each parent precedes its children).
    fn finish(&mut self) {
        let n = self.nodes.len();
        let mut ends: Vec<usize> = (1..=n).collect();
        for i in (1..n).rev() {
            let p = self.nodes[i].parent;
            ends[p] = ends[p].max(ends[i]);
        }
        self.ends = ends;
    }

    /// One past the last descendant of `i`: `i..self.end(i)` is its subtree.
    pub(crate) fn end(&self, i: usize) -> usize {
        self.ends.get(i).copied().unwrap_or(i + 1)
    }

    /// Node `i` as an element.
    pub(crate) fn element(&self, i: usize) -> Option<&Element> {
        match &self.nodes.get(i)?.kind {
            Kind::Element(e) => Some(e),
            Kind::Text(_) => None,
        }
    }

    /// The elements named `name`, in document order.
    pub(crate) fn elements_named<'t>(&'t self, name: &'t str) -> impl Iterator<Item = (usize, &'t Element)> + 't {
        self.nodes.iter().enumerate().filter_map(move |(i, n)| match &n.kind {
            Kind::Element(e) if e.name == name => Some((i, e)),
            _ => None,
        })
    }

    /// The text inside node `i`, white space collapsed; linear in its subtree.
    pub(crate) fn text_of(&self, i: usize) -> String {
        let mut out = String::new();
        for node in &self.nodes[i..self.end(i)] {
            if let Kind::Text(t) = &node.kind {
                out.push(' ');
                out.push_str(t);
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// True for a `<script type="application/ld+json">`.
pub(crate) fn is_json_ld(e: &Element) -> bool {
    e.attr("type")
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"))
}

/// Raw-text elements, whose content the tokenizer hands over in one piece.
fn is_raw(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" | "title" | "textarea"
    )
}

/// Pops the open elements a start tag `name` closes implicitly. Looks at most at the open elements down to the
/// nearest scope boundary.
fn implied_ends(open: &mut Open, name: &str) {
    let closes: &[&str] = match name {
        "li" => &["li"],
        "dt" | "dd" => &["dt", "dd"],
        "tr" => &["tr"],
        "td" | "th" => &["td", "th"],
        "option" => &["option"],
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
            // A heading inside a heading closes it.
            if open
                .last()
                .is_some_and(|(_, n)| matches!(n.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6"))
            {
                open.truncate(open.len() - 1);
            }
            &[]
        }
        _ => &[],
    };
    let list_boundary = matches!(name, "li" | "dt" | "dd");
    let table_boundary = matches!(name, "tr" | "td" | "th");
    let searched = if closes.iter().any(|c| open.has(c)) {
        open.len()
    } else {
        0
    };
    for k in (0..searched).rev() {
        let n = open.stack[k].1.as_str();
        if closes.contains(&n) {
            open.truncate(k);
            break;
        }
        // A new row closes the open row through its open cell.
        if name == "tr" && matches!(n, "td" | "th") {
            continue;
        }
        if SCOPE.contains(&n)
            || (list_boundary && matches!(n, "ul" | "ol" | "dl" | "menu"))
            || (table_boundary && matches!(n, "table" | "tbody" | "thead" | "tfoot"))
        {
            break;
        }
    }
    if CLOSES_P.contains(&name) && open.has("p") {
        for k in (0..open.len()).rev() {
            let n = open.stack[k].1.as_str();
            if n == "p" {
                open.truncate(k);
                break;
            }
            if SCOPE.contains(&n) {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree as nested names, text in quotes: `div(p("a") p("b"))`.
    fn shape(tree: &Tree) -> String {
        let mut out = String::new();
        let mut stack: Vec<usize> = Vec::new();
        for (i, node) in tree.nodes.iter().enumerate().skip(1) {
            while let Some(&top) = stack.last() {
                if i < tree.end(top) {
                    break;
                }
                stack.pop();
                out.push(')');
            }
            if !out.is_empty() && !out.ends_with('(') {
                out.push(' ');
            }
            match &node.kind {
                Kind::Text(t) => out.push_str(&format!("{t:?}")),
                Kind::Element(e) => {
                    out.push_str(&e.name);
                    if tree.end(i) > i + 1 {
                        out.push('(');
                        stack.push(i);
                    }
                }
            }
        }
        out.push_str(&")".repeat(stack.len()));
        out
    }

    #[test]
    fn implied_end_tags() {
        assert_eq!(shape(&Tree::parse("<p>a<p>b<div>c</div>")), r#"p("a") p("b") div("c")"#);
        assert_eq!(shape(&Tree::parse("<ul><li>a<li>b</ul>")), r#"ul(li("a") li("b"))"#);
        assert_eq!(
            shape(&Tree::parse("<table><tr><td>a<td>b<tr><td>c</table>x")),
            r#"table(tr(td("a") td("b")) tr(td("c"))) "x""#
        );
        assert_eq!(shape(&Tree::parse("<p>a<br>b<img src=x>c")), r#"p("a" br "b" img "c")"#);
    }

    #[test]
    fn stray_and_misnested_end_tags() {
        assert_eq!(shape(&Tree::parse("a</span>b</div>c")), r#""abc""#);
        assert_eq!(shape(&Tree::parse("<div><b>x</div>y")), r#"div(b("x")) "y""#);
        assert_eq!(shape(&Tree::parse("<td><b>x</td>y")), r#"td(b("x")) "y""#);
        // A `</div>` inside a stray cell is out of scope and ignored, as in a browser.
        assert_eq!(shape(&Tree::parse("<div><td>x</div>y")), r#"div(td("xy"))"#);
    }

    #[test]
    fn scripts_keep_only_json_ld() {
        let t = Tree::parse(r#"<script>a()</script><script type="application/ld+json">{}</script><style>p{}</style>"#);
        assert_eq!(shape(&t), r#"script script("{}") style"#);
    }

    #[test]
    fn nesting_is_capped_without_losing_text() {
        let depth = 100_000;
        let page = format!("{}deep{}after", "<div>".repeat(depth), "</div>".repeat(depth));
        let t = Tree::parse(&page);
        assert_eq!(t.nodes.len(), depth + 3);
        let mut depths = vec![0usize; t.nodes.len()];
        for i in 1..t.nodes.len() {
            depths[i] = depths[t.nodes[i].parent] + 1;
        }
        assert!(depths.iter().all(|&d| d <= MAX_DEPTH + 1));
        assert_eq!(t.text_of(0), "deep after");
    }
}
