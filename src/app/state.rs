//! The explorer's state ([`crate::explorer::state`]) as Yew holds it: one reducer, shared with every
//! view by context.

use crate::explorer::{reduce, Action, State};
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // An action that changes nothing keeps the same state, so nothing is drawn again.
        match reduce(&self, action) {
            Some(next) => Rc::new(next),
            None => self,
        }
    }
}

/// The handle every view gets from context.
pub type AppContext = UseReducerHandle<State>;
