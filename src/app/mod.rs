//! The Yew web app (wasm only): a thin layer that renders an `Analysis`.
//!
//! Layout follows Yew's examples: `components/` (views), `hooks/` (the worker protocol, the share
//! link and autosave, when heavy views draw), `services/` (browser I/O: files, HTML, storage), and
//! [`state`] (the plain-Rust [`crate::explorer`] state behind one reducer, shared by context).

mod components;
pub mod exporter;
mod hooks;
pub mod reader;
mod services;
pub mod state;
pub mod worker;

use components::app::App;

/// The sample article behind "Try the sample": written for this project, fictional people, real places.
pub const SAMPLE_ARTICLE: &str = include_str!("sample_article.txt");

/// Mounts the app on the page's body.
pub fn start() {
    console_error_panic_hook::set_once();
    yew::Renderer::<App>::new().render();
}

/// Mounts the app inside `root` (the browser tests use their own element).
pub fn start_in(root: web_sys::Element) {
    console_error_panic_hook::set_once();
    yew::Renderer::<App>::with_root(root).render();
}

/// Reads a file's bytes as the page's reader worker does (for the browser tests): text, title, publication date.
pub fn load_file_for_tests(name: &str, bytes: &[u8]) -> Result<(String, Option<String>, Option<String>), String> {
    crate::reader::read_document(name, bytes, reader::MAX_FILE_BYTES)
        .map(|r| (r.text, r.meta.title, r.meta.published))
        .map_err(|e| format!("{name}: {e}"))
}

/// Times a stretch of main-thread work as a User Timing measure, seen in a performance trace or by
/// `performance.getEntriesByType("measure")`. Debug builds only: release builds ship no marks.
#[cfg_attr(not(debug_assertions), allow(dead_code))]
pub(crate) struct Timed(&'static str);

impl Timed {
    /// Starts timing `name`.
    pub(crate) fn start(name: &'static str) -> Timed {
        #[cfg(debug_assertions)]
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(name);
        }
        Timed(name)
    }
}

impl Drop for Timed {
    fn drop(&mut self) {
        #[cfg(debug_assertions)]
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.measure_with_start_mark(self.0, self.0);
        }
    }
}
