//! Event tests on sentences written for them, with hand-built timexes and places.

use super::*;
use crate::lang::Language;
use crate::model::Analysis;
use crate::model::{CasualtyKind, DateSource, Dct, Document, Place, Qualifier, Timex, TimexType};

/// An analysis of `text` with real entities and the given (text, value) timexes and (text, name, feature)
/// places, each placed at the first occurrence of its text at or after the previous one of its kind.
fn analysis<'t>(
    text: &'t str,
    timexes: &[(&str, &str)],
    places: &[(&str, &str, Feature, &str)],
) -> (Doc<'t>, Analysis) {
    let doc = Doc::new(text, Language::english());
    let mut a = Analysis {
        document: Document {
            dct: Dct {
                value: Some("2024-03-08".into()),
                ..Default::default()
            },
            ..Default::default()
        },
        entities: crate::entities::extract(&doc, Language::english(), &Context::default()),
        ..Default::default()
    };
    let mut from = 0;
    for (i, (t, v)) in timexes.iter().enumerate() {
        let s = text[from..].find(t).expect("timex text") + from;
        from = s + t.len();
        a.timexes.push(Timex::new(
            format!("t{}", i + 1),
            Span::new(s, s + t.len()),
            t.to_string(),
            TimexType::Date,
            v.to_string(),
        ));
    }
    let mut from = 0;
    for (i, (t, name, feature, country)) in places.iter().enumerate() {
        let s = text[from..].find(t).expect("place text") + from;
        from = s + t.len();
        a.places.push(Place {
            id: format!("p{}", i + 1),
            span: Span::new(s, s + t.len()),
            text: t.to_string(),
            name: name.to_string(),
            lat: 0.0,
            lon: 0.0,
            country: Some(country.to_string()),
            admin1: None,
            feature: *feature,
            geonames_id: None,
            kind: PlaceKind::Literal,
            confidence: 1.0,
            alternatives: Default::default(),
        });
    }
    (doc, a)
}

fn names(a: &Analysis, ids: &[String]) -> Vec<String> {
    ids.iter()
        .filter_map(|id| {
            a.entities
                .iter()
                .find(|e| &e.id == id)
                .map(|e| e.canonical.clone())
                .or_else(|| a.places.iter().find(|p| &p.id == id).map(|p| p.name.clone()))
        })
        .collect()
}

const WIRE: &str = "Bombs kill 12 in Karvo as talks stall\n\n\
Envoys from Norland and Ostria on Tuesday failed to reach an agreement in Velm, as car bombs killed at least \
12 people in the port city of Karvo. The blasts also wounded dozens. Norland Foreign Minister Anna Berg said \
new talks would be held next week. If a truce can be agreed, aid could flow, Berg added.";

fn wire() -> (Analysis, Vec<Event>) {
    let (doc, a) = analysis(
        WIRE,
        &[("Tuesday", "2024-03-05"), ("next week", "2024-W11")],
        &[
            ("Karvo", "Karvo", Feature::City, "XB"),
            ("Velm", "Velm", Feature::City, "XA"),
            ("Karvo", "Karvo", Feature::City, "XB"),
        ],
    );
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    (a, ev)
}

#[test]
fn attack_merges_headline_lead_and_anaphor_with_counts_from_the_text() {
    let (a, ev) = wire();
    let bombs: Vec<&Event> = ev.iter().filter(|e| e.family == "violence").collect();
    assert_eq!(bombs.len(), 1, "{ev:#?}");
    let b = bombs[0];
    assert_eq!(b.kind, "explosion");
    assert_eq!(
        b.mentions.len(),
        3,
        "headline, lead and 'The blasts': {:#?}",
        b.mentions
    );
    assert_eq!(b.date.value, "2024-03-05");
    assert_eq!(b.date.precision, Precision::Day);
    assert_eq!(names(&a, &b.places), vec!["Karvo"]);
    let killed = b
        .casualties
        .iter()
        .find(|c| c.kind == CasualtyKind::Killed)
        .expect("killed");
    assert_eq!(
        (killed.low, killed.qualifier, killed.text.as_str()),
        (Some(12.0), Qualifier::AtLeast, "at least 12")
    );
    let wounded = b
        .casualties
        .iter()
        .find(|c| c.kind == CasualtyKind::Wounded)
        .expect("wounded");
    assert_eq!(wounded.qualifier, Qualifier::Vague);
    assert_eq!(
        b.casualties.len(),
        2,
        "the headline's 12 is the lead's 12: {:#?}",
        b.casualties
    );
}

#[test]
fn failed_talks_are_negative_and_future_talks_are_future() {
    let (a, ev) = wire();
    let failed = ev.iter().find(|e| e.trigger.text == "agreement").expect("agreement");
    assert_eq!(failed.polarity, Polarity::Negative);
    assert_eq!(failed.date.value, "2024-03-05");
    assert_eq!(names(&a, &failed.places), vec!["Velm"]);
    assert!(
        failed.mentions.iter().any(|m| m.span.start < 40),
        "headline 'talks stall' merged"
    );
    let new = ev
        .iter()
        .find(|e| e.trigger.text == "talks" && e.mentions[0].span.start > 100)
        .expect("new talks");
    assert_eq!(new.modality, Modality::Future);
    assert_eq!(new.date.value, "2024-W11");
    assert_eq!(new.date.precision, Precision::Week);
    let truce = ev.iter().find(|e| e.trigger.text == "truce").expect("truce");
    assert_eq!(truce.modality, Modality::Hypothetical);
}

#[test]
fn statements_take_their_own_date_and_sources_are_not_participants() {
    let text = "Ostria warned on Monday that talks could fail, a government spokesman said. \
                President Karl Brenner warned rebels on Friday.";
    let (doc, a) = analysis(text, &[("Monday", "2024-03-04"), ("Friday", "2024-03-01")], &[]);
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let warn: Vec<&Event> = ev.iter().filter(|e| e.kind == "warning").collect();
    assert_eq!(warn.len(), 2, "{ev:#?}");
    assert_eq!(warn[0].date.value, "2024-03-04");
    assert_eq!(warn[0].date.source, DateSource::Timex);
    assert_eq!(warn[1].date.value, "2024-03-01");
    assert_eq!(names(&a, &warn[1].participants), vec!["Karl Brenner"]);
    let talks = ev.iter().find(|e| e.kind == "talks").expect("talks");
    assert_eq!(talks.modality, Modality::Possible);
}

#[test]
fn undated_events_fall_back_to_tense_then_the_document_date() {
    let text = "The war has left 5,000 dead. Rebels seized the airport.";
    let (doc, a) = analysis(text, &[], &[]);
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let toll = ev.iter().find(|e| e.kind == "casualties").expect("toll");
    assert_eq!(
        (toll.date.value.as_str(), toll.date.precision),
        ("PAST_REF", Precision::Vague)
    );
    assert_eq!(toll.casualties[0].best, Some(5000.0));
    let seized = ev.iter().find(|e| e.trigger.text == "seized").expect("seized");
    assert_eq!(
        (seized.date.value.as_str(), seized.date.source),
        ("2024-03-08", DateSource::Dct)
    );
}

#[test]
fn dateline_place_goes_to_the_lead() {
    let text = "Quake hits coast\n\nLORRAN, Ostria (AFP) - An earthquake struck on Sunday.";
    let (doc, a) = analysis(
        text,
        &[("Sunday", "2024-03-03")],
        &[("LORRAN", "Lorran", Feature::City, "XA")],
    );
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let quake = ev.iter().find(|e| e.kind == "disaster").expect("quake");
    assert_eq!(names(&a, &quake.places), vec!["Lorran"]);
}

#[test]
fn precision_follows_the_value() {
    for (v, p) in [
        ("2016-09-05", Precision::Day),
        ("2011-03", Precision::Month),
        ("2011", Precision::Year),
        ("2016-W36", Precision::Week),
        ("2016-SU", Precision::Season),
        ("201", Precision::Decade),
        ("2016-09-05T14:02", Precision::Time),
        ("PAST_REF", Precision::Vague),
        ("", Precision::Vague),
    ] {
        assert_eq!(precision_of(v), p, "{v}");
    }
}

#[test]
fn no_panic_on_odd_input() {
    for t in [
        "",
        "killed",
        "at least killed 5 5 5",
        "the the the talks",
        "É—«talks»—\u{0}",
    ] {
        let (doc, a) = analysis(t, &[], &[]);
        let _ = extract(&doc, Language::english(), &Context::of(&a));
    }
    let big = "Blasts killed 3 in the city. ".repeat(500);
    let (doc, a) = analysis(&big, &[], &[]);
    assert!(!extract(&doc, Language::english(), &Context::of(&a)).is_empty());
}

#[test]
fn future_events_take_the_future_reading_of_a_weekday() {
    let text = "Unions will hold a rally on Saturday. Unions held a rally on Friday.";
    let (doc, mut a) = analysis(text, &[("Saturday", "2024-03-02"), ("Friday", "2024-03-01")], &[]);
    a.timexes[0].alternatives = vec!["2024-03-09".into()];
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let dates: Vec<(&str, Modality)> = ev.iter().map(|e| (e.date.value.as_str(), e.modality)).collect();
    assert_eq!(
        dates,
        vec![("2024-03-09", Modality::Future), ("2024-03-01", Modality::Asserted)]
    );
}

/// Surnames that differ, so every name is a participant of its own ("Babason", "Cebason", ...).
fn surname(i: usize) -> String {
    let (c, v) = (b"bcdfghklmnprstvz", b"aeiou");
    let mut s = String::new();
    let mut n = i;
    for _ in 0..3 {
        s.push(c[n % 16] as char);
        s.push(v[(n / 16) % 5] as char);
        n /= 80;
    }
    let mut cs = s.chars();
    let first = cs.next().map_or(String::new(), |f| f.to_uppercase().collect());
    format!("{first}{}son", cs.as_str())
}

/// The events of `text` and the nearest-cluster steps they took (`places::work`).
fn events_and_work(text: &str) -> (Vec<Event>, u64) {
    let (doc, a) = analysis(text, &[], &[]);
    crate::places::work::take();
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    (ev, crate::places::work::take())
}

/// Issue 23: a police blotter, one long sentence of attacks by distinct people and one of numbered tolls took
/// quadratic time (every name, count and repeat compared with every mention). The results stay whole and the
/// look-up work per mention stays flat when the text grows fourfold.
#[test]
fn long_runs_of_triggers_names_and_counts_take_linear_work() {
    let blotter = |n: usize| {
        (0..n)
            .map(|i| format!("John {}, 31, was arrested. ", surname(i)))
            .collect::<String>()
    };
    let president = |n: usize| {
        (0..n)
            .map(|i| format!("President {} attacked, ", surname(i)))
            .collect::<String>()
    };
    let bombing = |n: usize| {
        (0..n)
            .map(|i| format!("bombing killed {}, ", i + 2))
            .collect::<String>()
    };
    let families: [(&str, &dyn Fn(usize) -> String); 3] =
        [("blotter", &blotter), ("president", &president), ("bombing", &bombing)];
    for (name, family) in families {
        let (small, w1) = events_and_work(&family(150));
        let (large, w4) = events_and_work(&family(600));
        assert!(!small.is_empty() && !large.is_empty(), "{name}");
        assert!(w4 <= 5 * w1.max(1), "{name}: {w1} steps for 150 repeats, {w4} for 600");
        let people = |ev: &[Event]| ev.iter().map(|e| e.participants.len()).sum::<usize>();
        let tolls = |ev: &[Event]| ev.iter().map(|e| e.casualties.len()).sum::<usize>();
        match name {
            "blotter" | "president" => assert_eq!((people(&small), people(&large)), (150, 600), "{name}"),
            _ => assert_eq!((tolls(&small), tolls(&large)), (150, 600), "{name}"),
        }
    }
}

/// Suppressed triggers ("reduce fighting") each make a cluster of their own: names and counts among many of them
/// still find their event with a bounded look-up.
#[test]
fn many_suppressed_triggers_keep_the_look_ups_bounded() {
    let run = |n: usize| "Rebels agreed to reduce fighting, ".repeat(n) + "as a bombing killed 5 people.";
    let (ev1, w1) = events_and_work(&run(100));
    let (ev4, w4) = events_and_work(&run(400));
    assert!(w4 <= 5 * w1.max(1), "{w1} steps for 100 repeats, {w4} for 400");
    let killed = |ev: &[Event]| {
        ev.iter()
            .flat_map(|e| &e.casualties)
            .filter_map(|c| c.best)
            .collect::<Vec<_>>()
    };
    assert_eq!((killed(&ev1), killed(&ev4)), (vec![5.0], vec![5.0]));
}

#[test]
fn no_trigger_fires_inside_an_accented_word() {
    let text = "Le président a visité Bamako hier, puis il a visit Bamako again.";
    let (doc, a) = analysis(text, &[], &[]);
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let triggers: Vec<&str> = ev.iter().map(|e| e.trigger.text.as_str()).collect();
    assert_eq!(triggers, vec!["visit"], "only the whole word: {ev:#?}");
    assert!(ev[0].trigger.span.start > text.find("visité").expect("in text") + 4);
}

/// The trigger parts a short text compiles find the triggers the whole alternation finds, line by line of the sample
/// article and of the dev corpora when present.
#[test]
fn trigger_parts_find_what_the_whole_alternation_finds() {
    let mut lines: Vec<String> = include_str!("../app/sample_article.txt")
        .lines()
        .map(String::from)
        .collect();
    for text in crate::test_corpus::texts("meantime", 20) {
        // A fresh lexicon per line is slow in a debug build: forty lines of each file, as the dates twin reads.
        lines.extend(text.lines().filter(|l| l.len() <= 1024).take(40).map(String::from));
    }
    let spans = |ms: Vec<regex::Match>| ms.iter().map(|m| (m.start(), m.end())).collect::<Vec<_>>();
    let reference = lexicon::Lexicon::build(&crate::lang::EN).expect("tables");
    let whole = reference.trigger_re.whole();
    let mut found = 0;
    for line in &lines {
        // A fresh lexicon per line, so that each goes through the parts, as a first short text does.
        let lex = lexicon::Lexicon::build(&crate::lang::EN).expect("tables");
        let parts = spans(lex.trigger_re.find_all(line));
        found += parts.len();
        assert_eq!(parts, spans(whole.find_iter(line).collect()), "{line}");
    }
    assert!(found >= 10, "the lines hold triggers: {found} in {} lines", lines.len());
}

/// The kinds and families of the events of `text` (no timexes, no places), in text order.
fn kinds(text: &str) -> Vec<(String, String, String)> {
    let (doc, a) = analysis(text, &[], &[]);
    extract(&doc, Language::english(), &Context::of(&a))
        .into_iter()
        .map(|e| (e.trigger.text, e.kind, e.family))
        .collect()
}

#[test]
fn news_beyond_conflict_has_families_of_its_own() {
    for (text, trigger, kind, family) in [
        (
            "Norvex acquired a rival maker of pumps.",
            "acquired",
            "acquisition",
            "business",
        ),
        (
            "The carmaker cut 2,000 jobs in a round of layoffs.",
            "layoffs",
            "job_cuts",
            "business",
        ),
        (
            "Shares of the group fell 8 percent in early trading.",
            "fell",
            "market_move",
            "business",
        ),
        (
            "The firm posted a quarterly loss of $3 million.",
            "posted",
            "results",
            "business",
        ),
        (
            "The maker recalled 40,000 cars over faulty brakes.",
            "recalled",
            "recall",
            "business",
        ),
        (
            "The retailer filed for bankruptcy last week.",
            "filed for bankruptcy",
            "bankruptcy",
            "business",
        ),
        (
            "The minister resigned after the vote.",
            "resigned",
            "resignation",
            "politics",
        ),
        ("The governor vetoed the tax bill.", "vetoed", "veto", "politics"),
        (
            "Parliament passed the budget bill.",
            "passed",
            "legislation",
            "politics",
        ),
        (
            "Two former managers were indicted for fraud.",
            "indicted",
            "charge",
            "legal",
        ),
        ("The bank was fined for misleading savers.", "fined", "fine", "legal"),
        (
            "Health officials declared a cholera outbreak.",
            "outbreak",
            "outbreak",
            "health",
        ),
        (
            "The agency launched a weather satellite into orbit.",
            "launched",
            "launch",
            "technology",
        ),
        (
            "The company unveiled a folding phone.",
            "unveiled",
            "launch",
            "technology",
        ),
        (
            "Astronomers discovered a ring around the dwarf planet.",
            "discovered",
            "discovery",
            "technology",
        ),
        ("Lindor won the final in three sets.", "won", "match_result", "sport"),
    ] {
        let found = kinds(text);
        assert!(
            found.iter().any(|(t, k, f)| t == trigger && k == kind && f == family),
            "{text}: {found:?}"
        );
    }
}

#[test]
fn readings_that_need_their_sentence_stay_out_of_other_news() {
    // "fell" without a market, "launched" with an attack, "released" without a product or a prisoner.
    for text in [
        "The town fell to the rebels.",
        "The army launched an attack on the port.",
        "He recalled the night of the storm.",
        "The report was released without comment.",
    ] {
        let found = kinds(text);
        assert!(
            found.iter().all(|(_, _, f)| f != "business" && f != "technology"),
            "{text}: {found:?}"
        );
    }
    let found = kinds("The rebels released three hostages.");
    assert!(found.iter().any(|(_, k, _)| k == "release"), "{found:?}");
}

#[test]
fn verbs_take_an_agent_before_and_a_patient_after_and_the_passive_turns_them() {
    let role = |text: &str, trigger: &str| {
        let (doc, a) = analysis(text, &[], &[]);
        let ev = extract(&doc, Language::english(), &Context::of(&a));
        let e = ev.iter().find(|e| e.trigger.text == trigger).expect("event").clone();
        let name = |id: &Option<String>| id.as_ref().map(|i| names(&a, std::slice::from_ref(i)).join(""));
        (name(&e.agent), name(&e.patient), names(&a, &e.participants))
    };
    let (agent, patient, part) = role("Norvex Corp acquired Plexa Inc for $7 billion.", "acquired");
    assert_eq!(
        (agent.as_deref(), patient.as_deref()),
        (Some("Norvex Corp"), Some("Plexa Inc"))
    );
    assert!(
        part.contains(&"Plexa Inc".to_string()),
        "roles are participants: {part:?}"
    );
    let (agent, patient, _) = role("Plexa Inc was acquired by Norvex Corp in April.", "acquired");
    assert_eq!(
        (agent.as_deref(), patient.as_deref()),
        (Some("Norvex Corp"), Some("Plexa Inc"))
    );
    let (agent, patient, _) = role(
        "The acquisition of Plexa Inc by Norvex Corp closed in April.",
        "acquisition",
    );
    assert_eq!(
        (agent.as_deref(), patient.as_deref()),
        (Some("Norvex Corp"), Some("Plexa Inc"))
    );
}

#[test]
fn no_date_crosses_a_reporting_boundary() {
    let text = "Norvex announced on Thursday that it had acquired Plexa. \
                Dorland said a merger was completed on Monday.";
    let (doc, a) = analysis(text, &[("Thursday", "2024-03-07"), ("Monday", "2024-03-04")], &[]);
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let date = |t: &str| ev.iter().find(|e| e.trigger.text == t).map(|e| e.date.value.clone());
    assert_eq!(date("announced").as_deref(), Some("2024-03-07"), "{ev:#?}");
    // The acquisition lies before the report, at no day the sentence gives.
    assert_ne!(date("acquired").as_deref(), Some("2024-03-07"), "{ev:#?}");
    // The complement's own date stays inside it.
    assert_eq!(date("merger").as_deref(), Some("2024-03-04"), "{ev:#?}");
}

#[test]
fn the_present_perfect_is_news_of_the_document_date() {
    let text = "Norvex has acquired a rival maker of pumps. The group had invested in Plexa.";
    let (doc, a) = analysis(text, &[], &[]);
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let acq = ev.iter().find(|e| e.kind == "acquisition").expect("acquisition");
    assert_eq!(
        (acq.date.value.as_str(), acq.date.precision, acq.date.source),
        ("2024-03-08", Precision::Day, DateSource::Dct)
    );
    let inv = ev.iter().find(|e| e.kind == "investment").expect("investment");
    assert_eq!(inv.date.value, "PAST_REF", "the pluperfect lies before an unknown time");
    // A perfect of repetition or duration sums up the past.
    let text = "Plexa has warned repeatedly about the plan.";
    let (doc, a) = analysis(text, &[], &[]);
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    assert_eq!(ev[0].date.value, "PAST_REF", "{ev:#?}");
}

#[test]
fn a_report_set_apart_by_commas_leaves_the_dates_of_its_sentence_alone() {
    let text = "Talks ended on Friday, envoys said, as protesters gathered outside.";
    let (doc, a) = analysis(text, &[("Friday", "2024-03-01")], &[]);
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let protest = ev.iter().find(|e| e.kind == "protest").expect("protest");
    assert_eq!(protest.date.value, "2024-03-01", "{ev:#?}");
}

#[test]
fn a_fronted_date_dates_the_main_clause_and_a_date_after_since_dates_nothing() {
    let text = "On Sunday, the ministers had agreed on a rescue plan. \
                Shares fell to their lowest level since October 1982.";
    let (doc, a) = analysis(text, &[("Sunday", "2024-03-03"), ("October 1982", "1982-10")], &[]);
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let date = |t: &str| ev.iter().find(|e| e.trigger.text == t).map(|e| e.date.value.clone());
    assert_eq!(date("agreed").as_deref(), Some("2024-03-03"), "{ev:#?}");
    assert_eq!(date("fell").as_deref(), Some("2024-03-08"), "{ev:#?}");
}

#[test]
fn modal_cues_stay_on_their_side_of_a_reporting_boundary() {
    let text = "The central banks announced that they would cut rates.";
    let (doc, a) = analysis(text, &[], &[]);
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let announced = ev.iter().find(|e| e.trigger.text == "announced").expect("announced");
    assert_eq!(announced.modality, Modality::Asserted, "{ev:#?}");
}

#[test]
fn a_possessive_date_dates_only_the_trigger_right_after_it() {
    let text = "Stocks fell two percent from Monday's closing price. Monday's blasts killed 3 people.";
    let (doc, a) = analysis(text, &[("Monday", "2024-03-04"), ("Monday", "2024-03-04")], &[]);
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let date = |t: &str| ev.iter().find(|e| e.trigger.text == t).map(|e| e.date.value.clone());
    assert_eq!(date("fell").as_deref(), Some("2024-03-08"), "{ev:#?}");
    assert_eq!(date("blasts").as_deref(), Some("2024-03-04"), "{ev:#?}");
}

/// A summit located by its country in one sentence and by its city in another.
const SUMMIT: &str = "Norland and Ostria failed to reach a deal on Monday.\n\n\
Talks between the two envoys on the margins of the Delta summit in Ostria ended without agreement on Monday.\n\n\
Leaders also met on Monday at the Delta summit in the Ostrian city of Velm, an official said.";

fn summit(places: &[(&str, &str, Feature, &str)]) -> (Analysis, Vec<Event>) {
    let (doc, a) = analysis(
        SUMMIT,
        &[
            ("Monday", "2024-03-04"),
            ("Monday", "2024-03-04"),
            ("Monday", "2024-03-04"),
        ],
        places,
    );
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    (a, ev)
}

#[test]
fn a_gathering_located_by_its_country_and_by_its_city_is_at_the_city() {
    let (a, ev) = summit(&[
        ("Ostria", "Ostria", Feature::Country, "XA"),
        ("Ostria", "Ostria", Feature::Country, "XA"),
        ("Velm", "Velm", Feature::City, "XA"),
    ]);
    let talks = ev
        .iter()
        .find(|e| e.trigger.text.contains("Talks") || e.trigger.text.contains("deal"));
    let talks = talks.expect("the failed talks");
    let places = names(&a, &talks.places);
    assert!(
        places.iter().any(|p| p == "Velm") && !places.iter().any(|p| p == "Ostria"),
        "{places:?}"
    );
}

#[test]
fn a_gathering_keeps_its_country_when_the_city_is_in_another_or_is_not_given() {
    // The city named is in another country: not the same gathering's place.
    let (a, ev) = summit(&[
        ("Ostria", "Ostria", Feature::Country, "XA"),
        ("Ostria", "Ostria", Feature::Country, "XA"),
        ("Velm", "Velm", Feature::City, "XB"),
    ]);
    let placed: Vec<String> = ev.iter().flat_map(|e| names(&a, &e.places)).collect();
    assert!(placed.iter().any(|p| p == "Ostria"), "{placed:?}");
    let lex = Language::english().events();
    let doc = Doc::new(SUMMIT, Language::english());
    assert!(venues::finer_places(doc.tokens(), &a.places, lex).is_empty());
}

#[test]
fn a_gathering_located_twice_in_one_sentence_keeps_its_place_count_right() {
    // Both mentions in one sentence: its event holds the country and the city, which become the city twice, then
    // once. Merging reads an event's strong places by their count: it must be the count of what is left.
    let text = "Norland and Ostria failed to reach a deal on Monday.\n\n\
Talks at the Delta summit in Ostria ended without agreement on Monday, and the envoys left the Delta summit in the \
Ostrian city of Velm on Tuesday.\n\n\
Protests in Velm followed the failed talks on Monday.";
    let (doc, a) = analysis(
        text,
        &[
            ("Monday", "2024-03-04"),
            ("Monday", "2024-03-04"),
            ("Tuesday", "2024-03-05"),
            ("Monday", "2024-03-04"),
        ],
        &[
            ("Ostria", "Ostria", Feature::Country, "XA"),
            ("Ostria", "Ostria", Feature::Country, "XA"),
            ("Velm", "Velm", Feature::City, "XA"),
            ("Velm", "Velm", Feature::City, "XA"),
        ],
    );
    let ev = extract(&doc, Language::english(), &Context::of(&a));
    let placed: Vec<(&str, Vec<String>)> = ev
        .iter()
        .map(|e| (e.trigger.text.as_str(), names(&a, &e.places)))
        .collect();
    assert!(placed.iter().any(|(_, p)| p.iter().any(|n| n == "Velm")), "{placed:?}");
    assert!(
        placed.iter().all(|(_, p)| p.iter().all(|n| n != "Ostria")),
        "{placed:?}"
    );
}
