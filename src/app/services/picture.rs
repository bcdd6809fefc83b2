//! Pictures of the views: the timeline or the map downloaded as a self-contained SVG or a PNG, drawn by
//! `static/picture.js` (a wasm-bindgen snippet: inlining computed styles and drawing on a canvas are DOM work, and
//! a few lines of JavaScript keep them out of the app's wasm).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/static/picture.js")]
extern "C" {
    #[wasm_bindgen(js_name = downloadPicture)]
    fn download_picture(selector: &str, name: &str, title: &str, png: bool) -> js_sys::Promise;
}

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

/// Starts the download of `view` as a PNG (`png`) or an SVG; it ends after the picture is drawn.
pub fn download(view: View, png: bool) {
    let (selector, name, title) = view.parts(png);
    let promise = download_picture(selector, &name, title, png);
    wasm_bindgen_futures::spawn_local(async move {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    });
}
