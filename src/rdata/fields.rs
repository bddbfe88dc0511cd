//! [`Fields`]: a cursor over one record's RDATA, for the decoders of the
//! types checked when their view is asked for. Every read is bounded by
//! the RDATA; running past it is [`Error::RdataLength`].

use core::ops::Range;

use crate::error::{Error, Result};
use crate::name::{Name, MAX_NAME_LEN};

pub(crate) struct Fields<'a> {
    message: &'a [u8],
    pos: usize,
    end: usize,
}

impl<'a> Fields<'a> {
    #[inline(always)]
    pub(crate) fn new(message: &'a [u8], rdata: Range<usize>) -> Self {
        let end = rdata.end.min(message.len());
        Fields { message, pos: rdata.start.min(end), end }
    }

    #[inline(always)]
    pub(crate) fn bytes(&mut self, len: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(len).filter(|&end| end <= self.end).ok_or(Error::RdataLength)?;
        let bytes = &self.message[self.pos..end];
        self.pos = end;
        Ok(bytes)
    }

    #[inline(always)]
    pub(crate) fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0; N];
        out.copy_from_slice(self.bytes(N)?);
        Ok(out)
    }

    #[inline(always)]
    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.array::<1>()?[0])
    }

    #[inline(always)]
    pub(crate) fn u16(&mut self) -> Result<u16> {
        Ok(u16::from_be_bytes(self.array()?))
    }

    #[inline(always)]
    pub(crate) fn u32(&mut self) -> Result<u32> {
        Ok(u32::from_be_bytes(self.array()?))
    }

    /// A 48-bit unsigned number (TSIG's time signed).
    pub(crate) fn u48(&mut self) -> Result<u64> {
        let b: [u8; 6] = self.array()?;
        Ok(u64::from_be_bytes([0, 0, b[0], b[1], b[2], b[3], b[4], b[5]]))
    }

    /// Bytes preceded by their length in one byte (a character-string).
    #[inline(always)]
    pub(crate) fn string(&mut self) -> Result<&'a [u8]> {
        let len = self.u8()?;
        self.bytes(usize::from(len))
    }

    /// Bytes preceded by their length in two bytes.
    pub(crate) fn u16_prefixed(&mut self) -> Result<&'a [u8]> {
        let len = self.u16()?;
        self.bytes(usize::from(len))
    }

    /// Everything left.
    #[inline(always)]
    pub(crate) fn rest(&mut self) -> &'a [u8] {
        let rest = &self.message[self.pos..self.end];
        self.pos = self.end;
        rest
    }

    /// A name that must not be compressed: its labels, up to the root,
    /// inside the RDATA, with no pointer.
    #[inline(always)]
    pub(crate) fn uncompressed_name(&mut self) -> Result<Name<'a>> {
        let start = self.pos;
        let bytes = &self.message[start..self.end];
        let mut at = 0;
        // A name has at most 128 labels (the root included): a bounded walk.
        for _ in 0..=MAX_NAME_LEN / 2 {
            let len = *bytes.get(at).ok_or(Error::RdataLength)?;
            if len == 0 {
                self.pos = start + at + 1;
                return Ok(Name::new_checked(self.message, start));
            }
            match len & 0xc0 {
                0xc0 => return Err(Error::CompressedName),
                0x40 | 0x80 => return Err(Error::ReservedLabelType),
                _ => {}
            }
            at += 1 + usize::from(len);
            if at >= MAX_NAME_LEN {
                return Err(Error::NameTooLong);
            }
        }
        Err(Error::NameTooLong)
    }

    /// RDATA must end here.
    pub(crate) fn done(&self) -> Result<()> {
        if self.pos != self.end {
            return Err(Error::RdataLength);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_must_be_whole_and_uncompressed() {
        let wire = b"\x01a\x00\x01b\xc0\x00\x01c";
        assert_eq!(Fields::new(wire, 0..3).uncompressed_name().unwrap().to_string(), "a.");
        assert_eq!(Fields::new(wire, 3..7).uncompressed_name(), Err(Error::CompressedName));
        assert_eq!(Fields::new(wire, 7..9).uncompressed_name(), Err(Error::RdataLength));
        assert_eq!(Fields::new(b"\x41a\x00", 0..3).uncompressed_name(), Err(Error::ReservedLabelType));
        let mut long = Vec::new();
        for _ in 0..5 {
            long.push(63);
            long.extend_from_slice(&[b'x'; 63]);
        }
        long.push(0);
        let len = long.len();
        assert_eq!(Fields::new(&long, 0..len).uncompressed_name(), Err(Error::NameTooLong));
    }

    #[test]
    fn reads_stop_at_the_rdata_end() {
        let bytes = [1, 2, 3, 4, 5];
        let mut fields = Fields::new(&bytes, 1..4);
        assert_eq!(fields.u16(), Ok(0x0203));
        assert_eq!(fields.u16(), Err(Error::RdataLength));
        assert_eq!(fields.u8(), Ok(4));
        assert!(fields.done().is_ok());
        assert_eq!(Fields::new(&bytes, 0..5).bytes(usize::MAX), Err(Error::RdataLength));
    }
}
