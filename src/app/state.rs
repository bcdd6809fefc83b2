//! The app state: one reducer, shared with every view by context.

use crate::corrections::{Corrections, EventDateFix, MentionKey, PlaceChoice, Removal};
use crate::model::Analysis;
use crate::share::{OtherArticle, ViewState};
use std::rc::Rc;
use yew::prelude::*;

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
pub struct AppState {
    /// The article text, as typed, pasted or loaded.
    pub text: String,
    /// Document creation time set by the person (`YYYY-MM-DD`), overriding what the engine finds.
    pub dct: Option<String>,
    /// Title and publication date read from a dropped HTML file.
    pub meta_title: Option<String>,
    /// Publication date read from a dropped HTML file's metadata.
    pub meta_dct: Option<String>,
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
    /// [`LONG_TEXT_BYTES`]); the text itself stays in `text`, shown by the Article panel.
    pub summary: Option<TextSummary>,
}

/// Texts of this many bytes or more that arrive whole (a paste, a drop, a file, a link, the autosave,
/// switching articles) are not put in the text box: the Input region shows a [`TextSummary`] instead,
/// and the box gets the text only when the person asks for it. Chromium lays out a text box's whole
/// value at once, visible or not: 145–470 ms for 1 MB in a page holding nothing else, so about
/// 0.15–0.45 ms per KB, and a box of more than about 110 KB can block the page past the 50 ms a
/// task may take. 128 KB is around that point; articles (a few KB to a few tens) stay far below it.
pub const LONG_TEXT_BYTES: usize = 128 * 1024;

/// What the Input region says about a long text it does not put in the text box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextSummary {
    /// Its length in UTF-8 bytes.
    pub bytes: usize,
    /// Its words (runs of characters between whitespace).
    pub words: usize,
    /// Its paragraphs: runs of non-blank lines between blank ones.
    pub paragraphs: usize,
}

impl TextSummary {
    /// Counts `text` in one pass over its bytes (a megabyte takes a few milliseconds in wasm).
    pub fn of(text: &str) -> TextSummary {
        let (mut words, mut paragraphs) = (0, 0);
        // `in_word`: the last byte was not whitespace; `blank_line`: the current line holds only
        // whitespace so far; `in_paragraph`: a non-blank line was seen since the last blank one.
        let (mut in_word, mut blank_line, mut in_paragraph) = (false, true, false);
        for &b in text.as_bytes() {
            if b == b'\n' {
                if blank_line {
                    in_paragraph = false;
                }
                blank_line = true;
                in_word = false;
            } else if b.is_ascii_whitespace() {
                in_word = false;
            } else {
                if !in_word {
                    words += 1;
                    in_word = true;
                }
                if !in_paragraph {
                    paragraphs += 1;
                    in_paragraph = true;
                }
                blank_line = false;
            }
        }
        TextSummary {
            bytes: text.len(),
            words,
            paragraphs,
        }
    }

    /// The summary of `text` when it is long enough to be kept out of the text box.
    pub fn for_long(text: &str) -> Option<TextSummary> {
        (text.len() >= LONG_TEXT_BYTES).then(|| TextSummary::of(text))
    }

    /// "Long article: 1.0 MB, 182,044 words, 9,812 paragraphs".
    pub fn describe(&self) -> String {
        format!(
            "Long article: {}, {} words, {} paragraphs",
            human_bytes(self.bytes),
            grouped(self.words),
            grouped(self.paragraphs)
        )
    }
}

/// `n` with commas between groups of three digits.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A size as people read it: "1.0 MB", "200 KB", "12 bytes" (1 KB = 1024 bytes; from 1000 KB on in MB,
/// so that a text just short of a megabyte does not read "1024 KB").
pub fn human_bytes(bytes: usize) -> String {
    const MB: usize = 1024 * 1024;
    if bytes >= 1000 * 1024 {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{} KB", (bytes + 512) / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// An article added beside the one being read.
#[derive(Debug, Clone)]
pub struct Other {
    /// Stable key (worker requests for it use [`other_request_id`]).
    pub key: u64,
    /// Its text.
    pub text: String,
    /// Its document date, when set.
    pub dct: Option<String>,
    /// The person's corrections to it, kept for when it is read again.
    pub corrections: Corrections,
    /// Its analysis, once the worker answered.
    pub analysis: Option<Rc<Analysis>>,
}

/// An analysis compared by identity. Every view gets the state by context, and Yew compares the old
/// and new state at each change: comparing two analyses of a long text field by field takes tens of
/// milliseconds, and an analysis is never changed in place (a new one is a new `Rc`).
#[derive(Debug, Clone)]
pub struct AnalysisRef(pub Rc<Analysis>);

impl PartialEq for AnalysisRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// `a == b` for texts, eight bytes at a time: the `memcmp` of wasm compares byte by byte, and views
/// compare the article's text (a megabyte, for a long one) at every render.
pub fn same_text(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let word = |c: &[u8]| {
        let mut w = [0_u8; 8];
        w.copy_from_slice(c);
        u64::from_ne_bytes(w)
    };
    let (wa, wb) = (a.chunks_exact(8), b.chunks_exact(8));
    let tails_equal = wa.remainder() == wb.remainder();
    tails_equal && wa.zip(wb).all(|(x, y)| word(x) == word(y))
}

/// A text compared with [`same_text`], for the dependencies of hooks.
#[derive(Debug, Clone)]
pub struct Text(pub String);

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        same_text(&self.0, &other.0)
    }
}

/// True when both are the same analysis (or both absent).
fn same_analysis(a: &Option<Rc<Analysis>>, b: &Option<Rc<Analysis>>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => Rc::ptr_eq(a, b),
        (None, None) => true,
        _ => false,
    }
}

impl PartialEq for Other {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
            && same_text(&self.text, &other.text)
            && self.dct == other.dct
            && self.corrections == other.corrections
            && same_analysis(&self.analysis, &other.analysis)
    }
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        // Cheap fields first; the text last (a long article is a megabyte to compare).
        let Self {
            text,
            dct,
            meta_title,
            meta_dct,
            analysis,
            status,
            request,
            selection,
            notice,
            corrections,
            events_in_text_order,
            edited,
            others,
            next_key,
            summary,
        } = self;
        same_analysis(analysis, &other.analysis)
            && *status == other.status
            && *request == other.request
            && *selection == other.selection
            && *events_in_text_order == other.events_in_text_order
            && *edited == other.edited
            && *next_key == other.next_key
            && *summary == other.summary
            && *dct == other.dct
            && *meta_title == other.meta_title
            && *meta_dct == other.meta_dct
            && *notice == other.notice
            && *corrections == other.corrections
            && *others == other.others
            && same_text(text, &other.text)
    }
}

/// Worker request ids for added articles live above this bit, apart from the main article's.
pub const OTHER_REQUEST_BIT: u64 = 1 << 40;

/// The worker request id for the added article with `key`.
pub fn other_request_id(key: u64) -> u64 {
    OTHER_REQUEST_BIT | key
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

impl AppState {
    /// The state as it travels in a link or a `.dateline.json` file.
    pub fn view_state(&self) -> ViewState {
        ViewState {
            text: self.text.clone(),
            dct: self.dct.clone(),
            corrections: self.corrections.clone(),
            selection: self.selection.as_ref().map(|s| s.id().to_string()),
            view: Some(serde_json::json!({"events_in_text_order": self.events_in_text_order})),
            others: self
                .others
                .iter()
                .map(|o| OtherArticle {
                    text: o.text.clone(),
                    dct: o.dct.clone(),
                    corrections: o.corrections.clone(),
                })
                .collect(),
        }
    }
}

/// Everything that changes the state.
#[derive(Debug, Clone)]
pub enum Action {
    /// A whole new text (pasted, dropped, the sample, or a file); metadata from HTML comes with it. A
    /// long one is shown as a summary rather than in the text box.
    SetText {
        /// The text.
        text: String,
        /// Title from metadata, if any.
        title: Option<String>,
        /// Publication date from metadata, if any.
        published: Option<String>,
    },
    /// The person typed in the text box: the text stays there, however long.
    Typed(String),
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

/// The key a correction uses for a mention.
pub fn mention_key(span: crate::model::Span, text: &str) -> MentionKey {
    MentionKey {
        span,
        text: text.to_string(),
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetText { text, title, published } => {
                next.summary = TextSummary::for_long(&text);
                next.text = text;
                next.meta_title = title;
                next.meta_dct = published;
                next.selection = None;
                next.edited = true;
            }
            Action::Typed(text) => {
                next.text = text;
                next.meta_title = None;
                next.meta_dct = None;
                next.selection = None;
                next.edited = true;
                next.summary = None;
            }
            Action::EditInBox => next.summary = None,
            Action::SetDct(dct) => {
                next.dct = dct;
                next.edited = true;
            }
            Action::LoadView(view) => {
                next.summary = TextSummary::for_long(&view.text);
                next.text = view.text;
                next.dct = view.dct;
                next.corrections = view.corrections;
                next.selection = view.selection.as_deref().and_then(Selection::from_id);
                next.events_in_text_order = view
                    .view
                    .as_ref()
                    .and_then(|v| v.get("events_in_text_order"))
                    .and_then(serde_json::Value::as_bool)
                    .unwrap_or(false);
                next.meta_title = None;
                next.meta_dct = None;
                next.others = view
                    .others
                    .into_iter()
                    .enumerate()
                    .map(|(k, o)| Other {
                        key: next.next_key + k as u64,
                        text: o.text,
                        dct: o.dct,
                        corrections: o.corrections,
                        analysis: None,
                    })
                    .collect();
                next.next_key += next.others.len() as u64;
            }
            Action::ChoosePlace(choice) => {
                next.corrections.places.retain(|c| c.mention != choice.mention);
                next.corrections.places.push(choice);
                next.edited = true;
            }
            Action::Remove(removal) => {
                if !next.corrections.removed.contains(&removal) {
                    next.corrections.removed.push(removal);
                }
                next.selection = None;
                next.edited = true;
            }
            Action::SetEventDate(fix) => {
                next.corrections.event_dates.retain(|f| f.trigger != fix.trigger);
                next.corrections.event_dates.push(fix);
                next.edited = true;
            }
            Action::ResetCorrections => {
                next.corrections = Corrections::default();
                next.edited = true;
            }
            Action::EventsInTextOrder(text_order) => next.events_in_text_order = text_order,
            Action::Requested(id) => {
                next.request = id;
                next.status = Status::Working(id);
            }
            Action::Analysed(id, analysis) if id & OTHER_REQUEST_BIT != 0 => {
                let key = id & !OTHER_REQUEST_BIT;
                match next.others.iter_mut().find(|o| o.key == key) {
                    Some(other) => other.analysis = Some(analysis),
                    None => return self,
                }
            }
            Action::AddArticle => {
                if next.text.trim().is_empty() {
                    return self;
                }
                let key = next.next_key;
                next.next_key += 1;
                next.others.push(Other {
                    key,
                    text: std::mem::take(&mut next.text),
                    dct: next.dct.take(),
                    corrections: std::mem::take(&mut next.corrections),
                    analysis: next.analysis.take(),
                });
                next.selection = None;
                next.edited = true;
                next.summary = None;
            }
            Action::SwitchTo(key) => {
                let Some(k) = next.others.iter().position(|o| o.key == key) else {
                    return self;
                };
                let chosen = next.others.remove(k);
                if !next.text.trim().is_empty() {
                    let key = next.next_key;
                    next.next_key += 1;
                    next.others.insert(
                        k,
                        Other {
                            key,
                            text: std::mem::take(&mut next.text),
                            dct: next.dct.take(),
                            corrections: std::mem::take(&mut next.corrections),
                            analysis: next.analysis.take(),
                        },
                    );
                }
                next.summary = TextSummary::for_long(&chosen.text);
                next.text = chosen.text;
                next.dct = chosen.dct;
                next.analysis = chosen.analysis;
                next.corrections = chosen.corrections;
                next.selection = None;
                next.edited = true;
            }
            Action::RemoveArticle(key) => {
                next.others.retain(|o| o.key != key);
                next.edited = true;
            }
            Action::Analysed(id, analysis) => {
                // A late answer to an old request must not replace a newer one.
                if id != next.request {
                    return self;
                }
                next.analysis = Some(analysis);
                next.status = Status::Idle;
            }
            Action::Failed(message) => next.status = Status::Failed(message),
            Action::Select(selection) => next.selection = selection,
            Action::Notice(message) => next.notice = Some(message),
            Action::DismissNotice => next.notice = None,
        }
        Rc::new(next)
    }
}

/// Zero-delay timers before the timeline draws a new analysis (see [`use_settled_analysis`]). Yew
/// batches the renders requested in one task, so the views wait different numbers of timers, with
/// room between them for Yew's own render timer: each then draws in a task of its own.
pub const TIMELINE_HOPS: u32 = 1;
/// Timers before the map draws a new analysis.
pub const MAP_HOPS: u32 = 3;
/// Timers before the event list draws a new analysis.
pub const EVENTS_HOPS: u32 = 5;
/// Timers before the status line shows the counts: after every view has drawn.
pub const STATUS_HOPS: u32 = 7;

/// The analysis as a heavy view (timeline, map, event list) draws it: the state's, adopted `hops`
/// tasks later. A long article's answer then draws view by view, each in a task of its own, instead
/// of all in one task too long for the page to answer input meanwhile.
#[hook]
pub fn use_settled_analysis(current: Option<Rc<Analysis>>, hops: u32) -> Option<Rc<Analysis>> {
    let shown = use_state(|| current.clone());
    {
        let shown = shown.clone();
        use_effect_with(current.map(AnalysisRef), move |now| {
            let now = now.as_ref().map(|a| a.0.clone());
            let pending = Rc::new(std::cell::RefCell::new(None::<gloo::timers::callback::Timeout>));
            schedule(pending.clone(), hops.max(1), move || {
                if (*shown).as_ref().map(Rc::as_ptr) != now.as_ref().map(Rc::as_ptr) {
                    shown.set(now);
                }
            });
            move || drop(pending.borrow_mut().take())
        });
    }
    (*shown).clone()
}

/// Runs `then` after `hops` zero-delay timers, one after another; dropping the timer in `slot` cancels it.
fn schedule(
    slot: Rc<std::cell::RefCell<Option<gloo::timers::callback::Timeout>>>,
    hops: u32,
    then: impl FnOnce() + 'static,
) {
    let inner = slot.clone();
    let timeout = gloo::timers::callback::Timeout::new(0, move || {
        if hops <= 1 {
            then();
        } else {
            schedule(inner, hops - 1, then);
        }
    });
    *slot.borrow_mut() = Some(timeout);
}

/// The handle every view gets from context.
pub type AppContext = UseReducerHandle<AppState>;
