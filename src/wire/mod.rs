//! The message format: header, sections, the builder and TCP framing.
//!
//! Big-endian readers live here. They serve code that reads bytes an
//! earlier check already proved present, and return 0 instead of panicking if
//! that proof were ever wrong.

pub(crate) mod builder;
pub(crate) mod dig;
pub(crate) mod header;
pub(crate) mod message;
pub(crate) mod reader;
pub mod tcp;

/// Reads a big-endian `u16` at `at` that a check already proved present.
#[inline]
pub(crate) fn peek_u16(bytes: &[u8], at: usize) -> u16 {
    match bytes.get(at..at + 2) {
        Some(&[hi, lo]) => u16::from_be_bytes([hi, lo]),
        _ => 0,
    }
}

/// Reads a big-endian `u32` at `at` that a check already proved present.
#[inline]
pub(crate) fn peek_u32(bytes: &[u8], at: usize) -> u32 {
    match bytes.get(at..at + 4) {
        Some(&[a, b, c, d]) => u32::from_be_bytes([a, b, c, d]),
        _ => 0,
    }
}

/// The slice `range` of `bytes` that a check already proved present (empty
/// if that proof were ever wrong).
#[inline]
pub(crate) fn peek_slice(bytes: &[u8], range: core::ops::Range<usize>) -> &[u8] {
    bytes.get(range).unwrap_or(&[])
}
