//! What the Input region says about a text too long to put in the text box.

use super::format::{grouped, human_bytes};

/// Texts of this many bytes or more that arrive whole (a paste, a drop, a file, a link, the autosave,
/// switching articles) are not put in the text box: the Input region shows a [`TextSummary`] instead,
/// and the box gets the text only when the person asks for it. Chromium lays out a text box's whole
/// value at once, visible or not: 145–470 ms for 1 MB in a page holding nothing else, so about
/// 0.15–0.45 ms per KB, and a box of more than about 110 KB can block the page past the 50 ms a
/// task may take. 128 KB is around that point; articles (a few KB to a few tens) stay far below it.
pub const LONG_TEXT_BYTES: usize = 128 * 1024;

/// What the Input region says about a long text it does not put in the text box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextSummary {
    /// Its length in UTF-8 bytes.
    pub bytes: usize,
    /// Its words (runs of characters between whitespace).
    pub words: usize,
    /// Its paragraphs: runs of non-blank lines between blank ones.
    pub paragraphs: usize,
}

impl TextSummary {
    /// Counts `text` in one pass over its bytes (a megabyte takes a few milliseconds in wasm).
    pub fn of(text: &str) -> TextSummary {
        let (mut words, mut paragraphs) = (0, 0);
        // `in_word`: the last byte was not whitespace; `blank_line`: the current line holds only
        // whitespace so far; `in_paragraph`: a non-blank line was seen since the last blank one.
        let (mut in_word, mut blank_line, mut in_paragraph) = (false, true, false);
        for &b in text.as_bytes() {
            if b == b'\n' {
                if blank_line {
                    in_paragraph = false;
                }
                blank_line = true;
                in_word = false;
            } else if b.is_ascii_whitespace() {
                in_word = false;
            } else {
                if !in_word {
                    words += 1;
                    in_word = true;
                }
                if !in_paragraph {
                    paragraphs += 1;
                    in_paragraph = true;
                }
                blank_line = false;
            }
        }
        TextSummary {
            bytes: text.len(),
            words,
            paragraphs,
        }
    }

    /// The summary of `text` when it is long enough to be kept out of the text box.
    pub fn for_long(text: &str) -> Option<TextSummary> {
        (text.len() >= LONG_TEXT_BYTES).then(|| TextSummary::of(text))
    }

    /// "Long article: 1.0 MB, 182,044 words, 9,812 paragraphs".
    pub fn describe(&self) -> String {
        format!(
            "Long article: {}, {} words, {} paragraphs",
            human_bytes(self.bytes),
            grouped(self.words),
            grouped(self.paragraphs)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_texts_summary_counts_its_words_and_paragraphs() {
        let text =
            "The ferry left Bari at dawn.\n\n  \nIt reached Durres by noon,\nofficials said.\n\n\nNo one was hurt.";
        let s = TextSummary::of(text);
        assert_eq!((s.bytes, s.words, s.paragraphs), (text.len(), 17, 3));
        assert_eq!(TextSummary::of("").paragraphs, 0);
        assert_eq!(TextSummary::of("\n\n \n").words, 0);
        // Only texts from the threshold up are kept out of the text box.
        assert!(TextSummary::for_long(text).is_none());
        let copies = LONG_TEXT_BYTES / (text.len() + 2) + 1;
        let long = format!("{text}\n\n").repeat(copies);
        let summary = TextSummary::for_long(&long).expect("long enough");
        assert_eq!((summary.words, summary.paragraphs), (17 * copies, 3 * copies));
        assert!(
            summary.describe().starts_with("Long article: 128 KB, "),
            "{}",
            summary.describe()
        );
    }

    #[test]
    fn the_threshold_itself_is_long() {
        let text = "a".repeat(LONG_TEXT_BYTES);
        assert!(TextSummary::for_long(&text).is_some());
        assert!(TextSummary::for_long(&text[1..]).is_none());
    }
}
