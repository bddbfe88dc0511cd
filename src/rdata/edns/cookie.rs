//! COOKIE: DNS cookies ([RFC 7873](https://www.rfc-editor.org/rfc/rfc7873)).
//!
//! # Wire format
//! ```text
//! OPTION-CODE     10
//! Client Cookie   8 bytes
//! Server Cookie   absent, or 8 to 32 bytes (RFC 7873 §4.2)
//! ```
//! So 8 or 16 to 40 bytes in all; RFC 7873 §5.2.2 has any other length
//! answered with FORMERR, and BIND's parser refuses it.
//! [RFC 9018](https://www.rfc-editor.org/rfc/rfc9018) makes the server
//! cookie 16 bytes: version, 3 reserved bytes, a timestamp, a 64-bit hash.

use core::fmt;

use super::{put, write_hex, ComposeOption, OptionCode};
use crate::error::{Error, Result};

/// A DNS cookie ([RFC 7873 §4](https://www.rfc-editor.org/rfc/rfc7873#section-4)),
/// option code 10: an 8-byte client cookie and, in a response (or a query
/// from a client that has learned it), a server cookie of 8 to 32 bytes.
///
/// `Display` is dig's line for a message on its own: `; COOKIE: <hex>`.
/// dig adds ` (good)` or ` (bad)` when it sent a cookie itself and so
/// knows whether the client half is its own; a message alone does not
/// tell, so nothing is added here — compare [`Cookie::client`] with the
/// cookie you sent.
///
/// ```
/// use dnswire::{Cookie, EdnsOption, EdnsOptionData, OptionCode};
///
/// // RFC 9018 Appendix A.1: the client sends its cookie alone…
/// let client = [0x24, 0x64, 0xc4, 0xab, 0xcf, 0x10, 0xc9, 0x57];
/// let query = Cookie::new(client, &[])?;
/// assert_eq!(query.to_string(), "; COOKIE: 2464c4abcf10c957");
/// // …and the server answers with it and a 16-byte server cookie.
/// let data = b"\x24\x64\xc4\xab\xcf\x10\xc9\x57\x01\x00\x00\x00\x5c\xf7\x9f\x11\x1f\x81\x30\xc3\xee\xe2\x94\x80";
/// let option = EdnsOption { code: OptionCode::COOKIE, data };
/// let EdnsOptionData::Cookie(answer) = option.decode()? else { unreachable!() };
/// assert_eq!(answer.client(), client);
/// assert_eq!(answer.server().len(), 16);
/// assert_eq!(answer.to_string(), "; COOKIE: 2464c4abcf10c957010000005cf79f111f8130c3eee29480");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cookie<'a> {
    client: [u8; 8],
    server: &'a [u8],
}

impl<'a> Cookie<'a> {
    /// The length of a client cookie (RFC 7873 §4.1).
    pub const CLIENT_LEN: usize = 8;
    /// The shortest server cookie (RFC 7873 §4.2).
    pub const MIN_SERVER_LEN: usize = 8;
    /// The longest server cookie (RFC 7873 §4.2).
    pub const MAX_SERVER_LEN: usize = 32;

    /// A cookie to send: the client cookie and the server cookie, empty
    /// when none is known yet.
    ///
    /// # Errors
    /// [`Error::BadOption`] if `server` is neither empty nor 8 to 32 bytes.
    pub fn new(client: [u8; 8], server: &'a [u8]) -> Result<Self> {
        if !server.is_empty() && !(Self::MIN_SERVER_LEN..=Self::MAX_SERVER_LEN).contains(&server.len()) {
            return Err(Error::BadOption);
        }
        Ok(Cookie { client, server })
    }

    /// Reads a cookie option's data.
    ///
    /// # Errors
    /// [`Error::BadOption`] unless it is 8 or 16 to 40 bytes long.
    pub fn parse(data: &'a [u8]) -> Result<Self> {
        let (client, server) = data.split_first_chunk::<8>().ok_or(Error::BadOption)?;
        Self::new(*client, server)
    }

    /// The client cookie.
    pub fn client(&self) -> [u8; 8] {
        self.client
    }

    /// The server cookie, empty when there is none.
    pub fn server(&self) -> &'a [u8] {
        self.server
    }
}

impl fmt::Display for Cookie<'_> {
    /// As dig prints it: `; COOKIE: ` then both cookies in lower-case hex,
    /// unbroken (see [`Cookie`] for dig's `(good)`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("; COOKIE: ")?;
        write_hex(f, &self.client, "")?;
        write_hex(f, self.server, "")
    }
}

impl ComposeOption for Cookie<'_> {
    fn code(&self) -> OptionCode {
        OptionCode::COOKIE
    }

    fn data_len(&self) -> usize {
        Self::CLIENT_LEN + self.server.len()
    }

    fn write_data(&self, out: &mut [u8]) {
        put(out, 0, &self.client);
        put(out, Self::CLIENT_LEN, self.server);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
    }

    #[test]
    fn rfc_9018_appendix_a_cookies() {
        // A.1, A.2 and A.3: the client cookies and the servers' answers.
        for (client, answer) in [
            ("2464c4abcf10c957", "2464c4abcf10c957010000005cf79f111f8130c3eee29480"),
            ("2464c4abcf10c957", "2464c4abcf10c957010000005cf7a871d4a564a1442aca77"),
            ("fc93fc62807ddb86", "fc93fc62807ddb86010000005cf7a9acf73a7810aca2381e"),
        ] {
            let client_bytes = hex(client);
            let query = Cookie::parse(&client_bytes).unwrap();
            assert!(query.server().is_empty());
            assert_eq!(query.to_string(), format!("; COOKIE: {client}"));
            let answer_bytes = hex(answer);
            let cookie = Cookie::parse(&answer_bytes).unwrap();
            assert_eq!(cookie.client(), query.client());
            assert_eq!(cookie.server(), &answer_bytes[8..]);
            // RFC 9018 §4.2: version 1, then three reserved bytes.
            assert_eq!(cookie.server()[..4], [1, 0, 0, 0]);
            // The dig line RFC 9018 shows, less dig's " (good)".
            assert_eq!(cookie.to_string(), format!("; COOKIE: {answer}"));
        }
    }

    #[test]
    fn round_trips() {
        let server = [7u8; 32];
        for cookie in [Cookie::new([1; 8], &[]).unwrap(), Cookie::new([1; 8], &server).unwrap()] {
            let mut out = [0u8; 40];
            let len = cookie.data_len();
            cookie.write_data(&mut out[..len]);
            assert_eq!(Cookie::parse(&out[..len]), Ok(cookie));
        }
    }

    #[test]
    fn rejects_lengths_rfc_7873_forbids() {
        // 0, 7, 9, 15 and 41 bytes: dig 9.18 refuses each message too.
        for len in [0, 1, 7, 9, 15, 41, 100] {
            assert_eq!(Cookie::parse(&[0xab; 100][..len]), Err(Error::BadOption), "{len}");
        }
        for len in [8, 16, 24, 32, 40] {
            assert!(Cookie::parse(&[0xab; 40][..len]).is_ok(), "{len}");
        }
        assert_eq!(Cookie::new([0; 8], &[0; 7]), Err(Error::BadOption));
        assert_eq!(Cookie::new([0; 8], &[0; 33]), Err(Error::BadOption));
    }
}
