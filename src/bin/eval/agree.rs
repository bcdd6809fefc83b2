//! Agreement with another tagger on unannotated news: `eval agree [--list diff|ours|theirs] [DIR]`.
//!
//! The LGL and TR-News articles (../shared/corpora/geo) carry no date annotation, but most carry the time they were
//! downloaded (`<dltime>`), a fair stand-in for the publication date. `scripts/heideltime-compare --news` runs
//! HeidelTime on each such article with that date and keeps its TimeML output as `DIR/<corpus>-<index>.tml`
//! (default DIR: target/heideltime/news; `<index>` counts the articles of the corpus file from 0, four digits). This
//! command runs Dateline on the same text with the same date and counts, over the TimeML view of both: expressions
//! both tag with the same value, with different values, and those only one of them tags (no overlap). With `--list`
//! it prints one kind of disagreement with its context, to be read and judged by hand: the articles have no gold, so
//! a disagreement says where to look, not who is right.

use super::geo::context;
use dateline::dates::timeml::{read_system, TimeMl};
use dateline::model::Timex;
use dateline::Span;
use std::path::{Path, PathBuf};

/// What `--list` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Listing {
    Nothing,
    /// Both tag it, with different values.
    Different,
    /// Only Dateline tags it.
    Ours,
    /// Only the other tagger tags it.
    Theirs,
}

/// Counts over a set of articles.
#[derive(Default)]
struct Agreement {
    articles: usize,
    same: usize,
    different: usize,
    ours_only: usize,
    theirs_only: usize,
}

impl Agreement {
    fn add(&mut self, other: &Agreement) {
        self.articles += other.articles;
        self.same += other.same;
        self.different += other.different;
        self.ours_only += other.ours_only;
        self.theirs_only += other.theirs_only;
    }

    fn report(&self, label: &str) {
        println!(
            "{label:<10} {:>4} articles | same value {:>5} | different value {:>4} | Dateline only {:>4} | other only {:>4}",
            self.articles, self.same, self.different, self.ours_only, self.theirs_only
        );
    }
}

fn overlapping(timexes: &[Timex], span: Span) -> Option<&Timex> {
    timexes
        .iter()
        .find(|t| t.span.start < span.end && span.start < t.span.end)
}

/// Compares one article; prints what `listing` asks for.
fn compare(name: &str, text: &str, dct: &str, theirs_xml: &str, listing: Listing) -> Option<Agreement> {
    let doc = TimeMl {
        dct: Some(dct.to_string()),
        text: text.to_string(),
        timexes: Vec::new(),
    };
    let theirs = read_system(theirs_xml, &doc)?;
    // The engine as `eval time` runs it, in the TimeML view (the other tagger's shape).
    let ours = super::time::system(&doc);
    let mut counts = Agreement {
        articles: 1,
        ..Agreement::default()
    };
    for o in &ours {
        match overlapping(&theirs, o.span) {
            Some(t) if t.value == o.value => counts.same += 1,
            Some(t) => {
                counts.different += 1;
                if listing == Listing::Different {
                    println!(
                        "DIFF {name} {dct} | Dateline {:?}={} | other {:?}={}",
                        o.text, o.value, t.text, t.value
                    );
                    println!("     {}", context(text, o.span, 70));
                }
            }
            None => {
                counts.ours_only += 1;
                if listing == Listing::Ours {
                    println!("DATELINE-ONLY {name} {dct} | {:?}={}", o.text, o.value);
                    println!("     {}", context(text, o.span, 70));
                }
            }
        }
    }
    for t in &theirs {
        if overlapping(&ours, t.span).is_none() {
            counts.theirs_only += 1;
            if listing == Listing::Theirs {
                println!("OTHER-ONLY {name} {dct} | {:?}={}", t.text, t.value);
                println!("     {}", context(text, t.span, 70));
            }
        }
    }
    Some(counts)
}

/// Runs the comparison; returns the exit code.
pub fn run(args: &[String]) -> i32 {
    let listing = match args
        .iter()
        .position(|a| a == "--list")
        .map(|i| args.get(i + 1).map(String::as_str))
    {
        None => Listing::Nothing,
        Some(Some("diff")) => Listing::Different,
        Some(Some("ours")) => Listing::Ours,
        Some(Some("theirs")) => Listing::Theirs,
        Some(_) => {
            eprintln!("eval agree: --list takes diff, ours or theirs");
            return 2;
        }
    };
    let dir = args
        .iter()
        .enumerate()
        .find(|(i, a)| !a.starts_with("--") && (*i == 0 || args[i - 1] != "--list"))
        .map_or_else(|| PathBuf::from("target/heideltime/news"), |(_, a)| PathBuf::from(a));
    if !dir.is_dir() {
        eprintln!(
            "eval agree: no tagger output in {} (run scripts/heideltime-compare --news first)",
            dir.display()
        );
        return 2;
    }
    let corpora = Path::new("../shared/corpora/geo");
    let mut total = Agreement::default();
    let mut misaligned = 0;
    println!("Dateline against another tagger's TimeML on unannotated news, each article dated by its <dltime>.");
    for corpus in ["lgl", "tr-news"] {
        let Ok(xml) = std::fs::read_to_string(corpora.join(format!("{corpus}.xml"))) else {
            eprintln!(
                "eval agree: skipping {corpus}: {} is absent",
                corpora.join(format!("{corpus}.xml")).display()
            );
            continue;
        };
        let mut part = Agreement::default();
        for (index, article) in super::geo::parse(&xml).iter().enumerate() {
            let Some(dct) = &article.dltime else { continue };
            let name = format!("{corpus}-{index:04}");
            let Ok(theirs) = std::fs::read_to_string(dir.join(format!("{name}.tml"))) else {
                continue;
            };
            match compare(&name, &article.text, dct, &theirs, listing) {
                Some(counts) => part.add(&counts),
                None => misaligned += 1,
            }
        }
        part.report(corpus);
        total.add(&part);
    }
    total.report("all");
    if misaligned > 0 {
        println!("{misaligned} outputs skipped: their text is not the article's");
    }
    if total.articles == 0 {
        eprintln!("eval agree: no article had an output in {}", dir.display());
        return 2;
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_each_kind_of_agreement() {
        let text = "Talks ended on Sunday, resume next week and were planned yesterday.";
        let theirs = r#"<TimeML><TIMEX3 tid="t9" type="DATE" value="PAST_REF">Talks</TIMEX3> ended on <TIMEX3 tid="t1" type="DATE" value="2016-09-11">Sunday</TIMEX3>, resume <TIMEX3 tid="t2" type="DATE" value="2016-W37">next week</TIMEX3> and were planned yesterday.</TimeML>"#;
        let counts = compare("test", text, "2016-09-05", theirs, Listing::Nothing).expect("same text");
        assert_eq!(
            (counts.same, counts.different, counts.ours_only, counts.theirs_only),
            (1, 1, 1, 1)
        );
        // Another text's output is refused, not scored.
        assert!(compare(
            "test",
            "Something else entirely.",
            "2016-09-05",
            theirs,
            Listing::Nothing
        )
        .is_none());
    }
}
