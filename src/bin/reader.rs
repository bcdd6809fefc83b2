//! The web worker that reads dropped and picked files (HTML pages, Word documents) into article text, off the
//! page's main thread and loaded only when a file is opened. Nothing to do on the host.

#[cfg(target_arch = "wasm32")]
fn main() {
    dateline::app::reader::register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the reader binary only runs in the browser; use `dateline analyze FILE` on the command line");
    std::process::exit(2);
}
