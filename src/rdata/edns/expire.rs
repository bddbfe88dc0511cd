//! EXPIRE: how long a secondary's copy of a zone stays good
//! ([RFC 7314](https://www.rfc-editor.org/rfc/rfc7314)).
//!
//! # Wire format
//! ```text
//! OPTION-CODE     9
//! EXPIRE          absent (a query), or u32 seconds (an answer)
//! ```
//! RFC 7314 §2: OPTION-LENGTH is 0 in a query and 4 in an answer; BIND's
//! parser refuses other lengths.

use core::fmt;

use super::{put, ComposeOption, OptionCode};
use crate::error::{Error, Result};

/// An EXPIRE option ([RFC 7314](https://www.rfc-editor.org/rfc/rfc7314)), option
/// code 9: empty in a query, the seconds until the zone expires (u32) in an
/// answer (the SOA expire timer, counted down on a secondary).
///
/// ```
/// use dnswire::{EdnsOption, EdnsOptionData, Expire, OptionCode};
///
/// let option = EdnsOption { code: OptionCode::EXPIRE, data: &[0x00, 0x01, 0x5f, 0x90] };
/// let EdnsOptionData::Expire(expire) = option.decode()? else { unreachable!() };
/// assert_eq!(expire.expire, Some(90_000));
/// assert_eq!(expire.to_string(), "; EXPIRE: 90000 (1 day 1 hour)");
/// assert_eq!(Expire::QUERY.to_string(), "; EXPIRE:");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Expire {
    /// Seconds until the zone expires; `None` in a query.
    pub expire: Option<u32>,
}

impl Expire {
    /// What a query carries to ask for it: no value (RFC 7314 §2).
    pub const QUERY: Expire = Expire { expire: None };

    /// An EXPIRE option of `expire` seconds; `None` for a query's.
    pub const fn new(expire: Option<u32>) -> Self {
        Expire { expire }
    }

    /// Reads an EXPIRE option's data.
    ///
    /// # Errors
    /// [`Error::BadOption`] unless it is 0 or 4 bytes long.
    pub fn parse(data: &[u8]) -> Result<Self> {
        match *data {
            [] => Ok(Expire { expire: None }),
            [a, b, c, d] => Ok(Expire { expire: Some(u32::from_be_bytes([a, b, c, d])) }),
            _ => Err(Error::BadOption),
        }
    }
}

impl fmt::Display for Expire {
    /// As dig prints it: `; EXPIRE: <seconds> (<duration>)`, the duration
    /// in weeks, days, hours, minutes and seconds as BIND spells TTLs
    /// (`1 week 2 days`, `0 seconds`); `; EXPIRE:` in a query.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("; EXPIRE:")?;
        let Some(seconds) = self.expire else {
            return Ok(());
        };
        write!(f, " {seconds} (")?;
        let units = [(604_800, "week"), (86_400, "day"), (3_600, "hour"), (60, "minute"), (1, "second")];
        let mut rest = seconds;
        let mut first = true;
        for (size, name) in units {
            let count = rest / size;
            rest %= size;
            if count == 0 {
                continue;
            }
            if !first {
                f.write_str(" ")?;
            }
            first = false;
            write!(f, "{count} {name}{}", if count == 1 { "" } else { "s" })?;
        }
        if first {
            f.write_str("0 seconds")?;
        }
        f.write_str(")")
    }
}

impl ComposeOption for Expire {
    fn code(&self) -> OptionCode {
        OptionCode::EXPIRE
    }

    fn data_len(&self) -> usize {
        if self.expire.is_some() {
            4
        } else {
            0
        }
    }

    fn write_data(&self, out: &mut [u8]) {
        if let Some(seconds) = self.expire {
            put(out, 0, &seconds.to_be_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_as_dig() {
        // dig 9.18's lines for crafted options replayed to it.
        for (seconds, dig) in [
            (0, "0 (0 seconds)"),
            (1, "1 (1 second)"),
            (59, "59 (59 seconds)"),
            (60, "60 (1 minute)"),
            (61, "61 (1 minute 1 second)"),
            (3599, "3599 (59 minutes 59 seconds)"),
            (3600, "3600 (1 hour)"),
            (3661, "3661 (1 hour 1 minute 1 second)"),
            (7322, "7322 (2 hours 2 minutes 2 seconds)"),
            (86400, "86400 (1 day)"),
            (90061, "90061 (1 day 1 hour 1 minute 1 second)"),
            (604800, "604800 (1 week)"),
            (1209600, "1209600 (2 weeks)"),
            (4294967295, "4294967295 (7101 weeks 3 days 6 hours 28 minutes 15 seconds)"),
        ] {
            assert_eq!(Expire::new(Some(seconds)).to_string(), format!("; EXPIRE: {dig}"));
        }
        assert_eq!(Expire::parse(&[]).unwrap().to_string(), "; EXPIRE:");
    }

    #[test]
    fn round_trips() {
        for expire in [Expire::QUERY, Expire::new(Some(604_800))] {
            let mut out = [0u8; 4];
            let len = expire.data_len();
            expire.write_data(&mut out[..len]);
            assert_eq!(Expire::parse(&out[..len]), Ok(expire));
        }
    }

    #[test]
    fn rejects_lengths_other_than_0_and_4() {
        for data in [&[1][..], &[0, 0, 0x0e], &[0, 0, 0, 0x0e, 0x10]] {
            assert_eq!(Expire::parse(data), Err(Error::BadOption));
        }
    }
}
