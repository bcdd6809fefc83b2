//! Clock times: their shapes, ranges, counts from the document's time, and the day they fall on.

use super::*;

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
fn a_metadata_clock_reaches_the_counts() {
    let text = "Rescuers reached the village two hours ago, officials said.";
    let language = Language::english();
    let doc = Doc::new(text, language);
    let meta = Options {
        meta_dct: Some("2016-09-06T01:30:00Z".into()),
        ..Options::default()
    };
    let (_, time) = resolve_dct(&doc, language, &meta);
    let (t, _) = extract_at(&doc, language, time);
    assert_eq!((t[0].kind, t[0].value.as_str()), (TimexType::Time, "2016-09-05T23:30"));
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
