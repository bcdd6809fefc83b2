//! The "Article" region: the text with its mentions highlighted by kind.

mod scroll;

use crate::app::state::AppContext;
use crate::explorer::format::text_direction;
use crate::explorer::marks::{blocks, marks, selected_ids, Block, Mark};
use crate::explorer::{Action, AnalysisRef, Selection};
use crate::model::Analysis;
use std::collections::HashSet;
use std::rc::Rc;
use yew::prelude::*;

/// Above this many blocks the browser may skip laying out offscreen blocks (CSS `content-visibility` on
/// `.windowed`). A short article is always laid out whole: skipped blocks are missing from full-page
/// screenshots and from anything else that paints the page without scrolling it.
const WINDOWED_FROM_BLOCKS: usize = 8;

/// Blocks drawn with highlights on either side of the visible ones.
const MARGIN_BLOCKS: usize = 2;

/// How far into the text its direction is looked for (its first letter; an article's is in its first line).
const DIRECTION_LOOK_BYTES: usize = 64 * 1024;

/// The selection lit up: its ids, and the indexes of the marks that show it.
type Lit = (HashSet<String>, Vec<usize>);

/// The article region.
#[component]
pub fn ArticleView() -> Html {
    let _timed = crate::app::Timed::start("render ArticleView");
    let state = use_context::<AppContext>().expect("app context");
    let scroller = use_node_ref();
    let region = use_node_ref();
    super::roving::use_roving(&region);
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
    let lit = use_lit(analysis, state.selection.clone(), all_marks.clone());
    // The blocks that hold the selection, drawn wherever they are so they can be scrolled to.
    let pinned: HashSet<usize> = lit
        .1
        .iter()
        .map(|&n| all_blocks.partition_point(|b| b.last <= n))
        .collect();
    use_effect_with(state.selection.clone(), |selection| {
        if selection.is_some() {
            scroll::scroll_selected_into_view();
        }
    });
    let onscroll = {
        let (scroller, window) = (scroller.clone(), window.clone());
        Callback::from(move |_: Event| {
            if let Some(range) = scroll::visible_blocks(&scroller) {
                if range != *window {
                    window.set(range);
                }
            }
        })
    };
    let body = match &state.analysis {
        Some(analysis) if !state.text.is_empty() => {
            let page = Page {
                state: &state,
                analysis,
                text: &state.text,
                marks: &all_marks,
                lit: &lit,
                window: *window,
                pinned: &pinned,
            };
            let last_end = all_blocks.last().map_or(0, |b| b.end);
            // Set here, not left to `dir="auto"`: see `text_direction` (a text without letters made
            // Chromium's look-up quadratic in the blocks).
            let dir = text_direction(&state.text, DIRECTION_LOOK_BYTES);
            html! {
                <div class={classes!("article-text", (all_blocks.len() > WINDOWED_FROM_BLOCKS).then_some("windowed"))}
                    {dir} ref={scroller} {onscroll}>
                    {for all_blocks.iter().enumerate().map(|(n, b)| page.block(n, b))}
                    // Text typed past the analysed part, until the next answer.
                    {state.text.get(last_end..).unwrap_or("")}
                </div>
            }
        }
        _ => html! { <p class="empty">{"Paste an article or try the sample to see its dates, places and events."}</p> },
    };
    html! {
        <section class="panel article" aria-labelledby="h-article" data-roving="list" ref={region}>
            <h2 id="h-article">{"Article"}</h2>
            <super::inspector::Inspector />
            {body}
        </section>
    }
}

/// The selection lit up, computed once per analysis and selection.
#[hook]
fn use_lit(analysis: Option<AnalysisRef>, selection: Option<Selection>, all_marks: Rc<Vec<Mark>>) -> Rc<Lit> {
    use_memo((analysis, selection), move |(a, selection)| {
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
}

/// What drawing the article's blocks needs.
struct Page<'a> {
    state: &'a AppContext,
    analysis: &'a Analysis,
    text: &'a str,
    marks: &'a [Mark],
    lit: &'a Lit,
    /// The blocks in view, with a margin: `[from, to)`.
    window: (usize, usize),
    pinned: &'a HashSet<usize>,
}

impl Page<'_> {
    /// Block `n`: with its highlights when near the view or holding the selection, else plain text.
    fn block(&self, n: usize, block: &Block) -> Html {
        let (from, to) = self.window;
        let full = (from..to).contains(&n) || self.pinned.contains(&n);
        let text = self.text;
        // Offscreen blocks keep their text (find-in-page, the scroll height) and the browser skips their
        // layout until they come near the view (`content-visibility`; their height is estimated till then).
        if !full {
            let plain = text.get(block.start..block.end).unwrap_or("").to_string();
            return html! { <div class="block" key={n}>{plain}</div> };
        }
        let mut nodes = Vec::new();
        let mut at = block.start;
        for mark in &self.marks[block.first..block.last] {
            // The analysis may be one keystroke behind the text: never slice past it.
            let (Some(before), Some(inner)) = (text.get(at..mark.span.start), text.get(mark.span.start..mark.span.end))
            else {
                break;
            };
            nodes.push(html! { {before} });
            nodes.push(self.mark(mark, inner));
            at = mark.span.end;
        }
        nodes.push(html! { {text.get(at..block.end).unwrap_or("")} });
        html! { <div class="block full" key={n}>{for nodes}</div> }
    }

    /// One highlighted mention, `inner` its text.
    fn mark(&self, mark: &Mark, inner: &str) -> Html {
        let selected = self.lit.0.contains(mark.id(self.analysis));
        let select = {
            let state = self.state.clone();
            let select = mark.select(self.analysis);
            Callback::from(move |_: ()| state.dispatch(Action::Select(Some(select.clone()))))
        };
        let label = mark.label(self.analysis);
        // Enter or Space on a focused mention opens it in the inspector, as a click does; the arrows move
        // between mentions, and the region's one Tab stop is given after rendering (`roving`).
        let onkeydown = super::gestures::on_activate(select.clone());
        html! {
            <mark class={classes!("hl", mark.class, selected.then_some("selected"))} data-rove={mark.span.start.to_string()}
                title={label.clone()} aria-label={format!("{inner}: {label}")}
                onclick={select.reform(|_| ())} {onkeydown}>{inner}</mark>
        }
    }
}
