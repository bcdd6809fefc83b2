//! The worker's answers as the page reads them: parts put back together, the progress bar, and the
//! status line. The browser side (`src/app/hooks/analysis.rs`) only moves messages and timers.

use super::format::human_bytes;
use super::protocol::{is_main_request, join, Body, Response, PROGRESS_MIN_BYTES, WORKER_STAGES};
use super::state::{State, Status};
use crate::model::Analysis;
use std::collections::HashMap;
use std::rc::Rc;

/// Where the page stands with a long analysis: shown as a progress bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Shown {
    /// The request it belongs to.
    pub id: u64,
    /// Steps done (fractional while the answer's parts arrive).
    pub value: f64,
    /// All steps.
    pub max: f64,
    /// What is happening.
    pub label: String,
}

/// What a message from the worker means for the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Received {
    /// Nothing to show: a part was kept for later, or the message was stale.
    Nothing,
    /// The progress bar of the article being read moves.
    Progress(Shown),
    /// The whole answer to request `id` arrived (for the article being read, the bar then goes).
    Answer(u64, Rc<Analysis>),
}

/// The page's side of the protocol: numbers the requests for the article being read, and puts the
/// parts of each answer back together.
#[derive(Debug, Default)]
pub struct Reassembly {
    /// The newest request sent for the article being read: parts of older ones are dropped unread.
    latest: u64,
    /// Parts received, by request, until the last one arrives.
    parts: HashMap<u64, Analysis>,
}

impl Reassembly {
    /// The id of a new request for the article being read; answers to older ones are ignored from now on.
    pub fn next_request(&mut self) -> u64 {
        self.latest += 1;
        self.latest
    }

    /// Requests whose answer is still being put together (read by the tests: the page only needs the finished ones).
    #[cfg(test)]
    pub fn pending(&self) -> usize {
        self.parts.len()
    }

    /// Reads one message of the worker.
    pub fn receive(&mut self, response: Response) -> Received {
        let id = response.id;
        let main = is_main_request(id);
        if main && id < self.latest {
            // A newer edit superseded this request: its answer would be thrown away anyway.
            self.parts.remove(&id);
            return Received::Nothing;
        }
        match response.body {
            Body::Progress(p) if main => Received::Progress(Shown {
                id,
                value: f64::from(p.done),
                max: f64::from(p.total),
                label: p.label,
            }),
            Body::Progress(_) | Body::Ready | Body::Started => Received::Nothing,
            Body::Part { index, count, analysis } => self.part(id, index, count, analysis),
        }
    }

    /// Keeps part `index` of `count` of the answer to `id`; the whole answer once it is complete.
    fn part(&mut self, id: u64, index: u32, count: u32, analysis: Analysis) -> Received {
        let main = is_main_request(id);
        if index == 0 {
            // Parts of older requests of the same article will never be completed.
            self.parts.retain(|k, _| is_main_request(*k) != main || *k > id);
            self.parts.insert(id, analysis);
        } else if let Some(whole) = self.parts.get_mut(&id) {
            join(whole, analysis);
        } else {
            return Received::Nothing;
        }
        if index + 1 < count {
            if !main || count <= 1 {
                return Received::Nothing;
            }
            let steps = f64::from(WORKER_STAGES + 1);
            return Received::Progress(Shown {
                id,
                value: steps - 1.0 + f64::from(index + 1) / f64::from(count),
                max: steps,
                label: format!("receiving the results (part {} of {count})", index + 1),
            });
        }
        match self.parts.remove(&id) {
            Some(whole) => Received::Answer(id, Rc::new(whole)),
            None => Received::Nothing,
        }
    }
}

/// The progress bar to show: the worker's latest report for the request under way, or for a long
/// text an empty bar until the first report (a new edit starts the bar again).
pub fn progress_bar(state: &State, reported: Option<&Shown>) -> Option<Shown> {
    match (&state.status, reported) {
        (Status::Working(id), Some(p)) if p.id == *id => Some(p.clone()),
        (Status::Working(id), _) if state.text.len() >= PROGRESS_MIN_BYTES => Some(Shown {
            id: *id,
            value: 0.0,
            max: f64::from(WORKER_STAGES + 1),
            label: "waiting for the engine".to_string(),
        }),
        _ => None,
    }
}

/// The status line under the input: progress, a failure, or the counts of the analysis. `drawn` is
/// false while the heavy views have not drawn the latest answer yet. A long text's size is said, so that
/// whoever opened a link carrying one knows at once why it takes a while.
pub fn status_line(state: &State, bar: Option<&Shown>, drawn: bool) -> String {
    let what = if state.text.len() >= PROGRESS_MIN_BYTES {
        format!("Analysing a long text ({})", human_bytes(state.text.len()))
    } else {
        "Analysing".to_string()
    };
    match &state.status {
        Status::Working(_) => match bar {
            Some(p) => format!(
                "{what}: {} (step {} of {})…",
                p.label,
                p.value.floor() as u32 + 1,
                p.max as u32
            ),
            None => format!("{what}…"),
        },
        Status::Stopped(why) => format!("Analysis stopped: {why}. Your text is kept; edit it to analyse it again."),
        // The counts show once every view has drawn the answer (the heavy ones draw a task later).
        Status::Idle if !drawn => "Drawing the results…".to_string(),
        Status::Idle => state
            .analysis
            .as_ref()
            .map(|a| {
                format!(
                    "{} dates, {} places, {} events",
                    a.timexes.len(),
                    a.places.len(),
                    a.events.len()
                )
            })
            .unwrap_or_default(),
    }
}
