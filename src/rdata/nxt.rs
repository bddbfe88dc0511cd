//! NXT: the next name, DNSSEC's first form ([RFC 2535 §5](https://www.rfc-editor.org/rfc/rfc2535#section-5), obsolete).
//!
//! # Wire format
//! ```text
//! NEXT DOMAIN NAME  domain name, compressible when read (RFC 3597 §4)
//! TYPE BIT MAP      up to 16 bytes; bit n (most significant first) is type n,
//!                   bit 0 clear, no trailing zero byte
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::name::{skip_name, CheckedSuffixes, Name, ToName};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{check_rdata_name, ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A next-domain record of RFC 2535, NSEC's predecessor.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Nxt, Rtype};
///
/// let nxt = Nxt { next: "b.example.", bitmap: &[0x40, 0x01][..] }; // A, MX
/// let mut buf = [0u8; 128];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("a.example.", Class::IN, 300, &nxt)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "b.example. A MX");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Nxt<'a, N> {
    /// The next name in canonical order.
    pub next: N,
    /// The bitmap in wire form: bit `n` is type `n`.
    pub bitmap: &'a [u8],
}

impl<N> Nxt<'_, N> {
    /// The types in the bitmap, in increasing order.
    pub fn types(&self) -> impl Iterator<Item = Rtype> + '_ {
        (0..self.bitmap.len() * 8)
            .filter(|&bit| self.bitmap[bit / 8] & (0x80 >> (bit % 8)) != 0)
            .map(|bit| Rtype(bit as u16))
    }
}

pub(crate) fn check(message: &[u8], rdata: Range<usize>, memo: &mut CheckedSuffixes) -> Result<()> {
    if rdata.is_empty() {
        return Err(Error::RdataLength);
    }
    let after = check_rdata_name(message, rdata.start, memo)?;
    if after > rdata.end || rdata.end - after > 16 {
        return Err(Error::RdataLength);
    }
    // As BIND reads it: bit 0 (type 0) clear, no trailing zero byte.
    match &message[after..rdata.end] {
        [first, ..] if first & 0x80 != 0 => Err(Error::BadBitmap),
        [.., 0] => Err(Error::BadBitmap),
        _ => Ok(()),
    }
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Nxt<'_, Name<'_>>> {
    let after = skip_name(message, rdata.start);
    Ok(Nxt {
        next: Name::new_checked(message, rdata.start),
        bitmap: crate::wire::peek_slice(message, after..rdata.end),
    })
}

impl<N: fmt::Display> fmt::Display for Nxt<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.next.fmt(f)?;
        // dig prints a type without a mnemonic as its number here.
        for rtype in self.types() {
            match rtype.mnemonic() {
                Some(name) => write!(f, " {name}")?,
                None => write!(f, " {}", rtype.0)?,
            }
        }
        Ok(())
    }
}

impl<N: ToName> ComposeRdata for Nxt<'_, N> {
    fn rtype(&self) -> Rtype {
        Rtype::NXT
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.uncompressed_name(&self.next)?;
        out.bytes(self.bitmap)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    s.write_name("NXT next name", out)?;
    let mut bitmap = [0u8; 16];
    let mut len = 0;
    while let Some(token) = s.next_token()? {
        let number = crate::rdata::scan::parse_decimal(token.raw).and_then(|n| u16::try_from(n).ok());
        let rtype = match number {
            Some(n) => Rtype(n),
            None => token.raw.parse().map_err(|_| s.error_at(&token, "NXT types", Error::UnknownType))?,
        };
        // RFC 2535 §5.2: this form holds types 1 to 127 only.
        if rtype.0 == 0 || rtype.0 > 127 {
            return Err(s.error_at(&token, "NXT types", Error::UnknownType));
        }
        let bit = usize::from(rtype.0);
        bitmap[bit / 8] |= 0x80 >> (bit % 8);
        len = len.max(bit / 8 + 1);
    }
    out.bytes(&bitmap[..len]).map_err(|e| s.error_here("NXT types", e))
}

#[cfg(all(test, feature = "alloc"))]
mod tests {
    use crate::{Error, RecordBuf};

    #[test]
    fn bitmap_rules_as_bind_reads_them() {
        // Found by the parse_text fuzz target: bit 0 set printed as `0`,
        // which no parser reads back.
        let error = r"x. 0 NXT \# 6 00A010010203".parse::<RecordBuf>().unwrap_err();
        assert_eq!(error.error(), Error::BadBitmap);
        assert_eq!(r"x. 0 NXT \# 3 004000".parse::<RecordBuf>().unwrap_err().error(), Error::BadBitmap);
        let nxt: RecordBuf = r"x. 0 NXT \# 3 004001".parse().unwrap();
        assert_eq!(nxt.rdata().to_string(), ". A MX");
        assert_eq!(nxt, "x. 0 NXT . A 15".parse::<RecordBuf>().unwrap()); // MX by number
    }
}
