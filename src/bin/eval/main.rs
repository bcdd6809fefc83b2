//! Evaluation against the dev corpora in ../shared (never copied into the project).
//!
//! `eval time [DIR]`   TempEval-3 scoring of dates over TimeML files (default ../shared/corpora/timeml)
//! `eval cases [DIR]`  chrono-node and Duckling English cases (default ../shared/cases)
//! `eval geo [--errors] [FILE]`   toponym recognition and resolution over LGL / TR-News XML (default both)
//! `eval events`       event frames on the project's own annotated samples
//! `eval agree [--list diff|ours|theirs] [DIR]`   dates against HeidelTime's on unannotated news (LGL / TR-News)
//! `eval meantime [--verbose] [--system-json FILE] [--dump-texts DIR] [DIR]`   names, events and event dates on MEANTIME
//! (default ../shared/corpora/meantime)
//! `eval web [--pages] [DIR]`   article body, headline and date of saved web pages (default ../shared/corpora/web/readability)

mod agree;
mod events;
mod geo;
mod meantime;
mod meantime_doc;
mod time;
mod web;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or(&[]).to_vec();
    let code = match args.first().map(String::as_str) {
        Some("time") => time::run(&rest),
        Some("cases") => time::run_cases(&rest),
        Some("geo") => geo::run(&rest),
        Some("events") => events::run(&rest),
        Some("agree") => agree::run(&rest),
        Some("web") => web::run(&rest),
        Some("meantime") => meantime::run(&rest),
        _ => {
            eprintln!("usage: eval (time|cases|geo|events|agree|web|meantime) [PATH...]");
            2
        }
    };
    std::process::exit(code);
}
