//! NSEC3PARAM: a zone's NSEC3 parameters ([RFC 5155 §4](https://www.rfc-editor.org/rfc/rfc5155#section-4)).
//!
//! # Wire format
//! ```text
//! HASH ALGORITHM  u8
//! FLAGS           u8
//! ITERATIONS      u16
//! SALT            u8 length, then bytes; printed in hex, `-` when empty
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// The NSEC3 parameters of a zone.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Nsec3param};
///
/// let param = Nsec3param { hash_algorithm: 1, flags: 0, iterations: 0, salt: &[][..] };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.", Class::IN, 0, &param)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "1 0 0 -");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Nsec3param<'a> {
    /// The hash algorithm (1: SHA-1).
    pub hash_algorithm: u8,
    /// Flags (0 here; opt-out is per NSEC3 record).
    pub flags: u8,
    /// Extra hash iterations.
    pub iterations: u16,
    /// The salt.
    pub salt: &'a [u8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Nsec3param<'_>> {
    let mut fields = Fields::new(message, rdata);
    let param = Nsec3param {
        hash_algorithm: fields.u8()?,
        flags: fields.u8()?,
        iterations: fields.u16()?,
        salt: fields.string()?,
    };
    fields.done()?;
    Ok(param)
}

impl fmt::Display for Nsec3param<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} ", self.hash_algorithm, self.flags, self.iterations)?;
        crate::rdata::nsec3::write_salt(f, self.salt)
    }
}

impl ComposeRdata for Nsec3param<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::NSEC3PARAM
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(&[self.hash_algorithm, self.flags])?;
        out.u16(self.iterations)?;
        out.string(self.salt)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    scan_head(s, out, "NSEC3PARAM")
}

/// The fields NSEC3 and NSEC3PARAM share: algorithm, flags, iterations,
/// salt (hex, or `-` for none).
pub(crate) fn scan_head(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>, what: &'static str) -> TextResult<()> {
    let hash_algorithm = s.u8("NSEC3 hash algorithm")?;
    let flags = s.u8("NSEC3 flags")?;
    let iterations = s.u16("NSEC3 iterations")?;
    out.bytes(&[hash_algorithm, flags]).and_then(|()| out.u16(iterations)).map_err(|e| s.error_here(what, e))?;
    let token = s.token("NSEC3 salt")?;
    if token.raw == "-" && !token.quoted {
        return out.u8(0).map_err(|e| s.error_at(&token, "NSEC3 salt", e));
    }
    let len_at = out.written();
    out.u8(0).map_err(|e| s.error_at(&token, "NSEC3 salt", e))?;
    s.write_hex_token(&token, "NSEC3 salt", out)?;
    let len = out.written() - len_at - 1;
    if len > 255 {
        return Err(s.error_at(&token, "NSEC3 salt", crate::Error::StringTooLong));
    }
    out.patch_u8(len_at, len as u8);
    Ok(())
}
