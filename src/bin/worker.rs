//! The web worker that runs the analysis off the page's main thread. Nothing to do on the host.

#[cfg(target_arch = "wasm32")]
fn main() {
    dateline::app::worker::register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the worker binary only runs in the browser; use `dateline analyze` on the command line");
    std::process::exit(2);
}
