//! Finding place-name mentions: gazetteer matches on word boundaries, then the filters that keep
//! people, organisations, streets and common words off the map.

use super::cues::Cues;
use super::gazetteer::{Gazetteer, Posting, FLAG_ABBREVIATION, FLAG_ADJECTIVE, FLAG_ALTERNATE, FLAG_RESTRICTED};
use super::name;
use crate::hash::FastSet as HashSet;
use crate::model::{Entity, EntityKind, Feature, Span};
use crate::segment::Segment;

/// Longest name tried, in words.
const MAX_WORDS: usize = 6;
/// Lower-case words allowed inside a multi-word name ("Rio de Janeiro", "Stratford upon Avon").
const CONNECTORS: &[&str] = &[
    "of", "de", "la", "el", "al", "upon", "on", "the", "du", "des", "del", "da", "do", "dos", "das", "y", "le", "les",
    "am", "an", "der", "sur", "en", "ez", "ad", "as", "ash", "ar", "az",
];

pub use crate::doc::Token;

/// The words of `text` (the word tokens of [`crate::doc`]'s tokenizer), for a text outside the document.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    crate::doc::tokenize(text).into_iter().filter(Token::is_word).collect()
}

/// A gazetteer match that survived the filters.
#[derive(Debug, Clone)]
pub struct Mention {
    /// First and last token (inclusive).
    pub tokens: (usize, usize),
    /// Byte span of the name (without a possessive 's).
    pub span: Span,
    /// Gazetteer postings of the name (adjective postings removed).
    pub postings: Vec<Posting>,
    /// Followed by 's.
    pub possessive: bool,
    /// A dateline city in capitals ("BEIRUT (AP) —"): chosen by size, not by the article's context.
    pub dateline: bool,
}

/// What the recogniser found: place mentions and country evidence from nationality adjectives.
#[derive(Debug, Default)]
pub struct Found {
    /// Place mentions in text order.
    pub mentions: Vec<Mention>,
    /// Country entry indices named by adjectives ("Syrian"), with the token where they stand.
    pub adjectives: Vec<(usize, u32)>,
}

fn joinable(sep: &str) -> bool {
    // Inside one name: "New York", "Al-Hasakah", "O'Fallon", "U.S.", "St. Louis" (not " - ", a dash).
    matches!(sep, " " | "-" | "'" | "’" | "." | ". ")
}

/// Spans of the organisation phrases of the cue table ("White House", "Al Qaeda"), found on word
/// boundaries: only tokens that start some phrase are tried.
fn org_spans(text: &str, toks: &[Token<'_>], cues: &Cues) -> Vec<Span> {
    let mut out = Vec::new();
    let mut key = String::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.is_capitalised() || !cues.org_first_words.contains(t.text) {
            continue;
        }
        for j in i..toks.len().min(i + 5) {
            if j > i && !joinable(&text[toks[j - 1].span.end..toks[j].span.start]) {
                break;
            }
            name::normalize_into(&text[t.span.start..toks[j].span.end], &mut key);
            if cues.org_phrases.contains(&key) {
                out.push(Span::new(t.span.start, toks[j].span.end));
            }
        }
    }
    out
}

/// Words known to be parts of person names in this text: after titles and given names, and from entities.
fn person_words<'a>(text: &'a str, toks: &[Token<'a>], entities: &'a [Entity], cues: &Cues) -> HashSet<&'a str> {
    let mut out = HashSet::default();
    for e in entities.iter().filter(|e| e.kind == EntityKind::Person) {
        for t in tokenize(&e.text) {
            if t.is_capitalised() {
                out.insert(&e.text[t.span.start..t.span.end]);
            }
        }
    }
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if !t.is_capitalised() {
            i += 1;
            continue;
        }
        let is_title = cues.titles.contains(t.text);
        let is_first = cues.first_names.contains(t.text);
        if !(is_title || is_first) {
            i += 1;
            continue;
        }
        // Skip further titles ("Secretary of State", "Foreign Minister"), then take the capitalised name words.
        let mut j = i + 1;
        while j < toks.len() {
            let sep = &text[toks[j - 1].span.end..toks[j].span.start];
            if !(joinable(sep) || sep == ". ") {
                break;
            }
            let w = toks[j];
            if cues.titles.contains(w.text) || (w.text == "of" && j + 1 < toks.len() && toks[j + 1].text == "State") {
                j += 1;
                continue;
            }
            if w.text == "State" || w.text == "Foreign" || w.text == "Defense" || w.text == "Defence" {
                j += 1;
                continue;
            }
            if w.is_capitalised() && !w.is_all_caps() {
                out.insert(w.text);
                j += 1;
                continue;
            }
            if matches!(w.text, "al" | "el" | "bin" | "ibn" | "van" | "von" | "de" | "da") {
                j += 1;
                continue;
            }
            break;
        }
        // A title with no name after it ("the President said") marks nothing.
        i = j.max(i + 1);
    }
    out
}

/// Finds the place mentions of `text`.
pub fn recognise(
    text: &str,
    toks: &[Token<'_>],
    segments: &[Segment],
    entities: &[Entity],
    gazetteer: &Gazetteer,
    cues: &Cues,
) -> Found {
    let mut found = Found::default();
    let persons = person_words(text, toks, entities, cues);
    let orgs = org_spans(text, toks, cues);
    let blocked = Blocked::new(
        entities
            .iter()
            .filter(|e| {
                matches!(
                    e.kind,
                    EntityKind::Person | EntityKind::Org | EntityKind::Group | EntityKind::Demonym
                )
            })
            .map(|e| e.span)
            .chain(orgs),
    );
    let ctx = Context {
        text,
        toks,
        persons,
        blocked,
        sentence_starts: {
            let mut starts: Vec<usize> = segments.iter().map(|s| s.span.start).collect();
            starts.sort_unstable();
            starts
        },
        cues,
        lower_words: LowerWords::default(),
    };

    let mut key = String::new();
    let mut lower = String::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        let al_prefix = matches!(t.text, "al" | "el" | "as" | "ad" | "ar" | "an")
            && toks.get(i + 1).is_some_and(|n| n.is_capitalised())
            && text.get(t.span.end..t.span.end + 1) == Some("-");
        if !(t.is_capitalised() || al_prefix) {
            i += 1;
            continue;
        }
        // A lone common word ("The", "But") cannot be a place: skip the lookups when no capitalised word
        // follows it (one may be a container: "Mobile, Alabama"). Capitals ("US") are left to the gazetteer.
        let lone = toks.get(i + 1).is_none_or(|n| !n.is_capitalised());
        if lone && !t.is_all_caps() && t.text.len() < 16 {
            lower.clear();
            lower.extend(t.text.chars().flat_map(char::to_lowercase));
            if cues.common_words.contains(lower.as_str()) {
                i += 1;
                continue;
            }
        }
        let mut best: Option<(usize, Vec<Posting>)> = None;
        for j in i..toks.len().min(i + MAX_WORDS) {
            if j > i {
                let sep = &text[toks[j - 1].span.end..toks[j].span.start];
                if !joinable(sep) {
                    break;
                }
                if !toks[j].is_capitalised() && !CONNECTORS.contains(&toks[j].text) && toks[j].text != "s" {
                    break;
                }
            }
            name::normalize_into(&text[t.span.start..toks[j].span.end], &mut key);
            let (prefix, postings) = gazetteer.probe(&key);
            if !prefix {
                break;
            }
            if !postings.is_empty() && (toks[j].is_capitalised() || toks[j].text.chars().all(|c| c.is_ascii_digit())) {
                best = Some((j, postings));
            }
        }
        let Some((j, postings)) = best else {
            i += 1;
            continue;
        };
        let mut span = Span::new(t.span.start, toks[j].span.end);
        // "U.S." keeps its last full stop when the name is dotted inside.
        if span.slice(text).contains('.') && text.as_bytes().get(span.end) == Some(&b'.') {
            span.end += 1;
        }
        let next_i = j + 1;
        let postings = keep_restricted(text, toks, (i, j), postings);
        if postings.is_empty() {
            i += 1;
            continue;
        }
        let strong = is_strong(gazetteer, &postings);
        let size = Size {
            strong,
            small_town: postings.iter().all(|p| gazetteer.population_of(p.entry) < 15_000.0),
            weak_alternate: !strong
                && postings
                    .iter()
                    .all(|p| p.flags & (FLAG_ALTERNATE | FLAG_ADJECTIVE) != 0)
                && postings.iter().all(|p| gazetteer.population_of(p.entry) < 1e5),
            container_after: toks.get(j + 1).is_some_and(|n| {
                n.is_capitalised() && &text[toks[j].span.end..n.span.start] == ", " && {
                    name::normalize_into(n.text, &mut key);
                    gazetteer.probe(&key).0
                }
            }),
        };
        match judge(&ctx, (i, j), &postings, size) {
            Verdict::Adjective => {
                if let Some(p) = postings.iter().find(|p| p.flags & FLAG_ADJECTIVE != 0) {
                    found.adjectives.push((i, p.entry));
                }
            }
            Verdict::Place => {
                let possessive = toks.get(j + 1).is_some_and(|n| {
                    n.text == "s" && matches!(text.get(toks[j].span.end..n.span.start), Some("'") | Some("’"))
                });
                let dateline = (i..=j).all(|k| toks[k].is_all_caps()) && !strong_short_form(&postings);
                found.mentions.push(Mention {
                    tokens: (i, j),
                    span,
                    postings: postings.into_iter().filter(|p| p.flags & FLAG_ADJECTIVE == 0).collect(),
                    possessive,
                    dateline,
                });
            }
            Verdict::Drop => {}
        }
        i = next_i;
    }
    division_lists(text, toks, gazetteer, cues, &mut found.mentions);
    found
}

/// Most names read back from one plural division word.
const MAX_LIST_NAMES: usize = 12;

/// "Harvey, Harper and Kingman counties": each name of a list before a plural division word is that
/// division (Harvey County...), whether or not the name alone was taken for a town; names the
/// gazetteer holds only with the division word ("Sarpy County") become mentions here. The work is
/// bounded per division word, so the pass stays linear.
fn division_lists(text: &str, toks: &[Token<'_>], gazetteer: &Gazetteer, cues: &Cues, mentions: &mut Vec<Mention>) {
    let mut key = String::new();
    let mut added = Vec::new();
    for (k, t) in toks.iter().enumerate().skip(1) {
        let Some(&(_, singular)) = cues
            .plural_division
            .iter()
            .find(|(w, _)| t.text.eq_ignore_ascii_case(w))
        else {
            continue;
        };
        let mut end = k - 1;
        if &text[toks[end].span.end..t.span.start] != " " {
            continue;
        }
        let first_new = added.len();
        for _ in 0..MAX_LIST_NAMES {
            // The name ends at `end`: the longest run of capitalised words before it the gazetteer holds
            // with the division word.
            let mut start = end;
            while start > 0
                && end - start + 1 < MAX_WORDS
                && toks[start - 1].cap
                && joinable(&text[toks[start - 1].span.end..toks[start].span.start])
            {
                start -= 1;
            }
            if !toks[end].cap {
                break;
            }
            let mut name = None;
            for s in start..=end {
                name::normalize_into(&text[toks[s].span.start..toks[end].span.end], &mut key);
                key.push(' ');
                key.push_str(singular);
                let postings = gazetteer.lookup(&key);
                if !postings.is_empty() {
                    name = Some((s, postings));
                    break;
                }
            }
            let Some((s, postings)) = name else { break };
            added.push(Mention {
                tokens: (s, end),
                span: Span::new(toks[s].span.start, toks[end].span.end),
                postings,
                possessive: false,
                dateline: false,
            });
            // The separator before the name: ", ", " & ", " and ", ", and ".
            if s < 2 {
                break;
            }
            let sep = &text[toks[s - 1].span.end..toks[s].span.start];
            let before = &toks[s - 1];
            end = if sep == ", " || sep == " & " {
                s - 1
            } else if before.text == "and" && sep == " " {
                let sep2 = &text[toks[s - 2].span.end..before.span.start];
                if sep2 != " " && sep2 != ", " {
                    break;
                }
                s - 2
            } else {
                break;
            };
        }
        // "Indiana counties" are the counties of the state, not Indiana County: a lone state or country
        // name before the word is left as it is.
        if added.len() == first_new + 1 {
            let lone = &added[first_new];
            name::normalize_into(lone.span.slice(text), &mut key);
            let state = gazetteer.lookup(&key).iter().any(|p| match gazetteer.feature(p.entry) {
                Feature::Country => true,
                Feature::Admin => gazetteer.admin_of(p.entry).is_none(),
                _ => false,
            });
            if state {
                added.pop();
            }
        }
    }
    if added.is_empty() {
        return;
    }
    // The list readings replace any mention they overlap (a binary search in the sorted, disjoint list).
    added.sort_by_key(|m: &Mention| m.span.start);
    added.dedup_by_key(|m| m.span.start);
    mentions.retain(|m| {
        let after = added.partition_point(|a| a.span.start < m.span.end);
        after == 0 || !added[after - 1].span.overlaps(&m.span)
    });
    mentions.extend(added);
    mentions.sort_by_key(|m| m.span.start);
    mentions.dedup_by_key(|m| m.span.start);
}

enum Verdict {
    Place,
    Adjective,
    Drop,
}

/// What the filters know about the whole text.
struct Context<'t, 'c> {
    text: &'t str,
    toks: &'c [Token<'t>],
    /// Words known to be parts of person names.
    persons: HashSet<&'t str>,
    /// Spans of entities and organisation phrases no place may overlap.
    blocked: Blocked,
    /// Where sentences start (bytes), sorted.
    sentence_starts: Vec<usize>,
    cues: &'c Cues,
    /// Is a word also written in lower case somewhere in the text?
    lower_words: LowerWords<'t>,
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
        super::work::add(1);
        // The spans starting before `span` ends overlap it when one of them reaches past its start.
        let before = self.starts.partition_point(|&s| s < span.end);
        before > 0 && self.max_end[before - 1] > span.start && span.start < span.end
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
            super::work::add(toks.len() as u64);
            return toks.iter().any(|t| t.text.len() == lower.len() && t.text == lower);
        }
        let set = self.set.get_or_init(|| {
            super::work::add(toks.len() as u64);
            toks.iter().filter(|t| !t.cap).map(|t| t.text).collect()
        });
        super::work::add(1);
        set.contains(lower)
    }
}

/// What the gazetteer says about the size of a match's readings.
#[derive(Clone, Copy)]
struct Size {
    /// Some reading is a country, continent, region, short form or city of a million.
    strong: bool,
    /// Every reading is a rare spelling of a town under 100,000.
    weak_alternate: bool,
    /// Every reading is a town under 15,000.
    small_town: bool,
    /// A comma and another gazetteer name follow ("Mobile, Alabama").
    container_after: bool,
}

/// Keeps or drops the match of tokens `i..=j`.
fn judge(ctx: &Context<'_, '_>, (i, j): (usize, usize), postings: &[Posting], size: Size) -> Verdict {
    let Context {
        text,
        toks,
        persons,
        blocked,
        sentence_starts,
        cues,
        lower_words,
    } = ctx;
    let Size {
        strong,
        weak_alternate,
        small_town,
        ..
    } = size;
    let span = Span::new(toks[i].span.start, toks[j].span.end);
    let surface = span.slice(text);
    // "Mobile, Alabama" and "Nice, France" are places even though the words alone are not.
    if blocked.overlaps(span) || cues.stopwords.contains(surface) && !size.container_after {
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
    if i >= 2 && toks[i - 1].text == "of" && cues.org_before.contains(toks[i - 2].text) {
        return Verdict::Drop;
    }
    // Common words: a name also written in lower case in this text ("Mobile" and "a mobile home"), or a
    // common English word; a rare spelling of a small town; a given name; a surname after an unknown
    // given name ("Chiquita Henry"); a name followed by "said".
    if single && !strong {
        if weak_alternate || !size.container_after && cues.common_words.contains(toks[i].text.to_lowercase().as_str()) {
            return Verdict::Drop;
        }
        let after_locative = i > 0 && cues.locative.contains(toks[i - 1].text.to_lowercase().as_str());
        // A given name is a person, unless a locative comes before ("from Norman") or a container after
        // ("Norman, Okla."); a capitalised word glued after ("Norman Smith") was dropped above.
        if cues.first_names.contains(toks[i].text) && !(after_locative || size.container_after) {
            return Verdict::Drop;
        }
        if i > 0 && sep_before == " " {
            let prev = toks[i - 1];
            let prev_lower = prev.text.to_lowercase();
            if prev.is_capitalised()
                && !prev.is_all_caps()
                && sentence_starts.binary_search(&prev.span.start).is_err()
                && !cues.common_words.contains(prev_lower.as_str())
                && !cues.place_head.contains(prev.text)
            {
                return Verdict::Drop;
            }
        }
        let next_word = toks.get(j + 1).map(|t| t.text).unwrap_or("");
        // "Sullivan, 19, of ...": a name followed by an age is a person.
        if sep_after == ", " && next_word.len() <= 3 && next_word.bytes().all(|b| b.is_ascii_digit()) {
            return Verdict::Drop;
        }
        // The smallest towns (under 15,000) share their names with surnames and words: keep them only with a
        // locative before ("in Millington") or a container after ("Millington, Tenn.").
        if small_town && !after_locative && sep_after != ", " {
            return Verdict::Drop;
        }
        if sep_after == " " && !after_locative && matches!(next_word, "said" | "says" | "told" | "added" | "asked") {
            return Verdict::Drop;
        }
        let lower = toks[i].text.to_lowercase();
        if lower_words.contains(toks, &lower) {
            return Verdict::Drop;
        }
        if sentence_starts.binary_search(&span.start).is_ok() && cues.first_names.contains(toks[i].text) {
            return Verdict::Drop;
        }
    }
    Verdict::Place
}

/// "coach Ripley", "spokesman Smith": a title written in lower case before a name.
fn is_lower_title(word: &str, cues: &Cues) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() && word.len() < 16 => {
            let mut title: String = first.to_uppercase().collect();
            title.push_str(chars.as_str());
            cues.titles.contains(title.as_str())
        }
        _ => false,
    }
}

/// True when some reading is a short form written in capitals (US, UK, TX), not a dateline word.
fn strong_short_form(postings: &[Posting]) -> bool {
    postings.iter().any(|p| p.flags & FLAG_ABBREVIATION != 0)
}

/// Drops postal-code and dotted-abbreviation readings unless written that way: a capital code after a
/// comma ("Paris, TX"), a dotted form with its final full stop ("Ind.").
fn keep_restricted(text: &str, toks: &[Token<'_>], (i, j): (usize, usize), postings: Vec<Posting>) -> Vec<Posting> {
    if postings.iter().all(|p| p.flags & FLAG_RESTRICTED == 0) {
        return postings;
    }
    let after_comma = i > 0 && text[toks[i - 1].span.end..toks[i].span.start].trim() == ",";
    let postal = i == j && toks[i].text.len() == 2 && toks[i].is_all_caps() && after_comma;
    let dotted = text.as_bytes().get(toks[j].span.end) == Some(&b'.');
    postings
        .into_iter()
        .filter(|p| p.flags & FLAG_RESTRICTED == 0 || postal || dotted)
        .collect()
}

/// True when some reading is a country, continent, region or a city of a million: such names are
/// not confused with common words or surnames.
fn is_strong(gazetteer: &Gazetteer, postings: &[Posting]) -> bool {
    postings.iter().any(|p| {
        p.flags & FLAG_ABBREVIATION != 0
            || matches!(
                gazetteer.feature(p.entry),
                Feature::Country | Feature::Continent | Feature::Region
            )
            || gazetteer.population_of(p.entry) >= 1e6
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_words() {
        let t = tokenize("Syria's al-Hasakah, U.S.");
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(words, ["Syria", "s", "al", "Hasakah", "U", "S"]);
        assert_eq!(t[3].span, Span::new(11, 18));
        assert!(tokenize("").is_empty());
    }
}
