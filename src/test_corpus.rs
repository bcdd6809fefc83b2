//! The dev corpora of `../shared` for unit tests that check a fast path against its reference on real lines.

use std::path::{Path, PathBuf};

/// The texts of the first `count` files (by path) of `../shared/corpora/<corpus>`, reading its subfolders one level
/// deep (TimeML and MEANTIME keep their files in them). Prints a `SKIP` line and gives none when the folder is absent.
pub(crate) fn texts(corpus: &str, count: usize) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(corpus);
    let Ok(dir) = std::fs::read_dir(&root) else {
        println!("SKIP corpus lines: {} is absent", root.display());
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for path in dir.flatten().map(|e| e.path()) {
        match std::fs::read_dir(&path) {
            Ok(sub) => files.extend(sub.flatten().map(|e| e.path()).filter(|p| p.is_file())),
            Err(_) => files.push(path),
        }
    }
    files.sort();
    files
        .iter()
        .take(count)
        .filter_map(|f| std::fs::read_to_string(f).ok())
        .collect()
}
