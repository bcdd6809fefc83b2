//! The document every engine reads: the text, its sentences and its tokens, computed once.
//!
//! [`Doc::new`] splits the text into segments (paragraphs, sentences, headline, dateline) and tokens in one pass
//! each; the engines receive the `Doc` and look words up in it instead of splitting the text again. A token is a
//! run of letters and digits ([`TokenKind::Word`]) or one other non-space character ([`TokenKind::Punct`]); each
//! knows whether white space stands before it, so the engines' own views of "a word" (a place name's parts, an
//! event cue's hyphenated word, a name with its apostrophe) are joins of tokens, never a second tokenizer.

use crate::lang::Language;
use crate::model::Span;
use crate::segment::{self, Segment};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// A maximal run of letters and digits (any script: "Homs", "Ḩasakah", "2016").
    Word,
    /// One character that is neither a letter, a digit nor white space (`,` `'` `-` `“`).
    Punct,
}

/// One token of the text.
#[derive(Debug, Clone, Copy)]
pub struct Token<'t> {
    /// Byte span in the text.
    pub span: Span,
    /// The token's text.
    pub text: &'t str,
    /// Word or punctuation.
    pub kind: TokenKind,
    /// White space (or the start of the text) stands right before it.
    pub spaced: bool,
    /// Starts with an upper-case letter (decided once, here; see [`Token::is_capitalised`]).
    pub(crate) cap: bool,
}

impl Token<'_> {
    /// True for a run of letters and digits.
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }

    /// True when the token starts with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        self.cap
    }

    /// True when it has letters and all of them are upper case ("UN", "BEIRUT").
    pub fn is_all_caps(&self) -> bool {
        // ASCII a byte at a time, without the Unicode tables, stopping at the first small letter (most words end
        // there at their second letter); a small letter answers whatever follows it.
        let mut upper = false;
        for &b in self.text.as_bytes() {
            if !b.is_ascii() {
                return self.is_all_caps_unicode();
            }
            if b.is_ascii_lowercase() {
                return false;
            }
            upper |= b.is_ascii_uppercase();
        }
        upper
    }

    fn is_all_caps_unicode(&self) -> bool {
        let mut letters = self.text.chars().filter(|c| c.is_alphabetic()).peekable();
        letters.peek().is_some() && letters.all(char::is_uppercase)
    }

    /// The first character.
    pub fn first_char(&self) -> char {
        self.text.chars().next().unwrap_or(' ')
    }
}

/// The text with its segments and tokens.
#[derive(Debug)]
pub struct Doc<'t> {
    text: &'t str,
    segments: Vec<Segment>,
    tokens: Vec<Token<'t>>,
}

impl<'t> Doc<'t> {
    /// Segments and tokenizes `text` with the tables of `language`. Linear in the text: one pass for the
    /// segments, one for the tokens (each byte read a bounded number of times; see [`segment::segment`]).
    ///
    /// Memory is linear too, but not small on hostile text: a token takes 40 bytes and a segment 32 (64-bit),
    /// and a text of nothing but stops ("....") has one of each per byte, about 72 bytes per input byte; news
    /// text has about one token per four bytes (10 bytes per input byte).
    pub fn new(text: &'t str, language: &Language) -> Doc<'t> {
        Doc {
            text,
            segments: segment::segment(text, language),
            tokens: tokenize(text),
        }
    }

    /// The text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The segments, in text order.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// All tokens, in text order.
    pub fn tokens(&self) -> &[Token<'t>] {
        &self.tokens
    }

    /// The tokens that lie inside `span` (found by binary search: logarithmic in the text).
    pub fn tokens_in(&self, span: Span) -> &[Token<'t>] {
        let from = self.tokens.partition_point(|t| t.span.start < span.start);
        let to = from + self.tokens[from..].partition_point(|t| t.span.end <= span.end);
        &self.tokens[from..to]
    }

    /// The word tokens, in text order.
    pub fn words(&self) -> impl Iterator<Item = &Token<'t>> {
        self.tokens.iter().filter(|t| t.is_word())
    }
}

/// The tokens of `text`: maximal runs of letters and digits, and every other non-space character alone. Linear.
/// True when `span` does not start or end inside a word of `text`: the letter or digit at each of its edges
/// is not joined to another one just outside it. The engines' patterns use ASCII word boundaries (a Unicode
/// boundary keeps the regex crate off its fast automaton), under which "visité" holds the word "visit" and
/// "Gerät" the name "Ger"; their matches are checked with this instead. O(1): it reads four characters.
pub fn stands_alone(text: &str, span: Span) -> bool {
    let (Some(before), Some(inside), Some(after)) = (
        text.get(..span.start),
        text.get(span.start..span.end),
        text.get(span.end..),
    ) else {
        return false;
    };
    let joined = |a: Option<char>, b: Option<char>| {
        a.zip(b)
            .is_some_and(|(a, b)| a.is_alphanumeric() && b.is_alphanumeric())
    };
    !joined(before.chars().next_back(), inside.chars().next())
        && !joined(inside.chars().next_back(), after.chars().next())
}

pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    // About one token per four bytes of news text: one allocation for most texts.
    let mut out = Vec::with_capacity(text.len() / 4 + 1);
    let mut word_start: Option<usize> = None;
    let mut spaced = true;
    let mut i = 0;
    while i < bytes.len() {
        // The loop stays on character boundaries.
        let Some((ch, width)) = char_at(text, i) else {
            break;
        };
        let is_word = if width == 1 {
            ch.is_ascii_alphanumeric()
        } else {
            ch.is_alphanumeric()
        };
        if is_word {
            word_start.get_or_insert(i);
        } else {
            if let Some(s) = word_start.take() {
                out.push(token(text, s, i, TokenKind::Word, spaced));
                spaced = false;
            }
            if ch.is_whitespace() {
                spaced = true;
            } else {
                out.push(token(text, i, i + width, TokenKind::Punct, spaced));
                spaced = false;
            }
        }
        i += width;
    }
    if let Some(s) = word_start {
        out.push(token(text, s, text.len(), TokenKind::Word, spaced));
    }
    out
}

/// The character at byte `at` of `text` and its length in bytes: ASCII read as a byte, other characters decoded;
/// `None` at the end or off a character boundary. For the scans that look at every character of a text.
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    match *text.as_bytes().get(at)? {
        b if b.is_ascii() => Some((char::from(b), 1)),
        _ => text.get(at..)?.chars().next().map(|c| (c, c.len_utf8())),
    }
}

fn token(text: &str, start: usize, end: usize, kind: TokenKind, spaced: bool) -> Token<'_> {
    let word = &text[start..end];
    let cap = match word.as_bytes().first() {
        Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
        _ => word.chars().next().is_some_and(char::is_uppercase),
    };
    Token {
        span: Span::new(start, end),
        text: word,
        kind,
        spaced,
        cap,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc<'_> {
        Doc::new(text, Language::english())
    }

    #[test]
    fn all_caps_is_letters_all_in_capitals_whatever_the_script() {
        let text = "UN BEIRUT U.S. B-52 Beirut uN 2016 - ÉTAT État ÜBER über AFP’s AFP'S ΑΘΗΝΑ Αθήνα";
        let caps: Vec<&str> = tokenize(text)
            .iter()
            .filter(|t| t.is_all_caps())
            .map(|t| t.text)
            .collect();
        // The same test written plainly over characters.
        let expected: Vec<&str> = tokenize(text)
            .iter()
            .filter(|t| {
                let mut letters = t.text.chars().filter(|c| c.is_alphabetic()).peekable();
                letters.peek().is_some() && letters.all(char::is_uppercase)
            })
            .map(|t| t.text)
            .collect();
        assert_eq!(caps, expected);
        assert!(caps.contains(&"BEIRUT") && caps.contains(&"ÉTAT") && caps.contains(&"ΑΘΗΝΑ"));
        assert!(!caps.contains(&"État") && !caps.contains(&"2016"));
    }

    #[test]
    fn a_match_inside_an_accented_word_does_not_stand_alone() {
        let text = "a visité Gerät, visit (Paris) 2016.";
        let at = |w: &str| {
            let start = text.find(w).expect("in the text");
            Span::new(start, start + w.len())
        };
        assert!(!stands_alone(text, at("visit")), "visit in visité");
        assert!(!stands_alone(text, at("Ger")), "Ger in Gerät");
        assert!(
            !stands_alone(text, Span::new(at("ité").start + 2, at("ité").end)),
            "a span cutting a character"
        );
        assert!(stands_alone(text, at("visité")));
        assert!(stands_alone(text, at("Paris")));
        assert!(stands_alone(text, at("(Paris)")));
        assert!(stands_alone(text, at("2016.")));
        assert!(stands_alone(text, Span::new(0, text.len())));
    }

    #[test]
    fn words_are_letter_and_digit_runs_and_punctuation_stands_alone() {
        let d = doc("Syria's al-Hasakah, U.S. 290,000");
        let shown: Vec<(&str, bool)> = d.tokens().iter().map(|t| (t.text, t.is_word())).collect();
        assert_eq!(
            shown,
            [
                ("Syria", true),
                ("'", false),
                ("s", true),
                ("al", true),
                ("-", false),
                ("Hasakah", true),
                (",", false),
                ("U", true),
                (".", false),
                ("S", true),
                (".", false),
                ("290", true),
                (",", false),
                ("000", true)
            ]
        );
        let spaced: Vec<bool> = d.tokens().iter().map(|t| t.spaced).collect();
        assert_eq!(spaced[..4], [true, false, false, true]);
        assert!(d.tokens()[0].is_capitalised() && !d.tokens()[3].is_capitalised());
    }

    #[test]
    fn letters_of_any_script_are_word_letters() {
        let d = doc("visité Ḩasakah — Gerät");
        let words: Vec<&str> = d.words().map(|t| t.text).collect();
        assert_eq!(words, ["visité", "Ḩasakah", "Gerät"]);
        assert!(d.words().nth(1).is_some_and(Token::is_capitalised));
    }

    #[test]
    fn token_and_segment_sizes_are_those_the_memory_bound_states() {
        if cfg!(target_pointer_width = "64") {
            assert_eq!(std::mem::size_of::<Token>(), 40);
            assert_eq!(std::mem::size_of::<Segment>(), 32);
        }
    }

    #[test]
    fn tokens_in_a_span_are_found_by_search() {
        let text = "First sentence here. Second one follows.";
        let d = doc(text);
        assert_eq!(d.segments().len(), 2);
        let second: Vec<&str> = d.tokens_in(d.segments()[1].span).iter().map(|t| t.text).collect();
        assert_eq!(second, ["Second", "one", "follows", "."]);
        assert!(doc("").tokens().is_empty());
    }
}
