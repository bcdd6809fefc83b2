//! Evaluation: events. Not built yet.

/// Runs the evaluation; returns the exit code.
pub fn run(_args: &[String]) -> i32 {
    eprintln!("eval events: not built yet");
    2
}
