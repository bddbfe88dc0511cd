//! LOC: a geographical location ([RFC 1876 §2](https://www.rfc-editor.org/rfc/rfc1876#section-2)).
//!
//! # Wire format
//! ```text
//! VERSION    u8, 0 (any other is not understood: Error::BadLoc)
//! SIZE       u8, diameter in cm as mantissa (high nibble) × 10^exponent (low nibble)
//! HORIZ PRE  u8, horizontal precision, same encoding
//! VERT PRE   u8, vertical precision, same encoding
//! LATITUDE   u32, thousandths of an arc second, 2³¹ is the equator
//! LONGITUDE  u32, likewise, 2³¹ is the prime meridian
//! ALTITUDE   u32, cm above 100 000 m below the WGS 84 spheroid
//! ```
//! Digits above 9, a mantissa of 0 with an exponent, a latitude beyond 90°
//! or a longitude beyond 180° are [`Error::BadLoc`], as BIND reads them.

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::fields::Fields;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A location record, in its wire encoding.
///
/// ```
/// use dnswire::{Class, Loc, Message, MessageBuilder};
///
/// // RFC 1876 §4: "42 21 54 N 71 06 18 W -24m 30m".
/// let loc = Loc {
///     version: 0, size: 0x33, horizontal_precision: 0x16, vertical_precision: 0x13,
///     latitude: (1 << 31) + 152_514_000, longitude: (1 << 31) - 255_978_000, altitude: 10_000_000 - 2_400,
/// };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("cambridge-net.kei.com.", Class::IN, 300, &loc)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(
///     message.answers().next().unwrap().rdata().to_string(),
///     "42 21 54.000 N 71 6 18.000 W -24.00m 30m 10000m 10m"
/// );
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    /// The version, 0.
    pub version: u8,
    /// Diameter of the enclosing sphere, encoded.
    pub size: u8,
    /// Horizontal precision, encoded.
    pub horizontal_precision: u8,
    /// Vertical precision, encoded.
    pub vertical_precision: u8,
    /// Latitude, encoded.
    pub latitude: u32,
    /// Longitude, encoded.
    pub longitude: u32,
    /// Altitude, encoded.
    pub altitude: u32,
}

const EQUATOR: u32 = 1 << 31;

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Loc> {
    let mut fields = Fields::new(message, rdata);
    let version = fields.u8()?;
    if version != 0 {
        return Err(Error::BadLoc);
    }
    let loc = Loc {
        version,
        size: fields.u8()?,
        horizontal_precision: fields.u8()?,
        vertical_precision: fields.u8()?,
        latitude: fields.u32()?,
        longitude: fields.u32()?,
        altitude: fields.u32()?,
    };
    fields.done()?;
    let digits_ok = [loc.size, loc.horizontal_precision, loc.vertical_precision]
        .iter()
        .all(|&v| v >> 4 <= 9 && v & 0x0f <= 9 && (v >> 4 != 0 || v == 0));
    let max_latitude = 90 * 3_600_000;
    let max_longitude = 180 * 3_600_000;
    if !digits_ok || loc.latitude.abs_diff(EQUATOR) > max_latitude || loc.longitude.abs_diff(EQUATOR) > max_longitude {
        return Err(Error::BadLoc);
    }
    Ok(loc)
}

/// Writes an encoded size in metres, as BIND does: whole metres from an
/// exponent of 2 up, else `0.cc`.
fn write_size(f: &mut fmt::Formatter<'_>, encoded: u8) -> fmt::Result {
    let mantissa = u64::from(encoded >> 4);
    let exponent = u32::from(encoded & 0x0f);
    if exponent >= 2 {
        write!(f, "{}m", mantissa * 10u64.pow(exponent - 2))
    } else {
        write!(f, "0.{:02}m", mantissa * 10u64.pow(exponent))
    }
}

/// Writes degrees, minutes, seconds and a hemisphere letter (the positive
/// one on the equator or meridian itself, as dig prints it).
fn write_angle(f: &mut fmt::Formatter<'_>, encoded: u32, positive: char, negative: char) -> fmt::Result {
    let (hemisphere, value) =
        if encoded >= EQUATOR { (positive, encoded - EQUATOR) } else { (negative, EQUATOR - encoded) };
    let thousandths = value % 1000;
    let seconds = value / 1000 % 60;
    let minutes = value / 60_000 % 60;
    let degrees = value / 3_600_000;
    write!(f, "{degrees} {minutes} {seconds}.{thousandths:03} {hemisphere}")
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_angle(f, self.latitude, 'N', 'S')?;
        f.write_str(" ")?;
        write_angle(f, self.longitude, 'E', 'W')?;
        let (sign, cm) = match self.altitude.checked_sub(10_000_000) {
            Some(above) => ("", above),
            None => ("-", 10_000_000 - self.altitude),
        };
        write!(f, " {sign}{}.{:02}m ", cm / 100, cm % 100)?;
        write_size(f, self.size)?;
        f.write_str(" ")?;
        write_size(f, self.horizontal_precision)?;
        f.write_str(" ")?;
        write_size(f, self.vertical_precision)
    }
}

impl ComposeRdata for Loc {
    fn rtype(&self) -> Rtype {
        Rtype::LOC
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(&[self.version, self.size, self.horizontal_precision, self.vertical_precision])?;
        for value in [self.latitude, self.longitude, self.altitude] {
            out.u32(value)?;
        }
        Ok(())
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let latitude = scan_angle(s, "LOC latitude", 90, b'N', b'S')?;
    let longitude = scan_angle(s, "LOC longitude", 180, b'E', b'W')?;
    let token = s.token("LOC altitude")?;
    let altitude = parse_metres(token.raw, true)
        .and_then(|cm| cm.checked_add(10_000_000))
        .and_then(|cm| u32::try_from(cm).ok())
        .ok_or_else(|| s.error_at(&token, "LOC altitude", Error::BadLoc))?;
    // Size 1m, horizontal precision 10000m, vertical 10m, unless given.
    let mut encoded = [0x12, 0x16, 0x13];
    for (slot, field) in encoded.iter_mut().zip(["LOC size", "LOC horizontal precision", "LOC vertical precision"]) {
        let Some(token) = s.next_token()? else { break };
        *slot = parse_metres(token.raw, false)
            .and_then(encode_size)
            .ok_or_else(|| s.error_at(&token, field, Error::BadLoc))?;
    }
    let loc = Loc {
        version: 0,
        size: encoded[0],
        horizontal_precision: encoded[1],
        vertical_precision: encoded[2],
        latitude,
        longitude,
        altitude,
    };
    loc.compose(out).map_err(|e| s.error_here("LOC", e))
}

/// Degrees, then optional minutes and seconds (with up to three decimals),
/// then the hemisphere letter.
fn scan_angle(
    s: &mut Scanner<'_>,
    field: &'static str,
    max_degrees: u32,
    positive: u8,
    negative: u8,
) -> TextResult<u32> {
    let letter = |token: &crate::rdata::scan::Token<'_>| match token.raw.as_bytes() {
        [l] if l.to_ascii_uppercase() == positive => Some(true),
        [l] if l.to_ascii_uppercase() == negative => Some(false),
        _ => None,
    };
    let degrees = s.number(field, max_degrees.into()).map_err(|e| e.with_error(Error::BadLoc))?;
    let mut value = degrees * 3_600_000;
    let mut token = s.token(field)?;
    if letter(&token).is_none() {
        let minutes = crate::rdata::scan::parse_decimal(token.raw).filter(|&m| m < 60);
        value += minutes.ok_or_else(|| s.error_at(&token, field, Error::BadLoc))? * 60_000;
        token = s.token(field)?;
        if letter(&token).is_none() {
            let seconds = parse_thousandths(token.raw).filter(|&ms| ms < 60_000);
            value += seconds.ok_or_else(|| s.error_at(&token, field, Error::BadLoc))?;
            token = s.token(field)?;
        }
    }
    let north_or_east = letter(&token).ok_or_else(|| s.error_at(&token, field, Error::BadLoc))?;
    if value > u64::from(max_degrees) * 3_600_000 {
        return Err(s.error_at(&token, field, Error::BadLoc));
    }
    let value = value as u32;
    Ok(if north_or_east { EQUATOR + value } else { EQUATOR - value })
}

/// Seconds with up to three decimals, in thousandths.
fn parse_thousandths(text: &str) -> Option<u64> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 3 || (text.contains('.') && fraction.is_empty()) {
        return None;
    }
    let whole = crate::rdata::scan::parse_decimal(whole)?;
    let mut thousandths = 0;
    for (i, digit) in fraction.bytes().enumerate() {
        if !digit.is_ascii_digit() {
            return None;
        }
        thousandths += u64::from(digit - b'0') * [100, 10, 1][i];
    }
    whole.checked_mul(1000)?.checked_add(thousandths)
}

/// Metres with up to two decimals and an optional `m`, in centimetres;
/// negative only when `signed`.
fn parse_metres(text: &str, signed: bool) -> Option<i64> {
    let text = text.strip_suffix(['m', 'M']).unwrap_or(text);
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) if signed => (true, rest),
        Some(_) => return None,
        None => (false, text),
    };
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    if fraction.len() > 2 || (text.contains('.') && fraction.is_empty()) {
        return None;
    }
    let whole = i64::try_from(crate::rdata::scan::parse_decimal(whole)?).ok()?;
    let mut cm = whole.checked_mul(100)?;
    for (i, digit) in fraction.bytes().enumerate() {
        if !digit.is_ascii_digit() {
            return None;
        }
        cm = cm.checked_add(i64::from(digit - b'0') * [10, 1][i])?;
    }
    Some(if negative { -cm } else { cm })
}

/// Centimetres as RFC 1876's mantissa and exponent, rounded down as BIND
/// does; at most 9 × 10⁹ cm.
fn encode_size(cm: i64) -> Option<u8> {
    let mut mantissa = u64::try_from(cm).ok()?;
    let mut exponent = 0u8;
    while mantissa > 9 {
        mantissa /= 10;
        exponent += 1;
    }
    (exponent <= 9).then_some((mantissa as u8) << 4 | exponent)
}
