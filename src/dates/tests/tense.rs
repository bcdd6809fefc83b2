//! Bare weekdays and months read forward or backward by the tense of their sentence.

use super::*;

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
fn one_day_after_a_future_modal_is_some_future_day() {
    let dct = Some("1998-03-03");
    assert_eq!(
        pairs("Experts say the city will one day be the capital.", dct),
        vec![p("one day", "FUTURE_REF")]
    );
    assert_eq!(pairs("The strike lasted one day.", dct), vec![p("one day", "P1D")]);
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
fn a_modal_of_obligation_reads_a_bare_month_or_weekday_forward() {
    // A June article: "should" looks ahead to the coming October and Friday; the simple past looks back.
    let dct = Some("2015-06-10");
    assert_eq!(
        pairs("The new bridge should be completed in October.", dct),
        vec![p("October", "2015-10")]
    );
    assert_eq!(
        pairs("The board should vote on Friday.", dct),
        vec![p("Friday", "2015-06-12")]
    );
    assert_eq!(
        pairs("The new bridge was completed in October.", dct),
        vec![p("October", "2014-10")]
    );
    // "should have" is a perfect: it looks back.
    assert_eq!(
        pairs("The bridge should have opened in October.", dct),
        vec![p("October", "2014-10")]
    );
}
