//! EDNS(0): the OPT pseudo-record and its options, one file per option.
//!
//! [`Opt`] is the OPT record's RDATA and [`EdnsOption`] one option of it,
//! code and bytes. [`EdnsOption::decode`] gives the typed view of the
//! options this crate knows, [`EdnsOptionData`]; each view writes itself
//! back through [`ComposeOption`] and prints itself as dig 9.18 prints it in
//! the `;; OPT PSEUDOSECTION:` of a message.
//!
//! The options and their views: see [`EdnsOptionData`].
//!
//! # Strict and lenient
//! The options' framing (each length inside the RDATA, the RDATA filled
//! exactly) is checked when the message is parsed: a message that breaks it
//! is refused. What is inside an option is checked only when it is decoded:
//! a COOKIE of 12 bytes or a client subnet with bits set past its prefix
//! leaves the message intact and makes [`EdnsOption::decode`] return the
//! broken rule ([`Error::BadOption`], [`Error::BadClientSubnet`]). dig
//! refuses the whole message instead (`;; Got bad packet: malformed OPT
//! option`); a message's `Display` prints such an option as dig prints the
//! options it does not decode, `; LABEL: <hex bytes> ("<text>")`.
//!
//! # Printing
//! `Display` of every view, of [`EdnsOptionData`] and of [`EdnsOption`]
//! is the whole line dig prints, without its newline:
//!
//! ```
//! use dnswire::{Cookie, EdnsOption, OptionCode};
//!
//! let option = EdnsOption { code: OptionCode::NSID, data: b"knot" };
//! assert_eq!(option.to_string(), r#"; NSID: 6b 6e 6f 74 ("knot")"#);
//! let cookie = Cookie::new([0x24, 0x64, 0xc4, 0xab, 0xcf, 0x10, 0xc9, 0x57], &[])?;
//! assert_eq!(cookie.to_string(), "; COOKIE: 2464c4abcf10c957");
//! # Ok::<(), dnswire::Error>(())
//! ```

use core::fmt;

use crate::error::{Error, Result};

mod client_subnet;
mod cookie;
mod expire;
mod extended_error;
mod key_tag;
mod nsid;
pub(crate) mod opt;
#[cfg(feature = "alloc")]
mod option_buf;
mod padding;
mod tcp_keepalive;

pub use client_subnet::ClientSubnet;
pub use cookie::Cookie;
pub use expire::Expire;
pub use extended_error::{EdeCode, ExtendedError};
pub use key_tag::{KeyTag, KeyTags};
pub use nsid::Nsid;
pub use opt::{ComposeOption, Edns, EdnsOption, EdnsOptions, Opt, OptionCode};
#[cfg(feature = "alloc")]
pub use option_buf::EdnsOptionBuf;
pub use padding::Padding;
pub use tcp_keepalive::TcpKeepalive;

//--- EdnsOptionData

/// An EDNS option, decoded: one variant per option this crate knows, and
/// the others as they came.
///
/// | code | option | view | RFC |
/// |---|---|---|---|
/// | 3 | NSID | [`Nsid`] | [RFC 5001](https://www.rfc-editor.org/rfc/rfc5001) |
/// | 8 | CLIENT-SUBNET | [`ClientSubnet`] | [RFC 7871](https://www.rfc-editor.org/rfc/rfc7871) |
/// | 9 | EXPIRE | [`Expire`] | [RFC 7314](https://www.rfc-editor.org/rfc/rfc7314) |
/// | 10 | COOKIE | [`Cookie`] | [RFC 7873](https://www.rfc-editor.org/rfc/rfc7873) |
/// | 11 | TCP KEEPALIVE | [`TcpKeepalive`] | [RFC 7828](https://www.rfc-editor.org/rfc/rfc7828) |
/// | 12 | PADDING | [`Padding`] | [RFC 7830](https://www.rfc-editor.org/rfc/rfc7830), [RFC 8467](https://www.rfc-editor.org/rfc/rfc8467) |
/// | 14 | KEY-TAG | [`KeyTag`] | [RFC 8145](https://www.rfc-editor.org/rfc/rfc8145) |
/// | 15 | EDE | [`ExtendedError`] | [RFC 8914](https://www.rfc-editor.org/rfc/rfc8914) |
///
/// The option's framing was checked when the message was parsed; what is
/// inside it is checked by [`EdnsOption::decode`], which names the broken
/// rule and leaves the message intact.
///
/// ```
/// use dnswire::{EdnsOption, EdnsOptionData, OptionCode};
///
/// // A TCP keepalive of 100 units of 100 ms (RFC 7828 §3.1).
/// let option = EdnsOption { code: OptionCode::TCP_KEEPALIVE, data: &[0x00, 0x64] };
/// match option.decode()? {
///     EdnsOptionData::TcpKeepalive(keepalive) => assert_eq!(keepalive.timeout, Some(100)),
///     other => panic!("{other:?}"),
/// }
/// assert_eq!(option.to_string(), "; TCP KEEPALIVE: 10.0 secs");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum EdnsOptionData<'a> {
    /// Name server identifier (RFC 5001).
    Nsid(Nsid<'a>),
    /// Client subnet (RFC 7871).
    ClientSubnet(ClientSubnet),
    /// Zone expiry (RFC 7314).
    Expire(Expire),
    /// Cookie (RFC 7873).
    Cookie(Cookie<'a>),
    /// TCP keepalive (RFC 7828).
    TcpKeepalive(TcpKeepalive),
    /// Padding (RFC 7830).
    Padding(Padding),
    /// Trust anchor key tags (RFC 8145).
    KeyTag(KeyTag<'a>),
    /// Extended DNS error (RFC 8914).
    ExtendedError(ExtendedError<'a>),
    /// Any other option, code and bytes.
    Unknown(EdnsOption<'a>),
}

impl<'a> EdnsOption<'a> {
    /// The typed view of this option, by its code; options of other codes
    /// come back as [`EdnsOptionData::Unknown`].
    ///
    /// # Errors
    /// The broken rule of an option whose data does not fit its code:
    /// [`Error::BadOption`] or [`Error::BadClientSubnet`].
    pub fn decode(&self) -> Result<EdnsOptionData<'a>> {
        let data = self.data;
        Ok(match self.code {
            OptionCode::NSID => EdnsOptionData::Nsid(Nsid::parse(data)?),
            OptionCode::CLIENT_SUBNET => EdnsOptionData::ClientSubnet(ClientSubnet::parse(data)?),
            OptionCode::EXPIRE => EdnsOptionData::Expire(Expire::parse(data)?),
            OptionCode::COOKIE => EdnsOptionData::Cookie(Cookie::parse(data)?),
            OptionCode::TCP_KEEPALIVE => EdnsOptionData::TcpKeepalive(TcpKeepalive::parse(data)?),
            OptionCode::PADDING => EdnsOptionData::Padding(Padding::parse(data)?),
            OptionCode::KEY_TAG => EdnsOptionData::KeyTag(KeyTag::parse(data)?),
            OptionCode::EXTENDED_ERROR => EdnsOptionData::ExtendedError(ExtendedError::parse(data)?),
            _ => EdnsOptionData::Unknown(*self),
        })
    }
}

impl fmt::Display for EdnsOption<'_> {
    /// The line dig 9.18 prints for the option: typed for the options this
    /// crate decodes (see [`EdnsOptionData`]) and for dig's CLIENT-TAG,
    /// SERVER-TAG and LLQ; else, and for an option whose data breaks its
    /// rule, `; LABEL: <hex bytes> ("<text>")`, `.` standing for the bytes
    /// that are not printable ASCII.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.decode() {
            Ok(decoded) => decoded.fmt(f),
            Err(_) => write_generic(f, self.code, self.data),
        }
    }
}

impl fmt::Display for EdnsOptionData<'_> {
    /// The line dig 9.18 prints for the option (see [`EdnsOption`]'s).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EdnsOptionData::Nsid(v) => v.fmt(f),
            EdnsOptionData::ClientSubnet(v) => v.fmt(f),
            EdnsOptionData::Expire(v) => v.fmt(f),
            EdnsOptionData::Cookie(v) => v.fmt(f),
            EdnsOptionData::TcpKeepalive(v) => v.fmt(f),
            EdnsOptionData::Padding(v) => v.fmt(f),
            EdnsOptionData::KeyTag(v) => v.fmt(f),
            EdnsOptionData::ExtendedError(v) => v.fmt(f),
            EdnsOptionData::Unknown(option) => write_untyped(f, option),
        }
    }
}

impl ComposeOption for EdnsOptionData<'_> {
    fn code(&self) -> OptionCode {
        match self {
            EdnsOptionData::Nsid(v) => v.code(),
            EdnsOptionData::ClientSubnet(v) => v.code(),
            EdnsOptionData::Expire(v) => v.code(),
            EdnsOptionData::Cookie(v) => v.code(),
            EdnsOptionData::TcpKeepalive(v) => v.code(),
            EdnsOptionData::Padding(v) => v.code(),
            EdnsOptionData::KeyTag(v) => v.code(),
            EdnsOptionData::ExtendedError(v) => v.code(),
            EdnsOptionData::Unknown(v) => v.code(),
        }
    }

    fn data_len(&self) -> usize {
        match self {
            EdnsOptionData::Nsid(v) => v.data_len(),
            EdnsOptionData::ClientSubnet(v) => v.data_len(),
            EdnsOptionData::Expire(v) => v.data_len(),
            EdnsOptionData::Cookie(v) => v.data_len(),
            EdnsOptionData::TcpKeepalive(v) => v.data_len(),
            EdnsOptionData::Padding(v) => v.data_len(),
            EdnsOptionData::KeyTag(v) => v.data_len(),
            EdnsOptionData::ExtendedError(v) => v.data_len(),
            EdnsOptionData::Unknown(v) => v.data_len(),
        }
    }

    fn write_data(&self, out: &mut [u8]) {
        match self {
            EdnsOptionData::Nsid(v) => v.write_data(out),
            EdnsOptionData::ClientSubnet(v) => v.write_data(out),
            EdnsOptionData::Expire(v) => v.write_data(out),
            EdnsOptionData::Cookie(v) => v.write_data(out),
            EdnsOptionData::TcpKeepalive(v) => v.write_data(out),
            EdnsOptionData::Padding(v) => v.write_data(out),
            EdnsOptionData::KeyTag(v) => v.write_data(out),
            EdnsOptionData::ExtendedError(v) => v.write_data(out),
            EdnsOptionData::Unknown(v) => v.write_data(out),
        }
    }
}

//--- Helpers the options share

/// The most data an option can carry: OPTION-LENGTH is 16 bits.
pub(crate) const MAX_DATA_LEN: usize = u16::MAX as usize;

/// Refuses data longer than an option can carry.
pub(crate) fn check_data_len(data: &[u8]) -> Result<()> {
    if data.len() > MAX_DATA_LEN {
        return Err(Error::BadOption);
    }
    Ok(())
}

/// Copies `bytes` into `out` from `at`, as far as `out` reaches: writing
/// an option never panics, even into a slice of the wrong length.
pub(crate) fn put(out: &mut [u8], at: usize, bytes: &[u8]) {
    if let Some(tail) = out.get_mut(at..) {
        let n = tail.len().min(bytes.len());
        tail[..n].copy_from_slice(&bytes[..n]);
    }
}

/// Writes `bytes` in lower-case hex, two digits a byte, `separator` between
/// bytes (dig's NSID and generic options use a space, COOKIE nothing).
pub(crate) fn write_hex(f: &mut fmt::Formatter<'_>, bytes: &[u8], separator: &str) -> fmt::Result {
    for (i, byte) in bytes.iter().enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        write!(f, "{byte:02x}")?;
    }
    Ok(())
}

/// dig's form of an option it shows as bytes: `; LABEL:`, then, if there
/// are any, ` <hex bytes> ("<text>")` with `.` for what is not printable
/// ASCII.
pub(crate) fn write_generic(f: &mut fmt::Formatter<'_>, code: OptionCode, data: &[u8]) -> fmt::Result {
    write!(f, "; {code}:")?;
    if data.is_empty() {
        return Ok(());
    }
    f.write_str(" ")?;
    write_hex(f, data, " ")?;
    f.write_str(" (\"")?;
    for &byte in data {
        let shown = if byte.is_ascii_graphic() || byte == b' ' { byte } else { b'.' };
        fmt::Write::write_char(f, char::from(shown))?;
    }
    f.write_str("\")")
}

/// An option this crate has no view for: dig's typed forms of CLIENT-TAG
/// and SERVER-TAG (one `u16`, RFC-less drafts) and LLQ (RFC 8764 §3.2), the
/// generic form for everything else.
fn write_untyped(f: &mut fmt::Formatter<'_>, option: &EdnsOption<'_>) -> fmt::Result {
    let data = option.data;
    let u16_at = |at: usize| u16::from_be_bytes([data[at], data[at + 1]]);
    match (option.code, data.len()) {
        (OptionCode::CLIENT_TAG | OptionCode::SERVER_TAG, 2) => write!(f, "; {}: {}", option.code, u16_at(0)),
        (OptionCode::LLQ, 18) => {
            let id = u64::from_be_bytes([data[6], data[7], data[8], data[9], data[10], data[11], data[12], data[13]]);
            let lease = u32::from_be_bytes([data[14], data[15], data[16], data[17]]);
            write!(
                f,
                "; LLQ: Version: {}, Opcode: {}, Error: {}, Identifier: {id}, Lifetime: {lease}",
                u16_at(0),
                u16_at(2),
                u16_at(4)
            )
        }
        _ => write_generic(f, option.code, data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// dig 9.18's lines for options it has no typed form for, and for the
    /// typed ones it does not decode (crafted, replayed to dig).
    #[test]
    fn untyped_options_print_as_dig_prints_them() {
        let cases: &[(u16, &[u8], &str)] = &[
            (65001, b"", "; OPT=65001:"),
            (65001, b"\x01\x02", r#"; OPT=65001: 01 02 ("..")"#),
            (5, b"\x08\x0d\x0e", r#"; OPT=5: 08 0d 0e ("...")"#),
            (0, b"\x01\x02", r#"; OPT=0: 01 02 ("..")"#),
            (16, b"\x01\x02", "; CLIENT-TAG: 258"),
            (17, b"\x01\x02", "; SERVER-TAG: 258"),
            (
                1,
                b"\x00\x01\x00\x02\x00\x03\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\xe1",
                "; LLQ: Version: 1, Opcode: 2, Error: 3, Identifier: 1, Lifetime: 225",
            ),
            // dig shows a TCP keepalive of a bad length as bytes.
            (11, b"\x01", r#"; TCP KEEPALIVE: 01 (".")"#),
            (11, b"\x01\x02\x03", r#"; TCP KEEPALIVE: 01 02 03 ("...")"#),
        ];
        for &(code, data, dig) in cases {
            let option = EdnsOption { code: OptionCode(code), data };
            assert_eq!(option.to_string(), dig, "code {code}");
        }
    }

    #[test]
    fn generic_text_keeps_quotes_and_backslashes() {
        // dig: `; NSID: 61 22 62 5c 63 20 64 00 7f ff ("a"b\c d...")`.
        let option = EdnsOption { code: OptionCode::NSID, data: b"a\"b\\c d\x00\x7f\xff" };
        assert_eq!(option.to_string(), r#"; NSID: 61 22 62 5c 63 20 64 00 7f ff ("a"b\c d...")"#);
    }

    #[test]
    fn decodes_by_code() {
        let ok = |code, data| EdnsOption { code: OptionCode(code), data }.decode();
        assert!(matches!(ok(3, b"x"), Ok(EdnsOptionData::Nsid(_))));
        assert!(matches!(ok(8, b"\x00\x01\x00\x00"), Ok(EdnsOptionData::ClientSubnet(_))));
        assert!(matches!(ok(9, b""), Ok(EdnsOptionData::Expire(_))));
        assert!(matches!(ok(10, &[1; 8]), Ok(EdnsOptionData::Cookie(_))));
        assert!(matches!(ok(11, b""), Ok(EdnsOptionData::TcpKeepalive(_))));
        assert!(matches!(ok(12, b""), Ok(EdnsOptionData::Padding(_))));
        assert!(matches!(ok(14, b"\x00\x01"), Ok(EdnsOptionData::KeyTag(_))));
        assert!(matches!(ok(15, b"\x00\x00"), Ok(EdnsOptionData::ExtendedError(_))));
        assert!(matches!(ok(16, b"\x00\x01"), Ok(EdnsOptionData::Unknown(_))));
        assert_eq!(ok(10, &[1; 7]), Err(Error::BadOption));
        assert_eq!(ok(8, b"\x00\x03\x00\x00"), Err(Error::BadClientSubnet));
    }

    #[test]
    fn decoded_options_write_back_their_bytes() {
        let options: &[(u16, &[u8])] = &[
            (3, b"knot"),
            (8, b"\x00\x01\x18\x00\xc0\x00\x02"),
            (9, b"\x00\x00\x0e\x10"),
            (10, b"\x24\x64\xc4\xab\xcf\x10\xc9\x57"),
            (11, b"\x00\x64"),
            (12, b"\x00\x00\x00"),
            (14, b"\x4f\x66\x00\x01"),
            (15, b"\x00\x12abc"),
            (65001, b"\x01\x02"),
        ];
        for &(code, data) in options {
            let decoded = EdnsOption { code: OptionCode(code), data }.decode().unwrap();
            assert_eq!(decoded.code(), OptionCode(code));
            let mut out = [0xaa; 16];
            assert_eq!(decoded.data_len(), data.len());
            decoded.write_data(&mut out[..data.len()]);
            assert_eq!(&out[..data.len()], data, "code {code}");
        }
    }

    #[test]
    fn writing_into_a_wrong_slice_does_not_panic() {
        let mut short = [0u8; 2];
        EdnsOption { code: OptionCode::NSID, data: b"knot" }.write_data(&mut short);
        assert_eq!(&short, b"kn");
        put(&mut short, 5, b"x");
        assert_eq!(&short, b"kn");
    }
}
