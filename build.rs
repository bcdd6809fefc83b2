//! Copies the language and calendar tables into `OUT_DIR` without the text of their comment lines, for
//! `include_str!`.
//!
//! The comments document the tables for the people who edit them; shipped inside the engine's WebAssembly they would
//! cost every reader about 8 KB gzipped. A comment or blank line is kept as an empty line, so that a line number in
//! a table error (`lang::TableError`) is the line of the file a person edits; the engine skips empty lines anyway
//! (`lang::lines`), and a run of newlines costs next to nothing gzipped.

use std::path::Path;

/// Folders whose `.tsv` and `.txt` files are embedded.
const TABLE_DIRS: &[&str] = &["src/lang/en", "src/dates", "src/places"];

fn main() -> std::io::Result<()> {
    let out = std::env::var_os("OUT_DIR").ok_or_else(|| std::io::Error::other("cargo sets OUT_DIR"))?;
    for dir in TABLE_DIRS {
        println!("cargo:rerun-if-changed={dir}");
        let target = Path::new(&out).join(dir);
        std::fs::create_dir_all(&target)?;
        for entry in std::fs::read_dir(dir)? {
            let path = entry?.path();
            if !path.extension().is_some_and(|e| e == "tsv" || e == "txt") {
                continue;
            }
            let text = std::fs::read_to_string(&path)?;
            let kept: String = text
                .lines()
                .map(|line| {
                    let trimmed = line.trim();
                    if trimmed.is_empty() || trimmed.starts_with('#') {
                        ""
                    } else {
                        line
                    }
                })
                .flat_map(|line| [line, "\n"])
                .collect();
            if let Some(name) = path.file_name() {
                std::fs::write(target.join(name), kept)?;
            }
        }
    }
    Ok(())
}
