//! The app state and its reducer, in plain Rust: every change the page makes is an [`Action`] given to
//! [`reduce`]. The Yew app (`src/app/`) shares the state with its views by context and renders it.
//!
//! The article texts are `Rc<str>`: a state is cloned at each action, and a long article is a megabyte.

use super::protocol::{is_main_request, other_request_id, Request, OTHER_REQUEST_BIT};
use super::summary::TextSummary;
use crate::corrections::{Corrections, EventDateFix, MentionKey, PlaceChoice, Removal};
use crate::model::Analysis;
use crate::share::{OtherArticle, ViewState};
use std::rc::Rc;

/// Views heavier than this ([`State::link_bytes`]: all articles' texts and corrections together) get no
/// share link: compressing them would block the page for longer than a frame budget allows, and the link
/// would be too long for chat apps anyway (the `.dateline.json` download carries them instead). A link
/// with 100,000 corrections, the most one may carry, took 0.5 s to write again after each edit.
pub const MAX_LINK_BYTES: usize = 64 * 1024;

/// What a correction weighs in a link's JSON besides its texts: its field names, span and punctuation
/// (`{"kind":"place","mention":{"span":{"start":1234,"end":1238},"text":""}}` is 70 bytes).
const CORRECTION_JSON_BYTES: usize = 80;

/// What the person has selected; every view highlights it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    /// A time expression, by id.
    Timex(String),
    /// A place mention, by id.
    Place(String),
    /// An entity mention, by id.
    Entity(String),
    /// An event, by id.
    Event(String),
}

impl Selection {
    /// The id of the selected item (`ev3`, `p2`, `t1`, `e4`).
    pub fn id(&self) -> &str {
        match self {
            Selection::Timex(id) | Selection::Place(id) | Selection::Entity(id) | Selection::Event(id) => id,
        }
    }

    /// The selection for an id, by its prefix.
    pub fn from_id(id: &str) -> Option<Selection> {
        let owned = id.to_string();
        if id.starts_with("ev") {
            Some(Selection::Event(owned))
        } else if id.starts_with('p') {
            Some(Selection::Place(owned))
        } else if id.starts_with('t') {
            Some(Selection::Timex(owned))
        } else if id.starts_with('e') {
            Some(Selection::Entity(owned))
        } else {
            None
        }
    }
}

/// Where the analysis stands.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Status {
    /// Nothing to analyse yet.
    #[default]
    Idle,
    /// The worker is analysing request `n`.
    Working(u64),
    /// The last analysis was stopped (over its time budget, the engine failed, or the person asked),
    /// for the reason given; the text is kept.
    Stopped(String),
}

/// Everything the page shows.
#[derive(Debug, Clone, Default)]
pub struct State {
    /// The article text, as typed, pasted or loaded.
    pub text: Rc<str>,
    /// Document creation time set by the person (`YYYY-MM-DD`), overriding what the engine finds.
    pub dct: Option<String>,
    /// What a dropped HTML file said about itself: headline, publication date, byline, site, address.
    pub meta: crate::html::PageMeta,
    /// The latest analysis of `text`.
    pub analysis: Option<Rc<Analysis>>,
    /// Progress of the analysis.
    pub status: Status,
    /// Id of the newest request sent to the worker.
    pub request: u64,
    /// The current selection.
    pub selection: Option<Selection>,
    /// A message for the person (a file that could not be read, a bad link); never clears their text.
    pub notice: Option<String>,
    /// The person's corrections, re-applied to every analysis.
    pub corrections: Corrections,
    /// Events listed in text order instead of time order.
    pub events_in_text_order: bool,
    /// True once the person changed something since the page opened: only then is the autosave written.
    pub edited: bool,
    /// Further articles whose events the timeline merges with this one's, each with its analysis.
    pub others: Vec<Other>,
    /// The next key for an added article.
    pub next_key: u64,
    /// Set when the Input region shows a summary of a long text in place of the text box (see
    /// [`super::summary::LONG_TEXT_BYTES`]); the text itself stays in `text`, shown by the Article panel.
    pub summary: Option<TextSummary>,
    /// True while the view is the one the page's link opened, its articles and corrections unchanged
    /// (the selection and the event order may differ): the address still holds it, so the page need not
    /// write it again, and must not clear it when the view is too heavy for a new link.
    pub from_link: bool,
    /// The person asked to analyse this text as English although it looks written in another language;
    /// cleared when another text comes in.
    pub read_anyway: bool,
    /// The person asked for the newest date written in the text as its publication date (until then, a text
    /// with no date of its own is read as published today, marked as assumed).
    pub dct_from_text: bool,
}

/// An article added beside the one being read.
#[derive(Debug, Clone)]
pub struct Other {
    /// Stable key (worker requests for it use [`other_request_id`]).
    pub key: u64,
    /// Its text.
    pub text: Rc<str>,
    /// Its document date, when set.
    pub dct: Option<String>,
    /// What its page said about itself.
    pub meta: crate::html::PageMeta,
    /// Its publication date is the newest date written in it.
    pub dct_from_text: bool,
    /// The person's corrections to it, kept for when it is read again.
    pub corrections: Corrections,
    /// Its analysis, once the worker answered.
    pub analysis: Option<Rc<Analysis>>,
    /// Why it has no analysis, when it was stopped (it is not asked for again until it is read).
    pub failed: Option<String>,
}

/// Everything that changes the state.
#[derive(Debug, Clone)]
pub enum Action {
    /// A whole new text (pasted, dropped, the sample, or a file); metadata from HTML comes with it. A
    /// long one is shown as a summary rather than in the text box.
    SetText {
        /// The text.
        text: Rc<str>,
        /// What the HTML page said about itself (empty for plain text).
        meta: crate::html::PageMeta,
    },
    /// The person typed in the text box: the text stays there, however long.
    Typed(Rc<str>),
    /// Put the long text in the text box after all (the person asked to edit it there).
    EditInBox,
    /// Analyse the text as English although it looks written in another language.
    ReadAnyway,
    /// The person's document date (`None` to use the one found).
    SetDct(Option<String>),
    /// Take the newest date written in the text as the publication date (true), or assume today (false).
    DctFromText(bool),
    /// A request was sent to the worker.
    Requested(u64),
    /// The worker answered request `id`.
    Analysed(u64, Rc<Analysis>),
    /// The analysis of request `id` was stopped: the watchdog found it over its time budget, the engine
    /// failed, or the person stopped it. The text is kept.
    Stopped {
        /// The request.
        id: u64,
        /// Why, for people ([`super::watchdog::Stop::reason`]).
        reason: String,
    },
    /// Select something, or clear the selection.
    Select(Option<Selection>),
    /// Show a message.
    Notice(String),
    /// Dismiss the message.
    DismissNotice,
    /// Replace everything with a view from a file or the autosave.
    LoadView(ViewState),
    /// Replace everything with the view of the link the page was opened with.
    OpenLink(ViewState),
    /// Use another candidate for a place mention.
    ChoosePlace(PlaceChoice),
    /// Remove a false mention.
    Remove(Removal),
    /// Change an event's date.
    SetEventDate(EventDateFix),
    /// Forget every correction.
    ResetCorrections,
    /// List events in text order (true) or time order (false).
    EventsInTextOrder(bool),
    /// Keep the current article on the timeline and start a new one.
    AddArticle,
    /// Read an added article: it swaps places with the current one.
    SwitchTo(u64),
    /// Drop an added article.
    RemoveArticle(u64),
}

/// The state after `action`, or `None` when the action changes nothing (a late answer, an unknown
/// article) and the current state stands.
pub fn reduce(state: &State, action: Action) -> Option<State> {
    let mut next = state.clone();
    next.apply(action).then_some(next)
}

/// The key a correction uses for a mention.
pub fn mention_key(span: crate::model::Span, text: &str) -> MentionKey {
    MentionKey {
        span,
        text: text.to_string(),
    }
}

impl State {
    /// Applies `action` in place. False when it changes nothing, and then the state is untouched.
    pub fn apply(&mut self, action: Action) -> bool {
        match action {
            Action::SetText { text, meta } => self.set_text(text, meta),
            Action::Typed(text) => self.typed(text),
            Action::EditInBox => self.summary = None,
            Action::ReadAnyway => self.read_anyway = true,
            Action::SetDct(dct) => {
                self.dct = dct;
                self.touched();
            }
            Action::DctFromText(from_text) => {
                self.dct_from_text = from_text;
                self.touched();
            }
            Action::LoadView(view) => {
                self.load_view(view);
                self.from_link = false;
            }
            Action::OpenLink(view) => {
                self.load_view(view);
                self.from_link = true;
            }
            Action::ChoosePlace(choice) => self.choose_place(choice),
            Action::Remove(removal) => self.remove(removal),
            Action::SetEventDate(fix) => self.set_event_date(fix),
            Action::ResetCorrections => {
                self.corrections = Corrections::default();
                self.touched();
            }
            Action::EventsInTextOrder(text_order) => self.events_in_text_order = text_order,
            Action::Requested(id) => {
                self.request = id;
                self.status = Status::Working(id);
            }
            Action::Analysed(id, analysis) => return self.analysed(id, analysis),
            Action::AddArticle => return self.add_article(),
            Action::SwitchTo(key) => return self.switch_to(key),
            Action::RemoveArticle(key) => {
                self.others.retain(|o| o.key != key);
                self.touched();
            }
            Action::Stopped { id, reason } => return self.stopped(id, reason),
            Action::Select(selection) => self.selection = selection,
            Action::Notice(message) => self.notice = Some(message),
            Action::DismissNotice => self.notice = None,
        }
        true
    }

    /// Nothing to show: no text, and no added article (the first visit, or after clearing the text).
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty() && self.others.is_empty()
    }

    /// The person changed the view: the autosave may be written, and the address no longer holds it.
    fn touched(&mut self) {
        self.edited = true;
        self.from_link = false;
    }

    /// Takes a stop of request `id`: the article being read says why it has no new analysis; an added
    /// article keeps the reason and is not asked for again. A superseded request changes nothing.
    fn stopped(&mut self, id: u64, reason: String) -> bool {
        if !is_main_request(id) {
            let key = id & !OTHER_REQUEST_BIT;
            return match self.others.iter_mut().find(|o| o.key == key && o.analysis.is_none()) {
                Some(other) => {
                    other.failed = Some(reason);
                    true
                }
                None => false,
            };
        }
        if id != self.request || self.status != Status::Working(id) {
            return false;
        }
        self.status = Status::Stopped(reason);
        true
    }

    fn set_text(&mut self, text: Rc<str>, meta: crate::html::PageMeta) {
        self.summary = TextSummary::for_long(&text);
        self.text = text;
        self.meta = meta;
        self.selection = None;
        self.read_anyway = false;
        self.dct_from_text = false;
        self.touched();
    }

    fn typed(&mut self, text: Rc<str>) {
        self.text = text;
        self.meta = crate::html::PageMeta::default();
        self.selection = None;
        self.touched();
        self.summary = None;
    }

    fn load_view(&mut self, view: ViewState) {
        self.read_anyway = false;
        self.summary = TextSummary::for_long(&view.text);
        self.text = view.text.into();
        self.dct = view.dct;
        self.corrections = view.corrections;
        self.selection = view.selection.as_deref().and_then(Selection::from_id);
        self.events_in_text_order = view
            .view
            .as_ref()
            .and_then(|v| v.get("events_in_text_order"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false);
        self.meta = view.meta;
        self.dct_from_text = view.dct_from_text;
        let first_key = self.next_key;
        self.others = view
            .others
            .into_iter()
            .enumerate()
            .map(|(k, o)| Other {
                key: first_key + k as u64,
                text: o.text.into(),
                dct: o.dct,
                meta: o.meta,
                dct_from_text: false,
                corrections: o.corrections,
                analysis: None,
                failed: None,
            })
            .collect();
        self.next_key += self.others.len() as u64;
    }

    fn choose_place(&mut self, choice: PlaceChoice) {
        self.corrections.places.retain(|c| c.mention != choice.mention);
        self.corrections.places.push(choice);
        self.touched();
    }

    fn remove(&mut self, removal: Removal) {
        if !self.corrections.removed.contains(&removal) {
            self.corrections.removed.push(removal);
        }
        self.selection = None;
        self.touched();
    }

    fn set_event_date(&mut self, fix: EventDateFix) {
        self.corrections.event_dates.retain(|f| f.trigger != fix.trigger);
        self.corrections.event_dates.push(fix);
        self.touched();
    }

    /// Takes an answer of the worker: for an added article, or the newest request for this one
    /// (a late answer to an old request must not replace a newer one).
    fn analysed(&mut self, id: u64, analysis: Rc<Analysis>) -> bool {
        if !is_main_request(id) {
            let key = id & !OTHER_REQUEST_BIT;
            return match self.others.iter_mut().find(|o| o.key == key) {
                Some(other) => {
                    other.analysis = Some(analysis);
                    true
                }
                None => false,
            };
        }
        if id != self.request {
            return false;
        }
        // An empty page shows no analysis ("0 dates, 0 places, 0 events", an axis of hours): it says what to do.
        self.analysis = (!self.is_blank()).then_some(analysis);
        self.status = Status::Idle;
        true
    }

    /// The article being read as an added article with a new key; this one is left empty. One whose
    /// analysis was stopped keeps the reason, so that it is not analysed again in the background.
    fn shelve(&mut self) -> Other {
        let key = self.next_key;
        self.next_key += 1;
        let failed = match std::mem::take(&mut self.status) {
            Status::Stopped(reason) => Some(reason),
            _ => None,
        };
        Other {
            key,
            text: std::mem::take(&mut self.text),
            dct: self.dct.take(),
            meta: std::mem::take(&mut self.meta),
            dct_from_text: std::mem::take(&mut self.dct_from_text),
            corrections: std::mem::take(&mut self.corrections),
            analysis: self.analysis.take(),
            failed,
        }
    }

    fn add_article(&mut self) -> bool {
        if self.text.trim().is_empty() {
            return false;
        }
        let shelved = self.shelve();
        self.others.push(shelved);
        self.selection = None;
        self.touched();
        self.summary = None;
        true
    }

    fn switch_to(&mut self, key: u64) -> bool {
        let Some(k) = self.others.iter().position(|o| o.key == key) else {
            return false;
        };
        let chosen = self.others.remove(k);
        if !self.text.trim().is_empty() {
            let shelved = self.shelve();
            self.others.insert(k, shelved);
        }
        self.summary = TextSummary::for_long(&chosen.text);
        self.text = chosen.text;
        self.dct = chosen.dct;
        self.meta = chosen.meta;
        self.dct_from_text = chosen.dct_from_text;
        self.analysis = chosen.analysis;
        self.corrections = chosen.corrections;
        self.selection = None;
        self.touched();
        true
    }

    /// The state as it travels in a link or a `.dateline.json` file.
    pub fn view_state(&self) -> ViewState {
        ViewState {
            text: self.text.to_string(),
            dct: self.dct.clone(),
            corrections: self.corrections.clone(),
            selection: self.selection.as_ref().map(|s| s.id().to_string()),
            view: Some(serde_json::json!({"events_in_text_order": self.events_in_text_order})),
            others: self
                .others
                .iter()
                .map(|o| OtherArticle {
                    text: o.text.to_string(),
                    dct: o.dct.clone(),
                    corrections: o.corrections.clone(),
                    meta: o.meta.clone(),
                })
                .collect(),
            meta: self.meta.clone(),
            dct_from_text: self.dct_from_text,
        }
    }

    /// The bytes of every article's text together.
    pub fn text_bytes(&self) -> usize {
        self.text.len() + self.others.iter().map(|o| o.text.len()).sum::<usize>()
    }

    /// About how many bytes of JSON the view is in a link: every article's text and corrections. O(texts'
    /// count + corrections), no allocation.
    pub fn link_bytes(&self) -> usize {
        fn weigh(c: &Corrections) -> usize {
            let key = |k: &crate::corrections::MentionKey| CORRECTION_JSON_BYTES + k.text.len();
            c.places.iter().map(|p| key(&p.mention) + p.name.len()).sum::<usize>()
                + c.removed.iter().map(|r| key(&r.mention)).sum::<usize>()
                + c.event_dates
                    .iter()
                    .map(|f| key(&f.trigger) + f.value.len())
                    .sum::<usize>()
        }
        self.text_bytes() + weigh(&self.corrections) + self.others.iter().map(|o| weigh(&o.corrections)).sum::<usize>()
    }

    /// True when the articles and their corrections are too heavy together to travel in a share link.
    pub fn too_long_for_link(&self) -> bool {
        self.link_bytes() > MAX_LINK_BYTES
    }

    /// The selected event's id, when an event is selected.
    pub fn selected_event(&self) -> Option<&str> {
        match &self.selection {
            Some(Selection::Event(id)) => Some(id),
            _ => None,
        }
    }

    /// How many corrections the person made to the article being read.
    pub fn correction_count(&self) -> usize {
        self.corrections.places.len() + self.corrections.removed.len() + self.corrections.event_dates.len()
    }

    /// The plain message for a text that looks written in a language Dateline does not read yet ("This
    /// article looks French; Dateline reads English for now"), while only its figures are shown; `None`
    /// otherwise, and once the person asked to analyse it as English anyway.
    pub fn language_notice(&self) -> Option<String> {
        let analysis = self.analysis.as_ref()?;
        if self.read_anyway {
            return None;
        }
        // The engine words it (its first sentence names the language); the page adds nothing to look up.
        let warning = analysis.warnings.iter().find(|w| w.code == "unsupported_language")?;
        let looks = warning.message.split(", so ").next().unwrap_or(&warning.message);
        Some(format!("{looks}: only dates and numbers written in figures are shown."))
    }

    /// What to ask the worker about the article being read (its id is set when it is sent).
    pub fn request(&self) -> Request {
        Request {
            id: 0,
            text: self.text.to_string(),
            dct: self.dct.clone(),
            meta: self.meta.clone(),
            corrections: self.corrections.clone(),
            read_anyway: self.read_anyway,
            assume_today: !self.dct_from_text,
            dct_from_text: self.dct_from_text,
        }
    }

    /// What to ask the worker about each added article not analysed yet (nor stopped).
    pub fn other_requests(&self) -> Vec<Request> {
        self.others
            .iter()
            .filter(|o| o.analysis.is_none() && o.failed.is_none())
            .map(|o| Request {
                id: other_request_id(o.key),
                text: o.text.to_string(),
                dct: o.dct.clone(),
                meta: o.meta.clone(),
                corrections: o.corrections.clone(),
                read_anyway: false,
                assume_today: !o.dct_from_text,
                dct_from_text: o.dct_from_text,
            })
            .collect()
    }
}
