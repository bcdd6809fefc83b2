//! The watchdog over the analysis worker (issue 23): each request has a time budget from the size of its
//! text ([`watchdog_ms`](super::protocol::watchdog_ms)), counted from the moment the worker says it started
//! it. A request over its budget is stopped by ending the worker: a worker busy in a long synchronous
//! analysis reads no message, so only `Worker.terminate()` stops it. The requests still waiting are then
//! sent again, to a new worker.
//!
//! Plain bookkeeping: times are milliseconds given by the caller, so it is tested on the host; the page
//! (`src/app/hooks/analysis.rs`) holds the worker and the timer.

use super::format::{human_bytes, human_duration};
use super::protocol::is_main_request;

/// An analysis of a text this long or longer that holds up the article being read (a superseded analysis of
/// it, or an added article's) is abandoned, the worker ended and started again, rather than waited for.
/// Starting a worker costs about half a second (its wasm compiled, the gazetteer read again); analysing
/// 2 MB takes longer than that, and the person is waiting for the text they have now.
pub const ABANDON_FROM_BYTES: usize = 2 * 1024 * 1024;

/// A request the worker has not finished.
#[derive(Debug, Clone, PartialEq)]
pub struct Sent<R> {
    /// Its id.
    pub id: u64,
    /// The length of its text.
    pub bytes: usize,
    /// How long the worker may work on it, in milliseconds.
    pub budget_ms: u32,
    /// The request itself, to send again after a restart; `None` once nobody waits for its answer: a newer
    /// request for the article being read superseded it, or the added article was removed or read.
    pub request: Option<R>,
}

/// Why the worker is ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// Request `id` ran past its budget.
    OverBudget {
        /// The request.
        id: u64,
        /// Its text's length.
        bytes: usize,
        /// Its budget in milliseconds.
        budget_ms: u32,
    },
    /// The worker failed (a panic or running out of memory ends a wasm instance) while on request `id`.
    Crashed(u64),
    /// The person stopped the analysis of the article being read (request `id`).
    ByPerson(u64),
    /// Two workers in a row failed before they started any request: request `id` was never analysed.
    Unstarted(u64),
    /// The worker is busy with request `id`, a long one whose answer nobody waits for any more (it is
    /// dropped), or an added article's that holds up the article being read (it is sent again after).
    Abandoned(u64),
}

impl Stop {
    /// The request stopped.
    pub fn id(&self) -> u64 {
        match self {
            Stop::OverBudget { id, .. }
            | Stop::Crashed(id)
            | Stop::ByPerson(id)
            | Stop::Unstarted(id)
            | Stop::Abandoned(id) => *id,
        }
    }

    /// Why, for people, to follow "Analysis stopped: " (or "not analysed: " for an added article); `None`
    /// when there is nothing to tell (an abandoned request nobody waits for).
    pub fn reason(&self) -> Option<String> {
        match self {
            Stop::OverBudget { bytes, budget_ms, .. } => Some(format!(
                "it took longer than {}, the most allowed for a text of {}",
                human_duration(*budget_ms),
                human_bytes(*bytes)
            )),
            Stop::Crashed(_) => {
                Some("the analysis engine failed on this text (it may have run out of memory) and was restarted".into())
            }
            Stop::ByPerson(_) => Some("you stopped it".into()),
            Stop::Unstarted(_) => {
                Some("the analysis engine could not be started; reload the page if this goes on".into())
            }
            Stop::Abandoned(_) => None,
        }
    }
}

/// What the worker owes the page, and since when it works on what.
#[derive(Debug)]
pub struct Watchdog<R> {
    /// Every request sent and not finished, in the order sent.
    pending: Vec<Sent<R>>,
    /// The request the worker said it started, and when.
    running: Option<(u64, f64)>,
}

impl<R> Default for Watchdog<R> {
    fn default() -> Self {
        Watchdog {
            pending: Vec::new(),
            running: None,
        }
    }
}

impl<R> Watchdog<R> {
    /// Request `sent` went to the worker. A request for the article being read supersedes the older ones
    /// (the worker drops those still queued; one it is working on runs to its end).
    pub fn sent(&mut self, sent: Sent<R>) {
        if is_main_request(sent.id) {
            for older in self.pending.iter_mut().filter(|p| is_main_request(p.id)) {
                older.request = None;
            }
        } else {
            // An added article is only sent again after a restart, which forgot the first sending.
            self.pending.retain(|p| p.id != sent.id);
        }
        self.pending.push(sent);
    }

    /// The worker started request `id` at `now`. The worker answers in order, so older requests for the
    /// article being read were dropped or answered.
    pub fn started(&mut self, id: u64, now: f64) {
        if is_main_request(id) {
            self.pending.retain(|p| !is_main_request(p.id) || p.id >= id);
        }
        self.running = Some((id, now));
    }

    /// The worker sent the last part of its answer to `id`.
    pub fn finished(&mut self, id: u64) {
        let main = is_main_request(id);
        self.pending
            .retain(|p| p.id != id && !(main && is_main_request(p.id) && p.id < id));
        if self.running.is_some_and(|(r, _)| r == id) {
            self.running = None;
        }
    }

    /// The request the worker is on, if it said so and has not finished it.
    fn running(&self) -> Option<(&Sent<R>, f64)> {
        let (id, since) = self.running?;
        self.pending.iter().find(|p| p.id == id).map(|p| (p, since))
    }

    /// When the request under way runs out of budget (ms), if one is under way.
    pub fn deadline(&self) -> Option<f64> {
        self.running().map(|(p, since)| since + f64::from(p.budget_ms))
    }

    /// The request under way, if it is over its budget at `now`.
    pub fn overrun(&self, now: f64) -> Option<Stop> {
        let (p, since) = self.running()?;
        (now >= since + f64::from(p.budget_ms)).then_some(Stop::OverBudget {
            id: p.id,
            bytes: p.bytes,
            budget_ms: p.budget_ms,
        })
    }

    /// Added articles other than `wanted` need no analysis any more (removed, read, or answered): those
    /// not finished are not sent again, and [`Watchdog::abandon`] may end one under way.
    pub fn only_others(&mut self, wanted: &[u64]) {
        for p in self.pending.iter_mut() {
            if !is_main_request(p.id) && !wanted.contains(&p.id) {
                p.request = None;
            }
        }
    }

    /// The request under way, when its text is long enough ([`ABANDON_FROM_BYTES`]) that starting a new
    /// worker is quicker than waiting for it, and it is in the way: nobody waits for its answer any more
    /// (a newer request for the article being read, or the added article removed), or it is an added
    /// article's and a request for the article being read waits behind it (the worker takes those first).
    pub fn abandon(&self) -> Option<Stop> {
        let (p, _) = self.running()?;
        let unwanted = p.request.is_none();
        let holds_up = !is_main_request(p.id)
            && self
                .pending
                .iter()
                .any(|q| is_main_request(q.id) && q.request.is_some());
        ((unwanted || holds_up) && p.bytes >= ABANDON_FROM_BYTES).then_some(Stop::Abandoned(p.id))
    }

    /// The request the worker is on, if it said which.
    pub fn running_id(&self) -> Option<u64> {
        self.running.map(|(id, _)| id)
    }

    /// The newest request for the article being read that is not finished.
    pub fn main_pending(&self) -> Option<u64> {
        self.pending.iter().rev().find(|p| is_main_request(p.id)).map(|p| p.id)
    }

    /// The worker is ended for `stop`: forgets everything, and returns the requests to send to the next
    /// one, in the order first sent: all those not finished but the superseded ones and the one stopped
    /// (an abandoned added article is sent again: it was only made to wait).
    pub fn restart(&mut self, stop: &Stop) -> Vec<Sent<R>> {
        let stopped = match stop {
            Stop::Abandoned(_) => None,
            _ => Some(stop.id()),
        };
        self.resend(stopped)
    }

    /// The worker failed before it started anything (its wasm did not load, say): forgets everything and
    /// returns every request waiting, to send to a new worker.
    pub fn retry(&mut self) -> Vec<Sent<R>> {
        self.resend(None)
    }

    /// Forgets everything; returns the requests waiting, but `stopped` and those nobody waits for.
    fn resend(&mut self, stopped: Option<u64>) -> Vec<Sent<R>> {
        self.running = None;
        std::mem::take(&mut self.pending)
            .into_iter()
            .filter(|p| Some(p.id) != stopped && p.request.is_some())
            .collect()
    }

    /// A second worker failed before starting anything (sending the requests again could fail the same way,
    /// for ever): forgets everything and returns the requests that will not be answered.
    pub fn give_up(&mut self) -> Vec<u64> {
        self.running = None;
        std::mem::take(&mut self.pending)
            .into_iter()
            .filter(|p| p.request.is_some())
            .map(|p| p.id)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explorer::protocol::{other_request_id, watchdog_ms};

    fn sent(id: u64, bytes: usize) -> Sent<&'static str> {
        Sent {
            id,
            bytes,
            budget_ms: watchdog_ms(bytes),
            request: Some("request"),
        }
    }

    #[test]
    fn the_budget_counts_from_the_start_of_the_request_under_way() {
        let mut dog = Watchdog::default();
        dog.sent(sent(1, 1024 * 1024));
        // Queued, not started: the worker may be loading or busy with another request.
        assert_eq!(dog.deadline(), None);
        assert_eq!(dog.overrun(1e12), None);
        dog.started(1, 5_000.0);
        let budget = watchdog_ms(1024 * 1024);
        assert_eq!(dog.deadline(), Some(5_000.0 + f64::from(budget)));
        assert_eq!(dog.overrun(5_000.0 + f64::from(budget) - 1.0), None);
        let over = dog.overrun(5_000.0 + f64::from(budget)).expect("over its budget");
        assert_eq!(
            over,
            Stop::OverBudget {
                id: 1,
                bytes: 1024 * 1024,
                budget_ms: budget
            }
        );
        dog.finished(1);
        assert_eq!(
            (dog.deadline(), dog.overrun(1e12), dog.main_pending()),
            (None, None, None)
        );
    }

    #[test]
    fn each_request_gets_its_own_budget_in_turn() {
        let mut dog = Watchdog::default();
        let other = other_request_id(3);
        dog.sent(sent(other, 8 * 1024 * 1024));
        dog.sent(sent(1, 1000));
        dog.started(other, 0.0);
        assert_eq!(dog.deadline(), Some(f64::from(watchdog_ms(8 * 1024 * 1024))));
        dog.finished(other);
        assert_eq!(dog.deadline(), None, "nothing under way until the worker says");
        dog.started(1, 60_000.0);
        assert_eq!(dog.deadline(), Some(60_000.0 + f64::from(watchdog_ms(1000))));
        assert_eq!(dog.running_id(), Some(1));
    }

    #[test]
    fn a_restart_sends_again_what_was_waiting_but_the_stopped_request_and_superseded_ones() {
        let mut dog = Watchdog::default();
        let (a, b) = (other_request_id(0), other_request_id(1));
        dog.sent(sent(a, 100));
        dog.sent(sent(1, 100));
        dog.sent(sent(b, 100));
        dog.sent(sent(2, 100));
        dog.started(a, 0.0);
        let again: Vec<u64> = dog.restart(&Stop::Crashed(a)).iter().map(|s| s.id).collect();
        assert_eq!(again, vec![b, 2], "request 1 was superseded by 2");
        assert_eq!(
            (dog.deadline(), dog.main_pending()),
            (None, None),
            "forgotten until sent again"
        );
        // A person's stop of the article being read: the added article is sent again, the article not.
        dog.sent(sent(b, 100));
        dog.sent(sent(2, 100));
        dog.started(2, 0.0);
        assert_eq!(dog.main_pending(), Some(2));
        let again: Vec<u64> = dog.restart(&Stop::ByPerson(2)).iter().map(|s| s.id).collect();
        assert_eq!(again, vec![b]);
    }

    #[test]
    fn older_requests_of_the_article_are_settled_by_a_newer_one_starting_or_finishing() {
        let mut dog = Watchdog::default();
        for id in 1..=3 {
            dog.sent(sent(id, 100));
        }
        // The worker dropped 1 and 2 from its queue and started 3.
        dog.started(3, 0.0);
        dog.finished(3);
        assert_eq!(dog.main_pending(), None);
        assert!(dog.restart(&Stop::Crashed(3)).is_empty());
        dog.sent(sent(4, 100));
        dog.sent(sent(5, 100));
        dog.finished(5);
        assert_eq!(dog.main_pending(), None, "4 was superseded and dropped by the worker");
    }

    #[test]
    fn a_long_analysis_that_holds_up_the_article_being_read_is_abandoned_a_short_one_waited_for() {
        let mut dog = Watchdog::default();
        dog.sent(sent(1, ABANDON_FROM_BYTES));
        dog.started(1, 0.0);
        assert_eq!(dog.abandon(), None, "not superseded");
        dog.sent(sent(2, 10));
        let stop = dog.abandon().expect("abandoned");
        assert_eq!(stop, Stop::Abandoned(1));
        assert_eq!(stop.reason(), None, "nothing to tell: the person moved on");
        assert_eq!(dog.restart(&stop).iter().map(|s| s.id).collect::<Vec<_>>(), vec![2]);

        let mut dog = Watchdog::default();
        dog.sent(sent(1, ABANDON_FROM_BYTES - 1));
        dog.started(1, 0.0);
        dog.sent(sent(2, 10));
        assert_eq!(dog.abandon(), None, "short: finishing it is quicker than a new worker");

        // A long added article gives way to the article being read, and is sent again after it.
        let mut dog = Watchdog::default();
        let other = other_request_id(0);
        dog.sent(sent(other, ABANDON_FROM_BYTES));
        dog.started(other, 0.0);
        assert_eq!(dog.abandon(), None, "nothing waits");
        dog.sent(sent(1, 10));
        let stop = dog.abandon().expect("abandoned");
        assert_eq!(stop, Stop::Abandoned(other));
        assert_eq!(
            dog.restart(&stop).iter().map(|s| s.id).collect::<Vec<_>>(),
            vec![other, 1]
        );

        // An added article removed (or read, or answered) while it is analysed is not waited for, nor
        // sent again; the others are.
        let mut dog = Watchdog::default();
        let (gone, kept) = (other_request_id(0), other_request_id(1));
        dog.sent(sent(gone, ABANDON_FROM_BYTES));
        dog.sent(sent(kept, 10));
        dog.started(gone, 0.0);
        dog.only_others(&[gone, kept]);
        assert_eq!(dog.abandon(), None);
        dog.only_others(&[kept]);
        let stop = dog.abandon().expect("abandoned");
        assert_eq!(stop, Stop::Abandoned(gone));
        assert_eq!(dog.restart(&stop).iter().map(|s| s.id).collect::<Vec<_>>(), vec![kept]);
    }

    #[test]
    fn a_worker_that_fails_before_starting_anything_is_retried_then_given_up() {
        let mut dog = Watchdog::default();
        dog.sent(sent(1, 10));
        dog.sent(sent(2, 10));
        dog.sent(sent(other_request_id(7), 10));
        let again: Vec<u64> = dog.retry().iter().map(|s| s.id).collect();
        assert_eq!(again, vec![2, other_request_id(7)]);
        assert_eq!(dog.main_pending(), None, "forgotten until sent again");
        dog.sent(sent(2, 10));
        dog.sent(sent(other_request_id(7), 10));
        assert_eq!(dog.give_up(), vec![2, other_request_id(7)]);
        assert_eq!(dog.main_pending(), None);
    }

    #[test]
    fn reasons_say_what_happened_in_plain_words() {
        let over = Stop::OverBudget {
            id: 1,
            bytes: 12 * 1024 * 1024,
            budget_ms: watchdog_ms(12 * 1024 * 1024),
        };
        assert_eq!(
            over.reason().expect("a reason"),
            format!(
                "it took longer than {}, the most allowed for a text of 12.0 MB",
                crate::explorer::format::human_duration(watchdog_ms(12 * 1024 * 1024))
            )
        );
        assert!(Stop::Crashed(1)
            .reason()
            .expect("a reason")
            .contains("failed on this text"));
        assert_eq!(Stop::ByPerson(1).reason().as_deref(), Some("you stopped it"));
        assert!(Stop::Unstarted(1)
            .reason()
            .expect("a reason")
            .contains("could not be started"));
        assert_eq!(Stop::Crashed(4).id(), 4);
    }
}
