//! RDATA of a known type that breaks its type's rules, kept as it came.

use core::fmt;

use crate::error::{Error, Result};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// RDATA of a type this crate decodes that breaks one of its rules, such as
/// a CAA record with an empty tag or SVCB keys out of order. The message
/// that holds it is intact: only this record is not understood. It prints
/// in the RFC 3597 generic form and is written back byte for byte — but for
/// the types that hold a name (RRSIG, SVCB, HTTPS, TSIG, TKEY, LP): the
/// builder refuses those ([`Error::BadPointer`]), as their bytes might
/// hold a pointer that would land elsewhere in another message.
///
/// ```
/// use dnswire::{Class, Error, Message, MessageBuilder, RData, Rtype, UnknownRdata};
///
/// // A CAA record whose tag is empty (RFC 8659 §4.1 wants 1 to 15 bytes).
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.", Class::IN, 300, &UnknownRdata::new(Rtype::CAA, b"\x00\x00ca"))?;
/// let message = Message::parse(builder.finish())?; // the message is fine
/// let RData::Invalid(invalid) = message.answers().next().unwrap().rdata() else { panic!() };
/// assert_eq!(invalid.error(), Error::BadCaaTag);
/// assert_eq!(invalid.to_string(), r"\# 4 00006361");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct InvalidRdata<'a> {
    rtype: Rtype,
    data: &'a [u8],
    error: Error,
}

impl<'a> InvalidRdata<'a> {
    pub(crate) fn new(rtype: Rtype, data: &'a [u8], error: Error) -> Self {
        InvalidRdata { rtype, data, error }
    }

    /// The record type.
    pub fn rtype(&self) -> Rtype {
        self.rtype
    }

    /// The RDATA bytes.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// The rule the RDATA breaks.
    pub fn error(&self) -> Error {
        self.error
    }

    /// Whether the type holds a name, so that the bytes might hold a
    /// compression pointer.
    fn holds_names(&self) -> bool {
        matches!(self.rtype, Rtype::RRSIG | Rtype::SVCB | Rtype::HTTPS | Rtype::TSIG | Rtype::TKEY | Rtype::LP)
    }
}

impl fmt::Display for InvalidRdata<'_> {
    /// RFC 3597 §5 generic form, `\# <length> <hex>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::rdata::present::generic(f, self.data)
    }
}

impl ComposeRdata for InvalidRdata<'_> {
    fn rtype(&self) -> Rtype {
        self.rtype
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        if self.holds_names() {
            return Err(Error::BadPointer);
        }
        out.bytes(self.data)
    }

    fn is_opaque(&self) -> bool {
        true
    }
}
