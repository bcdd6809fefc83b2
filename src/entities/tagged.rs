//! The name tagger's people and organisations, added where the rules found no name.
//!
//! The rules come first: their names carry roles, canonical forms and countries from the tables, and the reference
//! articles are annotated to them. The tagger adds the names no rule knows (a bare company name, a person without a
//! title or a listed given name) and is not allowed to overlap a rule's name. Then one sense per document: a name
//! the tagger or the rules read somewhere as a person or an organisation is that wherever else it is written
//! capitalised (a headline's "Apple" that the tagger missed, a surname alone after the full name).

use super::lexicon::Lexicon;
use super::tagger::features::place_size;
use super::tagger::{Lists, LowerWords, NameLabel, NameModel, TaggedName};
use super::{entity, SpanSet};
use crate::doc::{Doc, Token};
use crate::hash::FastMap as HashMap;
use crate::lang::Language;
use crate::model::{Entity, EntityKind, Span, Timex};
use crate::places::Gazetteer;

/// The tagger's names of the document, every sentence tagged. O(t log d) for t tokens and d dates.
pub(super) fn tag(doc: &Doc, language: &Language, model: &NameModel, ctx: &crate::Context) -> Vec<TaggedName> {
    let lists = Lists::of(language, ctx.gazetteer);
    let lower = LowerWords::of(doc.tokens());
    let sentences = doc.segments().iter().map(|s| doc.tokens_in(s.span));
    // No name starts in a date ("Monday", "September"): the dates engine has read those words.
    let mut dates: Vec<Span> = ctx.timexes.iter().map(|t| t.span).collect();
    dates.sort_unstable_by_key(|s| s.start);
    let tagged = model.tag_document(sentences, &lists, &lower, &dates);
    join_places_to_orgs(doc.text(), tagged.into_iter())
}

/// An organisation and a place side by side, one space apart, are one organisation: the place is part of its name
/// ("Air France", "China Southern Airlines", "US Federal Reserve"), where the tagger, which knows the place's name
/// from the gazetteer, reads two names. Linear.
fn join_places_to_orgs(text: &str, tagged: impl Iterator<Item = TaggedName>) -> Vec<TaggedName> {
    let mut out: Vec<TaggedName> = Vec::new();
    for t in tagged {
        if let Some(last) = out.last_mut() {
            let labels = [last.label, t.label];
            let joined = text.get(last.span.end..t.span.start) == Some(" ")
                && labels.contains(&NameLabel::Org)
                && labels.contains(&NameLabel::Place);
            if joined {
                last.span.end = t.span.end;
                last.label = NameLabel::Org;
                last.margin = last.margin.max(t.margin);
                last.joined = true;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// How far ahead of the other readings (in the model's weight units) the tagger's person or organisation must be
/// to take a name that the gazetteer knows as a place, by the size of the place ([`place_size`]): the larger the
/// place, the likelier the place reading, whatever the sentence says ("Aleppo said" is the city's people or
/// rulers); the largest are left to the places engine, which reads such metonyms.
const SURE_AGAINST_PLACE: [f32; 5] = [f32::NEG_INFINITY, 12.0, 12.0, 25.0, f32::INFINITY];

/// How far ahead the tagger must be to take one word alone as a person: a product or a code name reads like a
/// surname ("Tiger", "Nano"), and a real surname alone usually follows its full name, which the one-sense pass
/// links it to.
const SURE_SINGLE_WORD_PERSON: f32 = 10.0;

/// Longest name, in tokens, that the one-sense pass looks for.
const MAX_NAME_TOKENS: usize = 6;

/// What the document knows of its names.
pub(super) struct Known<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token<'a>],
    pub lex: &'a Lexicon,
    pub gazetteer: Option<&'a Gazetteer>,
    pub timexes: &'a [Timex],
}

/// People and organisations among `tagged` that overlap none of `named` (the rules' names), as entities, then the
/// other mentions of every name read as a person or an organisation. O((k + t) log n) for k tagged names, t tokens
/// and n names.
pub(super) fn people_and_orgs(known: &Known, tagged: &[TaggedName], named: &[Entity]) -> Vec<Entity> {
    let text = known.text;
    let mut taken = SpanSet::new(named.iter().map(|e| e.span).chain(known.timexes.iter().map(|t| t.span)));
    // The rules' people with a role, by start: a role stands right before its person ("Secretary of State John
    // Kerry"), and its last words are not a name of their own.
    let mut roles: Vec<(usize, &str)> = named
        .iter()
        .filter_map(|e| Some((e.span.start, e.role.as_deref()?)))
        .collect();
    roles.sort_unstable();
    let in_role = |span: Span| {
        let rest = &text[span.end..];
        let next = span.end + (rest.len() - rest.trim_start().len());
        roles
            .binary_search_by_key(&next, |r| r.0)
            .is_ok_and(|at| roles[at].1.ends_with(span.slice(text)))
    };
    let mut key = String::new();
    let mut out = Vec::new();
    for t in tagged {
        let kind = match t.label {
            NameLabel::Person => EntityKind::Person,
            NameLabel::Org => EntityKind::Org,
            _ => continue,
        };
        let span = trim_title(text, known.lex, t.span);
        if span.is_empty() || taken.overlaps(span) || in_role(span) || !is_agent_name(known.lex, span.slice(text), kind)
        {
            continue;
        }
        let size = known
            .gazetteer
            .map_or(0, |g| place_size(g, span.slice(text), &mut key) as usize);
        let lone_word = kind == EntityKind::Person && !span.slice(text).contains(' ');
        if t.margin < SURE_AGAINST_PLACE[size.min(4)] || (lone_word && t.margin < SURE_SINGLE_WORD_PERSON) {
            continue;
        }
        taken.insert(span);
        // A joined name is the tagger's organisation and place made one by a rule: it hides the place inside it
        // like a rule's name ("France" of "Air France"); the tagger's own names do not.
        out.push(Entity {
            tagged: !t.joined,
            ..entity(text, span, kind, span.slice(text))
        });
    }
    let senses = senses(text, named.iter().chain(&out));
    out.extend(other_mentions(known, &senses, &mut taken));
    out
}

/// How far ahead the tagger must be to change the rules' people: a person found by a weak cue alone turned into
/// its organisation, or people it splits widened to its one person.
const SURE_OVER_RULE_PEOPLE: f32 = 5.0;

/// Turns the rules' weakest people into organisations where the tagger reads the very same words as one: a person
/// found only by "X Y said" (no title, no given name) is a company as often as not ("Apple Computer said"), and the
/// mentions linked to it as its surname go with it. O(n + k) for n names and k tagged ones.
pub(super) fn overrule(text: &str, lex: &Lexicon, tagged: &[TaggedName], named: &mut Vec<Entity>) {
    let orgs: crate::hash::FastSet<Span> = tagged
        .iter()
        .filter(|t| t.label == NameLabel::Org && t.margin >= SURE_OVER_RULE_PEOPLE)
        .map(|t| t.span)
        .collect();
    let weak = |e: &Entity| {
        e.kind == EntityKind::Person
            && e.role.is_none()
            && e.text.contains(' ')
            && !e.text.split(' ').next().is_some_and(|w| lex.first_names.contains(w))
    };
    // A "person" whose last word makes organisations ("General Motors" read as a general called Motors).
    named.retain(|e| {
        e.kind != EntityKind::Person
            || !e
                .text
                .rsplit(' ')
                .next()
                .is_some_and(|w| lex.org_suffixes.contains_key(w))
    });
    let turned: crate::hash::FastSet<String> = named
        .iter_mut()
        .filter(|e| weak(e) && orgs.contains(&e.span))
        .map(|e| {
            e.kind = EntityKind::Org;
            e.canonical = e.span.slice(text).to_string();
            e.canonical.clone()
        })
        .collect();
    named.retain(|e| !(e.kind == EntityKind::Person && turned.contains(&e.canonical)));
    widen_people(text, tagged, named);
}

/// Where the tagger reads one person over the words the rules split into people ("co-founder Steve Jobs" as
/// "Steve" and "Jobs", "Martin Luther King" as "Martin Luther" before a title), the rules' people become the
/// tagger's one, keeping the first one's role. Only people the tagger's name wholly covers, and nothing else
/// inside it. O((n + k) log n).
fn widen_people(text: &str, tagged: &[TaggedName], named: &mut Vec<Entity>) {
    named.sort_by_key(|e| e.span.start);
    let mut gone = vec![false; named.len()];
    let mut wider = Vec::new();
    for t in tagged
        .iter()
        .filter(|t| t.label == NameLabel::Person && t.margin >= SURE_OVER_RULE_PEOPLE)
    {
        let from = named.partition_point(|e| e.span.end <= t.span.start);
        let inside: Vec<usize> = (from..named.len())
            .take_while(|&i| named[i].span.start < t.span.end)
            .collect();
        let all_people_within = !inside.is_empty()
            && inside.iter().all(|&i| {
                let e = &named[i];
                e.kind == EntityKind::Person && !gone[i] && t.span.start <= e.span.start && e.span.end <= t.span.end
            });
        let widens = inside.len() > 1 || inside.first().is_some_and(|&i| named[i].span != t.span);
        if !(all_people_within && widens) {
            continue;
        }
        let mut person = entity(text, t.span, EntityKind::Person, t.span.slice(text));
        person.tagged = true;
        person.role = named[inside[0]].role.clone();
        for &i in &inside {
            gone[i] = true;
        }
        wider.push(person);
    }
    let mut i = 0;
    named.retain(|_| {
        i += 1;
        !gone[i - 1]
    });
    named.extend(wider);
}

/// A tagged organisation's span without a title at its end ("Apple Computer CEO" before "Steve Jobs" is the
/// company; the title belongs to the person). A leading function word is not part of the name either ("The Federal
/// Reserve" is the Federal Reserve).
fn trim_title(text: &str, lex: &Lexicon, span: Span) -> Span {
    let mut span = span;
    if let Some((first, rest)) = span.slice(text).split_once(' ') {
        if lex.stopwords.contains(first) {
            span.start = span.end - rest.trim_start().len();
        }
    }
    match span.slice(text).rsplit_once(' ') {
        Some((head, last)) if lex.titles.contains(last) => Span::new(span.start, span.start + head.trim_end().len()),
        _ => span,
    }
}

/// Whether a tagged name can be a person or an organisation: it has a capitalised word that is no function word,
/// holds no word of a market index or time zone, and an organisation does not start in lower case ("iPod" is a
/// product).
fn is_agent_name(lex: &Lexicon, name: &str, kind: EntityKind) -> bool {
    let words = || name.split(|c: char| !(c.is_alphanumeric() || c == '&'));
    let named_word = words().any(|w| w.chars().next().is_some_and(char::is_uppercase) && !lex.stopwords.contains(w));
    let not_agent = lex.holds_not_agent(name);
    let product = kind == EntityKind::Org && name.chars().next().is_some_and(char::is_lowercase);
    named_word && !not_agent && !product
}

/// What a name is read as in this document, and its canonical form.
#[derive(Clone)]
struct Sense {
    kind: EntityKind,
    canonical: String,
}

/// The names of the document with the kind most of their mentions have (a tie keeps neither), and the surnames of
/// its people of two or more words (a surname alone is that person) where no other name is written so.
fn senses<'e>(text: &str, names: impl Iterator<Item = &'e Entity>) -> HashMap<String, Option<Sense>> {
    const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Org, EntityKind::Group];
    let mut votes: HashMap<&str, ([usize; 3], &str)> = HashMap::default();
    for e in names {
        let Some(k) = KINDS.iter().position(|&k| k == e.kind) else {
            continue;
        };
        let entry = votes
            .entry(e.span.slice(text))
            .or_insert(([0; 3], e.canonical.as_str()));
        entry.0[k] += 1;
    }
    let mut out: HashMap<String, Option<Sense>> = HashMap::default();
    for (&name, (counts, canonical)) in &votes {
        let best = (0..3).max_by_key(|&k| counts[k]).unwrap_or(0);
        let tie = (0..3).any(|k| k != best && counts[k] == counts[best]);
        let sense = (!tie).then(|| Sense {
            kind: KINDS[best],
            canonical: canonical.to_string(),
        });
        out.insert(name.to_string(), sense);
    }
    let surnames: Vec<(String, Sense)> = out
        .iter()
        .filter_map(|(name, sense)| {
            let sense = sense.as_ref().filter(|s| s.kind == EntityKind::Person)?;
            let (_, surname) = name.rsplit_once(' ')?;
            Some((surname.to_string(), sense.clone()))
        })
        .collect();
    for (surname, sense) in surnames {
        // Two people of one surname, or a surname that is also another name: the surname alone names no one.
        out.entry(surname)
            .and_modify(|s| {
                if s.as_ref()
                    .is_some_and(|s| s.kind != sense.kind || s.canonical != sense.canonical)
                {
                    *s = None;
                }
            })
            .or_insert(Some(sense));
    }
    out
}

/// Every other capitalised mention of a known name: the longest known name starting at each capitalised token,
/// where no name stands yet. O(t × MAX_NAME_TOKENS) look-ups for t tokens.
fn other_mentions(known: &Known, senses: &HashMap<String, Option<Sense>>, taken: &mut SpanSet) -> Vec<Entity> {
    let (text, tokens) = (known.text, known.tokens);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let first = &tokens[i];
        if !first.is_word() || !first.is_capitalised() || known.lex.stopwords.contains(first.text) {
            i += 1;
            continue;
        }
        // Tokens are whole words: "Apples" is never a mention of "Apple".
        let found = (i..tokens.len().min(i + MAX_NAME_TOKENS)).rev().find_map(|j| {
            let last = &tokens[j];
            let span = Span::new(first.span.start, last.span.end);
            let sense = senses.get(span.slice(text))?.as_ref()?;
            (last.is_word() && !taken.overlaps(span)).then_some((j, span, sense))
        });
        match found {
            Some((j, span, sense)) => {
                taken.insert(span);
                out.push(Entity {
                    tagged: true,
                    ..entity(text, span, sense.kind, sense.canonical.clone())
                });
                i = j + 1;
            }
            None => i += 1,
        }
    }
    out
}
