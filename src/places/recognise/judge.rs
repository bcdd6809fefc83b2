//! The filters that keep people, organisations, streets and common words off the map: each gazetteer match is
//! judged a place, a nationality adjective or nothing.

use super::people::{is_lower_title, org_spans, person_words};
use super::Token;
use crate::hash::FastSet as HashSet;
use crate::model::{Entity, EntityKind, Span};
use crate::places::cues::{has_lower, Cues};
use crate::places::gazetteer::{Posting, FLAG_ABBREVIATION, FLAG_ADJECTIVE};
use crate::segment::Segment;

/// What the filters make of a match.
pub(super) enum Verdict {
    /// A place mention.
    Place,
    /// A nationality adjective: country evidence, not a place.
    Adjective,
    /// Not a place.
    Drop,
}

/// What the filters know about the whole text.
pub(super) struct Context<'t, 'c> {
    text: &'t str,
    toks: &'c [Token<'t>],
    /// Words known to be parts of person names.
    persons: HashSet<&'t str>,
    /// Spans of entities and organisation phrases no place may overlap.
    blocked: Blocked,
    /// Organisation names the name tagger found ("Air France-KLM", "Bank of Canada").
    tagged_orgs: OrgNames,
    /// Where sentences start (bytes), sorted.
    sentence_starts: Vec<usize>,
    cues: &'c Cues,
    /// Is a word also written in lower case somewhere in the text?
    lower_words: LowerWords<'t>,
}

impl<'t, 'c> Context<'t, 'c> {
    /// What the filters need to know about `text`: its person words, the spans of its people and organisations,
    /// where its sentences start.
    pub(super) fn new(
        text: &'t str,
        toks: &'c [Token<'t>],
        segments: &[Segment],
        entities: &'t [Entity],
        cues: &'c Cues,
    ) -> Context<'t, 'c> {
        let persons = person_words(text, toks, entities, cues);
        let orgs = org_spans(text, toks, cues);
        let blocked = Blocked::new(
            entities
                .iter()
                .filter(|e| {
                    !e.tagged
                        && matches!(
                            e.kind,
                            EntityKind::Person | EntityKind::Org | EntityKind::Group | EntityKind::Demonym
                        )
                })
                .map(|e| e.span)
                .chain(orgs),
        );
        let tagged_orgs = OrgNames::new(
            entities
                .iter()
                .filter(|e| e.tagged && e.kind == EntityKind::Org)
                .map(|e| e.span),
        );
        Context {
            text,
            toks,
            persons,
            blocked,
            tagged_orgs,
            sentence_starts: {
                let mut starts: Vec<usize> = segments.iter().map(|s| s.span.start).collect();
                starts.sort_unstable();
                starts
            },
            cues,
            lower_words: LowerWords::default(),
        }
    }
}

/// Spans no place may overlap, sorted so that one test is a binary search rather than a scan (a scan
/// per mention made long inputs quadratic).
struct Blocked {
    /// Span starts, sorted.
    starts: Vec<usize>,
    /// For each position in `starts`, the furthest end of the spans up to it.
    max_end: Vec<usize>,
}

impl Blocked {
    fn new(spans: impl Iterator<Item = Span>) -> Blocked {
        let mut spans: Vec<Span> = spans.collect();
        spans.sort_unstable_by_key(|s| s.start);
        let mut furthest = 0;
        let max_end = spans
            .iter()
            .map(|s| {
                furthest = furthest.max(s.end);
                furthest
            })
            .collect();
        Blocked {
            starts: spans.iter().map(|s| s.start).collect(),
            max_end,
        }
    }

    /// True when some blocked span overlaps `span`.
    fn overlaps(&self, span: Span) -> bool {
        crate::places::work::add(1);
        // The spans starting before `span` ends overlap it when one of them reaches past its start.
        let before = self.starts.partition_point(|&s| s < span.end);
        before > 0 && self.max_end[before - 1] > span.start && span.start < span.end
    }
}

/// The organisation names the name tagger found. Unlike the rules' names they do not block every place they
/// overlap: a country that leads a name is a place in its own right ("the US Federal Reserve", "British
/// Airways", as MEANTIME annotates them), and the tagger's names are less sure. A place further inside is part
/// of the name ("Air France", "Bank of Canada", "Toyota Motor Manufacturing Kentucky").
struct OrgNames {
    /// The names' spans, sorted by start.
    spans: Vec<Span>,
}

impl OrgNames {
    fn new(spans: impl Iterator<Item = Span>) -> OrgNames {
        let mut spans: Vec<Span> = spans.collect();
        spans.sort_unstable_by_key(|s| s.start);
        OrgNames { spans }
    }

    /// True when `span` lies inside a name and does not start it, and the words before it in the name make it
    /// part of the name ("Air France", "Yahoo Japan", "Statistics New Zealand"): not a locative word, which says
    /// where the named thing is ("University of Cincinnati", "Northeast Nebraska", "the Homestead in Lombard",
    /// kept as the cue table's `org_before` keeps them), nor a comma, "&" or "and", where a name the tagger ran on
    /// holds two ("Auckland, Christchurch"). O(log n) for n names (the names do not overlap, so only the last one
    /// starting before `span` can hold it), plus the words before `span` in that name.
    fn holds_inside(&self, text: &str, span: Span, cues: &Cues) -> bool {
        let before = self.spans.partition_point(|s| s.start < span.start);
        let Some(name) = before.checked_sub(1).map(|k| self.spans[k]) else {
            return false;
        };
        if name.end < span.end {
            return false;
        }
        let lead = &text[name.start..span.start];
        let mut words = lead
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty());
        !(lead.contains([',', '&'])
            || words.any(|w| w == "and" || cues.locative.contains(w.to_ascii_lowercase().as_str())))
    }
}

/// Queries scanned before the set of lower-case words is built: most articles ask a handful of times,
/// where a scan is cheaper than hashing every word; long inputs ask thousands of times.
const LOWER_SCANS: usize = 8;
/// Texts of more words than this build the set at once (a few scans of a long text cost more).
const LOWER_SCAN_MAX_WORDS: usize = 8192;

/// The text's words that are written in lower case, as a scan for the first few questions and as a set,
/// built once, after that (so the work stays linear in the length of the text).
#[derive(Default)]
struct LowerWords<'t> {
    asked: std::cell::Cell<usize>,
    set: std::cell::OnceCell<HashSet<&'t str>>,
}

impl<'t> LowerWords<'t> {
    /// True when `lower` (a lower-cased word) appears written so among `toks`.
    fn contains(&self, toks: &[Token<'t>], lower: &str) -> bool {
        let asked = self.asked.get() + 1;
        self.asked.set(asked);
        if asked <= LOWER_SCANS && toks.len() <= LOWER_SCAN_MAX_WORDS {
            crate::places::work::add(toks.len() as u64);
            return toks.iter().any(|t| t.text.len() == lower.len() && t.text == lower);
        }
        let set = self.set.get_or_init(|| {
            crate::places::work::add(toks.len() as u64);
            toks.iter().filter(|t| !t.cap).map(|t| t.text).collect()
        });
        crate::places::work::add(1);
        set.contains(lower)
    }
}

/// What the gazetteer says about the size of a match's readings.
#[derive(Clone, Copy)]
pub(super) struct Size {
    /// Some reading is a country, continent, region, short form or city of a million.
    pub(super) strong: bool,
    /// Every reading is a rare spelling of a town under 100,000.
    pub(super) weak_alternate: bool,
    /// Every reading is a town under 15,000.
    pub(super) small_town: bool,
    /// A comma and another gazetteer name follow ("Mobile, Alabama").
    pub(super) container_after: bool,
}

/// Keeps or drops the match of tokens `i..=j`.
pub(super) fn judge(ctx: &Context<'_, '_>, (i, j): (usize, usize), postings: &[Posting], size: Size) -> Verdict {
    let Context {
        text,
        toks,
        persons,
        blocked,
        tagged_orgs,
        sentence_starts,
        cues,
        ..
    } = ctx;
    let strong = size.strong;
    let span = Span::new(toks[i].span.start, toks[j].span.end);
    let surface = span.slice(text);
    // "Mobile, Alabama" and "Nice, France" are places even though the words alone are not.
    if blocked.overlaps(span)
        || tagged_orgs.holds_inside(text, span, cues)
        || cues.stopwords.contains(surface) && !size.container_after
    {
        return Verdict::Drop;
    }
    let places: Vec<&Posting> = postings.iter().filter(|p| p.flags & FLAG_ADJECTIVE == 0).collect();
    if places.is_empty() {
        return Verdict::Adjective;
    }
    let abbreviation = places.iter().any(|p| p.flags & FLAG_ABBREVIATION != 0);
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 2 {
        return Verdict::Drop;
    }
    let all_caps = (i..=j).all(|k| toks[k].is_all_caps() || !toks[k].is_capitalised());
    if all_caps && !abbreviation {
        // Capitals are codes and agency names (AFP, UN), except a dateline city at a line start.
        let line_start = text[..span.start].trim_end_matches([' ', '\t']).ends_with('\n') || span.start == 0;
        let rest = &text[span.end..];
        let dateline_mark = [",", " (", " --", " —", " –", " -", "  "]
            .iter()
            .any(|m| rest.starts_with(m));
        if letters < 4 || !(line_start || dateline_mark) {
            return Verdict::Drop;
        }
    }
    if abbreviation && !all_caps && letters <= 3 {
        // "Us" or "Uk" in running text are not the short forms.
        return Verdict::Drop;
    }
    let sep_before = if i > 0 {
        &text[toks[i - 1].span.end..toks[i].span.start]
    } else {
        ""
    };
    let sep_after = toks
        .get(j + 1)
        .map(|n| &text[toks[j].span.end..n.span.start])
        .unwrap_or("");
    let single = i == j;
    // A currency's country prefix is no mention of the place: "US$40 billion", "HK$3", "A$2".
    if text[span.end..].starts_with('$') {
        return Verdict::Drop;
    }
    // A longer name of another place the gazetteer lacks: "New Miami" is not Miami, "Lake Ontario" not the
    // province, "Roanoke Park" not Roanoke. A sentence's first word may be a plain adjective ("New Iraq
    // strategy" in a headline), so a prefix there does not count.
    if i > 0 && (sep_before == " " || sep_before == ". ") {
        let prev = toks[i - 1];
        if cues.name_prefix.contains(prev.text) && sentence_starts.binary_search(&prev.span.start).is_err() {
            return Verdict::Drop;
        }
    }
    if sep_after == " " && toks.get(j + 1).is_some_and(|n| cues.name_suffix.contains(n.text)) {
        return Verdict::Drop;
    }
    // People: a title or given name just before ("President Putin", "Barack Obama"), or a known surname.
    if single && persons.contains(toks[i].text) {
        return Verdict::Drop;
    }
    if i > 0 && (sep_before == " " || sep_before == ". ") {
        let prev = toks[i - 1].text;
        if cues.titles.contains(prev) || cues.first_names.contains(prev) || is_lower_title(prev, cues) {
            return Verdict::Drop;
        }
    }
    if let Some(next) = toks.get(j + 1) {
        if sep_after == " " && next.is_capitalised() {
            if cues.org_head.contains(next.text) {
                return Verdict::Drop;
            }
            // "Jordan Henderson": a given name that is also a town, glued to a capitalised word.
            if single && !strong && (cues.first_names.contains(toks[i].text) || persons.contains(next.text)) {
                return Verdict::Drop;
            }
        }
        if sep_after == "-" && next.is_capitalised() && single && !strong {
            // First half of a compound name ("Wal-Mart").
            return Verdict::Drop;
        }
    }
    // Organisations elsewhere: "Bank of America", "Gulf of Mexico".
    if i >= 2 && cues.of.contains(toks[i - 1].text) && cues.org_before.contains(toks[i - 2].text) {
        return Verdict::Drop;
    }
    // Common words: a name also written in lower case in this text ("Mobile" and "a mobile home"), or a
    // common English word; a rare spelling of a small town; a given name; a surname after an unknown
    // given name ("Chiquita Henry"); a name followed by "said".
    if single && !strong && drops_single_word(ctx, (i, j), span, size, sep_before, sep_after) {
        return Verdict::Drop;
    }
    Verdict::Place
}

/// The filters of a single word that is no strong place: common words, given names and surnames, ages, the
/// smallest towns without a locative, names followed by "said". True when the match is dropped.
fn drops_single_word(
    ctx: &Context<'_, '_>,
    (i, j): (usize, usize),
    span: Span,
    size: Size,
    sep_before: &str,
    sep_after: &str,
) -> bool {
    let Context {
        toks,
        sentence_starts,
        cues,
        lower_words,
        ..
    } = ctx;
    let Size {
        weak_alternate,
        small_town,
        ..
    } = size;
    if weak_alternate || !size.container_after && has_lower(&cues.common_words, toks[i].text) {
        return true;
    }
    let after_locative = i > 0 && has_lower(&cues.locative, toks[i - 1].text);
    // A given name is a person, unless a locative comes before ("from Norman") or a container after
    // ("Norman, Okla."); a capitalised word glued after ("Norman Smith") was dropped above.
    if cues.first_names.contains(toks[i].text) && !(after_locative || size.container_after) {
        return true;
    }
    if i > 0 && sep_before == " " {
        let prev = toks[i - 1];
        if prev.is_capitalised()
            && !prev.is_all_caps()
            && sentence_starts.binary_search(&prev.span.start).is_err()
            && !has_lower(&cues.common_words, prev.text)
            && !cues.place_head.contains(prev.text)
        {
            return true;
        }
    }
    let next_word = toks.get(j + 1).map(|t| t.text).unwrap_or("");
    // "Sullivan, 19, of ...": a name followed by an age is a person.
    if sep_after == ", " && next_word.len() <= 3 && next_word.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    // The smallest towns (under 15,000) share their names with surnames and words: keep them only with a
    // locative before ("in Millington") or a container after ("Millington, Tenn.").
    if small_town && !after_locative && sep_after != ", " {
        return true;
    }
    if sep_after == " " && !after_locative && cues.person_verbs.contains(next_word) {
        return true;
    }
    let lower = toks[i].text.to_lowercase();
    if lower_words.contains(toks, &lower) {
        return true;
    }
    if sentence_starts.binary_search(&span.start).is_ok() && cues.first_names.contains(toks[i].text) {
        return true;
    }
    false
}
