//! Numbers in digits or words, and vague quantities, with their value as a range.

use super::lexicon::{Lexicon, NumberWord};
use super::{ahead, behind, entity};
use crate::model::{Entity, EntityKind, Quantity, Span};
use crate::segment::{Segment, SegmentKind};

/// What a match of the lexicon's `number_re` holds, read from its text: each branch of the pattern starts its own
/// way (a listed phrase and spelled-out words with a letter, figures with a digit), so the groups need no capture
/// pass of the regex engine (a test checks this reading against the pattern's groups).
#[derive(Debug, PartialEq)]
enum NumberMatch<'t> {
    /// A listed phrase ("a dozen", "dozens"): group `phrase`, the whole match, with its value.
    Phrase(Quantity),
    /// Figures (group `digits`) and the scale word after them, if any (group `dscale`: "3.5 million").
    Figures { digits: &'t str, scale: Option<&'t str> },
    /// Spelled-out numbers ("twenty-one", "two hundred"): group `words`.
    Words,
}

fn read_number<'t>(m: &'t str, lex: &Lexicon) -> NumberMatch<'t> {
    if m.starts_with(|c: char| !c.is_alphabetic()) {
        // The figures hold no space; a scale word follows after spaces.
        return match m.find(char::is_whitespace) {
            Some(k) => NumberMatch::Figures {
                digits: &m[..k],
                scale: Some(m[k..].trim_start()),
            },
            None => NumberMatch::Figures { digits: m, scale: None },
        };
    }
    match lex.number_words.get(&m.to_lowercase()) {
        Some(NumberWord::Fixed(n)) => NumberMatch::Phrase(exact(*n)),
        Some(NumberWord::Vague(l, b, h)) => NumberMatch::Phrase(Quantity {
            low: Some(*l),
            best: Some(*b),
            high: Some(*h),
        }),
        _ => NumberMatch::Words,
    }
}

/// Units a number can be glued to by a hyphen to form a duration or age ("90-minute").
const DURATION_UNITS: [&str; 8] = ["second", "minute", "hour", "day", "week", "month", "year", "decade"];

/// Every count of the text; day numbers, years and durations are left to the dates engine. Linear: one pass of the
/// pattern, and O(1) tests around each number (bounded windows, see [`is_date_or_duration`]).
pub fn find(text: &str, segments: &[Segment], lex: &Lexicon) -> Vec<Entity> {
    let mut out = Vec::new();
    // Datelines are few and near the top: collect them once rather than rescanning every segment per number.
    let datelines: Vec<Span> = segments
        .iter()
        .filter(|s| s.kind == SegmentKind::Dateline)
        .map(|s| s.span)
        .collect();
    for m in lex
        .number_re
        .for_text(text)
        .into_iter()
        .flat_map(|re| re.find_iter(text))
    {
        let span = Span::new(m.start(), m.end());
        if datelines.iter().any(|d| d.overlaps(&span)) {
            continue;
        }
        let quantity = match read_number(m.as_str(), lex) {
            NumberMatch::Phrase(quantity) => quantity,
            NumberMatch::Figures { digits, scale } => {
                if is_date_or_duration(text, span, digits, scale.is_some(), lex) {
                    continue;
                }
                let Ok(mut n) = digits.replace(',', "").parse::<f64>() else {
                    continue;
                };
                if let Some(sc) = scale {
                    if let Some(NumberWord::Scale(k)) = lex.number_words.get(&sc.to_lowercase()) {
                        n *= k;
                    }
                }
                exact(n)
            }
            NumberMatch::Words => {
                if is_glued_duration(text, span.end) {
                    continue;
                }
                let Some(n) = spelled_value(m.as_str(), lex) else {
                    continue;
                };
                exact(n)
            }
        };
        let mut e = entity(text, span, EntityKind::Number, m.as_str());
        e.canonical = quantity.best.map(|b| format!("{b}")).unwrap_or_default();
        e.quantity = Some(quantity);
        out.push(e);
    }
    out
}

fn exact(n: f64) -> Quantity {
    Quantity {
        low: Some(n),
        best: Some(n),
        high: Some(n),
    }
}

/// "forty-three" → 43, "two hundred thousand" → 200000.
fn spelled_value(s: &str, lex: &Lexicon) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    for w in s
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        match lex.number_words.get(&w.to_lowercase())? {
            NumberWord::Unit(n) | NumberWord::Ten(n) => current += n,
            NumberWord::Scale(k) => {
                current = if current == 0.0 { *k } else { current * k };
                if *k >= 1000.0 {
                    total += current;
                    current = 0.0;
                }
            }
            _ => return None,
        }
    }
    Some(total + current)
}

fn is_glued_duration(text: &str, end: usize) -> bool {
    let rest = text.get(end..).unwrap_or("");
    rest.strip_prefix('-')
        .is_some_and(|r| DURATION_UNITS.iter().any(|u| r.starts_with(u)))
}

/// Day numbers and years next to a month, years after "in"/"since", clock times, ordinals and durations.
///
/// O(1): the words around are read within [`behind`] and [`ahead`] (a row of numbers joined by commas, "1,1,1,…",
/// made each number split the whole run before).
fn is_date_or_duration(text: &str, span: Span, digits: &str, scaled: bool, lex: &Lexicon) -> bool {
    if scaled {
        return false;
    }
    let before = behind(text, span.start);
    let after = ahead(text, span.end);
    if before.ends_with(|c: char| c.is_alphanumeric() || c == ':' || c == '.' || c == '/' || c == '-')
        || after.starts_with(|c: char| c.is_alphabetic() || c == ':' || c == '/')
        || (after.starts_with('-')
            && !after[1..].starts_with(|c: char| c.is_ascii_digit())
            && is_glued_duration(text, span.end))
    {
        return true;
    }
    // The two words before, read in one backward pass of the window.
    let mut back = before.split_whitespace().rev();
    let prev = back.next().unwrap_or("");
    let prev_word = prev.trim_end_matches([',', '.']);
    let prev2 = back.next().unwrap_or("").trim_end_matches([',', '.']);
    let next = after
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches([',', '.', ';', ')']);
    if lex.months.contains(prev_word) || lex.months.contains(next) {
        return true;
    }
    let plain = !digits.contains([',', '.']);
    let year_like = plain && digits.len() == 4 && digits.parse::<u32>().is_ok_and(|y| (1000..=2100).contains(&y));
    // "Sept. 5, 2016": a year after a day number after a month.
    let after_day = prev.ends_with(',') && prev_word.chars().all(|c| c.is_ascii_digit()) && lex.months.contains(prev2);
    year_like
        && (after_day
            || matches!(
                prev_word.to_lowercase().as_str(),
                "in" | "since"
                    | "by"
                    | "until"
                    | "till"
                    | "from"
                    | "of"
                    | "to"
                    | "year"
                    | "early"
                    | "late"
                    | "mid"
                    | "before"
                    | "after"
                    | "during"
            ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_match_read_from_its_text_has_the_patterns_groups() {
        let lex = crate::lang::Language::english().entities();
        let re = lex.number_re.compiled();
        let names: Vec<Option<&str>> = re.capture_names().collect();
        let group = |name: &str| {
            names
                .iter()
                .position(|n| *n == Some(name))
                .expect("a group of number_re")
        };
        let (phrase, digits, dscale) = (group("phrase"), group("digits"), group("dscale"));
        let mut text = String::from(
            "2016 3.5 million 1,200,000 1,200.5 two dozen Dozens twenty-one Two Hundred Thousand 7\u{a0}billion \
             \u{663}\u{664} 45 percent a few hundred ONE 12.5 Billion",
        );
        for word in lex.number_words.keys() {
            text.push(' ');
            text.push_str(word);
            text.push_str(" 9 ");
            text.push_str(word);
        }
        let mut seen = 0;
        for caps in re.captures_iter(&text) {
            let m = caps.get(0).expect("the whole match").as_str();
            let read = read_number(m, lex);
            if caps.get(phrase).is_some() {
                assert!(matches!(read, NumberMatch::Phrase(_)), "{m:?}: {read:?}");
            } else if let Some(d) = caps.get(digits) {
                let expected = NumberMatch::Figures {
                    digits: d.as_str(),
                    scale: caps.get(dscale).map(|s| s.as_str()),
                };
                assert_eq!(read, expected, "{m:?}");
            } else {
                assert_eq!(read, NumberMatch::Words, "{m:?}");
            }
            seen += 1;
        }
        assert!(seen > lex.number_words.len(), "{seen} matches");
    }
}
