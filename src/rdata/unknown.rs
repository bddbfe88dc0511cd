//! RDATA of any type this crate does not decode ([RFC 3597](https://www.rfc-editor.org/rfc/rfc3597)).
//!
//! # Wire format
//! Opaque bytes, kept and written back exactly as they are. Names inside
//! them are never decompressed nor compressed (RFC 3597 §4).

use core::fmt;

use crate::error::Result;
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// RDATA of a type this crate does not decode.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, RData, Rtype, UnknownRdata};
///
/// let rdata = UnknownRdata::new(Rtype(65280), &[0x0a, 0, 0, 1, 2, 3]);
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("unknown.example.", Class::IN, 3600, &rdata)?;
/// let message = Message::parse(builder.finish())?;
/// let record = message.answers().next().unwrap();
/// assert_eq!(record.rtype(), Rtype(65280));
/// assert_eq!(record.rdata().to_string(), r"\# 6 0A0000010203");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct UnknownRdata<'a> {
    rtype: Rtype,
    data: &'a [u8],
}

impl<'a> UnknownRdata<'a> {
    /// Wraps the RDATA bytes of a record of type `rtype`.
    pub fn new(rtype: Rtype, data: &'a [u8]) -> Self {
        UnknownRdata { rtype, data }
    }

    /// The record type.
    pub fn rtype(&self) -> Rtype {
        self.rtype
    }

    /// The RDATA bytes.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }
}

impl fmt::Display for UnknownRdata<'_> {
    /// RFC 3597 §5 generic format, `\# <length> <hex>`, as dig prints it:
    /// upper-case hex in groups of 28 bytes separated by a space.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::rdata::present::generic(f, self.data)
    }
}

impl ComposeRdata for UnknownRdata<'_> {
    fn rtype(&self) -> Rtype {
        self.rtype
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(self.data)
    }

    fn is_opaque(&self) -> bool {
        true
    }
}
