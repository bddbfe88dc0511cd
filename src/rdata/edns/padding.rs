//! PADDING: bytes that hide a message's length from an eavesdropper on an
//! encrypted transport ([RFC 7830](https://www.rfc-editor.org/rfc/rfc7830)),
//! in the sizes [RFC 8467](https://www.rfc-editor.org/rfc/rfc8467) recommends.
//!
//! # Wire format
//! ```text
//! OPTION-CODE     12
//! PADDING         any number of bytes, which "SHOULD be set to 0x00"
//! ```
//! RFC 7830 §4 has receivers accept padding of any value, so
//! [`Padding::parse`] keeps only the length; [`Padding`] writes zeros.

use core::fmt;

use super::{ComposeOption, OptionCode};
use crate::error::{Error, Result};

/// A padding option ([RFC 7830](https://www.rfc-editor.org/rfc/rfc7830)), option
/// code 12: that many bytes, zeros when written, any value accepted; with
/// the block sizes of [RFC 8467 §4.1](https://www.rfc-editor.org/rfc/rfc8467#section-4.1).
///
/// ```
/// use dnswire::{EdnsOption, EdnsOptionData, OptionCode, Padding};
///
/// // A response of 90 bytes, its OPT record included, padded to a block
/// // of 468 (RFC 8467 §4.1): 374 bytes, BIND's answer with
/// // `response-padding { any; } block-size 468;`.
/// let padding = Padding::for_block(90, Padding::RESPONSE_BLOCK);
/// assert_eq!(padding.len, 374);
/// assert_eq!(90 + 4 + usize::from(padding.len), 468);
/// assert_eq!(padding.to_string(), "; PAD: (374 bytes)");
///
/// let option = EdnsOption { code: OptionCode::PADDING, data: &[0; 3] };
/// assert_eq!(option.decode()?, EdnsOptionData::Padding(Padding::new(3)));
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Padding {
    /// How many bytes of padding, 0 to 65 535.
    pub len: u16,
}

impl Padding {
    /// The block RFC 8467 §4.1 recommends a client pad its queries to.
    pub const QUERY_BLOCK: u16 = 128;
    /// The block RFC 8467 §4.1 recommends a server pad its responses to.
    pub const RESPONSE_BLOCK: u16 = 468;

    /// `len` bytes of zeros.
    pub const fn new(len: u16) -> Self {
        Padding { len }
    }

    /// The padding that brings a message of `message_len` bytes to a
    /// multiple of `block` bytes (RFC 8467 §4.1, "Block-Length Padding"):
    /// `message_len` counts the whole message as it is without this option,
    /// its OPT record included; the padding option's own 4-byte code and
    /// length count toward the block. A `block` of 0 or 1 gives no padding.
    ///
    /// It may take the message past a size limit (the client's UDP payload
    /// size, RFC 8467 §4.1's "maximum"): check, and pad less or not at all.
    pub const fn for_block(message_len: usize, block: u16) -> Self {
        let block = block as usize;
        if block == 0 {
            return Padding { len: 0 };
        }
        let with_header = message_len % block + 4;
        // Below `block`, so it fits a u16.
        Padding { len: ((block - with_header % block) % block) as u16 }
    }

    /// Reads a padding option's data: any bytes, of any value.
    ///
    /// # Errors
    /// [`Error::BadOption`] if `data` is longer than an option can be.
    pub fn parse(data: &[u8]) -> Result<Self> {
        let len = u16::try_from(data.len()).map_err(|_| Error::BadOption)?;
        Ok(Padding { len })
    }
}

impl fmt::Display for Padding {
    /// As dig prints it: `; PAD: (<n> bytes)` (`1 bytes` too), `; PAD:`
    /// when empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("; PAD:")?;
        if self.len > 0 {
            write!(f, " ({} bytes)", self.len)?;
        }
        Ok(())
    }
}

impl ComposeOption for Padding {
    fn code(&self) -> OptionCode {
        OptionCode::PADDING
    }

    fn data_len(&self) -> usize {
        usize::from(self.len)
    }

    fn write_data(&self, out: &mut [u8]) {
        out.fill(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pads_to_rfc_8467_blocks() {
        // RFC 8467 §4.1: queries to a multiple of 128, responses of 468.
        // The padding option's 4 bytes of header count toward the block.
        for (message, block, padding) in [
            (50, 128, 74),   // 50 + 4 + 74 = 128
            (124, 128, 0),   // the header alone fills the block
            (125, 128, 127), // one byte over: the next block
            (128, 128, 124), // a full block still takes the option: 256
            (90, 468, 374),  // BIND 9.18's padded answer (tests/data/edns/)
            (464, 468, 0),
            (470, 468, 462), // 470 + 4 + 462 = 936
            (1000, 1, 0),
            (1000, 0, 0),
        ] {
            let pad = Padding::for_block(message, block);
            assert_eq!(pad.len, padding, "{message} to {block}");
            if block > 1 && message < 100_000 {
                assert_eq!((message + 4 + usize::from(pad.len)) % usize::from(block), 0);
            }
        }
        // No overflow near the top of usize.
        let top = Padding::for_block(usize::MAX, 468);
        assert_eq!((usize::MAX % 468 + 4 + usize::from(top.len)) % 468, 0);
        assert_eq!(Padding::for_block(0, u16::MAX).len, u16::MAX - 4);
        assert_eq!(Padding::for_block(u16::MAX as usize - 4, u16::MAX).len, 0);
    }

    #[test]
    fn prints_as_dig() {
        // dig 9.18's lines for crafted options and BIND's answer.
        assert_eq!(Padding::new(0).to_string(), "; PAD:");
        assert_eq!(Padding::new(1).to_string(), "; PAD: (1 bytes)");
        assert_eq!(Padding::new(374).to_string(), "; PAD: (374 bytes)");
    }

    #[test]
    fn accepts_any_contents_and_writes_zeros() {
        // RFC 7830 §4: "PADDING octets of any value MUST be accepted".
        assert_eq!(Padding::parse(b"abc"), Ok(Padding::new(3)));
        let mut out = [0xff; 3];
        Padding::new(3).write_data(&mut out);
        assert_eq!(out, [0; 3]);
        assert_eq!(Padding::parse(&[0; 65_536]), Err(Error::BadOption));
    }
}
