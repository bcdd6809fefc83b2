//! A fast hasher for the engines' internal tables.
//!
//! The engines hash many short words per article (tense cues, event cues, names), where the standard library's
//! SipHash — built to resist hash flooding — cost more than the look-ups themselves. The keys are words of an
//! article being analysed for the person who pasted it, so flooding is not a threat worth that price here.
//! This is the multiply-rotate hash of Firefox and rustc ("FxHash"), eight bytes at a time.

use std::hash::{BuildHasherDefault, Hasher};

/// The multiply-rotate hasher (see the module comment).
#[derive(Debug, Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

/// Odd multiplier with well-spread bits (the one rustc used).
const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let mut rest = chunks.remainder();
        if rest.len() >= 4 {
            let mut w = [0u8; 4];
            w.copy_from_slice(&rest[..4]);
            self.add(u64::from(u32::from_le_bytes(w)));
            rest = &rest[4..];
        }
        for &b in rest {
            self.add(u64::from(b));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

/// Builds [`FxHasher`]s.
pub type FxBuild = BuildHasherDefault<FxHasher>;
/// A hash map with [`FxHasher`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
/// A hash set with [`FxHasher`].
pub type FastSet<T> = std::collections::HashSet<T, FxBuild>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn equal_keys_hash_equal_and_near_keys_differ() {
        let b = FxBuild::default();
        assert_eq!(b.hash_one("killed"), b.hash_one(String::from("killed")));
        let words = [
            "a",
            "b",
            "ab",
            "ba",
            "killed",
            "killer",
            "wounded in",
            "wounded on",
            "twelve-year-old",
        ];
        let hashes: FastSet<u64> = words.iter().map(|w| b.hash_one(w)).collect();
        assert_eq!(hashes.len(), words.len());
    }

    #[test]
    fn maps_work_as_maps() {
        let mut m: FastMap<String, usize> = FastMap::default();
        for (i, w) in ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
            .iter()
            .enumerate()
        {
            m.insert((*w).to_string(), i);
        }
        assert_eq!(m.get("seven"), Some(&6));
        assert_eq!(m.get("ten"), None);
        assert_eq!(m.len(), 9);
    }
}
