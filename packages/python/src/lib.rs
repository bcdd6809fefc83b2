//! Python bindings of the Dateline engine: `dateline._native`, wrapped by the `dateline` package
//! (`python/dateline/__init__.py`), which turns the JSON it returns into dicts.
//!
//! Spans are in characters (Python string indices), so `text[start:end]` is the mention.

use dateline::calendar::Date;
use dateline::{analyze, convert_offsets, Language, OffsetUnit, Options, Scope};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// One document to analyse.
struct Record {
    text: String,
    dct: Option<Date>,
    read_anyway: bool,
    scope: Scope,
}

/// What `only` asks for: `None` everything, `"dates"` the dates alone.
fn scope(only: Option<&str>) -> PyResult<Scope> {
    match only {
        None => Ok(Scope::Everything),
        Some("dates") => Ok(Scope::Dates),
        Some(other) => Err(PyValueError::new_err(format!(
            "only {other:?}: the one choice is \"dates\""
        ))),
    }
}

/// Reads the options of one call: the document date (`YYYY-MM-DD`) and the language (`"en"`, the only one).
fn record(text: String, dct: Option<&str>, language: Option<&str>, scope: Scope) -> PyResult<Record> {
    let dct = match dct {
        Some(d) => Some(Date::parse_iso(d).map_err(|e| PyValueError::new_err(format!("dct {d:?}: {e}")))?),
        None => None,
    };
    let read_anyway = match language {
        None => false,
        Some(code) if code == Language::english().code() => true,
        Some(code) => {
            return Err(PyValueError::new_err(format!(
                "language {code:?}: Dateline reads \"en\" only"
            )))
        }
    };
    Ok(Record {
        text,
        dct,
        read_anyway,
        scope,
    })
}

/// The analysis of one record as JSON, spans in characters.
fn analyse(record: &Record) -> String {
    let options = Options {
        dct: record.dct,
        read_anyway: record.read_anyway,
        scope: record.scope,
        ..Options::default()
    };
    let mut analysis = analyze(&record.text, &options);
    convert_offsets(&mut analysis, &record.text, OffsetUnit::Char);
    // Serialising the model cannot fail (plain structs, finite numbers are written as numbers, others as null).
    serde_json::to_string(&analysis).unwrap_or_else(|e| format!("{{\"error\":{:?}}}", e.to_string()))
}

/// `analyze(text, dct=None, language=None, only=None) -> str`: the analysis as JSON, spans in characters;
/// `only="dates"` finds the dates alone.
#[pyfunction]
#[pyo3(signature = (text, dct=None, language=None, only=None))]
fn analyze_json(
    py: Python<'_>,
    text: String,
    dct: Option<&str>,
    language: Option<&str>,
    only: Option<&str>,
) -> PyResult<String> {
    let record = record(text, dct, language, scope(only)?)?;
    Ok(py.allow_threads(|| analyse(&record)))
}

/// `analyze_many_json(records, jobs, only) -> list[str]`: each record `(text, dct, language)` analysed on `jobs`
/// Rust threads with the GIL released; the results in input order.
#[pyfunction]
#[pyo3(signature = (records, jobs=None, only=None))]
fn analyze_many_json(
    py: Python<'_>,
    records: Vec<(String, Option<String>, Option<String>)>,
    jobs: Option<usize>,
    only: Option<&str>,
) -> PyResult<Vec<String>> {
    let scope = scope(only)?;
    let records = records
        .into_iter()
        .map(|(text, dct, language)| record(text, dct.as_deref(), language.as_deref(), scope))
        .collect::<PyResult<Vec<Record>>>()?;
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, records.len().max(1));
    Ok(py.allow_threads(|| {
        let mut out = vec![String::new(); records.len()];
        // Records are dealt round-robin to the threads (a long one does not hold up a whole chunk), each writing
        // its results into its own slots.
        let next = std::sync::atomic::AtomicUsize::new(0);
        let slots: Vec<std::sync::Mutex<&mut String>> = out.iter_mut().map(std::sync::Mutex::new).collect();
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(record) = records.get(i) else { break };
                    let json = analyse(record);
                    if let Ok(mut slot) = slots[i].lock() {
                        **slot = json;
                    }
                });
            }
        });
        drop(slots);
        out
    }))
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(analyze_json, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many_json, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
