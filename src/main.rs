//! The `dateline` binary: the command-line tool on the host, the web app when built for wasm32.

#[cfg(not(target_arch = "wasm32"))]
mod batch;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod records;
#[cfg(not(target_arch = "wasm32"))]
mod spool;

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args_os().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {
    dateline::app::start();
}
