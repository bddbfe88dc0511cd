//! EUI64: a 64-bit IEEE extended unique identifier ([RFC 7043 §4](https://www.rfc-editor.org/rfc/rfc7043#section-4)).
//!
//! # Wire format
//! Exactly 8 bytes, printed as lower-case hex pairs joined by `-`.

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::eui48::{scan_dashed, write_dashed};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A 64-bit identifier.
///
/// ```
/// use dnswire::{Class, Eui64, Message, MessageBuilder};
///
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &Eui64([0, 0, 0x5e, 0xef, 0x10, 0, 0, 0x2a]))?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "00-00-5e-ef-10-00-00-2a");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Eui64(pub [u8; 8]);

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Eui64> {
    message.get(rdata).and_then(|b| b.try_into().ok()).map(Eui64).ok_or(Error::RdataLength)
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    scan_dashed::<8>(s, "EUI64 address", out)
}

impl fmt::Display for Eui64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_dashed(f, &self.0)
    }
}

impl ComposeRdata for Eui64 {
    fn rtype(&self) -> Rtype {
        Rtype::EUI64
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(&self.0)
    }
}
