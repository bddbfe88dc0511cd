//! LP: an ILNP locator pointer ([RFC 6742 §2.4](https://www.rfc-editor.org/rfc/rfc6742#section-2.4)).
//!
//! # Wire format
//! ```text
//! PREFERENCE  u16
//! FQDN        domain name, uncompressed (RFC 6742 §2.4)
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::name::{Name, ToName};
use crate::rdata::fields::Fields;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A locator pointer record: `fqdn` holds the L32 or L64 records.
///
/// ```
/// use dnswire::{Class, Lp, Message, MessageBuilder};
///
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &Lp { preference: 10, fqdn: "l64-subnet1.example." })?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "10 l64-subnet1.example.");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Lp<N> {
    /// Lower is preferred.
    pub preference: u16,
    /// The name that holds the locators.
    pub fqdn: N,
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Lp<Name<'_>>> {
    let mut fields = Fields::new(message, rdata);
    let lp = Lp { preference: fields.u16()?, fqdn: fields.name()? };
    fields.done()?;
    Ok(lp)
}

impl<N: fmt::Display> fmt::Display for Lp<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.preference, self.fqdn)
    }
}

impl<N: ToName> ComposeRdata for Lp<N> {
    fn rtype(&self) -> Rtype {
        Rtype::LP
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.preference)?;
        out.uncompressed_name(&self.fqdn)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let preference = s.u16("LP preference")?;
    out.u16(preference).map_err(|e| s.error_here("LP preference", e))?;
    s.write_name("LP fqdn", out)
}
