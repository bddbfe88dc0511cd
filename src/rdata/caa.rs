//! CAA: certification authority authorization ([RFC 8659 §4.1](https://www.rfc-editor.org/rfc/rfc8659#section-4.1)).
//!
//! # Wire format
//! ```text
//! FLAGS       u8 (128: issuer critical)
//! TAG LENGTH  u8, 1 to 15 (not enforced above 15: RFC 8659 §4.1 only says SHOULD)
//! TAG         letters and digits: issue, issuewild, iodef, issuemail…
//! VALUE       the rest
//! ```
//! An empty tag or one with other bytes is [`Error::BadCaaTag`]; the
//! record then decodes as [`RData::Invalid`](crate::RData::Invalid), and
//! the message and its other CAA records stay readable.

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::fields::Fields;
use crate::rdata::present::quoted;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A CAA record.
///
/// ```
/// use dnswire::{Caa, Class, Message, MessageBuilder};
///
/// let caa = Caa { flags: 0, tag: b"issue", value: b"ca.example.net; account=230123" };
/// let mut buf = [0u8; 96];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.com.", Class::IN, 300, &caa)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), r#"0 issue "ca.example.net; account=230123""#);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Caa<'a> {
    /// Flags; 128 is the issuer-critical flag.
    pub flags: u8,
    /// The property tag.
    pub tag: &'a [u8],
    /// The property value.
    pub value: &'a [u8],
}

impl Caa<'_> {
    /// Whether the issuer-critical flag is set: a CA that does not know
    /// the tag must not issue.
    pub fn is_critical(&self) -> bool {
        self.flags & 0x80 != 0
    }
}

#[inline(always)]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Caa<'_>> {
    let mut fields = Fields::new(message, rdata);
    let flags = fields.u8()?;
    let tag = fields.string()?;
    if tag.is_empty() || !tag.iter().all(u8::is_ascii_alphanumeric) {
        return Err(Error::BadCaaTag);
    }
    Ok(Caa { flags, tag, value: fields.rest() })
}

impl fmt::Display for Caa<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.flags)?;
        // Letters and digits only: valid UTF-8.
        f.write_str(core::str::from_utf8(self.tag).unwrap_or(""))?;
        f.write_str(" ")?;
        quoted(f, self.value)
    }
}

impl ComposeRdata for Caa<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::CAA
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u8(self.flags)?;
        out.string(self.tag)?;
        out.bytes(self.value)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let flags = s.u8("CAA flags")?;
    out.u8(flags).map_err(|e| s.error_here("CAA flags", e))?;
    let tag = s.token("CAA tag")?;
    if tag.quoted || tag.raw.is_empty() || !tag.raw.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(s.error_at(&tag, "CAA tag", Error::BadCaaTag));
    }
    out.string(tag.raw.as_bytes()).map_err(|e| s.error_at(&tag, "CAA tag", e))?;
    s.write_unescaped("CAA value", out)
}
