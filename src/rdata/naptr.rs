//! NAPTR: a naming authority pointer ([RFC 3403 §4.1](https://www.rfc-editor.org/rfc/rfc3403#section-4.1)).
//!
//! # Wire format
//! ```text
//! ORDER        u16
//! PREFERENCE   u16
//! FLAGS        character-string
//! SERVICES     character-string
//! REGEXP       character-string
//! REPLACEMENT  domain name, compressible when read (RFC 3597 §4)
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::name::{CheckedSuffixes, Name, ToName};
use crate::rdata::present::quoted;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{check_name_then, ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A naming authority pointer record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Naptr};
///
/// let naptr = Naptr {
///     order: 100, preference: 10, flags: b"S", services: b"SIP+D2U", regexp: b"",
///     replacement: "_sip._udp.example.com.",
/// };
/// let mut buf = [0u8; 128];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.com.", Class::IN, 300, &naptr)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(
///     message.answers().next().unwrap().rdata().to_string(),
///     r#"100 10 "S" "SIP+D2U" "" _sip._udp.example.com."#
/// );
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Naptr<'a, N> {
    /// Lower is processed first.
    pub order: u16,
    /// Lower is preferred among equal orders.
    pub preference: u16,
    /// Flags such as `S`, `A`, `U`, `P`.
    pub flags: &'a [u8],
    /// The service parameters.
    pub services: &'a [u8],
    /// A substitution expression (empty when `replacement` is used).
    pub regexp: &'a [u8],
    /// The next name to query (`.` when `regexp` is used).
    pub replacement: N,
}

/// Where the replacement name starts: after the numbers and three strings.
fn replacement_at(message: &[u8], rdata: &Range<usize>) -> Result<usize> {
    let mut pos = rdata.start + 4;
    for _ in 0..3 {
        let len = *message.get(pos).filter(|_| pos < rdata.end).ok_or(Error::RdataLength)?;
        pos += 1 + usize::from(len);
    }
    Ok(pos)
}

pub(crate) fn check(message: &[u8], rdata: Range<usize>, memo: &mut CheckedSuffixes) -> Result<()> {
    let at = replacement_at(message, &rdata)?;
    check_name_then(message, at, rdata.end, 0, memo).map(drop)
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Naptr<'_, Name<'_>>> {
    let mut fields = crate::rdata::fields::Fields::new(message, rdata.clone());
    Ok(Naptr {
        order: fields.u16()?,
        preference: fields.u16()?,
        flags: fields.string()?,
        services: fields.string()?,
        regexp: fields.string()?,
        replacement: Name::new_checked(message, replacement_at(message, &rdata)?),
    })
}

impl<N: fmt::Display> fmt::Display for Naptr<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ", self.order, self.preference)?;
        for string in [self.flags, self.services, self.regexp] {
            quoted(f, string)?;
            f.write_str(" ")?;
        }
        self.replacement.fmt(f)
    }
}

impl<N: ToName> ComposeRdata for Naptr<'_, N> {
    fn rtype(&self) -> Rtype {
        Rtype::NAPTR
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.order)?;
        out.u16(self.preference)?;
        for string in [self.flags, self.services, self.regexp] {
            out.string(string)?;
        }
        out.uncompressed_name(&self.replacement)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let order = s.u16("NAPTR order")?;
    let preference = s.u16("NAPTR preference")?;
    out.u16(order).and_then(|()| out.u16(preference)).map_err(|e| s.error_here("NAPTR", e))?;
    for field in ["NAPTR flags", "NAPTR services", "NAPTR regexp"] {
        s.write_string(field, out)?;
    }
    s.write_name("NAPTR replacement", out)
}
