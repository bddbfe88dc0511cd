//! EUI48: a 48-bit IEEE extended unique identifier ([RFC 7043 §3](https://www.rfc-editor.org/rfc/rfc7043#section-3)).
//!
//! # Wire format
//! Exactly 6 bytes, printed as lower-case hex pairs joined by `-`.

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A 48-bit identifier (a MAC address).
///
/// ```
/// use dnswire::{Class, Eui48, Message, MessageBuilder};
///
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &Eui48([0x00, 0x00, 0x5e, 0x00, 0x53, 0x2a]))?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "00-00-5e-00-53-2a");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Eui48(pub [u8; 6]);

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Eui48> {
    message.get(rdata).and_then(|b| b.try_into().ok()).map(Eui48).ok_or(Error::RdataLength)
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    scan_dashed::<6>(s, "EUI48 address", out)
}

/// `N` hex pairs joined by `-`, as both EUI types are written.
pub(crate) fn scan_dashed<const N: usize>(
    s: &mut Scanner<'_>,
    field: &'static str,
    out: &mut RdataWriter<'_>,
) -> TextResult<()> {
    let token = s.token(field)?;
    let text = token.raw.as_bytes();
    let digit = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut bytes = [0u8; N];
    let well_formed = text.len() == N * 3 - 1
        && text.chunks(3).zip(bytes.iter_mut()).all(|(group, slot)| {
            let separated = group.len() == 2 || group[2] == b'-';
            match (digit(group[0]), digit(group[1])) {
                (Some(high), Some(low)) if separated => {
                    *slot = high << 4 | low;
                    true
                }
                _ => false,
            }
        });
    if token.quoted || !well_formed {
        return Err(s.error_at(&token, field, Error::BadHex));
    }
    out.bytes(&bytes).map_err(|e| s.error_at(&token, field, e))
}

/// Writes bytes as dig does: lower-case hex pairs joined by `-`.
pub(crate) fn write_dashed(f: &mut fmt::Formatter<'_>, bytes: &[u8]) -> fmt::Result {
    for (i, byte) in bytes.iter().enumerate() {
        if i > 0 {
            f.write_str("-")?;
        }
        write!(f, "{byte:02x}")?;
    }
    Ok(())
}

impl fmt::Display for Eui48 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_dashed(f, &self.0)
    }
}

impl ComposeRdata for Eui48 {
    fn rtype(&self) -> Rtype {
        Rtype::EUI48
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(&self.0)
    }
}
