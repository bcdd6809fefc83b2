//! People: given name + surname, title + name, "X said", then bare surnames linked to the full name.

use super::lexicon::{Lexicon, SURNAME_PARTICLES};
use super::{entity, orgs::words_with_offsets, SpanSet};
use crate::hash::FastMap as HashMap;
use crate::model::{Entity, EntityKind, Span};

/// Person mentions, with canonical names resolved over the whole text (so a headline surname that comes
/// before the full name still gets the full name).
pub fn find(text: &str, lex: &Lexicon, orgs: &[Entity]) -> Vec<Entity> {
    let mut spans: Vec<Span> = Vec::new();
    // Organisations and accepted names, for logarithmic overlap tests.
    let mut taken = SpanSet::new(orgs.iter().map(|o| o.span));
    let mut free = |span: &Span, _: &[Span]| {
        let ok = !taken.overlaps(*span);
        if ok {
            taken.insert(*span);
        }
        ok
    };
    for m in lex
        .full_name_re
        .for_text(text)
        .into_iter()
        .flat_map(|re| re.find_iter(text))
    {
        let span = Span::new(m.start(), m.end());
        if plausible_name(m.as_str(), lex, true) && free(&span, &spans) {
            spans.push(span);
        }
    }
    let title_re = lex.title_name_re.for_text(text);
    for m in title_re.into_iter().flat_map(|re| re.find_iter(text)) {
        let name = match title_name(m.as_str(), lex) {
            Some(name) => m.start() + name.start..m.start() + name.end,
            // Not plain ASCII: the regex engine's group, the same match found again with its groups.
            None => match title_re
                .and_then(|re| re.captures_at(text, m.start()))
                .and_then(|c| c.get(1))
            {
                Some(g) => g.range(),
                None => continue,
            },
        };
        let span = trim_name(text, Span::new(name.start, name.end), lex);
        if !span.is_empty() && plausible_name(span.slice(text), lex, false) && free(&span, &spans) {
            spans.push(span);
        }
    }
    for m in lex.said_re.for_text(text).into_iter().flat_map(|re| re.find_iter(text)) {
        let Some(name) = said_name(m.as_str()) else {
            continue;
        };
        let span = Span::new(m.start() + name.start, m.start() + name.end);
        if plausible_name(span.slice(text), lex, true) && free(&span, &spans) {
            spans.push(span);
        }
    }
    // Full names (two words or more) define referents; their surnames link the short mentions.
    let mut by_surname: HashMap<String, Option<String>> = HashMap::default();
    for s in &spans {
        let name = normalise(s.slice(text));
        if name.split(' ').count() < 2 {
            continue;
        }
        for key in surname_keys(&name) {
            let slot = by_surname.entry(key).or_insert_with(|| Some(name.clone()));
            match slot.clone() {
                Some(old) if old == name => {}
                // "James Kopp" and "James Charles Kopp": one person, named by the longer form.
                Some(old) if same_person(&old, &name) => {
                    *slot = Some(if name.len() > old.len() { name.clone() } else { old });
                }
                _ => *slot = None, // two people share the surname: leave short mentions unlinked
            }
        }
    }
    let linkable: HashMap<String, ()> = by_surname
        .iter()
        .filter(|(_, v)| v.is_some())
        .map(|(k, _)| (k.clone(), ()))
        .collect();
    for (start, end, _) in lex.lookup_words(text, &linkable) {
        let span = Span::new(start, end);
        if free(&span, &spans) {
            spans.push(span);
        }
    }
    spans.sort();
    spans
        .into_iter()
        .map(|span| {
            let name = normalise(span.slice(text));
            let canonical = if name.contains(' ') {
                // A full name takes the longest compatible form ("James Kopp" → "James Charles Kopp").
                surname_keys(&name)
                    .first()
                    .and_then(|k| by_surname.get(k).cloned().flatten())
                    .filter(|long| same_person(long, &name))
                    .unwrap_or_else(|| name.clone())
            } else {
                by_surname.get(&name).cloned().flatten().unwrap_or_else(|| name.clone())
            };
            let mut e = entity(text, span, EntityKind::Person, canonical);
            e.role = role_before(text, span.start, lex);
            e
        })
        .collect()
}

/// The name in a match of the lexicon's `title_name_re` (a title, spaces, then the name: the pattern's group), as a
/// range of the match, read from its text: the regex takes the first title, in the order it tries them, after which
/// the rest of the match is a name ([`is_name_shape`]), so that title is the one it took. `None` when the match is
/// not plain ASCII (the caller then asks the regex engine). A test checks this reading against the pattern's group.
fn title_name(m: &str, lex: &Lexicon) -> Option<std::ops::Range<usize>> {
    if !m.is_ascii() {
        return None;
    }
    lex.titles_in_order.iter().find_map(|title| {
        let rest = m.strip_prefix(title)?;
        let name = rest.trim_start();
        (name.len() < rest.len() && is_name_shape(name)).then(|| m.len() - name.len()..m.len())
    })
}

/// True when ASCII `r` is wholly `(?:cap\s+)?SURNAME` as the lexicon's patterns write them: an optional first word
/// (a capital, then letters, digits, `_`, `'`, `&` or `-`) and spaces, then a surname (an optional particle and `-`
/// or one space, then a capitalised word of two characters or more, optionally a hyphen and another).
fn is_name_shape(r: &str) -> bool {
    let word = |w: &str| {
        w.len() >= 2
            && w.starts_with(|c: char| c.is_ascii_uppercase())
            && w[1..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'\'')
    };
    let core = |x: &str| match x.split_once('-') {
        Some((a, b)) => word(a) && word(b),
        None => word(x),
    };
    let surname = |x: &str| {
        core(x)
            || SURNAME_PARTICLES.iter().any(|p| {
                x.strip_prefix(p)
                    .and_then(|rest| rest.strip_prefix(|c: char| c == '-' || c.is_whitespace()))
                    .is_some_and(core)
            })
    };
    let first = |w: &str| {
        w.starts_with(|c: char| c.is_ascii_uppercase())
            && w[1..]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'\'' | b'&' | b'-'))
    };
    surname(r)
        || r.split_once(char::is_whitespace)
            .is_some_and(|(head, rest)| first(head) && surname(rest.trim_start()))
}

/// The name in a match of the lexicon's `said_re`, as a range of the match, read from its text: "said Anna
/// Berg" (the name after `said`/`says` and spaces: the pattern's second group) or "Anna Berg, said" (the name
/// before an optional comma, spaces and `said`/`says`/`told`/`added`: its first group). The name itself starts
/// with a capital and ends with a word character, so the two forms cannot be confused; a test checks this
/// reading against the pattern's groups. Reading them so spares the regex engine a capture pass per match.
fn said_name(m: &str) -> Option<std::ops::Range<usize>> {
    if let Some(rest) = m.strip_prefix("said").or_else(|| m.strip_prefix("says")) {
        let name = rest.trim_start();
        return Some(m.len() - name.len()..m.len());
    }
    let verb = ["said", "says", "told", "added"].into_iter().find(|v| m.ends_with(v))?;
    let head = m[..m.len() - verb.len()].trim_end();
    let name = head.strip_suffix(',').unwrap_or(head);
    Some(0..name.len())
}

/// The keys a later short mention may use: the last word, and for "al-Assad" also "Assad".
fn surname_keys(name: &str) -> Vec<String> {
    let last = name.rsplit(' ').next().unwrap_or(name);
    let mut keys = vec![last.to_string()];
    if let Some((particle, rest)) = last.split_once('-') {
        if particle.chars().next().is_some_and(char::is_lowercase) || matches!(particle, "Al" | "El") {
            keys.push(rest.to_string());
        }
    }
    keys
}

/// Same first and last word: two forms of one name.
fn same_person(a: &str, b: &str) -> bool {
    let ends = |s: &str| {
        (
            s.split(' ').next().map(str::to_string),
            s.rsplit(' ').next().map(str::to_string),
        )
    };
    ends(a) == ends(b)
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops trailing words that cannot belong to a name ("Assad Monday" → "Assad").
fn trim_name(text: &str, span: Span, lex: &Lexicon) -> Span {
    let s = span.slice(text);
    let words = words_with_offsets(s);
    let mut end = span.start;
    for (off, w) in words {
        if bad_word(w, lex) {
            break;
        }
        end = span.start + off + w.len();
    }
    Span::new(span.start, end)
}

fn bad_word(w: &str, lex: &Lexicon) -> bool {
    lex.stopwords.contains(w)
        || lex.months.contains(w)
        || lex.demonyms.contains_key(w)
        || lex.org_suffixes.contains_key(w)
        || lex.orgs.contains_key(w)
        || (w.len() > 1 && !w.chars().any(char::is_lowercase))
}

/// A name must not consist of function words, months, demonyms, organisation words or acronyms.
fn plausible_name(s: &str, lex: &Lexicon, need_two: bool) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    if need_two && words.len() < 2 {
        return false;
    }
    !words.is_empty() && !words.iter().any(|w| bad_word(w, lex))
}

/// The title standing right before a name, with a country in front of it ("US Secretary of State").
fn role_before(text: &str, start: usize, lex: &Lexicon) -> Option<String> {
    let mut from = start.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let window = text.get(from..start)?;
    // The pattern is its one group then spaces to the end: the group is the match without them (no capture pass).
    let role = lex.role_before_re.for_text(window)?.find(window)?.as_str().trim_end();
    // A sentence-initial function word is not part of the role ("The President").
    let role = match role.split_once(' ') {
        Some((first, rest)) if lex.stopwords.contains(first) => rest,
        _ => role,
    };
    Some(normalise(role))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every match of `re` in `text` whose name `read` reads from the match text alone, compared with the name group
    /// of the regex (`group`); returns the matches and how many of them `read` read.
    fn readings_against_groups(
        re: &regex::Regex,
        text: &str,
        read: impl Fn(&str) -> Option<std::ops::Range<usize>>,
        group: impl Fn(&regex::Captures) -> Option<usize>,
    ) -> (usize, usize) {
        let (mut seen, mut read_some) = (0, 0);
        for caps in re.captures_iter(text) {
            let m = caps.get(0).expect("the whole match").as_str();
            let g = caps
                .get(group(&caps).expect("a name group"))
                .expect("the name group")
                .as_str();
            if let Some(name) = read(m) {
                assert_eq!(&m[name], g, "{m:?}");
                read_some += 1;
            }
            seen += 1;
        }
        (seen, read_some)
    }

    #[test]
    fn the_said_name_read_from_the_match_is_the_patterns_group() {
        let lex = crate::lang::Language::english().entities();
        let text = "Anna Berg said it. \"No,\" said Omar al-Hasan on Monday. Edward Said, told reporters. \
                    Mr Jean-Luc Picard  added that, says Ravel O'Neill. Kim Lee,\tsaid, and Lena Dahl says so; \
                    the chief said Peter Van Dyke told Ana McLeod added";
        let (seen, read) = readings_against_groups(lex.said_re.compiled(), text, said_name, |caps| {
            [1, 2].into_iter().find(|&g| caps.get(g).is_some())
        });
        assert!(read == seen && seen >= 7, "{read} of {seen} matches");
    }

    #[test]
    fn the_surname_particles_are_the_patterns() {
        use crate::entities::lexicon::SURNAME;
        let expected = format!(r"(?:(?:{})[-\s])?", SURNAME_PARTICLES.join("|"));
        assert!(SURNAME.starts_with(&expected), "{SURNAME}");
    }

    #[test]
    fn the_title_name_read_from_the_match_is_the_patterns_group() {
        let lex = crate::lang::Language::english().entities();
        let re = lex.title_name_re.compiled();
        // Every title before names of each shape the group allows, and before words it does not.
        let names = [
            "Kerry",
            "John Kerry",
            "J Kerry",
            "Omar al-Hasan",
            "Omar al Hasan",
            "al-Assad",
            "van Rompuy",
            "Mary O'Neill-Smith",
            "Ab&C Dee",
            "X-Ray Jones",
            "Lee 2nd",
            "Jean Van Dyke",
            "Smith and",
            "De Gaulle",
        ];
        let mut text = String::new();
        for title in &lex.titles_in_order {
            for name in names {
                text.push_str(&format!("{title} {name}, {title}\t {name}. "));
            }
        }
        let (seen, read) = readings_against_groups(re, &text, |m| title_name(m, lex), |_| Some(1));
        assert!(
            read == seen && seen > lex.titles_in_order.len() * names.len(),
            "{read} of {seen}"
        );
    }

    #[test]
    fn the_role_before_a_name_is_the_match_without_its_spaces() {
        let lex = crate::lang::Language::english().entities();
        let re = lex.role_before_re.compiled();
        let windows = [
            "said US Secretary of State ",
            "The President ",
            "met U.N. Secretary-General\t ",
            "Foreign Secretary  ",
            "in a talk, UK Defence Secretary\n",
            "no role here ",
        ];
        let mut roles = 0;
        for window in windows {
            let found = re.find(window).map(|m| m.as_str().trim_end());
            let group = re.captures(window).and_then(|c| c.get(1)).map(|g| g.as_str());
            assert_eq!(found, group, "{window:?}");
            roles += usize::from(found.is_some());
        }
        assert_eq!(roles, windows.len() - 1);
    }
}
