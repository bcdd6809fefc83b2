//! Words and clause marks of one sentence, with byte spans, for looking around a trigger.

use crate::model::Span;
use std::borrow::Cow;

/// A word or a clause mark.
#[derive(Debug, Clone)]
pub struct Token<'a> {
    /// Where it stands in the text.
    pub span: Span,
    /// Lower-cased text: borrowed from the text when it already is (most words), so tokenising allocates little.
    pub lower: Cow<'a, str>,
    /// True for punctuation that ends a clause (`,` `;` `:` brackets, quotes, dashes).
    pub mark: bool,
    /// True when the word starts with a capital letter or a digit ("Hangzhou", "G20").
    pub original_upper: bool,
}

// Called for every character of every sentence with an event: inlined into the tokeniser's loop.
#[inline(always)]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric() || c == '_' || c == '\''
    } else {
        c == '’' || c.is_alphanumeric()
    }
}

/// `w` lower-cased, borrowed when it has no capital.
fn lower(w: &str) -> Cow<'_, str> {
    if !w.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        Cow::Borrowed(w)
    } else if w.is_ascii() {
        Cow::Owned(w.to_ascii_lowercase())
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// The tokens of `span` in `text`: words (with inner `-`, `.`, `,` before a letter or digit: "290,000",
/// "U.S", "anti-government") and clause marks. Hand-written: a regex pass per sentence cost more than the
/// rest of the stage.
pub fn tokenize(text: &str, span: Span) -> Vec<Token<'_>> {
    let Some(s) = text.get(span.start..span.end) else {
        return Vec::new();
    };
    // About one token per five bytes of news text: one allocation for most sentences.
    let mut out = Vec::with_capacity(s.len() / 5 + 4);
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if is_word_char(c) {
            let mut end = i + c.len_utf8();
            loop {
                match it.peek().copied() {
                    Some((j, d)) if is_word_char(d) => {
                        end = j + d.len_utf8();
                        it.next();
                    }
                    Some((j, '-' | '.' | ',')) => {
                        let next = s[j + 1..].chars().next();
                        if next.is_some_and(|n| n.is_alphanumeric() || n == '_') {
                            end = j + 1;
                            it.next();
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
            let w = &s[i..end];
            out.push(Token {
                span: Span::new(span.start + i, span.start + end),
                lower: lower(w),
                mark: false,
                original_upper: c.is_uppercase() || c.is_ascii_digit(),
            });
        } else if c == '-' && s[i + 1..].starts_with('-') {
            it.next();
            out.push(Token {
                span: Span::new(span.start + i, span.start + i + 2),
                lower: Cow::Borrowed("--"),
                mark: true,
                original_upper: false,
            });
        } else if matches!(c, '-' | ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '—' | '–') {
            let end = i + c.len_utf8();
            out.push(Token {
                span: Span::new(span.start + i, span.start + end),
                // A mark is its own lower case.
                lower: Cow::Borrowed(&s[i..end]),
                mark: true,
                original_upper: false,
            });
        }
    }
    out
}

/// Index of the first token starting at or after `pos`.
pub fn index_at(tokens: &[Token<'_>], pos: usize) -> usize {
    tokens.partition_point(|t| t.span.start < pos)
}

/// Up to `n` words before token `i`, stopping at a clause mark; nearest last.
pub fn words_before<'t, 'a>(tokens: &'t [Token<'a>], i: usize, n: usize) -> &'t [Token<'a>] {
    let mut start = i;
    while start > 0 && i - start < n && !tokens[start - 1].mark {
        start -= 1;
    }
    &tokens[start..i]
}

/// Up to `n` words from token `i`, stopping at a clause mark.
pub fn words_after<'t, 'a>(tokens: &'t [Token<'a>], i: usize, n: usize) -> &'t [Token<'a>] {
    let mut end = i;
    while end < tokens.len() && end - i < n && !tokens[end].mark {
        end += 1;
    }
    &tokens[i..end]
}

/// The clause around `pos`: from the last clause mark before to the next after, within `sentence`.
pub fn clause_of(tokens: &[Token<'_>], sentence: Span, pos: usize) -> Span {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_keep_inner_punctuation_and_marks_split_clauses() {
        let text = "At least 290,000 -- anti-government (U.S.) ‘fled’, then—left";
        let toks = tokenize(text, Span::new(0, text.len()));
        let words: Vec<(&str, bool)> = toks.iter().map(|t| (t.span.slice(text), t.mark)).collect();
        assert_eq!(
            words,
            vec![
                ("At", false),
                ("least", false),
                ("290,000", false),
                ("--", true),
                ("anti-government", false),
                ("(", true),
                ("U.S", false),
                (")", true),
                ("fled’", false),
                (",", true),
                ("then", false),
                ("—", true),
                ("left", false)
            ]
        );
    }
}
