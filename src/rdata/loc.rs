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
//! Digits above 9, a latitude beyond 90° or a longitude beyond 180° are
//! [`Error::BadLoc`], as BIND reads them.

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::fields::Fields;
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
    let digits_ok =
        [loc.size, loc.horizontal_precision, loc.vertical_precision].iter().all(|&v| v >> 4 <= 9 && v & 0x0f <= 9);
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
