//! Stream filters (ISO 32000-1 §7.4): FlateDecode with PNG predictors, LZWDecode, ASCIIHexDecode, ASCII85Decode
//! and RunLengthDecode. Each is one pass over its input and never writes past `limit` output bytes (the caller's
//! share of the decompression budget), so a bomb costs at most the limit. Image codecs (DCT, JPX, CCITT, JBIG2)
//! are not text and are not decoded.

use super::syntax::{hex_digit, is_white, Dict, Obj};

/// Why a stream was not decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum FilterError {
    /// The output would pass the limit.
    TooLarge,
    /// A filter this reader does not implement (its name).
    Unsupported(String),
}

/// Applies the filters named in `dict` (`/Filter` with `/DecodeParms`) to `data`, writing at most `limit` bytes.
/// Damaged compressed data gives what was decoded before the damage, as viewers show it.
pub(crate) fn decode(dict: &Dict, data: &[u8], limit: usize) -> Result<Vec<u8>, FilterError> {
    let names: Vec<&Obj> = match dict.get(b"Filter").or_else(|| dict.get(b"F")) {
        None => Vec::new(),
        Some(Obj::Array(a)) => a.iter().collect(),
        Some(one) => vec![one],
    };
    let params: Vec<Option<&Dict>> = match dict.get(b"DecodeParms").or_else(|| dict.get(b"DP")) {
        Some(Obj::Array(a)) => a.iter().map(Obj::dict).collect(),
        Some(one) => vec![one.dict()],
        None => Vec::new(),
    };
    if names.is_empty() {
        return if data.len() > limit {
            Err(FilterError::TooLarge)
        } else {
            Ok(data.to_vec())
        };
    }
    let mut current = std::borrow::Cow::Borrowed(data);
    for (i, name) in names.iter().enumerate() {
        let param = params.get(i).copied().flatten();
        let name = name.name().unwrap_or(b"");
        let next = match name {
            b"FlateDecode" | b"Fl" => predict(flate(&current, limit)?, param),
            b"LZWDecode" | b"LZW" => {
                let early = param.and_then(|p| p.get(b"EarlyChange")).and_then(Obj::int) != Some(0);
                predict(lzw(&current, early, limit)?, param)
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&current),
            b"ASCII85Decode" | b"A85" => ascii85(&current),
            b"RunLengthDecode" | b"RL" => run_length(&current, limit)?,
            other => return Err(FilterError::Unsupported(String::from_utf8_lossy(other).into_owned())),
        };
        if next.len() > limit {
            return Err(FilterError::TooLarge);
        }
        current = std::borrow::Cow::Owned(next);
    }
    Ok(current.into_owned())
}

/// zlib (or, lacking its header, raw deflate) data; the part before any damage (a cut stream, a bad checksum).
fn flate(data: &[u8], limit: usize) -> Result<Vec<u8>, FilterError> {
    let zlib = data.len() >= 2 && (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 == 0 && data[0] & 15 == 8;
    match crate::inflate::inflate(data, zlib, limit) {
        Ok(out) | Err(crate::inflate::InflateError::Damaged(out)) => Ok(out),
        Err(crate::inflate::InflateError::TooLarge) => Err(FilterError::TooLarge),
    }
}

/// Undoes a PNG (10–15) predictor; other predictors (TIFF's 2, rare in text streams) are left as they are.
fn predict(data: Vec<u8>, params: Option<&Dict>) -> Vec<u8> {
    let Some(p) = params else { return data };
    let get = |key: &[u8], default: i64| p.get(key).and_then(Obj::int).unwrap_or(default);
    if get(b"Predictor", 1) < 10 {
        return data;
    }
    let colors = get(b"Colors", 1).clamp(1, 32) as usize;
    let bits = get(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = get(b"Columns", 1).clamp(1, 1 << 20) as usize;
    let bpp = (colors * bits).div_ceil(8).max(1);
    // A row longer than the data would only be padding: capped, so hostile parameters allocate nothing large.
    let row = (colors * bits * columns).div_ceil(8).min(data.len().max(1));
    let mut out = Vec::with_capacity(data.len());
    let mut previous = vec![0u8; row];
    for chunk in data.chunks(row + 1) {
        let (kind, bytes) = (chunk[0], &chunk[1..]);
        let mut current = bytes.to_vec();
        current.resize(row, 0);
        for i in 0..row {
            let left = if i >= bpp { current[i - bpp] } else { 0 };
            let up = previous[i];
            let up_left = if i >= bpp { previous[i - bpp] } else { 0 };
            let add = match kind {
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => 0,
            };
            current[i] = current[i].wrapping_add(add);
        }
        out.extend_from_slice(&current[..bytes.len().min(row)]);
        previous = current;
    }
    out
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

/// LZW as in TIFF and PDF: 9–12-bit codes, 256 clears, 257 ends; `early` is PDF's default EarlyChange 1.
fn lzw(data: &[u8], early: bool, limit: usize) -> Result<Vec<u8>, FilterError> {
    // The table as (previous entry, last byte, length), so no entry is a copied string.
    let mut table: Vec<(u16, u8, u32)> = (0..=255u8).map(|b| (u16::MAX, b, 1)).collect();
    table.extend([(u16::MAX, 0, 0), (u16::MAX, 0, 0)]);
    let (mut out, mut width, mut previous): (Vec<u8>, u32, Option<u16>) = (Vec::new(), 9, None);
    let (mut buffer, mut count) = (0u32, 0u32);
    let mut entry = Vec::new();
    for &byte in data {
        buffer = buffer << 8 | u32::from(byte);
        count += 8;
        while count >= width {
            count -= width;
            let code = ((buffer >> count) & ((1 << width) - 1)) as u16;
            match code {
                256 => {
                    table.truncate(258);
                    width = 9;
                    previous = None;
                    continue;
                }
                257 => return Ok(out),
                _ => {}
            }
            let known = usize::from(code) < table.len();
            let Some(prev) = previous else {
                if !known {
                    return Ok(out);
                }
                expand(&table, code, &mut entry);
                out.extend_from_slice(&entry);
                previous = Some(code);
                continue;
            };
            if known {
                expand(&table, code, &mut entry);
            } else if usize::from(code) == table.len() {
                expand(&table, prev, &mut entry);
                let first = entry[0];
                entry.push(first);
            } else {
                return Ok(out);
            }
            if table.len() < 4096 {
                let length = table[usize::from(prev)].2 + 1;
                table.push((prev, entry[0], length));
            }
            out.extend_from_slice(&entry);
            if out.len() > limit {
                return Err(FilterError::TooLarge);
            }
            previous = Some(code);
            let next = table.len() + usize::from(early);
            width = match next {
                0..512 => 9,
                512..1024 => 10,
                1024..2048 => 11,
                _ => 12,
            };
        }
    }
    Ok(out)
}

/// The bytes of LZW table entry `code`, into `entry`. Entries are at most 4096 long.
fn expand(table: &[(u16, u8, u32)], code: u16, entry: &mut Vec<u8>) {
    entry.clear();
    let mut at = code;
    while let Some(&(prev, byte, _)) = table.get(usize::from(at)) {
        entry.push(byte);
        if entry.len() > 4096 {
            break;
        }
        at = prev;
    }
    entry.reverse();
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data
        .iter()
        .take_while(|&&b| b != b'>')
        .filter_map(|&b| hex_digit(b))
        .collect();
    digits
        .chunks(2)
        .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
        .collect()
}

fn ascii85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let (mut group, mut count) = (0u64, 0usize);
    let body = data.strip_prefix(b"<~").unwrap_or(data);
    for &b in body {
        match b {
            b'~' => break,
            b'z' if count == 0 => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group = group * 85 + u64::from(b - b'!');
                count += 1;
                if count == 5 {
                    out.extend_from_slice(&(group as u32).to_be_bytes());
                    (group, count) = (0, 0);
                }
            }
            _ if is_white(b) => {}
            _ => break,
        }
    }
    if count > 1 {
        for _ in count..5 {
            group = group * 85 + 84;
        }
        out.extend_from_slice(&(group as u32).to_be_bytes()[..count - 1]);
    }
    out
}

fn run_length(data: &[u8], limit: usize) -> Result<Vec<u8>, FilterError> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&n) = data.get(i) {
        match n {
            128 => break,
            0..128 => {
                let run = data.get(i + 1..i + 2 + usize::from(n)).unwrap_or(&data[i + 1..]);
                out.extend_from_slice(run);
                i += 2 + usize::from(n);
            }
            _ => {
                let Some(&byte) = data.get(i + 1) else { break };
                out.extend(std::iter::repeat_n(byte, 257 - usize::from(n)));
                i += 2;
            }
        }
        if out.len() > limit {
            return Err(FilterError::TooLarge);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(filter: &[u8]) -> Dict {
        Dict(vec![(b"Filter".to_vec(), Obj::Name(filter.to_vec()))])
    }

    #[test]
    fn decodes_the_text_filters() {
        let text = b"BT /F1 12 Tf (Hello) Tj ET";
        let zlib = miniz_oxide::deflate::compress_to_vec_zlib(text, 6);
        assert_eq!(decode(&dict(b"FlateDecode"), &zlib, 1000).unwrap(), text);
        assert_eq!(decode(&dict(b"AHx"), b"48 65 6C6c6\n>", 100).unwrap(), b"Hell`");
        assert_eq!(decode(&dict(b"A85"), b"<~87cURDZ~>", 100).unwrap(), b"Hello");
        assert_eq!(
            decode(&dict(b"RL"), &[2, b'a', b'b', b'c', 254, b'x', 128], 100).unwrap(),
            b"abcxxx"
        );
        // "-----A---B" in LZW, the example of ISO 32000-1 §7.4.4.2.
        let lzw = [0x80, 0x0B, 0x60, 0x50, 0x22, 0x0C, 0x0C, 0x85, 0x01];
        assert_eq!(decode(&dict(b"LZWDecode"), &lzw, 100).unwrap(), b"-----A---B");
        assert_eq!(
            decode(&dict(b"DCTDecode"), b"", 10),
            Err(FilterError::Unsupported("DCTDecode".into()))
        );
    }

    #[test]
    fn png_predictors_and_limits() {
        // Two rows of three bytes: "Up" adds the row above.
        let rows = [2u8, 1, 2, 3, 2, 1, 1, 1];
        let zlib = miniz_oxide::deflate::compress_to_vec_zlib(&rows, 6);
        let mut d = dict(b"FlateDecode");
        let parms = Dict(vec![
            (b"Predictor".to_vec(), Obj::Int(12)),
            (b"Columns".to_vec(), Obj::Int(3)),
        ]);
        d.0.push((b"DecodeParms".to_vec(), Obj::Dict(parms)));
        assert_eq!(decode(&d, &zlib, 100).unwrap(), [1, 2, 3, 2, 3, 4]);
        let bomb = miniz_oxide::deflate::compress_to_vec_zlib(&[0; 100_000], 9);
        assert_eq!(decode(&dict(b"Fl"), &bomb, 1000), Err(FilterError::TooLarge));
        // Damaged data: what came before the damage.
        let text: String = (0..3000).map(|i| format!("Rain fell in Genoa on day {i}. ")).collect();
        let mut cut = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 6);
        cut.truncate(cut.len() / 2);
        let part = decode(&dict(b"Fl"), &cut, 1 << 20).unwrap();
        assert!(
            part.len() > 1000 && text.as_bytes().starts_with(&part),
            "{}",
            part.len()
        );
    }
}
