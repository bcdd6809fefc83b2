//! A word class written into a rule's pattern: the words as a tree of their shared beginnings
//! ([`alternation`]), where under `(?i)` the regex compiler would leave a flat alternation for every matcher to try
//! word by word.

use super::Word;
use std::borrow::Cow;

/// An alternation of the words, cased words only with their capitals unless `any_case`, written as a tree of their
/// shared beginnings ("jan(?:uary|\\.|)"): under `(?i)` a word is a run of character classes, which the regex
/// compiler does not merge, so a flat alternation of a class's words has every matcher try each word in turn at
/// every candidate position, where the tree tries only the branches of the characters read. It matches what the
/// flat alternation sorted longest first matches, with the same preference: two branches of a node that read the
/// same character are ordered so that the longer word still goes first (see [`Prefixes::branches`]).
pub(super) fn alternation<'a>(words: impl Iterator<Item = &'a Word>, any_case: bool) -> String {
    let mut tree = Prefixes::default();
    for w in words {
        if w.cased && !any_case {
            // Its capitals as written, its small letters in any case ("Apr", "APR"; "Christmas Eve", not "eve").
            let step = |c: char| {
                if c.is_uppercase() {
                    Step::exact(c)
                } else {
                    Step::folded(c)
                }
            };
            tree.insert(&w.text.chars().map(step).collect::<Vec<_>>());
        } else {
            tree.insert(&w.text.chars().map(Step::folded).collect::<Vec<_>>());
        }
    }
    let mut out = String::from("(?:");
    tree.write(&mut out);
    out.push(')');
    out
}

/// One character of a word in a [`Prefixes`] tree: in any case (under the pattern's `(?i)`), or exactly as written
/// (a `cased` word). A character without a simple other case is always `Folded`; an apostrophe stands for both forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    Folded(char),
    Exact(char),
}

impl Step {
    fn folded(c: char) -> Step {
        Step::Folded(match c {
            '’' => '\'',
            c => Step::cases(c).map_or(c, |(lower, _)| lower),
        })
    }

    fn exact(c: char) -> Step {
        match Step::cases(c) {
            Some(_) => Step::Exact(c),
            None => Step::folded(c),
        }
    }

    /// The small and capital forms of a letter that has exactly one of each.
    fn cases(c: char) -> Option<(char, char)> {
        let (mut lower, mut upper) = (c.to_lowercase(), c.to_uppercase());
        match (lower.next(), lower.next(), upper.next(), upper.next()) {
            (Some(l), None, Some(u), None) if l != u => Some((l, u)),
            _ => None,
        }
    }

    /// The character forms this step matches, each as an exact step.
    fn exact_forms(self) -> Vec<Step> {
        match self {
            Step::Folded(c) => match Step::cases(c) {
                Some((l, u)) => vec![Step::Exact(l), Step::Exact(u)],
                None => vec![self],
            },
            Step::Exact(_) => vec![self],
        }
    }

    /// Whether the two steps read some same character.
    fn overlaps(self, other: Step) -> bool {
        match (self, other) {
            (Step::Exact(a), Step::Exact(b)) => a == b,
            _ => self.key() == other.key(),
        }
    }

    /// The letter in small case, whatever the step.
    fn key(self) -> char {
        match self {
            Step::Folded(c) | Step::Exact(c) => Step::cases(c).map_or(c, |(lower, _)| lower),
        }
    }
}

/// The words of a class as a tree of their characters ([`alternation`]).
#[derive(Default, Clone)]
struct Prefixes {
    /// The characters that may follow, each with its subtree. A letter may have a branch in any case beside
    /// branches of its exact forms ("christmas" beside "Christmas Eve"): see [`Prefixes::branches`].
    next: Vec<(Step, Prefixes)>,
    /// A word ends here.
    ends: bool,
    /// The longest word through this node, in characters from it: branches are tried longest first.
    depth: usize,
}

impl Prefixes {
    /// Adds a word.
    fn insert(&mut self, word: &[Step]) {
        let Some((&first, rest)) = word.split_first() else {
            self.ends = true;
            return;
        };
        self.depth = self.depth.max(word.len());
        let at = match self.next.iter().position(|(s, _)| *s == first) {
            Some(at) => at,
            None => {
                self.next.push((first, Prefixes::default()));
                self.next.len() - 1
            }
        };
        self.next[at].1.insert(rest);
    }

    /// Adds every word of `other` (a subtree) to this one.
    fn merge(&mut self, other: &Prefixes) {
        for word in other.words() {
            self.insert(&word);
        }
    }

    /// The words of this subtree, as steps from it.
    fn words(&self) -> Vec<Vec<Step>> {
        let mut out = Vec::new();
        if self.ends {
            out.push(Vec::new());
        }
        for (step, sub) in &self.next {
            for mut rest in sub.words() {
                rest.insert(0, *step);
                out.push(rest);
            }
        }
        out
    }

    /// Whether a word of `self` is a proper beginning of a word of `longer` that reads the same text (compatible
    /// steps all along): tried first, `self` would take the shorter match where the flat alternation, longest
    /// first, takes the longer.
    fn cuts_short(&self, longer: &Prefixes) -> bool {
        (self.ends && !longer.next.is_empty())
            || self
                .next
                .iter()
                .any(|(a, sa)| longer.next.iter().any(|(b, sb)| a.overlaps(*b) && sa.cuts_short(sb)))
    }

    /// The branches in the order they are written: longest first (then by character); where a letter has a branch
    /// in any case and branches of exact forms, which read some of the same text, the order between them that
    /// keeps the longest-first preference, or, when neither does, the any-case branch split into its exact forms,
    /// each merged with that form's branch (the only branches built anew; the others are borrowed).
    fn branches(&self) -> Vec<(Step, Cow<'_, Prefixes>)> {
        fn borrowed((step, sub): &(Step, Prefixes)) -> (Step, Cow<'_, Prefixes>) {
            (*step, Cow::Borrowed(sub))
        }
        let mut groups: Vec<Vec<&(Step, Prefixes)>> = Vec::new();
        for branch in &self.next {
            match groups.iter_mut().find(|g| g[0].0.key() == branch.0.key()) {
                Some(g) => g.push(branch),
                None => groups.push(vec![branch]),
            }
        }
        groups.sort_by_key(|g| {
            let depth = g.iter().map(|(_, sub)| sub.depth).max().unwrap_or(0);
            (std::cmp::Reverse(depth), g[0].0.key())
        });
        let mut out = Vec::new();
        for mut group in groups {
            group.sort_by(|a, b| b.1.depth.cmp(&a.1.depth).then(a.0.cmp(&b.0)));
            let folded = group.iter().position(|(s, _)| matches!(s, Step::Folded(_)));
            let Some(folded) = folded.filter(|_| group.len() > 1) else {
                out.extend(group.into_iter().map(borrowed));
                continue;
            };
            let any_case = group.remove(folded);
            if group.iter().all(|(_, exact)| !exact.cuts_short(&any_case.1)) {
                out.extend(group.into_iter().map(borrowed));
                out.push(borrowed(any_case));
            } else if group.iter().all(|(_, exact)| !any_case.1.cuts_short(exact)) {
                out.push(borrowed(any_case));
                out.extend(group.into_iter().map(borrowed));
            } else {
                for form in any_case.0.exact_forms() {
                    let mut merged = group
                        .iter()
                        .find(|(s, _)| *s == form)
                        .map_or_else(Prefixes::default, |(_, sub)| sub.clone());
                    merged.merge(&any_case.1);
                    merged.depth = merged.depth.max(any_case.1.depth);
                    out.push((form, Cow::Owned(merged)));
                }
            }
        }
        out
    }

    /// Writes the regex of what follows this node into `out`: its branches (see [`Prefixes::branches`]), the word
    /// that ends here last; a run of exact characters in one `(?-i:…)` group.
    fn write(&self, out: &mut String) {
        let order = self.branches();
        let branches = order.len() + usize::from(self.ends && !order.is_empty());
        if branches > 1 {
            out.push_str("(?:");
        }
        for (k, (step, sub)) in order.iter().enumerate() {
            if k > 0 {
                out.push('|');
            }
            // Follow the branch while it does not fork, so that exact characters share one group.
            let (mut run, mut node) = (vec![*step], sub.as_ref());
            while let ([(next, sub)], false) = (node.next.as_slice(), node.ends) {
                run.push(*next);
                node = sub;
            }
            let mut exact = false;
            for step in run {
                let (c, is_exact) = match step {
                    Step::Folded(c) => (c, false),
                    Step::Exact(c) => (c, true),
                };
                if is_exact != exact {
                    out.push_str(if is_exact { "(?-i:" } else { ")" });
                    exact = is_exact;
                }
                match c {
                    ' ' => out.push_str(r"\s+"),
                    '\'' => out.push_str("['’]"),
                    c => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
                }
            }
            if exact {
                out.push(')');
            }
            node.write(out);
        }
        if branches > 1 {
            if self.ends {
                out.push('|');
            }
            out.push(')');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::lexicon::Lexicon;
    use crate::lang;
    use regex::Regex;

    /// The flat alternation, longest word first, that [`alternation`] writes as a tree.
    fn flat_alternation(words: &[&Word]) -> String {
        let mut words = words.to_vec();
        words.sort_by(|a, b| b.text.len().cmp(&a.text.len()).then(a.text.cmp(b.text)));
        let alts: Vec<String> = words
            .iter()
            .map(|w| {
                let escaped = regex::escape(w.text).replace(' ', r"\s+").replace(['\'', '’'], "['’]");
                let upper = regex::escape(&w.text.to_uppercase()).replace(' ', r"\s+");
                if w.cased {
                    format!("(?-i:{escaped}|{upper})")
                } else {
                    escaped
                }
            })
            .collect();
        format!("(?:{})", alts.join("|"))
    }

    #[test]
    fn a_class_as_a_tree_matches_what_its_flat_alternation_matches() {
        let lex = Lexicon::build(&lang::EN).expect("tables compile");
        for (name, words) in lex.classes.iter() {
            let list: Vec<&Word> = words.values().collect();
            let tree = Regex::new(&format!("(?i)^{}", alternation(list.iter().copied(), false))).expect("tree");
            let flat = Regex::new(&format!("(?i)^{}", flat_alternation(&list))).expect("flat");
            // Each word as written, in small letters and in capitals, alone, run into a longer word and before
            // another word, in the same case; and each word's beginnings. (Mixed case, "TUEs", is where the two
            // differ: the tree asks a cased word for its capitals only.)
            for w in &list {
                let forms = [w.text.to_string(), w.text.to_lowercase(), w.text.to_uppercase()];
                for form in forms {
                    let more = |s: &str| {
                        if form == w.text.to_uppercase() {
                            s.to_uppercase()
                        } else {
                            s.to_string()
                        }
                    };
                    let mut probes = vec![
                        form.clone(),
                        format!("{form}{}", more("s")),
                        format!("{form} {}", more("day")),
                        format!("{form}. x"),
                    ];
                    probes.extend(form.char_indices().map(|(i, _)| form[..i].to_string()));
                    for probe in probes {
                        assert_eq!(
                            tree.find(&probe).map(|m| m.end()),
                            flat.find(&probe).map(|m| m.end()),
                            "class {name}, text {probe:?}"
                        );
                    }
                }
            }
        }
    }
}
