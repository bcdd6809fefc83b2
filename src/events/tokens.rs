//! Words and clause marks of one sentence, with byte spans, for looking around a trigger.

use crate::model::Span;
use regex::Regex;
use std::sync::OnceLock;

/// A word or a clause mark.
#[derive(Debug, Clone)]
pub struct Token {
    /// Where it stands in the text.
    pub span: Span,
    /// Lower-cased text.
    pub lower: String,
    /// True for punctuation that ends a clause (`,` `;` `:` brackets, quotes, dashes).
    pub mark: bool,
}

/// The tokens of `span` in `text`.
pub fn tokenize(text: &str, span: Span) -> Vec<Token> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| Regex::new(r#"[\w'’]+(?:[-.,][\w]+)*|--|[-,;:()"“”—–]"#).expect("token regex"));
    let Some(s) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    re.find_iter(s)
        .map(|m| {
            let lower = m.as_str().to_lowercase();
            let mark = !lower.starts_with(|c: char| c.is_alphanumeric() || c == '\'' || c == '’');
            Token {
                span: Span::new(span.start + m.start(), span.start + m.end()),
                lower,
                mark,
            }
        })
        .collect()
}

/// Index of the first token starting at or after `pos`.
pub fn index_at(tokens: &[Token], pos: usize) -> usize {
    tokens.partition_point(|t| t.span.start < pos)
}

/// Up to `n` words before token `i`, stopping at a clause mark; nearest last.
pub fn words_before(tokens: &[Token], i: usize, n: usize) -> &[Token] {
    let mut start = i;
    while start > 0 && i - start < n && !tokens[start - 1].mark {
        start -= 1;
    }
    &tokens[start..i]
}

/// Up to `n` words from token `i`, stopping at a clause mark.
pub fn words_after(tokens: &[Token], i: usize, n: usize) -> &[Token] {
    let mut end = i;
    while end < tokens.len() && end - i < n && !tokens[end].mark {
        end += 1;
    }
    &tokens[i..end]
}

/// Where `phrase` (lower-case words) occurs in `window`, as a span.
pub fn find_phrase(window: &[Token], phrase: &[String]) -> Option<Span> {
    if phrase.is_empty() || window.len() < phrase.len() {
        return None;
    }
    (0..=window.len() - phrase.len()).find_map(|k| {
        let hit = window[k..k + phrase.len()]
            .iter()
            .zip(phrase)
            .all(|(t, p)| &t.lower == p);
        hit.then(|| Span::new(window[k].span.start, window[k + phrase.len() - 1].span.end))
    })
}

/// The clause around `pos`: from the last clause mark before to the next after, within `sentence`.
pub fn clause_of(tokens: &[Token], sentence: Span, pos: usize) -> Span {
    let i = index_at(tokens, pos);
    let start = tokens[..i]
        .iter()
        .rev()
        .find(|t| t.mark && t.lower != "\"")
        .map_or(sentence.start, |t| t.span.end);
    let end = tokens[i..]
        .iter()
        .find(|t| t.mark && t.lower != "\"")
        .map_or(sentence.end, |t| t.span.start);
    Span::new(start, end.max(start))
}
