//! Cheap comparisons for the state: Yew compares the old and new state (and hook dependencies) at every
//! change, and a long article's text is a megabyte, its analysis a hundred thousand items.

use super::state::{Other, State};
use crate::model::Analysis;
use std::rc::Rc;

/// An analysis compared by identity. Every view gets the state by context, and Yew compares the old
/// and new state at each change: comparing two analyses of a long text field by field takes tens of
/// milliseconds, and an analysis is never changed in place (a new one is a new `Rc`).
#[derive(Debug, Clone)]
pub struct AnalysisRef(pub Rc<Analysis>);

impl PartialEq for AnalysisRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// `a == b` for texts, eight bytes at a time: the `memcmp` of wasm compares byte by byte, and views
/// compare the article's text (a megabyte, for a long one) at every render.
pub fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    if std::ptr::eq(a, b) {
        return true;
    }
    let word = |c: &[u8]| {
        let mut w = [0_u8; 8];
        w.copy_from_slice(c);
        u64::from_ne_bytes(w)
    };
    let (wa, wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tails_equal = wa.remainder() == wb.remainder();
    tails_equal && wa.zip(wb).all(|(x, y)| word(x) == word(y))
}

/// A text compared with [`same_text`] (at once when both are the same `Rc`), for the dependencies of hooks.
#[derive(Debug, Clone)]
pub struct Text(pub Rc<str>);

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        same_text(&self.0, &other.0)
    }
}

/// True when both are the same analysis (or both absent).
pub fn same_analysis(a: &Option<Rc<Analysis>>, b: &Option<Rc<Analysis>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl PartialEq for Other {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
            && same_text(&self.text, &other.text)
            && self.dct == other.dct
            && self.dct_from_text == other.dct_from_text
            && self.meta == other.meta
            && self.corrections == other.corrections
            && same_analysis(&self.analysis, &other.analysis)
            && self.failed == other.failed
    }
}

impl PartialEq for State {
    fn eq(&self, other: &Self) -> bool {
        // Cheap fields first; the text last (a long article is a megabyte to compare).
        let Self {
            text,
            dct,
            meta,
            analysis,
            status,
            request,
            selection,
            notice,
            corrections,
            events_in_text_order,
            edited,
            others,
            next_key,
            summary,
            from_link,
            read_anyway,
            dct_from_text,
        } = self;
        same_analysis(analysis, &other.analysis)
            && *status == other.status
            && *request == other.request
            && *selection == other.selection
            && *events_in_text_order == other.events_in_text_order
            && *edited == other.edited
            && *next_key == other.next_key
            && *summary == other.summary
            && *from_link == other.from_link
            && *read_anyway == other.read_anyway
            && *dct_from_text == other.dct_from_text
            && *dct == other.dct
            && *meta == other.meta
            && *notice == other.notice
            && *corrections == other.corrections
            && *others == other.others
            && same_text(text, &other.text)
    }
}
