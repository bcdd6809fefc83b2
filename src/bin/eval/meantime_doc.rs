//! Reading one MEANTIME CAT XML file: its tokens rebuilt into text, its markables and relations.
//!
//! The files are tokenised (`<token t_id sentence number>word</token>`); the text is rebuilt with one sentence per
//! line and no space before closing punctuation or after an opening bracket, and every token keeps its byte span
//! in that text, so that gold annotations (token anchors) and system output (byte spans) meet in one place.
//!
//! The reader is a small one for this format (a flat scan of tags, linear in the file): elements with token
//! anchors (`ENTITY_MENTION`, `EVENT_MENTION`, `TIMEX3`...) or without (`ENTITY` instances), and relations with
//! `source` / `target` children. The corpus itself is read from `../shared` and never copied into the project.

use dateline::Span;
use std::collections::HashMap;

/// One token of the file with its place in the rebuilt text.
#[derive(Debug, Clone)]
pub struct Token {
    /// Sentence number (the `sentence` attribute).
    pub sentence: usize,
    /// The word as written.
    pub word: String,
    /// Byte span in [`MtDoc::text`].
    pub span: Span,
}

/// A markable (mention, timex, instance) with its attributes and the tokens it covers.
#[derive(Debug, Clone, Default)]
pub struct Markable {
    /// Element name: `ENTITY_MENTION`, `EVENT_MENTION`, `TIMEX3`, `ENTITY`...
    pub tag: String,
    /// Attributes as written (entities decoded).
    pub attrs: HashMap<String, String>,
    /// Indices into [`MtDoc::tokens`], in document order.
    pub tokens: Vec<usize>,
}

impl Markable {
    /// The attribute's value, or "" when absent.
    pub fn attr(&self, name: &str) -> &str {
        self.attrs.get(name).map_or("", String::as_str)
    }
}

/// A relation (`TLINK`, `REFERS_TO`, `HAS_PARTICIPANT`...) between markable ids.
#[derive(Debug, Clone, Default)]
pub struct Relation {
    /// Element name.
    pub tag: String,
    /// Attributes as written.
    pub attrs: HashMap<String, String>,
    /// `m_id`s of the sources.
    pub sources: Vec<String>,
    /// `m_id`s of the targets.
    pub targets: Vec<String>,
}

/// One MEANTIME document.
#[derive(Debug, Clone, Default)]
pub struct MtDoc {
    /// The rebuilt text: one sentence per line.
    pub text: String,
    /// Tokens in document order.
    pub tokens: Vec<Token>,
    /// Markables by `m_id`.
    pub markables: HashMap<String, Markable>,
    /// Relations in file order.
    pub relations: Vec<Relation>,
    /// Byte offset where the annotated region ends (the end of the last sentence holding a gold mention or timex).
    pub region_end: usize,
}

impl MtDoc {
    /// The document creation time (`TIMEX3` with `functionInDocument="CREATION_TIME"`), as written.
    pub fn creation_time(&self) -> Option<&str> {
        self.markables
            .values()
            .find(|m| m.tag == "TIMEX3" && m.attr("functionInDocument") == "CREATION_TIME")
            .map(|m| m.attr("value"))
            .filter(|v| !v.is_empty())
    }

    /// The byte span from the markable's first token to its last (empty for a markable without tokens).
    pub fn span(&self, m: &Markable) -> Option<Span> {
        let first = self.tokens.get(*m.tokens.first()?)?;
        let last = self.tokens.get(*m.tokens.last()?)?;
        Some(Span::new(first.span.start, last.span.end))
    }
}

/// Problems of a file this reader cannot take.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadError {
    /// A `<` with no closing `>`.
    UnclosedTag(usize),
    /// No `<token>` at all.
    NoTokens,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::UnclosedTag(at) => write!(f, "unclosed tag at byte {at}"),
            ReadError::NoTokens => write!(f, "no <token> elements"),
        }
    }
}

/// One piece of the XML: a tag or the text between tags.
enum Piece<'a> {
    Open {
        name: &'a str,
        attrs: HashMap<String, String>,
        empty: bool,
    },
    Close,
    Text(&'a str),
}

/// Attributes of a start tag's inside (`name a="x" b='y'`), values decoded.
fn attributes(inner: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut rest = inner;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq]
            .trim()
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("")
            .to_string();
        let after = rest[eq + 1..].trim_start();
        let Some(quote) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            break;
        };
        let Some(close) = after[1..].find(quote) else {
            break;
        };
        out.insert(key, dateline::html::decode_entities(&after[1..1 + close]));
        rest = &after[close + 2..];
    }
    out
}

/// Splits the XML into tags and text; declarations, comments and processing instructions are skipped.
fn pieces(xml: &str) -> Result<Vec<Piece<'_>>, ReadError> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(lt) = xml[at..].find('<').map(|i| i + at) {
        if lt > at {
            out.push(Piece::Text(&xml[at..lt]));
        }
        let gt = xml[lt..].find('>').map(|i| i + lt).ok_or(ReadError::UnclosedTag(lt))?;
        let inner = &xml[lt + 1..gt];
        at = gt + 1;
        if inner.starts_with('?') || inner.starts_with('!') {
            continue;
        }
        if inner.starts_with('/') {
            out.push(Piece::Close);
            continue;
        }
        let empty = inner.ends_with('/');
        let inner = inner.trim_end_matches('/');
        let name_end = inner.find(char::is_whitespace).unwrap_or(inner.len());
        out.push(Piece::Open {
            name: &inner[..name_end],
            attrs: attributes(&inner[name_end..]),
            empty,
        });
    }
    if at < xml.len() {
        out.push(Piece::Text(&xml[at..]));
    }
    Ok(out)
}

/// Words written without a space before them (closing punctuation, clitics).
fn attaches_left(word: &str) -> bool {
    matches!(
        word,
        "," | "." | ";" | ":" | "!" | "?" | ")" | "]" | "}" | "%" | "''" | "..."
    ) || word.starts_with('\'') && word.len() > 1
        || word.eq_ignore_ascii_case("n't")
}

/// Words written without a space after them (opening brackets and quotes, currency signs: "$", "US$").
fn attaches_right(word: &str) -> bool {
    matches!(word, "(" | "[" | "{" | "``" | "£" | "€") || word.ends_with('$')
}

/// Reads a MEANTIME file: rebuilds the text and collects markables and relations. Linear in the file.
pub fn read(xml: &str) -> Result<MtDoc, ReadError> {
    let mut doc = MtDoc::default();
    let mut ids: HashMap<String, usize> = HashMap::new();
    // The open element with children (a markable with anchors or a relation), and the open token's attributes.
    let mut current: Option<(bool, Markable, Relation)> = None;
    let mut token: Option<(String, usize)> = None;
    let mut section = "";
    for piece in pieces(xml)? {
        match piece {
            Piece::Open {
                name: "token", attrs, ..
            } => {
                let id = attrs.get("t_id").cloned().unwrap_or_default();
                let sentence = attrs.get("sentence").and_then(|s| s.parse().ok()).unwrap_or(0);
                token = Some((id, sentence));
            }
            Piece::Text(raw) => {
                let Some((id, sentence)) = token.take() else {
                    continue;
                };
                let word = dateline::html::decode_entities(raw.trim());
                ids.insert(id, doc.tokens.len());
                doc.tokens.push(Token {
                    sentence,
                    word,
                    span: Span::default(),
                });
            }
            Piece::Open {
                name: n @ ("Markables" | "Relations"),
                ..
            } => section = n,
            Piece::Open {
                name: "token_anchor",
                attrs,
                ..
            } => {
                if let (Some((_, m, _)), Some(k)) = (current.as_mut(), attrs.get("t_id").and_then(|t| ids.get(t))) {
                    m.tokens.push(*k);
                }
            }
            Piece::Open {
                name: n @ ("source" | "target"),
                attrs,
                ..
            } => {
                if let (Some((_, _, r)), Some(id)) = (current.as_mut(), attrs.get("m_id")) {
                    let list = if n == "source" { &mut r.sources } else { &mut r.targets };
                    list.push(id.clone());
                }
            }
            Piece::Open { name, attrs, empty } if section == "Markables" => {
                let m = Markable {
                    tag: name.to_string(),
                    attrs,
                    tokens: Vec::new(),
                };
                if empty {
                    finish(&mut doc, Some((true, m, Relation::default())));
                } else {
                    current = Some((true, m, Relation::default()));
                }
            }
            Piece::Open { name, attrs, empty } if section == "Relations" => {
                let r = Relation {
                    tag: name.to_string(),
                    attrs,
                    ..Default::default()
                };
                if empty {
                    finish(&mut doc, Some((false, Markable::default(), r)));
                } else {
                    current = Some((false, Markable::default(), r));
                }
            }
            Piece::Open { .. } => {}
            Piece::Close => {
                token = None;
                finish(&mut doc, current.take());
            }
        }
    }
    if doc.tokens.is_empty() {
        return Err(ReadError::NoTokens);
    }
    rebuild(&mut doc);
    for m in doc.markables.values_mut() {
        m.tokens.sort_unstable();
    }
    doc.region_end = region_end(&doc);
    Ok(doc)
}

/// Rebuilds the text from the tokens (one sentence per line) and sets each token's span. A straight double quote
/// opens or closes by turns within a sentence; a lone apostrophe after an s is a possessive ("Beatles'"); a hyphen
/// between two capitalised words joins them ("Wal-Mart"), any other stands between spaces, as the tokens do not
/// tell a dash from a hyphen.
fn rebuild(doc: &mut MtDoc) {
    let mut text = String::new();
    let mut open_quote = false;
    let mut glue_next = false;
    let capital = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    for k in 0..doc.tokens.len() {
        let (before, rest) = doc.tokens.split_at_mut(k);
        let Some((t, after)) = rest.split_first_mut() else {
            break;
        };
        let prev = before.last().filter(|p| p.sentence == t.sentence);
        let next = after.first().filter(|n| n.sentence == t.sentence);
        if prev.is_none() {
            open_quote = false;
        }
        let word = t.word.as_str();
        let is_quote = word == "\"";
        let closing = is_quote && open_quote;
        if is_quote {
            open_quote = !open_quote;
        }
        let joining_hyphen =
            word == "-" && prev.is_some_and(|p| capital(&p.word)) && next.is_some_and(|n| capital(&n.word));
        let possessive = word == "'" && prev.is_some_and(|p| p.word.ends_with('s'));
        if prev.is_none() && !text.is_empty() {
            text.push('\n');
        } else if prev.is_some() && !(attaches_left(word) || closing || glue_next || joining_hyphen || possessive) {
            text.push(' ');
        }
        glue_next = attaches_right(word) || is_quote && !closing || joining_hyphen;
        let start = text.len();
        text.push_str(word);
        t.span = Span::new(start, text.len());
    }
    doc.text = text;
}

/// Stores a finished markable or relation.
fn finish(doc: &mut MtDoc, item: Option<(bool, Markable, Relation)>) {
    match item {
        Some((true, m, _)) => {
            let id = m.attr("m_id").to_string();
            doc.markables.insert(id, m);
        }
        Some((false, _, r)) => doc.relations.push(r),
        None => {}
    }
}

/// The end of the last sentence that holds a gold entity mention, event mention or timex.
fn region_end(doc: &MtDoc) -> usize {
    let last = doc
        .markables
        .values()
        .filter(|m| matches!(m.tag.as_str(), "ENTITY_MENTION" | "EVENT_MENTION" | "TIMEX3"))
        .filter_map(|m| m.tokens.last())
        .filter_map(|&k| doc.tokens.get(k))
        .map(|t| t.sentence)
        .max();
    match last {
        Some(s) => doc
            .tokens
            .iter()
            .filter(|t| t.sentence == s)
            .map(|t| t.span.end)
            .max()
            .unwrap_or(0),
        None => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A tiny document in the corpus's format, written for this test.
    const XML: &str = r#"<?xml version="1.0" ?><Document doc_id="1" doc_name="t">
<token number="0" sentence="0" t_id="1">Acme</token>
<token number="1" sentence="0" t_id="2">opens</token>
<token number="2" sentence="0" t_id="3">plant</token>
<token number="3" sentence="1" t_id="4">March</token>
<token number="4" sentence="1" t_id="5">3</token>
<token number="5" sentence="1" t_id="6">,</token>
<token number="6" sentence="1" t_id="7">2010</token>
<token number="7" sentence="2" t_id="8">On</token>
<token number="8" sentence="2" t_id="9">Monday</token>
<token number="9" sentence="2" t_id="10">(</token>
<token number="10" sentence="2" t_id="11">local</token>
<token number="11" sentence="2" t_id="12">time</token>
<token number="12" sentence="2" t_id="13">)</token>
<token number="13" sentence="2" t_id="14">,</token>
<token number="14" sentence="2" t_id="15">Acme</token>
<token number="15" sentence="2" t_id="16">'s</token>
<token number="16" sentence="2" t_id="17">boss</token>
<token number="17" sentence="2" t_id="18">said</token>
<token number="18" sentence="2" t_id="19">"</token>
<token number="19" sentence="2" t_id="20">yes</token>
<token number="20" sentence="2" t_id="21">"</token>
<token number="21" sentence="2" t_id="22">.</token>
<token number="22" sentence="3" t_id="23">so</token>
<token number="23" sentence="3" t_id="24">-</token>
<token number="24" sentence="3" t_id="25">Wal</token>
<token number="25" sentence="3" t_id="26">-</token>
<token number="26" sentence="3" t_id="27">Mart</token>
<token number="27" sentence="3" t_id="28">&amp;</token>
<token number="28" sentence="3" t_id="29">co</token>
<token number="29" sentence="3" t_id="30">US$</token>
<token number="30" sentence="3" t_id="31">5</token>
<token number="31" sentence="3" t_id="32">Beatles</token>
<token number="32" sentence="3" t_id="33">'</token>
<Markables>
<ENTITY_MENTION head="Acme" m_id="1" syntactic_type="NAM">
<token_anchor t_id="15"/>
</ENTITY_MENTION>
<EVENT_MENTION m_id="2" pred="say" pos="VERB">
<token_anchor t_id="18"/>
</EVENT_MENTION>
<TIMEX3 functionInDocument="CREATION_TIME" m_id="3" type="DATE" value="2010-03-03">
<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/><token_anchor t_id="7"/>
</TIMEX3>
<ENTITY TAG_DESCRIPTOR="Acme &amp; Co" ent_type="ORG" m_id="4"/>
</Markables>
<Relations>
<REFERS_TO r_id="9">
<source m_id="1"/>
<target m_id="4"/>
</REFERS_TO>
</Relations>
</Document>"#;

    #[test]
    fn rebuilds_the_text_with_sentences_on_lines_and_tokens_on_their_spans() {
        let doc = read(XML).expect("reads");
        assert_eq!(
            doc.text,
            concat!(
                "Acme opens plant\nMarch 3, 2010\nOn Monday (local time), Acme's boss said \"yes\".\n",
                "so - Wal-Mart & co US$5 Beatles'"
            )
        );
        for t in &doc.tokens {
            assert_eq!(t.span.slice(&doc.text), t.word);
        }
        let acme = &doc.markables["1"];
        assert_eq!(doc.span(acme).map(|s| s.slice(&doc.text)), Some("Acme"));
        assert_eq!(doc.creation_time(), Some("2010-03-03"));
        assert_eq!(doc.markables["4"].attr("TAG_DESCRIPTOR"), "Acme & Co");
        let r = &doc.relations[0];
        assert_eq!(
            (r.tag.as_str(), r.sources.as_slice(), r.targets.as_slice()),
            ("REFERS_TO", &["1".to_string()][..], &["4".to_string()][..])
        );
    }

    #[test]
    fn the_region_ends_with_the_last_annotated_sentence() {
        let doc = read(XML).expect("reads");
        assert_eq!(
            &doc.text[..doc.region_end],
            "Acme opens plant\nMarch 3, 2010\nOn Monday (local time), Acme's boss said \"yes\"."
        );
        assert_eq!(read("<Document></Document>").err(), Some(ReadError::NoTokens));
        assert_eq!(read("<Document><token").err(), Some(ReadError::UnclosedTag(10)));
    }
}
