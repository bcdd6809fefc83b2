//! Helpers shared by the integration tests: finding the evaluation data in ../shared.

#![allow(dead_code)]

use std::path::PathBuf;

/// The `shared/` folder beside the project, or `None` (with a message on stderr) when absent.
///
/// `DATELINE_SHARED` overrides the location.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("DATELINE_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..").join("shared"));
    if dir.join("seed").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIP: evaluation data not found at {} (set DATELINE_SHARED)",
            dir.display()
        );
        None
    }
}

/// Reads a file under shared/, or `None` when the folder is absent.
pub fn shared_file(relative: &str) -> Option<String> {
    let dir = shared_dir()?;
    let path = dir.join(relative);
    Some(std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display())))
}

/// The reference article and its gold annotation, when present.
pub fn seed() -> Option<(String, serde_json::Value)> {
    let text = shared_file("seed/afp-syria-2016-09-05.txt")?;
    let gold = shared_file("gold/seed.json")?;
    Some((text, serde_json::from_str(&gold).expect("gold/seed.json is valid JSON")))
}
