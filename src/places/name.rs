//! Lookup keys for place names: the one normalisation shared by the gazetteer build and the matcher.
//!
//! `scripts/build_gazetteer.py::key` implements the same rules; both read the fold table `fold.txt`.

use crate::hash::FastMap as HashMap;
use std::sync::OnceLock;

const FOLD: &str = embedded_table!("places/fold.txt");

fn fold_table() -> &'static HashMap<char, &'static str> {
    static TABLE: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::default();
        for line in FOLD.lines().filter(|l| !l.is_empty() && !l.starts_with('#')) {
            if let Some((letters, repl)) = line.split_once('\t') {
                for ch in letters.chars() {
                    map.insert(ch, repl);
                }
            }
        }
        map
    })
}

/// True for the characters a key drops: apostrophes (`O'Fallon`, `Syria's`) and full stops (`U.S.`).
pub fn is_dropped(ch: char) -> bool {
    matches!(ch, '\'' | '’' | '‘' | '`' | 'ʻ' | 'ʼ' | '.')
}

/// Appends the key form of `name` to `out`: lower case, Latin letters folded to ASCII, apostrophes and full
/// stops dropped, every other non-alphanumeric run turned into one space, trimmed.
pub fn normalize_into(name: &str, out: &mut String) {
    out.clear();
    let mut pending_space = false;
    if name.is_ascii() {
        // Fast path: most names in English news are ASCII, and need no fold table.
        for b in name.bytes() {
            if b == b'\'' || b == b'.' || b == b'`' {
                continue;
            }
            if b.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(b.to_ascii_lowercase() as char);
            } else {
                pending_space = true;
            }
        }
        return;
    }
    let table = fold_table();
    for ch in name.chars().flat_map(char::to_lowercase) {
        if is_dropped(ch) {
            continue;
        }
        if ch.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            match table.get(&ch) {
                Some(repl) => out.push_str(repl),
                None => out.push(ch),
            }
        } else {
            pending_space = true;
        }
    }
}

/// The key form of `name` (see [`normalize_into`]).
pub fn normalize(name: &str) -> String {
    let mut out = String::new();
    normalize_into(name, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_and_punctuation() {
        assert_eq!(normalize("Al Ḩasakah"), "al hasakah");
        assert_eq!(normalize("Al-Hasakah"), "al hasakah");
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("St. Louis"), "st louis");
        assert_eq!(normalize("O'Fallon"), "ofallon");
        assert_eq!(normalize("São Paulo"), "sao paulo");
        assert_eq!(normalize("  Washington,  D.C. "), "washington dc");
        assert_eq!(normalize(""), "");
    }
}
