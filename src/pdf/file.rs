//! The file structure (ISO 32000-1 §7.5): cross-reference tables and streams with their `/Prev` chain of
//! incremental updates, object streams, and, when the cross-reference data is missing or wrong, a scan of the
//! whole file for `N G obj`. Objects are parsed when first asked for and kept.
//!
//! Bounds: reading the cross-reference chain is linear in its sections (at most [`MAX_SECTIONS`], each read once);
//! the scan is one pass over the file plus one parse per object found; every object is parsed once, and every
//! stream's decoded bytes are charged to one budget of [`super::MAX_DECODED_BYTES`].

use super::filters::{self, FilterError};
use super::font::Font;
use super::syntax::{is_white, Dict, Lexer, Obj};
use super::PdfError;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ops::Deref;
use std::rc::Rc;

/// At most this many cross-reference sections are followed through `/Prev`.
pub(crate) const MAX_SECTIONS: usize = 1024;
/// References resolved inside the resolution of another (a `/Length` in an object stream...) nest at most this deep.
const MAX_NESTING: u32 = 16;
/// Parsing stops after this many times the file's length (plus the decoding budget) in bytes read.
const MAX_PARSE_FACTOR: usize = 8;

#[derive(Debug, Clone, Copy)]
enum Entry {
    Free,
    At(usize),
    /// Index `.1` in object stream `.0`.
    InStream(u32, u32),
}

/// What is known of one object number.
struct Slot {
    entry: Entry,
    obj: Option<Rc<Obj>>,
    /// For an object stream: its objects, once decoded (`Some(None)` when it could not be).
    stream: Option<Option<Rc<ObjStm>>>,
    /// For a font: the font, once loaded (kept here rather than in a map of its own: one hash table type).
    font: Option<Rc<Font>>,
    /// Set when the page tree visited this node.
    visited: bool,
}

impl Slot {
    fn at(entry: Entry) -> Slot {
        Slot {
            entry,
            obj: None,
            stream: None,
            font: None,
            visited: false,
        }
    }
}

/// An object stream's decoded bytes and its objects' (number, offset) pairs.
struct ObjStm {
    data: Vec<u8>,
    first: usize,
    offsets: Vec<(u32, usize)>,
}

/// An object borrowed from where it was written, or shared from the file's cache.
pub(crate) enum Val<'a> {
    Borrowed(&'a Obj),
    Shared(Rc<Obj>),
}

impl Val<'_> {
    /// The object, shared.
    pub fn into_rc(self) -> Rc<Obj> {
        match self {
            Val::Borrowed(o) => Rc::new(o.clone()),
            Val::Shared(o) => o,
        }
    }
}

impl Deref for Val<'_> {
    type Target = Obj;
    fn deref(&self) -> &Obj {
        match self {
            Val::Borrowed(o) => o,
            Val::Shared(o) => o,
        }
    }
}

/// A PDF file being read.
pub(crate) struct File<'a> {
    data: &'a [u8],
    /// Each object's place and, once read, the object (one map, so the wasm build has one hash table type).
    slots: RefCell<HashMap<u32, Slot>>,
    /// The newest trailer's entries, with older ones filling in what it lacks.
    pub trailer: Dict,
    scanned: Cell<bool>,
    nesting: Cell<u32>,
    /// Decoded bytes still allowed.
    budget: Cell<usize>,
    /// Set when a stream would pass the budget, or parsing the work limit.
    pub over_budget: Cell<bool>,
    /// Bytes parsed so far: a hostile file whose objects all run to its end (an unclosed string) would
    /// otherwise cost time quadratic in its length.
    work: Cell<usize>,
    /// What was skipped or repaired, for the reader.
    pub notes: RefCell<Vec<String>>,
}

impl<'a> File<'a> {
    /// Opens `data`: the `%PDF-` header, the cross-reference chain (or a scan when it is broken), the trailer.
    pub fn open(data: &'a [u8], budget: usize) -> Result<File<'a>, PdfError> {
        let header = data
            .get(..1024.min(data.len()))
            .and_then(|head| head.windows(5).position(|w| w == b"%PDF-"))
            .ok_or(PdfError::NotPdf)?;
        let mut file = File {
            // Offsets count from the header when a file has bytes before it (a mail or HTTP wrapper).
            data: &data[header..],
            slots: RefCell::new(HashMap::new()),
            trailer: Dict::default(),
            scanned: Cell::new(false),
            nesting: Cell::new(0),
            budget: Cell::new(budget),
            over_budget: Cell::new(false),
            work: Cell::new(0),
            notes: RefCell::new(Vec::new()),
        };
        let chained = file.read_chain();
        if !chained || file.catalog().is_none() {
            file.scan();
        }
        if file.trailer.get(b"Encrypt").is_some_and(|e| !matches!(e, Obj::Null)) {
            return Err(PdfError::Encrypted);
        }
        Ok(file)
    }

    /// The document catalog (`/Root`).
    pub fn catalog(&self) -> Option<Rc<Obj>> {
        let root = self.get(self.trailer.get(b"Root")?);
        root.dict().is_some().then(|| root.into_rc())
    }

    /// True when the cross-reference data was rebuilt by a scan (a damaged or cut-off file).
    pub fn repaired(&self) -> bool {
        self.scanned.get()
    }

    fn note(&self, note: String) {
        let mut notes = self.notes.borrow_mut();
        if notes.len() < 20 && !notes.contains(&note) {
            notes.push(note);
        }
    }

    /// Reads the cross-reference sections from `startxref` back through `/Prev`. False when none could be read.
    fn read_chain(&mut self) -> bool {
        let tail_from = self.data.len().saturating_sub(4096);
        let Some(at) = self.data[tail_from..]
            .windows(9)
            .rposition(|w| w == b"startxref")
            .map(|i| tail_from + i + 9)
        else {
            return false;
        };
        let mut next = Lexer::file(self.data, at).object(0).and_then(|o| o.int());
        // At most MAX_SECTIONS offsets: a list is as quick as a set, and adds no code.
        let mut seen = Vec::new();
        let mut any = false;
        while let Some(offset) = next.and_then(|o| usize::try_from(o).ok()) {
            if seen.contains(&offset) || seen.len() >= MAX_SECTIONS {
                break;
            }
            seen.push(offset);
            let Some(dict) = self.read_section(offset) else {
                return false;
            };
            any = true;
            // A hybrid file's classic table points at an xref stream with the entries of compressed objects.
            if let Some(stm) = dict
                .get(b"XRefStm")
                .and_then(Obj::int)
                .and_then(|o| usize::try_from(o).ok())
            {
                if !seen.contains(&stm) {
                    seen.push(stm);
                    self.read_section(stm);
                }
            }
            next = dict.get(b"Prev").and_then(Obj::int);
            self.merge_trailer(dict);
        }
        any
    }

    /// Adds the keys of an older trailer that the newer ones lack.
    fn merge_trailer(&mut self, dict: Dict) {
        for (key, value) in dict.0 {
            if self.trailer.get(&key).is_none() {
                self.trailer.0.push((key, value));
            }
        }
    }

    /// One cross-reference section at `offset`, a table or a stream; its trailer dictionary. Entries already
    /// known (from a newer section) are kept.
    fn read_section(&self, offset: usize) -> Option<Dict> {
        let mut lexer = Lexer::file(self.data, offset);
        lexer.skip_white();
        if lexer.rest().starts_with(b"xref") {
            lexer.pos += 4;
            return self.read_table(lexer);
        }
        let (_, obj) = self.parse_at(offset)?;
        let Obj::Stream(dict, start, end) = obj else {
            return None;
        };
        if dict.get(b"Type").and_then(Obj::name) != Some(b"XRef") {
            return None;
        }
        let data = self.decode(&dict, start, end).ok()?;
        let widths: Vec<usize> = dict
            .get(b"W")
            .and_then(Obj::array)?
            .iter()
            .map(|w| w.int().unwrap_or(0).clamp(0, 8) as usize)
            .collect();
        let [w0, w1, w2] = widths[..] else { return None };
        let row = w0 + w1 + w2;
        if row == 0 {
            return None;
        }
        let index: Vec<i64> = match dict.get(b"Index").and_then(Obj::array) {
            Some(a) => a.iter().filter_map(Obj::int).collect(),
            None => vec![0, dict.get(b"Size").and_then(Obj::int).unwrap_or(0)],
        };
        let field = |bytes: &[u8], default: usize| {
            if bytes.is_empty() {
                default
            } else {
                bytes.iter().fold(0usize, |v, &b| v << 8 | usize::from(b))
            }
        };
        let mut rows = data.chunks_exact(row);
        let mut slots = self.slots.borrow_mut();
        'ranges: for pair in index.chunks_exact(2) {
            let (first, count) = (pair[0].max(0) as u64, pair[1].max(0) as u64);
            for n in first..first.saturating_add(count) {
                let Some(r) = rows.next() else { break 'ranges };
                let Ok(n) = u32::try_from(n) else { break 'ranges };
                let (kind, a, b) = (field(&r[..w0], 1), field(&r[w0..w0 + w1], 0), field(&r[w0 + w1..], 0));
                let entry = match kind {
                    0 => Entry::Free,
                    1 => Entry::At(a),
                    2 => Entry::InStream(a as u32, b as u32),
                    _ => continue,
                };
                slots.entry(n).or_insert(Slot::at(entry));
            }
        }
        Some(dict)
    }

    /// A classic table after its `xref` keyword: subsections of `offset generation n|f` lines, then the trailer.
    fn read_table(&self, mut lexer: Lexer<'_>) -> Option<Dict> {
        let mut slots = self.slots.borrow_mut();
        loop {
            match lexer.object(0)? {
                Obj::Int(first) => {
                    let count = lexer.object(0)?.int()?;
                    for k in 0..count.max(0) {
                        let n = first.saturating_add(k);
                        let save = lexer.pos;
                        let (Some(Obj::Int(offset)), Some(Obj::Int(_)), Some(Obj::Op(kind))) =
                            (lexer.object(0), lexer.object(0), lexer.object(0))
                        else {
                            // Fewer lines than announced: the next subsection or the trailer.
                            lexer.pos = save;
                            break;
                        };
                        if let Ok(num) = u32::try_from(n) {
                            let entry = if kind == b"n" && offset > 0 {
                                Entry::At(offset as usize)
                            } else {
                                Entry::Free
                            };
                            if num != 0 {
                                slots.entry(num).or_insert(Slot::at(entry));
                            }
                        }
                    }
                }
                Obj::Op(op) if op == b"trailer" => return lexer.object(0)?.dict().cloned(),
                _ => return None,
            }
        }
    }

    /// Rebuilds the cross-reference data from every `N G obj` in the file (later definitions win, as in an
    /// incremental update), every `trailer`, and every cross-reference and object stream found.
    fn scan(&mut self) {
        self.scanned.set(true);
        self.note("the PDF's cross-reference table is damaged; its objects were found by scanning the file".into());
        let (found, trailers) = scan_objects(self.data);
        {
            let mut slots = self.slots.borrow_mut();
            slots.clear();
            for &(num, at) in &found {
                slots.insert(num, Slot::at(Entry::At(at)));
            }
        }
        self.trailer = Dict::default();
        for t in trailers.into_iter().rev() {
            self.merge_trailer(t);
        }
        // Cross-reference streams carry the trailer of PDF 1.5 files; object streams hold compressed objects.
        let mut compressed = Vec::new();
        let mut catalog = None;
        let mut numbers: Vec<u32> = found.iter().map(|&(n, _)| n).collect();
        numbers.sort_unstable();
        numbers.dedup();
        for &num in &numbers {
            let obj = self.object(num);
            let Some(dict) = obj.dict() else { continue };
            match dict.get(b"Type").and_then(Obj::name) {
                Some(b"XRef") => self.merge_trailer(dict.clone()),
                Some(b"ObjStm") => {
                    if let Some(stm) = self.object_stream(num) {
                        compressed.extend(stm.offsets.iter().enumerate().map(|(i, &(n, _))| (n, num, i as u32)));
                    }
                }
                Some(b"Catalog") => catalog = Some(num),
                _ => {}
            }
        }
        {
            let mut slots = self.slots.borrow_mut();
            for (n, stm, i) in compressed {
                slots.entry(n).or_insert(Slot::at(Entry::InStream(stm, i)));
            }
        }
        if self.catalog().is_none() {
            let catalog = catalog.or_else(|| {
                // A catalog inside an object stream.
                let candidates: Vec<u32> = self.slots.borrow().keys().copied().collect();
                let mut candidates = candidates;
                candidates.sort_unstable();
                candidates.into_iter().find(|&n| {
                    self.object(n).dict().and_then(|d| d.get(b"Type")).and_then(Obj::name) == Some(b"Catalog")
                })
            });
            if let Some(n) = catalog {
                self.trailer.0.retain(|(k, _)| k != b"Root");
                self.trailer.0.push((b"Root".to_vec(), Obj::Ref(n)));
            }
        }
    }

    /// True the first time it is asked for object `num` (a page-tree node), false after: a tree with a cycle is
    /// walked once. An object not in the file counts as visited.
    pub fn first_visit(&self, num: u32) -> bool {
        let mut slots = self.slots.borrow_mut();
        let Some(slot) = slots.get_mut(&num) else { return false };
        !std::mem::replace(&mut slot.visited, true)
    }

    /// The font object `num`, loaded once.
    pub fn font(&self, num: u32) -> Option<Rc<Font>> {
        if let Some(font) = self.slots.borrow().get(&num).and_then(|s| s.font.clone()) {
            return Some(font);
        }
        let dict = self.object(num);
        let font = Rc::new(Font::load(self, dict.dict()?));
        if let Some(slot) = self.slots.borrow_mut().get_mut(&num) {
            slot.font = Some(font.clone());
        }
        Some(font)
    }

    /// Every object number known, in order (for finding pages when the page tree is gone).
    pub fn numbers(&self) -> Vec<u32> {
        let mut all: Vec<u32> = self.slots.borrow().keys().copied().collect();
        all.sort_unstable();
        all
    }

    /// Resolves a reference (through chains of references); any other object is itself.
    pub fn get<'o>(&self, obj: &'o Obj) -> Val<'o> {
        match obj {
            Obj::Ref(n) => {
                let mut found = self.object(*n);
                for _ in 0..8 {
                    let Obj::Ref(next) = *found else { break };
                    found = self.object(next);
                }
                Val::Shared(found)
            }
            other => Val::Borrowed(other),
        }
    }

    /// Object `num`, `Null` when it does not exist or cannot be read.
    pub fn object(&self, num: u32) -> Rc<Obj> {
        if let Some(o) = self.slots.borrow().get(&num).and_then(|s| s.obj.clone()) {
            return o;
        }
        if self.nesting.get() >= MAX_NESTING {
            return Rc::new(Obj::Null);
        }
        self.nesting.set(self.nesting.get() + 1);
        let entry = self.slots.borrow().get(&num).map(|s| s.entry);
        let obj = match entry {
            Some(Entry::At(at)) => match self.parse_at(at) {
                Some((n, obj)) if n == num => Some(obj),
                _ => None,
            },
            Some(Entry::InStream(stm, index)) => self.in_object_stream(stm, index, num),
            Some(Entry::Free) => Some(Obj::Null),
            None => None,
        };
        self.nesting.set(self.nesting.get() - 1);
        let obj = match obj {
            Some(o) => o,
            None if !self.scanned.get() && !matches!(entry, Some(Entry::InStream(..))) => {
                // The table points at the wrong place: rebuild it once, then try again. (Not for an object
                // missing from a healthy table: a scan would find nothing more.)
                if entry.is_some() {
                    self.rescan();
                    return self.object(num);
                }
                Obj::Null
            }
            None => Obj::Null,
        };
        let obj = Rc::new(obj);
        if let Some(slot) = self.slots.borrow_mut().get_mut(&num) {
            slot.obj = Some(obj.clone());
        }
        obj
    }

    /// A scan started by a reference that pointed at the wrong place: only the objects' places are rebuilt (the
    /// trailer was read already).
    fn rescan(&self) {
        self.scanned.set(true);
        self.note("the PDF's cross-reference table is damaged; its objects were found by scanning the file".into());
        let (found, _) = scan_objects(self.data);
        let mut slots = self.slots.borrow_mut();
        for slot in slots.values_mut() {
            (slot.obj, slot.stream, slot.font) = (None, None, None);
        }
        slots.extend(found.into_iter().map(|(n, at)| (n, Slot::at(Entry::At(at)))));
    }

    /// The object whose `N G obj` header starts at `at`, with its number.
    fn parse_at(&self, at: usize) -> Option<(u32, Obj)> {
        let mut lexer = Lexer::file(self.data, at);
        let parsed = self.parse_object(&mut lexer);
        self.charge(lexer.pos.saturating_sub(at));
        parsed
    }

    /// Counts `bytes` parsed; past [`MAX_PARSE_FACTOR`] times the file plus the decoding budget, reading stops.
    fn charge(&self, bytes: usize) {
        self.work.set(self.work.get().saturating_add(bytes));
    }

    fn worked_out(&self) -> bool {
        let over = self.work.get() > self.data.len().saturating_mul(MAX_PARSE_FACTOR) + super::MAX_DECODED_BYTES;
        if over {
            self.over_budget.set(true);
        }
        over
    }

    fn parse_object(&self, lexer: &mut Lexer<'_>) -> Option<(u32, Obj)> {
        if self.worked_out() {
            return None;
        }
        let num = u32::try_from(lexer.object(0)?.int()?).ok()?;
        lexer.object(0)?.int()?;
        if lexer.object(0)? != Obj::Op(b"obj".to_vec()) {
            return None;
        }
        let obj = lexer.object(0)?;
        let Obj::Dict(dict) = obj else { return Some((num, obj)) };
        lexer.skip_white();
        if !lexer.rest().starts_with(b"stream") {
            return Some((num, Obj::Dict(dict)));
        }
        let mut start = lexer.pos + 6;
        if self.data.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.data.get(start) == Some(&b'\n') {
            start += 1;
        }
        let declared = match dict.get(b"Length") {
            Some(Obj::Int(n)) => usize::try_from(*n).ok(),
            Some(r @ Obj::Ref(_)) => self.get(r).int().and_then(|n| usize::try_from(n).ok()),
            _ => None,
        };
        let fits = |len: usize| {
            let end = start.checked_add(len)?;
            let after = self.data.get(end..)?;
            let skip = after.iter().take_while(|&&b| is_white(b)).count();
            after[skip..].starts_with(b"endstream").then_some(end)
        };
        let end = declared.and_then(fits).unwrap_or_else(|| {
            // A wrong or missing /Length: the data ends at `endstream`.
            let rest = &self.data[start.min(self.data.len())..];
            let found = rest.windows(9).position(|w| w == b"endstream").unwrap_or(rest.len());
            let mut end = start + found;
            while end > start && is_white(self.data[end - 1]) {
                end -= 1;
            }
            end
        });
        Some((num, Obj::Stream(dict, start, end.min(self.data.len()))))
    }

    fn object_stream(&self, stm: u32) -> Option<Rc<ObjStm>> {
        if let Some(s) = self.slots.borrow().get(&stm).and_then(|s| s.stream.clone()) {
            return s;
        }
        let container = self.object(stm);
        let parsed = match &*container {
            Obj::Stream(dict, start, end) => self.decode(dict, *start, *end).ok().map(|data| {
                let count = dict.get(b"N").and_then(Obj::int).unwrap_or(0).max(0);
                let first = dict.get(b"First").and_then(Obj::int).unwrap_or(0).max(0) as usize;
                let mut lexer = Lexer::content(&data[..first.min(data.len())]);
                let mut offsets = Vec::new();
                for _ in 0..count {
                    match (lexer.object(0), lexer.object(0)) {
                        (Some(Obj::Int(n)), Some(Obj::Int(o))) if n >= 0 && o >= 0 => {
                            offsets.push((n as u32, o as usize))
                        }
                        _ => break,
                    }
                }
                Rc::new(ObjStm { data, first, offsets })
            }),
            _ => None,
        };
        if let Some(slot) = self.slots.borrow_mut().get_mut(&stm) {
            slot.stream = Some(parsed.clone());
        }
        parsed
    }

    fn in_object_stream(&self, stm: u32, index: u32, num: u32) -> Option<Obj> {
        let stream = self.object_stream(stm)?;
        // The index is a hint; the header's object number decides.
        let &(_, offset) = stream
            .offsets
            .get(index as usize)
            .filter(|(n, _)| *n == num)
            .or_else(|| stream.offsets.iter().find(|(n, _)| *n == num))?;
        let at = stream.first.checked_add(offset)?;
        if self.worked_out() {
            return None;
        }
        // References are allowed inside object streams (unlike content streams).
        let mut lexer = Lexer::file(&stream.data, at);
        let obj = lexer.object(0);
        self.charge(lexer.pos - at.min(lexer.pos));
        obj
    }

    /// The decoded data of the stream whose dictionary is `dict` and whose raw bytes are `start..end`, charged to
    /// the budget.
    pub fn decode(&self, dict: &Dict, start: usize, end: usize) -> Result<Vec<u8>, FilterError> {
        let raw = self.data.get(start..end).unwrap_or(&[]);
        match filters::decode(dict, raw, self.budget.get()) {
            Ok(out) => {
                self.budget.set(self.budget.get().saturating_sub(out.len()));
                Ok(out)
            }
            Err(FilterError::TooLarge) => {
                self.budget.set(0);
                self.over_budget.set(true);
                Err(FilterError::TooLarge)
            }
            Err(FilterError::Unsupported(name)) => {
                self.note(format!("a stream compressed with {name} was skipped"));
                Err(FilterError::Unsupported(name))
            }
        }
    }

    /// The decoded data of a stream object (or of a reference to one); empty when it is none.
    pub fn stream(&self, obj: &Obj) -> Vec<u8> {
        match &*self.get(obj) {
            Obj::Stream(dict, start, end) => self.decode(dict, *start, *end).unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

/// Every `N G obj` header in `data` as (number, offset), in file order, and every `trailer` dictionary. One pass.
fn scan_objects(data: &[u8]) -> (Vec<(u32, usize)>, Vec<Dict>) {
    let (mut found, mut trailers) = (Vec::new(), Vec::new());
    let mut i = 0;
    while let Some(step) = data[i..].iter().position(|&b| b == b'o' || b == b't') {
        i += step;
        if data[i..].starts_with(b"obj") && data.get(i + 3).is_none_or(|&b| !b.is_ascii_alphanumeric()) {
            if let Some(header) = object_header_before(data, i) {
                found.push(header);
            }
        } else if data[i..].starts_with(b"trailer") {
            // A trailer is small: read within 64 KB, so a file of `trailer` keywords stays linear.
            let window = &data[..data.len().min(i + 7 + 65_536)];
            if let Some(Obj::Dict(d)) = Lexer::file(window, i + 7).object(0) {
                trailers.push(d);
            }
        }
        i += 1;
    }
    (found, trailers)
}

/// For the `obj` keyword at `at`: the object number and the offset of its `N G obj` header, if `at` is preceded
/// by `N G ` at the start of a token.
fn object_header_before(data: &[u8], at: usize) -> Option<(u32, usize)> {
    let mut i = at;
    let white = |i: &mut usize| {
        let from = *i;
        while *i > 0 && is_white(data[*i - 1]) {
            *i -= 1;
        }
        *i < from
    };
    let digits = |i: &mut usize| {
        let from = *i;
        while *i > 0 && data[*i - 1].is_ascii_digit() && from - *i < 10 {
            *i -= 1;
        }
        (*i < from).then(|| std::str::from_utf8(&data[*i..from]).ok()?.parse::<u64>().ok())?
    };
    if !white(&mut i) {
        return None;
    }
    digits(&mut i)?;
    if !white(&mut i) {
        return None;
    }
    let num = digits(&mut i)?;
    if i > 0 && !is_white(data[i - 1]) && !super::syntax::is_delimiter(data[i - 1]) {
        return None;
    }
    Some((u32::try_from(num).ok()?, i))
}
