//! NID: an ILNP node identifier ([RFC 6742 §2.1](https://www.rfc-editor.org/rfc/rfc6742#section-2.1)).
//!
//! # Wire format
//! ```text
//! PREFERENCE  u16
//! NODEID      8 bytes, printed as four 16-bit groups of hex joined by `:`
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A node identifier record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Nid};
///
/// let nid = Nid { preference: 10, node_id: [0, 0x14, 0x4f, 0xff, 0xff, 0x20, 0xee, 0x64] };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &nid)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "10 14:4fff:ff20:ee64");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Nid {
    /// Lower is preferred.
    pub preference: u16,
    /// The node identifier.
    pub node_id: [u8; 8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Nid> {
    let mut fields = Fields::new(message, rdata);
    let nid = Nid { preference: fields.u16()?, node_id: fields.array()? };
    fields.done()?;
    Ok(nid)
}

/// Writes 64 bits as dig does: four groups of lower-case hex, no leading zeros.
pub(crate) fn write_groups(f: &mut fmt::Formatter<'_>, bytes: &[u8; 8]) -> fmt::Result {
    for (i, pair) in bytes.chunks(2).enumerate() {
        if i > 0 {
            f.write_str(":")?;
        }
        write!(f, "{:x}", u16::from_be_bytes([pair[0], pair[1]]))?;
    }
    Ok(())
}

impl fmt::Display for Nid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ", self.preference)?;
        write_groups(f, &self.node_id)
    }
}

impl ComposeRdata for Nid {
    fn rtype(&self) -> Rtype {
        Rtype::NID
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.preference)?;
        out.bytes(&self.node_id)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let preference = s.u16("NID preference")?;
    out.u16(preference).map_err(|e| s.error_here("NID preference", e))?;
    scan_groups(s, "NID node identifier", out)
}

/// Four groups of one to four hex digits joined by `:`.
pub(crate) fn scan_groups(s: &mut Scanner<'_>, field: &'static str, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let token = s.token(field)?;
    let mut groups = token.raw.split(':');
    for _ in 0..4 {
        let group = groups.next().filter(|g| (1..=4).contains(&g.len()));
        let value =
            group.and_then(|g| u16::from_str_radix(g, 16).ok().filter(|_| g.bytes().all(|b| b.is_ascii_hexdigit())));
        let value = value.ok_or_else(|| s.error_at(&token, field, crate::Error::BadHex))?;
        out.u16(value).map_err(|e| s.error_at(&token, field, e))?;
    }
    if groups.next().is_some() || token.quoted {
        return Err(s.error_at(&token, field, crate::Error::BadHex));
    }
    Ok(())
}
