//! When the heavy views draw a new analysis: each a few tasks after the state has it, so that a long
//! article's answer draws view by view instead of in one task too long for the page to answer input.

use crate::explorer::AnalysisRef;
use crate::model::Analysis;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// Zero-delay timers before the timeline draws a new analysis (see [`use_settled_analysis`]). Yew
/// batches the renders requested in one task, so the views wait different numbers of timers, with
/// room between them for Yew's own render timer: each then draws in a task of its own.
pub const TIMELINE_HOPS: u32 = 1;
/// Timers before the map draws a new analysis.
pub const MAP_HOPS: u32 = 3;
/// Timers before the event list draws a new analysis.
pub const EVENTS_HOPS: u32 = 5;
/// Timers before the status line shows the counts: after every view has drawn.
pub const STATUS_HOPS: u32 = 7;

/// The analysis as a heavy view (timeline, map, event list) draws it: the state's, adopted `hops`
/// tasks later. A long article's answer then draws view by view, each in a task of its own, instead
/// of all in one task too long for the page to answer input meanwhile.
#[hook]
pub fn use_settled_analysis(current: Option<Rc<Analysis>>, hops: u32) -> Option<Rc<Analysis>> {
    let shown = use_state(|| current.clone());
    {
        let shown = shown.clone();
        use_effect_with(current.map(AnalysisRef), move |now| {
            let now = now.as_ref().map(|a| a.0.clone());
            let pending = Rc::new(RefCell::new(None::<Timeout>));
            schedule(pending.clone(), hops.max(1), move || {
                if (*shown).as_ref().map(Rc::as_ptr) != now.as_ref().map(Rc::as_ptr) {
                    shown.set(now);
                }
            });
            move || drop(pending.borrow_mut().take())
        });
    }
    (*shown).clone()
}

/// Runs `then` after `hops` zero-delay timers, one after another; dropping the timer in `slot` cancels it.
fn schedule(slot: Rc<RefCell<Option<Timeout>>>, hops: u32, then: impl FnOnce() + 'static) {
    let inner = slot.clone();
    let timeout = Timeout::new(0, move || {
        if hops <= 1 {
            then();
        } else {
            schedule(inner, hops - 1, then);
        }
    });
    *slot.borrow_mut() = Some(timeout);
}
