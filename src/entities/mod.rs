//! People, organisations, groups, demonyms and numbers.
//!
//! Each kind has its own finder (`people`, `orgs`, `demonyms`, `numbers`) working from the tables in
//! `src/lang/en/`. The finders return candidates; [`extract`] resolves overlaps (known organisations beat
//! people, people beat pattern organisations, numbers never overlap names) and numbers the survivors
//! `e1..` in text order. Demonyms may stand inside an organisation name ("Syrian" in "Syrian Democratic
//! Forces"), because the places engine turns every demonym into a demonym place.
//!
//! Linear in the text (n log n with the span sets): each finder is one pass of its pattern, and every test around a
//! candidate reads a bounded window (`behind`, `ahead`: at most `LOOK_BYTES`), never back to the start of a
//! run, sentence or text, nor on to its end; overlaps are tested in a `SpanSet` in O(log n).

mod demonyms;
pub(crate) mod lexicon;
mod numbers;
mod orgs;
mod people;
mod tagged;
pub mod tagger;

use crate::doc::Doc;
use crate::lang::Language;
use crate::model::{Entity, EntityKind, Span};
use crate::Context;

pub use lexicon::Lexicon;

/// Finds the entity mentions of the document: people, organisations, nationalities and numbers. O(n log n) in the
/// length of the text (see the module doc).
pub fn extract(doc: &Doc, language: &Language, ctx: &Context) -> Vec<Entity> {
    let (text, segments) = (doc.text(), doc.segments());
    let lex = language.entities();
    let mut named = orgs::find(text, lex);
    let people = people::find(text, lex, &named);
    named.extend(people);
    named.extend(orgs::find_patterns(text, lex, &named));
    if let Some(model) = ctx.names {
        let tagged = tagged::tag(doc, language, model, ctx);
        tagged::overrule(text, lex, &tagged, &mut named);
        let known = tagged::Known {
            text,
            tokens: doc.tokens(),
            lex,
            gazetteer: ctx.gazetteer,
            timexes: ctx.timexes,
        };
        let added = tagged::people_and_orgs(&known, &tagged, &named);
        named.extend(added);
    }
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
    // A possessive is not part of the name ("Bashar al-Assad's envoy" names Bashar al-Assad).
    for e in all
        .iter_mut()
        .filter(|e| matches!(e.kind, EntityKind::Person | EntityKind::Org | EntityKind::Group))
    {
        strip_possessive(e);
    }
    // No name or number starts or ends inside a word ("Gerät" holds no "Ger").
    all.retain(|e| crate::doc::stands_alone(text, e.span));
    all.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(b.span.end.cmp(&a.span.end)));
    for (i, e) in all.iter_mut().enumerate() {
        e.id = crate::model::numbered_id("e", i + 1);
    }
    all
}

/// Takes a trailing possessive `'s` or `’s` off a name's span, text and canonical form.
fn strip_possessive(e: &mut Entity) {
    for suffix in ["'s", "’s"] {
        if e.text.len() > suffix.len() + 1 && e.text.ends_with(suffix) {
            e.text.truncate(e.text.len() - suffix.len());
            e.span.end -= suffix.len();
            if e.canonical.ends_with(suffix) {
                e.canonical.truncate(e.canonical.len() - suffix.len());
            }
            return;
        }
    }
}

/// Spans ordered by start, for overlap tests and insertions in logarithmic time (the finders would
/// be quadratic on long texts otherwise; a sorted `Vec` made every insertion in the middle linear).
///
/// The finders' sets hold spans that do not overlap one another (each is kept only when free); then each span ends
/// where or before the next starts, and only the last span starting before the end of a tested span can overlap it:
/// O(log n) per test, however long some span is. A set with overlapping spans falls back to looking at every span
/// that starts within the longest span's length before.
pub(crate) struct SpanSet {
    spans: std::collections::BTreeSet<Span>,
    /// Longest span, bounding how far back an overlapping span can start.
    longest: usize,
    /// Every span ends at or before the start of the next one.
    disjoint: bool,
}

impl SpanSet {
    /// A set of the given spans.
    pub(crate) fn new(spans: impl Iterator<Item = Span>) -> Self {
        let spans: std::collections::BTreeSet<Span> = spans.collect();
        let longest = spans.iter().map(Span::len).max().unwrap_or(0);
        let ordered = spans.iter().all(|s| s.start <= s.end);
        let disjoint = ordered && spans.iter().zip(spans.iter().skip(1)).all(|(a, b)| a.end <= b.start);
        SpanSet {
            spans,
            longest,
            disjoint,
        }
    }

    /// True when `span` shares a byte with a span of the set.
    pub(crate) fn overlaps(&self, span: Span) -> bool {
        if self.disjoint {
            // The ends grow with the starts: the last span starting before `span.end` reaches furthest.
            return self
                .spans
                .range(..Span::new(span.end, 0))
                .next_back()
                .is_some_and(|s| s.overlaps(&span));
        }
        let from = Span::new(span.start.saturating_sub(self.longest), 0);
        self.spans
            .range(from..)
            .take_while(|s| s.start < span.end)
            .any(|s| s.overlaps(&span))
    }

    /// Adds a span.
    pub(crate) fn insert(&mut self, span: Span) {
        if self.disjoint {
            let before = self.spans.range(..span).next_back();
            let after = self.spans.range(span..).next();
            self.disjoint = span.start <= span.end
                && before.is_none_or(|b| b.end <= span.start)
                && after.is_none_or(|a| span.end <= a.start && *a != span);
        }
        self.spans.insert(span);
        self.longest = self.longest.max(span.len());
    }
}

/// How far a look around a candidate reaches, in bytes: no word the finders test comes near it, so for real text
/// the words read are those of an unbounded look, and a look costs O(1) whatever the length of the run around it.
pub(crate) const LOOK_BYTES: usize = 256;

/// The text before byte `at`, at most [`LOOK_BYTES`] of it, from a character boundary (`at` must be one).
pub(crate) fn behind(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(LOOK_BYTES);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

/// The text from byte `at`, at most [`LOOK_BYTES`] of it, to a character boundary (`at` must be one).
pub(crate) fn ahead(text: &str, at: usize) -> &str {
    let mut to = (at + LOOK_BYTES).min(text.len());
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    &text[at..to]
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
        tagged: false,
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
    fn a_possessive_is_not_part_of_the_name() {
        let es = run("President Bashar al-Assad's envoy met Reuters' editors.");
        let assad = es.iter().find(|e| e.kind == EntityKind::Person).expect("a person");
        assert_eq!(
            (assad.text.as_str(), assad.canonical.as_str()),
            ("Bashar al-Assad", "Bashar al-Assad")
        );
        assert!(es.iter().all(|e| !e.text.ends_with("'s")), "{es:?}");
    }

    #[test]
    fn no_name_or_number_starts_or_ends_inside_a_word() {
        let es = run("Minister Gerät Müllerová met President Ångström and 12ème delegates in Brno.");
        for e in &es {
            let start = e.span.start;
            let before = "Minister Gerät Müllerová met President Ångström and 12ème delegates in Brno."[..start]
                .chars()
                .next_back();
            assert!(!before.is_some_and(char::is_alphanumeric), "{e:?} starts inside a word");
        }
        assert!(
            es.iter()
                .all(|e| !["Ger", "M", "Ngstr", "12"].contains(&e.text.as_str())),
            "{es:#?}"
        );
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
    fn a_row_of_numbers_joined_by_commas_is_read_number_by_number() {
        // Issue 23: each number used to split the whole run around it.
        let es = run(&"1,".repeat(400));
        assert_eq!(es.len(), 400);
        assert!(es.iter().all(|e| e.kind == EntityKind::Number && e.canonical == "1"));
        let years = run(&"2015,".repeat(400));
        assert!(years.is_empty(), "{years:?}");
        assert!(behind(&"1,".repeat(400), 800).len() <= LOOK_BYTES);
        assert!(ahead(&"1,".repeat(400), 0).len() <= LOOK_BYTES);
    }

    #[test]
    fn is_runs_are_the_shouted_verb() {
        // Issue 23: "IS-IS-IS-…" split the whole run for every match.
        assert!(run(&"IS-".repeat(500)).is_empty());
        let es = run(&"It is clear IS lost. ".repeat(50));
        assert_eq!(es.iter().filter(|e| e.canonical == "Islamic State").count(), 50);
    }

    #[test]
    fn acronyms_after_a_name_are_read_in_a_few_bytes() {
        assert_eq!(orgs::acronym_after("Front (NLF) struck", 5), Some("NLF"));
        assert_eq!(orgs::acronym_after("Front (NLF", 5), Some("NLF"));
        assert_eq!(orgs::acronym_after("Front (N)", 5), None);
        assert_eq!(orgs::acronym_after("Front (ABCDEFG)", 5), None);
        assert_eq!(
            orgs::acronym_after(&format!("Front (ABCDEFG{})", "H".repeat(10_000)), 5),
            None
        );
        assert_eq!(orgs::acronym_after("Front (Nlf)", 5), None);
    }

    #[test]
    fn span_set_of_disjoint_spans_tests_one_neighbour() {
        // One long span, then many short ones: each test looks at one span, and answers as a full scan would.
        let mut spans = vec![Span::new(0, 10_000)];
        spans.extend((0..1000).map(|i| Span::new(10_000 + 10 * i, 10_000 + 10 * i + 5)));
        let mut set = SpanSet::new(spans.iter().copied());
        assert!(set.disjoint);
        for (probe, want) in [
            (Span::new(9_999, 10_001), true),
            (Span::new(5, 6), true),
            (Span::new(10_005, 10_010), false),
            (Span::new(10_004, 10_006), true),
            (Span::new(20_000, 20_001), false),
        ] {
            assert_eq!(set.overlaps(probe), want, "{probe:?}");
            assert_eq!(spans.iter().any(|s| s.overlaps(&probe)), want);
        }
        set.insert(Span::new(10_006, 10_008));
        assert!(set.disjoint && set.overlaps(Span::new(10_007, 10_009)));
        // A nested span falls back to the scan, still exact.
        set.insert(Span::new(100, 200));
        assert!(!set.disjoint);
        assert!(set.overlaps(Span::new(150, 160)) && set.overlaps(Span::new(9_000, 9_001)));
        assert!(!set.overlaps(Span::new(10_005, 10_006)));
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
