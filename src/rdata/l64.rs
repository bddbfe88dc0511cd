//! L64: an ILNP 64-bit locator ([RFC 6742 §2.3](https://www.rfc-editor.org/rfc/rfc6742#section-2.3)).
//!
//! # Wire format
//! ```text
//! PREFERENCE  u16
//! LOCATOR64   8 bytes, printed as NID's identifier is
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A 64-bit locator record.
///
/// ```
/// use dnswire::{Class, L64, Message, MessageBuilder};
///
/// let l64 = L64 { preference: 10, locator: [0x20, 0x01, 0x0d, 0xb8, 0x11, 0x40, 0x10, 0x00] };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &l64)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "10 2001:db8:1140:1000");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct L64 {
    /// Lower is preferred.
    pub preference: u16,
    /// The locator.
    pub locator: [u8; 8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<L64> {
    let mut fields = Fields::new(message, rdata);
    let l64 = L64 { preference: fields.u16()?, locator: fields.array()? };
    fields.done()?;
    Ok(l64)
}

impl fmt::Display for L64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.preference)?;
        crate::rdata::nid::write_groups(f, &self.locator)
    }
}

impl ComposeRdata for L64 {
    fn rtype(&self) -> Rtype {
        Rtype::L64
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.preference)?;
        out.bytes(&self.locator)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let preference = s.u16("L64 preference")?;
    out.u16(preference).map_err(|e| s.error_here("L64 preference", e))?;
    crate::rdata::nid::scan_groups(s, "L64 locator", out)
}
