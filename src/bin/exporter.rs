//! The web worker that writes the page's exports (GeoJSON, CSV, iCalendar, TimelineJS, StoryMapJS, TimeML), loaded
//! only when something is exported. Nothing to do on the host.

#[cfg(target_arch = "wasm32")]
fn main() {
    dateline::app::exporter::register();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "the exporter binary only runs in the browser; use `dateline analyze --format FORMAT` on the command line"
    );
    std::process::exit(2);
}
