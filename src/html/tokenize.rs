//! The HTML tokenizer: start tags with their attributes, end tags and text, as a browser splits a page.
//!
//! Tolerant in the ways pages need: `<` starts markup only before a letter, `/`, `!` or `?` ("a < b" is text),
//! quoted attribute values may hold `>`, comments and doctypes are skipped, and the content of `script`, `style`
//! and the other raw-text elements is one piece of text up to the matching end tag. A tag cut off by the end of
//! the input is dropped, as browsers drop it. Nothing is ever executed or fetched.

use super::entities::{decode_in, Context};

/// One piece of a page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Token<'a> {
    /// `<name attr=value ...>`; the name in ASCII lower case, attribute values decoded.
    Start {
        /// The tag name.
        name: String,
        /// Attributes in order, names in lower case.
        attrs: Vec<(String, String)>,
        /// Written `<name/>`.
        self_closing: bool,
    },
    /// `</name>`.
    End(String),
    /// Text between tags, references decoded.
    Text(String),
    /// The content of a raw-text element (`script`, `style`, ...), as written.
    Raw(&'a str),
}

/// Elements whose content is raw text up to their end tag: no tags inside, no references decoded.
const RAW: &[&str] = &["script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"];

/// Elements whose content is text up to their end tag, references decoded.
const ESCAPABLE_RAW: &[&str] = &["title", "textarea"];

/// The tokens of a page, in order.
///
/// Linear in the page: every byte is looked at a bounded number of times (a raw element's end tag is searched for
/// once, from where its content starts; an unterminated comment or tag ends the scan).
pub(crate) struct Tokenizer<'a> {
    html: &'a str,
    at: usize,
    /// The end tag a raw-text element's content runs to, once its start tag was read.
    raw_until: Option<(String, bool)>,
    /// The escapable raw elements (`title`, `textarea`) whose end tag is known to be absent from the rest of the
    /// page: remembered so that a page of unclosed `<title>`s is searched once, not once per tag.
    unclosed: Vec<String>,
}

impl<'a> Tokenizer<'a> {
    /// A tokenizer over `html`.
    pub(crate) fn new(html: &'a str) -> Self {
        Tokenizer {
            html,
            at: 0,
            raw_until: None,
            unclosed: Vec::new(),
        }
    }

    /// The content of the raw-text element just opened, and its end tag.
    fn raw_content(&mut self, name: String, escapable: bool) -> Option<Token<'a>> {
        let rest = &self.html[self.at..];
        let end = find_end_tag(rest, &name).unwrap_or(rest.len());
        let content = &rest[..end];
        self.at += end;
        // Skip the end tag itself (`</script   >`).
        if self.at < self.html.len() {
            self.at = self.html[self.at..]
                .find('>')
                .map_or(self.html.len(), |k| self.at + k + 1);
        }
        self.raw_until = Some((name, true));
        if content.is_empty() {
            return self.next();
        }
        Some(if escapable {
            Token::Text(decode_in(content, Context::Text))
        } else {
            Token::Raw(content)
        })
    }
}

/// Byte index in `s` of the first `</name` followed by a character that ends a tag name, ignoring ASCII case.
fn find_end_tag(s: &str, name: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    let mut from = 0;
    while let Some(k) = s[from..].find("</") {
        let at = from + k;
        let after = at + 2 + name.len();
        if bytes.len() >= after
            && bytes[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && bytes
                .get(after)
                .is_none_or(|b| b.is_ascii_whitespace() || matches!(b, b'/' | b'>'))
        {
            return Some(at);
        }
        from = at + 2;
    }
    None
}

impl<'a> Iterator for Tokenizer<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some((name, done)) = self.raw_until.take() {
            if done {
                return Some(Token::End(name));
            }
            let escapable = ESCAPABLE_RAW.contains(&name.as_str());
            return self.raw_content(name, escapable);
        }
        loop {
            let html = self.html;
            let bytes = html.as_bytes();
            if self.at >= html.len() {
                return None;
            }
            let start = self.at;
            if bytes[start] != b'<' {
                let end = html[start..].find('<').map_or(html.len(), |k| start + k);
                // Text runs to the next `<` that opens markup; a lone `<` stays in the run.
                let mut stop = end;
                while stop < html.len() && !opens_markup(bytes, stop) {
                    stop = html[stop + 1..].find('<').map_or(html.len(), |k| stop + 1 + k);
                }
                self.at = stop;
                return Some(Token::Text(decode_in(&html[start..stop], Context::Text)));
            }
            if !opens_markup(bytes, start) {
                // `<` before anything else is text (handled above on the next turn): take it with what follows.
                let stop = html[start + 1..].find('<').map_or(html.len(), |k| start + 1 + k);
                self.at = stop;
                return Some(Token::Text(decode_in(&html[start..stop], Context::Text)));
            }
            let rest = &html[start..];
            if rest.starts_with("<!--") {
                self.at = html[start + 4..].find("-->").map_or(html.len(), |k| start + 4 + k + 3);
                continue;
            }
            if rest.starts_with("<!") || rest.starts_with("<?") {
                // Doctype, CDATA section, processing instruction: nothing a reader sees.
                let close = if rest.starts_with("<![CDATA[") { "]]>" } else { ">" };
                self.at = html[start + 2..]
                    .find(close)
                    .map_or(html.len(), |k| start + 2 + k + close.len());
                continue;
            }
            if rest.starts_with("</") {
                if !bytes.get(start + 2).is_some_and(u8::is_ascii_alphabetic) {
                    // `</>` or `</ 3>`: a bogus comment up to `>`.
                    self.at = html[start + 2..].find('>').map_or(html.len(), |k| start + 2 + k + 1);
                    continue;
                }
                let (name, after) = tag_name(html, start + 2);
                let Some(end) = tag_end(bytes, after) else {
                    self.at = html.len();
                    return None;
                };
                self.at = end + 1;
                return Some(Token::End(name));
            }
            let (name, after) = tag_name(html, start + 1);
            let Some((attrs, self_closing, end)) = attributes(html, after) else {
                // A tag cut off by the end of the page is dropped.
                self.at = html.len();
                return None;
            };
            self.at = end;
            let mut self_closing = self_closing;
            if !self_closing
                && ESCAPABLE_RAW.contains(&name.as_str())
                && (self.unclosed.contains(&name) || find_end_tag(&html[end..], &name).is_none())
            {
                if !self.unclosed.contains(&name) {
                    self.unclosed.push(name.clone());
                }
                // A `<title>` never closed would make the rest of the page its text (a script's source included):
                // a broken page is far likelier than such a title, so the element is empty and the page reads on.
                self_closing = true;
            } else if !self_closing && (RAW.contains(&name.as_str()) || ESCAPABLE_RAW.contains(&name.as_str())) {
                self.raw_until = Some((name.clone(), false));
            }
            return Some(Token::Start {
                name,
                attrs,
                self_closing,
            });
        }
    }
}

/// True when the `<` at `at` starts markup: before a letter, `/`, `!` or `?`.
fn opens_markup(bytes: &[u8], at: usize) -> bool {
    bytes[at] == b'<'
        && matches!(bytes.get(at + 1), Some(b) if b.is_ascii_alphabetic() || matches!(b, b'/' | b'!' | b'?'))
}

/// The lower-cased tag name starting at `from`, and where it ends.
fn tag_name(html: &str, from: usize) -> (String, usize) {
    let len = html.as_bytes()[from..]
        .iter()
        .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'/' | b'>'))
        .count();
    let mut end = from + len;
    while !html.is_char_boundary(end) {
        end += 1;
    }
    (html[from..end].to_ascii_lowercase(), end)
}

/// Index of the `>` that ends an end tag, skipping quoted values as in a start tag.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (k, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(from + k),
            _ => {}
        }
    }
    None
}

/// The attributes from `from` to the tag's `>`: the list, whether the tag ends `/>`, and the index after `>`.
/// `None` when the input ends inside the tag.
#[allow(clippy::type_complexity)]
fn attributes(html: &str, from: usize) -> Option<(Vec<(String, String)>, bool, usize)> {
    let bytes = html.as_bytes();
    let mut attrs = Vec::new();
    let mut i = from;
    let mut self_closing = false;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            self_closing = bytes[i] == b'/';
            i += 1;
        }
        match bytes.get(i) {
            None => return None,
            Some(b'>') => return Some((attrs, self_closing, i + 1)),
            _ => {}
        }
        self_closing = false;
        // The name: up to white space, `/`, `>` or `=` (a first `=` belongs to it).
        let name_start = i;
        i += 1;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'/' | b'>' | b'=') {
            i += 1;
        }
        while !html.is_char_boundary(i) {
            i += 1;
        }
        let name = html[name_start..i].to_ascii_lowercase();
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        if bytes.get(j) != Some(&b'=') {
            attrs.push((name, String::new()));
            continue;
        }
        j += 1;
        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
            j += 1;
        }
        let value = match bytes.get(j) {
            None => return None,
            Some(&q @ (b'"' | b'\'')) => {
                let close = html[j + 1..].find(q as char)? + j + 1;
                let v = &html[j + 1..close];
                i = close + 1;
                v
            }
            Some(b'>') => {
                i = j;
                ""
            }
            Some(_) => {
                let len = bytes[j..]
                    .iter()
                    .take_while(|b| !b.is_ascii_whitespace() && **b != b'>')
                    .count();
                i = j + len;
                &html[j..i]
            }
        };
        attrs.push((name, decode_in(value, Context::Attribute)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(html: &str) -> Vec<Token<'_>> {
        Tokenizer::new(html).collect()
    }

    fn start(name: &str, attrs: &[(&str, &str)]) -> Token<'static> {
        Token::Start {
            name: name.to_string(),
            attrs: attrs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
            self_closing: false,
        }
    }

    #[test]
    fn tags_attributes_and_text() {
        assert_eq!(
            tokens(r#"<P Class="a>b" id=x hidden>T&amp;C</p>"#),
            vec![
                start("p", &[("class", "a>b"), ("id", "x"), ("hidden", "")]),
                Token::Text("T&C".into()),
                Token::End("p".into())
            ]
        );
        assert_eq!(
            tokens("<br/>a < b<!-- c --><!DOCTYPE html>"),
            vec![
                Token::Start {
                    name: "br".into(),
                    attrs: vec![],
                    self_closing: true
                },
                Token::Text("a < b".into())
            ]
        );
    }

    #[test]
    fn raw_text_elements_hold_their_content_to_the_end_tag() {
        assert_eq!(
            tokens("<script>if (a<b) x='</p>'</SCRIPT >t"),
            vec![
                start("script", &[]),
                Token::Raw("if (a<b) x='</p>'"),
                Token::End("script".into()),
                Token::Text("t".into())
            ]
        );
        assert_eq!(
            tokens("<title>A &amp; <b>B</title>"),
            vec![
                start("title", &[]),
                Token::Text("A & <b>B".into()),
                Token::End("title".into())
            ]
        );
        // An unclosed script runs to the end of the page.
        assert_eq!(tokens("<script>x").len(), 3);
    }

    #[test]
    fn truncated_and_broken_markup() {
        assert_eq!(tokens("<p>x<a href='y"), vec![start("p", &[]), Token::Text("x".into())]);
        assert_eq!(tokens("x<!-- never closed"), vec![Token::Text("x".into())]);
        assert_eq!(tokens("</ 3>x</>"), vec![Token::Text("x".into())]);
        assert_eq!(tokens("<<p>"), vec![Token::Text("<".into()), start("p", &[])]);
        assert_eq!(tokens("<p =a>"), vec![start("p", &[("=a", "")])]);
        assert_eq!(tokens("<é>"), vec![Token::Text("<é>".into())]);
        // A title never closed is empty: what follows is read as markup.
        assert_eq!(tokens("<title><b>x")[1], start("b", &[]));
    }
}
