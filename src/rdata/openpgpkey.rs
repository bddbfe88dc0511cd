//! OPENPGPKEY: an OpenPGP public key ([RFC 7929 §2](https://www.rfc-editor.org/rfc/rfc7929#section-2)).
//!
//! # Wire format
//! The key, a transferable public key packet sequence, filling the RDATA;
//! printed in base64.

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::present::base64;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// An OpenPGP key record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Openpgpkey};
///
/// let mut buf = [0u8; 96];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("hash._openpgpkey.example.", Class::IN, 300, &Openpgpkey { key: b"foobar" })?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "Zm9vYmFy");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Openpgpkey<'a> {
    /// The key packets.
    pub key: &'a [u8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Openpgpkey<'_>> {
    match crate::wire::peek_slice(message, rdata) {
        [] => Err(Error::RdataLength),
        key => Ok(Openpgpkey { key }),
    }
}

impl fmt::Display for Openpgpkey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        base64(f, self.key)
    }
}

impl ComposeRdata for Openpgpkey<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::OPENPGPKEY
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(self.key)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    s.write_base64_rest("OPENPGPKEY key", false, out)
}
