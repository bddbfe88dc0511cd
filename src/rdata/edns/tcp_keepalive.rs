//! TCP KEEPALIVE: how long a server keeps an idle TCP connection open
//! ([RFC 7828](https://www.rfc-editor.org/rfc/rfc7828)).
//!
//! # Wire format
//! ```text
//! OPTION-CODE     11
//! TIMEOUT         absent (a client's query), or u16 in units of 100 ms (a server's answer)
//! ```
//! RFC 7828 §3.1: OPTION-LENGTH is 0 or 2; RFC 7828 §3.2.1 has a client
//! send it empty and only over TCP.

use core::fmt;

use super::{put, ComposeOption, OptionCode};
use crate::error::{Error, Result};

/// A TCP keepalive option ([RFC 7828 §3.1](https://www.rfc-editor.org/rfc/rfc7828#section-3.1)),
/// option code 11: no data in a query, the server's idle timeout (u16, in
/// units of 100 ms) in an answer.
///
/// ```
/// use dnswire::{EdnsOption, EdnsOptionData, OptionCode, TcpKeepalive};
///
/// // BIND's answer with `tcp-advertised-timeout 100;` (10 seconds).
/// let option = EdnsOption { code: OptionCode::TCP_KEEPALIVE, data: &[0x00, 0x64] };
/// let EdnsOptionData::TcpKeepalive(keepalive) = option.decode()? else { unreachable!() };
/// assert_eq!(keepalive.timeout, Some(100));
/// assert_eq!(keepalive.timeout_millis(), Some(10_000));
/// assert_eq!(keepalive.to_string(), "; TCP KEEPALIVE: 10.0 secs");
/// assert_eq!(TcpKeepalive::QUERY.to_string(), "; TCP KEEPALIVE:");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct TcpKeepalive {
    /// TIMEOUT in units of 100 milliseconds, 0 to 65 535 (6 553.5 s);
    /// `None` in a query.
    pub timeout: Option<u16>,
}

impl TcpKeepalive {
    /// What a client sends: no timeout (RFC 7828 §3.2.1).
    pub const QUERY: TcpKeepalive = TcpKeepalive { timeout: None };

    /// A keepalive option with `timeout` in units of 100 ms; `None` for a
    /// query's.
    pub const fn new(timeout: Option<u16>) -> Self {
        TcpKeepalive { timeout }
    }

    /// Reads a TCP keepalive option's data.
    ///
    /// # Errors
    /// [`Error::BadOption`] unless it is 0 or 2 bytes long (RFC 7828 §3.1).
    pub fn parse(data: &[u8]) -> Result<Self> {
        match *data {
            [] => Ok(TcpKeepalive { timeout: None }),
            [high, low] => Ok(TcpKeepalive { timeout: Some(u16::from_be_bytes([high, low])) }),
            _ => Err(Error::BadOption),
        }
    }

    /// The timeout in milliseconds.
    pub fn timeout_millis(&self) -> Option<u32> {
        self.timeout.map(|units| u32::from(units) * 100)
    }
}

impl fmt::Display for TcpKeepalive {
    /// As dig prints it: `; TCP KEEPALIVE: <seconds>.<tenths> secs`, and
    /// `; TCP KEEPALIVE:` without a timeout.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("; TCP KEEPALIVE:")?;
        match self.timeout {
            Some(units) => write!(f, " {}.{} secs", units / 10, units % 10),
            None => Ok(()),
        }
    }
}

impl ComposeOption for TcpKeepalive {
    fn code(&self) -> OptionCode {
        OptionCode::TCP_KEEPALIVE
    }

    fn data_len(&self) -> usize {
        if self.timeout.is_some() {
            2
        } else {
            0
        }
    }

    fn write_data(&self, out: &mut [u8]) {
        if let Some(units) = self.timeout {
            put(out, 0, &units.to_be_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeout_is_in_units_of_100_ms() {
        // RFC 7828 §3.1: "TIMEOUT is an idle timeout value for the TCP
        // connection, specified in units of 100 milliseconds".
        let keepalive = TcpKeepalive::parse(&[0x01, 0x2c]).unwrap();
        assert_eq!(keepalive.timeout, Some(300));
        assert_eq!(keepalive.timeout_millis(), Some(30_000));
        assert_eq!(TcpKeepalive::parse(&[0xff, 0xff]).unwrap().timeout_millis(), Some(6_553_500));
    }

    #[test]
    fn prints_as_dig() {
        // dig 9.18's lines for crafted options (tests/data/edns/).
        for (data, dig) in [
            (&[0x00, 0x64][..], "; TCP KEEPALIVE: 10.0 secs"),
            (&[0x01, 0x02], "; TCP KEEPALIVE: 25.8 secs"),
            (&[0x00, 0x01], "; TCP KEEPALIVE: 0.1 secs"),
            (&[0x00, 0x00], "; TCP KEEPALIVE: 0.0 secs"),
            (&[0xff, 0xff], "; TCP KEEPALIVE: 6553.5 secs"),
            (&[], "; TCP KEEPALIVE:"),
        ] {
            assert_eq!(TcpKeepalive::parse(data).unwrap().to_string(), dig);
        }
    }

    #[test]
    fn round_trips() {
        for keepalive in [TcpKeepalive::QUERY, TcpKeepalive::new(Some(0)), TcpKeepalive::new(Some(1200))] {
            let mut out = [0u8; 2];
            let len = keepalive.data_len();
            keepalive.write_data(&mut out[..len]);
            assert_eq!(TcpKeepalive::parse(&out[..len]), Ok(keepalive));
        }
    }

    #[test]
    fn rejects_lengths_other_than_0_and_2() {
        for data in [&[1][..], &[1, 2, 3], &[0, 1, 0, 2]] {
            assert_eq!(TcpKeepalive::parse(data), Err(Error::BadOption));
        }
    }
}
