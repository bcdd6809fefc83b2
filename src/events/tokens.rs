//! Words and clause marks of one sentence, with byte spans, for looking around a trigger.

use crate::doc;
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

/// Punctuation that belongs inside a word wherever it stands ("al_Nusra", "Assad's", "fled’").
fn is_word_punct(t: &doc::Token<'_>) -> bool {
    matches!(t.text, "_" | "'" | "’")
}

/// The clause tokens of one sentence, joined from the [`Doc`](crate::doc::Doc)'s tokens of that sentence: words
/// (with inner `-`, `.`, `,` before a letter or digit: "290,000", "U.S", "anti-government") and clause marks. Linear
/// in the tokens; no character is looked at twice.
pub fn tokenize<'a>(text: &'a str, sentence: &[doc::Token<'a>]) -> Vec<Token<'a>> {
    let mut out = Vec::with_capacity(sentence.len());
    let glued = |k: usize| sentence.get(k).filter(|t| !t.spaced);
    let mut k = 0;
    while k < sentence.len() {
        let t = &sentence[k];
        if t.is_word() || is_word_punct(t) {
            let mut end = t.span.end;
            k += 1;
            while let Some(next) = glued(k) {
                // A word, a word's own punctuation, or `-` `.` `,` right before a letter or digit ("290,000").
                let inner = next.is_word()
                    || is_word_punct(next)
                    || matches!(next.text, "-" | "." | ",")
                        && glued(k + 1).is_some_and(|n| n.is_word() || n.text == "_");
                if !inner {
                    break;
                }
                end = next.span.end;
                k += 1;
            }
            let first = t.first_char();
            out.push(Token {
                span: Span::new(t.span.start, end),
                lower: lower(&text[t.span.start..end]),
                mark: false,
                original_upper: first.is_uppercase() || first.is_ascii_digit(),
            });
            continue;
        }
        if t.text == "-" && glued(k + 1).is_some_and(|n| n.text == "-") {
            out.push(Token {
                span: Span::new(t.span.start, t.span.start + 2),
                lower: Cow::Borrowed("--"),
                mark: true,
                original_upper: false,
            });
            k += 2;
            continue;
        }
        if matches!(t.text, "-" | "," | ";" | ":" | "(" | ")" | "\"" | "“" | "”" | "—" | "–") {
            // A mark is its own lower case.
            out.push(Token {
                span: t.span,
                lower: Cow::Borrowed(t.text),
                mark: true,
                original_upper: false,
            });
        }
        k += 1;
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
        let d = doc::Doc::new(text, crate::lang::Language::english());
        let toks = tokenize(text, d.tokens());
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
