//! `dateline analyze --input jsonl`: one JSON record per line in, one JSON line per record out, in input order,
//! analysed by `--jobs` threads with a bounded number of records in flight.
//!
//! Three stages joined by channels: a reader thread cuts the input into lines (each at most
//! [`MAX_LINE_BYTES`]; a longer one is skipped unread and reported) and hands them on in batches, `jobs` workers
//! parse and analyse a batch's records, and the calling thread writes the results in input order. Records travel
//! in batches of up to [`BATCH_RECORDS`] lines and [`BATCH_BYTES`] bytes (a longer line is a batch of its own)
//! because a hand-over between threads costs about as much as dating a short record: one per record kept two
//! jobs from being faster than one. A batch is sent as soon as the input has nothing more buffered, so a slow
//! producer still sees each result promptly. A batch is read only when a permit is free, and a permit comes back
//! only when its results are written, so at most `4 × jobs` batches (lines and results) are in memory whatever the
//! input's length or the order in which the workers finish. A record whose text is longer than one window is
//! analysed window by window with its JSON spooled (as a file input is).

use crate::batch::Analysed;
use crate::cli::{analyze_text, catching, check_language, parse_dct, Args};
use dateline::export::Format;
use dateline::{html, Options, MAX_INPUT_BYTES};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::sync::mpsc::{channel, sync_channel, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};

/// The longest line read: a text of [`MAX_INPUT_BYTES`] with room for JSON escapes and the other fields.
pub const MAX_LINE_BYTES: usize = 2 * MAX_INPUT_BYTES;

/// Batches in flight per job: enough to keep every worker busy while the writer waits for a slow one.
const IN_FLIGHT_PER_JOB: usize = 4;

/// Most records in one batch.
pub const BATCH_RECORDS: usize = 64;

/// Most bytes of records in one batch, unless its one record is longer.
pub const BATCH_BYTES: usize = 256 * 1024;

/// One line of the input, numbered from 1.
struct Line {
    number: u64,
    bytes: Result<Vec<u8>, LineProblem>,
}

/// Consecutive lines, numbered in input order from 0.
struct Batch {
    seq: u64,
    lines: Vec<Line>,
}

enum LineProblem {
    /// Longer than [`MAX_LINE_BYTES`] (skipped unread).
    TooLong,
    /// The input could not be read any further.
    Unreadable(String),
}

/// What one record gives.
enum Outcome {
    /// The record's output line (without its newline).
    Line(Vec<u8>),
    /// A long text's analysis, spooled: written as `{"id":…,"analysis":` spool `}`.
    Spooled(Vec<u8>, Box<crate::spool::Sections>),
    /// An error line (without its newline).
    Failed(Vec<u8>),
    /// The input stopped being readable: a message for stderr.
    InputFailed(String),
}

/// Reads the records of `args.inputs[0]` (`-`: standard input) and writes one line per record to `out`.
/// Returns 0 when every record was analysed, 3 when some failed, 2 when the input could not be opened; an
/// error when the output could not be written.
pub fn run(args: &Args, out: &mut dyn Write) -> io::Result<i32> {
    let name = args.inputs.first().cloned().unwrap_or_else(|| "-".into());
    let reader: Box<dyn io::Read + Send> = if name == "-" {
        Box::new(io::stdin())
    } else {
        match open(&name) {
            Ok(file) => Box::new(file),
            Err(msg) => {
                crate::cli::refuse(&name, &msg);
                return Ok(2);
            }
        }
    };
    let window = args.jobs * IN_FLIGHT_PER_JOB;
    let (permits_tx, permits_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        let _ = permits_tx.send(());
    }
    let (batches_tx, batches_rx) = sync_channel::<Batch>(window);
    std::thread::spawn(move || read_batches(reader, &permits_rx, &batches_tx));
    let batches_rx = Arc::new(Mutex::new(batches_rx));
    let (results_tx, results_rx) = channel::<(u64, Vec<Outcome>)>();
    for _ in 0..args.jobs {
        let batches_rx = Arc::clone(&batches_rx);
        let results_tx = results_tx.clone();
        let options = RunOptions {
            dct: args.dct,
            fallback_dct: args.fallback_dct,
            read_anyway: args.read_anyway,
            offsets: args.offsets,
            scope: args.scope,
        };
        std::thread::spawn(move || loop {
            let batch = match batches_rx.lock() {
                Ok(rx) => rx.recv(),
                Err(_) => return,
            };
            let Ok(batch) = batch else { return };
            let outcomes = batch.lines.into_iter().map(|line| process(line, &options)).collect();
            if results_tx.send((batch.seq, outcomes)).is_err() {
                return;
            }
        });
    }
    drop(results_tx);
    let mut pending: BTreeMap<u64, Vec<Outcome>> = BTreeMap::new();
    let mut next = 0;
    let mut status = 0;
    loop {
        // Flush only when nothing is ready, so a slow producer still sees its results promptly.
        let (seq, outcomes) = match results_rx.try_recv() {
            Ok(r) => r,
            Err(TryRecvError::Empty) => {
                out.flush()?;
                match results_rx.recv() {
                    Ok(r) => r,
                    Err(_) => break,
                }
            }
            Err(TryRecvError::Disconnected) => break,
        };
        pending.insert(seq, outcomes);
        while let Some(outcomes) = pending.remove(&next) {
            for outcome in outcomes {
                // An unreadable input (2) is what the run reports, even after failed records (3).
                status = match write_outcome(outcome, &name, out)? {
                    2 => 2,
                    other => status.max(other),
                };
            }
            next += 1;
            // The batch is out of memory: the reader may take the next one.
            let _ = permits_tx.send(());
        }
    }
    Ok(status)
}

/// Writes one record's outcome to `out`; returns the run's status it calls for (0, 2 or 3).
fn write_outcome(outcome: Outcome, name: &std::ffi::OsStr, out: &mut dyn Write) -> io::Result<i32> {
    let status = match outcome {
        Outcome::Line(line) => {
            out.write_all(&line)?;
            0
        }
        Outcome::Spooled(head, sections) => {
            out.write_all(&head)?;
            sections.finish(out)?;
            out.write_all(b"}")?;
            0
        }
        Outcome::Failed(line) => {
            out.write_all(&line)?;
            3
        }
        Outcome::InputFailed(msg) => {
            crate::cli::refuse(name, &msg);
            return Ok(2);
        }
    };
    out.write_all(b"\n")?;
    Ok(status)
}

/// Opens a FILE of records, with the messages of the file inputs.
fn open(name: &std::ffi::OsStr) -> Result<std::fs::File, String> {
    let path = std::path::Path::new(name);
    if path.is_dir() {
        return Err("is a directory, not a file of records".to_string());
    }
    std::fs::File::open(path).map_err(|e| match e.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => format!("cannot read: {e}"),
    })
}

/// The reader thread: the non-blank lines of `input` in [`Batch`]es, each taken only when a permit is free. A
/// batch ends at [`BATCH_RECORDS`] lines, at [`BATCH_BYTES`], or where the input has nothing more buffered (a
/// producer writing a record at a time gets each answer without waiting for the next).
fn read_batches(input: Box<dyn io::Read + Send>, permits: &Receiver<()>, batches: &std::sync::mpsc::SyncSender<Batch>) {
    let mut input = io::BufReader::with_capacity(64 * 1024, input);
    let (mut seq, mut number) = (0, 0);
    loop {
        if permits.recv().is_err() {
            return;
        }
        let mut lines = Vec::new();
        let mut bytes_in_batch = 0;
        let mut ended = false;
        while lines.len() < BATCH_RECORDS && bytes_in_batch < BATCH_BYTES {
            // Blank lines are skipped.
            let bytes = loop {
                number += 1;
                match read_line(&mut input, MAX_LINE_BYTES) {
                    Ok(None) => break None,
                    Ok(Some(Some(bytes))) if bytes.iter().all(u8::is_ascii_whitespace) => continue,
                    Ok(Some(Some(bytes))) => break Some(Ok(bytes)),
                    Ok(Some(None)) => break Some(Err(LineProblem::TooLong)),
                    Err(e) => break Some(Err(LineProblem::Unreadable(format!("cannot read the records: {e}")))),
                }
            };
            let Some(bytes) = bytes else {
                ended = true;
                break;
            };
            ended = matches!(bytes, Err(LineProblem::Unreadable(_)));
            bytes_in_batch += bytes.as_ref().map_or(0, Vec::len);
            lines.push(Line { number, bytes });
            if ended || input.buffer().is_empty() {
                break;
            }
        }
        if !lines.is_empty() && batches.send(Batch { seq, lines }).is_err() {
            return;
        }
        if ended {
            return;
        }
        seq += 1;
    }
}

/// The next line of `input` without its line end: `None` at the end of the input, `Some(None)` for a line
/// longer than `limit` (read to its end and dropped, never held).
fn read_line(input: &mut impl BufRead, limit: usize) -> io::Result<Option<Option<Vec<u8>>>> {
    let mut line = Vec::new();
    let mut too_long = false;
    let mut any = false;
    loop {
        let available = match input.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], Some(i + 1)),
            None => (available, None),
        };
        if !too_long {
            if line.len() + chunk.len() > limit {
                too_long = true;
                line = Vec::new();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(available.len());
        input.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if too_long {
        return Ok(Some(None));
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(Some(line)))
}

/// What every record takes from the command line.
struct RunOptions {
    dct: Option<dateline::calendar::Date>,
    fallback_dct: Option<dateline::FallbackDct>,
    read_anyway: bool,
    offsets: dateline::OffsetUnit,
    scope: dateline::Scope,
}

/// A record that cannot be analysed: why, and its id when it had one.
struct Refused {
    id: Value,
    why: String,
}

fn refused(id: &Value, why: impl Into<String>) -> Refused {
    Refused {
        id: id.clone(),
        why: why.into(),
    }
}

/// Parses and analyses one line; never panics (a panic in the engine becomes the record's error).
fn process(line: Line, options: &RunOptions) -> Outcome {
    let bytes = match line.bytes {
        Ok(bytes) => bytes,
        Err(LineProblem::Unreadable(msg)) => return Outcome::InputFailed(msg),
        Err(LineProblem::TooLong) => {
            let why = format!("the record is longer than {} MB", MAX_LINE_BYTES >> 20);
            return failed(&Value::Null, line.number, &why);
        }
    };
    match catching(|| analyze_record(&bytes, options)) {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(Refused { id, why })) => failed(&id, line.number, &why),
        Err(why) => failed(
            &record_id(&bytes),
            line.number,
            &format!("internal error, please report it with this record: {why}"),
        ),
    }
}

/// The record's id, if the line is a JSON object with one (for the error line of a panic).
fn record_id(bytes: &[u8]) -> Value {
    serde_json::from_slice::<Value>(bytes)
        .ok()
        .and_then(|v| v.get("id").cloned())
        .unwrap_or(Value::Null)
}

/// The error line of a record.
fn failed(id: &Value, number: u64, why: &str) -> Outcome {
    // Written by hand to keep the keys in the documented order (serde_json's maps sort them).
    let id = serde_json::to_string(id).unwrap_or_else(|_| "null".to_string());
    let why = serde_json::to_string(why).unwrap_or_else(|_| "\"\"".to_string());
    Outcome::Failed(format!("{{\"id\":{id},\"line\":{number},\"error\":{why}}}").into_bytes())
}

/// An optional string field: absent or null is `None`; any other type is refused.
fn string_field<'v>(record: &'v Value, id: &Value, field: &str) -> Result<Option<&'v str>, Refused> {
    match record.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(refused(id, format!("\"{field}\" must be a string"))),
    }
}

/// A record's `dct`: `YYYY-MM-DD`, or a date-time whose date is taken (`2016-09-05T14:02:00Z`).
fn record_dct(v: &str) -> Result<dateline::calendar::Date, String> {
    let date = match v.get(..10) {
        Some(day) if v.len() > 10 && matches!(v.as_bytes()[10], b'T' | b't' | b' ') => day,
        _ => v,
    };
    parse_dct(date)
}

fn analyze_record(bytes: &[u8], options: &RunOptions) -> Result<Outcome, Refused> {
    let record: Value =
        serde_json::from_slice(bytes).map_err(|e| refused(&Value::Null, format!("not a JSON record: {e}")))?;
    if !record.is_object() {
        return Err(refused(&Value::Null, "not a JSON object"));
    }
    let id = match record.get("id") {
        None | Some(Value::Null) => return Err(refused(&Value::Null, "the record has no \"id\"")),
        Some(id @ (Value::String(_) | Value::Number(_))) => id.clone(),
        Some(_) => return Err(refused(&Value::Null, "\"id\" must be a string or a number")),
    };
    let text = string_field(&record, &id, "text")?;
    let page = string_field(&record, &id, "html")?;
    let dct = string_field(&record, &id, "dct")?
        .map(|v| record_dct(v).map_err(|e| refused(&id, format!("bad dct: {e}"))))
        .transpose()?;
    let url = string_field(&record, &id, "url")?.map(str::to_string);
    if let Some(language) = string_field(&record, &id, "language")? {
        check_language(language).map_err(|e| refused(&id, format!("bad language: {e}")))?;
    }
    let read_anyway = options.read_anyway || record.get("language").is_some_and(|l| l == "en");
    let source = match (text, page) {
        (Some(_), Some(_)) => return Err(refused(&id, "give \"text\" or \"html\", not both")),
        (None, None) => return Err(refused(&id, "the record has no \"text\" (or \"html\")")),
        (Some(s), None) | (None, Some(s)) => s,
    };
    if source.len() > MAX_INPUT_BYTES {
        return Err(refused(
            &id,
            format!(
                "the text is {:.1} MB; the largest accepted is {} MB",
                source.len() as f64 / 1_048_576.0,
                MAX_INPUT_BYTES >> 20
            ),
        ));
    }
    let mut run = Options {
        dct: dct.or(options.dct),
        fallback_dct: options.fallback_dct,
        read_anyway,
        scope: options.scope,
        ..Options::default()
    };
    let text = if page.is_some() {
        html::extract(source).into_text(&mut run)
    } else {
        source.to_string()
    };
    // The parsed record holds a copy of the text: dropped so that one copy is in memory during the analysis.
    drop(record);
    // The page's own canonical address wins; the record's is where it was fetched.
    if run.url.is_none() {
        run.url = url;
    }
    let head = {
        let mut head = b"{\"id\":".to_vec();
        serde_json::to_writer(&mut head, &id).map_err(|e| refused(&id, e.to_string()))?;
        head.extend_from_slice(b",\"analysis\":");
        head
    };
    match analyze_text(text, &run, Format::Jsonl, options.offsets, Vec::new()) {
        Ok(Analysed::Whole(analysis, _)) => {
            let mut line = head;
            serde_json::to_writer(&mut line, &*analysis).map_err(|e| refused(&id, e.to_string()))?;
            line.push(b'}');
            Ok(Outcome::Line(line))
        }
        Ok(Analysed::Spooled(sections)) => Ok(Outcome::Spooled(head, sections)),
        Err(e) => Err(refused(&id, format!("cannot write the temporary output: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(input: &[u8], limit: usize) -> Vec<Option<Vec<u8>>> {
        let mut reader = io::BufReader::with_capacity(4, input);
        let mut lines = Vec::new();
        while let Some(line) = read_line(&mut reader, limit).expect("reads") {
            lines.push(line);
        }
        lines
    }

    #[test]
    fn lines_are_cut_at_newlines_and_long_ones_dropped_unheld() {
        let lines = lines_of(b"one\r\ntwo\n0123456789abc\nlast", 10);
        assert_eq!(
            lines,
            vec![
                Some(b"one".to_vec()),
                Some(b"two".to_vec()),
                None,
                Some(b"last".to_vec())
            ]
        );
        assert!(lines_of(b"", 10).is_empty());
    }

    #[test]
    fn a_record_dct_may_be_a_date_time() {
        assert_eq!(record_dct("2016-09-05T14:02:00Z").map(|d| d.day), Ok(5));
        assert_eq!(record_dct("2016-09-05").map(|d| d.month), Ok(9));
        assert!(record_dct("2016-09-05x").is_err());
        assert!(record_dct("2016-13-05").is_err());
        assert!(record_dct("yesterday").is_err());
    }
}
