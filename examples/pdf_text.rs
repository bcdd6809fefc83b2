//! Prints the text layer of a PDF and, on stderr, how long reading it took (the best of five runs).
//! `cargo run --release --example pdf_text -- FILE.pdf`
use std::time::Instant;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf_text FILE.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let mut best = f64::MAX;
    let mut result = None;
    for _ in 0..5 {
        let start = Instant::now();
        result = Some(dateline::pdf::read(&bytes));
        best = best.min(start.elapsed().as_secs_f64());
    }
    match result {
        Some(Ok(read)) => {
            print!("{}", read.text);
            eprintln!(
                "{path}: {} bytes of PDF, {} bytes of text in {:.2} ms; notes: {:?}",
                bytes.len(),
                read.text.len(),
                best * 1000.0,
                read.notes
            );
        }
        Some(Err(e)) => eprintln!("{path}: {e}"),
        None => {}
    }
}
