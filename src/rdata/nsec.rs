//! NSEC: the next name in a signed zone ([RFC 4034 §4](https://www.rfc-editor.org/rfc/rfc4034#section-4)).
//!
//! # Wire format
//! ```text
//! NEXT DOMAIN NAME  domain name; uncompressed in DNS, compressed in mDNS
//!                   (RFC 6762 §18.14), so the parser accepts pointers
//! TYPE BIT MAPS     the types at the owner (see TypeBitmap)
//! ```
//! Checked in full when the message is parsed, as its name may hold a
//! pointer; the builder writes the name uncompressed.

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::name::{skip_name, CheckedSuffixes, Name, ToName};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{check_whole_name, ComposeRdata, Rtype, TypeBitmap};
use crate::wire::builder::RdataWriter;

/// A next-secure record: no name exists between the owner and `next`, and
/// the owner has exactly the types in `types`.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Nsec, Rtype, TypeBitmap};
///
/// let nsec = Nsec { next: "host.example.com.", types: TypeBitmap::from_wire(&[0, 6, 0x40, 0, 0, 0, 0, 0x03])? };
/// let mut buf = [0u8; 128];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_authority("alfa.example.com.", Class::IN, 3600, &nsec)?;
/// let message = Message::parse(builder.finish())?;
/// let record = message.authority().next().unwrap();
/// assert_eq!(record.rdata().to_string(), "host.example.com. A RRSIG NSEC");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Nsec<'a, N> {
    /// The next owner name in canonical order.
    pub next: N,
    /// The types that exist at the owner.
    pub types: TypeBitmap<'a>,
}

pub(crate) fn check(message: &[u8], rdata: Range<usize>, memo: &mut CheckedSuffixes) -> Result<()> {
    if rdata.is_empty() {
        return Err(crate::Error::RdataLength);
    }
    let after = check_whole_name(message, rdata.start, rdata.end, memo)?;
    if after > rdata.end {
        return Err(crate::Error::RdataLength);
    }
    TypeBitmap::from_wire(&message[after..rdata.end]).map(drop)
}

/// The view of RDATA that [`check`] accepted: the name and the bitmap are
/// not checked again.
#[inline]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Nsec<'_, Name<'_>>> {
    let after = skip_name(message, rdata.start);
    Ok(Nsec {
        next: Name::new_checked(message, rdata.start),
        types: TypeBitmap::checked(crate::wire::peek_slice(message, after..rdata.end)),
    })
}

impl<N: fmt::Display> fmt::Display for Nsec<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.next.fmt(f)?;
        if !self.types.is_empty() {
            write!(f, " {}", self.types)?;
        }
        Ok(())
    }
}

impl<N: ToName> ComposeRdata for Nsec<'_, N> {
    fn rtype(&self) -> Rtype {
        Rtype::NSEC
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.uncompressed_name(&self.next)?;
        out.bytes(self.types.as_wire())
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    s.write_name("NSEC next name", out)?;
    s.write_bitmap_rest("NSEC types", out)
}
