//! NSEC3: hashed denial of existence ([RFC 5155 §3](https://www.rfc-editor.org/rfc/rfc5155#section-3)).
//!
//! # Wire format
//! ```text
//! HASH ALGORITHM  u8 (1 SHA-1)
//! FLAGS           u8 (1 opt-out)
//! ITERATIONS      u16
//! SALT            u8 length, then bytes; printed in hex, `-` when empty
//! NEXT HASHED     u8 length (at least 1), then bytes; printed in base32hex
//! TYPE BIT MAPS   the types at the owner (see TypeBitmap)
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::fields::Fields;
use crate::rdata::present::{base32hex, hex};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype, TypeBitmap};
use crate::wire::builder::RdataWriter;

/// A hashed next-secure record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Nsec3, TypeBitmap};
///
/// let nsec3 = Nsec3 {
///     hash_algorithm: 1, flags: 1, iterations: 0, salt: &[0xaa, 0xbb][..],
///     next_hashed: &[0x55; 20][..], types: TypeBitmap::from_wire(&[0, 1, 0x40])?,
/// };
/// let mut buf = [0u8; 96];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_authority("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.", Class::IN, 300, &nsec3)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.authority().next().unwrap().rdata().to_string(), "1 1 0 AABB ALALALALALALALALALALALALALALALAL A");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Nsec3<'a> {
    /// The hash algorithm (1: SHA-1).
    pub hash_algorithm: u8,
    /// Flags (1: opt-out).
    pub flags: u8,
    /// Extra hash iterations (RFC 9276 asks for 0).
    pub iterations: u16,
    /// The salt.
    pub salt: &'a [u8],
    /// The next hashed owner name, unencoded.
    pub next_hashed: &'a [u8],
    /// The types at the owner.
    pub types: TypeBitmap<'a>,
}

#[inline(always)]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Nsec3<'_>> {
    let mut fields = Fields::new(message, rdata);
    let hash_algorithm = fields.u8()?;
    let flags = fields.u8()?;
    let iterations = fields.u16()?;
    let salt = fields.string()?;
    let next_hashed = fields.string()?;
    if next_hashed.is_empty() {
        return Err(Error::RdataLength);
    }
    let types = TypeBitmap::from_wire(fields.rest())?;
    Ok(Nsec3 { hash_algorithm, flags, iterations, salt, next_hashed, types })
}

/// Writes a salt as dig does: hex, or `-` when empty.
pub(crate) fn write_salt(f: &mut fmt::Formatter<'_>, salt: &[u8]) -> fmt::Result {
    if salt.is_empty() {
        f.write_str("-")
    } else {
        hex(f, salt, false)
    }
}

impl fmt::Display for Nsec3<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} ", self.hash_algorithm, self.flags, self.iterations)?;
        write_salt(f, self.salt)?;
        f.write_str(" ")?;
        base32hex(f, self.next_hashed)?;
        if !self.types.is_empty() {
            write!(f, " {}", self.types)?;
        }
        Ok(())
    }
}

impl ComposeRdata for Nsec3<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::NSEC3
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(&[self.hash_algorithm, self.flags])?;
        out.u16(self.iterations)?;
        out.string(self.salt)?;
        out.string(self.next_hashed)?;
        out.bytes(self.types.as_wire())
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    crate::rdata::nsec3param::scan_head(s, out, "NSEC3")?;
    s.write_base32hex("NSEC3 next hashed owner", out)?;
    s.write_bitmap_rest("NSEC3 types", out)
}
