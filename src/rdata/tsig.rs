//! TSIG: a transaction signature ([RFC 8945 §4.2](https://www.rfc-editor.org/rfc/rfc8945#section-4.2)).
//!
//! # Wire format
//! ```text
//! ALGORITHM NAME  domain name, uncompressed
//! TIME SIGNED     u48, seconds since 1970
//! FUDGE           u16, seconds
//! MAC SIZE        u16, then MAC
//! ORIGINAL ID     u16
//! ERROR           u16, an extended RCODE (BADSIG 16, BADKEY 17, BADTIME 18…)
//! OTHER LEN       u16, then OTHER DATA
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::name::{Name, ToName};
use crate::rdata::fields::Fields;
use crate::rdata::present::base64;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A transaction signature record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Tsig};
///
/// let tsig = Tsig {
///     algorithm: "hmac-sha256.", time_signed: 1_764_600_000, fudge: 300,
///     mac: &[0xde, 0xad, 0xbe, 0xef][..], original_id: 0x1234, error: 0, other: &[][..],
/// };
/// let mut buf = [0u8; 96];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_additional("key.example.", Class::ANY, 0, &tsig)?;
/// let message = Message::parse(builder.finish())?;
/// let text = message.additional().next().unwrap().rdata().to_string();
/// assert_eq!(text, "hmac-sha256. 1764600000 300 4 3q2+7w== 4660 NOERROR 0 "); // as dig prints it
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Tsig<'a, N> {
    /// The MAC algorithm, such as `hmac-sha256.`.
    pub algorithm: N,
    /// When the message was signed, in seconds since 1970 (48 bits).
    pub time_signed: u64,
    /// How many seconds of clock difference are allowed.
    pub fudge: u16,
    /// The MAC.
    pub mac: &'a [u8],
    /// The message ID before any forwarder changed it.
    pub original_id: u16,
    /// The TSIG error (an extended RCODE).
    pub error: u16,
    /// Other data: the server's time, after BADTIME.
    pub other: &'a [u8],
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Tsig<'_, Name<'_>>> {
    let mut fields = Fields::new(message, rdata);
    let tsig = Tsig {
        algorithm: fields.name()?,
        time_signed: fields.u48()?,
        fudge: fields.u16()?,
        mac: fields.u16_prefixed()?,
        original_id: fields.u16()?,
        error: fields.u16()?,
        other: fields.u16_prefixed()?,
    };
    fields.done()?;
    Ok(tsig)
}

/// Writes a TSIG or TKEY error as dig does: RCODE mnemonics up to 10,
/// `RESERVED<n>` to 15, the TSIG errors (16 is BADSIG here, not BADVERS),
/// else the number.
pub(crate) fn write_error(f: &mut fmt::Formatter<'_>, error: u16) -> fmt::Result {
    let name = match error {
        0..=10 => return fmt::Display::fmt(&crate::Rcode(error), f),
        11..=15 => return write!(f, "RESERVED{error}"),
        16 => "BADSIG",
        17 => "BADKEY",
        18 => "BADTIME",
        19 => "BADMODE",
        20 => "BADNAME",
        21 => "BADALG",
        22 => "BADTRUNC",
        _ => return write!(f, "{error}"),
    };
    f.write_str(name)
}

impl<N: fmt::Display> fmt::Display for Tsig<'_, N> {
    /// As dig prints it, spaces included: with no other data the line ends
    /// in a space.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} {}", self.algorithm, self.time_signed, self.fudge, self.mac.len())?;
        if !self.mac.is_empty() {
            f.write_str(" ")?;
            base64(f, self.mac)?;
        }
        write!(f, " {} ", self.original_id)?;
        write_error(f, self.error)?;
        write!(f, " {} ", self.other.len())?;
        base64(f, self.other)
    }
}

impl<N: ToName> ComposeRdata for Tsig<'_, N> {
    fn rtype(&self) -> Rtype {
        Rtype::TSIG
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.uncompressed_name(&self.algorithm)?;
        out.bytes(&self.time_signed.to_be_bytes()[2..])?;
        out.u16(self.fudge)?;
        out.u16_prefixed(self.mac)?;
        out.u16(self.original_id)?;
        out.u16(self.error)?;
        out.u16_prefixed(self.other)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    s.write_name("TSIG algorithm", out)?;
    let time_signed = s.number("TSIG time signed", (1 << 48) - 1)?;
    let fudge = s.u16("TSIG fudge")?;
    out.bytes(&time_signed.to_be_bytes()[2..]).and_then(|()| out.u16(fudge)).map_err(|e| s.error_here("TSIG", e))?;
    scan_sized(s, "TSIG MAC", out)?;
    let original_id = s.u16("TSIG original ID")?;
    let error = scan_error(s, "TSIG error")?;
    out.u16(original_id).and_then(|()| out.u16(error)).map_err(|e| s.error_here("TSIG", e))?;
    scan_sized(s, "TSIG other data", out)
}

/// `<length> <base64>` (no base64 when the length is 0; the base64 in as
/// many words as it was broken into), written as a `u16` length and the
/// bytes; the length must match.
pub(crate) fn scan_sized(s: &mut Scanner<'_>, field: &'static str, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let size_token = s.token(field)?;
    let size = crate::rdata::scan::parse_decimal(size_token.raw)
        .filter(|&n| n <= u64::from(u16::MAX))
        .ok_or_else(|| s.error_at(&size_token, field, crate::Error::BadNumber))?;
    let at = out.written();
    out.u16(0).map_err(|e| s.error_at(&size_token, field, e))?;
    // As many base64 words as it takes: dig breaks them every 56 characters.
    while ((out.written() - at - 2) as u64) < size {
        let token = s.token(field)?;
        s.write_base64_token(&token, token.raw, field, out)?;
    }
    let written = out.written() - at - 2;
    if written as u64 != size {
        return Err(s.error_at(&size_token, field, crate::Error::RdataLength));
    }
    out.patch_u8(at, (size >> 8) as u8);
    out.patch_u8(at + 1, size as u8);
    Ok(())
}

/// A TSIG or TKEY error: a mnemonic dig prints, or a number.
pub(crate) fn scan_error(s: &mut Scanner<'_>, field: &'static str) -> TextResult<u16> {
    let token = s.token(field)?;
    if let Some(n) = crate::rdata::scan::parse_decimal(token.raw).and_then(|n| u16::try_from(n).ok()) {
        return Ok(n);
    }
    (0..=22u16)
        .find(|&code| ErrorName(code).to_string_is(token.raw))
        .ok_or_else(|| s.error_at(&token, field, crate::Error::BadNumber))
}

/// Compares an error's printed name with text, without an allocator.
struct ErrorName(u16);

impl ErrorName {
    fn to_string_is(&self, text: &str) -> bool {
        struct Compare<'a> {
            rest: &'a str,
            equal: bool,
        }
        impl fmt::Write for Compare<'_> {
            fn write_str(&mut self, s: &str) -> fmt::Result {
                match self.rest.get(..s.len()) {
                    Some(head) if head.eq_ignore_ascii_case(s) => self.rest = &self.rest[s.len()..],
                    _ => self.equal = false,
                }
                Ok(())
            }
        }
        let mut compare = Compare { rest: text, equal: true };
        let _ = fmt::write(&mut compare, format_args!("{self}"));
        compare.equal && compare.rest.is_empty()
    }
}

impl fmt::Display for ErrorName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_error(f, self.0)
    }
}
