//! The "Input" region: the article textbox, the sample, file drop and pick, and the document date.

mod events;
mod read;

use crate::app::state::AppContext;
use crate::app::SAMPLE_ARTICLE;
use crate::explorer::{same_text, Action};
use events::InBox;
use gloo::file::callbacks::FileReader;
use std::cell::RefCell;
use std::rc::Rc;
use web_sys::{DragEvent, HtmlElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The input region.
#[component]
pub fn InputPanel() -> Html {
    let _timed = crate::app::Timed::start("render InputPanel");
    let state = use_context::<AppContext>().expect("app context");
    let pending = use_mut_ref(|| None::<FileReader>);
    let dragging = use_state(|| false);
    let area_ref = use_node_ref();
    let summary_ref = use_node_ref();
    // Set when the person asked for the text box ("Edit the text here", "Clear"): it gets the focus.
    let focus_box = use_mut_ref(|| false);
    let in_box = use_text_box(&state, &area_ref, &summary_ref, &focus_box);
    let ondrop = events::on_drop(&state, &pending, &dragging);
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
    html! {
        <section class={classes!("panel", "input", (*dragging).then_some("dragging"))} aria-labelledby="h-input"
            {ondrop} {ondragover} {ondragleave}>
            <h2 id="h-input">{"Input"}</h2>
            if state.is_blank() {
                // The first visit (or a cleared page): what to do, in one sentence, instead of empty counts.
                <p class="welcome">{"Paste a news article into the box below, or drop a file on this panel (a text, \
                    Word or PDF file, or a web page saved from your browser), or try the sample: Dateline finds what \
                    happened, when and where, and shows it on a timeline and a map."}</p>
            }
            // Always in the page, so that the summary appearing in it is announced.
            <p class="long-text" aria-live="polite" tabindex={state.summary.is_some().then_some("-1")}
                ref={summary_ref}>
                if let Some(summary) = state.summary {
                    {summary.describe()}{" — the text is shown in the Article panel."}
                }
            </p>
            if state.summary.is_some() {
                {long_text_actions(&state, &focus_box)}
            } else {
                {text_box(&state, &in_box, area_ref)}
            }
            {controls(&state, &pending)}
            if !state.others.is_empty() {
                <ul class="others" aria-label="Other articles on the timeline">{others(&state)}</ul>
            }
        </section>
    }
}

/// Keeps the text box in step with the state; returns the text it holds.
///
/// The text box is not bound to the state by a `value` attribute: Yew would read the whole text back
/// from the page at every render to compare (tens of milliseconds for 1 MB). The text the box holds is
/// remembered here instead, and written to the box only when the state's differs (the sample, a file,
/// a link, switching articles).
///
/// A long text that arrives whole is not put in the box at all (`state.summary`): a summary stands in
/// its place, and the box is left out of the page.
#[hook]
fn use_text_box(state: &AppContext, area_ref: &NodeRef, summary_ref: &NodeRef, focus_box: &Rc<RefCell<bool>>) -> InBox {
    let in_box: InBox = use_mut_ref(|| Rc::from(""));
    // Whether the summary was shown at the last render: focus moves only when the box and the summary swap.
    let was_summarised = use_mut_ref(|| false);
    let (area_ref, summary_ref, box_text, focus_box) =
        (area_ref.clone(), summary_ref.clone(), in_box.clone(), focus_box.clone());
    let (text, summarised) = (state.text.clone(), state.summary.is_some());
    use_effect(move || {
        let swapped = std::mem::replace(&mut *was_summarised.borrow_mut(), summarised) != summarised;
        if summarised {
            // The box is gone; a new one starts empty.
            *box_text.borrow_mut() = Rc::from("");
            // The text box had the focus (a paste) and left the page: the summary takes it over.
            if swapped && read::focus_lost() {
                if let Some(summary) = summary_ref.cast::<HtmlElement>() {
                    let _ = summary.focus();
                }
            }
            return;
        }
        let Some(area) = area_ref.cast::<HtmlTextAreaElement>() else {
            return;
        };
        if !same_text(&box_text.borrow(), &text) {
            area.set_value(&text);
            *box_text.borrow_mut() = text;
        }
        if std::mem::take(&mut *focus_box.borrow_mut()) || (swapped && read::focus_lost()) {
            // At the start of the text, not at its end where setting the value leaves the caret.
            area.set_selection_range(0, 0).ok();
            area.set_scroll_top(0);
            let _ = area.focus();
        }
    });
    in_box
}

/// The text box.
fn text_box(state: &AppContext, in_box: &InBox, area_ref: NodeRef) -> Html {
    let oninput = events::on_input(state, in_box);
    let onpaste = events::on_paste(state, in_box);
    html! {
        <>
            <label for="article-text" class="visually-hidden">{"Article text"}</label>
            // autocomplete off: otherwise the browser copies the whole text into the history entry at every
            // update of the address (0.1 s for 1 MB); the text is restored from the link or the autosave instead.
            <textarea id="article-text" aria-label="Article text" spellcheck="false" dir="auto" autocomplete="off"
                placeholder="Paste a news article here, or drop a .txt, .md, .html, .docx or .pdf file."
                ref={area_ref} {oninput} {onpaste} />
        </>
    }
}

/// In place of the text box for a long text: put it in the box after all, or clear it.
fn long_text_actions(state: &AppContext, focus_box: &Rc<RefCell<bool>>) -> Html {
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
                text: Rc::from(""),
                meta: crate::html::PageMeta::default(),
            });
        })
    };
    html! {
        <div class="controls long-text-actions">
            <button type="button" onclick={edit_here}
                title="Put the whole text in a text box; with a text this long the page pauses for a moment">
                {"Edit the text here"}</button>
            <button type="button" onclick={clear}>{"Clear"}</button>
        </div>
    }
}

/// The sample, another article, a file, and the document date.
fn controls(state: &AppContext, pending: &read::Pending) -> Html {
    let sample = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::SetText {
                text: SAMPLE_ARTICLE.into(),
                meta: crate::html::PageMeta::default(),
            })
        })
    };
    let add_article = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::AddArticle))
    };
    let found_dct = state.analysis.as_ref().and_then(|a| {
        a.document.dct.value.clone().map(|v| match a.document.dct.source {
            crate::model::DctSource::Assumed => format!("{v} (assumed: no date found)"),
            source => format!("{v} (from {})", dct_source_label(source)),
        })
    });
    html! {
        <div class="controls">
            <button type="button" onclick={sample}>{"Try the sample"}</button>
            <button type="button" onclick={add_article} disabled={state.text.trim().is_empty()}
                title="Keep this article on the timeline and paste another">{"Add another article"}</button>
            <label class="file-button">
                {"Open a file…"}
                <input type="file" accept=".txt,.md,.html,.htm,.docx,.pdf,.json,text/plain,text/html,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                    onchange={events::on_pick(state, pending)} />
            </label>
            <label class="dct">
                {"Document date "}
                <input type="date" value={state.dct.clone().unwrap_or_default()} onchange={events::on_dct(state)} />
            </label>
            if let Some(found) = found_dct {
                <span class="dct-found">{"Using "}{found}</span>
            }
        </div>
    }
}

/// The added articles, each to read or remove.
fn others(state: &AppContext) -> Html {
    state
        .others
        .iter()
        .enumerate()
        .map(|(n, other)| {
            // Only the first 60 characters are shown: the title or first line of a text from a link may be
            // megabytes long, and is not copied whole at each render.
            let title = other
                .analysis
                .as_ref()
                .and_then(|a| a.document.title.as_deref())
                .unwrap_or_else(|| other.text.lines().find(|l| !l.trim().is_empty()).unwrap_or(""));
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
                    if let Some(why) = &other.failed {
                        <span class="other-failed">{format!("Not analysed: {why}. Read it to try again.")}</span>
                    }
                </li>
            }
        })
        .collect()
}

/// How a DCT source is named to people.
pub fn dct_source_label(source: crate::model::DctSource) -> &'static str {
    match source {
        crate::model::DctSource::Dateline => "the dateline",
        crate::model::DctSource::Meta => "the page's metadata",
        crate::model::DctSource::User => "you",
        crate::model::DctSource::Text => "the newest date in the text",
        crate::model::DctSource::Assumed => "nowhere",
        crate::model::DctSource::None => "nowhere",
    }
}
