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

/// Texts longer than this (all articles together) get no share link: compressing them would block the
/// page for longer than a frame budget allows, and the link would be too long for chat apps anyway
/// (the `.dateline.json` download carries them instead).
pub const MAX_LINK_TEXT_BYTES: usize = 64 * 1024;

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
    /// The last analysis failed; the text is kept.
    Failed(String),
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
    /// The person's corrections to it, kept for when it is read again.
    pub corrections: Corrections,
    /// Its analysis, once the worker answered.
    pub analysis: Option<Rc<Analysis>>,
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
    /// The person's document date (`None` to use the one found).
    SetDct(Option<String>),
    /// A request was sent to the worker.
    Requested(u64),
    /// The worker answered request `id`.
    Analysed(u64, Rc<Analysis>),
    /// The worker failed.
    Failed(String),
    /// Select something, or clear the selection.
    Select(Option<Selection>),
    /// Show a message.
    Notice(String),
    /// Dismiss the message.
    DismissNotice,
    /// Replace everything with a view from a link, a file or the autosave.
    LoadView(ViewState),
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
            Action::SetDct(dct) => {
                self.dct = dct;
                self.edited = true;
            }
            Action::LoadView(view) => self.load_view(view),
            Action::ChoosePlace(choice) => self.choose_place(choice),
            Action::Remove(removal) => self.remove(removal),
            Action::SetEventDate(fix) => self.set_event_date(fix),
            Action::ResetCorrections => {
                self.corrections = Corrections::default();
                self.edited = true;
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
                self.edited = true;
            }
            Action::Failed(message) => self.status = Status::Failed(message),
            Action::Select(selection) => self.selection = selection,
            Action::Notice(message) => self.notice = Some(message),
            Action::DismissNotice => self.notice = None,
        }
        true
    }

    fn set_text(&mut self, text: Rc<str>, meta: crate::html::PageMeta) {
        self.summary = TextSummary::for_long(&text);
        self.text = text;
        self.meta = meta;
        self.selection = None;
        self.edited = true;
    }

    fn typed(&mut self, text: Rc<str>) {
        self.text = text;
        self.meta = crate::html::PageMeta::default();
        self.selection = None;
        self.edited = true;
        self.summary = None;
    }

    fn load_view(&mut self, view: ViewState) {
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
        self.meta = crate::html::PageMeta::default();
        let first_key = self.next_key;
        self.others = view
            .others
            .into_iter()
            .enumerate()
            .map(|(k, o)| Other {
                key: first_key + k as u64,
                text: o.text.into(),
                dct: o.dct,
                corrections: o.corrections,
                analysis: None,
            })
            .collect();
        self.next_key += self.others.len() as u64;
    }

    fn choose_place(&mut self, choice: PlaceChoice) {
        self.corrections.places.retain(|c| c.mention != choice.mention);
        self.corrections.places.push(choice);
        self.edited = true;
    }

    fn remove(&mut self, removal: Removal) {
        if !self.corrections.removed.contains(&removal) {
            self.corrections.removed.push(removal);
        }
        self.selection = None;
        self.edited = true;
    }

    fn set_event_date(&mut self, fix: EventDateFix) {
        self.corrections.event_dates.retain(|f| f.trigger != fix.trigger);
        self.corrections.event_dates.push(fix);
        self.edited = true;
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
        self.analysis = Some(analysis);
        self.status = Status::Idle;
        true
    }

    /// The article being read as an added article with a new key; this one is left empty.
    fn shelve(&mut self) -> Other {
        let key = self.next_key;
        self.next_key += 1;
        Other {
            key,
            text: std::mem::take(&mut self.text),
            dct: self.dct.take(),
            corrections: std::mem::take(&mut self.corrections),
            analysis: self.analysis.take(),
        }
    }

    fn add_article(&mut self) -> bool {
        if self.text.trim().is_empty() {
            return false;
        }
        let shelved = self.shelve();
        self.others.push(shelved);
        self.selection = None;
        self.edited = true;
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
        self.analysis = chosen.analysis;
        self.corrections = chosen.corrections;
        self.selection = None;
        self.edited = true;
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
                })
                .collect(),
        }
    }

    /// The bytes of every article's text together.
    pub fn text_bytes(&self) -> usize {
        self.text.len() + self.others.iter().map(|o| o.text.len()).sum::<usize>()
    }

    /// True when the articles are too long together to travel in a share link.
    pub fn too_long_for_link(&self) -> bool {
        self.text_bytes() > MAX_LINK_TEXT_BYTES
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

    /// What to ask the worker about the article being read (its id is set when it is sent).
    pub fn request(&self) -> Request {
        Request {
            id: 0,
            text: self.text.to_string(),
            dct: self.dct.clone(),
            meta: self.meta.clone(),
            corrections: self.corrections.clone(),
        }
    }

    /// What to ask the worker about each added article not analysed yet.
    pub fn other_requests(&self) -> Vec<Request> {
        self.others
            .iter()
            .filter(|o| o.analysis.is_none())
            .map(|o| Request {
                id: other_request_id(o.key),
                text: o.text.to_string(),
                dct: o.dct.clone(),
                meta: crate::html::PageMeta::default(),
                corrections: o.corrections.clone(),
            })
            .collect()
    }
}
