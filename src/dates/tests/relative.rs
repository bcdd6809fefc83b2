//! Relative and anaphoric expressions, and the periods of results stories.

use super::*;

#[test]
fn relative_and_anaphoric_dates() {
    let text = "Two days ago the army moved. Last week it paused. The siege began on 3 March 2015; \
                two days later the town fell, and the day before a truce had failed.";
    let t = run(text, Some("2016-09-05"));
    let got: Vec<(&str, &str)> = t.iter().map(|t| (t.text.as_str(), t.value.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("Two days ago", "2016-09-03"),
            ("Last week", "2016-W35"),
            ("3 March 2015", "2015-03-03"),
            ("two days later", "2015-03-05"),
            ("the day before", "2015-03-04"),
        ]
    );
    assert_eq!(t[3].anchor.as_deref(), Some("t3"));
    assert_eq!(t[0].anchor.as_deref(), Some("dct"));
    // A sentence that looks back does not count from a date still ahead; one that looks ahead does.
    let dct = Some("2013-03-21");
    assert_eq!(
        pairs(
            "The law takes effect on Jan. 1. Police said the previous day's attack killed 12.",
            dct
        ),
        vec![p("Jan. 1", "2014-01-01"), p("the previous day", "2013-03-20")]
    );
    assert_eq!(
        pairs("The law takes effect on Jan. 1. The day before, shops will close.", dct),
        vec![p("Jan. 1", "2014-01-01"), p("The day before", "2013-12-31")]
    );
    // A shift by years from a month is a year (the unit's precision); from a quarter or a year the finer anchor
    // stays ("a year earlier" in a results story is that quarter a year before).
    let dct = Some("2009-03-27");
    assert_eq!(
        pairs("Exports fell in February, below their level one year earlier.", dct),
        vec![p("February", "2009-02"), p("one year earlier", "2008")]
    );
    assert_eq!(
        pairs("Profit rose in the fourth quarter from a year earlier.", dct),
        vec![p("the fourth quarter", "2008-Q4"), p("a year earlier", "2007-Q4")]
    );
    assert_eq!(
        pairs("The church opened in 1992. A decade later it closed.", dct),
        vec![p("1992", "1992"), p("A decade later", "2002")]
    );
}

#[test]
fn a_day_before_or_after_in_apposition_is_the_date_it_follows() {
    // "Friday, the day before the raid" names Friday; the event it counts from is told after it.
    assert_eq!(
        pairs(
            "Detectives heard of it Friday, the day before the raid on the farm.",
            Some("2009-03-24")
        ),
        vec![p("Friday", "2009-03-20"), p("the day before", "2009-03-20")]
    );
    assert_eq!(
        pairs(
            "Queues formed on Nov. 24 — the day after the bonuses were paid.",
            Some("2016-12-19")
        ),
        vec![p("Nov. 24", "2016-11-24"), p("the day after", "2016-11-24")]
    );
    // So does a count from an event in apposition; elsewhere it is the length it says.
    assert_eq!(
        pairs(
            "It killed 20 people on Sunday, a day after troops retook the district.",
            Some("2016-09-05")
        ),
        vec![p("Sunday", "2016-09-04"), p("a day", "2016-09-04")]
    );
    assert_eq!(
        pairs(
            "The strikes came a day after troops retook the district.",
            Some("2016-09-05")
        ),
        vec![p("a day", "P1D")]
    );
    // Not in apposition it counts from the date: and before a clause of its own it is no expression at all.
    assert_eq!(
        pairs(
            "The attack came on March 3. The day after, rebels withdrew.",
            Some("2009-03-15")
        ),
        vec![p("March 3", "2009-03-03"), p("The day after", "2009-03-04")]
    );
    assert!(run("She flies on later in the day before heading back.", Some("2009-03-15")).is_empty());
}

#[test]
fn counted_weeks_ago_name_a_day_and_anaphoric_weekdays_count_from_the_last_day() {
    // 1995-10-30 is a Monday.
    let dct = Some("1995-10-30");
    assert_eq!(
        pairs("Two weeks ago, prices fell.", dct),
        vec![p("Two weeks ago", "1995-10-16")]
    );
    let t = pairs("Shares fell Friday, 4% below the previous Friday.", dct);
    assert_eq!(
        t,
        vec![p("Friday", "1995-10-27"), p("the previous Friday", "1995-10-20")]
    );
    assert_eq!(
        pairs("The talks lasted 5 1/2 hours.", dct),
        vec![p("5 1/2 hours", "PT5H30M")]
    );
    assert_eq!(
        pairs("Dealers sold heavily in the morning.", dct),
        vec![p("the morning", "1995-10-30TMO")]
    );
}

#[test]
fn the_day_before_or_after_a_named_day_is_one_expression() {
    // 2000-02-24 is a Thursday.
    let dct = Some("2000-02-24");
    assert_eq!(
        pairs("The day before last Tuesday's vote, the mayor resigned.", dct),
        vec![p("The day before last Tuesday", "2000-02-21")]
    );
    assert_eq!(
        pairs("Stores reopened the day after Christmas.", dct),
        vec![p("the day after Christmas", "1999-12-26")]
    );
    assert_eq!(
        pairs("He left on the day before March 1, 2000.", dct),
        vec![p("the day before March 1, 2000", "2000-02-29")]
    );
}

#[test]
fn a_vague_count_from_a_story_date_is_a_length_not_a_reference_to_now() {
    let text = "The dam burst on March 3, 2015. A few days later the river fell. Aid came a few weeks ago.";
    let found = run(text, Some("2016-09-05"));
    let got: Vec<(&str, TimexType, &str)> = found
        .iter()
        .map(|t| (t.text.as_str(), t.kind, t.value.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("March 3, 2015", TimexType::Date, "2015-03-03"),
            ("A few days later", TimexType::Duration, "PXD"),
            ("a few weeks ago", TimexType::Date, "PAST_REF"),
        ]
    );
}

#[test]
fn following_and_last_month_names() {
    let text = "The plant opened in April 2012. The following month it closed. Prices fell last February.";
    let got = pairs(text, Some("2016-03-10"));
    assert_eq!(got[1], p("The following month", "2012-05"));
    // "last February" said in March is a year ago: "last month" would have been said otherwise.
    assert_eq!(got[2], p("last February", "2015-02"));
}

#[test]
fn last_or_next_before_a_month_and_day_picks_that_days_occurrence() {
    // 1999-04-19: "last Oct. 23" is the one of 1998, "next March 3" the one of 2000; one expression each.
    let text = "The mill closed last Oct. 23 and reopens next March 3.";
    assert_eq!(
        pairs(text, Some("1999-04-19")),
        vec![p("last Oct. 23", "1998-10-23"), p("next March 3", "2000-03-03")]
    );
}

#[test]
fn a_day_and_month_with_last_or_this_year_is_one_date() {
    let dct = Some("2016-09-05");
    assert_eq!(
        pairs("Russia began air strikes in Syria on September 30 last year.", dct),
        vec![p("September 30 last year", "2015-09-30")]
    );
    assert_eq!(
        pairs("The law took effect on 1 January this year.", dct),
        vec![p("1 January this year", "2016-01-01")]
    );
}

#[test]
fn a_weekday_with_a_day_of_the_month_names_the_month_it_falls_in() {
    // Tuesday 12 February 2013: the 19th is next Tuesday, the 9th was last Saturday; a count is no day.
    let dct = Some("2013-02-12");
    assert_eq!(
        pairs("The vote is on Tuesday 19th.", dct),
        vec![p("Tuesday 19th", "2013-02-19")]
    );
    assert_eq!(
        pairs("The fire broke out on Saturday the 9th.", dct),
        vec![p("Saturday the 9th", "2013-02-09")]
    );
    // 29 March 2013 is a Friday, as 29 January was not: the month is the one where the weekday fits.
    assert_eq!(
        pairs("The fair opens Friday 29th.", dct),
        vec![p("Friday 29th", "2013-03-29")]
    );
    assert_eq!(
        pairs("On Tuesday 19 people died.", dct),
        vec![p("Tuesday", "2013-02-12")]
    );
    assert_eq!(run("The vote is on Tuesday 19th.", None)[0].value, "XXXX-XX-19");
}

#[test]
fn results_quarters_compare_year_over_year() {
    let text = "Profit rose in the third quarter, up from a year ago. The quarter ended with a rally.";
    let got = pairs(text, Some("2016-10-20"));
    assert_eq!(
        got,
        vec![
            p("the third quarter", "2016-Q3"),
            p("a year ago", "2015-Q3"),
            p("The quarter", "2016-Q3")
        ]
    );
    assert!(run("They live in the quarter of the old city.", Some("2016-10-20")).is_empty());
}

#[test]
fn results_stories_compare_with_the_year_ago_quarter() {
    let text = "Acme said third-quarter profit rose to $5 million from $4 million a year ago. \
                Sales in the year-earlier period were lower. Year-earlier results included a charge. \
                Profit in the latest quarter beat this year's second quarter.";
    let got = pairs(text, Some("1995-11-02"));
    assert!(got.contains(&p("third-quarter", "1995-Q3")), "{got:?}");
    assert!(got.contains(&p("a year ago", "1994-Q3")), "{got:?}");
    assert!(got.contains(&p("the year-earlier period", "1994-Q3")), "{got:?}");
    assert!(got.contains(&p("Year-earlier", "1994-Q3")), "{got:?}");
    assert!(got.contains(&p("the latest quarter", "1995-Q3")), "{got:?}");
    assert!(got.contains(&p("this year's second quarter", "1995-Q2")), "{got:?}");
}

#[test]
fn reporting_periods_and_the_year_under_discussion() {
    let dct = Some("1995-10-30");
    let t = run(
        "Revenue for the year ended June 30 rose, reaching a high for the year in May.",
        dct,
    );
    let got: Vec<(String, TimexType, String)> = t.into_iter().map(|x| (x.text, x.kind, x.value)).collect();
    assert_eq!(got[0], ("the year".to_string(), TimexType::Duration, "P1Y".to_string()));
    assert_eq!(
        got[1],
        ("June 30".to_string(), TimexType::Date, "1995-06-30".to_string())
    );
    assert_eq!(got[2], ("the year".to_string(), TimexType::Date, "1995".to_string()));
    assert_eq!(
        pairs(
            "Growth will slow in the current quarter and the second half of 1996.",
            dct
        ),
        vec![
            p("the current quarter", "1995-Q4"),
            p("the second half of 1996", "1996-H2")
        ]
    );
    assert_eq!(
        pairs(
            "Acme lost money in the third quarter of $5 million; in the quarter a year ago it earned more.",
            dct
        ),
        vec![
            p("the third quarter", "1995-Q3"),
            p("the quarter a year ago", "1994-Q3")
        ]
    );
    // No quarter named: the last one completed, a year back.
    assert_eq!(
        pairs("It earned less than in last year's quarter.", dct)[0],
        p("last year's quarter", "1994-Q3")
    );
}

#[test]
fn a_period_end_date_keeps_the_quarter_as_topic() {
    let t = pairs(
        "Acme earned $4 million in the fiscal first quarter ended Sept. 30, against a loss a year ago.",
        Some("1995-10-26"),
    );
    assert!(t.contains(&p("a year ago", "1994-Q1")), "{t:?}");
}

#[test]
fn a_hyphenated_quarter_compound_is_not_the_period() {
    let dct = Some("1995-10-30");
    assert!(pairs("The quarter-to-quarter comparison was flattering.", dct).is_empty());
    assert_eq!(pairs("The quarter was weak.", dct), vec![p("The quarter", "1995-Q3")]);
}

#[test]
fn half_of_a_fiscal_year() {
    let t = run(
        "Revenue grew through the first half of fiscal 2009.",
        Some("2009-03-23"),
    );
    assert_eq!(
        (t[0].text.as_str(), t[0].value.as_str()),
        ("the first half of fiscal 2009", "2009-H1")
    );
}

#[test]
fn periods_seasons_decades_and_modifiers() {
    let text = "In the summer of 2016, as in the 1990s and the 19th century, prices fell in late November \
                and in the third quarter of 2015.";
    let t = run(text, Some("2016-12-01"));
    let got: Vec<(&str, &str, Option<&str>)> = t
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_str(), t.modifier.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("summer of 2016", "2016-SU", None),
            ("1990s", "199", None),
            ("the 19th century", "18", None),
            ("late November", "2016-11", Some("END")),
            ("the third quarter of 2015", "2015-Q3", None),
        ]
    );
}
