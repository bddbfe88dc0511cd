//! URI: a uniform resource identifier ([RFC 7553 §4.5](https://www.rfc-editor.org/rfc/rfc7553#section-4.5)).
//!
//! # Wire format
//! ```text
//! PRIORITY  u16, lower is tried first
//! WEIGHT    u16
//! TARGET    the rest (not a character-string: no length byte)
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::present::quoted;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A URI record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Uri};
///
/// let uri = Uri { priority: 10, weight: 1, target: b"ftp://ftp1.example.com/public" };
/// let mut buf = [0u8; 96];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("_ftp._tcp.example.com.", Class::IN, 3600, &uri)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), r#"10 1 "ftp://ftp1.example.com/public""#);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Uri<'a> {
    /// Lower is tried first.
    pub priority: u16,
    /// Relative weight among equal priorities.
    pub weight: u16,
    /// The URI.
    pub target: &'a [u8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Uri<'_>> {
    let mut fields = Fields::new(message, rdata);
    // An empty target is printed `""` by dig; kept as it is.
    Ok(Uri { priority: fields.u16()?, weight: fields.u16()?, target: fields.rest() })
}

impl fmt::Display for Uri<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.priority, self.weight)?;
        quoted(f, self.target)
    }
}

impl ComposeRdata for Uri<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::URI
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.priority)?;
        out.u16(self.weight)?;
        out.bytes(self.target)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let priority = s.u16("URI priority")?;
    let weight = s.u16("URI weight")?;
    out.u16(priority).and_then(|()| out.u16(weight)).map_err(|e| s.error_here("URI", e))?;
    s.write_unescaped("URI target", out)
}
