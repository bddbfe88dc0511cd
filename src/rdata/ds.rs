//! DS, CDS and DLV: a delegation signer ([RFC 4034 §5](https://www.rfc-editor.org/rfc/rfc4034#section-5),
//! RFC 7344 §3.1, RFC 4431).
//!
//! # Wire format
//! ```text
//! KEY TAG      u16
//! ALGORITHM    u8
//! DIGEST TYPE  u8 (1 SHA-1, 2 SHA-256, 4 SHA-384)
//! DIGEST       the rest, printed in hex
//! ```
//! The three types share the view; push `RData::Cds(ds)` to write a CDS.

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::present::hex;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A delegation signer record (DS, CDS, DLV).
///
/// ```
/// use dnswire::{Class, Ds, Message, MessageBuilder};
///
/// let ds = Ds { key_tag: 60485, algorithm: 5, digest_type: 1, digest: &[0x2b, 0xb1, 0x83, 0xaf][..] };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("dskey.example.com.", Class::IN, 86400, &ds)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "60485 5 1 2BB183AF");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Ds<'a> {
    /// The key tag of the DNSKEY this digest is of.
    pub key_tag: u16,
    /// That key's algorithm.
    pub algorithm: u8,
    /// The digest algorithm.
    pub digest_type: u8,
    /// The digest.
    pub digest: &'a [u8],
}

#[inline(always)]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Ds<'_>> {
    let mut fields = Fields::new(message, rdata);
    Ok(Ds { key_tag: fields.u16()?, algorithm: fields.u8()?, digest_type: fields.u8()?, digest: fields.rest() })
}

impl fmt::Display for Ds<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.key_tag, self.algorithm, self.digest_type)?;
        if !self.digest.is_empty() {
            f.write_str(" ")?;
            hex(f, self.digest, true)?;
        }
        Ok(())
    }
}

impl ComposeRdata for Ds<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::DS
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.key_tag)?;
        out.bytes(&[self.algorithm, self.digest_type])?;
        out.bytes(self.digest)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let key_tag = s.u16("DS key tag")?;
    let algorithm = s.u8("DS algorithm")?;
    let digest_type = s.u8("DS digest type")?;
    out.u16(key_tag).and_then(|()| out.bytes(&[algorithm, digest_type])).map_err(|e| s.error_here("DS", e))?;
    s.write_hex_tokens("DS digest", out).map(drop)
}
