//! `dateline analyze [--dct YYYY-MM-DD] [--format json|jsonl|...|text] [FILE... | -]`
//!
//! Exit codes: 0 when every input was analysed, 2 when any input or argument was refused
//! (one line on stderr per problem, naming the file and the reason), 1 when output failed.
//!
//! Arguments are read as `OsString`s: a file name that is not UTF-8 is analysed like any other and
//! printed lossily. A closed or full stderr never stops the run (its lines are dropped, the exit code
//! still tells); a failing stdout ends it with exit 1. A FIFO or device is read on a helper thread, at
//! most [`MAX_INPUT_BYTES`] + 1 bytes, and given up after [`IDLE_LIMIT`] without a byte.

use crate::spool::Sections;
use dateline::calendar::Date;
use dateline::export::{self, Format};
use dateline::{html, input, Options, Warning, MAX_INPUT_BYTES, WINDOW_BYTES};
use std::ffi::{OsStr, OsString};
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

const USAGE: &str = "usage: dateline analyze [--dct YYYY-MM-DD] [--language en] \
     [--format json|jsonl|geojson|csv|ics|timelinejs|timeml|text] [FILE... | -]";

/// What `--help` adds under [`USAGE`].
const HELP: &str = "FILE is a file of at most 16 MB; `-` (or no FILE) reads standard input. A FIFO or device
is read up to the same limit and given up when no byte arrives for 10 seconds. An HTML page is reduced to
its article (headline, blank line, body); `--format text` prints exactly the text that was analysed.
A text that looks written in another language than English gets an `unsupported_language` warning and
keeps only dates and numbers written in figures; `--language en` reads it as English anyway.
Exit status: 0 when every input was analysed, 2 when an input or argument was refused (one line on
stderr each), 1 when the output could not be written.";

/// How long a FIFO or device may stay silent (no writer, no byte) before it is given up.
const IDLE_LIMIT: Duration = Duration::from_secs(10);

/// The most characters of an argument echoed in a message; longer ones keep their two ends around "…".
const MAX_ECHO_CHARS: usize = 200;

/// A refused argument or input: one line for stderr.
#[derive(Debug)]
struct CliError(String);

struct Args {
    dct: Option<Date>,
    format: Format,
    inputs: Vec<OsString>,
    /// `--language en`: read every input as English, whatever language it looks written in.
    read_anyway: bool,
}

thread_local! {
    /// The message of a panic caught while analysing one input, reported on that input's line.
    static CAUGHT_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// True while one input is analysed inside `catch_unwind`.
    static ANALYSING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
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
        Ok(Some(a)) => a,
        Ok(None) => {
            return match writeln!(std::io::stdout().lock(), "{USAGE}\n{HELP}") {
                Ok(()) => 0,
                Err(_) => 1,
            };
        }
        Err(CliError(msg)) => {
            complain(&format!("dateline: {}\n{USAGE}", one_line(&msg)));
            return 2;
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut status = 0;
    for name in &args.inputs {
        ANALYSING.with(|a| a.set(true));
        let result = std::panic::catch_unwind(|| analyze_one(name, &args));
        ANALYSING.with(|a| a.set(false));
        let name = one_line(&shown_name(name));
        match result {
            Ok(Ok(rendered)) => {
                if let Err(e) = rendered.write_line(&mut out) {
                    complain(&format!("dateline: cannot write the output: {e}"));
                    return 1;
                }
            }
            Ok(Err(CliError(msg))) => {
                complain(&format!("dateline: {name}: {}", one_line(&msg)));
                status = 2;
            }
            Err(_) => {
                let why = CAUGHT_PANIC.with(|c| c.borrow_mut().take()).unwrap_or_default();
                complain(&format!(
                    "dateline: {name}: internal error, please report it with this file: {why}"
                ));
                status = 2;
            }
        }
    }
    if let Err(e) = out.flush() {
        complain(&format!("dateline: cannot write the output: {e}"));
        return 1;
    }
    status
}

fn parse_args(args: Vec<OsString>) -> Result<Option<Args>, CliError> {
    let mut it = args.into_iter();
    match it.next() {
        None => return Ok(None),
        Some(first) => match first.to_str() {
            Some("analyze") => {}
            Some("-h" | "--help" | "help") => return Ok(None),
            _ => return Err(CliError(format!("unknown command '{}'", cut(&first.to_string_lossy())))),
        },
    }
    let mut parsed = Args {
        dct: None,
        format: Format::Json,
        inputs: Vec::new(),
        read_anyway: false,
    };
    while let Some(raw) = it.next() {
        // A name that is not UTF-8 is a file name (or an option nobody knows): never decoded.
        let Some(arg) = raw.to_str().map(str::to_string) else {
            if raw.as_encoded_bytes().starts_with(b"-") {
                return Err(CliError(format!("unknown option '{}'", cut(&raw.to_string_lossy()))));
            }
            parsed.inputs.push(raw);
            continue;
        };
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next().map(|v| v.to_string_lossy().into_owned()))
                .ok_or_else(|| CliError(format!("{name} needs a value")))
        };
        match flag.as_str() {
            "--dct" => {
                let v = value("--dct")?;
                let date = Date::parse_iso(&v).map_err(|e| CliError(echoing(format!("bad --dct: {e}"), &v)))?;
                if v.len() != 10 {
                    return Err(CliError(echoing(
                        format!("bad --dct: '{v}' is not a date of the form YYYY-MM-DD"),
                        &v,
                    )));
                }
                parsed.dct = Some(date);
            }
            "--format" => {
                let v = value("--format")?;
                parsed.format = v
                    .parse()
                    .map_err(|e| CliError(echoing(format!("bad --format: {e}"), &v)))?;
            }
            "--language" => {
                let v = value("--language")?;
                if v != "en" {
                    return Err(CliError(echoing(
                        format!("bad --language: Dateline reads English (en) only for now, not '{v}'"),
                        &v,
                    )));
                }
                parsed.read_anyway = true;
            }
            "-h" | "--help" => return Ok(None),
            "-" => parsed.inputs.push(raw),
            f if f.starts_with('-') && f.len() > 1 => return Err(CliError(format!("unknown option '{}'", cut(f)))),
            _ => parsed.inputs.push(raw),
        }
    }
    if parsed.inputs.is_empty() {
        parsed.inputs.push(OsString::from("-"));
    }
    Ok(Some(parsed))
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

/// One input's output: rendered whole, or spooled window by window for a long text.
enum Output {
    Whole(String),
    Streamed(Box<Sections>),
}

impl Output {
    /// Writes the output and a newline.
    fn write_line(self, out: &mut dyn Write) -> std::io::Result<()> {
        match self {
            Output::Whole(text) => writeln!(out, "{text}"),
            Output::Streamed(sections) => {
                sections.finish(out)?;
                writeln!(out)
            }
        }
    }
}

fn analyze_one(name: &OsStr, args: &Args) -> Result<Output, CliError> {
    let mut bytes = read_input(name)?;
    let mut notes = Vec::new();
    if let Some(document) = dateline::docx::document(&name.to_string_lossy(), &bytes) {
        let document = document.map_err(|e| CliError(e.to_string()))?;
        // What a PDF reader repaired or left out is said, as a warning, like an encoding's repair.
        notes.extend(document.notes.into_iter().map(|note| Warning::new("document", note)));
        bytes = document.text.into_bytes();
    }
    let decoded = input::decode(&bytes, MAX_INPUT_BYTES).map_err(|e| CliError(e.to_string()))?;
    let name = name.to_string_lossy();
    let is_html = name.ends_with(".html") || name.ends_with(".htm") || html::looks_like_html(&decoded.text);
    let mut options = Options {
        dct: args.dct,
        read_anyway: args.read_anyway,
        source: (name != "-").then(|| name.to_string()),
        ..Options::default()
    };
    let text = if is_html {
        html::extract(&decoded.text).into_text(&mut options)
    } else {
        decoded.text
    };
    notes.extend(decoded.note.map(|note| Warning::new("encoding", note)));
    let is_json = matches!(args.format, Format::Json | Format::Jsonl);
    if text.len() <= WINDOW_BYTES && !is_json {
        let mut analysis = dateline::analyze(&text, &options);
        analysis.warnings.splice(0..0, notes);
        return Ok(Output::Whole(export::render(&analysis, &text, args.format)));
    }
    // JSON is written record by record, and a long text analysed one window at a time, so memory follows
    // the window and not the output (see `dateline::windows`); a text of one window is analysed whole.
    let spool_error = |e: std::io::Error| CliError(format!("cannot write the temporary output: {e}"));
    match args.format {
        Format::Json | Format::Jsonl => {
            let mut sections = Sections::new(args.format == Format::Json);
            let mut notes = notes;
            dateline::analyze_in_windows(&text, &options, |mut window| {
                window.warnings.splice(0..0, std::mem::take(&mut notes));
                sections.add(window)
            })
            .map_err(spool_error)?;
            Ok(Output::Streamed(Box::new(sections)))
        }
        _ => {
            // The other formats are laid out from the whole analysis: the windows are joined.
            let mut whole: Option<dateline::Analysis> = None;
            dateline::analyze_in_windows(&text, &options, |window| {
                match whole.as_mut() {
                    None => whole = Some(window),
                    Some(all) => all.append(window),
                }
                Ok::<_, CliError>(())
            })?;
            let mut analysis = whole.unwrap_or_else(|| dateline::analyze("", &options));
            analysis.warnings.splice(0..0, notes);
            Ok(Output::Whole(export::render(&analysis, &text, args.format)))
        }
    }
}
