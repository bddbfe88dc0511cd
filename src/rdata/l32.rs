//! L32: an ILNP 32-bit locator ([RFC 6742 §2.2](https://www.rfc-editor.org/rfc/rfc6742#section-2.2)).
//!
//! # Wire format
//! ```text
//! PREFERENCE  u16
//! LOCATOR32   4 bytes, printed as an IPv4 address
//! ```

use core::fmt;
use core::net::Ipv4Addr;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A 32-bit locator record.
///
/// ```
/// use dnswire::{Class, L32, Message, MessageBuilder};
///
/// let l32 = L32 { preference: 10, locator: [10, 1, 2, 0].into() };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &l32)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "10 10.1.2.0");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct L32 {
    /// Lower is preferred.
    pub preference: u16,
    /// The locator.
    pub locator: Ipv4Addr,
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<L32> {
    let mut fields = Fields::new(message, rdata);
    let l32 = L32 { preference: fields.u16()?, locator: Ipv4Addr::from(fields.array::<4>()?) };
    fields.done()?;
    Ok(l32)
}

impl fmt::Display for L32 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.preference, self.locator)
    }
}

impl ComposeRdata for L32 {
    fn rtype(&self) -> Rtype {
        Rtype::L32
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.preference)?;
        out.bytes(&self.locator.octets())
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let preference = s.u16("L32 preference")?;
    out.u16(preference).map_err(|e| s.error_here("L32 preference", e))?;
    let token = s.token("L32 locator")?;
    let addr: Ipv4Addr = token.raw.parse().map_err(|_| s.error_at(&token, "L32 locator", crate::Error::BadAddress))?;
    out.bytes(&addr.octets()).map_err(|e| s.error_at(&token, "L32 locator", e))
}
