//! Fonts (ISO 32000-1 §9.6–9.10): how a shown string splits into character codes, each code's text and width.
//!
//! A code's text comes from the font's ToUnicode CMap (`bfchar`, `bfrange`, codespace ranges of 1 to 4 bytes),
//! else, for a simple font, from its `/Encoding` (a base encoding and `/Differences` glyph names). Widths come
//! from `/Widths` (simple fonts) or `/W` and `/DW` (CID fonts under a Type0 font), scaled by `/FontMatrix` for
//! Type3 fonts. Loading a font is linear in its dictionary and CMap; a look-up is a hash or a binary search.

use super::file::File;
use super::glyphs::{self, Base};
use super::syntax::{Dict, Lexer, Obj};
use std::collections::HashMap;

/// A loaded font.
#[derive(Debug, Default)]
pub(crate) struct Font {
    /// Code lengths: (bytes, low, high) ranges; empty for one byte per code.
    codespace: Vec<(usize, u32, u32)>,
    unicode: Option<CMap>,
    /// A simple font's text for each byte code, from its encoding.
    simple: Vec<Option<Box<str>>>,
    /// A Type0 font whose codes are UCS-2 (a `Uni…-UCS2-…` CMap) without a ToUnicode map.
    ucs2: bool,
    /// Simple font widths: the first code and the widths from it.
    first: u32,
    widths: Vec<f32>,
    /// CID font widths: sorted (low, high, width's f32 bits) ranges (all `u32`, the type of the CMap's ranges, so
    /// the wasm build has one sort).
    cid_widths: Vec<(u32, u32, u32)>,
    default_width: f32,
    /// Glyph space to text space: 1/1000, or a Type3 font's matrix.
    scale: f32,
}

/// A ToUnicode (or encoding) CMap.
#[derive(Debug, Default)]
pub(crate) struct CMap {
    codespace: Vec<(usize, u32, u32)>,
    chars: HashMap<u32, String>,
    /// Sorted by low code: (low, high, index in `bases`).
    ranges: Vec<(u32, u32, u32)>,
    /// The UTF-16 of each range's first code's text, whose last unit counts up through the range.
    bases: Vec<Vec<u16>>,
}

impl CMap {
    /// Reads a CMap's `codespacerange`, `bfchar` and `bfrange` sections. Linear in `data`.
    pub fn parse(data: &[u8]) -> CMap {
        let mut cmap = CMap::default();
        let mut lexer = Lexer::content(data);
        let code = |s: &[u8]| s.iter().take(4).fold(0u32, |v, &b| v << 8 | u32::from(b));
        while let Some(obj) = lexer.object(0) {
            let Obj::Op(op) = obj else { continue };
            let section: &[u8] = match op.as_slice() {
                b"begincodespacerange" => b"endcodespacerange",
                b"beginbfchar" => b"endbfchar",
                b"beginbfrange" => b"endbfrange",
                _ => continue,
            };
            let mut items = Vec::new();
            while let Some(item) = lexer.object(0) {
                if matches!(&item, Obj::Op(end) if end == section) {
                    break;
                }
                items.push(item);
            }
            match op.as_slice() {
                b"begincodespacerange" => {
                    for pair in items.chunks_exact(2) {
                        if let [Obj::Str(lo), Obj::Str(hi)] = pair {
                            if (1..=4).contains(&lo.len()) {
                                cmap.codespace.push((lo.len(), code(lo), code(hi)));
                            }
                        }
                    }
                }
                b"beginbfchar" => {
                    for pair in items.chunks_exact(2) {
                        let text = match &pair[1] {
                            Obj::Str(units) => utf16(units),
                            Obj::Name(name) => glyphs::name_to_text(name).unwrap_or_default(),
                            _ => continue,
                        };
                        if let Obj::Str(src) = &pair[0] {
                            cmap.chars.insert(code(src), text);
                        }
                    }
                }
                _ => {
                    for triple in items.chunks_exact(3) {
                        let (Obj::Str(lo), Obj::Str(hi)) = (&triple[0], &triple[1]) else {
                            continue;
                        };
                        let (lo, hi) = (code(lo), code(hi));
                        match &triple[2] {
                            Obj::Str(base) if hi >= lo => {
                                let units = base
                                    .chunks(2)
                                    .map(|u| u16::from_be_bytes([u[0], *u.get(1).unwrap_or(&0)]));
                                cmap.ranges.push((lo, hi, cmap.bases.len() as u32));
                                cmap.bases.push(units.collect());
                            }
                            Obj::Array(list) => {
                                for (i, item) in list.iter().enumerate().take((hi.saturating_sub(lo) as usize) + 1) {
                                    if let Obj::Str(units) = item {
                                        cmap.chars.insert(lo + i as u32, utf16(units));
                                    }
                                }
                            }
                            _ => {}
                        }
                    }
                }
            }
        }
        cmap.ranges.sort_unstable_by_key(|r| r.0);
        cmap
    }

    /// The text of `code`, if the CMap maps it.
    fn get(&self, code: u32, out: &mut String) -> bool {
        if let Some(text) = self.chars.get(&code) {
            out.push_str(text);
            return true;
        }
        let i = self.ranges.partition_point(|r| r.0 <= code);
        let Some(&(lo, hi, base)) = i.checked_sub(1).map(|i| &self.ranges[i]) else {
            return false;
        };
        let Some(base) = self.bases.get(base as usize).filter(|b| code <= hi && !b.is_empty()) else {
            return false;
        };
        let mut units = base.clone();
        if let Some(last) = units.last_mut() {
            *last = last.wrapping_add((code - lo) as u16);
        }
        out.extend(char::decode_utf16(units).filter_map(Result::ok));
        true
    }
}

/// UTF-16BE bytes as text (unpaired surrogates dropped).
fn utf16(bytes: &[u8]) -> String {
    let units = bytes
        .chunks(2)
        .map(|u| u16::from_be_bytes([u[0], *u.get(1).unwrap_or(&0)]));
    char::decode_utf16(units).filter_map(Result::ok).collect()
}

impl Font {
    /// Loads the font dictionary `dict`.
    pub fn load(file: &File<'_>, dict: &Dict) -> Font {
        let subtype = dict.get(b"Subtype").and_then(Obj::name).unwrap_or(b"");
        let mut font = Font {
            scale: 0.001,
            default_width: 500.0,
            ..Font::default()
        };
        if let Some(to_unicode) = dict.get(b"ToUnicode") {
            let data = file.stream(to_unicode);
            if !data.is_empty() {
                font.unicode = Some(CMap::parse(&data));
            }
        }
        if subtype == b"Type0" {
            font.load_type0(file, dict);
        } else {
            font.load_simple(file, dict, subtype == b"Type3");
        }
        font
    }

    fn load_type0(&mut self, file: &File<'_>, dict: &Dict) {
        // Identity-H and the other predefined CMaps read two bytes per code; an embedded CMap says.
        self.codespace = vec![(2, 0, 0xFFFF)];
        match dict.get(b"Encoding").map(|e| file.get(e)) {
            Some(e) if matches!(*e, Obj::Stream(..)) => {
                let cmap = CMap::parse(&file.stream(&e));
                if !cmap.codespace.is_empty() {
                    self.codespace = cmap.codespace;
                }
            }
            Some(e) => {
                let name = e.name().unwrap_or(b"");
                self.ucs2 = name.starts_with(b"Uni") && name.windows(4).any(|w| w == b"UCS2");
            }
            None => {}
        }
        self.default_width = 1000.0;
        let descendant = dict
            .get(b"DescendantFonts")
            .map(|d| file.get(d))
            .and_then(|d| d.array().and_then(|a| a.first().cloned()));
        let Some(descendant) = descendant else { return };
        let descendant = file.get(&descendant);
        let Some(cid) = descendant.dict() else { return };
        if let Some(w) = cid.get(b"DW").map(|w| file.get(w)).and_then(|w| w.num()) {
            self.default_width = w;
        }
        let Some(w) = cid.get(b"W").map(|w| file.get(w)) else {
            return;
        };
        let Some(items) = w.array() else { return };
        // `c [w1 w2 ...]` and `c_first c_last w` entries.
        let mut i = 0;
        while i < items.len() {
            let first = file.get(&items[i]).int().unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
            match items.get(i + 1).map(|o| file.get(o)) {
                Some(list) if list.array().is_some() => {
                    for (k, width) in list.array().unwrap_or(&[]).iter().enumerate() {
                        let code = first.saturating_add(k as u32);
                        let width = file.get(width).num().unwrap_or(self.default_width);
                        self.cid_widths.push((code, code, width.to_bits()));
                    }
                    i += 2;
                }
                Some(last) => {
                    let last = last.int().unwrap_or(0).clamp(0, u32::MAX as i64) as u32;
                    let width = items
                        .get(i + 2)
                        .and_then(|w| file.get(w).num())
                        .unwrap_or(self.default_width);
                    if last >= first {
                        self.cid_widths.push((first, last, width.to_bits()));
                    }
                    i += 3;
                }
                None => break,
            }
        }
        self.cid_widths.sort_unstable_by_key(|r| r.0);
    }

    fn load_simple(&mut self, file: &File<'_>, dict: &Dict, type3: bool) {
        if type3 {
            let matrix = dict.get(b"FontMatrix").map(|m| file.get(m));
            self.scale = matrix
                .as_ref()
                .and_then(|m| m.array())
                .and_then(|m| m.first())
                .and_then(Obj::num)
                .unwrap_or(0.001);
        }
        self.first = dict
            .get(b"FirstChar")
            .and_then(|f| file.get(f).int())
            .unwrap_or(0)
            .clamp(0, 255) as u32;
        if let Some(widths) = dict.get(b"Widths").map(|w| file.get(w)) {
            let list = widths.array().unwrap_or(&[]);
            self.widths = list
                .iter()
                .take(256)
                .map(|w| file.get(w).num().unwrap_or(0.0))
                .collect();
        }
        if let Some(descriptor) = dict.get(b"FontDescriptor").map(|d| file.get(d)) {
            if let Some(w) = descriptor
                .dict()
                .and_then(|d| d.get(b"MissingWidth"))
                .and_then(Obj::num)
            {
                self.default_width = w;
            }
        }
        let encoding = dict.get(b"Encoding").map(|e| file.get(e));
        let subtype = dict.get(b"Subtype").and_then(Obj::name).unwrap_or(b"");
        let base_of = |name: &[u8]| match name {
            b"WinAnsiEncoding" => Some(Base::WinAnsi),
            b"MacRomanEncoding" => Some(Base::MacRoman),
            b"StandardEncoding" => Some(Base::Standard),
            _ => None,
        };
        // Without an encoding a TrueType font's codes are usually WinAnsi; a Type1's its built-in (Standard).
        let default = if subtype == b"TrueType" {
            Base::WinAnsi
        } else {
            Base::Standard
        };
        let (base, differences) = match encoding.as_deref() {
            Some(Obj::Name(n)) => (base_of(n).unwrap_or(default), None),
            Some(Obj::Dict(d)) => (
                d.get(b"BaseEncoding")
                    .and_then(Obj::name)
                    .and_then(base_of)
                    .unwrap_or(default),
                d.get(b"Differences").map(|x| file.get(x)),
            ),
            _ => (default, None),
        };
        let mut table: Vec<Option<Box<str>>> = (0..=255u8)
            .map(|c| base.char(c).map(|c| c.to_string().into()))
            .collect();
        if let Some(differences) = differences.as_ref().and_then(|d| d.array()) {
            let mut code = 0usize;
            for item in differences {
                match item {
                    Obj::Int(n) => code = (*n).clamp(0, 256) as usize,
                    Obj::Name(name) => {
                        if let Some(slot) = table.get_mut(code) {
                            *slot = glyphs::name_to_text(name).map(Into::into);
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        self.simple = table;
    }

    /// Splits a shown string into (code, byte length) pairs by the codespace ranges.
    pub fn codes<'s>(&'s self, bytes: &'s [u8]) -> impl Iterator<Item = (u32, usize)> + 's {
        let mut at = 0;
        std::iter::from_fn(move || {
            let rest = bytes.get(at..).filter(|r| !r.is_empty())?;
            let len = if self.codespace.is_empty() {
                1
            } else {
                (1..=4)
                    .find(|&n| {
                        rest.len() >= n && {
                            let code = rest[..n].iter().fold(0u32, |v, &b| v << 8 | u32::from(b));
                            self.codespace
                                .iter()
                                .any(|&(len, lo, hi)| len == n && (lo..=hi).contains(&code))
                        }
                    })
                    .unwrap_or_else(|| self.codespace[0].0.min(rest.len()))
            };
            at += len;
            Some((rest[..len].iter().fold(0u32, |v, &b| v << 8 | u32::from(b)), len))
        })
    }

    /// Appends the text of `code` to `out`; false when the font does not say what it is.
    pub fn text(&self, code: u32, out: &mut String) -> bool {
        if let Some(unicode) = &self.unicode {
            if unicode.get(code, out) {
                return true;
            }
        }
        if let Some(Some(text)) = self.simple.get(code as usize) {
            out.push_str(text);
            return true;
        }
        if self.ucs2 {
            if let Some(c) = char::from_u32(code) {
                out.push(c);
                return true;
            }
        }
        false
    }

    /// The advance width of `code` in text space (per unit of font size).
    pub fn width(&self, code: u32) -> f32 {
        let glyph = if !self.cid_widths.is_empty() || self.codespace.first().is_some_and(|c| c.0 > 1) {
            let i = self.cid_widths.partition_point(|r| r.0 <= code);
            i.checked_sub(1)
                .map(|i| self.cid_widths[i])
                .filter(|r| code <= r.1)
                .map_or(self.default_width, |r| f32::from_bits(r.2))
        } else {
            code.checked_sub(self.first)
                .and_then(|i| self.widths.get(i as usize).copied())
                .unwrap_or(self.default_width)
        };
        glyph * self.scale
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_unicode_cmaps() {
        let cmap = CMap::parse(
            b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap 1 begincodespacerange <0000> <FFFF> \
              endcodespacerange 2 beginbfchar <0003> <0020> <0011> <00660069> endbfchar 2 beginbfrange \
              <0024> <0026> <0041> <0030> <0031> [<00E9> <D83DDE00>] endbfrange endcmap",
        );
        let text = |code| {
            let mut s = String::new();
            cmap.get(code, &mut s).then_some(s)
        };
        assert_eq!(text(3).as_deref(), Some(" "));
        assert_eq!(text(0x11).as_deref(), Some("fi"));
        assert_eq!(text(0x26).as_deref(), Some("C"));
        assert_eq!(text(0x31).as_deref(), Some("😀"));
        assert_eq!(text(0x27), None);
        assert_eq!(cmap.codespace, vec![(2, 0, 0xFFFF)]);
    }

    #[test]
    fn mixed_code_lengths_split_by_codespace() {
        let font = Font {
            codespace: vec![(1, 0, 0x7F), (2, 0x8140, 0xFFFF)],
            ..Font::default()
        };
        let codes: Vec<(u32, usize)> = font.codes(b"A\x81\x40B\xFF").collect();
        assert_eq!(codes, vec![(0x41, 1), (0x8140, 2), (0x42, 1), (0xFF, 1)]);
    }
}
