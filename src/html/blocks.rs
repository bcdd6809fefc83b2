//! The visible text of a tree, cut into blocks: the runs of text between block-level boundaries (paragraphs,
//! headings, list items, cells, ...), each with the element that holds it and the counts the scoring reads.

use super::tree::{Kind, Tree};

/// Elements whose content a reader never sees as text.
const INVISIBLE: &[&str] = &[
    "head", "title", "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas",
    "select", "option", "button", "input", "textarea", "video", "audio", "map", "datalist", "meta", "link", "base",
];

/// Elements that start and end a block of text.
pub(crate) const BLOCK: &[&str] = &[
    "#document",
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
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
    "html",
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
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// A run of visible text between block boundaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// The innermost block element holding the text.
    pub owner: usize,
    /// The text, white space collapsed; a `<br>` is a line break.
    pub text: String,
    /// Characters other than white space.
    pub chars: usize,
    /// Of those, the ones inside links.
    pub link_chars: usize,
    /// Commas (Latin, CJK and Arabic), a sign of prose.
    pub commas: usize,
    /// The first and the last text node of the block: a block whose text all stands in one marked inline element
    /// (`<span class="date">`) is told by them.
    pub nodes: (usize, usize),
}

/// True when element `i` is never shown: an invisible element, `hidden`, `aria-hidden="true"` or an inline
/// `display: none` / `visibility: hidden`.
pub(crate) fn is_hidden(tree: &Tree, i: usize) -> bool {
    let Some(e) = tree.element(i) else { return false };
    if INVISIBLE.contains(&e.name.as_str()) || e.attr("hidden").is_some() {
        return true;
    }
    if e.attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    e.attr("style").is_some_and(|s| {
        let s: String = s
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The blocks of the visible text under node `root`, in document order.
///
/// Linear in the subtree: one pass over its nodes, hidden subtrees skipped by their end index; the open elements
/// are tracked on an explicit stack, never by recursion.
pub(crate) fn blocks(tree: &Tree, root: usize) -> Vec<Block> {
    let mut out = Vec::new();
    let mut current = Block {
        owner: root,
        text: String::new(),
        chars: 0,
        link_chars: 0,
        commas: 0,
        nodes: (0, 0),
    };
    // Open elements: index, end of subtree, is a block, is a link.
    let mut open: Vec<(usize, usize, bool, bool)> = Vec::new();
    let mut links = 0usize;
    let end = tree.end(root);
    let mut i = root;
    while i < end {
        while let Some(&(_, e, block, link)) = open.last() {
            if i < e {
                break;
            }
            open.pop();
            if link {
                links -= 1;
            }
            if block {
                let owner = open.iter().rev().find(|o| o.2).map_or(root, |o| o.0);
                flush(&mut current, &mut out, owner);
            }
        }
        match &tree.nodes[i].kind {
            Kind::Text(t) => {
                let was_empty = current.chars == 0;
                push_collapsed(&mut current, t, links > 0);
                if current.chars > 0 {
                    if was_empty {
                        current.nodes.0 = i;
                    }
                    current.nodes.1 = i;
                }
                i += 1;
            }
            Kind::Element(el) => {
                if i != root && is_hidden(tree, i) {
                    i = tree.end(i);
                    continue;
                }
                let block = BLOCK.contains(&el.name.as_str());
                if el.name == "br" {
                    while current.text.ends_with(' ') {
                        current.text.pop();
                    }
                    if !current.text.is_empty() {
                        current.text.push('\n');
                    }
                } else if el.name == "img" {
                    // An image between words separates them.
                    if !current.text.is_empty() && !current.text.ends_with([' ', '\n']) {
                        current.text.push(' ');
                    }
                }
                if block {
                    flush(&mut current, &mut out, i);
                }
                let link = el.name == "a";
                if link {
                    links += 1;
                }
                open.push((i, tree.end(i), block, link));
                i += 1;
            }
        }
    }
    flush(&mut current, &mut out, root);
    out
}

/// Ends the current block (when it holds text) and starts one owned by `next_owner`.
fn flush(current: &mut Block, out: &mut Vec<Block>, next_owner: usize) {
    let text = current.text.trim().to_string();
    if !text.is_empty() {
        out.push(Block {
            owner: current.owner,
            text,
            chars: current.chars,
            link_chars: current.link_chars,
            commas: current.commas,
            nodes: current.nodes,
        });
    }
    *current = Block {
        owner: next_owner,
        text: String::new(),
        chars: 0,
        link_chars: 0,
        commas: 0,
        nodes: (0, 0),
    };
}

/// Appends `text` to the block with runs of white space collapsed to one space, as a browser renders it.
fn push_collapsed(block: &mut Block, text: &str, in_link: bool) {
    for c in text.chars() {
        if c.is_whitespace() {
            if !block.text.is_empty() && !block.text.ends_with([' ', '\n']) {
                block.text.push(' ');
            }
        } else {
            block.text.push(c);
            block.chars += 1;
            if in_link {
                block.link_chars += 1;
            }
            if matches!(c, ',' | '，' | '、' | '،') {
                block.commas += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        let tree = Tree::parse(html);
        blocks(&tree, 0).into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn blocks_follow_block_elements_and_line_breaks() {
        assert_eq!(
            texts("<div>One <b>two</b><p>three,\n four</p>five<br>six<ul><li>x<li>y</ul></div>"),
            ["One two", "three, four", "five\nsix", "x", "y"]
        );
    }

    #[test]
    fn hidden_and_invisible_content_is_not_text() {
        assert_eq!(
            texts(
                r#"<p>a<span hidden>b</span><span style="display: none">c</span><svg><text>d</text></svg>e</p><title>t</title>"#
            ),
            ["ae"]
        );
    }

    #[test]
    fn counts_links_and_commas() {
        let tree = Tree::parse(r#"<p>Read <a href="x">more here</a>, now</p>"#);
        let b = &blocks(&tree, 0)[0];
        assert_eq!((b.chars, b.link_chars, b.commas), (16, 8, 1));
        assert_eq!(tree.element(b.owner).map(|e| e.name.as_str()), Some("p"));
    }
}
