//! ZONEMD: a digest over a zone ([RFC 8976 §2](https://www.rfc-editor.org/rfc/rfc8976#section-2)).
//!
//! # Wire format
//! ```text
//! SERIAL          u32
//! SCHEME          u8 (1 SIMPLE)
//! HASH ALGORITHM  u8 (1 SHA-384, 2 SHA-512)
//! DIGEST          the rest (at least 12 bytes), printed in hex
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::fields::Fields;
use crate::rdata::present::hex;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A zone digest record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Zonemd};
///
/// let zonemd = Zonemd { serial: 2018031900, scheme: 1, hash_algorithm: 1, digest: &[0xc6; 12][..] };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.", Class::IN, 86400, &zonemd)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "2018031900 1 1 C6C6C6C6C6C6C6C6C6C6C6C6");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Zonemd<'a> {
    /// The SOA serial of the zone digested.
    pub serial: u32,
    /// How the zone was put in order to be digested.
    pub scheme: u8,
    /// The hash algorithm.
    pub hash_algorithm: u8,
    /// The digest.
    pub digest: &'a [u8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Zonemd<'_>> {
    let mut fields = Fields::new(message, rdata);
    let zonemd =
        Zonemd { serial: fields.u32()?, scheme: fields.u8()?, hash_algorithm: fields.u8()?, digest: fields.rest() };
    // RFC 8976 §2.2.4: digests are at least 12 bytes.
    if zonemd.digest.len() < 12 {
        return Err(Error::RdataLength);
    }
    Ok(zonemd)
}

impl fmt::Display for Zonemd<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} ", self.serial, self.scheme, self.hash_algorithm)?;
        hex(f, self.digest, true)
    }
}

impl ComposeRdata for Zonemd<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::ZONEMD
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u32(self.serial)?;
        out.bytes(&[self.scheme, self.hash_algorithm])?;
        out.bytes(self.digest)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let serial = s.u32("ZONEMD serial")?;
    let scheme = s.u8("ZONEMD scheme")?;
    let hash_algorithm = s.u8("ZONEMD hash algorithm")?;
    out.u32(serial).and_then(|()| out.bytes(&[scheme, hash_algorithm])).map_err(|e| s.error_here("ZONEMD", e))?;
    s.write_hex_rest("ZONEMD digest", out)
}
