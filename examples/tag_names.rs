//! Prints the names the tagger finds in a text, with their labels and margins (for looking at what it does).
//!
//! `cargo run --release --example tag_names -- FILE`

use dateline::doc::Doc;
use dateline::entities::tagger::{Lists, LowerWords, NameModel};
use dateline::lang::Language;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).ok_or("usage: tag_names FILE")?;
    let text = std::fs::read_to_string(path)?;
    let model = NameModel::builtin().ok_or("no built-in name model")?;
    let language = Language::english();
    let doc = Doc::new(&text, language);
    let (lists, lower) = (
        Lists::of(language, dateline::places::Gazetteer::builtin_shared()),
        LowerWords::of(doc.tokens()),
    );
    for s in doc.segments() {
        for n in model.tag(doc.tokens_in(s.span), &lists, &lower) {
            println!("{:?}\t{:.1}\t{}", n.label, n.margin, n.span.slice(&text));
        }
    }
    Ok(())
}
