//! DNS over TCP framing (RFC 1035 §4.2.2, RFC 7766 §8): each message is
//! preceded by its length as a big-endian `u16`. No std needed.
//!
//! ```
//! use dnswire::tcp;
//!
//! // Sending: a prefix, then the message.
//! let message = [0u8; 12];
//! let mut frame = [0u8; 64];
//! let n = tcp::write_frame(&message, &mut frame)?;
//! assert_eq!(&frame[..2], &[0, 12]);
//!
//! // Receiving: bytes arrive in pieces; a frame is complete when all are in.
//! assert_eq!(tcp::split_frame(&frame[..5]), None);
//! let (received, rest) = tcp::split_frame(&frame[..n]).unwrap();
//! assert_eq!(received, &message[..]);
//! assert!(rest.is_empty());
//! # Ok::<(), dnswire::Error>(())
//! ```

use crate::error::{Error, Result};
use crate::wire::message::MAX_MESSAGE_LEN;

/// Length of the prefix.
pub const PREFIX_LEN: usize = 2;

/// The prefix for a message of `len` bytes.
///
/// # Errors
/// [`Error::MessageTooLong`] over 65 535 bytes.
pub fn prefix(len: usize) -> Result<[u8; PREFIX_LEN]> {
    u16::try_from(len).map(u16::to_be_bytes).map_err(|_| Error::MessageTooLong)
}

/// The message length a prefix announces.
pub fn frame_len(prefix: [u8; PREFIX_LEN]) -> usize {
    usize::from(u16::from_be_bytes(prefix))
}

/// Writes the prefix and `message` into `out`; returns the bytes written.
///
/// # Errors
/// [`Error::MessageTooLong`]; [`Error::BufferTooSmall`].
pub fn write_frame(message: &[u8], out: &mut [u8]) -> Result<usize> {
    let head = prefix(message.len())?;
    let total = PREFIX_LEN + message.len();
    let slot = out.get_mut(..total).ok_or(Error::BufferTooSmall)?;
    slot[..PREFIX_LEN].copy_from_slice(&head);
    slot[PREFIX_LEN..].copy_from_slice(message);
    Ok(total)
}

/// Splits the first whole frame off a stream buffer: `Some((message, rest))`,
/// or `None` if more bytes are needed. Never reads past `stream`.
pub fn split_frame(stream: &[u8]) -> Option<(&[u8], &[u8])> {
    let head = stream.get(..PREFIX_LEN)?;
    let len = frame_len([head[0], head[1]]);
    let body = stream.get(PREFIX_LEN..)?;
    if body.len() < len {
        return None;
    }
    Some(body.split_at(len))
}

/// How many more bytes a stream buffer needs before [`split_frame`] can
/// return a frame: at least 1 while the prefix is incomplete, 0 when ready.
pub fn bytes_needed(stream: &[u8]) -> usize {
    match stream.get(..PREFIX_LEN) {
        None => PREFIX_LEN - stream.len(),
        Some(head) => (PREFIX_LEN + frame_len([head[0], head[1]])).saturating_sub(stream.len()),
    }
}

const _: () = assert!(MAX_MESSAGE_LEN == u16::MAX as usize);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_in_both_directions() {
        assert_eq!(prefix(0x1234), Ok([0x12, 0x34]));
        assert_eq!(prefix(65_536), Err(Error::MessageTooLong));
        assert_eq!(frame_len([0x01, 0x00]), 256);
        let mut out = [0u8; 4];
        assert_eq!(write_frame(b"abc", &mut out), Err(Error::BufferTooSmall));
        assert_eq!(write_frame(b"ab", &mut out), Ok(4));
        assert_eq!(out, [0, 2, b'a', b'b']);
    }

    #[test]
    fn splits_a_stream_byte_by_byte() {
        let stream = b"\x00\x03abc\x00\x01z\x00";
        for cut in 0..5 {
            assert_eq!(split_frame(&stream[..cut]), None);
            assert!(bytes_needed(&stream[..cut]) > 0);
        }
        assert_eq!(bytes_needed(&stream[..5]), 0);
        let (first, rest) = split_frame(stream).unwrap();
        assert_eq!(first, b"abc");
        let (second, rest) = split_frame(rest).unwrap();
        assert_eq!(second, b"z");
        assert_eq!(split_frame(rest), None);
        assert_eq!(bytes_needed(rest), 1);
    }
}
