//! The root component: wires the state, the worker and persistence hooks, and the five regions.

use super::{
    article::ArticleView, events::EventsView, input::InputPanel, map::MapView, share::ShareBar, timeline::TimelineView,
};
use crate::app::hooks::analysis::{use_analysis, Analysing};
use crate::app::hooks::persistence::{use_persistence, Persistence};
use crate::app::hooks::settled::{use_settled_analysis, STATUS_HOPS};
use crate::app::services::persist;
use crate::app::state::AppContext;
use crate::explorer::answers::{status_line, Shown};
use crate::explorer::{same_analysis, Action, State};
use crate::share::ViewState;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The whole page.
#[component]
pub fn App() -> Html {
    let _timed = crate::app::Timed::start("render App");
    let state = use_reducer(State::default);
    let Persistence {
        link,
        writing,
        restore_offer,
    } = use_persistence(&state);
    let Analysing { bar, stop } = use_analysis(&state);
    let settled = use_settled_analysis(state.analysis.clone(), STATUS_HOPS);
    let status = status_line(&state, bar.as_ref(), same_analysis(&settled, &state.analysis));
    // The view of the link the page opened stays in the address however heavy it is: that link is shown.
    let too_long = state.too_long_for_link() && !state.from_link;
    use_escape_clears_selection(&state);
    // Arrow keys inside each region (one Tab stop per region).
    use_effect_with((), |_| {
        let listeners = super::roving::listen();
        move || drop(listeners)
    });
    // `?embed` (a newsroom page's iframe): the views of the link alone, without the input, the share bar or the
    // offers (the fragment holds the link, so the switch is in the query).
    let embed = *use_memo((), |_| {
        web_sys::window()
            .and_then(|w| w.location().search().ok())
            .is_some_and(|q| q.trim_start_matches('?').split('&').any(|p| p == "embed"))
    });
    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            if !embed {
                {skip_links()}
                <header class="top">
                    <h1>{"Dateline"}</h1>
                    <p class="tagline">{"What happened, when and where — analysed in your browser; the article never leaves it."}</p>
                </header>
                {notice(&state)}
                {restore(&state, &restore_offer)}
                {language_notice(&state)}
                {date_prompt(&state)}
            }
            <main class={classes!("layout", embed.then_some("embed"))}>
                if !embed {
                    <InputPanel />
                    if !link.is_empty() || too_long {
                        <ShareBar link={AttrValue::from((*link).clone())} {too_long} writing={*writing} />
                    }
                }
                {status_bar(bar.as_ref(), status, stop)}
                {page_header(&state)}
                <ArticleView />
                <TimelineView />
                <MapView />
                <EventsView />
            </main>
        </ContextProvider<AppContext>>
    }
}

/// Escape closes the inspector (clears the selection) from anywhere on the page.
#[hook]
fn use_escape_clears_selection(state: &AppContext) {
    let selected = state.selection.is_some();
    let dispatcher = state.dispatcher();
    use_effect_with(selected, move |selected| {
        let listener = (*selected).then(|| {
            web_sys::window().and_then(|w| w.document()).map(|document| {
                gloo::events::EventListener::new(&document, "keydown", move |event| {
                    let key = event
                        .dyn_ref::<web_sys::KeyboardEvent>()
                        .map(web_sys::KeyboardEvent::key);
                    if key.as_deref() == Some("Escape") {
                        dispatcher.dispatch(Action::Select(None));
                    }
                })
            })
        });
        move || drop(listener)
    });
}

/// The regions a keyboard user can jump to from the top of the page, each one Tab stop away. Buttons rather
/// than `#` links: the address's fragment holds the share link.
fn skip_links() -> Html {
    let jump = |target: &'static str| {
        Callback::from(move |_: MouseEvent| {
            let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                return;
            };
            // The region's heading takes the focus (it is made focusable for this), so the next Tab goes on from there.
            if let Some(heading) = document.get_element_by_id(target) {
                let _ = heading.set_attribute("tabindex", "-1");
                if let Ok(heading) = heading.dyn_into::<web_sys::HtmlElement>() {
                    let _ = heading.focus();
                    heading.scroll_into_view();
                }
            }
        })
    };
    html! {
        <nav class="skip-links" aria-label="Skip to a region">
            <button type="button" onclick={jump("h-timeline")}>{"Skip to the timeline"}</button>
            <button type="button" onclick={jump("h-map")}>{"Skip to the map"}</button>
            <button type="button" onclick={jump("h-events")}>{"Skip to the events"}</button>
            <button type="button" onclick={jump("h-article")}>{"Skip to the article"}</button>
        </nav>
    }
}

/// The message for the person, with a button to dismiss it.
fn notice(state: &AppContext) -> Html {
    let Some(notice) = state.notice.clone() else {
        return Html::default();
    };
    let dismiss = {
        let state = state.clone();
        move |_| state.dispatch(Action::DismissNotice)
    };
    html! {
        <div class="notice" role="alert">
            <span>{notice}</span>
            <button onclick={dismiss}>{"Dismiss"}</button>
        </div>
    }
}

/// The message for a text in a language Dateline does not read yet, with the way to read it as English.
fn language_notice(state: &AppContext) -> Html {
    let Some(message) = state.language_notice() else {
        return Html::default();
    };
    let anyway = {
        let state = state.clone();
        move |_| state.dispatch(Action::ReadAnyway)
    };
    html! {
        <div class="notice language" role="note">
            <span>{message}</span>
            <button type="button" onclick={anyway}>{"Analyse as English anyway"}</button>
        </div>
    }
}

/// The offer to restore the articles found at start: the last one first, then the earlier ones a link replaced.
fn restore(state: &AppContext, offer: &UseStateHandle<Vec<ViewState>>) -> Html {
    let Some(last) = offer.first().cloned() else {
        return Html::default();
    };
    let words = last.text.split_whitespace().count();
    // Restoring puts the article on the page; the one there (a link's) is kept among the earlier ones.
    let accept = |view: ViewState| {
        let (state, offer) = (state.clone(), offer.clone());
        move |_: MouseEvent| {
            if !state.text.trim().is_empty() {
                persist::keep_earlier(&state.view_state());
            }
            persist::forget_earlier(&view.text);
            let rest: Vec<ViewState> = offer.iter().filter(|v| v.text != view.text).cloned().collect();
            state.dispatch(Action::LoadView(view.clone()));
            offer.set(rest);
        }
    };
    let discard = {
        let (offer, text) = (offer.clone(), last.text.clone());
        move |_| {
            // Only the offer goes: an autosave that is this article is cleared, an earlier copy forgotten.
            if persist::read_autosave().is_some_and(|a| a.text == text) {
                persist::clear_autosave();
            }
            persist::forget_earlier(&text);
            offer.set(offer.iter().skip(1).cloned().collect());
        }
    };
    let earlier: Html = offer
        .iter()
        .skip(1)
        .map(|view| {
            html! {
                <li><button type="button" onclick={accept(view.clone())}>
                    {crate::explorer::earlier::label(view, 48)}</button></li>
            }
        })
        .collect();
    html! {
        <div class="notice restore" role="alert">
            <span>{format!("Restore your last article ({words} words)?")}</span>
            <span>
                <button onclick={accept(last.clone())}>{"Restore"}</button>
                <button onclick={discard}>{"Discard"}</button>
            </span>
            if offer.len() > 1 {
                <div class="earlier">{"Earlier articles: "}<ul aria-label="Earlier articles">{earlier}</ul></div>
            }
        </div>
    }
}

/// What a saved page says about its article, above the views: headline, byline, publication and date. Shown
/// only for a text read from a page (its byline, site, address or date came from the page's metadata).
fn page_header(state: &AppContext) -> Html {
    let Some(document) = state.analysis.as_ref().map(|a| &a.document) else {
        return Html::default();
    };
    let from_page = document.byline.is_some()
        || document.site_name.is_some()
        || document.url.is_some()
        || document.dct.source == crate::model::DctSource::Meta;
    if !from_page {
        return Html::default();
    }
    let published = document.dct.value.as_deref().map(|value| {
        // Worded as the date field's "Using … (from …)" says it.
        let from = match document.dct.source {
            crate::model::DctSource::None => String::new(),
            crate::model::DctSource::Assumed => "assumed".to_string(),
            source => format!("from {}", super::input::dct_source_label(source)),
        };
        (
            crate::explorer::format::publication_date(value),
            value.to_string(),
            from,
        )
    });
    html! {
        <section class="page-meta" aria-label="About this page">
            if let Some(title) = document.title.clone() {
                <p class="page-headline">{title}</p>
            }
            <p class="page-facts">
                if let Some(byline) = document.byline.clone() {
                    <span class="page-byline">{"By "}{byline}</span>
                }
                if let Some(site) = document.site_name.clone() {
                    <span class="page-site">{site}</span>
                }
                if let Some((words, value, from)) = published {
                    <span class="page-date">
                        {"Published "}<time datetime={value}>{words}</time>
                        if !from.is_empty() { {format!(" ({from})")} }
                    </span>
                }
                if let Some(url) = document.url.clone() {
                    // Shown, not linked: the explorer never sends the reader anywhere.
                    <span class="page-url">{url}</span>
                }
            </p>
        </section>
    }
}

/// Asks for the publication date of an article that gives none (no dateline, no page metadata), above the
/// views: until the person answers, today is assumed and every date read from it is marked as assumed.
fn date_prompt(state: &AppContext) -> Html {
    use crate::model::DctSource;
    let Some(analysis) = state.analysis.as_ref() else {
        return Html::default();
    };
    let source = analysis.document.dct.source;
    if state.dct.is_some() || state.text.trim().is_empty() || !matches!(source, DctSource::Assumed | DctSource::None) {
        return Html::default();
    }
    let today = {
        let state = state.clone();
        move |_| {
            let now = js_sys::Date::new_0();
            let day = format!(
                "{:04}-{:02}-{:02}",
                now.get_full_year(),
                now.get_month() + 1,
                now.get_date()
            );
            state.dispatch(Action::SetDct(Some(day)));
        }
    };
    let on_date = {
        let state = state.clone();
        move |e: Event| {
            let value = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
            if !value.is_empty() {
                state.dispatch(Action::SetDct(Some(value)));
            }
        }
    };
    let from_text = {
        let state = state.clone();
        move |_| state.dispatch(Action::DctFromText(true))
    };
    let why = if state.dct_from_text {
        "No full date is written in the article to take as its publication date; pick one."
    } else {
        "No publication date was found in the article, so today's is assumed: dates read from it are marked as assumed."
    };
    html! {
        <section class="notice date-prompt" aria-labelledby="h-date-prompt">
            <span><strong id="h-date-prompt">{"When was this published? "}</strong>{why}</span>
            <span class="date-choices">
                <button type="button" onclick={today}>{"Today"}</button>
                <label>{"On "}<input type="date" aria-label="Publication date" onchange={on_date} /></label>
                if !state.dct_from_text {
                    <button type="button" onclick={from_text}
                        title="Take the newest date written in the article">{"From the text"}</button>
                }
            </span>
        </section>
    }
}

/// The progress bar of a long analysis with its Stop button, and the status line.
fn status_bar(bar: Option<&Shown>, status: String, stop: Callback<()>) -> Html {
    html! {
        <div class="status">
            if let Some(p) = bar {
                <progress id="analysis-progress" aria-label="Analysis progress" max={p.max.to_string()}
                    value={p.value.to_string()} aria-valuetext={p.label.clone()} />
                <button type="button" class="stop" onclick={stop.reform(|_| ())}
                    title="Stop analysing this text; it is kept, and analysed again when you edit it">{"Stop"}</button>
            }
            <p role="status" aria-live="polite">{status}</p>
        </div>
    }
}
