//! `dateline analyze [OPTIONS] [FILE... | -]`: the command line (see [`HELP`] for the whole of it).
//!
//! Exit codes: 0 when every input was analysed; 1 when the output could not be written; 2 when an argument
//! or an input file was refused (one line on stderr per problem, naming the file and the reason); 3 when some
//! records of `--input jsonl` failed (each has an error line in the output; the others were analysed).
//!
//! Arguments are read as `OsString`s (by `lexopt`): a file name that is not UTF-8 is analysed like any other
//! and printed lossily. A closed or full stderr never stops the run (its lines are dropped, the exit code still
//! tells); a failing stdout ends it with exit 1. A FIFO or device is read on a helper thread, at most
//! [`MAX_INPUT_BYTES`] + 1 bytes, and given up after [`IDLE_LIMIT`] without a byte. Several inputs give one
//! document of the format ([`crate::batch`]); `--input jsonl` streams records ([`crate::records`]).

use crate::batch::{Analysed, Batch};
use crate::spool::Sections;
use dateline::calendar::Date;
use dateline::export::{ExportTime, Format};
use dateline::offsets::OffsetIndex;
use dateline::{OffsetUnit, Options, Warning, MAX_INPUT_BYTES, WINDOW_BYTES};
use std::ffi::{OsStr, OsString};
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::time::Duration;

/// The version line of `--version`.
const VERSION: &str = concat!("dateline ", env!("CARGO_PKG_VERSION"));

const USAGE: &str = "usage: dateline analyze [OPTIONS] [FILE... | -]   (dateline --help for more)";

/// What `--help` prints.
const HELP: &str = "dateline: finds what happened, when and where in a news article: dates, places, people, events.

Usage:
  dateline analyze [OPTIONS] [FILE... | -]
  dateline analyze --input jsonl [OPTIONS] [FILE | -]
  dateline --help | --version

Options:
  --dct YYYY-MM-DD     the document's date, against which \"Wednesday\" or \"last year\" are resolved
                       (default: the text's dateline or the page's metadata); --dct today is today's
                       date; --dct text takes, for an input with no dateline or metadata date, the
                       newest date written in it (document.dct.source \"text\")
  -f, --format FORMAT  json (default), jsonl, geojson, csv, ics, timelinejs, storymapjs, timeml, text
  --only dates         the document date and the dates alone: no names, places or events (a date
                       tagger's output, several times faster for a batch)
  --offsets UNIT       what spans count: byte (default), char (Python strings), utf16 (JavaScript);
                       json, jsonl, geojson and csv print offsets; char and utf16 set document.offsets
  --input KIND         text (default): each FILE is one document (.txt, .md, .html, .docx)
                       jsonl: one JSON record per line (see below)
  -j, --jobs N         records of --input jsonl analysed at once (default: every core)
  -o, --output FILE    write to FILE instead of standard output
  --language en        read a text that looks written in another language as English anyway
  -h, --help           this help
  -V, --version        the version
  --                   every argument after it is a FILE, even one starting with '-'

Input: a FILE is at most 16 MB; `-` (or no FILE) reads standard input (on a terminal, give `-` to type).
An HTML page is reduced to its article (headline, blank line, body); `--format text` prints exactly the
text that was analysed. A FIFO or device is read up to the same limit and given up after 10 s without a
byte. A text that looks written in another language than English keeps only dates and numbers written in
figures (with an `unsupported_language` warning) unless `--language en` is given.

Several FILEs give one document: json an array of analyses (each with document.source, its file name),
jsonl one line per file, geojson one FeatureCollection (a `source` property on each feature), csv one
header and a `source` column, ics one calendar, timelinejs one timeline, storymapjs one story map, text
the texts separated by a line holding only a form feed (\\f). timeml is one document per file: give one FILE.

JSONL records (--input jsonl): each line is {\"id\": ..., \"text\": \"...\"} or {\"id\": ..., \"html\": \"...\"},
with optional \"dct\" (YYYY-MM-DD, or a date-time from which the date is taken), \"url\" and \"language\"
(\"en\": as --language en); other fields are ignored, blank lines skipped. Each record is resolved against
its own dct (else its own dateline or page metadata; --dct is the date of records without one) and gives
one line, in input order: {\"id\": ..., \"analysis\": {...}}, or {\"id\": ... or null, \"line\": N,
\"error\": \"...\"} for a record that could not be read (bad JSON, no id, no text, bad dct, over 16 MB);
the run goes on. Memory stays bounded: at most 4 batches of records (64 records or 256 KB, or one longer
record) per job are in flight.

Exit status: 0 when every input was analysed; 1 when the output could not be written; 2 when an argument
or an input file was refused (one line on stderr each; the other inputs are still analysed); 3 when some
JSONL records failed (each has its error line; the others were analysed).

Examples:
  dateline analyze article.txt
  dateline analyze --dct 2016-09-05 --format geojson story.html > story.geojson
  dateline analyze --format csv -o events.csv archive/*.txt
  dateline analyze --offsets char page.html
  printf '%s\\n' '{\"id\": 1, \"text\": \"Talks failed on Wednesday.\", \"dct\": \"2016-09-05\"}' |
    dateline analyze --input jsonl --jobs 4";

/// How long a FIFO or device may stay silent (no writer, no byte) before it is given up.
const IDLE_LIMIT: Duration = Duration::from_secs(10);

/// The most characters of an argument echoed in a message; longer ones keep their two ends around "…".
const MAX_ECHO_CHARS: usize = 200;

/// A refused argument or input: one line for stderr.
#[derive(Debug)]
pub struct CliError(pub String);

/// What the inputs are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Each input is one document.
    Text,
    /// One JSON record per line, each a document.
    Jsonl,
}

/// A command line that asks for an analysis.
pub struct Args {
    /// `--dct`: the document date of every input (of every record without its own).
    pub dct: Option<Date>,
    /// `--dct text`: an input with no date of its own takes the newest date written in it.
    pub fallback_dct: Option<dateline::FallbackDct>,
    /// `--format`.
    pub format: Format,
    /// The FILEs (`-` for standard input).
    pub inputs: Vec<OsString>,
    /// `--language en`: read every input as English, whatever language it looks written in.
    pub read_anyway: bool,
    /// `--offsets`.
    pub offsets: OffsetUnit,
    /// `--input`.
    pub input: InputKind,
    /// `--jobs`: records analysed at once.
    pub jobs: usize,
    /// `--output`: where to write instead of standard output.
    pub output: Option<OsString>,
    /// `--only dates`: the dates alone.
    pub scope: dateline::Scope,
}

/// What the command line asks for.
enum Command {
    Help,
    Version,
    /// `analyze` with no FILE on a terminal: help on stderr rather than a silent wait.
    NoInput,
    Analyze(Args),
}

thread_local! {
    /// The message of a panic caught while analysing one input, reported on that input's line.
    static CAUGHT_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// True while one input is analysed inside `catch_unwind`.
    static ANALYSING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic into its one-line message (the hook set by [`run`] keeps it per thread).
pub fn catching<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    ANALYSING.with(|a| a.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    ANALYSING.with(|a| a.set(false));
    result.map_err(|_| CAUGHT_PANIC.with(|c| c.borrow_mut().take()).unwrap_or_default())
}

/// True for the invisible characters that reorder or redirect the text around them (bidi controls).
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `s` on one line with control and bidi characters escaped, so that file names and messages from
/// strangers can neither break the one-line-per-problem rule, send terminal escapes, nor disguise
/// themselves by reordering the line (U+202E).
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || is_bidi_control(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `s` cut to at most [`MAX_ECHO_CHARS`] characters around "…" (its start and its end kept), for
/// echoing an argument of any length in a one-line message.
fn cut(s: &str) -> String {
    let n = s.chars().count();
    if n <= MAX_ECHO_CHARS {
        return s.to_string();
    }
    let head: String = s.chars().take(MAX_ECHO_CHARS / 2).collect();
    let tail: String = s.chars().skip(n - MAX_ECHO_CHARS / 2).collect();
    format!("{head}…{tail}")
}

/// `msg` with every copy of the argument `arg` in it cut by [`cut`].
fn echoing(msg: String, arg: &str) -> String {
    if arg.chars().count() > MAX_ECHO_CHARS {
        msg.replace(arg, &cut(arg))
    } else {
        msg
    }
}

/// An input's name as messages show it: lossy UTF-8, cut (escaped by [`one_line`] when printed).
fn shown_name(name: &OsStr) -> String {
    cut(&name.to_string_lossy())
}

/// Reports on stderr that the input `name` was refused for `why`, on one line.
pub fn refuse(name: &OsStr, why: &str) {
    complain(&format!("dateline: {}: {}", one_line(&shown_name(name)), one_line(why)));
}

/// Writes one line on stderr. A closed or full stderr is no reason to stop: the line is dropped and
/// the exit code still reports the problem.
fn complain(line: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// Runs the CLI with `args` (without the program name) and returns the exit code.
pub fn run(args: Vec<OsString>) -> i32 {
    // A panic must never show a backtrace: one line, exit 2. Inside an analysis the message is kept
    // for the line that names the input; anywhere else it is printed at once (never panicking again).
    std::panic::set_hook(Box::new(|info| {
        let what = match (
            info.payload().downcast_ref::<&str>(),
            info.payload().downcast_ref::<String>(),
        ) {
            (Some(s), _) => s.to_string(),
            (_, Some(s)) => s.clone(),
            _ => "unknown".to_string(),
        };
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = one_line(&cut(&format!("{what}{at}")));
        if ANALYSING.with(std::cell::Cell::get) {
            CAUGHT_PANIC.with(|c| *c.borrow_mut() = Some(message));
        } else {
            complain(&format!("dateline: internal error: {message}"));
        }
    }));
    let args = match parse_args(args) {
        Ok(Command::Analyze(a)) => a,
        Ok(Command::Help) => return print_or_1(HELP),
        Ok(Command::Version) => return print_or_1(VERSION),
        Ok(Command::NoInput) => {
            complain(&format!(
                "dateline: no input: give a FILE, pipe a text in, or `-` to type one\n\n{HELP}"
            ));
            return 2;
        }
        Err(CliError(msg)) => {
            complain(&format!("dateline: {}\n{USAGE}", one_line(&msg)));
            return 2;
        }
    };
    let mut out: Box<dyn Write> = match &args.output {
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
        Some(path) => match std::fs::File::create(path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(e) => {
                let name = one_line(&shown_name(path));
                complain(&format!("dateline: cannot write the output to {name}: {e}"));
                return 1;
            }
        },
    };
    let written = match args.input {
        InputKind::Jsonl => crate::records::run(&args, &mut out),
        InputKind::Text => analyze_files(&args, &mut out),
    };
    match written.and_then(|status| out.flush().map(|()| status)) {
        Ok(status) => status,
        Err(e) => {
            complain(&format!("dateline: cannot write the output: {e}"));
            1
        }
    }
}

/// Prints `text` and a newline on stdout: exit 0, or 1 when stdout fails.
fn print_or_1(text: &str) -> i32 {
    match writeln!(std::io::stdout().lock(), "{text}") {
        Ok(()) => 0,
        Err(_) => 1,
    }
}

/// Analyses every FILE in turn into one document of the format; returns the exit status (0, or 2 when an input
/// was refused), or the error that stopped the output.
fn analyze_files(args: &Args, out: &mut dyn Write) -> std::io::Result<i32> {
    let exported = ExportTime::now();
    let mut batch = Batch::new(args.format, args.inputs.len() > 1, exported);
    batch.begin(out)?;
    let mut status = 0;
    for name in &args.inputs {
        let result = catching(|| analyze_one(name, args));
        let name = one_line(&shown_name(name));
        match result {
            Ok(Ok(analysed)) => batch.add(analysed, out)?,
            Ok(Err(CliError(msg))) => {
                complain(&format!("dateline: {name}: {}", one_line(&msg)));
                status = 2;
            }
            Err(why) => {
                complain(&format!(
                    "dateline: {name}: internal error, please report it with this file: {why}"
                ));
                status = 2;
            }
        }
    }
    batch.end(out)?;
    Ok(status)
}

/// The value of the option `name`, lossily as text.
fn value_of(parser: &mut lexopt::Parser, name: &str) -> Result<String, CliError> {
    parser
        .value()
        .map(|v| v.to_string_lossy().into_owned())
        .map_err(|_| CliError(format!("{name} needs a value")))
}

/// A `--dct` value: a date written `YYYY-MM-DD`, and nothing else.
/// The error says why, quoting `v` cut to its two ends when long.
pub fn parse_dct(v: &str) -> Result<Date, String> {
    let date = Date::parse_iso(v).map_err(|e| echoing(e.to_string(), v))?;
    if v.len() != 10 {
        return Err(echoing(format!("'{v}' is not a date of the form YYYY-MM-DD"), v));
    }
    Ok(date)
}

/// Today on the system clock (UTC).
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days((secs / 86_400) as i64)
}

/// A `--language` value: only `en` is read for now.
pub fn check_language(v: &str) -> Result<(), String> {
    if v == "en" {
        Ok(())
    } else {
        Err(echoing(
            format!("Dateline reads English (en) only for now, not '{v}'"),
            v,
        ))
    }
}

/// An option as it was written (`--name`, `-n`).
fn option_name(arg: &lexopt::Arg) -> String {
    match arg {
        lexopt::Arg::Long(name) => format!("--{name}"),
        lexopt::Arg::Short(c) => format!("-{c}"),
        lexopt::Arg::Value(v) => v.to_string_lossy().into_owned(),
    }
}

fn parse_args(args: Vec<OsString>) -> Result<Command, CliError> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let lexopt_error = |e: lexopt::Error| CliError(cut(&e.to_string()));
    match parser.next().map_err(lexopt_error)? {
        None | Some(Long("help") | Short('h')) => return Ok(Command::Help),
        Some(Long("version") | Short('V')) => return Ok(Command::Version),
        Some(Value(v)) if v == "help" => return Ok(Command::Help),
        Some(Value(v)) if v == "analyze" => {}
        Some(Value(v)) => return Err(CliError(format!("unknown command '{}'", cut(&v.to_string_lossy())))),
        Some(other) => return Err(CliError(format!("unknown option '{}'", cut(&option_name(&other))))),
    }
    let mut parsed = Args {
        dct: None,
        fallback_dct: None,
        format: Format::Json,
        inputs: Vec::new(),
        read_anyway: false,
        offsets: OffsetUnit::Byte,
        input: InputKind::Text,
        jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        output: None,
        scope: dateline::Scope::Everything,
    };
    let mut format_given = false;
    while let Some(arg) = parser.next().map_err(lexopt_error)? {
        match arg {
            Long("dct") => {
                let v = value_of(&mut parser, "--dct")?;
                match v.as_str() {
                    "text" => parsed.fallback_dct = Some(dateline::FallbackDct::FromText),
                    "today" => parsed.dct = Some(today()),
                    _ => parsed.dct = Some(parse_dct(&v).map_err(|e| CliError(format!("bad --dct: {e}")))?),
                }
            }
            Long("format") | Short('f') => {
                let v = value_of(&mut parser, "--format")?;
                parsed.format = v
                    .parse()
                    .map_err(|e| CliError(echoing(format!("bad --format: {e}"), &v)))?;
                format_given = true;
            }
            Long("language") => {
                let v = value_of(&mut parser, "--language")?;
                check_language(&v).map_err(|e| CliError(format!("bad --language: {e}")))?;
                parsed.read_anyway = true;
            }
            Long("only") => {
                let v = value_of(&mut parser, "--only")?;
                parsed.scope = match v.as_str() {
                    "dates" => dateline::Scope::Dates,
                    _ => {
                        return Err(CliError(echoing(
                            format!("bad --only: '{v}' (the one choice is dates)"),
                            &v,
                        )))
                    }
                };
            }
            Long("offsets") => {
                let v = value_of(&mut parser, "--offsets")?;
                parsed.offsets = v
                    .parse()
                    .map_err(|e| CliError(echoing(format!("bad --offsets: {e}"), &v)))?;
            }
            Long("input") => {
                let v = value_of(&mut parser, "--input")?;
                parsed.input = match v.as_str() {
                    "text" => InputKind::Text,
                    "jsonl" => InputKind::Jsonl,
                    _ => {
                        return Err(CliError(echoing(
                            format!("bad --input: unknown input kind '{v}' (expected text or jsonl)"),
                            &v,
                        )))
                    }
                };
            }
            Long("jobs") | Short('j') => {
                let v = value_of(&mut parser, "--jobs")?;
                parsed.jobs = match v.parse::<usize>() {
                    Ok(n) if (1..=1024).contains(&n) => n,
                    _ => {
                        return Err(CliError(echoing(
                            format!("bad --jobs: '{v}' is not a number of jobs from 1 to 1024"),
                            &v,
                        )))
                    }
                };
            }
            Long("output") | Short('o') => {
                parsed.output = Some(parser.value().map_err(|_| CliError("--output needs a value".into()))?);
            }
            Long("help") | Short('h') => return Ok(Command::Help),
            Long("version") | Short('V') => return Ok(Command::Version),
            Value(v) => parsed.inputs.push(v),
            other => return Err(CliError(format!("unknown option '{}'", cut(&option_name(&other))))),
        }
    }
    if parsed.inputs.is_empty() {
        if std::io::stdin().is_terminal() {
            return Ok(Command::NoInput);
        }
        parsed.inputs.push(OsString::from("-"));
    }
    if parsed.input == InputKind::Jsonl {
        if format_given && parsed.format != Format::Jsonl {
            return Err(CliError(
                "--input jsonl writes one JSON line per record: --format jsonl (the default with it) only".to_string(),
            ));
        }
        parsed.format = Format::Jsonl;
        if parsed.inputs.len() > 1 {
            return Err(CliError(
                "--input jsonl reads one FILE or standard input (concatenate the files: cat a.jsonl b.jsonl |)"
                    .to_string(),
            ));
        }
    }
    if parsed.scope == dateline::Scope::Dates
        && !matches!(
            parsed.format,
            Format::Json | Format::Jsonl | Format::TimeMl | Format::Text
        )
    {
        return Err(CliError(
            "--only dates writes json, jsonl, timeml or text: the other formats are made of events and places"
                .to_string(),
        ));
    }
    if parsed.format == Format::TimeMl && parsed.inputs.len() > 1 {
        return Err(CliError(
            "--format timeml writes one TimeML document per file: give one FILE (run once per file)".to_string(),
        ));
    }
    Ok(Command::Analyze(parsed))
}

/// The message for an input over [`MAX_INPUT_BYTES`]; `size` is `None` when only "more" is known (stdin).
fn too_large(size: Option<u64>) -> CliError {
    let limit_mb = MAX_INPUT_BYTES / (1024 * 1024);
    CliError(match size {
        Some(size) => format!(
            "the file is {:.1} MB; the largest input accepted is {limit_mb} MB ({MAX_INPUT_BYTES} bytes)",
            size as f64 / 1_048_576.0
        ),
        None => format!("the input is larger than {limit_mb} MB, the largest accepted ({MAX_INPUT_BYTES} bytes)"),
    })
}

/// Reads at most `MAX_INPUT_BYTES + 1` bytes, so a huge input is refused without being read.
fn read_input(name: &OsStr) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    if name == "-" {
        std::io::stdin()
            .take(MAX_INPUT_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| CliError(format!("cannot read standard input: {e}")))?;
        if bytes.len() > MAX_INPUT_BYTES {
            return Err(too_large(None));
        }
        return Ok(bytes);
    }
    let path = Path::new(name);
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => CliError("no such file".to_string()),
        std::io::ErrorKind::PermissionDenied => CliError("permission denied".to_string()),
        _ => CliError(format!("cannot read: {e}")),
    })?;
    if meta.is_dir() {
        return Err(CliError(
            "is a directory, not a file (pass the files inside it)".to_string(),
        ));
    }
    if !meta.is_file() {
        return read_special(path, special_kind(&meta));
    }
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| CliError(format!("cannot read: {e}")))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(Some(meta.len().max(bytes.len() as u64))));
    }
    Ok(bytes)
}

/// What a file that is neither a regular file nor a directory is, for messages.
fn special_kind(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a regular file"
}

/// Reads a FIFO or device on a helper thread, at most `MAX_INPUT_BYTES + 1` bytes, giving up when
/// [`IDLE_LIMIT`] passes without a byte (a FIFO nobody writes to blocks its reader forever, even in
/// `open`). A helper left blocked ends with the process.
fn read_special(path: &Path, kind: &str) -> Result<Vec<u8>, CliError> {
    use std::sync::mpsc::{channel, RecvTimeoutError};
    // Chunks in order; an empty chunk is the end of the input.
    let (tx, rx) = channel::<std::io::Result<Vec<u8>>>();
    let path = path.to_path_buf();
    std::thread::spawn(move || {
        let mut file = match std::fs::File::open(&path) {
            Ok(f) => f,
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        };
        let mut buf = vec![0; 64 * 1024];
        let mut total = 0;
        loop {
            match file.read(&mut buf) {
                Ok(0) => {
                    let _ = tx.send(Ok(Vec::new()));
                    return;
                }
                Ok(n) => {
                    total += n;
                    if tx.send(Ok(buf[..n].to_vec())).is_err() || total > MAX_INPUT_BYTES {
                        return;
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        }
    });
    let mut bytes = Vec::new();
    loop {
        match rx.recv_timeout(IDLE_LIMIT) {
            Ok(Ok(chunk)) if chunk.is_empty() => return Ok(bytes),
            Ok(Ok(chunk)) => {
                bytes.extend_from_slice(&chunk);
                if bytes.len() > MAX_INPUT_BYTES {
                    return Err(too_large(None));
                }
            }
            Ok(Err(e)) => return Err(CliError(format!("cannot read {kind}: {e}"))),
            Err(RecvTimeoutError::Timeout) => {
                return Err(CliError(format!(
                    "{kind} that sent nothing for {} seconds; given up (is anything writing to it?)",
                    IDLE_LIMIT.as_secs()
                )))
            }
            Err(RecvTimeoutError::Disconnected) => return Err(CliError(format!("cannot read {kind}"))),
        }
    }
}

/// True for the formats that print offsets, which `--offsets` rewrites; the others (ics, timelinejs, timeml,
/// text) read the text at the analysis's byte spans and print none.
pub fn prints_offsets(format: Format) -> bool {
    matches!(format, Format::Json | Format::Jsonl | Format::GeoJson | Format::Csv)
}

/// Reads, decodes and analyses one FILE (`-`: standard input).
fn analyze_one(name: &OsStr, args: &Args) -> Result<Analysed, CliError> {
    let bytes = read_input(name)?;
    let name = name.to_string_lossy();
    // The page's reader too: a .docx's paragraphs, an HTML page's article and metadata, or the decoded text.
    let read = dateline::reader::read_document(&name, &bytes, MAX_INPUT_BYTES).map_err(|e| CliError(e.to_string()))?;
    drop(bytes);
    let mut options = Options {
        dct: args.dct,
        fallback_dct: args.fallback_dct,
        read_anyway: args.read_anyway,
        scope: args.scope,
        source: (name != "-").then(|| name.to_string()),
        ..Options::default()
    };
    read.meta.apply(&mut options);
    let text = read.text;
    // What a PDF reader repaired or left out, and how the bytes were decoded, go first among the warnings.
    let notes: Vec<Warning> = read
        .notes
        .into_iter()
        .map(|note| Warning::new("document", note))
        .chain(read.note.map(|note| Warning::new("encoding", note)))
        .collect();
    let offsets = if prints_offsets(args.format) {
        args.offsets
    } else {
        OffsetUnit::Byte
    };
    analyze_text(text, &options, args.format, offsets, notes).map_err(|e| CliError(e.to_string()))
}

/// Analyses `text`: whole, or (JSON, or a text longer than one window) window by window with the JSON spooled
/// so memory follows the window and not the output (see `dateline::windows`); spans rewritten in `offsets`.
/// `notes` go first among the warnings. Fails only when a spool cannot be written.
pub fn analyze_text(
    text: String,
    options: &Options,
    format: Format,
    offsets: OffsetUnit,
    notes: Vec<Warning>,
) -> std::io::Result<Analysed> {
    let is_json = matches!(format, Format::Json | Format::Jsonl);
    if text.len() <= WINDOW_BYTES && !(is_json && text.len() > SMALL_TEXT_BYTES) {
        let mut analysis = dateline::analyze(&text, options);
        analysis.warnings.splice(0..0, notes);
        dateline::convert_offsets(&mut analysis, &text, offsets);
        return Ok(Analysed::Whole(Box::new(analysis), text));
    }
    let index = OffsetIndex::new(&text, offsets);
    if is_json {
        let mut sections = Sections::new(format == Format::Json);
        let mut notes = notes;
        dateline::analyze_in_windows(&text, options, |mut window| {
            window.warnings.splice(0..0, std::mem::take(&mut notes));
            index.convert(&mut window);
            sections.add(window)
        })?;
        return Ok(Analysed::Spooled(Box::new(sections)));
    }
    // The other formats are laid out from the whole analysis: the windows are joined.
    let mut whole: Option<dateline::Analysis> = None;
    dateline::analyze_in_windows(&text, options, |mut window| {
        index.convert(&mut window);
        match whole.as_mut() {
            None => whole = Some(window),
            Some(all) => all.append(window),
        }
        Ok::<_, std::io::Error>(())
    })?;
    let mut analysis = whole.unwrap_or_else(|| dateline::analyze("", options));
    analysis.warnings.splice(0..0, notes);
    Ok(Analysed::Whole(Box::new(analysis), text))
}

/// Texts up to this size are analysed whole even for JSON: their output is small, and a spool would only cost
/// time (a batch of records is mostly such texts).
const SMALL_TEXT_BYTES: usize = 64 * 1024;
