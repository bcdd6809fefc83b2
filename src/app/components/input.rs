//! The "Input" region: the article textbox, the sample, file drop and pick, and the document date.

use crate::app::services::files;
use crate::app::state::{same_text, Action, AppContext, LONG_TEXT_BYTES};
use crate::app::SAMPLE_ARTICLE;
use gloo::file::callbacks::FileReader;
use gloo::file::File;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, DragEvent, HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Reads a browser file and dispatches its text (or a message) when done.
fn read_file(file: web_sys::File, state: AppContext, pending: Rc<RefCell<Option<FileReader>>>) {
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
        match result
            .map_err(|e| e.to_string())
            .and_then(|bytes| files::load_any(&name, &bytes))
        {
            Ok(files::Loaded::View(view)) => state.dispatch(Action::LoadView(view)),
            Ok(files::Loaded::Article(loaded)) => {
                if let Some(note) = loaded.note {
                    state.dispatch(Action::Notice(format!("{name}: {note}.")));
                }
                state.dispatch(Action::SetText {
                    text: loaded.text,
                    title: loaded.title,
                    published: loaded.published,
                });
            }
            Err(message) => state.dispatch(Action::Notice(format!("{message}. Your current text is unchanged."))),
        }
    });
    // Keep the reader alive until it calls back.
    *pending.borrow_mut() = Some(reader);
}

/// The byte offset in `text` of `utf16` UTF-16 code units (how a text box counts its selection).
fn byte_offset(text: &str, utf16: u32) -> usize {
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
fn set_text_later(state: &AppContext, text: String) {
    let state = state.clone();
    gloo::timers::callback::Timeout::new(0, move || {
        state.dispatch(Action::SetText {
            text,
            title: None,
            published: None,
        })
    })
    .forget();
}

/// True when the page's focus was lost (its element left the page): focus is then on the body.
fn focus_lost() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    match (document.active_element(), document.body()) {
        (None, _) => true,
        (Some(active), Some(body)) => active == *body.unchecked_ref::<web_sys::Element>(),
        _ => false,
    }
}

/// The input region.
#[component]
pub fn InputPanel() -> Html {
    let _timed = crate::app::Timed::start("render InputPanel");
    let state = use_context::<AppContext>().expect("app context");
    let pending = use_mut_ref(|| None::<FileReader>);
    let dragging = use_state(|| false);

    // The text box is not bound to the state by a `value` attribute: Yew would read the whole text
    // back from the page at every render to compare (tens of milliseconds for 1 MB). The text the box
    // holds is remembered here instead, and written to the box only when the state's differs (the
    // sample, a file, a link, switching articles).
    //
    // A long text that arrives whole is not put in the box at all (`state.summary`): a summary stands
    // in its place, and the box is left out of the page.
    let area_ref = use_node_ref();
    let summary_ref = use_node_ref();
    let in_box = use_mut_ref(String::new);
    // Set when the person asked for the text box ("Edit the text here", "Clear"): it gets the focus.
    let focus_box = use_mut_ref(|| false);
    // Whether the summary was shown at the last render: focus moves only when the box and the summary swap.
    let was_summarised = use_mut_ref(|| false);
    {
        let (area_ref, summary_ref, in_box, focus_box) =
            (area_ref.clone(), summary_ref.clone(), in_box.clone(), focus_box.clone());
        let (text, summarised) = (state.text.clone(), state.summary.is_some());
        let was_summarised = was_summarised.clone();
        use_effect(move || {
            let swapped = std::mem::replace(&mut *was_summarised.borrow_mut(), summarised) != summarised;
            if summarised {
                // The box is gone; a new one starts empty.
                in_box.borrow_mut().clear();
                // The text box had the focus (a paste) and left the page: the summary takes it over.
                if swapped && focus_lost() {
                    if let Some(summary) = summary_ref.cast::<HtmlElement>() {
                        let _ = summary.focus();
                    }
                }
                return;
            }
            let Some(area) = area_ref.cast::<HtmlTextAreaElement>() else {
                return;
            };
            if !same_text(&in_box.borrow(), &text) {
                area.set_value(&text);
                *in_box.borrow_mut() = text;
            }
            if std::mem::take(&mut *focus_box.borrow_mut()) || (swapped && focus_lost()) {
                // At the start of the text, not at its end where setting the value leaves the caret.
                area.set_selection_range(0, 0).ok();
                area.set_scroll_top(0);
                let _ = area.focus();
            }
        });
    }
    let oninput = {
        let (state, in_box) = (state.clone(), in_box.clone());
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let text = area.value();
            in_box.borrow_mut().clone_from(&text);
            state.dispatch(Action::Typed(text));
        })
    };
    // A paste that would make the box's text long is done here instead of by the browser: the text
    // goes to the state (and so to the Article panel) without ever being laid out in the box.
    let onpaste = {
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
    };
    let edit_here = {
        let (state, focus_box) = (state.clone(), focus_box.clone());
        Callback::from(move |_| {
            *focus_box.borrow_mut() = true;
            state.dispatch(Action::EditInBox);
        })
    };
    let clear = {
        let (state, focus_box) = (state.clone(), focus_box.clone());
        Callback::from(move |_| {
            *focus_box.borrow_mut() = true;
            state.dispatch(Action::SetText {
                text: String::new(),
                title: None,
                published: None,
            });
        })
    };
    let sample = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::SetText {
                text: SAMPLE_ARTICLE.to_string(),
                title: None,
                published: None,
            })
        })
    };
    let onpick = {
        let (state, pending) = (state.clone(), pending.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|list| list.get(0)) {
                read_file(file, state.clone(), pending.clone());
            }
            input.set_value("");
        })
    };
    let ondrop = {
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
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondct = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let value = input.value();
            state.dispatch(Action::SetDct((!value.is_empty()).then_some(value)));
        })
    };
    let add_article = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::AddArticle))
    };
    let others: Html = state
        .others
        .iter()
        .enumerate()
        .map(|(n, other)| {
            let title = other
                .analysis
                .as_ref()
                .and_then(|a| a.document.title.clone())
                .unwrap_or_else(|| other.text.lines().find(|l| !l.trim().is_empty()).unwrap_or("").to_string());
            let short: String = title.chars().take(60).collect();
            let switch = {
                let state = state.clone();
                let key = other.key;
                Callback::from(move |_| state.dispatch(Action::SwitchTo(key)))
            };
            let remove = {
                let state = state.clone();
                let key = other.key;
                Callback::from(move |_| state.dispatch(Action::RemoveArticle(key)))
            };
            html! {
                <li class={format!("other art-{}", (n + 1) % 6)}>
                    <button type="button" onclick={switch} title="Read this article">{format!("{}. {short}", n + 2)}</button>
                    <button type="button" class="remove-article" onclick={remove}
                        aria-label={format!("Remove article {}: {short}", n + 2)}>{"×"}</button>
                </li>
            }
        })
        .collect();
    let found_dct = state.analysis.as_ref().and_then(|a| {
        a.document
            .dct
            .value
            .clone()
            .map(|v| format!("{v} (from {})", dct_source_label(a.document.dct.source)))
    });
    html! {
        <section class={classes!("panel", "input", (*dragging).then_some("dragging"))} aria-labelledby="h-input"
            {ondrop} {ondragover} {ondragleave}>
            <h2 id="h-input">{"Input"}</h2>
            // Always in the page, so that the summary appearing in it is announced.
            <p class="long-text" aria-live="polite" tabindex={state.summary.is_some().then_some("-1")}
                ref={summary_ref}>
                if let Some(summary) = state.summary {
                    {summary.describe()}{" — the text is shown in the Article panel."}
                }
            </p>
            if state.summary.is_some() {
                <div class="controls long-text-actions">
                    <button type="button" onclick={edit_here}
                        title="Put the whole text in a text box; with a text this long the page pauses for a moment">
                        {"Edit the text here"}</button>
                    <button type="button" onclick={clear}>{"Clear"}</button>
                </div>
            } else {
                <label for="article-text" class="visually-hidden">{"Article text"}</label>
                // autocomplete off: otherwise the browser copies the whole text into the history entry at every
                // update of the address (0.1 s for 1 MB); the text is restored from the link or the autosave instead.
                <textarea id="article-text" aria-label="Article text" spellcheck="false" dir="auto" autocomplete="off"
                    placeholder="Paste a news article here, or drop a .txt, .md or .html file."
                    ref={area_ref} {oninput} {onpaste} />
            }
            <div class="controls">
                <button type="button" onclick={sample}>{"Try the sample"}</button>
                <button type="button" onclick={add_article} disabled={state.text.trim().is_empty()}
                    title="Keep this article on the timeline and paste another">{"Add another article"}</button>
                <label class="file-button">
                    {"Open a file…"}
                    <input type="file" accept=".txt,.md,.html,.htm,.json,text/plain,text/html" onchange={onpick} />
                </label>
                <label class="dct">
                    {"Document date "}
                    <input type="date" value={state.dct.clone().unwrap_or_default()} onchange={ondct} />
                </label>
                if let Some(found) = found_dct {
                    <span class="dct-found">{"Using "}{found}</span>
                }
            </div>
            if !state.others.is_empty() {
                <ul class="others" aria-label="Other articles on the timeline">{others}</ul>
            }
        </section>
    }
}

/// How a DCT source is named to people.
pub fn dct_source_label(source: crate::model::DctSource) -> &'static str {
    match source {
        crate::model::DctSource::Dateline => "the dateline",
        crate::model::DctSource::Meta => "the page's metadata",
        crate::model::DctSource::User => "you",
        crate::model::DctSource::None => "nowhere",
    }
}
