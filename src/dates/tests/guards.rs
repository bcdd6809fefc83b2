//! What is not a time expression: ages, counts, rates, names, verbs.

use super::*;

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
fn ages_rates_and_story_steps_are_not_time_expressions() {
    let dct = Some("1995-10-30");
    assert!(run("The chairman, 63 years old, resigned.", dct).is_empty());
    assert!(run("The plan saves $500 million a year and 3,000 jobs a month.", dct).is_empty());
    assert!(run("He was soon released. Prices fell soon after the vote.", dct).is_empty());
    assert!(run("Shares rose as soon as trading opened.", dct).is_empty());
    assert_eq!(pairs("The firm will soon expand.", dct), vec![p("soon", "FUTURE_REF")]);
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
fn rates_are_not_recurrences() {
    let dct = Some("1998-03-02");
    assert!(run("Sales are expected to grow 8.5% annually.", dct).is_empty());
    assert!(run("The plant makes 10,000 units annually.", dct).is_empty());
    let t = run("The report is published annually.", dct);
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!((t[0].kind, t[0].value.as_str()), (TimexType::Set, "P1Y"));
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
fn speeds_salaries_and_measured_quarters_are_not_time_expressions() {
    let text = "Winds of 35 miles per hour cut a quarter inch of ice; he earns $130,000 per year after a \
                quarter century away, and sales fell in the quarter.";
    let found: Vec<String> = run(text, Some("2009-03-18")).into_iter().map(|t| t.text).collect();
    assert_eq!(found, ["the quarter"]);
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
