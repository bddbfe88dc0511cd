//! HINFO: host information ([RFC 1035 §3.3.2](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.2)).
//!
//! # Wire format
//! Two character-strings, CPU then OS, filling RDLENGTH exactly. RFC 8482
//! answers ANY queries with `HINFO "RFC8482" ""`.

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::present::quoted;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A host information record.
///
/// ```
/// use dnswire::{Class, Hinfo, Message, MessageBuilder};
///
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.", Class::IN, 300, &Hinfo { cpu: b"RFC8482", os: b"" })?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), r#""RFC8482" """#);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Hinfo<'a> {
    /// The CPU.
    pub cpu: &'a [u8],
    /// The operating system.
    pub os: &'a [u8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Hinfo<'_>> {
    let mut fields = Fields::new(message, rdata);
    let hinfo = Hinfo { cpu: fields.string()?, os: fields.string()? };
    fields.done()?;
    Ok(hinfo)
}

impl fmt::Display for Hinfo<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        quoted(f, self.cpu)?;
        f.write_str(" ")?;
        quoted(f, self.os)
    }
}

impl ComposeRdata for Hinfo<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::HINFO
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.string(self.cpu)?;
        out.string(self.os)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    s.write_string("HINFO cpu", out)?;
    s.write_string("HINFO os", out)
}
