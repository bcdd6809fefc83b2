//! Pictures of the views: the timeline or the map downloaded as a self-contained SVG or a PNG, drawn by
//! `static/picture.js` (inlining computed styles and drawing on a canvas are DOM work; a few lines of JavaScript
//! keep them out of the app's wasm). The script is added to the page the first time a picture is asked for, so
//! nothing of it is on the first paint.

use wasm_bindgen::{JsCast, JsValue};

/// A view that can be taken away as a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The timeline's calendar (not its overview strip).
    Timeline,
    /// The map.
    Map,
}

impl View {
    /// The drawing's selector, the file's name and the picture's title.
    fn parts(self, png: bool) -> (&'static str, String, &'static str) {
        let ext = if png { "png" } else { "svg" };
        match self {
            View::Timeline => ("svg.tl-main", format!("article.timeline.{ext}"), "Timeline (Dateline)"),
            View::Map => ("svg.map-svg", format!("article.map.{ext}"), "Map (Dateline)"),
        }
    }
}

impl View {
    /// The download button's accessible name ("Download the timeline as SVG").
    pub fn download_label(self, png: bool) -> &'static str {
        match (self, png) {
            (View::Timeline, false) => "Download the timeline as SVG",
            (View::Timeline, true) => "Download the timeline as PNG",
            (View::Map, false) => "Download the map as SVG",
            (View::Map, true) => "Download the map as PNG",
        }
    }
}

/// `self.datelinePicture.downloadPicture`, once the script is in.
fn drawer() -> Option<(JsValue, js_sys::Function)> {
    let window = web_sys::window()?;
    let api = js_sys::Reflect::get(&window, &JsValue::from_str("datelinePicture")).ok()?;
    if api.is_undefined() {
        return None;
    }
    let f = js_sys::Reflect::get(&api, &JsValue::from_str("downloadPicture")).ok()?;
    Some((api, f.dyn_into().ok()?))
}

/// Downloads `view` as a PNG (`png`) or an SVG: at once when the script is in, else once it has loaded.
pub fn download(view: View, png: bool) {
    let (selector, name, title) = view.parts(png);
    let draw = move || {
        if let Some((api, f)) = drawer() {
            let args = js_sys::Array::of4(
                &JsValue::from_str(selector),
                &JsValue::from_str(&name),
                &JsValue::from_str(title),
                &JsValue::from_bool(png),
            );
            let _ = f.apply(&api, &args);
        }
    };
    if drawer().is_some() {
        draw();
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(script) = document.create_element("script") else {
        return;
    };
    let _ = script.set_attribute("src", "picture.js");
    gloo::events::EventListener::once(&script, "load", move |_| draw()).forget();
    if let Some(body) = document.body() {
        let _ = body.append_child(&script);
    }
}
