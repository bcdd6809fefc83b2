//! Unit tests of the dates engine on sentences written for them; the modules below group them by concern.

mod clock;
mod guards;
mod linear;
mod relative;
mod tense;

use super::*;
use crate::lang::Language;
use crate::model::TimexType;

fn run(text: &str, dct: Option<&str>) -> Vec<Timex> {
    let language = Language::english();
    extract_at(&Doc::new(text, language), language, dct.and_then(DocTime::parse)).0
}

/// The document time chosen for `text` with `options`.
fn dct_of(text: &str, options: &Options) -> Dct {
    let language = Language::english();
    resolve_dct(&Doc::new(text, language), language, options).0
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
fn no_dct_leaves_underspecified_values_and_warns() {
    let text = "Talks ended on Sunday. The storm hit Sept 4.";
    let language = Language::english();
    let (t, w) = extract_at(&Doc::new(text, language), language, None);
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
        // Markdown: a bold dateline line, alone or under a heading.
        (
            "**VALENCIA, Spain, 30 October 2024**\n\nFlash floods hit on Tuesday.",
            "2024-10-30",
        ),
        (
            "# Floods\n\n__VALENCIA, Spain, 30 October 2024__\n\nFlash floods hit on Tuesday.",
            "2024-10-30",
        ),
    ] {
        let dct = dct_of(text, &Options::default());
        assert_eq!(dct.value.as_deref(), Some(value), "{text}");
        assert_eq!(dct.source, DctSource::Dateline);
    }
}

#[test]
fn user_and_meta_dct_win_over_the_text() {
    let text = "AFP , Monday 5 Sep 2016\n\nText.";
    let meta = Options {
        meta_dct: Some("2016-09-06T14:02:00Z".into()),
        ..Options::default()
    };
    let from_meta = dct_of(text, &meta);
    assert_eq!(from_meta.source, DctSource::Meta);
    assert_eq!(from_meta.value.as_deref(), Some("2016-09-06T14:02"));
    let user = Options {
        dct: Date::parse_iso("2016-09-07").ok(),
        ..meta
    };
    assert_eq!(dct_of(text, &user).value.as_deref(), Some("2016-09-07"));
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
fn nth_weekday_of_a_month() {
    let got = pairs("Elections are held on the first Tuesday of November 2016.", None);
    assert_eq!(got, vec![p("the first Tuesday of November 2016", "2016-11-01")]);
    assert!(run("A quarter of the city is flooded.", Some("2016-09-05")).is_empty());
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
fn a_feast_week_is_the_week_of_the_feast() {
    // Easter 2000 fell on Sunday, April 23 (ISO week 16).
    assert_eq!(
        pairs("Pilgrims arrived as Easter week began.", Some("2000-04-17")),
        vec![p("Easter week", "2000-W16")]
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
fn fallbacks_apply_only_when_nothing_gives_a_date() {
    let undated = "Rescuers reached the village on Sunday.\n\nThe dam gave way on 3 March 2024; \
        the inquiry of 12 January 2023 had warned of it. Elections follow in May.";
    let assumed = Options {
        fallback_dct: Some(crate::FallbackDct::Assumed(
            Date::parse_iso("2026-12-06").expect("a day"),
        )),
        ..Options::default()
    };
    let dct = dct_of(undated, &assumed);
    assert_eq!(
        (dct.value.as_deref(), dct.source),
        (Some("2026-12-06"), DctSource::Assumed)
    );
    let from_text = Options {
        fallback_dct: Some(crate::FallbackDct::FromText),
        ..Options::default()
    };
    let dct = dct_of(undated, &from_text);
    assert_eq!(
        (dct.value.as_deref(), dct.source),
        (Some("2024-03-03"), DctSource::Text)
    );
    let span = dct.span.expect("where the date is written");
    assert_eq!(&undated[span.start..span.end], "3 March 2024");
    // A text with no full date has none to take.
    assert_eq!(dct_of("Talks ended on Sunday.", &from_text), Dct::default());
    // A dateline, the metadata and the person all come first.
    let dated = "AFP , Monday 5 Sep 2016\n\nRescuers reached the village on Sunday, 3 March 2024.";
    assert_eq!(dct_of(dated, &assumed).source, DctSource::Dateline);
    assert_eq!(dct_of(dated, &from_text).value.as_deref(), Some("2016-09-05"));
}
