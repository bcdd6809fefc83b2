//! `dateline analyze [--dct YYYY-MM-DD] [--format json|jsonl] [FILE... | -]`
//!
//! Exit codes: 0 when every input was analysed, 2 when any input or argument was refused
//! (one line on stderr per problem, naming the file and the reason), 1 when output failed.

use dateline::calendar::Date;
use dateline::export::{self, Format};
use dateline::{html, input, Options, Warning, MAX_INPUT_BYTES};
use std::io::{Read, Write};
use std::path::Path;

const USAGE: &str =
    "usage: dateline analyze [--dct YYYY-MM-DD] [--format json|jsonl|geojson|csv|ics|timelinejs|timeml] [FILE... | -]";

/// A refused argument or input: one line for stderr.
#[derive(Debug)]
struct CliError(String);

struct Args {
    dct: Option<Date>,
    format: Format,
    inputs: Vec<String>,
}

thread_local! {
    /// The message of a panic caught while analysing one input, reported on that input's line.
    static CAUGHT_PANIC: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    /// True while one input is analysed inside `catch_unwind`.
    static ANALYSING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// `s` on one line with control characters escaped, so that file names and messages from
/// strangers can neither break the one-line-per-problem rule nor send terminal escapes.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Runs the CLI with `args` (without the program name) and returns the exit code.
pub fn run(args: Vec<String>) -> i32 {
    // A panic must never show a backtrace: one line, exit 2. Inside an analysis the message is kept
    // for the line that names the input; anywhere else it is printed at once.
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
        let message = one_line(&format!("{what}{at}"));
        if ANALYSING.with(std::cell::Cell::get) {
            CAUGHT_PANIC.with(|c| *c.borrow_mut() = Some(message));
        } else {
            eprintln!("dateline: internal error: {message}");
        }
    }));
    let args = match parse_args(args) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{USAGE}");
            return 0;
        }
        Err(CliError(msg)) => {
            eprintln!("dateline: {}\n{USAGE}", one_line(&msg));
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
        let name = one_line(name);
        match result {
            Ok(Ok(rendered)) => {
                if writeln!(out, "{rendered}").is_err() {
                    return 1;
                }
            }
            Ok(Err(CliError(msg))) => {
                eprintln!("dateline: {name}: {}", one_line(&msg));
                status = 2;
            }
            Err(_) => {
                let why = CAUGHT_PANIC.with(|c| c.borrow_mut().take()).unwrap_or_default();
                eprintln!("dateline: {name}: internal error, please report it with this file: {why}");
                status = 2;
            }
        }
    }
    if out.flush().is_err() {
        return 1;
    }
    status
}

fn parse_args(args: Vec<String>) -> Result<Option<Args>, CliError> {
    let mut it = args.into_iter();
    match it.next().as_deref() {
        Some("analyze") => {}
        Some("-h" | "--help" | "help") | None => return Ok(None),
        Some(other) => return Err(CliError(format!("unknown command '{other}'"))),
    }
    let mut parsed = Args {
        dct: None,
        format: Format::Json,
        inputs: Vec::new(),
    };
    while let Some(arg) = it.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| {
            inline
                .clone()
                .or_else(|| it.next())
                .ok_or_else(|| CliError(format!("{name} needs a value")))
        };
        match flag.as_str() {
            "--dct" => {
                let v = value("--dct")?;
                let date = Date::parse_iso(&v).map_err(|e| CliError(format!("bad --dct: {e}")))?;
                if v.len() != 10 {
                    return Err(CliError(format!(
                        "bad --dct: '{v}' is not a date of the form YYYY-MM-DD"
                    )));
                }
                parsed.dct = Some(date);
            }
            "--format" => {
                let v = value("--format")?;
                parsed.format = v.parse().map_err(|e| CliError(format!("bad --format: {e}")))?;
            }
            "-h" | "--help" => return Ok(None),
            "-" => parsed.inputs.push(arg),
            f if f.starts_with('-') && f.len() > 1 => return Err(CliError(format!("unknown option '{f}'"))),
            _ => parsed.inputs.push(arg),
        }
    }
    if parsed.inputs.is_empty() {
        parsed.inputs.push("-".to_string());
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
fn read_input(name: &str) -> Result<Vec<u8>, CliError> {
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
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_INPUT_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|e| CliError(format!("cannot read: {e}")))?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(Some(meta.len().max(bytes.len() as u64))));
    }
    Ok(bytes)
}

fn analyze_one(name: &str, args: &Args) -> Result<String, CliError> {
    let bytes = read_input(name)?;
    let decoded = input::decode(&bytes, MAX_INPUT_BYTES).map_err(|e| CliError(e.to_string()))?;
    let is_html = name.ends_with(".html") || name.ends_with(".htm") || html::looks_like_html(&decoded.text);
    let mut options = Options {
        dct: args.dct,
        source: (name != "-").then(|| name.to_string()),
        ..Options::default()
    };
    let text = if is_html {
        html::extract(&decoded.text).into_text(&mut options)
    } else {
        decoded.text
    };
    let mut analysis = dateline::analyze(&text, &options);
    if let Some(note) = decoded.note {
        analysis.warnings.insert(0, Warning::new("encoding", note));
    }
    Ok(export::render(&analysis, &text, args.format))
}
