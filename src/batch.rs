//! Several analyses written as one document of the chosen format: a JSON array, one GeoJSON FeatureCollection,
//! one CSV table, one calendar, one timeline, one story map; JSON lines and texts one after another.
//!
//! Each analysis is written as it arrives and dropped, so memory is that of one input. With one input the
//! output is exactly that input's document; with several, the container is written even when every input was
//! refused (an empty array or collection), so what comes out always parses.

use crate::spool::Sections;
use dateline::export::{self, ExportTime, Format};
use dateline::Analysis;
use std::io::{self, Write};

/// One input analysed: the analysis and its text, or (JSON of a long text) its records spooled window by window.
pub enum Analysed {
    /// The whole analysis and the text it was made of.
    Whole(Box<Analysis>, String),
    /// The JSON of a long text, spooled (only for `json` and `jsonl`).
    Spooled(Box<Sections>),
}

/// Writes the analyses of several inputs as one document of `format`.
pub struct Batch {
    format: Format,
    several: bool,
    exported: ExportTime,
    /// The analyses written so far.
    count: usize,
    /// Whether the opening of the container was written.
    begun: bool,
    /// Whether a GeoJSON feature or a TimelineJS slide was written (the next one needs a comma).
    item_written: bool,
}

impl Batch {
    /// A batch of one input (`several` false: the output is that input's document) or of several; `exported`
    /// is the iCalendar `DTSTAMP`.
    pub fn new(format: Format, several: bool, exported: ExportTime) -> Batch {
        Batch {
            format,
            several,
            exported,
            count: 0,
            begun: false,
            item_written: false,
        }
    }

    /// Writes the opening of the container, once: at once for several inputs, else with the first analysis (so
    /// that a refused single input leaves the output empty).
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.several {
            self.open(out)?;
        }
        Ok(())
    }

    fn open(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if std::mem::replace(&mut self.begun, true) {
            return Ok(());
        }
        match self.format {
            Format::Json if self.several => out.write_all(b"["),
            Format::GeoJson => out.write_all(br#"{"type":"FeatureCollection","features":["#),
            Format::Csv => {
                let header = export::CSV_HEADER.join(",");
                write!(out, "{header}\r\n")
            }
            Format::Ics => {
                let mut head = String::new();
                export::ics_head(&mut head);
                out.write_all(head.as_bytes())
            }
            Format::TimelineJs if self.several => {
                let title = export::timelinejs_title("Dateline");
                write!(out, "{{\"title\":{title},\"events\":[")
            }
            Format::StoryMapJs if self.several => {
                // The overview first: the next slide needs a comma.
                self.item_written = true;
                let overview = export::storymapjs_overview("Dateline");
                write!(out, "{{\"storymap\":{{\"slides\":[{overview}")
            }
            _ => Ok(()),
        }
    }

    /// Writes one input's analysis.
    pub fn add(&mut self, analysed: Analysed, out: &mut dyn Write) -> io::Result<()> {
        self.open(out)?;
        self.count += 1;
        let (analysis, text) = match analysed {
            Analysed::Spooled(sections) => {
                match self.format {
                    Format::Json if self.several => out.write_all(if self.count > 1 { b",\n" } else { b"\n" })?,
                    Format::Json | Format::Jsonl => {}
                    _ => return Err(io::Error::other("a spooled analysis is JSON only")),
                }
                sections.finish(out)?;
                return match self.format {
                    Format::Json if self.several => Ok(()),
                    _ => out.write_all(b"\n"),
                };
            }
            Analysed::Whole(analysis, text) => (analysis, text),
        };
        match self.format {
            Format::Json => {
                if self.several {
                    out.write_all(if self.count > 1 { b",\n" } else { b"\n" })?;
                }
                serde_json::to_writer_pretty(&mut *out, &*analysis).map_err(io::Error::other)?;
                if !self.several {
                    out.write_all(b"\n")?;
                }
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut *out, &*analysis).map_err(io::Error::other)?;
                out.write_all(b"\n")?;
            }
            Format::GeoJson => {
                for feature in export::geojson_features(&analysis) {
                    if std::mem::replace(&mut self.item_written, true) {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut *out, &feature).map_err(io::Error::other)?;
                }
            }
            Format::Csv => {
                let mut rows = String::new();
                export::csv_rows(&analysis, &mut rows);
                out.write_all(rows.as_bytes())?;
            }
            Format::Ics => {
                let mut events = String::new();
                export::ics_events(&analysis, &text, self.exported, &mut events);
                out.write_all(events.as_bytes())?;
            }
            Format::TimelineJs if self.several => {
                // Slide ids are unique in one timeline: each document's get its number in front.
                let prefix = format!("d{}-", self.count);
                for slide in export::timelinejs_events(&analysis, &text, &prefix) {
                    if std::mem::replace(&mut self.item_written, true) {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut *out, &slide).map_err(io::Error::other)?;
                }
            }
            Format::StoryMapJs if self.several => {
                for slide in export::storymapjs_slides(&analysis, &text) {
                    if std::mem::replace(&mut self.item_written, true) {
                        out.write_all(b",")?;
                    }
                    serde_json::to_writer(&mut *out, &slide).map_err(io::Error::other)?;
                }
            }
            Format::Text => {
                if self.count > 1 {
                    // A line holding only a form feed between two documents' texts.
                    out.write_all(b"\x0c\n")?;
                }
                writeln!(out, "{}", export::render(&analysis, &text, self.format, self.exported))?;
            }
            Format::TimelineJs | Format::StoryMapJs | Format::TimeMl => {
                writeln!(out, "{}", export::render(&analysis, &text, self.format, self.exported))?;
            }
        }
        Ok(())
    }

    /// Writes the end of the container, if one was opened (always, for several inputs).
    pub fn end(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.begun {
            return Ok(());
        }
        match self.format {
            Format::Json if self.several => out.write_all(if self.count == 0 { b"]\n" } else { b"\n]\n" }),
            Format::GeoJson => out.write_all(b"]}\n"),
            Format::Ics => {
                let mut tail = String::new();
                export::ics_tail(&mut tail);
                out.write_all(tail.as_bytes())
            }
            Format::TimelineJs if self.several => out.write_all(b"]}\n"),
            Format::StoryMapJs if self.several => out.write_all(b"]}}\n"),
            _ => Ok(()),
        }
    }
}
