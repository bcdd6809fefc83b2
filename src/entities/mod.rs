//! People, organisations, groups, demonyms and numbers.
//!
//! Each kind has its own finder (`people`, `orgs`, `demonyms`, `numbers`) working from the tables in
//! `src/lang/en/`. The finders return candidates; [`extract`] resolves overlaps (known organisations beat
//! people, people beat pattern organisations, numbers never overlap names) and numbers the survivors
//! `e1..` in text order. Demonyms may stand inside an organisation name ("Syrian" in "Syrian Democratic
//! Forces"), because the places engine turns every demonym into a demonym place.

mod demonyms;
pub(crate) mod lexicon;
mod numbers;
mod orgs;
mod people;

use crate::doc::Doc;
use crate::lang::Language;
use crate::model::{Entity, EntityKind, Span};
use crate::Context;

pub use lexicon::Lexicon;

/// Finds the entity mentions of the document: people, organisations, nationalities and numbers.
pub fn extract(doc: &Doc, language: &Language, _ctx: &Context) -> Vec<Entity> {
    let (text, segments) = (doc.text(), doc.segments());
    let lex = language.entities();
    let mut named = orgs::find(text, lex);
    let people = people::find(text, lex, &named);
    named.extend(people);
    named.extend(orgs::find_patterns(text, lex, &named));
    let mut all = named;
    let people = SpanSet::new(all.iter().filter(|e| e.kind == EntityKind::Person).map(|e| e.span));
    let names = SpanSet::new(all.iter().map(|e| e.span));
    let demonyms: Vec<Entity> = demonyms::find(text, lex)
        .into_iter()
        .filter(|d| !people.overlaps(d.span))
        .collect();
    let nums: Vec<Entity> = numbers::find(text, segments, lex)
        .into_iter()
        .filter(|n| !names.overlaps(n.span))
        .collect();
    all.extend(demonyms);
    all.extend(nums);
    all.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)));
    for (i, e) in all.iter_mut().enumerate() {
        e.id = format!("e{}", i + 1);
    }
    all
}

/// Spans ordered by start, for overlap tests and insertions in logarithmic time (the finders would
/// be quadratic on long texts otherwise; a sorted `Vec` made every insertion in the middle linear).
pub(crate) struct SpanSet {
    spans: std::collections::BTreeSet<Span>,
    /// Longest span, bounding how far back an overlapping span can start.
    longest: usize,
}

impl SpanSet {
    /// A set of the given spans.
    pub(crate) fn new(spans: impl Iterator<Item = Span>) -> Self {
        let spans: std::collections::BTreeSet<Span> = spans.collect();
        let longest = spans.iter().map(Span::len).max().unwrap_or(0);
        SpanSet { spans, longest }
    }

    /// True when `span` shares a byte with a span of the set.
    pub(crate) fn overlaps(&self, span: Span) -> bool {
        let from = Span::new(span.start.saturating_sub(self.longest), 0);
        self.spans
            .range(from..)
            .take_while(|s| s.start < span.end)
            .any(|s| s.overlaps(&span))
    }

    /// Adds a span.
    pub(crate) fn insert(&mut self, span: Span) {
        self.spans.insert(span);
        self.longest = self.longest.max(span.len());
    }
}

/// An entity without an id yet.
pub(crate) fn entity(text: &str, span: Span, kind: EntityKind, canonical: impl Into<String>) -> Entity {
    Entity {
        id: String::new(),
        span,
        text: span.slice(text).to_string(),
        kind,
        canonical: canonical.into(),
        role: None,
        country: None,
        quantity: None,
    }
}

/// True when the character before `start` and the one at `end` are not letters or digits.
pub(crate) fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text.get(..start).and_then(|s| s.chars().next_back());
    let after = text.get(end..).and_then(|s| s.chars().next());
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<Entity> {
        let language = Language::english();
        extract(&Doc::new(text, language), language, &Context::default())
    }

    fn find<'a>(es: &'a [Entity], text: &str) -> &'a Entity {
        es.iter()
            .find(|e| e.text == text)
            .unwrap_or_else(|| panic!("no entity {text:?} in {es:#?}"))
    }

    #[test]
    fn people_link_titles_full_names_and_surnames_both_ways() {
        let text = "Merkel hails Obama visit\n\nGerman Chancellor Angela Merkel met US President Barack Obama \
                    in Berlin. Obama said the talks went well, and Merkel agreed.";
        let es = run(text);
        let first = &es[0];
        assert_eq!(
            (first.text.as_str(), first.canonical.as_str()),
            ("Merkel", "Angela Merkel")
        );
        let am = find(&es, "Angela Merkel");
        assert_eq!(am.role.as_deref(), Some("German Chancellor"));
        assert_eq!(find(&es, "Barack Obama").role.as_deref(), Some("US President"));
        let obamas: Vec<_> = es.iter().filter(|e| e.canonical == "Barack Obama").collect();
        assert_eq!(obamas.len(), 3, "{es:#?}");
        assert!(es.iter().all(|e| e.id.starts_with('e')));
        assert!(es.windows(2).all(|w| w[0].span.start <= w[1].span.start));
    }

    #[test]
    fn particles_in_surnames_link_the_bare_surname() {
        let text = "President Bashar al-Assad spoke. Critics of Assad's rule disagreed.";
        let es = run(text);
        assert_eq!(find(&es, "Bashar al-Assad").role.as_deref(), Some("President"));
        assert_eq!(find(&es, "Assad").canonical, "Bashar al-Assad");
    }

    #[test]
    fn a_middle_name_is_the_same_person() {
        let text = "Police named James Kopp. James Charles Kopp fled; Kopp was seen in Dublin.";
        let es = run(text);
        let kopp: Vec<&str> = es
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .map(|e| e.canonical.as_str())
            .collect();
        assert_eq!(kopp, vec!["James Charles Kopp"; 3]);
    }

    #[test]
    fn said_patterns_find_names_without_a_known_first_name() {
        let text = "The plan is sound, Quentin Marlowe said. Marlowe added nothing.";
        let es = run(text);
        assert_eq!(find(&es, "Quentin Marlowe").kind, EntityKind::Person);
        assert_eq!(find(&es, "Marlowe").canonical, "Quentin Marlowe");
    }

    #[test]
    fn orgs_acronyms_and_the_is_verb() {
        let text = "The United Nations (UN) said fighters of the Islamic State (IS) attacked. It is clear IS lost; \
                    the UN and Reuters agree, as does the Health Ministry and the Baath Party.";
        let es = run(text);
        let un: Vec<_> = es.iter().filter(|e| e.canonical == "United Nations").collect();
        assert_eq!(un.len(), 3);
        let is: Vec<_> = es.iter().filter(|e| e.canonical == "Islamic State").collect();
        assert_eq!(is.len(), 3, "{is:#?}");
        assert!(is.iter().all(|e| e.kind == EntityKind::Group));
        assert!(!es.iter().any(|e| e.text == "is"));
        assert_eq!(find(&es, "Health Ministry").kind, EntityKind::Org);
        assert_eq!(find(&es, "Baath Party").kind, EntityKind::Group);
        assert_eq!(find(&es, "Reuters").kind, EntityKind::Org);
    }

    #[test]
    fn pattern_acronyms_link_to_their_long_form() {
        let text = "The Northern Liberation Front (NLF) struck. Later the NLF withdrew.";
        let es = run(text);
        let nlf: Vec<_> = es.iter().filter(|e| e.text == "NLF").collect();
        assert_eq!(nlf.len(), 2);
        assert!(nlf.iter().all(|e| e.canonical == "Northern Liberation Front"));
    }

    #[test]
    fn demonyms_are_exact_adjective_spans() {
        let text = "Russian-backed and Kurdish fighters met Arab and Syrian-Turkish envoys.";
        let es = run(text);
        let d: Vec<_> = es
            .iter()
            .filter(|e| e.kind == EntityKind::Demonym)
            .map(|e| (e.text.as_str(), e.country.as_deref()))
            .collect();
        assert_eq!(
            d,
            vec![
                ("Russian", Some("RU")),
                ("Kurdish", None),
                ("Arab", None),
                ("Syrian", Some("SY")),
                ("Turkish", Some("TR"))
            ]
        );
    }

    #[test]
    fn numbers_in_words_digits_and_vague_quantities() {
        let text = "Forty-three died, 290,000 fled, dozens were hurt, hundreds of thousands left, a dozen came \
                    and 1.5 million voted.";
        let es = run(text);
        let q = |t: &str| find(&es, t).quantity.expect("quantity");
        assert_eq!(q("Forty-three").best, Some(43.0));
        assert_eq!(q("290,000").best, Some(290_000.0));
        let d = q("dozens");
        assert!(d.low < d.best && d.best < d.high);
        assert_eq!(q("hundreds of thousands").low, Some(200_000.0));
        assert_eq!(q("a dozen").best, Some(12.0));
        assert_eq!(q("1.5 million").best, Some(1_500_000.0));
    }

    #[test]
    fn dates_and_durations_are_not_numbers() {
        let text = "On Sept. 5, 2016 and 5 Sep 2016, in 2011, at 14:30, a 90-minute talk, in the 1990s, G20.";
        let es = run(text);
        let nums: Vec<_> = es
            .iter()
            .filter(|e| e.kind == EntityKind::Number)
            .map(|e| &e.text)
            .collect();
        assert!(nums.is_empty(), "{nums:?}");
    }

    #[test]
    fn span_set_finds_overlaps_with_long_and_nested_spans() {
        let mut set = SpanSet::new([Span::new(0, 50), Span::new(60, 62)].into_iter());
        assert!(
            set.overlaps(Span::new(40, 45)),
            "inside a long span that starts far before"
        );
        assert!(set.overlaps(Span::new(61, 70)));
        assert!(!set.overlaps(Span::new(50, 60)));
        set.insert(Span::new(52, 55));
        assert!(set.overlaps(Span::new(54, 56)));
        assert!(!SpanSet::new(std::iter::empty()).overlaps(Span::new(0, 1)));
    }

    #[test]
    fn no_panic_on_odd_input() {
        for t in [
            "",
            "IS",
            "É 1,2,3,,, -- al- Al",
            "Dr. ",
            "\u{0}\u{FFFF}9999999999999999999999999 million",
        ] {
            let _ = run(t);
        }
        let big = "Kerry said 43. ".repeat(2000);
        assert_eq!(run(&big).len(), 2000);
    }
}
