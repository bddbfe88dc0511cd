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

/// An incremental TCP framer over a buffer of yours (no std, no
/// allocation): push bytes as they arrive, pop whole messages. A buffer of
/// [`FRAME_BUFFER_LEN`] bytes takes any message; a smaller one refuses
/// the frames that cannot fit ([`Error::MessageTooLong`]).
///
/// ```
/// use dnswire::tcp::FrameReader;
///
/// let mut reader = FrameReader::new([0u8; 64]);
/// assert_eq!(reader.push(b"\x00\x03ab"), 4);
/// assert_eq!(reader.next_frame()?, None); // one byte to come
/// reader.push(b"c\x00\x01z");
/// assert_eq!(reader.next_frame()?, Some(&b"abc"[..]));
/// assert_eq!(reader.next_frame()?, Some(&b"z"[..]));
/// assert_eq!(reader.next_frame()?, None);
/// assert!(reader.is_empty());
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct FrameReader<B> {
    buffer: B,
    /// Where the bytes not yet popped start and end.
    start: usize,
    end: usize,
}

/// The buffer a [`FrameReader`] needs for any message: the prefix and 65 535 bytes.
pub const FRAME_BUFFER_LEN: usize = PREFIX_LEN + MAX_MESSAGE_LEN;

impl<B: AsRef<[u8]> + AsMut<[u8]>> FrameReader<B> {
    /// A framer with nothing received, over `buffer`.
    pub fn new(buffer: B) -> Self {
        FrameReader { buffer, start: 0, end: 0 }
    }

    /// Moves what is not yet popped to the buffer's start.
    fn compact(&mut self) {
        if self.start > 0 {
            self.buffer.as_mut().copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
        }
    }

    /// The free room to read bytes into (from a socket, say); then say how
    /// many came with [`FrameReader::filled`]. Empty when the buffer is
    /// full: pop frames first.
    pub fn space(&mut self) -> &mut [u8] {
        self.compact();
        let end = self.end;
        self.buffer.as_mut().get_mut(end..).unwrap_or(&mut [])
    }

    /// Counts `len` bytes written into [`FrameReader::space`] (at most its length).
    pub fn filled(&mut self, len: usize) {
        self.end = (self.end + len).min(self.buffer.as_ref().len());
    }

    /// Copies as much of `bytes` as fits; returns how much it took.
    pub fn push(&mut self, bytes: &[u8]) -> usize {
        let space = self.space();
        let taken = bytes.len().min(space.len());
        space[..taken].copy_from_slice(&bytes[..taken]);
        self.filled(taken);
        taken
    }

    /// The next whole message, if all its bytes are in.
    ///
    /// # Errors
    /// [`Error::MessageTooLong`] if the frame announced can never fit the
    /// buffer; the stream cannot go on.
    pub fn next_frame(&mut self) -> Result<Option<&[u8]>> {
        let Some(at) = self.frame_at()? else {
            return Ok(None);
        };
        self.start = at.end;
        Ok(Some(&self.buffer.as_ref()[at]))
    }

    /// Where the next whole message lies in the buffer, if all its bytes are in.
    fn frame_at(&self) -> Result<Option<core::ops::Range<usize>>> {
        let pending = &self.buffer.as_ref()[self.start..self.end];
        let Some(head) = pending.get(..PREFIX_LEN) else {
            return Ok(None);
        };
        let len = frame_len([head[0], head[1]]);
        if PREFIX_LEN + len > self.buffer.as_ref().len() {
            return Err(Error::MessageTooLong);
        }
        if pending.len() < PREFIX_LEN + len {
            return Ok(None);
        }
        let at = self.start + PREFIX_LEN;
        Ok(Some(at..at + len))
    }

    /// The next whole message, left in place: a poll-style driver can hand
    /// out a view of it and drop it later with [`FrameReader::skip_frame`].
    ///
    /// ```
    /// use dnswire::tcp::FrameReader;
    ///
    /// let mut reader = FrameReader::new([0u8; 16]);
    /// reader.push(b"\x00\x02hi\x00\x01!");
    /// assert_eq!(reader.peek_frame()?, Some(&b"hi"[..]));
    /// assert_eq!(reader.peek_frame()?, Some(&b"hi"[..]));
    /// reader.skip_frame()?;
    /// assert_eq!(reader.peek_frame()?, Some(&b"!"[..]));
    /// reader.clear(); // a new connection
    /// assert!(reader.is_empty() && reader.peek_frame()?.is_none());
    /// # Ok::<(), dnswire::Error>(())
    /// ```
    ///
    /// # Errors
    /// As [`FrameReader::next_frame`].
    pub fn peek_frame(&self) -> Result<Option<&[u8]>> {
        Ok(self.frame_at()?.map(|at| &self.buffer.as_ref()[at]))
    }

    /// Drops the next whole message, if all its bytes are in; whether one was.
    ///
    /// # Errors
    /// As [`FrameReader::next_frame`].
    pub fn skip_frame(&mut self) -> Result<bool> {
        Ok(self.next_frame()?.is_some())
    }

    /// Forgets every byte: the buffer is ready for a new stream.
    pub fn clear(&mut self) {
        self.start = 0;
        self.end = 0;
    }

    /// Whether no byte is waiting: a stream may end here.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
}

/// Reads one framed message from `stream` into `buffer` (resized to it):
/// `Ok(false)` when the stream ended cleanly before a new frame.
///
/// # Errors
/// What reading reports; [`std::io::ErrorKind::UnexpectedEof`] if the
/// stream ends inside a frame.
#[cfg(feature = "std")]
pub fn read_message(stream: &mut impl std::io::Read, buffer: &mut std::vec::Vec<u8>) -> std::io::Result<bool> {
    let mut head = [0u8; PREFIX_LEN];
    let mut got = 0;
    while got < PREFIX_LEN {
        match stream.read(&mut head[got..]) {
            Ok(0) if got == 0 => return Ok(false),
            Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            Ok(n) => got += n,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(error),
        }
    }
    buffer.resize(frame_len(head), 0);
    stream.read_exact(buffer)?;
    Ok(true)
}

/// Writes `message` to `stream` with its prefix, in one write.
///
/// # Errors
/// What writing reports; [`std::io::ErrorKind::InvalidInput`] over 65 535 bytes.
#[cfg(feature = "std")]
pub fn write_message(stream: &mut impl std::io::Write, message: &[u8]) -> std::io::Result<()> {
    let head = prefix(message.len()).map_err(|_| std::io::Error::from(std::io::ErrorKind::InvalidInput))?;
    let mut frame = std::vec::Vec::with_capacity(PREFIX_LEN + message.len());
    frame.extend_from_slice(&head);
    frame.extend_from_slice(message);
    stream.write_all(&frame)
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
    fn the_framer_takes_bytes_one_at_a_time() {
        let stream = b"\x00\x03abc\x00\x00\x00\x01z";
        let mut reader = FrameReader::new([0u8; 8]);
        let mut frames: [([u8; 3], usize); 3] = [([0; 3], 0); 3];
        let mut count = 0;
        for &byte in stream {
            assert_eq!(reader.push(&[byte]), 1);
            while let Some(frame) = reader.next_frame().unwrap() {
                frames[count].0[..frame.len()].copy_from_slice(frame);
                frames[count].1 = frame.len();
                count += 1;
            }
        }
        assert_eq!(count, 3);
        assert_eq!(&frames[0].0[..frames[0].1], b"abc");
        assert_eq!(frames[1].1, 0);
        assert_eq!(&frames[2].0[..frames[2].1], b"z");
        assert!(reader.is_empty());
        // A frame the buffer can never hold.
        let mut reader = FrameReader::new([0u8; 8]);
        reader.push(b"\x00\x07");
        assert_eq!(reader.next_frame(), Err(Error::MessageTooLong));
    }

    #[cfg(feature = "std")]
    #[test]
    fn reads_and_writes_framed_messages_over_io() {
        let mut wire = std::vec::Vec::new();
        write_message(&mut wire, b"abc").unwrap();
        write_message(&mut wire, b"").unwrap();
        assert_eq!(wire, b"\x00\x03abc\x00\x00");
        let mut stream = std::io::Cursor::new(&wire[..]);
        let mut buffer = std::vec::Vec::new();
        assert!(read_message(&mut stream, &mut buffer).unwrap());
        assert_eq!(buffer, b"abc");
        assert!(read_message(&mut stream, &mut buffer).unwrap());
        assert!(buffer.is_empty());
        assert!(!read_message(&mut stream, &mut buffer).unwrap());
        // Cut inside a frame.
        let mut cut = std::io::Cursor::new(&wire[..3]);
        let error = read_message(&mut cut, &mut buffer).unwrap_err();
        assert_eq!(error.kind(), std::io::ErrorKind::UnexpectedEof);
        assert!(write_message(&mut wire, &[0; 65_536]).is_err());
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
