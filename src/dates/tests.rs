//! Unit tests of the dates engine on sentences written for them.

use super::*;
use crate::lang::Language;
use crate::model::TimexType;
use crate::segment::segment;

fn run(text: &str, dct: Option<&str>) -> Vec<Timex> {
    let segs = segment(text, Language::english());
    extract(text, &segs, dct).0
}

fn pairs(text: &str, dct: Option<&str>) -> Vec<(String, String)> {
    run(text, dct).into_iter().map(|t| (t.text, t.value)).collect()
}

fn p(a: &str, b: &str) -> (String, String) {
    (a.to_string(), b.to_string())
}

#[test]
fn absolute_dates_in_news_formats() {
    let text = "The treaty was signed on Sept. 5, 2016 and ratified on 12 October 2016, not in March 2011.";
    assert_eq!(
        pairs(text, None),
        vec![
            p("Sept. 5, 2016", "2016-09-05"),
            p("12 October 2016", "2016-10-12"),
            p("March 2011", "2011-03")
        ]
    );
}

#[test]
fn weekdays_follow_tense_and_the_dct_weekday() {
    // 2016-09-05 is a Monday.
    let text = "Officials met on Monday. Rebels attacked on Sunday. The envoy will arrive on Friday.";
    assert_eq!(
        pairs(text, Some("2016-09-05")),
        vec![
            p("Monday", "2016-09-05"),
            p("Sunday", "2016-09-04"),
            p("Friday", "2016-09-09")
        ]
    );
}

#[test]
fn weak_evidence_keeps_the_other_reading() {
    let t = run("Thursday the markets look calm", Some("2016-09-05"));
    assert_eq!(t[0].value, "2016-09-01");
    assert_eq!(t[0].alternatives, vec!["2016-09-08".to_string()]);
}

#[test]
fn deadlines_and_modals_look_ahead_unless_a_verb_looks_back() {
    // (document date, text, value of its first expression). Monday 23 March 2009 unless said.
    let cases = [
        ("2009-03-23", "Tickets must be purchased by Thursday.", "2009-03-26"),
        ("2009-03-23", "The city has until January to repay the loan.", "2010-01"),
        ("2009-03-23", "The city repaid the loan in January.", "2009-01"),
        (
            "2009-03-19",
            "Oklahoma comes to town for a series beginning Friday.",
            "2009-03-20",
        ),
        // 2009-03-25 is a Wednesday: a fixture announced in the present.
        (
            "2009-03-25",
            "The fire department hosts its fundraiser Saturday.",
            "2009-03-28",
        ),
        // "through" after a word is a deadline; after a time it ends a stretch, which points nowhere by itself.
        (
            "2009-03-23",
            "The centre has funding to stay open through Friday.",
            "2009-03-27",
        ),
        (
            "2009-03-23",
            "The vote gives the staff through August to act.",
            "2009-08",
        ),
        ("2009-03-23", "By Saturday they ventured into the water.", "2009-03-21"),
        (
            "2009-03-23",
            "Commissioners may vote Thursday on the rate.",
            "2009-03-26",
        ),
        (
            "2009-03-23",
            "Commissioners may have voted Thursday on the rate.",
            "2009-03-19",
        ),
        ("2009-03-23", "Residents may have to wait until Thursday.", "2009-03-26"),
        (
            "2009-03-23",
            "At 5 this evening the council meets; it met Thursday at 5 that evening.",
            "2009-03-23T17:00",
        ),
        ("2009-03-23", "He expects to attend Ohio State in the fall.", "2009-FA"),
        // "May" the month is no modal: the bare weekday keeps its past reading.
        ("2009-03-23", "Thursday talks in May collapsed.", "2009-03-19"),
        // Monday 30 March 2009: a start at the head of the sentence looks ahead, a comparison does not.
        ("2009-03-30", "From July, pupils will get the pill by text.", "2009-07"),
        ("2009-03-30", "But from Wednesday every resident pays.", "2009-04-01"),
        ("2009-03-30", "Sales rose 6 percent from January.", "2009-01"),
        (
            "2009-03-30",
            "It doubled in size from Thursday to Friday.",
            "2009-03-26",
        ),
        // Wednesday 25 March 2009: "the weekend" and a later quarter look ahead after a deadline too.
        (
            "2009-03-25",
            "Crews should finish the repairs by the weekend.",
            "2009-W13-WE",
        ),
        (
            "2009-03-25",
            "Crews finished the repairs by the weekend.",
            "2009-W12-WE",
        ),
        ("2009-03-25", "Profit should recover by the fourth quarter.", "2009-Q4"),
        // A headline's infinitive after its capitalised subject is its future; before a determiner "to" is a
        // preposition. Preparing for a date looks ahead.
        ("2009-03-24", "Real Betis, Porto to meet at Wembley in July.", "2009-07"),
        (
            "2009-03-22",
            "Grant to run out on Friday for Elm Street shelter.",
            "2009-03-27",
        ),
        ("2009-03-24", "Kerry to the Senate in July.", "2008-07"),
        (
            "2009-03-24",
            "The academy is gearing up for its first term on September 8.",
            "2009-09-08",
        ),
    ];
    for (dct, text, want) in cases {
        assert_eq!(run(text, Some(dct))[0].value, want, "{text}");
    }
    assert_eq!(
        pairs("Sales were flat this year through August.", Some("1989-10-27")),
        vec![p("this year", "1989"), p("August", "1989-08")]
    );
    let dct = Some("2009-03-23");
    let span = run("She has shown dogs for the past eight to 10 years.", dct);
    assert_eq!(
        (span[0].text.as_str(), span[0].value.as_str()),
        ("the past eight to 10 years", "P8Y")
    );
    let split = run("The project runs from August to May 1, 2010.", dct);
    assert_eq!(
        split.last().map(|t| (t.text.as_str(), t.value.as_str())),
        Some(("May 1, 2010", "2010-05-01"))
    );
}

#[test]
fn no_dct_leaves_underspecified_values_and_warns() {
    let text = "Talks ended on Sunday. The storm hit Sept 4.";
    let segs = segment(text, Language::english());
    let (t, w) = extract(text, &segs, None);
    assert_eq!(t[0].value, "XXXX-WXX-7");
    assert_eq!(t[1].value, "XXXX-09-04");
    assert!(w.iter().any(|w| w.code == "no_dct"));
}

#[test]
fn durations_sets_and_vague_references() {
    let text =
        "After a 90-minute meeting and more than five years of war, talks resume every Friday and twice a year; \
                aid will come in the coming days, the minister said recently.";
    let t = run(text, Some("2016-09-05"));
    let got: Vec<(&str, TimexType, &str)> = t.iter().map(|t| (t.text.as_str(), t.kind, t.value.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("90-minute", TimexType::Duration, "PT90M"),
            ("more than five years", TimexType::Duration, "P5Y"),
            ("every Friday", TimexType::Set, "XXXX-WXX-5"),
            ("twice a year", TimexType::Set, "P1Y"),
            ("the coming days", TimexType::Date, "FUTURE_REF"),
            ("recently", TimexType::Date, "PAST_REF"),
        ]
    );
    assert_eq!(t[1].modifier.as_deref(), Some("MORE_THAN"));
    assert_eq!(t[3].freq.as_deref(), Some("2X"));
}

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
fn a_second_season_after_and_is_one_too_but_a_name_is_not() {
    let dct = Some("2009-03-21");
    assert_eq!(
        pairs("Ferries stop running during the winter and spring.", dct),
        vec![p("the winter", "2009-WI"), p("spring", "2009-SP")]
    );
    assert!(run("Prices rose and fall again; they may rise or fall.", dct).is_empty());
    assert!(run("The city funds the Summer Reading Club.", dct).is_empty());
}

#[test]
fn a_hyphenated_range_of_counts_is_one_length() {
    let dct = Some("2009-03-24");
    assert_eq!(
        pairs("The plan spans the next 18-24 months.", dct),
        vec![p("the next 18-24 months", "P18M")]
    );
    assert_eq!(
        pairs("The score was 3-1 after 90 minutes.", dct),
        vec![p("90 minutes", "PT90M")]
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
fn last_after_a_modal_is_the_verb() {
    let dct = Some("2009-03-24");
    assert_eq!(
        pairs("The drought could last a decade.", dct),
        vec![p("a decade", "P10Y")]
    );
    assert_eq!(
        pairs("The trial is expected to last two weeks.", dct),
        vec![p("two weeks", "P2W")]
    );
    assert_eq!(pairs("He left last week.", dct), vec![p("last week", "2009-W12")]);
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

#[test]
fn times_and_parts_of_day() {
    let text = "The blast came on Monday morning; a second one at 2:30 p.m. GMT.";
    let t = run(text, Some("2016-09-05"));
    assert_eq!(t[0].value, "2016-09-05TMO");
    assert_eq!(t[0].kind, TimexType::Date, "a part of a named day is typed DATE");
    assert_eq!(t[1].text, "2:30 p.m. GMT");
    assert_eq!(t[1].value, "2016-09-05T14:30");
    // A midnight still ahead closes the day (hour 24); one already past opened it.
    let dct = Some("2012-08-10");
    assert_eq!(
        pairs("The curfew starts at midnight.", dct),
        vec![p("midnight", "2012-08-10T24:00")]
    );
    assert_eq!(
        pairs("The blast hit shortly after midnight.", dct),
        vec![p("midnight", "2012-08-10T00:00")]
    );
}

#[test]
fn ranges_keep_begin_and_end() {
    let t = run(
        "The fair will run 5-7 September, as it did from 2011 to 2016.",
        Some("2016-08-01"),
    );
    assert_eq!(t[0].begin.as_deref(), Some("2016-09-05"));
    assert_eq!(t[0].end.as_deref(), Some("2016-09-07"));
    assert_eq!(t[1].begin.as_deref(), Some("2011"));
    assert_eq!(t[1].end.as_deref(), Some("2016"));
}

#[test]
fn possessive_weekday_is_a_date_and_ids_run_in_order() {
    let t = run("Monday's blasts followed Sunday's talks.", Some("2016-09-05"));
    assert_eq!(t.iter().map(|t| t.id.as_str()).collect::<Vec<_>>(), vec!["t1", "t2"]);
    assert_eq!(t[0].value, "2016-09-05");
    assert_eq!(t[1].value, "2016-09-04");
}

#[test]
fn dateline_sets_the_dct() {
    for (text, value) in [
        (
            "Storm hits coast\n\nAFP , Monday 5 Sep 2016\n\nThe storm came on Sunday.",
            "2016-09-05",
        ),
        (
            "HANGZHOU, China, Sept 5, 2016 (AFP) - Leaders met on Sunday.",
            "2016-09-05",
        ),
        (
            "Storm hits coast\nPublished: 5/9/2016 14:02 GMT\nThe storm came.",
            "2016-09-05T14:02",
        ),
        (
            "Storm hits coast\nMonday 5 September 2016\nThe storm came.",
            "2016-09-05",
        ),
        (
            "Storm hits coast\nUpdated 14:02 GMT, Monday 5 September 2016\nThe storm came.",
            "2016-09-05",
        ),
        (
            "Storm hits coast\nPublished Sept. 5, 2016 2:02 p.m. ET\nThe storm came.",
            "2016-09-05T14:02",
        ),
    ] {
        let segs = segment(text, Language::english());
        let dct = resolve_dct(text, &segs, &Options::default());
        assert_eq!(dct.value.as_deref(), Some(value), "{text}");
        assert_eq!(dct.source, DctSource::Dateline);
    }
}

#[test]
fn user_and_meta_dct_win_over_the_text() {
    let text = "AFP , Monday 5 Sep 2016\n\nText.";
    let segs = segment(text, Language::english());
    let meta = Options {
        meta_dct: Some("2016-09-06T14:02:00Z".into()),
        ..Options::default()
    };
    let from_meta = resolve_dct(text, &segs, &meta);
    assert_eq!(from_meta.source, DctSource::Meta);
    assert_eq!(from_meta.value.as_deref(), Some("2016-09-06T14:02"));
    let user = Options {
        dct: Some("2016-09-07".into()),
        ..meta
    };
    assert_eq!(resolve_dct(text, &segs, &user).value.as_deref(), Some("2016-09-07"));
}

#[test]
fn arbitrary_input_does_not_panic() {
    for text in [
        "",
        "🙂 12/12/12 ½ Sept. 31, 2016 ’90s",
        "9999-99-99 25:61 p.m. every",
        "\u{0}\u{FFFF} May May",
        "99999999999999999999 years ago, every 99999999999999999999 decades, 99999999 days later",
        "from 2099 to 2016 between 31 and 2 March Sept. 31-33 2016 the 99th century 0th century",
        "In 99999999999 hours, 23:59:59 12-1 pm 0:00-0:00 half past twelve 99 minutes to midnight Friday 31/Feb/74",
        "Feb. 30 - Feb. 31, 2016 from December to May 0000 the 31st of february 99/99/99 Sunday 31/31/2016",
    ] {
        let _ = run(text, Some("2016-09-05"));
        let _ = run(text, None);
    }
}

#[test]
fn clock_times_take_the_date_written_with_them() {
    let t = run(
        "Voting closes at 5 p.m. EST, Nov. 6, the board said.",
        Some("2016-10-30"),
    );
    assert_eq!(t[0].text, "5 p.m. EST, Nov. 6");
    assert_eq!((t[0].kind, t[0].value.as_str()), (TimexType::Time, "2016-11-06T17:00"));
    // A clock time with no day of its own takes the day of its sentence or of the sentence just before, however
    // far; two sentences on, an old date is background and the document's day counts.
    let dct = Some("2009-03-15");
    assert_eq!(
        pairs(
            "The concert of Saturday, Feb. 9, 2008, has moved. The choir sings at 3:30 p.m.",
            dct
        ),
        vec![
            p("Saturday, Feb. 9, 2008", "2008-02-09"),
            p("3:30 p.m.", "2008-02-09T15:30")
        ]
    );
    assert_eq!(
        pairs(
            "He was born on Jan. 5, 1950. He grew up here. Police were called at 6 a.m.",
            dct
        ),
        vec![p("Jan. 5, 1950", "1950-01-05"), p("6 a.m.", "2009-03-15T06:00")]
    );
    // The time elsewhere may stand in brackets between a clock and its day.
    assert_eq!(
        pairs(
            "The truce expires at midnight (2100 GMT) on Wednesday.",
            Some("2016-09-05")
        ),
        vec![p("midnight (2100 GMT) on Wednesday", "2016-09-07T24:00")]
    );
    assert_eq!(
        pairs("It starts at 7 pm (1600 GMT) on Monday.", Some("2016-09-05")),
        vec![p("7 pm (1600 GMT) on Monday", "2016-09-05T19:00")]
    );
    // Wire style: four digits and a zone take the day written beside them, before or after.
    let dct = Some("2017-06-24");
    assert_eq!(
        pairs("The ferry sank at around 6 am (2200 GMT Friday) off the coast.", dct),
        vec![p("6 am", "2017-06-24T06:00"), p("2200 GMT Friday", "2017-06-23T22:00")]
    );
    assert_eq!(
        pairs("The truce starts Monday at 1500 GMT.", Some("2016-09-05")),
        vec![p("Monday at 1500 GMT", "2016-09-05T15:00")]
    );
    assert_eq!(
        pairs("The truce began at 1500 GMT on 3 September.", Some("2016-09-05")),
        vec![p("1500 GMT on 3 September", "2016-09-03T15:00")]
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
fn ages_counts_and_names_are_not_dates() {
    let text =
        "A 9-year-old boy, the 44-year-old and 2016 people read the Sunday Times on page 12 after the 9/11 attacks; the score was 3-1.";
    assert!(
        run(text, Some("2016-09-05")).is_empty(),
        "{:?}",
        pairs(text, Some("2016-09-05"))
    );
}

#[test]
fn a_month_that_is_also_a_word_needs_a_preposition_or_a_possessive() {
    let dct = Some("2009-03-17");
    assert_eq!(
        pairs("Riverton’s March tax cheque rose 9 percent.", dct),
        vec![p("March", "2009-03")]
    );
    assert_eq!(
        pairs("The city's March payment was late.", dct),
        vec![p("March", "2009-03")]
    );
    assert!(run("The troops march on while the March for Babies waits.", dct).is_empty());
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
fn the_age_of_a_war_is_a_duration_but_a_persons_age_is_not_a_timex() {
    let t = run(
        "The five-year-old war has killed many; a 44-year-old Syrian man died.",
        Some("2016-09-05"),
    );
    assert_eq!(t.len(), 1);
    assert_eq!((t[0].text.as_str(), t[0].value.as_str()), ("five-year-old", "P5Y"));
    let t = run("The blast came at 4 in the afternoon.", Some("2016-09-05"));
    assert_eq!(t[0].value, "2016-09-05T16:00");
}

#[test]
fn nth_weekday_of_a_month() {
    let got = pairs("Elections are held on the first Tuesday of November 2016.", None);
    assert_eq!(got, vec![p("the first Tuesday of November 2016", "2016-11-01")]);
    assert!(run("A quarter of the city is flooded.", Some("2016-09-05")).is_empty());
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
fn vague_stretches_and_named_day_parts() {
    let t = run(
        "Prices climbed in recent weeks and may fall in the coming months. Talks collapsed on Friday night. \
         The plant will close by the year two thousand.",
        Some("1998-03-02"),
    );
    let find = |s: &str| {
        t.iter()
            .find(|x| x.text == s)
            .unwrap_or_else(|| panic!("{s} missing: {t:?}"))
    };
    assert_eq!(
        (find("recent weeks").kind, find("recent weeks").value.as_str()),
        (TimexType::Duration, "PXW")
    );
    assert_eq!(find("the coming months").value, "FUTURE_REF");
    assert_eq!(find("Friday night").kind, TimexType::Date);
    assert_eq!(find("Friday night").value, "1998-02-27TNI");
    assert_eq!(find("the year two thousand").value, "2000");
    // "previously" is no time expression of its own.
    assert!(run("He previously ran a bank.", Some("1998-03-02")).is_empty());
}

#[test]
fn reporting_verbs_after_a_quote_do_not_set_the_tense() {
    // 2016-09-07 is a Wednesday.
    let dct = Some("2016-09-07");
    let t = run("``The envoy will leave at 4 a.m. Thursday,'' the minister said.", dct);
    assert_eq!(t[0].value, "2016-09-08T04:00");
    let t = run("The minister said on Thursday the envoy had left.", dct);
    assert_eq!(t[0].value, "2016-09-01");
    assert_eq!(
        pairs("Fans will travel at the weekend.", dct),
        vec![p("the weekend", "2016-W36-WE")]
    );
    assert_eq!(
        pairs("Fans rioted at the weekend.", dct),
        vec![p("the weekend", "2016-W35-WE")]
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
fn past_tense_verbs_read_bare_months_backward() {
    // Irregular past ("brought"), an "-ed" verb several words before, "since": the past reading.
    let dct = Some("1995-11-02");
    assert_eq!(
        pairs("In January, the firm brought in a new chief who will stay on.", dct),
        vec![p("January", "1995-01")]
    );
    assert_eq!(
        pairs(
            "Mr. Ames, who stepped down as chairman and chief executive in March, is ill.",
            dct
        ),
        vec![p("March", "1995-03")]
    );
    assert_eq!(
        pairs("Police have searched for him since December.", dct),
        vec![p("December", "1994-12")]
    );
    // A bare verb after a modal or "to" has no tense either, even where its past form is the same ("cut", "put").
    let dct = Some("2009-03-15");
    for text in [
        "The company will cut 40 jobs in June.",
        "The mayor plans to cut 40 jobs in June.",
        "The board may put the plant up for sale in June.",
    ] {
        assert_eq!(pairs(text, dct), vec![p("June", "2009-06")], "{text}");
    }
    assert_eq!(
        pairs("The company cut 40 jobs in June.", dct),
        vec![p("June", "2008-06")]
    );
    let dct = Some("1995-11-02");
    // A participle after "be" has no tense: "will be held" looks ahead.
    assert_eq!(
        pairs("Elections will be held in March.", Some("2016-09-07")),
        vec![p("March", "2017-03")]
    );
    // A relative clause after the date does not set its tense; the verb before it does.
    assert_eq!(
        pairs("The shares issued July 1, which will earn less, were sold.", dct),
        vec![p("July 1", "1995-07-01")]
    );
    // The older British order writes the direction after the date; "last year" after a month is another rule.
    assert_eq!(
        pairs(
            "She gave birth on April 7 last. They meet on Monday next.",
            Some("2009-03-31")
        ),
        vec![p("April 7", "2008-04-07"), p("Monday", "2009-04-06")]
    );
    // A verb one preposition before the date governs it, whatever follows. 2015-04-02 is a Thursday.
    assert_eq!(
        pairs("The talks, which began on Monday, would continue.", Some("2015-04-02")),
        vec![p("Monday", "2015-03-30")]
    );
    // Nor does a "that" clause without a comma: "would" is the reported clause's verb.
    assert_eq!(
        pairs(
            "Parents learned Nov. 13 that the centre would close.",
            Some("2009-03-22")
        ),
        vec![p("Nov. 13", "2008-11-13")]
    );
    // 2009-03-26 is a Thursday.
    assert_eq!(
        pairs(
            "He told reporters Wednesday that he would run again.",
            Some("2009-03-26")
        ),
        vec![p("Wednesday", "2009-03-25")]
    );
    // A date naming what happened is past, even a near future month ahead; one naming a plan is not.
    assert_eq!(
        pairs("She pleaded no contest over the May 28 incident.", Some("2009-03-22")),
        vec![p("May 28", "2008-05-28")]
    );
    assert_eq!(
        pairs("She will speak at the May 28 meeting.", Some("2009-03-22")),
        vec![p("May 28", "2009-05-28")]
    );
}

#[test]
fn superseded_plans_read_backward() {
    // 1995-10-30 is a Monday.
    let t = run(
        "The offer had been scheduled to expire Friday evening.",
        Some("1995-10-30"),
    );
    assert_eq!(t[0].value, "1995-10-27TEV");
    let t = run("The offer is scheduled to expire Friday.", Some("1995-10-30"));
    assert_eq!(t[0].value, "1995-11-03");
    // A scheduling verb in the present looks ahead.
    let t = run("The offer expires Friday.", Some("1995-10-30"));
    assert_eq!(t[0].value, "1995-11-03");
    // A plan in the simple past weighs the past reading in (a date near ahead still wins); a progressive plan
    // ("were planning to") still looks ahead.
    let dct = Some("2016-12-19");
    assert_eq!(
        pairs("Her hearing was scheduled for Sept. 26 but was postponed.", dct),
        vec![p("Sept. 26", "2016-09-26")]
    );
    assert_eq!(
        pairs("The vote was scheduled for Nov. 6.", Some("2016-10-28")),
        vec![p("Nov. 6", "2016-11-06")]
    );
    assert_eq!(
        pairs(
            "Farmers were planning to block the bridge on Monday.",
            Some("2000-01-07")
        ),
        vec![p("Monday", "2000-01-10")]
    );
}

#[test]
fn ages_rates_and_story_steps_are_not_time_expressions() {
    let dct = Some("1995-10-30");
    assert!(run("The chairman, 63 years old, resigned.", dct).is_empty());
    assert!(run("The plan saves $500 million a year and 3,000 jobs a month.", dct).is_empty());
    assert!(run("He was soon released. Prices fell soon after the vote.", dct).is_empty());
    assert!(run("Shares rose as soon as trading opened.", dct).is_empty());
    assert_eq!(pairs("The firm will soon expand.", dct), vec![p("soon", "FUTURE_REF")]);
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
fn a_hyphenated_quarter_compound_is_not_the_period() {
    let dct = Some("1995-10-30");
    assert!(pairs("The quarter-to-quarter comparison was flattering.", dct).is_empty());
    assert_eq!(pairs("The quarter was weak.", dct), vec![p("The quarter", "1995-Q3")]);
}

#[test]
fn one_day_after_a_future_modal_is_some_future_day() {
    let dct = Some("1998-03-03");
    assert_eq!(
        pairs("Experts say the city will one day be the capital.", dct),
        vec![p("one day", "FUTURE_REF")]
    );
    assert_eq!(pairs("The strike lasted one day.", dct), vec![p("one day", "P1D")]);
}

#[test]
fn a_feast_week_is_the_week_of_the_feast() {
    // Easter 2000 fell on Sunday, April 23 (ISO week 16).
    assert_eq!(
        pairs("Pilgrims arrived as Easter week began.", Some("2000-04-17")),
        vec![p("Easter week", "2000-W16")]
    );
}

#[test]
fn a_short_month_name_before_a_capitalised_word_is_a_first_name() {
    let dct = Some("1999-03-13");
    assert!(pairs("The envoys of Poland and Jan Novak of Slovakia signed.", dct).is_empty());
    assert_eq!(
        pairs("Prices rose in Jan, traders said.", dct),
        vec![p("Jan", "1999-01")]
    );
}

#[test]
fn computed_holidays_and_ordinal_days() {
    // 2016-09-05 is a Monday; US Election Day 2016 was Tuesday, November 8, and Black Friday November 25.
    let dct = Some("2016-09-05");
    assert_eq!(
        pairs("Voters go to the polls on Election Day 2016.", dct),
        vec![p("Election Day 2016", "2016-11-08")]
    );
    assert_eq!(
        pairs("Stores opened early on Black Friday 2016.", dct),
        vec![p("Black Friday 2016", "2016-11-25")]
    );
    assert_eq!(
        pairs("The law took effect on the first of March 2015.", dct),
        vec![p("the first of March 2015", "2015-03-01")]
    );
    assert_eq!(
        pairs("The vote was held on May eighth, 2010.", dct),
        vec![p("May eighth, 2010", "2010-05-08")]
    );
    // An ordinal of something else is no day: "May first-half sales", "in March second quarter".
    let t = pairs("Acme said May first-half sales rose.", dct);
    assert!(t.iter().all(|(text, _)| !text.starts_with("May")), "{t:?}");
}

#[test]
fn a_weekday_beside_a_date_picks_its_year() {
    // The document is dated 15 March 2009, but 18 February fell on a Monday in 2008 (a Wednesday in 2009).
    let dct = Some("2009-03-15");
    assert_eq!(
        pairs("Tryouts begin Monday, Feb. 18, at the school.", dct),
        vec![p("Monday, Feb. 18", "2008-02-18")]
    );
    assert_eq!(
        pairs("The game was played Saturday, Feb. 14, at home.", dct),
        vec![p("Saturday, Feb. 14", "2009-02-14")]
    );
}

#[test]
fn compact_news_and_listing_formats() {
    let dct = Some("2016-09-05");
    assert_eq!(
        pairs("Posted Fri, Jul 18, 2014 by the desk.", dct),
        vec![p("Fri, Jul 18, 2014", "2014-07-18")]
    );
    assert_eq!(
        pairs("Filed 18-Jul-2014 in Geneva.", dct),
        vec![p("18-Jul-2014", "2014-07-18")]
    );
    // A short weekday without a day or year next to it may be a name ("shares of Sun rose").
    assert!(run("Analysts were upbeat on Sun and Oracle.", dct).is_empty());
    assert_eq!(
        pairs("The summit opens on 24 October 2016, 9 pm local time.", dct),
        vec![p("24 October 2016, 9 pm local time", "2016-10-24T21:00")]
    );
    assert_eq!(
        pairs("Polls close on 5 September 2016 at 14:30 GMT.", dct),
        vec![p("5 September 2016 at 14:30 GMT", "2016-09-05T14:30")]
    );
    assert_eq!(
        pairs("The board meets on the first Monday of next month.", dct),
        vec![p("the first Monday of next month", "2016-10-03")]
    );
}

#[test]
fn rates_are_not_recurrences() {
    let dct = Some("1998-03-02");
    assert!(run("Sales are expected to grow 8.5% annually.", dct).is_empty());
    assert!(run("The plant makes 10,000 units annually.", dct).is_empty());
    let t = run("The report is published annually.", dct);
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!((t[0].kind, t[0].value.as_str()), (TimexType::Set, "P1Y"));
}

#[test]
fn islamic_and_jewish_holidays() {
    // 2016-09-05 is a Monday: Eid al-Adha 1437 is next week by the Umm al-Qura calendar, Rosh Hashanah 5777 in October.
    let dct = Some("2016-09-05");
    assert_eq!(
        pairs(
            "Families prepared for Eid al-Adha, and talks resume after Rosh Hashanah.",
            dct
        ),
        vec![p("Eid al-Adha", "2016-09-11"), p("Rosh Hashanah", "2016-10-03")]
    );
    assert_eq!(
        pairs("The truce held through Ramadan 2016 and Passover 2018.", dct),
        vec![p("Ramadan 2016", "2016-06-06"), p("Passover 2018", "2018-03-31")]
    );
}

#[test]
fn counts_under_a_day_are_clock_times_from_the_dct() {
    // A DCT with a clock: "ago" and "from now" move it; seconds show when counted in seconds.
    let dct = Some("2016-09-05T14:02");
    let t = run(
        "Police arrived three hours ago, the alarm sounded 30 seconds ago and the road reopens 45 minutes from now.",
        dct,
    );
    let got: Vec<(&str, TimexType, &str)> = t.iter().map(|t| (t.text.as_str(), t.kind, t.value.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("three hours ago", TimexType::Time, "2016-09-05T11:02"),
            ("30 seconds ago", TimexType::Time, "2016-09-05T14:01:30"),
            ("45 minutes from now", TimexType::Time, "2016-09-05T14:47"),
        ]
    );
    assert_eq!(t[0].anchor.as_deref(), Some("dct"));
    // Across midnight, and with seconds in the DCT.
    assert_eq!(
        pairs("The fire started 12 hours ago.", Some("2016-09-05 09:00:15")),
        vec![p("12 hours ago", "2016-09-04T21:00:15")]
    );
    assert_eq!(
        pairs("The ferry sank half an hour ago.", dct),
        vec![p("half an hour ago", "2016-09-05T13:32")]
    );
    // A date-only DCT: the day the count lands on, whole days counted.
    let t = run(
        "Police arrived three hours ago; the fire began 36 hours ago.",
        Some("2016-09-05"),
    );
    let got: Vec<(TimexType, &str)> = t.iter().map(|t| (t.kind, t.value.as_str())).collect();
    assert_eq!(
        got,
        vec![(TimexType::Date, "2016-09-05"), (TimexType::Date, "2016-09-04")]
    );
    // Vague counts and anaphoric directions keep their old readings.
    assert_eq!(
        pairs("It rained a few hours ago.", dct),
        vec![p("a few hours ago", "PTXH")]
    );
    assert_eq!(
        pairs("The rebels struck two hours later.", dct),
        vec![p("two hours later", "PT2H")]
    );
}

#[test]
fn in_minutes_is_a_point_only_when_it_opens_the_sentence() {
    let dct = Some("2016-09-05T14:02");
    let t = run("In ten minutes, the polls close. The race was won in ten minutes.", dct);
    let got: Vec<(&str, TimexType, &str)> = t.iter().map(|t| (t.text.as_str(), t.kind, t.value.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("ten minutes", TimexType::Time, "2016-09-05T14:12"),
            ("ten minutes", TimexType::Duration, "PT10M"),
        ]
    );
    // Days are not clock counts: "in 10 days" stays a length wherever it stands.
    assert_eq!(pairs("In 10 days the envoy returns.", dct), vec![p("10 days", "P10D")]);
}

#[test]
fn clock_shapes_with_seconds_fractions_and_ranges() {
    let dct = Some("2016-09-05");
    assert_eq!(
        pairs("The quake struck at 15:23:24 and again at 9:01:10 p.m.", dct),
        vec![
            p("15:23:24", "2016-09-05T15:23:24"),
            p("9:01:10 p.m.", "2016-09-05T21:01:10")
        ]
    );
    // A race time has no am/pm and a one-digit hour: not a clock time.
    assert!(run("She won the marathon in 2:08:44.", dct).is_empty());
    assert_eq!(
        pairs(
            "The vote ended at half past three pm and the count began a quarter to noon.",
            dct
        ),
        vec![
            p("half past three pm", "2016-09-05T15:30"),
            p("a quarter to noon", "2016-09-05T11:45")
        ]
    );
    let t = run("Polls are open 7 a.m.-8 p.m. and the office from 3:30 to 6 p.m.", dct);
    let got: Vec<(&str, Option<&str>, Option<&str>)> = t
        .iter()
        .map(|t| (t.text.as_str(), t.begin.as_deref(), t.end.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("7 a.m.-8 p.m.", Some("2016-09-05T07:00"), Some("2016-09-05T20:00")),
            (
                "from 3:30 to 6 p.m.",
                Some("2016-09-05T15:30"),
                Some("2016-09-05T18:00")
            ),
        ]
    );
    // "11-1 pm" starts before noon.
    assert_eq!(
        run("Lunch is served 11-1 pm.", dct)[0].begin.as_deref(),
        Some("2016-09-05T11:00")
    );
    // A score is no range.
    assert!(run("They won 3-4 in the final.", dct).is_empty());
    // 2016-09-05 is a Monday; the deadline closes Friday.
    assert_eq!(
        pairs("The ultimatum expires at midnight Friday.", dct),
        vec![p("midnight Friday", "2016-09-09T24:00")]
    );
    assert_eq!(
        pairs(
            "The speech is scheduled tonight at 8 and the vote at 10 tomorrow morning.",
            dct
        ),
        vec![
            p("tonight at 8", "2016-09-05T20:00"),
            p("10 tomorrow morning", "2016-09-06T10:00")
        ]
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
fn day_of_month_forms_and_two_digit_years() {
    let dct = Some("2016-09-05");
    assert_eq!(
        pairs(
            "the talks will open on the 1st of march and close on the third of may.",
            dct
        ),
        vec![p("the 1st of march", "2017-03-01"), p("the third of may", "2017-05-03")]
    );
    // "a third of" is a fraction, and a lower-case month alone stays a verb.
    assert!(run("A third of march organisers may march again.", dct).is_empty());
    assert_eq!(
        pairs("The treaty was signed February the 15th.", dct),
        vec![p("February the 15th", "2016-02-15")]
    );
    assert_eq!(
        pairs("The company was founded 10/31/74 and listed on 31-Oct-05.", dct),
        vec![p("10/31/74", "1974-10-31"), p("31-Oct-05", "2005-10-31")]
    );
    assert_eq!(
        pairs("It opened on Aug. 9, '96.", dct),
        vec![p("Aug. 9, '96", "1996-08-09")]
    );
    // A clipped year after a preposition; a quoted number alone is not one.
    assert_eq!(
        pairs("He left in '94 and the class of ’68 met since '09.", dct),
        vec![p("'94", "1994"), p("’68", "1968"), p("'09", "2009")]
    );
    assert!(run("He wore '94 on his shirt.", dct).is_empty());
    // The weekday settles the order: 12/7/2014 read day first is a Saturday, month first a Sunday.
    assert_eq!(
        pairs("The vote was held Sunday 12/7/2014.", dct),
        vec![p("Sunday 12/7/2014", "2014-12-07")]
    );
}

#[test]
fn ranges_across_months() {
    let dct = Some("2016-09-05");
    let t = run(
        "The festival runs Aug. 8 - Sept. 12, 2013, and the fair July 13 through 15.",
        dct,
    );
    let got: Vec<(&str, Option<&str>, Option<&str>)> = t
        .iter()
        .map(|t| (t.text.as_str(), t.begin.as_deref(), t.end.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Aug. 8 - Sept. 12, 2013", Some("2013-08-08"), Some("2013-09-12")),
            ("July 13 through 15", Some("2016-07-13"), Some("2016-07-15")),
        ]
    );
    // The year written closes the range.
    let t = run("The season ran Nov. 1 - March 31, 2002.", dct);
    assert_eq!(t[0].begin.as_deref(), Some("2001-11-01"));
}

#[test]
fn more_holidays() {
    let dct = Some("2016-09-05");
    assert_eq!(
        pairs(
            "Orthodox Easter 2018, Clean Monday 2018 and St Paddy's Day 2019 fell on weekdays.",
            dct
        ),
        vec![
            p("Orthodox Easter 2018", "2018-04-08"),
            p("Clean Monday 2018", "2018-02-19"),
            p("St Paddy's Day 2019", "2019-03-17")
        ]
    );
    // 16 October 2016 was a Sunday: Boss's Day moved to the Monday.
    assert_eq!(
        pairs("Boss's Day 2016 was quiet.", dct),
        vec![p("Boss's Day 2016", "2016-10-17")]
    );
    assert!(run("It was his boss's day off.", dct).is_empty());
}

#[test]
fn ranges_closed_by_a_year_and_listing_dates() {
    let dct = Some("2016-09-05");
    // The year written after the second month closes the range: it began the year before.
    let t = run("The freeze lasted from December to May 2015.", dct);
    assert_eq!(
        (t[0].begin.as_deref(), t[0].end.as_deref()),
        (Some("2014-12"), Some("2015-05"))
    );
    assert_eq!(
        pairs("The log shows 8/Oct/2012 and the 12th of July 2012 at 19:00.", dct),
        vec![
            p("8/Oct/2012", "2012-10-08"),
            p("the 12th of July 2012 at 19:00", "2012-07-12T19:00")
        ]
    );
}

#[test]
fn timestamps_and_lower_case_months_with_a_year() {
    let dct = Some("2016-09-05");
    assert_eq!(
        pairs("Posted Jan. 5, 2016, 14:30 by the desk; filed march 3, 2015.", dct),
        vec![
            p("Jan. 5, 2016, 14:30", "2016-01-05T14:30"),
            p("march 3, 2015", "2015-03-03")
        ]
    );
    // Without the year the verb stays a verb.
    assert!(run("Thousands will march 3 miles.", dct).is_empty());
}

#[test]
fn a_metadata_clock_reaches_the_counts() {
    let text = "Rescuers reached the village two hours ago, officials said.";
    let segs = segment(text, Language::english());
    let meta = Options {
        meta_dct: Some("2016-09-06T01:30:00Z".into()),
        ..Options::default()
    };
    let dct = resolve_dct(text, &segs, &meta);
    let (t, _) = extract(text, &segs, dct.value.as_deref());
    assert_eq!((t[0].kind, t[0].value.as_str()), (TimexType::Time, "2016-09-05T23:30"));
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
fn a_local_events_name_and_a_preposition_are_not_dates() {
    // 2009-03-16 is a Monday.
    let text = "Lanes close for the Hill Club Spring Festival. He spoke following Saturday's rally. \
                Crowds travelled during the Spring Festival holiday.";
    assert_eq!(
        pairs(text, Some("2009-03-16")),
        vec![p("Saturday", "2009-03-14"), p("Spring Festival", "2009-01-26")]
    );
}

#[test]
fn a_fronted_date_takes_the_main_verb_and_a_relative_clause_is_not_its_tense() {
    // 2009-03-21 is a Saturday: both days are the past ones, though "would" follows each.
    let text = "On Thursday, the governor said she would refuse the money. \
                The council met Wednesday, that would cut the budget.";
    assert_eq!(
        pairs(text, Some("2009-03-21")),
        vec![p("Thursday", "2009-03-19"), p("Wednesday", "2009-03-18")]
    );
}

#[test]
fn a_range_of_years_may_end_in_two_digits_and_an_iso_month_is_not_one() {
    let found = run(
        "He taught from 1975-81, budgets the 2009-10 fiscal year and files 2014-10.",
        None,
    );
    let got: Vec<(&str, &str, Option<&str>, Option<&str>)> = found
        .iter()
        .map(|t| (t.text.as_str(), t.value.as_str(), t.begin.as_deref(), t.end.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("1975-81", "1975", Some("1975"), Some("1981")),
            ("2009-10", "2009", Some("2009"), Some("2010")),
            ("2014-10", "2014-10", None, None),
        ]
    );
}

#[test]
fn years_of_an_era_and_lower_case_letters_that_are_not_one() {
    let text = "The mound dates from 500 BC and the road from A.D. 79; the agency sold 50 ad slots.";
    assert_eq!(pairs(text, None), vec![p("500 BC", "BC0500"), p("A.D. 79", "0079")]);
}

#[test]
fn a_capitalised_date_word_inside_a_sentence_is_a_name() {
    let text = "The mayor, who was named Citizen of the Year in a vote held by the local paper, told the \
                New York Daily News that he would watch the show on the weekend. Today the council met, and \
                ``Tomorrow we vote,'' a clerk said.\nFlood Waters Rise For Two Days";
    let found: Vec<String> = run(text, Some("2009-03-25")).into_iter().map(|t| t.text).collect();
    assert_eq!(found, ["the weekend", "Today", "Tomorrow", "Two Days"]);
}

#[test]
fn a_clock_time_without_a_day_takes_the_day_the_story_tells() {
    // 2009-03-25 is a Wednesday: the fire was on Tuesday, and its later hours are Tuesday's; a date years back is
    // background and does not lend its day beyond the sentence after it, even when named last.
    let text = "A house burned on Tuesday. By 6 p.m., the roof had collapsed. A fire struck there on May 2, 2001. \
                Few recall it. Crews left at 9 p.m.";
    assert_eq!(
        pairs(text, Some("2009-03-25")),
        vec![
            p("Tuesday", "2009-03-24"),
            p("6 p.m.", "2009-03-24T18:00"),
            p("May 2, 2001", "2001-05-02"),
            p("9 p.m.", "2009-03-24T21:00")
        ]
    );
}

#[test]
fn a_holidays_year_a_final_day_and_a_plan_to_take_place() {
    // 2009-03-18: the ceremony is still to come, her last day is no date, the feast has its year.
    let text = "The ceremony is on track to take place Memorial Day. Her last day in the post was a Friday. \
                The plaque was set for Veterans Day in 2007.";
    assert_eq!(
        pairs(text, Some("2009-03-18")),
        vec![
            p("Memorial Day", "2009-05-25"),
            p("Friday", "2009-03-13"),
            p("Veterans Day in 2007", "2007-11-11")
        ]
    );
}

#[test]
fn a_clock_range_takes_the_date_written_after_it() {
    let text = "The supper runs 4:30-7:30 p.m. Thursday, April 2, and the dance 6:30 to 8:30 p.m. May 1.";
    let found = run(text, Some("2009-03-18"));
    let got: Vec<(&str, Option<&str>, Option<&str>)> = found
        .iter()
        .map(|t| (t.text.as_str(), t.begin.as_deref(), t.end.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "4:30-7:30 p.m. Thursday, April 2",
                Some("2009-04-02T16:30"),
                Some("2009-04-02T19:30")
            ),
            (
                "6:30 to 8:30 p.m. May 1",
                Some("2009-05-01T18:30"),
                Some("2009-05-01T20:30")
            ),
        ]
    );
}

#[test]
fn speeds_salaries_and_measured_quarters_are_not_time_expressions() {
    let text = "Winds of 35 miles per hour cut a quarter inch of ice; he earns $130,000 per year after a \
                quarter century away, and sales fell in the quarter.";
    let found: Vec<String> = run(text, Some("2009-03-18")).into_iter().map(|t| t.text).collect();
    assert_eq!(found, ["the quarter"]);
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
