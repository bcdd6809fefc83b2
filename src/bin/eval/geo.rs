//! Evaluation: geo. Not built yet.

/// Runs the evaluation; returns the exit code.
pub fn run(_args: &[String]) -> i32 {
    eprintln!("eval geo: not built yet");
    2
}
