//! The article's highlights: one mark per mention, without overlaps, and the blocks the Article view
//! draws the text in (only the blocks near the visible part carry their highlights).

use super::state::Selection;
use crate::model::{Analysis, EntityKind, PlaceKind, Span};
use std::collections::HashSet;

/// Where a mention comes from: its list in the analysis and its index there. Labels and ids are
/// read from it only for the mentions drawn, so a long text costs no string per mention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Src {
    /// A time expression.
    Timex(usize),
    /// A place mention.
    Place(usize),
    /// An entity mention.
    Entity(usize),
    /// An event, for one of its mentions or its trigger.
    Event(usize),
}

/// One highlighted mention.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Mark {
    /// Where it is in the text.
    pub span: Span,
    /// Its CSS class, by kind (`hl-date`, `hl-place`, ...).
    pub class: &'static str,
    /// What it marks.
    pub src: Src,
}

impl Mark {
    /// The id of what the mention selects.
    pub fn id<'a>(&self, analysis: &'a Analysis) -> &'a str {
        match self.src {
            Src::Timex(i) => &analysis.timexes[i].id,
            Src::Place(i) => &analysis.places[i].id,
            Src::Entity(i) => &analysis.entities[i].id,
            Src::Event(i) => &analysis.events[i].id,
        }
    }

    /// What clicking the mention selects.
    pub fn select(&self, analysis: &Analysis) -> Selection {
        let id = self.id(analysis).to_string();
        match self.src {
            Src::Timex(_) => Selection::Timex(id),
            Src::Place(_) => Selection::Place(id),
            Src::Entity(_) => Selection::Entity(id),
            Src::Event(_) => Selection::Event(id),
        }
    }

    /// The tooltip and accessible description.
    pub fn label(&self, analysis: &Analysis) -> String {
        match self.src {
            Src::Timex(i) => {
                let t = &analysis.timexes[i];
                format!(
                    "{} {}{}",
                    t.value,
                    format!("{:?}", t.kind).to_uppercase(),
                    anchor_note(t.anchor.as_deref())
                )
            }
            Src::Place(i) => {
                let p = &analysis.places[i];
                format!(
                    "{} ({}{}), {:.2}, {:.2} — {:?}",
                    p.name,
                    p.country.as_deref().unwrap_or("—"),
                    p.admin1.as_deref().map(|a| format!(", {a}")).unwrap_or_default(),
                    p.lat,
                    p.lon,
                    p.kind
                )
            }
            Src::Entity(i) => {
                let e = &analysis.entities[i];
                match &e.role {
                    Some(role) => format!("{} — {role}", e.canonical),
                    None => e.canonical.clone(),
                }
            }
            Src::Event(i) => {
                let ev = &analysis.events[i];
                format!(
                    "{} ({}) — {}",
                    crate::export::kind_label(&ev.kind),
                    crate::export::family_label(&ev.family),
                    ev.date.value
                )
            }
        }
    }
}

/// Every highlight of the analysis, in text order, without overlaps (earlier and longer win).
pub fn marks(analysis: &Analysis) -> Vec<Mark> {
    let mut all = Vec::new();
    for (i, t) in analysis.timexes.iter().enumerate() {
        all.push(Mark {
            span: t.span,
            class: "hl-date",
            src: Src::Timex(i),
        });
    }
    for (i, p) in analysis.places.iter().enumerate() {
        let class = match p.kind {
            PlaceKind::Literal => "hl-place",
            PlaceKind::Metonym => "hl-metonym",
            PlaceKind::Demonym => "hl-demonym",
        };
        all.push(Mark {
            span: p.span,
            class,
            src: Src::Place(i),
        });
    }
    for (i, e) in analysis.entities.iter().enumerate() {
        let class = match e.kind {
            EntityKind::Person => "hl-person",
            EntityKind::Org | EntityKind::Group => "hl-org",
            EntityKind::Number => "hl-number",
            EntityKind::Demonym => continue,
        };
        all.push(Mark {
            span: e.span,
            class,
            src: Src::Entity(i),
        });
    }
    for (i, ev) in analysis.events.iter().enumerate() {
        for m in &ev.mentions {
            all.push(Mark {
                span: m.span,
                class: "hl-event",
                src: Src::Event(i),
            });
        }
        if ev.mentions.is_empty() {
            all.push(Mark {
                span: ev.trigger.span,
                class: "hl-event",
                src: Src::Event(i),
            });
        }
    }
    all.sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let mut out: Vec<Mark> = Vec::with_capacity(all.len());
    for m in all {
        if out.last().is_none_or(|last| last.span.end <= m.span.start) && !m.span.is_empty() {
            out.push(m);
        }
    }
    out
}

/// Bytes of text per block: the article is drawn block by block, and only the blocks near the
/// visible part carry their highlights (a 1 MB article has about 500 blocks and 100,000 mentions).
pub const BLOCK_BYTES: usize = 2048;

/// A run of the text drawn as one element: `[start, end)` bytes, and its marks `marks[first..last]`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Block {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of its first mark.
    pub first: usize,
    /// One past the index of its last mark.
    pub last: usize,
}

/// Cuts `text` into blocks of about `BLOCK_BYTES`: after a line break when there is one soon
/// enough, else after a space, and never inside a mark.
pub fn blocks(text: &str, marks: &[Mark]) -> Vec<Block> {
    let mut out = Vec::new();
    let (mut start, mut m) = (0, 0);
    while start < text.len() {
        let want = start + BLOCK_BYTES;
        let mut cut = if want >= text.len() {
            text.len()
        } else {
            let after = |c: u8, limit: usize| {
                text.as_bytes()[want..limit.min(text.len())]
                    .iter()
                    .position(|&b| b == c)
                    .map(|i| want + i + 1)
            };
            after(b'\n', want + BLOCK_BYTES)
                .or_else(|| after(b' ', want + BLOCK_BYTES))
                .unwrap_or_else(|| {
                    let mut c = want;
                    while !text.is_char_boundary(c) {
                        c += 1;
                    }
                    c
                })
        };
        // Marks before the cut belong to this block; one straddling it moves the cut to its end.
        let first = m;
        while m < marks.len() && marks[m].span.start < cut {
            cut = cut.max(marks[m].span.end.min(text.len()));
            m += 1;
        }
        while !text.is_char_boundary(cut) {
            cut += 1;
        }
        out.push(Block {
            start,
            end: cut,
            first,
            last: m,
        });
        start = cut;
    }
    out
}

/// The ids that light up for `selection`: the item itself; for an event its places, participants and date; for a
/// place or a person every mention of it and every event it takes part in ([`linked`]).
pub fn selected_ids(analysis: &Analysis, selection: Option<&Selection>) -> HashSet<String> {
    let mut ids = HashSet::new();
    let Some(selection) = selection else { return ids };
    ids.insert(selection.id().to_string());
    match selection {
        Selection::Event(id) => {
            for e in analysis.events.iter().filter(|e| &e.id == id) {
                ids.extend(e.places.iter().cloned());
                ids.extend(e.participants.iter().cloned());
                ids.extend(e.date.timex.iter().cloned());
            }
        }
        Selection::Place(_) | Selection::Entity(_) => {
            let Linked { mentions, events } = linked(analysis, selection);
            ids.extend(mentions);
            ids.extend(events);
        }
        Selection::Timex(_) => {}
    }
    ids
}

/// What a selected place or person links to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Linked {
    /// Every mention of the same place (same gazetteer entry) or the same person or organisation (same name).
    pub mentions: HashSet<String>,
    /// The events any of those mentions takes part in (as a place or a participant).
    pub events: HashSet<String>,
}

/// The mentions and events linked to a selected place or entity; empty for an event or a date. Linear in the
/// analysis's places, entities and events' references.
pub fn linked(analysis: &Analysis, selection: &Selection) -> Linked {
    let mut mentions = HashSet::new();
    match selection {
        Selection::Place(id) => {
            if let Some(p) = analysis.places.iter().find(|p| &p.id == id) {
                let same = |q: &crate::model::Place| match (p.geonames_id, q.geonames_id) {
                    (Some(a), Some(b)) => a == b,
                    _ => q.name == p.name && q.country == p.country,
                };
                mentions.extend(analysis.places.iter().filter(|q| same(q)).map(|q| q.id.clone()));
            }
        }
        Selection::Entity(id) => {
            if let Some(e) = analysis.entities.iter().find(|e| &e.id == id) {
                mentions.extend(
                    analysis
                        .entities
                        .iter()
                        .filter(|f| f.kind == e.kind && f.canonical == e.canonical)
                        .map(|f| f.id.clone()),
                );
            }
        }
        Selection::Event(_) | Selection::Timex(_) => return Linked::default(),
    }
    let events = analysis
        .events
        .iter()
        .filter(|ev| ev.places.iter().chain(&ev.participants).any(|r| mentions.contains(r)))
        .map(|ev| ev.id.clone())
        .collect();
    Linked { mentions, events }
}

/// How a date was anchored, for its label.
fn anchor_note(anchor: Option<&str>) -> String {
    match anchor {
        Some("dct") => ", from the document date".to_string(),
        Some(id) => format!(", from {id}"),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text longer than a few blocks, with non-ASCII letters and mentions all along it.
    fn article() -> (String, Analysis) {
        let paragraph = "On Monday, 4 March 2024, floods hit Faenza and Cesena, killing six people, officials said. \
                         Mayor Élodie Marchetti said schools in Forlì would reopen on Thursday.\n\n";
        let text = paragraph.repeat(60);
        let analysis = crate::analyze(
            &text,
            &crate::Options {
                gazetteer: crate::Gazetteers::Off,
                ..crate::Options::default()
            },
        );
        (text, analysis)
    }

    #[test]
    fn marks_are_in_text_order_without_overlaps() {
        let (text, analysis) = article();
        let all = marks(&analysis);
        assert!(all.len() >= 60 * 4, "{} marks", all.len());
        for pair in all.windows(2) {
            assert!(
                pair[0].span.end <= pair[1].span.start,
                "{:?} overlaps {:?}",
                pair[0],
                pair[1]
            );
        }
        assert!(all.iter().all(|m| !m.span.is_empty() && m.span.end <= text.len()));
        // Every kind of mention is drawn, and each selects what it marks.
        for class in ["hl-date", "hl-event"] {
            assert!(all.iter().any(|m| m.class == class), "no {class}");
        }
        let date = all.iter().find(|m| m.class == "hl-date").expect("a date");
        assert!(matches!(date.select(&analysis), Selection::Timex(id) if id == date.id(&analysis)));
        assert!(
            date.label(&analysis).starts_with("2024-03-04 DATE"),
            "{}",
            date.label(&analysis)
        );
    }

    #[test]
    fn blocks_cover_the_text_and_never_cut_a_mark() {
        let (text, analysis) = article();
        let all = marks(&analysis);
        let cut = blocks(&text, &all);
        assert!(cut.len() > 3, "{} blocks", cut.len());
        assert_eq!((cut[0].start, cut[0].first), (0, 0));
        assert_eq!(
            (cut[cut.len() - 1].end, cut[cut.len() - 1].last),
            (text.len(), all.len())
        );
        for pair in cut.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert_eq!(pair[0].last, pair[1].first);
        }
        for block in &cut {
            assert!(text.is_char_boundary(block.start) && text.is_char_boundary(block.end));
            assert!(block.end - block.start < 2 * BLOCK_BYTES + 200, "{block:?}");
            for mark in &all[block.first..block.last] {
                assert!(
                    block.start <= mark.span.start && mark.span.end <= block.end,
                    "{mark:?} in {block:?}"
                );
            }
        }
        // Paragraph breaks are preferred: every block but the last ends after a line break.
        for block in &cut[..cut.len() - 1] {
            assert!(text[..block.end].ends_with('\n'), "{block:?}");
        }
    }

    #[test]
    fn a_text_without_line_breaks_is_cut_after_spaces() {
        let text = "word ".repeat(BLOCK_BYTES);
        let cut = blocks(&text, &[]);
        assert!(cut.len() > 1);
        assert!(cut[..cut.len() - 1].iter().all(|b| text[..b.end].ends_with(' ')));
        assert!(blocks("", &[]).is_empty());
    }

    #[test]
    fn an_event_lights_up_its_places_participants_and_date() {
        let (_, analysis) = article();
        let event = analysis
            .events
            .iter()
            .find(|e| !e.places.is_empty() || !e.participants.is_empty() || e.date.timex.is_some())
            .expect("an event with arguments");
        let ids = selected_ids(&analysis, Some(&Selection::Event(event.id.clone())));
        assert!(ids.contains(&event.id));
        assert!(event
            .places
            .iter()
            .chain(&event.participants)
            .all(|id| ids.contains(id)));
        assert!(event.date.timex.iter().all(|id| ids.contains(id)));
        let place = Selection::Place("p1".into());
        assert_eq!(selected_ids(&analysis, Some(&place)), HashSet::from(["p1".to_string()]));
        assert!(selected_ids(&analysis, None).is_empty());
    }
}
