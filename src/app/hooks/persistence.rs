//! Where the view lives outside the page: the share link in the address, the autosave in localStorage,
//! and the offer to restore an autosave found at start.

use crate::app::services::persist;
use crate::app::state::AppContext;
use crate::explorer::{Action, State, Text};
use crate::share::{self, ViewState};
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// How long the view must stay unchanged before the address and the autosave are written.
const SAVE_DELAY_MS: u32 = 300;

/// What the page shows of its persistence.
pub struct Persistence {
    /// The current share link's fragment (empty when there is none).
    pub link: UseStateHandle<String>,
    /// The view changed and its link and autosave are not written yet (they are, once it stays unchanged for
    /// [`SAVE_DELAY_MS`]); the share bar says so with `aria-busy`, and end-to-end tests wait for it.
    pub writing: UseStateHandle<bool>,
    /// The articles found at start (the autosave, then those a link replaced), offered to the person rather than
    /// applied silently; the newest first.
    pub restore_offer: UseStateHandle<Vec<ViewState>>,
}

/// Opens the view in the address (or offers the autosave), then keeps the address and the autosave
/// following the state.
#[hook]
pub fn use_persistence(state: &AppContext) -> Persistence {
    let restore_offer = use_state(Vec::<ViewState>::new);
    {
        let (dispatch, restore_offer) = (state.dispatcher(), restore_offer.clone());
        use_effect_with((), move |_| open_at_start(dispatch, restore_offer));
    }
    let link = use_state(String::new);
    // The autosave of a long text waits until the page is hidden or left: writing 1 MB to localStorage
    // blocks the page for tens of milliseconds, too long to do after every edit.
    let pending_save = use_mut_ref(|| None::<ViewState>);
    {
        let pending_save = pending_save.clone();
        use_effect_with((), move |_| {
            let listeners = save_when_hidden(pending_save);
            move || drop(listeners)
        });
    }
    // `_eq`: a burst of edits re-renders for the first only.
    let writing = use_state_eq(|| false);
    use_save(state, link.clone(), writing.clone(), pending_save);
    Persistence {
        link,
        writing,
        restore_offer,
    }
}

/// Opens the view in the address and offers back the articles the person had: the autosave and those kept from
/// before a link replaced them. A link never overwrites the autosave silently: an autosaved article other than
/// the link's is kept among the earlier ones first (the next edit will autosave the link's view), and offered. A
/// bad link changes nothing: the page, the text and the autosave stay as they are.
fn open_at_start(dispatch: UseReducerDispatcher<State>, restore_offer: UseStateHandle<Vec<ViewState>>) {
    let saved = persist::read_autosave().filter(|v| !v.text.trim().is_empty());
    let opened = match persist::read_link() {
        Some(Ok(view)) => {
            if let Some(saved) = saved.as_ref().filter(|s| s.text != view.text) {
                persist::keep_earlier(saved);
            }
            let text = view.text.clone();
            dispatch.dispatch(Action::OpenLink(view));
            Some(text)
        }
        Some(Err(error)) => {
            dispatch.dispatch(Action::Notice(format!("This link could not be opened: {error}.")));
            None
        }
        None => None,
    };
    restore_offer.set(crate::explorer::earlier::offers(
        saved,
        persist::read_earlier(),
        opened.as_deref(),
    ));
}

/// Writes the pending autosave when the page is hidden or left.
fn save_when_hidden(pending_save: Rc<RefCell<Option<ViewState>>>) -> Option<(EventListener, EventListener)> {
    let window = web_sys::window()?;
    let save = move || {
        if let Some(view) = pending_save.borrow_mut().take() {
            persist::autosave(&view);
        }
    };
    let on_hide = save.clone();
    let document: web_sys::EventTarget = window.document().map_or_else(|| window.clone().into(), Into::into);
    Some((
        EventListener::new(&window, "pagehide", move |_| save()),
        EventListener::new(&document, "visibilitychange", move |_| {
            let hidden = web_sys::window().and_then(|w| w.document()).is_some_and(|d| d.hidden());
            if hidden {
                on_hide();
            }
        }),
    ))
}

/// The address always holds the current view; the autosave follows the person's own edits.
#[hook]
fn use_save(
    state: &AppContext,
    link: UseStateHandle<String>,
    writing: UseStateHandle<bool>,
    pending_save: Rc<RefCell<Option<ViewState>>>,
) {
    // What the view is made of, compared cheaply; the view itself is built only when it is written.
    // Added articles never change in place (switching gives them new keys), so their keys stand for them.
    let key = (
        Text(state.text.clone()),
        state.dct.clone(),
        state.corrections.clone(),
        state.selection.clone(),
        state.events_in_text_order,
        state.others.iter().map(|o| o.key).collect::<Vec<u64>>(),
        state.edited,
        state.from_link,
        state.dct_from_text,
        state.meta.clone(),
    );
    let snapshot = state.clone();
    use_effect_with(key, move |key| {
        let edited = key.6;
        // The view of the link the page opened, too heavy to write a new link for (a long text, many
        // corrections): the address still holds it, and is left alone. Clearing it would lose the text
        // on a reload (a link's view is not autosaved until the person changes it), and encoding it
        // again would hold up the page for nothing.
        if snapshot.from_link && snapshot.too_long_for_link() {
            link.set(persist::fragment());
            writing.set(false);
            return Box::new(|| ()) as Box<dyn FnOnce()>;
        }
        // A long text's autosave is kept ready at once, not 300 ms later: a page left sooner (switching
        // articles, then closing the tab) must not save an older arrangement.
        if edited && snapshot.too_long_for_link() {
            *pending_save.borrow_mut() = Some(snapshot.view_state());
        }
        writing.set(true);
        let timeout = Timeout::new(SAVE_DELAY_MS, move || {
            let view = snapshot.view_state();
            let too_long = snapshot.too_long_for_link();
            let encoded = write_link(&view, too_long);
            if edited {
                if too_long {
                    *pending_save.borrow_mut() = Some(view);
                } else {
                    pending_save.borrow_mut().take();
                    persist::autosave(&view);
                }
            }
            link.set(encoded);
            writing.set(false);
        });
        Box::new(move || drop(timeout))
    });
}

/// Puts `view` in the address and returns its link (empty when it has none). An empty text leaves
/// the address alone, so a bad link stays visible for the person to fix; a text too long for a link
/// clears it, so a reload cannot bring back an older text.
fn write_link(view: &ViewState, too_long: bool) -> String {
    if view.text.is_empty() {
        return String::new();
    }
    let encoded = if too_long { String::new() } else { share::encode(view) };
    if encoded.is_empty() {
        persist::clear_link();
    } else {
        persist::write_link(&encoded);
    }
    encoded
}
