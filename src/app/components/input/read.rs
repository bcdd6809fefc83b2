//! Getting a text into the state from outside the text box: files, long pastes and drops.

use crate::app::services::files;
use crate::app::state::AppContext;
use crate::explorer::Action;
use gloo::file::callbacks::FileReader;
use gloo::file::File;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// The file being read, kept alive until it calls back.
pub(super) type Pending = Rc<RefCell<Option<FileReader>>>;

/// Reads a browser file and dispatches its text (or a message) when done.
pub(super) fn read_file(file: web_sys::File, state: AppContext, pending: Pending) {
    let file = File::from(file);
    let name = file.name();
    if file.size() as usize > files::MAX_FILE_BYTES {
        state.dispatch(Action::Notice(format!(
            "{name} is larger than {} MB and was not opened.",
            files::MAX_FILE_BYTES / 1_048_576
        )));
        return;
    }
    let reader = gloo::file::callbacks::read_as_bytes(&file, move |result| {
        let bytes = match result {
            Ok(bytes) => bytes,
            Err(e) => {
                state.dispatch(Action::Notice(format!("{name}: {e}. Your current text is unchanged.")));
                return;
            }
        };
        match files::load_view(&name, &bytes) {
            Ok(files::Loaded::View(view)) => state.dispatch(Action::LoadView(view)),
            Ok(files::Loaded::Article) => files::read_article(name.clone(), bytes, move |read| match read {
                Ok(read) => {
                    if let Some(note) = read.note {
                        state.dispatch(Action::Notice(format!("{name}: {note}.")));
                    }
                    state.dispatch(Action::SetText {
                        text: read.text.into(),
                        meta: read.meta,
                    });
                }
                Err(message) => state.dispatch(Action::Notice(format!("{message}. Your current text is unchanged."))),
            }),
            Err(message) => state.dispatch(Action::Notice(format!("{message}. Your current text is unchanged."))),
        }
    });
    // Keep the reader alive until it calls back.
    *pending.borrow_mut() = Some(reader);
}

/// The byte offset in `text` of `utf16` UTF-16 code units (how a text box counts its selection).
pub(super) fn byte_offset(text: &str, utf16: u32) -> usize {
    let mut units = 0_u32;
    for (at, c) in text.char_indices() {
        if units >= utf16 {
            return at;
        }
        units += c.len_utf16() as u32;
    }
    text.len()
}

/// Makes a long pasted or dropped `text` the article in a task of its own: reading it from the event
/// (which must happen during the event) and drawing the page for it would together make one task
/// longer than the 50 ms a page may block its input for.
pub(super) fn set_text_later(state: &AppContext, text: String) {
    let state = state.clone();
    gloo::timers::callback::Timeout::new(0, move || {
        state.dispatch(Action::SetText {
            text: text.into(),
            meta: crate::html::PageMeta::default(),
        })
    })
    .forget();
}

/// True when the page's focus was lost (its element left the page): focus is then on the body.
pub(super) fn focus_lost() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match (document.active_element(), document.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => active == *body.unchecked_ref::<web_sys::Element>(),
        _ => false,
    }
}
