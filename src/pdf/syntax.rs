//! PDF syntax (ISO 32000-1 §7.2–7.3): the objects read from bytes, for the file's objects and for content
//! streams alike. Lenient like a viewer: a stray delimiter is skipped, an unclosed string or array ends at the end
//! of the data. Every call consumes at least one byte or returns `None` at the end, so any loop over objects
//! ends, and nesting deeper than [`MAX_DEPTH`] is read flat instead of recursing: linear time, bounded stack.

/// Arrays and dictionaries nested deeper than this are not descended into (their brackets are skipped).
pub(crate) const MAX_DEPTH: u32 = 64;

/// One PDF object.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Obj {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    /// A name, `#xx` escapes decoded, without the slash.
    Name(Vec<u8>),
    /// A literal or hexadecimal string's bytes.
    Str(Vec<u8>),
    Array(Vec<Obj>),
    Dict(Dict),
    /// An indirect reference `N G R`.
    Ref(u32),
    /// A stream: its dictionary and the byte range of its (still encoded) data in the file.
    Stream(Dict, usize, usize),
    /// A bare keyword: a content-stream operator, or `obj`, `endobj`, `stream`... in the file.
    Op(Vec<u8>),
}

/// A dictionary, in file order (dictionaries are small: a linear look-up beats hashing).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Dict(pub Vec<(Vec<u8>, Obj)>);

impl Dict {
    /// The value of `key`, the first if the key is repeated.
    pub fn get(&self, key: &[u8]) -> Option<&Obj> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

impl Obj {
    pub fn int(&self) -> Option<i64> {
        match *self {
            Obj::Int(i) => Some(i),
            Obj::Real(r) if r.is_finite() => Some(r as i64),
            _ => None,
        }
    }
    /// A number as f32, finite (a huge or NaN value is no number).
    pub fn num(&self) -> Option<f32> {
        let n = match *self {
            Obj::Int(i) => i as f32,
            Obj::Real(r) => r as f32,
            _ => return None,
        };
        n.is_finite().then_some(n)
    }
    pub fn name(&self) -> Option<&[u8]> {
        match self {
            Obj::Name(n) => Some(n),
            _ => None,
        }
    }
    pub fn dict(&self) -> Option<&Dict> {
        match self {
            Obj::Dict(d) | Obj::Stream(d, _, _) => Some(d),
            _ => None,
        }
    }
    pub fn array(&self) -> Option<&[Obj]> {
        match self {
            Obj::Array(a) => Some(a),
            _ => None,
        }
    }
}

pub(crate) fn is_white(b: u8) -> bool {
    matches!(b, 0 | 9 | 10 | 12 | 13 | 32)
}

pub(crate) fn is_delimiter(b: u8) -> bool {
    matches!(b, b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%')
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

/// A reader of objects from `data` starting at `pos`.
pub(crate) struct Lexer<'a> {
    pub data: &'a [u8],
    pub pos: usize,
    /// Whether `N G R` is read as a reference (in the file; never in a content stream).
    refs: bool,
}

impl<'a> Lexer<'a> {
    /// A lexer for the file's objects (references allowed).
    pub fn file(data: &'a [u8], pos: usize) -> Self {
        Lexer { data, pos, refs: true }
    }

    /// A lexer for a content stream or CMap (no references).
    pub fn content(data: &'a [u8]) -> Self {
        Lexer {
            data,
            pos: 0,
            refs: false,
        }
    }

    /// Skips white space and comments.
    pub fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.data.get(self.pos).is_some_and(|&b| b != b'\n' && b != b'\r') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The rest of the data from the current position.
    pub fn rest(&self) -> &'a [u8] {
        self.data.get(self.pos..).unwrap_or(&[])
    }

    /// The run of regular characters at the position (a number or a keyword).
    fn token(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.data.get(self.pos).is_some_and(|&b| is_regular(b)) {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    /// The next object, `None` at the end of the data.
    pub fn object(&mut self, depth: u32) -> Option<Obj> {
        self.skip_white();
        let &b = self.data.get(self.pos)?;
        match b {
            b'/' => {
                self.pos += 1;
                Some(Obj::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                Some(Obj::Str(self.literal()))
            }
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                if depth >= MAX_DEPTH {
                    return Some(Obj::Null);
                }
                Some(Obj::Dict(self.dict_body(depth + 1)))
            }
            b'<' => {
                self.pos += 1;
                Some(Obj::Str(self.hex()))
            }
            b'>' if self.data.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Some(Obj::Op(b">>".to_vec()))
            }
            b'[' => {
                self.pos += 1;
                if depth >= MAX_DEPTH {
                    return Some(Obj::Null);
                }
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.data.get(self.pos) {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        Some(_) => match self.object(depth + 1) {
                            Some(Obj::Op(op)) if op == b">>" => break,
                            Some(item) => items.push(item),
                            None => break,
                        },
                    }
                }
                Some(Obj::Array(items))
            }
            b')' | b'>' | b']' | b'{' | b'}' => {
                self.pos += 1;
                Some(Obj::Op(vec![b]))
            }
            _ => {
                let token = self.token();
                Some(self.keyword_or_number(token))
            }
        }
    }

    fn keyword_or_number(&mut self, token: &'a [u8]) -> Obj {
        match token {
            b"true" => return Obj::Bool(true),
            b"false" => return Obj::Bool(false),
            b"null" => return Obj::Null,
            _ => {}
        }
        if !token
            .first()
            .is_some_and(|&c| c.is_ascii_digit() || matches!(c, b'+' | b'-' | b'.'))
        {
            return Obj::Op(token.to_vec());
        }
        let number = number(token);
        if let (true, Obj::Int(n @ 0..=0x7FFF_FFFF)) = (self.refs, &number) {
            // `N G R`: look ahead two tokens, and step back if they are not a generation and `R`.
            let save = self.pos;
            self.skip_white();
            let generation = self.token();
            if !generation.is_empty() && generation.iter().all(u8::is_ascii_digit) {
                self.skip_white();
                if self.token() == b"R" {
                    return Obj::Ref(*n as u32);
                }
            }
            self.pos = save;
        }
        number
    }

    fn name(&mut self) -> Vec<u8> {
        let mut name = Vec::new();
        while let Some(&b) = self.data.get(self.pos).filter(|&&b| is_regular(b)) {
            self.pos += 1;
            if b == b'#' {
                if let Some(v) = self.data.get(self.pos..self.pos + 2).and_then(hex_pair) {
                    name.push(v);
                    self.pos += 2;
                    continue;
                }
            }
            name.push(b);
        }
        name
    }

    /// A literal string after its `(`: balanced parentheses, backslash escapes.
    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut nesting = 0usize;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    nesting += 1;
                    out.push(b);
                }
                b')' if nesting == 0 => break,
                b')' => {
                    nesting -= 1;
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    /// A hexadecimal string after its `<`; an odd last digit is followed by 0.
    fn hex(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let Some(v) = hex_digit(b) else { continue };
            match high.take() {
                Some(h) => out.push(h << 4 | v),
                None => high = Some(v),
            }
        }
        if let Some(h) = high {
            out.push(h << 4);
        }
        out
    }

    /// A dictionary's entries after its `<<`, up to and past `>>`.
    fn dict_body(&mut self, depth: u32) -> Dict {
        let mut entries = Vec::new();
        while let Some(key) = self.object(depth) {
            match key {
                Obj::Name(key) => match self.object(depth) {
                    Some(Obj::Op(op)) if op == b">>" => break,
                    Some(value) => entries.push((key, value)),
                    None => break,
                },
                Obj::Op(op) if op == b">>" => break,
                _ => {}
            }
        }
        Dict(entries)
    }

    /// Skips an inline image's data after its `ID` operator, to just past the `EI` that ends it.
    pub fn skip_inline_image(&mut self) {
        self.pos += 1; // the single white-space byte after ID
        let rest = self.rest();
        let end = rest
            .windows(2)
            .enumerate()
            .position(|(i, w)| {
                w == b"EI"
                    && (i == 0 || is_white(rest[i - 1]))
                    && rest.get(i + 2).is_none_or(|&b| is_white(b) || is_delimiter(b))
            })
            .map_or(rest.len(), |i| i + 2);
        self.pos += end;
    }
}

/// A number token. Reals are summed digit by digit (PDF writes at most a few decimals, and core's exact float
/// parser would add its tables to the wasm build); a malformed number (`--5`, `1.2.3`) is its readable prefix.
fn number(token: &[u8]) -> Obj {
    let digits = token.iter().skip_while(|&&b| b == b'+' || b == b'-');
    let negative = token.first() == Some(&b'-');
    let (mut int, mut real, mut scale, mut dot, mut exact) = (0i64, 0f64, 1f64, false, true);
    for &b in digits {
        match b {
            b'0'..=b'9' => {
                let d = i64::from(b - b'0');
                if dot {
                    scale /= 10.0;
                    real += d as f64 * scale;
                } else {
                    real = real * 10.0 + d as f64;
                    match int.checked_mul(10).and_then(|i| i.checked_add(d)) {
                        Some(i) => int = i,
                        None => exact = false,
                    }
                }
            }
            b'.' if !dot => dot = true,
            _ => break,
        }
    }
    match (dot, exact) {
        (false, true) => Obj::Int(if negative { -int } else { int }),
        _ => Obj::Real(if negative { -real } else { real }),
    }
}

pub(crate) fn hex_digit(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

fn hex_pair(pair: &[u8]) -> Option<u8> {
    Some(hex_digit(pair[0])? << 4 | hex_digit(pair[1])?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &[u8]) -> Vec<Obj> {
        let mut lexer = Lexer::file(text, 0);
        std::iter::from_fn(|| lexer.object(0)).collect()
    }

    #[test]
    fn reads_every_kind_of_object() {
        let objects = all(b"<< /Type /Page /K [1 0 R 2.5 -.5 (a\\(b\\)c\\101) <48 65 6> /A#20B] /N null >> 7 0 obj");
        let Obj::Dict(d) = &objects[0] else {
            panic!("{objects:?}")
        };
        assert_eq!(d.get(b"Type"), Some(&Obj::Name(b"Page".to_vec())));
        assert_eq!(
            d.get(b"K"),
            Some(&Obj::Array(vec![
                Obj::Ref(1),
                Obj::Real(2.5),
                Obj::Real(-0.5),
                Obj::Str(b"a(b)cA".to_vec()),
                Obj::Str(b"He`".to_vec()),
                Obj::Name(b"A B".to_vec()),
            ]))
        );
        assert_eq!(d.get(b"N"), Some(&Obj::Null));
        assert_eq!(&objects[1..], &[Obj::Int(7), Obj::Int(0), Obj::Op(b"obj".to_vec())]);
    }

    #[test]
    fn hostile_syntax_ends() {
        let deep = [b"[".repeat(100_000), b"<<".repeat(100_000), b"(((".to_vec()].concat();
        assert!(!all(&deep).is_empty());
        assert_eq!(
            all(b") ] } >"),
            vec![
                Obj::Op(b")".to_vec()),
                Obj::Op(b"]".to_vec()),
                Obj::Op(b"}".to_vec()),
                Obj::Op(b">".to_vec())
            ]
        );
        let numbers = all(b"--5 1.2.3 -.25 99999999999999999999");
        assert_eq!(numbers[..3], [Obj::Int(-5), Obj::Real(1.2), Obj::Real(-0.25)]);
        assert!(
            matches!(numbers[3], Obj::Real(r) if (r / 1e20 - 1.0).abs() < 1e-9),
            "{numbers:?}"
        );
    }

    #[test]
    fn inline_image_data_is_skipped() {
        let mut lexer = Lexer::content(b"ID \x00EI\x01 binary EI Q");
        lexer.pos = 2;
        lexer.skip_inline_image();
        assert_eq!(lexer.object(0), Some(Obj::Op(b"Q".to_vec())));
    }
}
