//! Content streams (ISO 32000-1 §8–9): the text operators run with their matrices, giving each shown glyph's
//! text and where it sits on the page. Graphics state `q`/`Q`/`cm`, text state `Tf Tc Tw Tz TL Ts`, positioning
//! `BT Td TD Tm T*`, showing `Tj TJ ' "`, marked content with `/ActualText`, Form XObjects (`Do`, at most [`MAX_FORM_DEPTH`] deep) and inline images
//! (skipped, counted). One pass over each stream; every stream's bytes count against the file's decoding budget
//! (so a form drawn a million times is bounded too), and at most [`MAX_GLYPHS`] glyphs are kept per page.

use super::file::File;
use super::font::Font;
use super::syntax::{Dict, Lexer, Obj};
use std::rc::Rc;

/// Forms inside forms are followed this deep.
pub(crate) const MAX_FORM_DEPTH: u32 = 12;
/// Glyphs kept per page (24 bytes each); a page's text is also cut at [`super::MAX_TEXT_BYTES`].
pub(crate) const MAX_GLYPHS: usize = 2_000_000;
/// Saved graphics states kept (`q` nesting).
const MAX_SAVED: usize = 256;

/// A matrix `[a b c d e f]`, PDF's row-vector convention.
type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

/// One shown glyph: its origin on the page, where its advance ends, its size, and its text in the page's text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Glyph {
    pub x: f32,
    pub y: f32,
    pub end: f32,
    pub size: f32,
    pub start: u32,
    pub len: u32,
}

/// A page's glyphs in content order.
#[derive(Debug, Default)]
pub(crate) struct Page {
    pub text: String,
    pub glyphs: Vec<Glyph>,
    /// Images drawn (image XObjects and inline images).
    pub images: usize,
    /// Glyphs whose font does not say what they are.
    pub unmapped: usize,
    /// Glyphs past [`MAX_GLYPHS`] were dropped.
    pub truncated: bool,
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    scale: f32,
    leading: f32,
    rise: f32,
}

/// Reads the content of pages and forms (fonts are loaded once per file, by [`File::font`]).
pub(crate) struct Reader<'f, 'a> {
    file: &'f File<'a>,
}

impl<'f, 'a> Reader<'f, 'a> {
    pub fn new(file: &'f File<'a>) -> Self {
        Reader { file }
    }

    /// The glyphs of one page, whose content is `content` (decoded) and resources `resources`.
    pub fn page(&mut self, content: &[u8], resources: Option<&Dict>) -> Page {
        let mut page = Page::default();
        let state = State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        self.run(content, resources, state, 0, &mut page);
        page
    }

    fn resource(&self, resources: Option<&Dict>, kind: &[u8], name: &[u8]) -> Option<Obj> {
        let group = self.file.get(resources?.get(kind)?);
        group.dict()?.get(name).cloned()
    }

    fn font(&mut self, resources: Option<&Dict>, name: &[u8]) -> Option<Rc<Font>> {
        let obj = self.resource(resources, b"Font", name)?;
        if let Obj::Ref(n) = obj {
            return self.file.font(n);
        }
        Some(Rc::new(Font::load(self.file, obj.dict()?)))
    }

    fn run(&mut self, content: &[u8], resources: Option<&Dict>, mut gs: State, depth: u32, page: &mut Page) {
        let mut saved: Vec<State> = Vec::new();
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        let mut lexer = Lexer::content(content);
        let mut operands: Vec<Obj> = Vec::new();
        let mut marked: Vec<Actual> = Vec::new();
        while let Some(obj) = lexer.object(0) {
            let Obj::Op(op) = obj else {
                if operands.len() < 32 {
                    operands.push(obj);
                }
                continue;
            };
            let num = |i: usize| operands.get(i).and_then(Obj::num).unwrap_or(0.0);
            let matrix = || -> Matrix { [num(0), num(1), num(2), num(3), num(4), num(5)] };
            match op.as_slice() {
                b"q" if saved.len() < MAX_SAVED => saved.push(gs.clone()),
                b"Q" => {
                    if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                b"cm" if operands.len() == 6 => gs.ctm = mul(&matrix(), &gs.ctm),
                b"BT" => (tm, tlm) = (IDENTITY, IDENTITY),
                b"Tf" => {
                    gs.font = operands
                        .first()
                        .and_then(Obj::name)
                        .and_then(|n| self.font(resources, n));
                    gs.size = num(1);
                }
                b"Tc" => gs.char_spacing = num(0),
                b"Tw" => gs.word_spacing = num(0),
                b"Tz" => gs.scale = num(0) / 100.0,
                b"TL" => gs.leading = num(0),
                b"Ts" => gs.rise = num(0),
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        gs.leading = -num(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, num(0), num(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" if operands.len() == 6 => (tm, tlm) = (matrix(), matrix()),
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" | b"TJ" => {
                    if op == b"\"" {
                        gs.word_spacing = num(0);
                        gs.char_spacing = num(1);
                    }
                    if op == b"'" || op == b"\"" {
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -gs.leading], &tlm);
                        tm = tlm;
                    }
                    let items: &[Obj] = match operands.last() {
                        Some(Obj::Array(items)) => items,
                        Some(one) => std::slice::from_ref(one),
                        None => &[],
                    };
                    for item in items {
                        match item {
                            Obj::Str(bytes) => show(bytes, &gs, &mut tm, &mut marked, page),
                            other => {
                                // A TJ adjustment, in thousandths of the font size, moves the next glyph left.
                                let shift = -other.num().unwrap_or(0.0) / 1000.0 * gs.size * gs.scale;
                                tm = mul(&[1.0, 0.0, 0.0, 1.0, shift, 0.0], &tm);
                            }
                        }
                    }
                }
                b"Do" => {
                    if let Some(name) = operands.first().and_then(Obj::name) {
                        self.draw(name, resources, &gs, depth, page);
                    }
                }
                // Marked content: `/ActualText` replaces the text of the glyphs inside (Chromium writes
                // ligatures this way), and nesting is bounded like `q`.
                b"BDC" | b"BMC" if marked.len() < MAX_SAVED => {
                    let actual = operands.get(1).and_then(Obj::dict).and_then(|d| d.get(b"ActualText"));
                    marked.push(match actual {
                        Some(Obj::Str(text)) => Actual::Pending(text_string(text)),
                        _ => Actual::None,
                    });
                }
                b"EMC" => {
                    marked.pop();
                }
                b"BI" => {
                    while let Some(item) = lexer.object(0) {
                        if item == Obj::Op(b"ID".to_vec()) {
                            lexer.skip_inline_image();
                            break;
                        }
                    }
                    page.images += 1;
                }
                _ => {}
            }
            operands.clear();
        }
    }
}

impl Reader<'_, '_> {
    /// `Do`: an image is counted; a form's content is run with its own resources (or the caller's) and matrix.
    fn draw(&mut self, name: &[u8], resources: Option<&Dict>, gs: &State, depth: u32, page: &mut Page) {
        let Some(xobject) = self.resource(resources, b"XObject", name) else {
            return;
        };
        let xobject = self.file.get(&xobject);
        let Obj::Stream(dict, start, end) = &*xobject else {
            return;
        };
        match dict.get(b"Subtype").and_then(Obj::name) {
            Some(b"Image") => page.images += 1,
            Some(b"Form") if depth < MAX_FORM_DEPTH => {
                let Ok(data) = self.file.decode(dict, *start, *end) else {
                    return;
                };
                let own = dict.get(b"Resources").map(|r| self.file.get(r));
                let matrix = dict
                    .get(b"Matrix")
                    .map(|m| self.file.get(m))
                    .and_then(|m| {
                        let v: Vec<f32> = m.array()?.iter().map(|x| x.num().unwrap_or(0.0)).collect();
                        <[f32; 6]>::try_from(v).ok()
                    })
                    .unwrap_or(IDENTITY);
                let mut inner = gs.clone();
                inner.ctm = mul(&matrix, &gs.ctm);
                self.run(
                    &data,
                    own.as_ref().and_then(|r| r.dict()).or(resources),
                    inner,
                    depth + 1,
                    page,
                );
            }
            _ => {}
        }
    }
}

/// A marked-content sequence's replacement text.
enum Actual {
    /// None: the glyphs say what they are.
    None,
    /// `/ActualText`, for the first glyph shown inside.
    Pending(String),
    /// Given to a glyph already: the later glyphs inside add no text.
    Used,
}

/// A text string (ISO 32000-1 §7.9.2.2): UTF-16BE after a byte-order mark, else PDFDocEncoding (read as Latin-1,
/// which it matches for letters).
fn text_string(bytes: &[u8]) -> String {
    match bytes.strip_prefix(b"\xFE\xFF") {
        Some(units) => {
            let units = units.chunks_exact(2).map(|u| u16::from_be_bytes([u[0], u[1]]));
            char::decode_utf16(units).filter_map(Result::ok).collect()
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

/// Shows a string: each code's glyph is recorded where the text and current matrices put it, and the text matrix
/// advances by its width (plus character and word spacing). Inside `/ActualText` the first glyph carries that text
/// and the others none.
fn show(bytes: &[u8], gs: &State, tm: &mut Matrix, marked: &mut [Actual], page: &mut Page) {
    let Some(font) = &gs.font else {
        // Text in a font that is missing (a cut file) is text that cannot be read.
        page.unmapped += bytes.len();
        return;
    };
    for (code, len) in font.codes(bytes) {
        let width = font.width(code);
        let spacing = gs.char_spacing + if len == 1 && code == 32 { gs.word_spacing } else { 0.0 };
        let advance = (width * gs.size + spacing) * gs.scale;
        let render = mul(
            &mul(&[gs.size * gs.scale, 0.0, 0.0, gs.size, 0.0, gs.rise], tm),
            &gs.ctm,
        );
        let device = mul(tm, &gs.ctm);
        if page.glyphs.len() >= MAX_GLYPHS || page.text.len() >= super::MAX_TEXT_BYTES {
            page.truncated = true;
        } else {
            let start = page.text.len();
            let actual = marked.iter_mut().rev().find(|a| !matches!(a, Actual::None));
            let known = match actual {
                Some(a) => {
                    if let Actual::Pending(text) = std::mem::replace(a, Actual::Used) {
                        page.text.push_str(&text);
                    }
                    true
                }
                None => font.text(code, &mut page.text),
            };
            if known {
                page.glyphs.push(Glyph {
                    x: render[4],
                    y: render[5],
                    end: render[4] + advance * device[0],
                    size: render[2].hypot(render[3]),
                    start: start as u32,
                    len: (page.text.len() - start) as u32,
                });
            } else {
                page.unmapped += 1;
            }
        }
        *tm = mul(&[1.0, 0.0, 0.0, 1.0, advance, 0.0], tm);
    }
}
