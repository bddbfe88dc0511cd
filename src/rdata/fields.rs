//! [`Fields`]: a cursor over one record's RDATA, for the decoders of the
//! types checked when their view is asked for. Every read is bounded by
//! the RDATA; running past it is [`Error::RdataLength`].

use core::ops::Range;

use crate::error::{Error, Result};
use crate::name::{Name, MAX_NAME_LEN};

/// Where the in-place bytes of the name at `start` end, the name inside
/// `message[..end]`: walked in place while it has no pointer (the usual
/// case, inline), checked as every name is when it has one.
#[inline(always)]
pub(crate) fn whole_name_end(message: &[u8], start: usize, end: usize) -> Result<usize> {
    let bytes = message.get(start..end).ok_or(Error::RdataLength)?;
    let mut at = 0;
    // Every step moves forward and leaving the RDATA stops the walk.
    loop {
        let len = *bytes.get(at).ok_or(Error::RdataLength)?;
        if len == 0 {
            break;
        }
        if len >= 0x40 {
            return compressed_name_end(message, start, end);
        }
        at += 1 + usize::from(len);
    }
    if at >= MAX_NAME_LEN {
        return Err(Error::NameTooLong);
    }
    Ok(start + at + 1)
}

/// [`whole_name_end`] for a name with a pointer (or a bad label type).
#[cold]
fn compressed_name_end(message: &[u8], start: usize, end: usize) -> Result<usize> {
    let after = crate::name::check_name(message, start).map_err(|error| match error {
        Error::Truncated => Error::RdataLength,
        other => other,
    })?;
    if after > end {
        return Err(Error::RdataLength);
    }
    Ok(after)
}

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

    /// A name that should not be compressed (RRSIG's signer, SVCB's
    /// target…): its labels, up to the root, inside the RDATA. A sender
    /// that compressed it anyway is followed, as BIND follows it, with the
    /// checks every name gets; the view then writes it whole.
    #[inline(always)]
    pub(crate) fn name(&mut self) -> Result<Name<'a>> {
        let start = self.pos;
        let end = whole_name_end(self.message, start, self.end)?;
        self.pos = end;
        Ok(Name::new_checked(self.message, start))
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
    fn names_are_whole_or_followed_through_pointers() {
        let wire = b"\x01a\x00\x01b\xc0\x00\x01c\xc0\x08";
        assert_eq!(Fields::new(wire, 0..3).name().unwrap().to_string(), "a.");
        // A pointer back to "a.": followed, the view is "b.a.".
        assert_eq!(Fields::new(wire, 3..7).name().unwrap().to_string(), "b.a.");
        assert_eq!(Fields::new(wire, 7..9).name(), Err(Error::RdataLength));
        // A pointer to itself.
        assert_eq!(Fields::new(wire, 7..11).name(), Err(Error::BadPointer));
        assert_eq!(Fields::new(b"\x41a\x00", 0..3).name(), Err(Error::ReservedLabelType));
        let mut long = Vec::new();
        for _ in 0..5 {
            long.push(63);
            long.extend_from_slice(&[b'x'; 63]);
        }
        long.push(0);
        let len = long.len();
        assert_eq!(Fields::new(&long, 0..len).name(), Err(Error::NameTooLong));
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
