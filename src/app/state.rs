//! The app state: one reducer, shared with every view by context.

use crate::model::Analysis;
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
#[derive(Debug, Clone, PartialEq, Default)]
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
}

/// Everything that changes the state.
#[derive(Debug, Clone)]
pub enum Action {
    /// New text (typed, pasted, the sample, or a file); metadata from HTML comes with it.
    SetText {
        /// The text.
        text: String,
        /// Title from metadata, if any.
        title: Option<String>,
        /// Publication date from metadata, if any.
        published: Option<String>,
    },
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
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::SetText { text, title, published } => {
                next.text = text;
                next.meta_title = title;
                next.meta_dct = published;
                next.selection = None;
            }
            Action::SetDct(dct) => next.dct = dct,
            Action::Requested(id) => {
                next.request = id;
                next.status = Status::Working(id);
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

/// The handle every view gets from context.
pub type AppContext = UseReducerHandle<AppState>;
