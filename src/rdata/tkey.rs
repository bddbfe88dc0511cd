//! TKEY: transaction key establishment ([RFC 2930 §2](https://www.rfc-editor.org/rfc/rfc2930#section-2)).
//!
//! # Wire format
//! ```text
//! ALGORITHM   domain name, uncompressed
//! INCEPTION   u32, seconds since 1970
//! EXPIRATION  u32, likewise
//! MODE        u16 (3 GSS-API, 5 deletion…)
//! ERROR       u16, an extended RCODE
//! KEY SIZE    u16, then KEY DATA
//! OTHER SIZE  u16, then OTHER DATA
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::name::{Name, ToName};
use crate::rdata::fields::Fields;
use crate::rdata::present::base64;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::tsig::write_error;
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A transaction key record, as GSS-TSIG (Windows dynamic updates) uses.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Tkey};
///
/// let tkey = Tkey {
///     algorithm: "gss-tsig.", inception: 1_764_600_000, expiration: 1_764_686_400,
///     mode: 3, error: 0, key: &[1, 2, 3][..], other: &[][..],
/// };
/// let mut buf = [0u8; 96];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("key.example.", Class::ANY, 0, &tkey)?;
/// let message = Message::parse(builder.finish())?;
/// let text = message.answers().next().unwrap().rdata().to_string();
/// assert_eq!(text, "gss-tsig. 1764600000 1764686400 3 NOERROR 3 AQID 0");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tkey<'a, N> {
    /// The key algorithm, such as `gss-tsig.`.
    pub algorithm: N,
    /// Start of the key's validity, in seconds since 1970.
    pub inception: u32,
    /// End of the key's validity.
    pub expiration: u32,
    /// How the key is agreed.
    pub mode: u16,
    /// The TKEY error (an extended RCODE).
    pub error: u16,
    /// The key exchange data.
    pub key: &'a [u8],
    /// Other data.
    pub other: &'a [u8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Tkey<'_, Name<'_>>> {
    let mut fields = Fields::new(message, rdata);
    let tkey = Tkey {
        algorithm: fields.name()?,
        inception: fields.u32()?,
        expiration: fields.u32()?,
        mode: fields.u16()?,
        error: fields.u16()?,
        key: fields.u16_prefixed()?,
        other: fields.u16_prefixed()?,
    };
    fields.done()?;
    Ok(tkey)
}

impl<N: fmt::Display> fmt::Display for Tkey<'_, N> {
    /// As dig prints it: times as numbers, and the key between two spaces
    /// even when empty.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} {} ", self.algorithm, self.inception, self.expiration, self.mode)?;
        write_error(f, self.error)?;
        write!(f, " {} ", self.key.len())?;
        base64(f, self.key)?;
        write!(f, " {}", self.other.len())?;
        if !self.other.is_empty() {
            f.write_str(" ")?;
            base64(f, self.other)?;
        }
        Ok(())
    }
}

impl<N: ToName> ComposeRdata for Tkey<'_, N> {
    fn rtype(&self) -> Rtype {
        Rtype::TKEY
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.uncompressed_name(&self.algorithm)?;
        out.u32(self.inception)?;
        out.u32(self.expiration)?;
        out.u16(self.mode)?;
        out.u16(self.error)?;
        out.u16_prefixed(self.key)?;
        out.u16_prefixed(self.other)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    s.write_name("TKEY algorithm", out)?;
    let inception = crate::rdata::rrsig::scan_time(s, "TKEY inception")?;
    let expiration = crate::rdata::rrsig::scan_time(s, "TKEY expiration")?;
    let mode = s.u16("TKEY mode")?;
    let error = crate::rdata::tsig::scan_error(s, "TKEY error")?;
    out.u32(inception)
        .and_then(|()| out.u32(expiration))
        .and_then(|()| out.u16(mode))
        .and_then(|()| out.u16(error))
        .map_err(|e| s.error_here("TKEY", e))?;
    crate::rdata::tsig::scan_sized(s, "TKEY key", out)?;
    crate::rdata::tsig::scan_sized(s, "TKEY other data", out)
}
