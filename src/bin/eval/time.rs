//! Evaluation: time. Not built yet.

/// Runs the evaluation; returns the exit code.
pub fn run(_args: &[String]) -> i32 {
    eprintln!("eval time: not built yet");
    2
}

/// Runs the peers' date cases; returns the exit code.
pub fn run_cases(_args: &[String]) -> i32 {
    eprintln!("eval cases: not built yet");
    2
}
