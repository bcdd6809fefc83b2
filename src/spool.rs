//! The JSON of an analysis written a window at a time ([`dateline::analyze_in_windows`]), so that a long
//! text's output never sits in memory whole.
//!
//! An analysis lists its timexes, then places, entities and events, but each window finds all four; so each
//! window's records go to four spools (anonymous temporary files, or memory where no file can be made) and
//! [`Sections::finish`] copies them out in order. The bytes are exactly those of `serde_json` on the whole
//! analysis (pretty for `json`, compact for `jsonl`), which the tests below check.

use dateline::{Analysis, Document, Warning};
use serde::Serialize;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};

/// One list of the output as it grows: its records already serialized, with separators.
struct Spool {
    sink: Sink,
    records: usize,
}

enum Sink {
    File(BufWriter<File>),
    Memory(Vec<u8>),
}

/// A spool stays in memory up to this many bytes, then moves to a temporary file.
const MEMORY_SPOOL_BYTES: usize = 1 << 20;

impl Spool {
    fn new() -> Spool {
        Spool {
            sink: Sink::Memory(Vec::new()),
            records: 0,
        }
    }

    /// Where the next record goes: memory while the list is small, a temporary file once it is not (or
    /// memory still, where no temporary file can be made).
    fn writer(&mut self) -> io::Result<&mut dyn Write> {
        if let Sink::Memory(bytes) = &self.sink {
            if bytes.len() > MEMORY_SPOOL_BYTES {
                if let Ok(file) = anonymous_file() {
                    let mut file = BufWriter::new(file);
                    file.write_all(bytes)?;
                    self.sink = Sink::File(file);
                }
            }
        }
        Ok(match &mut self.sink {
            Sink::File(f) => f,
            Sink::Memory(v) => v,
        })
    }

    /// Copies the spooled bytes to `out`.
    fn copy_to(self, out: &mut dyn Write) -> io::Result<()> {
        match self.sink {
            Sink::Memory(bytes) => out.write_all(&bytes),
            Sink::File(writer) => {
                let mut file = writer.into_inner().map_err(|e| e.into_error())?;
                file.seek(SeekFrom::Start(0))?;
                io::copy(&mut (&mut file as &mut dyn Read), out).map(|_| ())
            }
        }
    }
}

/// A temporary file that is already unlinked (on Unix), so nothing is left behind however the run ends.
fn anonymous_file() -> io::Result<File> {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let path = std::env::temp_dir().join(format!("dateline-{}-{n}-{nanos}.spool", std::process::id()));
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create_new(true)
        .open(&path)?;
    if std::fs::remove_file(&path).is_err() {
        // Where an open file cannot be unlinked (Windows), keep it in memory instead of leaving it behind.
        return Err(io::Error::other("cannot unlink the spool file"));
    }
    Ok(file)
}

/// The output of one long text, window by window.
pub struct Sections {
    pretty: bool,
    schema_version: u32,
    document: Option<Document>,
    timexes: Spool,
    places: Spool,
    entities: Spool,
    events: Spool,
    warnings: Vec<Warning>,
}

impl Sections {
    /// Empty sections; `pretty` for `--format json`, compact for `jsonl`.
    pub fn new(pretty: bool) -> Sections {
        Sections {
            pretty,
            schema_version: dateline::SCHEMA_VERSION,
            document: None,
            timexes: Spool::new(),
            places: Spool::new(),
            entities: Spool::new(),
            events: Spool::new(),
            warnings: Vec::new(),
        }
    }

    /// Adds one window's analysis (spans and ids already those of the whole text).
    pub fn add(&mut self, analysis: Analysis) -> io::Result<()> {
        let Analysis {
            schema_version,
            document,
            timexes,
            places,
            entities,
            events,
            warnings,
        } = analysis;
        self.schema_version = schema_version;
        self.document.get_or_insert(document);
        let pretty = self.pretty;
        spool_all(&mut self.timexes, &timexes, pretty)?;
        spool_all(&mut self.places, &places, pretty)?;
        spool_all(&mut self.entities, &entities, pretty)?;
        spool_all(&mut self.events, &events, pretty)?;
        self.warnings.extend(warnings);
        Ok(())
    }

    /// Writes the whole analysis to `out`, without a final newline.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        let pretty = self.pretty;
        let (open, key_sep, field_sep, close) = if pretty {
            ("{\n  ", ": ", ",\n  ", "\n}")
        } else {
            ("{", ":", ",", "}")
        };
        out.write_all(open.as_bytes())?;
        write!(out, "\"schema_version\"{key_sep}{}{field_sep}", self.schema_version)?;
        write!(out, "\"document\"{key_sep}")?;
        let document = self
            .document
            .ok_or_else(|| io::Error::other("no window of the text was analysed"))?;
        out.write_all(&indented(&document, pretty, "  ")?)?;
        for (name, spool) in [
            ("timexes", self.timexes),
            ("places", self.places),
            ("entities", self.entities),
            ("events", self.events),
        ] {
            write!(out, "{field_sep}\"{name}\"{key_sep}")?;
            write_list(out, spool, pretty)?;
        }
        write!(out, "{field_sep}\"warnings\"{key_sep}")?;
        let mut warnings = Spool::new();
        spool_all(&mut warnings, &self.warnings, pretty)?;
        write_list(out, warnings, pretty)?;
        out.write_all(close.as_bytes())
    }
}

/// `[` records `]` as serde_json lays out a list in the second level of an object.
fn write_list(out: &mut dyn Write, spool: Spool, pretty: bool) -> io::Result<()> {
    if spool.records == 0 {
        return out.write_all(b"[]");
    }
    out.write_all(if pretty { b"[\n" } else { b"[" })?;
    spool.copy_to(out)?;
    out.write_all(if pretty { b"\n  ]" } else { b"]" })
}

/// Appends `records` to `spool`, each after a separator when one came before.
fn spool_all<T: Serialize>(spool: &mut Spool, records: &[T], pretty: bool) -> io::Result<()> {
    for record in records {
        let bytes = indented(record, pretty, "    ")?;
        let first = spool.records == 0;
        let writer = spool.writer()?;
        if !first {
            writer.write_all(if pretty { b",\n" } else { b"," })?;
        }
        if pretty {
            writer.write_all(b"    ")?;
        }
        writer.write_all(&bytes)?;
        spool.records += 1;
    }
    Ok(())
}

/// `value` as JSON; pretty output has every line after the first indented by `indent` (JSON strings hold no
/// raw newline, so every newline is the layout's).
fn indented<T: Serialize>(value: &T, pretty: bool, indent: &str) -> io::Result<Vec<u8>> {
    if !pretty {
        return serde_json::to_vec(value).map_err(io::Error::other);
    }
    let plain = serde_json::to_vec_pretty(value).map_err(io::Error::other)?;
    let mut out = Vec::with_capacity(plain.len() + plain.len() / 8);
    for &byte in &plain {
        out.push(byte);
        if byte == b'\n' {
            out.extend_from_slice(indent.as_bytes());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline::calendar::Date;
    use dateline::Options;

    fn sample() -> Analysis {
        let options = Options {
            dct: Date::parse_iso("2016-09-05").ok(),
            ..Options::default()
        };
        dateline::analyze(
            "Air strikes on Homs killed 12 people on Sunday, the Syrian Observatory said.\n\nRebels said \"no\".",
            &options,
        )
    }

    fn streamed(windows: Vec<Analysis>, pretty: bool) -> String {
        let mut sections = Sections::new(pretty);
        for w in windows {
            sections.add(w).expect("spooled");
        }
        let mut out = Vec::new();
        sections.finish(&mut out).expect("written");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn one_window_streams_the_same_bytes_as_serde() {
        let analysis = sample();
        assert!(!analysis.places.is_empty() && !analysis.events.is_empty());
        assert_eq!(
            streamed(vec![analysis.clone()], true),
            serde_json::to_string_pretty(&analysis).expect("json")
        );
        assert_eq!(
            streamed(vec![analysis.clone()], false),
            serde_json::to_string(&analysis).expect("json")
        );
    }

    #[test]
    fn windows_join_into_one_analysis() {
        let first = sample();
        let mut second = first.clone();
        second.timexes.clear();
        second.warnings.clear();
        let mut whole = first.clone();
        whole.places.extend(second.places.clone());
        whole.entities.extend(second.entities.clone());
        whole.events.extend(second.events.clone());
        let text = streamed(vec![first, second], true);
        assert_eq!(text, serde_json::to_string_pretty(&whole).expect("json"));
        let back: Analysis = serde_json::from_str(&text).expect("reads back");
        assert_eq!(back, whole);
    }

    #[test]
    fn an_empty_analysis_streams_empty_lists() {
        let empty = dateline::analyze("", &Options::default());
        assert_eq!(
            streamed(vec![empty.clone()], true),
            serde_json::to_string_pretty(&empty).expect("json")
        );
    }
}
