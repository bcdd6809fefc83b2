//! A small FNV-1a hasher: the geoparser hashes many short words per article, where the default
//! SipHash (built against hash flooding, not a concern for word lists) dominated the profile.

use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a, 64 bit.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A hash set with [`Fnv`].
pub type FastSet<T> = std::collections::HashSet<T, BuildHasherDefault<Fnv>>;
/// A hash map with [`Fnv`].
pub type FastMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fnv>>;
