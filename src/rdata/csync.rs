//! CSYNC: child-to-parent synchronization ([RFC 7477 §2](https://www.rfc-editor.org/rfc/rfc7477#section-2)).
//!
//! # Wire format
//! ```text
//! SOA SERIAL     u32
//! FLAGS          u16 (1 immediate, 2 soaminimum)
//! TYPE BIT MAPS  the types to copy to the parent (see TypeBitmap)
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype, TypeBitmap};
use crate::wire::builder::RdataWriter;

/// A child-to-parent synchronization record.
///
/// ```
/// use dnswire::{Class, Csync, Message, MessageBuilder, TypeBitmap};
///
/// let csync = Csync { serial: 66, flags: 3, types: TypeBitmap::from_wire(&[0, 4, 0x60, 0, 0, 0x08])? };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.", Class::IN, 300, &csync)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "66 3 A NS AAAA");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Csync<'a> {
    /// The child zone's SOA serial.
    pub serial: u32,
    /// Flags: 1 immediate, 2 soaminimum.
    pub flags: u16,
    /// The types the parent should copy.
    pub types: TypeBitmap<'a>,
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Csync<'_>> {
    let mut fields = Fields::new(message, rdata);
    Ok(Csync { serial: fields.u32()?, flags: fields.u16()?, types: TypeBitmap::from_wire(fields.rest())? })
}

impl fmt::Display for Csync<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.serial, self.flags)?;
        if !self.types.is_empty() {
            write!(f, " {}", self.types)?;
        }
        Ok(())
    }
}

impl ComposeRdata for Csync<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::CSYNC
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u32(self.serial)?;
        out.u16(self.flags)?;
        out.bytes(self.types.as_wire())
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let serial = s.u32("CSYNC serial")?;
    let flags = s.u16("CSYNC flags")?;
    out.u32(serial).and_then(|()| out.u16(flags)).map_err(|e| s.error_here("CSYNC", e))?;
    s.write_bitmap_rest("CSYNC types", out)
}
