//! The share bar: the link's size with a warning when chat apps may cut it, copy, the
//! `.dateline.json` download, and the exports.

use crate::app::services::persist;
use crate::app::state::AppContext;
use crate::export::Format;
use crate::share::LONG_LINK_CHARS;
use yew::prelude::*;

/// Properties: the current link fragment (without `#`).
#[derive(Properties, PartialEq)]
pub struct ShareBarProps {
    /// The encoded view.
    pub link: AttrValue,
    /// The texts are too long for a link: only the file and the exports are offered.
    #[prop_or_default]
    pub too_long: bool,
    /// The link is being written (the view changed less than the save delay ago): `aria-busy`.
    #[prop_or_default]
    pub writing: bool,
}

/// The share and export controls.
#[component]
pub fn ShareBar(props: &ShareBarProps) -> Html {
    let _timed = crate::app::Timed::start("render ShareBar");
    let state = use_context::<AppContext>().expect("app context");
    let copied = use_state(|| false);
    let size = props.link.len() + 1;
    let long = size > LONG_LINK_CHARS;
    let copy = {
        let (link, copied) = (props.link.clone(), copied.clone());
        Callback::from(move |_| {
            if let Some(window) = web_sys::window() {
                let url = persist::page_url_with(&link);
                let _ = window.navigator().clipboard().write_text(&url);
                copied.set(true);
            }
        })
    };
    let save_view = {
        let state = state.clone();
        Callback::from(move |_| {
            let json = serde_json::to_string_pretty(&state.view_state()).unwrap_or_default();
            let _ = persist::download("article.dateline.json", "application/json", &json);
        })
    };
    let exports: Html = [
        (Format::Json, "JSON"),
        (Format::GeoJson, "GeoJSON"),
        (Format::Csv, "CSV"),
        (Format::Ics, "iCalendar"),
        (Format::TimelineJs, "TimelineJS"),
        (Format::StoryMapJs, "StoryMapJS"),
        (Format::TimeMl, "TimeML"),
    ]
    .into_iter()
    .map(|(format, label)| {
        let disabled = state.analysis.is_none();
        let state = state.clone();
        let onclick = Callback::from(move |_| {
            if let Some(analysis) = &state.analysis {
                // Written by the export worker, loaded on the first export (the writers are not in first paint).
                let notify = state.clone();
                crate::app::services::export::download(analysis, &state.text, format, move |result| {
                    if let Err(why) = result {
                        notify.dispatch(crate::explorer::Action::Notice(why));
                    }
                });
            }
        });
        html! { <button type="button" {onclick} {disabled}>{label}</button> }
    })
    .collect();
    let kb = size as f64 / 1024.0;
    html! {
        <div class="share-bar" aria-busy={if props.writing { "true" } else { "false" }}>
            if props.too_long {
                <span class="link-size long">
                    {"This article is too long for a share link; send the .dateline.json file instead."}
                </span>
            } else {
                <span class={classes!("link-size", long.then_some("long"))}>
                    {format!("Share link: {kb:.1} KB")}
                    if long {
                        {" — some chat apps cut links above 32 KB; send the .dateline.json file instead."}
                    }
                </span>
                <button type="button" onclick={copy}>{if *copied { "Link copied" } else { "Copy link" }}</button>
            }
            <button type="button" onclick={save_view}>{"Download .dateline.json"}</button>
            <span class="exports" role="group" aria-label="Export the analysis">{"Export: "}{exports}</span>
        </div>
    }
}
