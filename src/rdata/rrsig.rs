//! RRSIG: a signature over an RRset ([RFC 4034 §3](https://www.rfc-editor.org/rfc/rfc4034#section-3)).
//!
//! # Wire format
//! ```text
//! TYPE COVERED  u16
//! ALGORITHM     u8
//! LABELS        u8, labels of the signed owner (a wildcard has fewer)
//! ORIGINAL TTL  u32
//! EXPIRATION    u32, seconds since 1970, serial-number arithmetic
//! INCEPTION     u32, likewise
//! KEY TAG       u16
//! SIGNER        domain name, uncompressed (RFC 4034 §3.1.7)
//! SIGNATURE     the rest, at least one byte
//! ```
//! Checked when the view is asked for. A signer compressed against RFC
//! 4034 is followed (BIND follows it too) and written whole again. SIG
//! (type 24) has the same form and uses this view; its signer may be
//! compressed (RFC 3597 §4), so it is checked when the message is parsed.

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::name::{Name, ToName};
use crate::rdata::present::base64;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A signature record (RRSIG, and SIG of RFC 2535 / SIG(0) of RFC 2931).
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, RData, Rrsig, Rtype};
///
/// let rrsig = Rrsig {
///     type_covered: Rtype::A, algorithm: 13, labels: 2, original_ttl: 3600,
///     expiration: 1_767_225_600, inception: 1_764_547_200, key_tag: 12345,
///     signer: "example.", signature: &[0xde, 0xad, 0xbe, 0xef][..],
/// };
/// let mut buf = [0u8; 128];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("www.example.", Class::IN, 3600, &rrsig)?;
/// let message = Message::parse(builder.finish())?;
/// let RData::Rrsig(parsed) = message.answers().next().unwrap().rdata() else { panic!() };
/// assert_eq!(parsed.to_string(), "A 13 2 3600 20260101000000 20251201000000 12345 example. 3q2+7w==");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rrsig<'a, N> {
    /// The type of the RRset signed.
    pub type_covered: Rtype,
    /// The signing algorithm (IANA "DNS Security Algorithm Numbers").
    pub algorithm: u8,
    /// Labels in the original owner name, not counting the root or a `*`.
    pub labels: u8,
    /// The TTL of the RRset as signed.
    pub original_ttl: u32,
    /// End of validity, in seconds since 1970 (modulo 2³², RFC 1982).
    pub expiration: u32,
    /// Start of validity, likewise.
    pub inception: u32,
    /// The key tag of the signing key (RFC 4034 Appendix B).
    pub key_tag: u16,
    /// The zone that signed.
    pub signer: N,
    /// The signature.
    pub signature: &'a [u8],
}

/// The fields before the signer.
pub(crate) const FIXED: usize = 18;

/// The view, from RDATA whose signer starts at `FIXED` and ends (its
/// in-place bytes) at `signer_end`, both relative to the RDATA.
#[inline(always)]
pub(crate) fn assemble(message: &[u8], rdata: Range<usize>, signer_end: usize) -> Rrsig<'_, Name<'_>> {
    let bytes = crate::wire::peek_slice(message, rdata.clone());
    let (fixed, rest) = bytes.split_first_chunk::<FIXED>().unwrap_or((&[0; FIXED], &[]));
    let u32_at = |i: usize| u32::from_be_bytes([fixed[i], fixed[i + 1], fixed[i + 2], fixed[i + 3]]);
    Rrsig {
        type_covered: Rtype(u16::from_be_bytes([fixed[0], fixed[1]])),
        algorithm: fixed[2],
        labels: fixed[3],
        original_ttl: u32_at(4),
        expiration: u32_at(8),
        inception: u32_at(12),
        key_tag: u16::from_be_bytes([fixed[16], fixed[17]]),
        signer: Name::new_checked(message, rdata.start + FIXED),
        signature: rest.get(signer_end - FIXED..).unwrap_or(&[]),
    }
}

#[inline(always)]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Rrsig<'_, Name<'_>>> {
    if rdata.len() <= FIXED {
        return Err(Error::RdataLength);
    }
    let signer_end = crate::rdata::fields::whole_name_end(message, rdata.start + FIXED, rdata.end)?;
    // A signature, not nothing (as BIND reads it).
    if signer_end == rdata.end {
        return Err(Error::RdataLength);
    }
    Ok(assemble(message, rdata.clone(), signer_end - rdata.start))
}

/// Writes a time as dig does: `YYYYMMDDHHMMSS` in UTC.
pub(crate) fn write_time(f: &mut fmt::Formatter<'_>, seconds: u32) -> fmt::Result {
    let days = seconds / 86_400;
    let rest = seconds % 86_400;
    // Days since 1970-01-01 to a civil date (proleptic Gregorian).
    let z = i64::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    write!(f, "{year:04}{month:02}{day:02}{:02}{:02}{:02}", rest / 3600, rest / 60 % 60, rest % 60)
}

impl<N: fmt::Display> fmt::Display for Rrsig<'_, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} {} ", self.type_covered, self.algorithm, self.labels, self.original_ttl)?;
        write_time(f, self.expiration)?;
        f.write_str(" ")?;
        write_time(f, self.inception)?;
        write!(f, " {} {}", self.key_tag, self.signer)?;
        if !self.signature.is_empty() {
            f.write_str(" ")?;
            base64(f, self.signature)?;
        }
        Ok(())
    }
}

impl<N: ToName> ComposeRdata for Rrsig<'_, N> {
    fn rtype(&self) -> Rtype {
        Rtype::RRSIG
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.type_covered.0)?;
        out.bytes(&[self.algorithm, self.labels])?;
        for value in [self.original_ttl, self.expiration, self.inception] {
            out.u32(value)?;
        }
        out.u16(self.key_tag)?;
        out.uncompressed_name(&self.signer)?;
        out.bytes(self.signature)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let type_covered = s.rtype("RRSIG type covered")?;
    let algorithm = s.u8("RRSIG algorithm")?;
    let labels = s.u8("RRSIG labels")?;
    let original_ttl = s.u32("RRSIG original TTL")?;
    let expiration = scan_time(s, "RRSIG expiration")?;
    let inception = scan_time(s, "RRSIG inception")?;
    let key_tag = s.u16("RRSIG key tag")?;
    out.u16(type_covered.0)
        .and_then(|()| out.bytes(&[algorithm, labels]))
        .and_then(|()| out.u32(original_ttl))
        .and_then(|()| out.u32(expiration))
        .and_then(|()| out.u32(inception))
        .and_then(|()| out.u16(key_tag))
        .map_err(|e| s.error_here("RRSIG", e))?;
    s.write_name("RRSIG signer", out)?;
    s.write_base64_rest("RRSIG signature", false, out)
}

/// A signature time: `YYYYMMDDHHmmSS` in UTC, or seconds since 1970 (RFC
/// 4034 §3.2), as BIND reads both.
pub(crate) fn scan_time(s: &mut Scanner<'_>, field: &'static str) -> TextResult<u32> {
    let token = s.token(field)?;
    let fail = || s.error_at(&token, field, crate::Error::BadNumber);
    let text = token.raw;
    // Digits only, so that the byte ranges below fall on characters.
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(fail());
    }
    if text.len() != 14 {
        return crate::rdata::scan::parse_decimal(text).and_then(|n| u32::try_from(n).ok()).ok_or_else(fail);
    }
    let digits = |range: core::ops::Range<usize>| crate::rdata::scan::parse_decimal(&text[range]);
    let parts = (digits(0..4), digits(4..6), digits(6..8), digits(8..10), digits(10..12), digits(12..14));
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute), Some(second)) = parts else {
        return Err(fail());
    };
    if !(1..=12).contains(&month)
        || day == 0
        || day > days_in_month(year, month)
        || hour > 23
        || minute > 59
        || second > 59
    {
        return Err(fail());
    }
    // Days from 1970-01-01 to the civil date (proleptic Gregorian).
    let (y, m) = if month <= 2 { (year as i64 - 1, month as i64 + 9) } else { (year as i64, month as i64 - 3) };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    let seconds = days * 86_400 + (hour * 3600 + minute * 60 + second) as i64;
    // Serial-number arithmetic: the time modulo 2³² (RFC 4034 §3.1.5).
    Ok(seconds.rem_euclid(1 << 32) as u32)
}

fn days_in_month(year: u64, month: u64) -> u64 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Time(u32);
    impl fmt::Display for Time {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_time(f, self.0)
        }
    }

    #[test]
    fn times_print_as_utc_calendar_dates() {
        // Values from `date -u -d @N +%Y%m%d%H%M%S`.
        assert_eq!(Time(0).to_string(), "19700101000000");
        assert_eq!(Time(951_782_400).to_string(), "20000229000000");
        assert_eq!(Time(1_764_600_000).to_string(), "20251201144000");
        assert_eq!(Time(u32::MAX).to_string(), "21060207062815");
    }

    #[test]
    fn times_in_text_are_digits() {
        // Found by the parse_text fuzz target: 14 bytes, not 14 digits,
        // with a character of two bytes where a date field is cut.
        let mut buf = [0u8; 128];
        let text = "SOA 13 2 3600 NlT\u{64e}&\x00\x00002938 2ample. 88=";
        let error = crate::RData::from_text(Rtype::RRSIG, text, None, &mut buf).unwrap_err();
        assert_eq!((error.error(), error.field()), (crate::Error::BadNumber, "RRSIG expiration"));
        let ok = "A 13 2 3600 20260101000000 1764547200 1 example. AAAA";
        assert!(crate::RData::from_text(Rtype::RRSIG, ok, None, &mut buf).is_ok());
    }

    #[test]
    fn a_compressed_signer_is_followed() {
        // "example." at offset 0, then the RDATA with a pointer to it.
        let mut message = b"\x07example\x00".to_vec();
        let start = message.len();
        message.extend_from_slice(&[0, 1, 13, 2, 0, 0, 14, 16, 0, 0, 0, 1, 0, 0, 0, 0, 0x30, 0x39]);
        message.extend_from_slice(&[0xc0, 0x00, 0xaa]);
        let end = message.len();
        let rrsig = decode(&message, start..end).unwrap();
        assert_eq!(rrsig.signer.to_string(), "example.");
        assert_eq!(rrsig.signature, [0xaa]);
        // A pointer forward, past the message: refused.
        message[start + 19] = 0xff;
        assert_eq!(decode(&message, start..end), Err(crate::Error::BadPointer));
        assert_eq!(decode(&message, start..start + 17), Err(crate::Error::RdataLength));
    }
}
