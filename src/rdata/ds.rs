//! DS, CDS and DLV: a delegation signer ([RFC 4034 §5](https://www.rfc-editor.org/rfc/rfc4034#section-5),
//! RFC 7344 §3.1, RFC 4431).
//!
//! # Wire format
//! ```text
//! KEY TAG      u16
//! ALGORITHM    u8
//! DIGEST TYPE  u8 (1 SHA-1, 2 SHA-256, 4 SHA-384)
//! DIGEST       the rest, printed in hex: 20 bytes for SHA-1, 32 for
//!              SHA-256, 48 for SHA-384 (any other length is Error::RdataLength)
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
/// // RFC 4034 §5.4.
/// let digest = [
///     0x2b, 0xb1, 0x83, 0xaf, 0x5f, 0x22, 0x58, 0x81, 0x79, 0xa5,
///     0x3b, 0x0a, 0x98, 0x63, 0x1f, 0xad, 0x1a, 0x29, 0x21, 0x18,
/// ];
/// let ds = Ds { key_tag: 60485, algorithm: 5, digest_type: 1, digest: &digest[..] };
/// let mut buf = [0u8; 96];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("dskey.example.com.", Class::IN, 86400, &ds)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118");
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
    let ds = Ds { key_tag: fields.u16()?, algorithm: fields.u8()?, digest_type: fields.u8()?, digest: fields.rest() };
    // The digest lengths of SHA-1, SHA-256 and SHA-384, as BIND checks them.
    let expected = match ds.digest_type {
        1 => 20,
        2 => 32,
        4 => 48,
        _ => ds.digest.len(),
    };
    if ds.digest.len() != expected {
        return Err(crate::Error::RdataLength);
    }
    Ok(ds)
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
