//! What a date rule's matches need: the literal words every match holds, read from the rule's pattern as the table
//! writes it, so that a rule whose words a text lacks is never compiled nor tried (the cold start of issue 21).

use super::lexicon::{builtin, Classes};
use crate::lang::literals::{words_clause, Clause, LiteralIndex, DIGIT};

/// The literals a rule's matches need, read from its pattern as the table writes it (before `{class}` expansion):
/// a small reader of the regex syntax the rules use. Concatenation needs what each of its mandatory parts needs;
/// an alternation needs one of its branches' strongest literals; optional parts need nothing. Syntax it does not
/// know makes the rule need nothing (always tried), so a gap here costs time, never a match. Linear in the pattern
/// plus the words of the classes it names.
pub(crate) struct Need<'c> {
    chars: Vec<char>,
    at: usize,
    classes: &'c Classes,
}

/// A piece of pattern read: the clauses it needs, and the character when it is one literal character.
struct Piece {
    need: Vec<Clause>,
    literal: Option<char>,
}

impl<'c> Need<'c> {
    /// The clauses every match of the rule `pattern` holds.
    pub(crate) fn of(pattern: &str, classes: &'c Classes, index: &mut LiteralIndex) -> Vec<Clause> {
        let mut reader = Need {
            chars: pattern.chars().collect(),
            at: 0,
            classes,
        };
        match reader.alternation(index) {
            Some(need) if reader.at == reader.chars.len() => need,
            _ => Vec::new(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let yes = self.peek() == Some(c);
        self.at += usize::from(yes);
        yes
    }

    fn alternation(&mut self, index: &mut LiteralIndex) -> Option<Vec<Clause>> {
        let mut branches = vec![self.concatenation(index)?];
        while self.eat('|') {
            branches.push(self.concatenation(index)?);
        }
        if branches.len() == 1 {
            return branches.pop();
        }
        let mut union: Clause = Vec::new();
        for branch in &branches {
            let best = branch
                .iter()
                .max_by_key(|clause| strength(clause, index))
                .filter(|clause| !clause.is_empty());
            let Some(best) = best else { return Some(Vec::new()) };
            for &id in best {
                if !union.contains(&id) {
                    union.push(id);
                }
            }
        }
        Some(vec![union])
    }

    fn concatenation(&mut self, index: &mut LiteralIndex) -> Option<Vec<Clause>> {
        let mut need = Vec::new();
        let mut run = String::new();
        let flush = |run: &mut String, need: &mut Vec<Clause>, index: &mut LiteralIndex| {
            if !run.is_empty() {
                need.push(vec![index.id(run)]);
                run.clear();
            }
        };
        while !matches!(self.peek(), None | Some('|') | Some(')')) {
            let piece = self.atom(index)?;
            let (min, max) = self.quantifier()?;
            match piece.literal {
                Some(c) if (min, max) == (1, Some(1)) => run.push(c),
                _ => {
                    flush(&mut run, &mut need, index);
                    if min >= 1 {
                        need.extend(piece.need);
                        if let Some(c) = piece.literal {
                            need.push(vec![index.id(&c.to_string())]);
                        }
                    }
                }
            }
        }
        flush(&mut run, &mut need, index);
        Some(need)
    }

    fn atom(&mut self, index: &mut LiteralIndex) -> Option<Piece> {
        let nothing = Piece {
            need: Vec::new(),
            literal: None,
        };
        let c = self.peek()?;
        self.at += 1;
        Some(match c {
            '(' => {
                if self.eat('?') {
                    if self.eat('P') || self.peek() == Some('<') {
                        self.eat('<');
                        while !self.eat('>') {
                            self.peek()?;
                            self.at += 1;
                        }
                    } else {
                        // Flags: `(?i)` sets them for the rest (nothing to read), `(?-i:` opens a group.
                        while self.peek().is_some_and(|f| f.is_ascii_alphabetic() || f == '-') {
                            self.at += 1;
                        }
                        if self.eat(')') {
                            return Some(nothing);
                        }
                        if !self.eat(':') {
                            return None;
                        }
                    }
                }
                let need = self.alternation(index)?;
                if !self.eat(')') {
                    return None;
                }
                Piece { need, literal: None }
            }
            '[' => {
                let start = self.at;
                self.eat('^');
                self.eat(']');
                while !self.eat(']') {
                    if self.peek()? == '\\' {
                        self.at += 1;
                    }
                    self.at += 1;
                }
                let inner: String = self.chars[start..self.at - 1].iter().collect();
                let digits = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit() || c == '-');
                Piece {
                    need: if digits { vec![vec![DIGIT]] } else { Vec::new() },
                    literal: None,
                }
            }
            '\\' => {
                let e = self.peek()?;
                self.at += 1;
                match e {
                    's' | 'S' | 'w' | 'W' | 'd' | 'D' | 'b' | 'B' => nothing,
                    e if e.is_ascii_punctuation() => Piece {
                        need: Vec::new(),
                        literal: Some(e),
                    },
                    _ => return None,
                }
            }
            '{' => {
                let close = self.chars[self.at..].iter().position(|&c| c == '}')? + self.at;
                let name: String = self.chars[self.at..close].iter().collect();
                self.at = close + 1;
                Piece {
                    need: self.class(name.trim_start_matches('~'), index)?,
                    literal: None,
                }
            }
            '.' | '^' | '$' => nothing,
            c if c.is_ascii() && !c.is_ascii_control() && !"*+?)|".contains(c) => Piece {
                need: Vec::new(),
                literal: Some(c),
            },
            c if !c.is_ascii() => nothing,
            _ => return None,
        })
    }

    /// What a `{class}` placeholder needs (see `expand`).
    fn class(&self, name: &str, index: &mut LiteralIndex) -> Option<Vec<Clause>> {
        let class = name.trim_end_matches(|c: char| c.is_ascii_digit());
        if builtin(class).is_some() {
            return Some(if class == "ampm" {
                vec![vec![index.id("m")]]
            } else {
                vec![vec![DIGIT]]
            });
        }
        let words = self.classes.get(class)?;
        let mut clause = words_clause(index, words.values().map(|w| w.text))?;
        if class == "num" {
            clause.push(DIGIT);
        }
        Some(vec![clause])
    }

    /// The repetition after an atom: (least, most) times.
    fn quantifier(&mut self) -> Option<(usize, Option<usize>)> {
        let q = match self.peek() {
            Some('?') => (0, Some(1)),
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('{') if self.chars.get(self.at + 1).is_some_and(char::is_ascii_digit) => {
                let close = self.chars[self.at..].iter().position(|&c| c == '}')? + self.at;
                let inner: String = self.chars[self.at + 1..close].iter().collect();
                let mut parts = inner.split(',');
                let min = parts.next()?.trim().parse().ok()?;
                let max = match parts.next() {
                    None => Some(min),
                    Some(m) if m.trim().is_empty() => None,
                    Some(m) => Some(m.trim().parse().ok()?),
                };
                self.at = close;
                (min, max)
            }
            _ => return Some((1, Some(1))),
        };
        self.at += 1;
        self.eat('?');
        Some(q)
    }
}

/// How selective a clause is: its shortest literal's length (a digit counts one), then fewer literals.
fn strength(clause: &Clause, index: &LiteralIndex) -> (usize, std::cmp::Reverse<usize>) {
    let shortest = clause.iter().map(|&id| index.len_of(id)).min().unwrap_or(0);
    (shortest, std::cmp::Reverse(clause.len()))
}
