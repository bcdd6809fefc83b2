//! The reducer's behaviour and the worker protocol, on the host.

use super::answers::{progress_bar, status_line, Reassembly, Received};
use super::protocol::{join, other_request_id, split, Body, Progress, Response, PROGRESS_MIN_BYTES};
use super::state::{mention_key, reduce, Action, Selection, State, Status};
use super::summary::LONG_TEXT_BYTES;
use crate::corrections::{EventDateFix, MentionKind, PlaceChoice, Removal};
use crate::model::{Analysis, Span};
use crate::share::{OtherArticle, ViewState};
use std::rc::Rc;

const ARTICLE: &str = "On Monday, 4 March 2024, floods hit Faenza and Cesena, killing six people, officials said.";

/// `state` after each action in turn (an action that changes nothing leaves it as it was).
fn after(state: &State, actions: impl IntoIterator<Item = Action>) -> State {
    let mut state = state.clone();
    for action in actions {
        if let Some(next) = reduce(&state, action) {
            state = next;
        }
    }
    state
}

fn set_text(text: &str) -> Action {
    Action::SetText {
        text: text.into(),
        meta: crate::html::PageMeta::default(),
    }
}

fn key(start: usize, text: &str) -> crate::corrections::MentionKey {
    mention_key(
        Span {
            start,
            end: start + text.len(),
        },
        text,
    )
}

fn analysis_with_title(title: &str) -> Rc<Analysis> {
    let mut a = Analysis::default();
    a.document.title = Some(title.to_string());
    Rc::new(a)
}

#[test]
fn actions_share_the_text_instead_of_copying_it() {
    let state = after(&State::default(), [set_text(ARTICLE)]);
    let next = after(&state, [Action::Select(Some(Selection::Event("ev1".into())))]);
    assert!(Rc::ptr_eq(&state.text, &next.text), "selecting copied the text");
    let next = after(&next, [Action::SetDct(Some("2024-03-05".into())), Action::Requested(1)]);
    assert!(Rc::ptr_eq(&state.text, &next.text));
}

#[test]
fn a_new_text_clears_the_selection_and_marks_the_state_edited() {
    let state = after(
        &State::default(),
        [set_text(ARTICLE), Action::Select(Some(Selection::Place("p1".into())))],
    );
    assert_eq!(state.selection, Some(Selection::Place("p1".into())));
    assert!(state.edited);
    let typed = after(&state, [Action::Typed("On Tuesday".into())]);
    assert_eq!(&*typed.text, "On Tuesday");
    assert_eq!(typed.selection, None);
    // A file's metadata comes with its text, and typing drops it.
    let from_file = after(
        &State::default(),
        [Action::SetText {
            text: ARTICLE.into(),
            meta: crate::html::PageMeta {
                title: Some("Floods".into()),
                published: Some("2024-03-04".into()),
                ..Default::default()
            },
        }],
    );
    assert_eq!(from_file.meta.title.as_deref(), Some("Floods"));
    assert_eq!(from_file.request().meta.published.as_deref(), Some("2024-03-04"));
    let retyped = after(&from_file, [Action::Typed("x".into())]);
    assert_eq!(retyped.meta, crate::html::PageMeta::default());
}

#[test]
fn a_long_text_is_summarised_until_the_person_edits_it_in_the_box() {
    let long = "word ".repeat(LONG_TEXT_BYTES / 5 + 1);
    let state = after(&State::default(), [set_text(&long)]);
    assert_eq!(state.summary.map(|s| s.words), Some(LONG_TEXT_BYTES / 5 + 1));
    assert_eq!(after(&state, [Action::EditInBox]).summary, None);
    // Typed text stays in the box, however long.
    assert_eq!(after(&State::default(), [Action::Typed(long.into())]).summary, None);
    assert_eq!(after(&State::default(), [set_text(ARTICLE)]).summary, None);
}

#[test]
fn selections_round_trip_through_their_ids() {
    for (id, selection) in [
        ("ev3", Selection::Event("ev3".into())),
        ("p2", Selection::Place("p2".into())),
        ("t1", Selection::Timex("t1".into())),
        ("e4", Selection::Entity("e4".into())),
    ] {
        assert_eq!(Selection::from_id(id).as_ref(), Some(&selection));
        assert_eq!(selection.id(), id);
    }
    assert_eq!(Selection::from_id("x9"), None);
    let state = after(
        &State::default(),
        [Action::Select(Some(Selection::Event("ev2".into())))],
    );
    assert_eq!(state.selected_event(), Some("ev2"));
    assert_eq!(after(&state, [Action::Select(None)]).selected_event(), None);
}

#[test]
fn corrections_replace_earlier_ones_of_the_same_mention() {
    let faenza = key(36, "Faenza");
    let choose = |geonames_id, name: &str| {
        Action::ChoosePlace(PlaceChoice {
            mention: faenza.clone(),
            geonames_id: Some(geonames_id),
            name: name.into(),
        })
    };
    let state = after(
        &State::default(),
        [set_text(ARTICLE), choose(1, "Faenza"), choose(2, "Faenza (RA)")],
    );
    assert_eq!(state.corrections.places.len(), 1);
    assert_eq!(state.corrections.places[0].geonames_id, Some(2));
    let fix = |value: &str| {
        Action::SetEventDate(EventDateFix {
            trigger: key(31, "hit"),
            value: value.into(),
        })
    };
    let state = after(&state, [fix("2024-03-03"), fix("2024-03-02")]);
    assert_eq!(state.corrections.event_dates.len(), 1);
    assert_eq!(state.corrections.event_dates[0].value, "2024-03-02");
    assert_eq!(state.correction_count(), 2);
    // The corrections go with every request for the article.
    assert_eq!(state.request().corrections, state.corrections);
    let state = after(&state, [Action::ResetCorrections]);
    assert_eq!(state.correction_count(), 0);
}

#[test]
fn removing_a_mention_clears_the_selection_and_is_kept_once() {
    let removal = Removal {
        kind: MentionKind::Place,
        mention: key(47, "Cesena"),
    };
    let state = after(
        &State::default(),
        [
            set_text(ARTICLE),
            Action::Select(Some(Selection::Place("p2".into()))),
            Action::Remove(removal.clone()),
            Action::Remove(removal.clone()),
        ],
    );
    assert_eq!(state.corrections.removed, vec![removal]);
    assert_eq!(state.selection, None);
}

#[test]
fn only_the_newest_request_answer_is_shown() {
    let state = after(
        &State::default(),
        [set_text(ARTICLE), Action::Requested(1), Action::Requested(2)],
    );
    assert_eq!(state.status, Status::Working(2));
    let late = analysis_with_title("old");
    assert!(
        reduce(&state, Action::Analysed(1, late)).is_none(),
        "a late answer changes nothing"
    );
    let fresh = analysis_with_title("new");
    let state = after(&state, [Action::Analysed(2, fresh.clone())]);
    assert_eq!(state.status, Status::Idle);
    assert!(Rc::ptr_eq(state.analysis.as_ref().expect("analysed"), &fresh));
    let stop = |id| Action::Stopped {
        id,
        reason: "boom".into(),
    };
    let failed = after(&state, [Action::Requested(3), stop(3)]);
    assert_eq!(failed.status, Status::Stopped("boom".into()));
    assert_eq!(&*failed.text, ARTICLE, "a stop keeps the text");
    // The stop of a superseded request, or of one already answered, changes nothing.
    assert!(reduce(&after(&state, [Action::Requested(3), Action::Requested(4)]), stop(3)).is_none());
    assert!(reduce(&state, stop(2)).is_none());
}

#[test]
fn an_empty_page_shows_no_analysis_and_no_counts() {
    // The first visit: the engine answers for the empty text, and the page still shows nothing analysed.
    let empty = after(&State::default(), [Action::Requested(1)]);
    assert!(empty.is_blank());
    let state = after(&empty, [Action::Analysed(1, analysis_with_title(""))]);
    assert_eq!(state.status, Status::Idle);
    assert!(state.analysis.is_none(), "no zero counts, no empty axis");
    assert_eq!(status_line(&state, None, true), "");
    // With a text, the answer is shown; cleared again (whitespace only), the page is blank again.
    let read = after(
        &state,
        [
            set_text(ARTICLE),
            Action::Requested(2),
            Action::Analysed(2, analysis_with_title("a")),
        ],
    );
    assert!(!read.is_blank());
    assert!(read.analysis.is_some());
    let cleared = after(
        &read,
        [
            set_text(" \n"),
            Action::Requested(3),
            Action::Analysed(3, analysis_with_title("")),
        ],
    );
    assert!(cleared.is_blank());
    assert!(cleared.analysis.is_none());
    // An empty text beside an added article is not a blank page: the timeline shows the added one's events.
    let adding = after(
        &read,
        [
            Action::AddArticle,
            Action::Requested(4),
            Action::Analysed(4, analysis_with_title("")),
        ],
    );
    assert!(!adding.is_blank());
    assert!(adding.analysis.is_some());
}

#[test]
fn added_articles_keep_their_text_corrections_and_analysis() {
    let first = analysis_with_title("first");
    let state = after(
        &State::default(),
        [
            set_text(ARTICLE),
            Action::SetDct(Some("2024-03-05".into())),
            Action::Requested(1),
            Action::Analysed(1, first.clone()),
            Action::AddArticle,
        ],
    );
    assert_eq!(&*state.text, "");
    assert_eq!(state.dct, None);
    assert_eq!(state.analysis, None);
    assert_eq!(state.others.len(), 1);
    let other = &state.others[0];
    assert_eq!((&*other.text, other.dct.as_deref()), (ARTICLE, Some("2024-03-05")));
    assert!(Rc::ptr_eq(other.analysis.as_ref().expect("kept"), &first));
    // An empty article is not added.
    assert!(reduce(&state, Action::AddArticle).is_none());

    // Switching swaps the article being read with the added one, which gets a new key.
    let state = after(
        &state,
        [Action::Typed("Second article.".into()), Action::SwitchTo(other.key)],
    );
    assert_eq!(&*state.text, ARTICLE);
    assert_eq!(state.dct.as_deref(), Some("2024-03-05"));
    assert_eq!(state.others.len(), 1);
    assert_eq!(&*state.others[0].text, "Second article.");
    assert_ne!(state.others[0].key, other.key);
    assert!(
        reduce(&state, Action::SwitchTo(other.key)).is_none(),
        "the old key is gone"
    );

    // Answers for added articles go to them, by key; unknown keys change nothing.
    let second = analysis_with_title("second");
    let key = state.others[0].key;
    assert_eq!(state.other_requests().len(), 1);
    assert_eq!(state.other_requests()[0].id, other_request_id(key));
    let state = after(&state, [Action::Analysed(other_request_id(key), second.clone())]);
    assert!(Rc::ptr_eq(
        state.others[0].analysis.as_ref().expect("analysed"),
        &second
    ));
    assert!(state.other_requests().is_empty());
    assert!(reduce(&state, Action::Analysed(other_request_id(999), second)).is_none());
    let state = after(&state, [Action::RemoveArticle(key)]);
    assert!(state.others.is_empty());
}

#[test]
fn a_view_restores_text_date_corrections_selection_order_and_articles() {
    let view = ViewState {
        text: ARTICLE.into(),
        dct: Some("2024-03-05".into()),
        corrections: Default::default(),
        selection: Some("ev1".into()),
        view: Some(serde_json::json!({"events_in_text_order": true})),
        others: vec![OtherArticle {
            text: "Another one.".into(),
            dct: None,
            corrections: Default::default(),
            meta: crate::html::PageMeta {
                published: Some("2024-03-01T09:00:00Z".into()),
                ..Default::default()
            },
        }],
        meta: crate::html::PageMeta {
            title: Some("Floods".into()),
            published: Some("2024-03-04T08:00:00Z".into()),
            site_name: Some("The Daily".into()),
            ..Default::default()
        },
        dct_from_text: true,
    };
    let start = after(&State::default(), [Action::Typed("draft".into()), Action::AddArticle]);
    let state = after(&start, [Action::LoadView(view.clone())]);
    assert_eq!(&*state.text, ARTICLE);
    assert_eq!(state.dct.as_deref(), Some("2024-03-05"));
    assert_eq!(state.selection, Some(Selection::Event("ev1".into())));
    assert!(state.events_in_text_order);
    // The page's metadata comes back, so its publication date survives a reload and a link.
    assert_eq!(state.meta.published.as_deref(), Some("2024-03-04T08:00:00Z"));
    assert!(state.dct_from_text && state.request().dct_from_text && !state.request().assume_today);
    assert_eq!(
        state.other_requests()[0].meta.published.as_deref(),
        Some("2024-03-01T09:00:00Z")
    );
    // The view's articles replace the added ones, with keys never used before.
    assert_eq!(state.others.len(), 1);
    assert_eq!(&*state.others[0].text, "Another one.");
    assert!(state.others[0].key >= start.next_key);
    assert_eq!(state.next_key, start.next_key + 1);
    // And the state gives back the view it was loaded from, through a share link too.
    assert_eq!(state.view_state(), view);
    let link = crate::share::encode(&state.view_state());
    let restored = after(
        &State::default(),
        [Action::LoadView(crate::share::decode(&link).expect("decodes"))],
    );
    assert_eq!(restored.view_state(), view);
    // A view without settings lists events in time order.
    let plain = after(&state, [Action::LoadView(ViewState { view: None, ..view })]);
    assert!(!plain.events_in_text_order);
}

#[test]
fn long_articles_together_get_no_share_link() {
    let half = "a".repeat(super::state::MAX_LINK_BYTES / 2 + 1);
    let state = after(&State::default(), [set_text(&half)]);
    assert!(!state.too_long_for_link());
    let state = after(&state, [Action::AddArticle, set_text(&half)]);
    assert_eq!(state.text_bytes(), 2 * half.len());
    assert!(state.too_long_for_link());
}

#[test]
fn states_compare_by_content_with_texts_shared_or_not() {
    let a = after(&State::default(), [set_text(ARTICLE)]);
    let b = after(&State::default(), [set_text(ARTICLE)]);
    assert!(!Rc::ptr_eq(&a.text, &b.text));
    assert_eq!(a, b);
    assert_ne!(a, after(&b, [Action::Typed(ARTICLE.replace("six", "sex").into())]));
    assert!(super::same_text("abcdefghij", "abcdefghij"));
    assert!(!super::same_text("abcdefghij", "abcdefghiJ"));
    assert!(!super::same_text("abcdefgh", "abcdefghi"));
}

fn part(id: u64, index: u32, count: u32, analysis: Analysis) -> Response {
    Response {
        id,
        body: Body::Part { index, count, analysis },
    }
}

/// The worker cuts a long analysis into parts of bounded size, and the page puts them back together
/// into the same analysis.
#[test]
fn a_long_analysis_travels_in_parts_and_joins_back() {
    let paragraph = "On Monday, 4 March 2024, floods hit Faenza and Cesena, killing six people, officials said.\n\n";
    let text = paragraph.repeat(400);
    let analysis = crate::analyze(
        &text,
        &crate::Options {
            gazetteer: crate::Gazetteers::Off,
            ..crate::Options::default()
        },
    );
    assert!(analysis.timexes.len() >= 400, "the text has dates to split");
    let parts = split(analysis.clone(), 16 * 1024);
    assert!(parts.len() > 3, "{} parts", parts.len());
    for part in &parts[1..] {
        let bytes = serde_json::to_vec(part).expect("json").len();
        let items = part.timexes.len() + part.places.len() + part.entities.len() + part.events.len();
        // Within the target (plus the part's own brackets and names), unless one item alone is larger.
        assert!(
            items == 1 || bytes <= 17 * 1024,
            "part of {bytes} bytes with {items} items"
        );
        assert!(part.warnings.is_empty() && part.document.title.is_none());
    }
    let mut whole = parts[0].clone();
    for part in parts[1..].iter().cloned() {
        join(&mut whole, part);
    }
    assert_eq!(whole, analysis);

    // The page reassembles them as they arrive, moving the progress bar, and answers once.
    let mut page = Reassembly::default();
    let id = page.next_request();
    let count = parts.len() as u32;
    let mut answers = Vec::new();
    for (index, p) in parts.into_iter().enumerate() {
        match page.receive(part(id, index as u32, count, p)) {
            Received::Progress(shown) => assert!(shown.label.starts_with("receiving the results")),
            Received::Answer(answered, a) => answers.push((answered, a)),
            Received::Nothing => panic!("part {index} was dropped"),
        }
    }
    assert_eq!(answers, vec![(id, Rc::new(analysis))]);
    assert_eq!(page.pending(), 0);
}

#[test]
fn answers_to_superseded_requests_are_dropped() {
    let mut page = Reassembly::default();
    let old = page.next_request();
    assert!(matches!(
        page.receive(part(old, 0, 2, Analysis::default())),
        Received::Progress(_)
    ));
    let new = page.next_request();
    assert!(new > old);
    // The rest of the old answer, and its progress, are dropped, and so are its stored parts.
    assert_eq!(page.receive(part(old, 1, 2, Analysis::default())), Received::Nothing);
    let progress = Response {
        id: old,
        body: Body::Progress(Progress {
            done: 1,
            total: 6,
            label: "finding dates".into(),
        }),
    };
    assert_eq!(page.receive(progress), Received::Nothing);
    assert_eq!(page.pending(), 0);
    assert_eq!(
        page.receive(part(new, 0, 1, Analysis::default())),
        Received::Answer(new, Rc::default())
    );
    // A part whose first part never came is dropped.
    assert_eq!(page.receive(part(new, 1, 2, Analysis::default())), Received::Nothing);
}

#[test]
fn added_articles_answers_are_kept_apart_and_show_no_progress() {
    let mut page = Reassembly::default();
    let main = page.next_request();
    let other = other_request_id(7);
    assert_eq!(
        page.receive(part(main, 0, 2, Analysis::default())),
        Received::Progress(super::answers::Shown {
            id: main,
            value: 5.5,
            max: 6.0,
            label: "receiving the results (part 1 of 2)".into()
        })
    );
    assert_eq!(page.receive(part(other, 0, 2, Analysis::default())), Received::Nothing);
    assert_eq!(page.pending(), 2, "an added article's parts do not drop the main one's");
    assert!(matches!(page.receive(part(other, 1, 2, Analysis::default())), Received::Answer(id, _) if id == other));
    assert!(matches!(page.receive(part(main, 1, 2, Analysis::default())), Received::Answer(id, _) if id == main));
}

#[test]
fn the_status_line_follows_the_analysis() {
    let state = after(&State::default(), [set_text(ARTICLE), Action::Requested(1)]);
    // A short text shows no bar, a long one an empty bar until the worker reports.
    assert_eq!(progress_bar(&state, None), None);
    assert_eq!(status_line(&state, None, true), "Analysing…");
    let long = after(
        &State::default(),
        [set_text(&"a ".repeat(PROGRESS_MIN_BYTES)), Action::Requested(4)],
    );
    let bar = progress_bar(&long, None).expect("a bar");
    assert_eq!((bar.id, bar.value, bar.max), (4, 0.0, 6.0));
    assert_eq!(
        status_line(&long, Some(&bar), true),
        "Analysing a long text (64 KB): waiting for the engine (step 1 of 6)…"
    );
    assert_eq!(status_line(&long, None, true), "Analysing a long text (64 KB)…");
    let analysis = crate::analyze(
        ARTICLE,
        &crate::Options {
            gazetteer: crate::Gazetteers::Off,
            ..crate::Options::default()
        },
    );
    let counts = format!(
        "{} dates, {} places, {} events",
        analysis.timexes.len(),
        analysis.places.len(),
        analysis.events.len()
    );
    let done = after(&state, [Action::Analysed(1, Rc::new(analysis))]);
    assert_eq!(progress_bar(&done, Some(&bar)), None);
    assert_eq!(status_line(&done, None, false), "Drawing the results…");
    assert_eq!(status_line(&done, None, true), counts);
    let stopped = after(
        &state,
        [Action::Stopped {
            id: 1,
            reason: "you stopped it".into(),
        }],
    );
    assert_eq!(
        status_line(&stopped, None, true),
        "Analysis stopped: you stopped it. Your text is kept; edit it to analyse it again."
    );
}

#[test]
fn a_stopped_added_article_keeps_the_reason_and_is_not_asked_for_again() {
    let view = ViewState {
        text: ARTICLE.into(),
        others: vec![
            OtherArticle {
                text: "Rome, 2 June 2024 — Thousands marched.".into(),
                ..OtherArticle::default()
            },
            OtherArticle {
                text: "Genoa, 4 May 2024 — A storm hit.".into(),
                ..OtherArticle::default()
            },
        ],
        ..ViewState::default()
    };
    let state = after(&State::default(), [Action::OpenLink(view)]);
    let keys: Vec<u64> = state.others.iter().map(|o| o.key).collect();
    assert_eq!(state.other_requests().len(), 2);
    let state = after(
        &state,
        [Action::Stopped {
            id: other_request_id(keys[0]),
            reason: "it took longer than 10 s".into(),
        }],
    );
    assert_eq!(state.others[0].failed.as_deref(), Some("it took longer than 10 s"));
    let asked: Vec<u64> = state.other_requests().iter().map(|r| r.id).collect();
    assert_eq!(asked, vec![other_request_id(keys[1])]);
    // An added article that has its analysis, or that was removed, is not marked.
    let done = after(
        &state,
        [Action::Analysed(
            other_request_id(keys[1]),
            Rc::new(Analysis::default()),
        )],
    );
    let stop = |key| Action::Stopped {
        id: other_request_id(key),
        reason: "late".into(),
    };
    assert!(reduce(&done, stop(keys[1])).is_none());
    assert!(reduce(&done, stop(99)).is_none());
}

#[test]
fn an_article_stopped_then_shelved_is_not_analysed_again_in_the_background() {
    let state = after(
        &State::default(),
        [
            set_text(ARTICLE),
            Action::Requested(1),
            Action::Stopped {
                id: 1,
                reason: "you stopped it".into(),
            },
            Action::AddArticle,
        ],
    );
    assert_eq!(state.others[0].failed.as_deref(), Some("you stopped it"));
    assert!(state.other_requests().is_empty());
    assert_eq!(state.status, Status::Idle);
    // Read again, it is the article being read: analysed as any other (its request is the page's to send).
    let key = state.others[0].key;
    let state = after(&state, [Action::SwitchTo(key)]);
    assert_eq!(&*state.text, ARTICLE);
}

#[test]
fn the_view_from_the_link_is_marked_until_the_person_changes_it() {
    let view = ViewState {
        text: ARTICLE.into(),
        ..ViewState::default()
    };
    let opened = after(&State::default(), [Action::OpenLink(view.clone())]);
    assert!(opened.from_link && !opened.edited);
    // Selecting, sorting and the analysis leave it the link's view.
    let looked = after(
        &opened,
        [
            Action::Select(Some(Selection::Event("ev1".into()))),
            Action::EventsInTextOrder(true),
            Action::Requested(1),
            Action::Analysed(1, Rc::new(Analysis::default())),
        ],
    );
    assert!(looked.from_link);
    for change in [
        Action::Typed(format!("{ARTICLE} More.").into()),
        Action::SetDct(Some("2024-03-05".into())),
        Action::ResetCorrections,
        Action::AddArticle,
        Action::Remove(Removal {
            kind: MentionKind::Place,
            mention: key(0, "On"),
        }),
    ] {
        let changed = after(&looked, [change.clone()]);
        assert!(!changed.from_link && changed.edited, "{change:?}");
    }
    // A view from a file or the autosave is not the address's.
    assert!(!after(&opened, [Action::LoadView(view)]).from_link);
}

#[test]
fn corrections_weigh_on_the_share_link_as_the_text_does() {
    let state = after(&State::default(), [set_text(ARTICLE)]);
    assert_eq!(state.link_bytes(), ARTICLE.len());
    let removal = |n: usize| Removal {
        kind: MentionKind::Place,
        mention: key(n, "Faenza"),
    };
    let mut view = state.view_state();
    view.corrections.removed = (0..1000).map(removal).collect();
    let heavy = after(&State::default(), [Action::OpenLink(view.clone())]);
    // The estimate is within a fifth of the JSON the link would carry.
    let json = serde_json::to_string(&view.corrections.removed).expect("json").len();
    let estimate = heavy.link_bytes() - ARTICLE.len();
    assert!(estimate.abs_diff(json) * 5 < json, "estimate {estimate}, JSON {json}");
    assert!(
        heavy.too_long_for_link(),
        "1,000 corrections make a link too heavy to write at each edit"
    );
    view.corrections.removed.truncate(100);
    assert!(!after(&State::default(), [Action::OpenLink(view)]).too_long_for_link());
}

#[test]
fn a_text_in_another_language_offers_to_read_it_as_english_until_a_new_text_comes() {
    let french = "Le ministre a déclaré dimanche que les négociations avec les rebelles sont terminées et que les \
                  troupes resteront dans la ville pour une semaine.";
    let analysed = |read_anyway: bool| {
        Rc::new(crate::analyze(
            french,
            &crate::Options {
                read_anyway,
                ..Default::default()
            },
        ))
    };
    let state = after(&State::default(), [set_text(french), Action::Requested(1)]);
    assert!(!state.request().read_anyway);
    let state = after(&state, [Action::Analysed(1, analysed(false))]);
    let notice = state.language_notice().expect("a language notice");
    assert!(
        notice.contains("looks French") && notice.contains("reads English"),
        "{notice}"
    );
    let anyway = after(&state, [Action::ReadAnyway]);
    assert!(anyway.request().read_anyway, "the next request reads it as English");
    assert_eq!(anyway.language_notice(), None);
    let anyway = after(&anyway, [Action::Requested(2), Action::Analysed(2, analysed(true))]);
    assert_eq!(anyway.language_notice(), None, "answered as English: no notice");
    let english = after(&anyway, [set_text(ARTICLE)]);
    assert!(!english.request().read_anyway, "a new text is detected afresh");
    let english = after(
        &english,
        [
            Action::Requested(3),
            Action::Analysed(3, Rc::new(crate::analyze(ARTICLE, &Default::default()))),
        ],
    );
    assert_eq!(english.language_notice(), None);
}

#[test]
fn an_undated_text_is_read_as_of_today_until_the_person_says() {
    let state = after(&State::default(), [Action::Typed("Talks failed on Sunday.".into())]);
    assert!(state.request().assume_today && !state.request().dct_from_text);
    let from_text = after(&state, [Action::DctFromText(true)]);
    assert!(from_text.request().dct_from_text && !from_text.request().assume_today);
    assert!(from_text.edited, "the choice is the person's: it is saved");
    // A new text starts again from "assumed".
    let next = after(
        &from_text,
        [Action::SetText {
            text: "Another.".into(),
            meta: Default::default(),
        }],
    );
    assert!(!next.dct_from_text && next.request().assume_today);
    // Shelved with its article and back with it.
    let shelved = after(&from_text, [Action::AddArticle]);
    assert!(shelved.others[0].dct_from_text && shelved.other_requests()[0].dct_from_text);
}

#[test]
fn a_place_says_why_in_words() {
    let text = "Shells fell on Homs on Sunday. Rebels in Homs and Aleppo said the army attacked.";
    let analysis = crate::analyze(text, &crate::Options::default());
    let homs = analysis
        .places
        .iter()
        .find(|p| p.text == "Homs")
        .expect("Homs is a place");
    let reason = crate::explorer::format::place_reason(&analysis, homs);
    assert!(reason.starts_with("The place itself."), "{reason}");
    assert!(reason.contains("names it 2 times"), "{reason}");
    assert!(reason.contains("(SY)") && reason.ends_with("% sure."), "{reason}");
    assert!(!reason.contains("Literal"), "{reason}");
}

#[test]
fn a_place_or_person_links_to_all_its_mentions_and_events() {
    let text = "Homs, Monday 5 Sep 2016\n\nShells hit Homs on Sunday, killing four people. \
                Later, an explosion struck a market in Homs. Talks were held in Geneva.";
    let analysis = crate::analyze(text, &crate::Options::default());
    let homs: Vec<&crate::model::Place> = analysis.places.iter().filter(|p| p.text == "Homs").collect();
    assert!(homs.len() >= 2, "{:?}", analysis.places);
    let linked = crate::explorer::marks::linked(&analysis, &Selection::Place(homs[1].id.clone()));
    for p in &homs {
        assert!(linked.mentions.contains(&p.id), "every mention of Homs: {linked:?}");
    }
    let in_homs: Vec<&str> = analysis
        .events
        .iter()
        .filter(|e| e.places.iter().any(|id| homs.iter().any(|p| &p.id == id)))
        .map(|e| e.id.as_str())
        .collect();
    assert!(!in_homs.is_empty(), "{:?}", analysis.events);
    for id in &in_homs {
        assert!(linked.events.contains(*id), "{id} happened in Homs: {linked:?}");
    }
    let geneva = analysis.places.iter().find(|p| p.text == "Geneva").expect("Geneva");
    assert!(!linked.mentions.contains(&geneva.id));
    // The lit ids of the article hold the same.
    let lit = crate::explorer::marks::selected_ids(&analysis, Some(&Selection::Place(homs[1].id.clone())));
    assert!(in_homs.iter().all(|id| lit.contains(*id)));
}
