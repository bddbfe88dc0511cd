//! TLSA: a TLS certificate association ([RFC 6698 §2](https://www.rfc-editor.org/rfc/rfc6698#section-2)).
//!
//! # Wire format
//! ```text
//! CERTIFICATE USAGE  u8 (0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE)
//! SELECTOR           u8 (0 full certificate, 1 SubjectPublicKeyInfo)
//! MATCHING TYPE      u8 (0 exact, 1 SHA-256, 2 SHA-512)
//! DATA               the rest, printed in hex
//! ```
//! SMIMEA (RFC 8162) has the same form and shares the view; push
//! `RData::Smimea(tlsa)` to write one.

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::present::hex;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A certificate association (TLSA, SMIMEA).
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Tlsa};
///
/// let tlsa = Tlsa { usage: 3, selector: 1, matching_type: 1, data: &[0x0c, 0x72, 0xac, 0x70][..] };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("_25._tcp.mail.example.", Class::IN, 300, &tlsa)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "3 1 1 0C72AC70");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tlsa<'a> {
    /// How the certificate is to be matched.
    pub usage: u8,
    /// Which part of the certificate is matched.
    pub selector: u8,
    /// How `data` is presented: the bytes themselves or a hash.
    pub matching_type: u8,
    /// The certificate association data.
    pub data: &'a [u8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Tlsa<'_>> {
    let mut fields = Fields::new(message, rdata);
    Ok(Tlsa { usage: fields.u8()?, selector: fields.u8()?, matching_type: fields.u8()?, data: fields.rest() })
}

impl fmt::Display for Tlsa<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.usage, self.selector, self.matching_type)?;
        if !self.data.is_empty() {
            f.write_str(" ")?;
            hex(f, self.data, true)?;
        }
        Ok(())
    }
}

impl ComposeRdata for Tlsa<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::TLSA
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(&[self.usage, self.selector, self.matching_type])?;
        out.bytes(self.data)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let usage = s.u8("TLSA certificate usage")?;
    let selector = s.u8("TLSA selector")?;
    let matching_type = s.u8("TLSA matching type")?;
    out.bytes(&[usage, selector, matching_type]).map_err(|e| s.error_here("TLSA", e))?;
    s.write_hex_tokens("TLSA data", out).map(drop)
}
