//! The Input region's handlers for typing, pasting, dropping and picking files.

use super::read::{byte_offset, read_file, set_text_later, Pending};
use crate::app::state::AppContext;
use crate::explorer::summary::LONG_TEXT_BYTES;
use crate::explorer::Action;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The text the text box holds, as last written to it or read from it.
pub(super) type InBox = Rc<RefCell<Rc<str>>>;

/// Typing: the box's text becomes the article's.
pub(super) fn on_input(state: &AppContext, in_box: &InBox) -> Callback<InputEvent> {
    let (state, in_box) = (state.clone(), in_box.clone());
    Callback::from(move |e: InputEvent| {
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        let text: Rc<str> = area.value().into();
        *in_box.borrow_mut() = text.clone();
        state.dispatch(Action::Typed(text));
    })
}

/// A paste that would make the box's text long is done here instead of by the browser: the text
/// goes to the state (and so to the Article panel) without ever being laid out in the box.
pub(super) fn on_paste(state: &AppContext, in_box: &InBox) -> Callback<Event> {
    let (state, in_box) = (state.clone(), in_box.clone());
    Callback::from(move |e: Event| {
        let Some(pasted) = e
            .dyn_ref::<ClipboardEvent>()
            .and_then(ClipboardEvent::clipboard_data)
            .and_then(|data| data.get_data("text").ok())
        else {
            return;
        };
        if pasted.len() + in_box.borrow().len() < LONG_TEXT_BYTES {
            return;
        }
        e.prevent_default();
        // Line breaks as the text box would keep them (it turns CR LF and CR into LF).
        let pasted = if pasted.contains('\r') {
            pasted.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            pasted
        };
        // The pasted text replaces the box's selection, as the browser's own paste would (the
        // selection counts in the box's own value).
        let area: HtmlTextAreaElement = e.target_unchecked_into();
        let current = area.value();
        let start = byte_offset(&current, area.selection_start().ok().flatten().unwrap_or(0));
        let end = byte_offset(&current, area.selection_end().ok().flatten().unwrap_or(0)).max(start);
        let text = format!("{}{pasted}{}", &current[..start], &current[end..]);
        set_text_later(&state, text);
    })
}

/// A file picked with the file button.
pub(super) fn on_pick(state: &AppContext, pending: &Pending) -> Callback<Event> {
    let (state, pending) = (state.clone(), pending.clone());
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(file) = input.files().and_then(|list| list.get(0)) {
            read_file(file, state.clone(), pending.clone());
        }
        input.set_value("");
    })
}

/// A file or a text dropped on the region.
pub(super) fn on_drop(state: &AppContext, pending: &Pending, dragging: &UseStateHandle<bool>) -> Callback<DragEvent> {
    let (state, pending, dragging) = (state.clone(), pending.clone(), dragging.clone());
    Callback::from(move |e: DragEvent| {
        dragging.set(false);
        let Some(data) = e.data_transfer() else {
            e.prevent_default();
            return;
        };
        if let Some(file) = data.files().and_then(|list| list.get(0)) {
            e.prevent_default();
            read_file(file, state.clone(), pending.clone());
            return;
        }
        // Dropped text: a long one replaces the article (as a dropped file does) without passing
        // through the text box; a short one dropped on the box goes where it was dropped.
        let text = data.get_data("text").unwrap_or_default();
        let on_box = e.target().is_some_and(|t| t.dyn_ref::<HtmlTextAreaElement>().is_some());
        if on_box && text.len() < LONG_TEXT_BYTES {
            return;
        }
        e.prevent_default();
        if text.len() >= LONG_TEXT_BYTES {
            set_text_later(&state, text);
        }
    })
}

/// The document date field.
pub(super) fn on_dct(state: &AppContext) -> Callback<Event> {
    let state = state.clone();
    Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let value = input.value();
        state.dispatch(Action::SetDct((!value.is_empty()).then_some(value)));
    })
}
