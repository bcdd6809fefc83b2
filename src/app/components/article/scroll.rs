//! Scrolling the article: which blocks are in view, and bringing the selected mention into view.

use super::MARGIN_BLOCKS;
use yew::prelude::*;

/// The blocks in view in the scroller, with [`MARGIN_BLOCKS`] on each side, as `[from, to)`.
pub(super) fn visible_blocks(scroller: &NodeRef) -> Option<(usize, usize)> {
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
pub(super) fn scroll_selected_into_view() {
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
