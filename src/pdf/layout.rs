//! Reading order: a page's glyphs, in the order the content stream shows them (producers write in reading
//! order, column by column), become lines, and lines become paragraphs.
//!
//! - A glyph starts a new line when its baseline leaves the line's by more than 40 % of the font size, or when it
//!   jumps back left of where the line started.
//! - Within a line, a gap wider than 15 % of the font size between one glyph's advance and the next glyph is a
//!   space (this is how TJ kerning and separately placed words become words).
//! - A new paragraph starts where the gap between baselines is more than 1.3 times the page's usual line spacing
//!   (the most frequent gap in font sizes; 1.6 font sizes on a page without one), where the text moves up (a new column), where the font size changes by
//!   a fifth, or after a line ending in `.`, `!`, `?` or `:` that stops well short of the paragraph's right edge.
//! - A line ending in a hyphen after a lower-case letter, followed by a line starting with one, is joined without
//!   the hyphen; another line-end hyphen (`COVID-`, `Emilia-`) is kept and the lines joined without a space; a
//!   soft hyphen at a line end is dropped; other lines are joined with a space.
//!
//! Linear in the glyphs (the usual spacing is the most frequent one, counted in an array).

use super::content::Page;

struct Line {
    text: String,
    y: f32,
    size: f32,
    left: f32,
    right: f32,
}

/// The paragraphs of a page, each on one line, whitespace collapsed.
pub(crate) fn paragraphs(page: &Page) -> Vec<String> {
    let lines = lines(page);
    // The usual line spacing, as a multiple of the font size (in twentieths), so that a headline's wider lines
    // are measured by the same rule as the body's.
    // Spacings up to 10 font sizes are counted; wider gaps are breaks anyway.
    let mut usual = [0usize; 201];
    for pair in lines.windows(2) {
        let (gap, size) = (pair[0].y - pair[1].y, pair[0].size.max(pair[1].size));
        if gap > 0.0 && (pair[0].size - pair[1].size).abs() <= 0.2 * size {
            if let Some(count) = usual.get_mut((gap / size * 20.0).round() as usize) {
                *count += 1;
            }
        }
    }
    let usual = (1..usual.len())
        .rev()
        .max_by_key(|&i| usual[i])
        .filter(|&i| usual[i] >= 2)
        .map(|i| i as f32 / 20.0);
    let mut out: Vec<String> = Vec::new();
    let mut paragraph = String::new();
    let mut right_edge = f32::MIN;
    for (i, line) in lines.iter().enumerate() {
        let breaks = i > 0 && {
            let prev = &lines[i - 1];
            let size = prev.size.max(line.size);
            let gap = prev.y - line.y;
            let limit = usual.map_or(1.6, |u| (1.3 * u).max(0.5)) * size;
            let short_end = prev.text.ends_with(['.', '!', '?', ':'])
                && prev.right < right_edge - 4.0 * size
                && line.right > prev.right;
            gap < -0.5 * size || gap > limit || (prev.size - line.size).abs() > 0.2 * size || short_end
        };
        if breaks {
            finish(&mut out, &mut paragraph);
            right_edge = f32::MIN;
        }
        join(&mut paragraph, &line.text);
        right_edge = right_edge.max(line.right);
    }
    finish(&mut out, &mut paragraph);
    out
}

fn lines(page: &Page) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    let mut last: Option<f32> = None; // where the previous glyph's advance ended
    for g in &page.glyphs {
        let text = page
            .text
            .get(g.start as usize..(g.start + g.len) as usize)
            .unwrap_or("");
        let size = g.size.max(0.1);
        let same_line = lines.last().is_some_and(|l: &Line| {
            (g.y - l.y).abs() <= 0.4 * size.max(l.size) && g.x >= l.left - size && last.is_some()
        });
        if !same_line {
            lines.push(Line {
                text: String::new(),
                y: g.y,
                size,
                left: g.x,
                right: g.end,
            });
            last = None;
        }
        let Some(line) = lines.last_mut() else { continue };
        if let Some(end) = last {
            let gap = g.x - end;
            if gap > 0.15 * size && !line.text.ends_with(char::is_whitespace) && !text.starts_with(char::is_whitespace)
            {
                line.text.push(' ');
            }
        }
        line.text.push_str(text);
        line.size = line.size.max(size);
        line.right = line.right.max(g.end);
        last = Some(g.end);
    }
    lines
}

/// Adds a line to a paragraph: hyphenated words are joined, other lines with a space.
fn join(paragraph: &mut String, line: &str) {
    let line = line.trim();
    if line.is_empty() {
        return;
    }
    let hyphenated = paragraph.ends_with('-')
        && paragraph[..paragraph.len() - 1].ends_with(|c: char| c.is_lowercase())
        && line.starts_with(|c: char| c.is_lowercase());
    if paragraph.ends_with('\u{AD}') || hyphenated {
        paragraph.pop();
    } else if !paragraph.is_empty() && !paragraph.ends_with('-') {
        paragraph.push(' ');
    }
    paragraph.push_str(line);
}

/// Ends a paragraph: ligatures spelled out, controls dropped, white space collapsed; an empty one is dropped.
fn finish(out: &mut Vec<String>, paragraph: &mut String) {
    let mut clean = String::with_capacity(paragraph.len());
    for c in paragraph.chars() {
        match c {
            '\u{FB00}' => clean.push_str("ff"),
            '\u{FB01}' => clean.push_str("fi"),
            '\u{FB02}' => clean.push_str("fl"),
            '\u{FB03}' => clean.push_str("ffi"),
            '\u{FB04}' => clean.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => clean.push_str("st"),
            '\u{AD}' => {}
            c if c.is_whitespace() || c.is_control() => {
                if !clean.is_empty() && !clean.ends_with(' ') {
                    clean.push(' ');
                }
            }
            c => clean.push(c),
        }
    }
    let clean = clean.trim_end();
    if !clean.is_empty() {
        out.push(clean.to_string());
    }
    paragraph.clear();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::content::Glyph;

    /// A page of words at (x, y) in a 10-point font, 5 points a character.
    fn page(words: &[(&str, f32, f32)]) -> Page {
        let mut page = Page::default();
        for &(word, x, y) in words {
            for (i, c) in word.chars().enumerate() {
                let start = page.text.len() as u32;
                page.text.push(c);
                let x = x + 5.0 * i as f32;
                page.glyphs.push(Glyph {
                    x,
                    y,
                    end: x + 5.0,
                    size: 10.0,
                    start,
                    len: page.text.len() as u32 - start,
                });
            }
        }
        page
    }

    #[test]
    fn words_lines_and_paragraphs() {
        let p = page(&[
            ("Floods", 0.0, 700.0),
            ("hit", 33.0, 700.0),
            ("Faen", 0.0, 688.0),
            ("za", 20.0, 688.0),
            ("on Mon-", 33.0, 688.0),
            ("day and", 0.0, 676.0),
            ("Tuesday.", 0.0, 664.0),
            ("Schools closed.", 0.0, 640.0),
            ("Rain", 300.0, 700.0),
        ]);
        assert_eq!(
            paragraphs(&p),
            vec!["Floods hit Faenza on Monday and Tuesday.", "Schools closed.", "Rain"]
        );
    }

    #[test]
    fn headings_ligatures_and_hyphens() {
        let mut p = page(&[("Big", 0.0, 700.0), ("e\u{FB03}cient text", 0.0, 680.0)]);
        for g in &mut p.glyphs[..3] {
            g.size = 20.0;
        }
        assert_eq!(paragraphs(&p), vec!["Big", "efficient text"]);
        // A hyphen after a capital or before a digit or capital is kept.
        let mut s = String::from("COVID-");
        join(&mut s, "19 cases in Emilia-");
        join(&mut s, "Romagna");
        assert_eq!(s, "COVID-19 cases in Emilia-Romagna");
    }
}
