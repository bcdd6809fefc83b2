//! The Yew web app (wasm only): a thin layer that renders an `Analysis`.

/// Mounts the app on the page.
pub fn start() {}

/// The web worker that runs `analyze` off the UI thread.
pub mod worker {
    /// Registers the worker's message handler.
    pub fn register() {}
}
