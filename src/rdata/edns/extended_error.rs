//! EDE: extended DNS errors ([RFC 8914](https://www.rfc-editor.org/rfc/rfc8914)).
//!
//! # Wire format
//! ```text
//! OPTION-CODE     15
//! INFO-CODE       u16, from the IANA "Extended DNS Error Codes" registry
//! EXTRA-TEXT      the rest: UTF-8 for a human, possibly empty, "SHOULD NOT" end in NUL
//! ```
//! A message may carry several (RFC 8914 §3). The text is kept as bytes:
//! one that is not UTF-8 is not a reason to drop the option (BIND's parser
//! refuses the message); it is printed with the stray bytes escaped.

use core::fmt::{self, Write};

use super::{check_data_len, put, ComposeOption, OptionCode};
use crate::error::{Error, Result};

/// An extended DNS error ([RFC 8914 §2](https://www.rfc-editor.org/rfc/rfc8914#section-2)),
/// option code 15: an INFO-CODE (u16) and EXTRA-TEXT, meant to be UTF-8.
///
/// ```
/// use dnswire::{EdeCode, EdnsOption, EdnsOptionData, ExtendedError, OptionCode};
///
/// // BIND's answer to a query its `allow-query` refuses.
/// let option = EdnsOption { code: OptionCode::EXTENDED_ERROR, data: &[0x00, 0x12] };
/// let EdnsOptionData::ExtendedError(ede) = option.decode()? else { unreachable!() };
/// assert_eq!(ede.info_code(), EdeCode::PROHIBITED);
/// assert_eq!(ede.to_string(), "; EDE: 18 (Prohibited)");
///
/// let stale = ExtendedError::new(EdeCode::STALE_ANSWER, "resolver timed out")?;
/// assert_eq!(stale.text(), Some("resolver timed out"));
/// assert_eq!(stale.to_string(), "; EDE: 3 (Stale Answer): (resolver timed out)");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ExtendedError<'a> {
    code: EdeCode,
    text: &'a [u8],
}

impl<'a> ExtendedError<'a> {
    /// An extended error to send, with `text` (empty for none).
    ///
    /// # Errors
    /// [`Error::BadOption`] if `text` is longer than 65 533 bytes.
    pub fn new(code: EdeCode, text: &'a str) -> Result<Self> {
        if text.len() > super::MAX_DATA_LEN - 2 {
            return Err(Error::BadOption);
        }
        Ok(ExtendedError { code, text: text.as_bytes() })
    }

    /// Reads an extended error option's data: the code, then any bytes.
    ///
    /// # Errors
    /// [`Error::BadOption`] if it is shorter than the 2-byte code, or
    /// longer than an option can be.
    pub fn parse(data: &'a [u8]) -> Result<Self> {
        check_data_len(data)?;
        let (code, text) = data.split_first_chunk::<2>().ok_or(Error::BadOption)?;
        Ok(ExtendedError { code: EdeCode(u16::from_be_bytes(*code)), text })
    }

    /// INFO-CODE.
    pub fn info_code(&self) -> EdeCode {
        self.code
    }

    /// EXTRA-TEXT, if it is UTF-8.
    pub fn text(&self) -> Option<&'a str> {
        core::str::from_utf8(self.text).ok()
    }

    /// EXTRA-TEXT as it came, whatever it holds.
    pub fn text_bytes(&self) -> &'a [u8] {
        self.text
    }
}

impl fmt::Display for ExtendedError<'_> {
    /// As dig 9.18 prints it: `; EDE: <code>`, then ` (<name>)` for the
    /// codes dig 9.18 names (0 to 24, see [`EdeCode::name`] for how its
    /// names differ from IANA's), then `: (<text>)` unless the text is
    /// empty. In the text, the ASCII control characters (and DEL) become
    /// `.`, other UTF-8 stays as it is; a byte that is not UTF-8 (which
    /// dig refuses) is written `\DDD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "; EDE: {}", self.code.0)?;
        if let Some(name) = self.code.dig_name() {
            write!(f, " ({name})")?;
        }
        if self.text.is_empty() {
            return Ok(());
        }
        f.write_str(": (")?;
        for chunk in self.text.utf8_chunks() {
            for c in chunk.valid().chars() {
                f.write_char(if c.is_ascii_control() { '.' } else { c })?;
            }
            for byte in chunk.invalid() {
                write!(f, "\\{byte:03}")?;
            }
        }
        f.write_str(")")
    }
}

impl ComposeOption for ExtendedError<'_> {
    fn code(&self) -> OptionCode {
        OptionCode::EXTENDED_ERROR
    }

    fn data_len(&self) -> usize {
        2 + self.text.len()
    }

    fn write_data(&self, out: &mut [u8]) {
        put(out, 0, &self.code.0.to_be_bytes());
        put(out, 2, self.text);
    }
}

//--- EdeCode

/// An extended DNS error's INFO-CODE (IANA "Extended DNS Error Codes",
/// RFC 8914 §5.2). Unknown codes survive as their number.
///
/// `Display` is the registered name, or the number for a code without one.
///
/// ```
/// use dnswire::EdeCode;
///
/// assert_eq!(EdeCode::DNSSEC_BOGUS.to_string(), "DNSSEC Bogus");
/// assert_eq!(EdeCode(29).name(), Some("Synthesized"));
/// assert_eq!(EdeCode(4000).to_string(), "4000");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EdeCode(pub u16);

/// Defines the registered codes: constant, value, IANA's name.
macro_rules! ede_codes {
    ($($(#[$doc:meta])* $constant:ident = $value:literal, $name:literal;)*) => {
        impl EdeCode {
            $($(#[$doc])* pub const $constant: EdeCode = EdeCode($value);)*

            /// The name IANA's registry gives the code, if it is registered.
            ///
            /// dig 9.18 prints these names for codes 0 to 24 but for two:
            /// 0 is "Other" there, 19 "Stale NXDOMAIN Answer"; it names
            /// none of the codes registered after RFC 8914 (25 and up).
            pub const fn name(self) -> Option<&'static str> {
                match self.0 {
                    $($value => Some($name),)*
                    _ => None,
                }
            }
        }
    };
}

ede_codes! {
    /// 0: none of the others (RFC 8914 §4.1).
    OTHER_ERROR = 0, "Other Error";
    /// 1: a DNSKEY RRset had only unsupported algorithms (RFC 8914 §4.2).
    UNSUPPORTED_DNSKEY_ALGORITHM = 1, "Unsupported DNSKEY Algorithm";
    /// 2: a DS RRset had only unsupported digest types (RFC 8914 §4.3).
    UNSUPPORTED_DS_DIGEST_TYPE = 2, "Unsupported DS Digest Type";
    /// 3: the answer is stale cached data (RFC 8914 §4.4).
    STALE_ANSWER = 3, "Stale Answer";
    /// 4: the answer was forged for policy reasons (RFC 8914 §4.5).
    FORGED_ANSWER = 4, "Forged Answer";
    /// 5: DNSSEC validation ended Indeterminate (RFC 8914 §4.6).
    DNSSEC_INDETERMINATE = 5, "DNSSEC Indeterminate";
    /// 6: DNSSEC validation ended Bogus (RFC 8914 §4.7).
    DNSSEC_BOGUS = 6, "DNSSEC Bogus";
    /// 7: no signature is valid and some are expired (RFC 8914 §4.8).
    SIGNATURE_EXPIRED = 7, "Signature Expired";
    /// 8: no signature is valid and some are not yet valid (RFC 8914 §4.9).
    SIGNATURE_NOT_YET_VALID = 8, "Signature Not Yet Valid";
    /// 9: no DNSKEY matches the parent's DS (RFC 8914 §4.10).
    DNSKEY_MISSING = 9, "DNSKEY Missing";
    /// 10: signatures were expected and none found (RFC 8914 §4.11).
    RRSIGS_MISSING = 10, "RRSIGs Missing";
    /// 11: no DNSKEY has the Zone Key bit set (RFC 8914 §4.12).
    NO_ZONE_KEY_BIT_SET = 11, "No Zone Key Bit Set";
    /// 12: no NSEC or NSEC3 proves the absence (RFC 8914 §4.13).
    NSEC_MISSING = 12, "NSEC Missing";
    /// 13: the resolver answers an error it cached (RFC 8914 §4.14).
    CACHED_ERROR = 13, "Cached Error";
    /// 14: the server is not yet able to answer (RFC 8914 §4.15).
    NOT_READY = 14, "Not Ready";
    /// 15: blocked by the operator's policy (RFC 8914 §4.16).
    BLOCKED = 15, "Blocked";
    /// 16: blocked by an external requirement (RFC 8914 §4.17).
    CENSORED = 16, "Censored";
    /// 17: blocked at the client's request (RFC 8914 §4.18).
    FILTERED = 17, "Filtered";
    /// 18: the client may not ask (RFC 8914 §4.19).
    PROHIBITED = 18, "Prohibited";
    /// 19: a stale cached NXDOMAIN (RFC 8914 §4.20).
    STALE_NXDOMAIN_ANSWER = 19, "Stale NXDomain Answer";
    /// 20: not authoritative, and no recursion (RFC 8914 §4.21).
    NOT_AUTHORITATIVE = 20, "Not Authoritative";
    /// 21: the operation is not supported (RFC 8914 §4.22).
    NOT_SUPPORTED = 21, "Not Supported";
    /// 22: no authoritative server could be reached (RFC 8914 §4.23).
    NO_REACHABLE_AUTHORITY = 22, "No Reachable Authority";
    /// 23: a network error talking to an authority (RFC 8914 §4.24).
    NETWORK_ERROR = 23, "Network Error";
    /// 24: the zone's data is not valid (RFC 8914 §4.25).
    INVALID_DATA = 24, "Invalid Data";
    /// 25: a signature's expiry is before its inception (registered
    /// after RFC 8914).
    SIGNATURE_EXPIRED_BEFORE_VALID = 25, "Signature Expired before Valid";
    /// 26: a 0-RTT query refused as too early (RFC 9250).
    TOO_EARLY = 26, "Too Early";
    /// 27: NSEC3 iterations above the resolver's limit (RFC 9276).
    UNSUPPORTED_NSEC3_ITERATIONS_VALUE = 27, "Unsupported NSEC3 Iterations Value";
    /// 28: the client's requested policy cannot be applied (registered
    /// after RFC 8914).
    UNABLE_TO_CONFORM_TO_POLICY = 28, "Unable to conform to policy";
    /// 29: the answer was synthesized (registered after RFC 8914).
    SYNTHESIZED = 29, "Synthesized";
    /// 30: a query of a type that may not be asked, NXNAME (RFC 9824 §3.5).
    INVALID_QUERY_TYPE = 30, "Invalid Query Type";
}

impl EdeCode {
    /// The name dig 9.18 prints after the code (see [`EdeCode::name`]).
    fn dig_name(self) -> Option<&'static str> {
        match self.0 {
            0 => Some("Other"),
            19 => Some("Stale NXDOMAIN Answer"),
            25.. => None,
            _ => self.name(),
        }
    }
}

impl fmt::Display for EdeCode {
    /// IANA's name, or the number for a code without one.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => f.write_str(name),
            None => write!(f, "{}", self.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// dig 9.18's line for an EDE of each code 0 to 31, no text (crafted,
    /// replayed to dig).
    const DIG_LINES: [&str; 32] = [
        "; EDE: 0 (Other)",
        "; EDE: 1 (Unsupported DNSKEY Algorithm)",
        "; EDE: 2 (Unsupported DS Digest Type)",
        "; EDE: 3 (Stale Answer)",
        "; EDE: 4 (Forged Answer)",
        "; EDE: 5 (DNSSEC Indeterminate)",
        "; EDE: 6 (DNSSEC Bogus)",
        "; EDE: 7 (Signature Expired)",
        "; EDE: 8 (Signature Not Yet Valid)",
        "; EDE: 9 (DNSKEY Missing)",
        "; EDE: 10 (RRSIGs Missing)",
        "; EDE: 11 (No Zone Key Bit Set)",
        "; EDE: 12 (NSEC Missing)",
        "; EDE: 13 (Cached Error)",
        "; EDE: 14 (Not Ready)",
        "; EDE: 15 (Blocked)",
        "; EDE: 16 (Censored)",
        "; EDE: 17 (Filtered)",
        "; EDE: 18 (Prohibited)",
        "; EDE: 19 (Stale NXDOMAIN Answer)",
        "; EDE: 20 (Not Authoritative)",
        "; EDE: 21 (Not Supported)",
        "; EDE: 22 (No Reachable Authority)",
        "; EDE: 23 (Network Error)",
        "; EDE: 24 (Invalid Data)",
        "; EDE: 25",
        "; EDE: 26",
        "; EDE: 27",
        "; EDE: 28",
        "; EDE: 29",
        "; EDE: 30",
        "; EDE: 31",
    ];

    #[test]
    fn prints_every_code_as_dig() {
        for (code, dig) in DIG_LINES.iter().enumerate() {
            let data = (code as u16).to_be_bytes();
            assert_eq!(ExtendedError::parse(&data).unwrap().to_string(), *dig);
        }
        assert_eq!(ExtendedError::parse(&[0xff, 0xff]).unwrap().to_string(), "; EDE: 65535");
    }

    #[test]
    fn names_every_registered_code() {
        // The IANA registry: RFC 8914 §5.2's 0 to 24, then 25 to 29 as
        // registered since, and 30 from RFC 9824.
        let iana = [
            "Other Error",
            "Unsupported DNSKEY Algorithm",
            "Unsupported DS Digest Type",
            "Stale Answer",
            "Forged Answer",
            "DNSSEC Indeterminate",
            "DNSSEC Bogus",
            "Signature Expired",
            "Signature Not Yet Valid",
            "DNSKEY Missing",
            "RRSIGs Missing",
            "No Zone Key Bit Set",
            "NSEC Missing",
            "Cached Error",
            "Not Ready",
            "Blocked",
            "Censored",
            "Filtered",
            "Prohibited",
            "Stale NXDomain Answer",
            "Not Authoritative",
            "Not Supported",
            "No Reachable Authority",
            "Network Error",
            "Invalid Data",
            "Signature Expired before Valid",
            "Too Early",
            "Unsupported NSEC3 Iterations Value",
            "Unable to conform to policy",
            "Synthesized",
            "Invalid Query Type",
        ];
        for (code, name) in iana.iter().enumerate() {
            assert_eq!(EdeCode(code as u16).name(), Some(*name), "{code}");
            assert_eq!(EdeCode(code as u16).to_string(), *name);
        }
        assert_eq!(EdeCode(31).name(), None);
        assert_eq!(EdeCode(31).to_string(), "31");
        assert_eq!(EdeCode::PROHIBITED, EdeCode(18));
        assert_eq!(EdeCode::INVALID_QUERY_TYPE, EdeCode(30));
    }

    #[test]
    fn prints_text_as_dig() {
        // dig 9.18's lines for crafted options with EXTRA-TEXT.
        let cases: &[(&[u8], &str)] = &[
            (b"\x00\x06bad sig", "; EDE: 6 (DNSSEC Bogus): (bad sig)"),
            (b"\x00\x06a\"b\\c d\x00\x7f\x09x", "; EDE: 6 (DNSSEC Bogus): (a\"b\\c d...x)"),
            ("\x00\x06é€😀".as_bytes(), "; EDE: 6 (DNSSEC Bogus): (é€😀)"),
            ("\x00\x06a\u{85}b\u{a0}c\u{2028}d".as_bytes(), "; EDE: 6 (DNSSEC Bogus): (a\u{85}b\u{a0}c\u{2028}d)"),
            (b"\x00\x06a\x7fb\x1bc\x0a", "; EDE: 6 (DNSSEC Bogus): (a.b.c.)"),
            (b"\x00\x06", "; EDE: 6 (DNSSEC Bogus)"),
            (b"\x00\x06abc\x00", "; EDE: 6 (DNSSEC Bogus): (abc.)"),
            (b"\x01\x00abc", "; EDE: 256: (abc)"),
        ];
        for &(data, dig) in cases {
            assert_eq!(ExtendedError::parse(data).unwrap().to_string(), dig);
        }
    }

    #[test]
    fn keeps_text_that_is_not_utf8() {
        // RFC 8914 §2 asks for UTF-8; dig refuses the message otherwise.
        // Kept, and printed with the stray bytes as \DDD.
        let ede = ExtendedError::parse(b"\x00\x06a\xffb\xc3").unwrap();
        assert_eq!(ede.text(), None);
        assert_eq!(ede.text_bytes(), b"a\xffb\xc3");
        assert_eq!(ede.to_string(), r"; EDE: 6 (DNSSEC Bogus): (a\255b\195)");
    }

    #[test]
    fn round_trips() {
        let ede = ExtendedError::new(EdeCode::NETWORK_ERROR, "192.0.2.53:53 timed out").unwrap();
        let mut out = [0u8; 64];
        let len = ede.data_len();
        ede.write_data(&mut out[..len]);
        assert_eq!(ExtendedError::parse(&out[..len]), Ok(ede));
        assert_eq!(&out[..2], [0, 23]);
    }

    #[test]
    fn rejects_data_shorter_than_the_code() {
        assert_eq!(ExtendedError::parse(&[]), Err(Error::BadOption));
        assert_eq!(ExtendedError::parse(&[0]), Err(Error::BadOption));
    }
}
