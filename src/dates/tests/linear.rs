//! The inputs of issue 23 that made the engine quadratic, at small sizes: what they give stays what it was, and the
//! looks that scanned to the start of a run, a sentence or the date history are bounded.

use super::*;
use crate::dates::normalize::History;
use crate::dates::value::{Gran, Point};
use crate::dates::words::{word_after, word_before, LOOK_BYTES};

const DCT: Option<&str> = Some("2016-09-05");

/// The distinct (text, value) pairs of `text`.
fn distinct(text: &str) -> Vec<(String, String)> {
    let mut out = pairs(text, DCT);
    out.sort();
    out.dedup();
    out
}

#[test]
fn runs_of_months_joined_by_dashes_or_dots_are_no_dates() {
    for unit in ["May-", "May.", "March-"] {
        let text = unit.repeat(400);
        assert!(run(&text, DCT).is_empty(), "{unit}: {:?}", pairs(&text, DCT));
    }
    // The word before a month inside such a run is read within a bounded window, not back to the run's start.
    let run_text = "May-".repeat(400);
    assert!(word_before(&run_text, run_text.len() - 4).len() <= LOOK_BYTES);
    assert!(word_after(&run_text, 0).len() <= LOOK_BYTES);
    assert_eq!(word_before("was held in May", 12), "in");
    assert_eq!(word_after("in May-June talks", 2), "May-June");
}

#[test]
fn repeated_dates_and_anaphora_keep_their_values() {
    // Each "next day" counts from the one before, past the years in between.
    let days: Vec<String> = run(&"2015 the next day ".repeat(300), DCT)
        .into_iter()
        .filter(|t| t.text == "the next day")
        .map(|t| t.value)
        .collect();
    let want: Vec<String> = (1..=300)
        .map(|k| Date::new(2016, 9, 5).unwrap().add_days(k).to_string())
        .collect();
    assert_eq!(days, want);
    assert_eq!(
        distinct(&"2015. At 6 p.m. ".repeat(300)),
        vec![p("2015", "2015"), p("6 p.m.", "2016-09-05T18:00")]
    );
    assert_eq!(
        distinct(&"2015, 2 years ago, ".repeat(300)),
        vec![p("2 years ago", "2014"), p("2015", "2015")]
    );
}

#[test]
fn a_long_sentence_reads_each_clause_alike() {
    let clause = "the minister said on Monday that the talks, which began in March, would resume on Friday, and \
                  officials expected a deal by June after the vote held Sept. 5, ";
    let one = distinct(&format!("{clause}."));
    let many = distinct(&format!("{}.", clause.repeat(200)));
    assert_eq!(one, many);
    assert_eq!(many.len(), 5, "{many:?}");
}

#[test]
fn rates_glued_by_commas_are_read_alike() {
    let one = distinct("daily, ");
    let many = distinct(&"daily,".repeat(500));
    assert!(many.len() <= 1 && one.len() <= 1, "{one:?} {many:?}");
}

#[test]
fn the_history_answers_from_summaries() {
    let dct = Date::new(2016, 9, 5);
    let mut h = History::default();
    let year = Point::new(Date::new(2015, 1, 1).unwrap(), Gran::Year);
    let quarter = Point::new(Date::new(2016, 4, 1).unwrap(), Gran::Quarter);
    let day = Point::new(Date::new(2016, 9, 3).unwrap(), Gran::Day);
    let old_day = Point::new(Date::new(2010, 9, 3).unwrap(), Gran::Day);
    h.remember(0, quarter, true, dct);
    h.remember(1, quarter, false, dct);
    h.remember(2, day, false, dct);
    h.remember(3, old_day, true, dct);
    for i in 4..1000 {
        h.remember(i, year, false, dct);
    }
    // A day-precise anaphor passes over the thousand years at no cost and finds the two days.
    let days: Vec<usize> = h.recent(Gran::Week).map(|&(i, _)| i).collect();
    assert_eq!(days, vec![3, 2]);
    let years: Vec<usize> = h.recent(Gran::Year).map(|&(i, _)| i).collect();
    assert_eq!(years, (984..1000).rev().collect::<Vec<_>>());
    assert_eq!(h.first_quarter(), Some((1, quarter)));
    assert_eq!(h.last_topic(), Some((2, day)));
    assert_eq!(h.last_near_day(), Some(day.date));
}
