//! Deflate decompression for every reader in the crate (`.docx` parts, PDF streams, share links), through one
//! function so that the wasm build carries one copy of the decompressor. Never writes more than its limit; linear
//! in its input and output.

use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;

/// Why data did not inflate whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum InflateError {
    /// The output would pass the limit.
    TooLarge,
    /// The data is damaged or cut off; what came before the damage.
    Damaged(Vec<u8>),
}

/// Inflates `data`, raw deflate or (`zlib`) with a zlib header and checksum, to at most `limit` bytes.
pub(crate) fn inflate(data: &[u8], zlib: bool, limit: usize) -> Result<Vec<u8>, InflateError> {
    // "More input may follow" makes the decompressor hand over what it has when the data runs out.
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF
        | inflate_flags::TINFL_FLAG_HAS_MORE_INPUT
        | if zlib {
            inflate_flags::TINFL_FLAG_PARSE_ZLIB_HEADER
        } else {
            0
        };
    let mut state = Box::<DecompressorOxide>::default();
    let mut out = vec![0; data.len().saturating_mul(4).max(64).min(limit)];
    let (mut input, mut at) = (data, 0);
    loop {
        let (status, read, written) = decompress(&mut state, input, &mut out, at, flags);
        at += written;
        input = input.get(read..).unwrap_or(&[]);
        match status {
            TINFLStatus::Done => {
                out.truncate(at);
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput => {
                if out.len() >= limit {
                    return Err(InflateError::TooLarge);
                }
                let grown = out.len().saturating_mul(2).clamp(64, limit);
                out.resize(grown, 0);
            }
            TINFLStatus::NeedsMoreInput if !input.is_empty() => {}
            _ => {
                out.truncate(at);
                return Err(InflateError::Damaged(out));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_cut_and_oversized_data() {
        let text: String = (0..3000).map(|i| format!("Rain fell in Genoa on day {i}. ")).collect();
        let raw = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6);
        let zlib = miniz_oxide::deflate::compress_to_vec_zlib(text.as_bytes(), 6);
        assert_eq!(inflate(&raw, false, 1 << 20).as_deref(), Ok(text.as_bytes()));
        assert_eq!(inflate(&zlib, true, 1 << 20).as_deref(), Ok(text.as_bytes()));
        assert_eq!(inflate(&zlib, true, 1000), Err(InflateError::TooLarge));
        assert_eq!(inflate(&zlib, true, 0), Err(InflateError::TooLarge));
        match inflate(&zlib[..zlib.len() / 2], true, 1 << 20) {
            Err(InflateError::Damaged(part)) => assert!(part.len() > 1000 && text.as_bytes().starts_with(&part)),
            other => panic!("{other:?}"),
        }
        assert!(matches!(
            inflate(b"\xff\xff\xff", false, 100),
            Err(InflateError::Damaged(_))
        ));
    }
}
