//! The "Article" region: the text with its mentions highlighted by kind.

use crate::app::state::{Action, AnalysisRef, AppContext, Selection};
use crate::model::{Analysis, EntityKind, PlaceKind, Span};
use std::collections::HashSet;
use yew::prelude::*;

/// Where a mention comes from: its list in the analysis and its index there. Labels and ids are
/// read from it only for the mentions drawn, so a long text costs no string per mention.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Src {
    Timex(usize),
    Place(usize),
    Entity(usize),
    /// An event and its mention (`None`: the trigger of an event without mentions).
    Event(usize),
}

/// One highlighted mention.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Mark {
    span: Span,
    class: &'static str,
    src: Src,
}

impl Mark {
    /// The id of what the mention selects.
    fn id<'a>(&self, analysis: &'a Analysis) -> &'a str {
        match self.src {
            Src::Timex(i) => &analysis.timexes[i].id,
            Src::Place(i) => &analysis.places[i].id,
            Src::Entity(i) => &analysis.entities[i].id,
            Src::Event(i) => &analysis.events[i].id,
        }
    }

    /// What clicking the mention selects.
    fn select(&self, analysis: &Analysis) -> Selection {
        let id = self.id(analysis).to_string();
        match self.src {
            Src::Timex(_) => Selection::Timex(id),
            Src::Place(_) => Selection::Place(id),
            Src::Entity(_) => Selection::Entity(id),
            Src::Event(_) => Selection::Event(id),
        }
    }

    /// The tooltip and accessible description.
    fn label(&self, analysis: &Analysis) -> String {
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
                format!("{} ({}) — {}", ev.kind, ev.family, ev.date.value)
            }
        }
    }
}

/// Every highlight of the analysis, in text order, without overlaps (earlier and longer win).
fn marks(analysis: &Analysis) -> Vec<Mark> {
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
const BLOCK_BYTES: usize = 2048;

/// Above this many blocks the browser may skip laying out offscreen blocks (CSS `content-visibility` on
/// `.windowed`). A short article is always laid out whole: skipped blocks are missing from full-page
/// screenshots and from anything else that paints the page without scrolling it.
const WINDOWED_FROM_BLOCKS: usize = 8;

/// Blocks drawn with highlights on either side of the visible ones.
const MARGIN_BLOCKS: usize = 2;

/// A run of the text drawn as one element: `[start, end)` bytes, and its marks `marks[first..last]`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Block {
    start: usize,
    end: usize,
    first: usize,
    last: usize,
}

/// Cuts `text` into blocks of about [`BLOCK_BYTES`]: after a line break when there is one soon
/// enough, else after a space, and never inside a mark.
fn blocks(text: &str, marks: &[Mark]) -> Vec<Block> {
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

/// The ids that light up for `selection`: the item itself, and for an event its places, participants and date.
fn selected_ids(analysis: &Analysis, selection: Option<&Selection>) -> HashSet<String> {
    let mut ids = HashSet::new();
    let Some(selection) = selection else { return ids };
    ids.insert(selection.id().to_string());
    if let Selection::Event(id) = selection {
        for e in analysis.events.iter().filter(|e| &e.id == id) {
            ids.extend(e.places.iter().cloned());
            ids.extend(e.participants.iter().cloned());
            ids.extend(e.date.timex.iter().cloned());
        }
    }
    ids
}

fn anchor_note(anchor: Option<&str>) -> String {
    match anchor {
        Some("dct") => ", from the document date".to_string(),
        Some(id) => format!(", from {id}"),
        None => String::new(),
    }
}

/// The article region.
#[component]
pub fn ArticleView() -> Html {
    let _timed = crate::app::Timed::start("render ArticleView");
    let state = use_context::<AppContext>().expect("app context");
    let scroller = use_node_ref();
    // Blocks drawn with their highlights: the visible ones and a margin, as the article scrolls.
    let window = use_state(|| (0_usize, 2 * MARGIN_BLOCKS + 1));
    let analysis = state.analysis.clone().map(AnalysisRef);
    let all_marks = use_memo(analysis.clone(), |a| {
        a.as_ref().map(|a| marks(&a.0)).unwrap_or_default()
    });
    let all_blocks = {
        let (text, all_marks) = (state.text.clone(), all_marks.clone());
        use_memo((analysis.clone(), state.text.len()), move |_| blocks(&text, &all_marks))
    };
    // The selection lit up, and the blocks that hold it (drawn wherever they are, so they can be scrolled to).
    let lit = {
        let all_marks = all_marks.clone();
        use_memo((analysis.clone(), state.selection.clone()), move |(a, selection)| {
            let Some(a) = a else {
                return (HashSet::new(), Vec::new());
            };
            let ids = selected_ids(&a.0, selection.as_ref());
            let mut with: Vec<usize> = Vec::new();
            if !ids.is_empty() {
                for (n, mark) in all_marks.iter().enumerate() {
                    if ids.contains(mark.id(&a.0)) {
                        with.push(n);
                    }
                }
            }
            (ids, with)
        })
    };
    let pinned: HashSet<usize> = lit
        .1
        .iter()
        .map(|&n| all_blocks.partition_point(|b| b.last <= n))
        .collect();
    use_effect_with(state.selection.clone(), |selection| {
        if selection.is_some() {
            scroll_selected_into_view();
        }
    });
    let onscroll = {
        let (scroller, window) = (scroller.clone(), window.clone());
        Callback::from(move |_: Event| {
            if let Some(range) = visible_blocks(&scroller) {
                if range != *window {
                    window.set(range);
                }
            }
        })
    };
    let body = match &state.analysis {
        Some(analysis) if !state.text.is_empty() => {
            let text = state.text.as_str();
            let (from, to) = *window;
            let draw = |n: usize, block: &Block| -> Html {
                let full = (from..to).contains(&n) || pinned.contains(&n);
                // Offscreen blocks keep their text (find-in-page, the scroll height) and the browser skips their
                // layout until they come near the view (`content-visibility`; their height is estimated till then).
                if !full {
                    let plain = text.get(block.start..block.end).unwrap_or("").to_string();
                    return html! { <div class="block" key={n}>{plain}</div> };
                }
                let mut nodes = Vec::new();
                let mut at = block.start;
                for mark in &all_marks[block.first..block.last] {
                    // The analysis may be one keystroke behind the text: never slice past it.
                    let (Some(before), Some(inner)) =
                        (text.get(at..mark.span.start), text.get(mark.span.start..mark.span.end))
                    else {
                        break;
                    };
                    nodes.push(html! { {before} });
                    let selected = lit.0.contains(mark.id(analysis));
                    let select = {
                        let state = state.clone();
                        let select = mark.select(analysis);
                        Callback::from(move |_: ()| state.dispatch(Action::Select(Some(select.clone()))))
                    };
                    let label = mark.label(analysis);
                    // Enter or Space on a focused mention opens it in the inspector, as a click does.
                    let onkeydown = super::gestures::on_activate(select.clone());
                    nodes.push(html! {
                        <mark class={classes!("hl", mark.class, selected.then_some("selected"))} tabindex="0"
                            title={label.clone()} aria-label={format!("{inner}: {label}")}
                            onclick={select.reform(|_| ())} {onkeydown}>{inner}</mark>
                    });
                    at = mark.span.end;
                }
                nodes.push(html! { {text.get(at..block.end).unwrap_or("")} });
                html! { <div class="block full" key={n}>{for nodes}</div> }
            };
            let last_end = all_blocks.last().map_or(0, |b| b.end);
            html! {
                <div class={classes!("article-text", (all_blocks.len() > WINDOWED_FROM_BLOCKS).then_some("windowed"))}
                    dir="auto" ref={scroller} {onscroll}>
                    {for all_blocks.iter().enumerate().map(|(n, b)| draw(n, b))}
                    // Text typed past the analysed part, until the next answer.
                    {text.get(last_end..).unwrap_or("")}
                </div>
            }
        }
        _ => html! { <p class="empty">{"Paste an article or try the sample to see its dates, places and events."}</p> },
    };
    html! {
        <section class="panel article" aria-labelledby="h-article">
            <h2 id="h-article">{"Article"}</h2>
            <super::inspector::Inspector />
            {body}
        </section>
    }
}

/// The blocks in view in the scroller, with [`MARGIN_BLOCKS`] on each side, as `[from, to)`.
fn visible_blocks(scroller: &NodeRef) -> Option<(usize, usize)> {
    let el = scroller.cast::<web_sys::HtmlElement>()?;
    let (top, bottom) = (el.scroll_top() as f64, (el.scroll_top() + el.client_height()) as f64);
    let children = el.children();
    let count = children.length() as usize;
    let offset = |i: usize| -> f64 {
        children
            .item(i as u32)
            .and_then(|c| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(c).ok())
            .map_or(0.0, |c| f64::from(c.offset_top()))
    };
    // The blocks are stacked in order, so the first one in view is found by bisection.
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if offset(mid) <= top {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    let first = lo.saturating_sub(1);
    let mut last = first;
    while last < count && offset(last) < bottom {
        last += 1;
    }
    Some((first.saturating_sub(MARGIN_BLOCKS), (last + MARGIN_BLOCKS).min(count)))
}

/// Brings the first highlighted mention, timeline item and event card into view.
fn scroll_selected_into_view() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    for (selector, behavior) in [
        // At once in the article: a smooth scroll across a long text passes blocks whose height is
        // still an estimate; the correction below would fight it.
        (".article-text mark.selected", web_sys::ScrollBehavior::Instant),
        (".event-card.selected", web_sys::ScrollBehavior::Smooth),
    ] {
        if let Ok(Some(el)) = document.query_selector(selector) {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Nearest);
            options.set_behavior(behavior);
            el.scroll_into_view_with_scroll_into_view_options(&options);
        }
    }
    gloo::timers::callback::Timeout::new(50, || scroll_mark_into_view(SCROLL_TRIES)).forget();
}

/// How many times the article checks that the selected mention is in view after a selection.
const SCROLL_TRIES: u32 = 8;

/// Milliseconds between those checks.
const SCROLL_RECHECK_MS: u32 = 100;

/// Scrolls the article (not the page) to its first selected mention, and again after the next layout
/// while the mention is not in view: the blocks passed on the way have estimated heights until they
/// are drawn, so the first scroll of a long article can land beside the mention.
fn scroll_mark_into_view(tries: u32) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (Ok(Some(mark)), Ok(Some(scroller))) = (
        document.query_selector(".article-text mark.selected"),
        document.query_selector(".article-text"),
    ) else {
        return;
    };
    let (m, b) = (mark.get_bounding_client_rect(), scroller.get_bounding_client_rect());
    if m.top() < b.top() || m.bottom() > b.bottom() {
        // Centred in the article's own box; the page keeps its place (it may be showing the card clicked).
        let offset = m.top() - b.top() - (b.height() - m.height()) / 2.0;
        scroller.set_scroll_top(scroller.scroll_top() + offset as i32);
    }
    // Checked again even when in view: blocks near the view are laid out only now, and when their real
    // height differs from the estimate, the text below them moves.
    if tries > 1 {
        gloo::timers::callback::Timeout::new(SCROLL_RECHECK_MS, move || scroll_mark_into_view(tries - 1)).forget();
    }
}
