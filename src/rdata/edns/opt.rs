//! OPT: the EDNS(0) pseudo-record ([RFC 6891 §6](https://www.rfc-editor.org/rfc/rfc6891#section-6)).
//!
//! # Wire format
//! The record's fixed fields carry EDNS data rather than their usual meaning:
//! ```text
//! NAME      the root, always
//! CLASS     requestor's UDP payload size
//! TTL       EXTENDED-RCODE u8 | VERSION u8 | DO bit | Z (15 bits)
//! RDATA     options: { OPTION-CODE u16, OPTION-LENGTH u16, OPTION-DATA }*
//! ```
//! Each option's data must end inside the RDATA and the options must fill
//! it exactly. At most one OPT record, in the additional section
//! (RFC 6891 §6.1.1); [`Message::parse`](crate::Message::parse) enforces it.

use core::fmt;

use crate::error::{Error, Result};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// The OPT RDATA: a checked sequence of EDNS options.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Opt<'a> {
    bytes: &'a [u8],
}

pub(crate) fn check(
    message: &[u8],
    rdata: core::ops::Range<usize>,
    _: &mut crate::name::CheckedSuffixes,
) -> Result<()> {
    check_options(crate::wire::peek_slice(message, rdata))
}

#[inline]
pub(crate) fn decode(message: &[u8], rdata: core::ops::Range<usize>) -> Result<Opt<'_>> {
    Ok(Opt { bytes: crate::wire::peek_slice(message, rdata) })
}

fn check_options(bytes: &[u8]) -> Result<()> {
    let mut pos = 0;
    while pos < bytes.len() {
        let header = bytes.get(pos..pos + 4).ok_or(Error::OptionLength)?;
        let len = usize::from(u16::from_be_bytes([header[2], header[3]]));
        pos += 4 + len;
    }
    if pos != bytes.len() {
        return Err(Error::OptionLength);
    }
    Ok(())
}

impl<'a> Opt<'a> {
    /// No options.
    pub const EMPTY: Opt<'static> = Opt { bytes: &[] };

    /// Checks and wraps OPT RDATA in wire form.
    ///
    /// # Errors
    /// [`Error::OptionLength`] if an option runs past the end or the options
    /// do not fill the bytes exactly.
    pub fn from_wire(bytes: &'a [u8]) -> Result<Self> {
        check_options(bytes)?;
        Ok(Opt { bytes })
    }

    /// The RDATA in wire form.
    pub fn as_wire(&self) -> &'a [u8] {
        self.bytes
    }

    /// The options, in order.
    pub fn options(&self) -> EdnsOptions<'a> {
        EdnsOptions { rest: self.bytes }
    }
}

impl fmt::Display for Opt<'_> {
    /// RFC 3597 generic format: OPT has no standard presentation format.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::UnknownRdata::new(Rtype::OPT, self.bytes).fmt(f)
    }
}

impl ComposeRdata for Opt<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::OPT
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(self.bytes)
    }
}

/// Iterator over the options of an [`Opt`].
#[derive(Clone, Debug)]
pub struct EdnsOptions<'a> {
    rest: &'a [u8],
}

impl<'a> Iterator for EdnsOptions<'a> {
    type Item = EdnsOption<'a>;

    fn next(&mut self) -> Option<EdnsOption<'a>> {
        let header = self.rest.get(..4)?;
        let code = OptionCode(u16::from_be_bytes([header[0], header[1]]));
        let len = usize::from(u16::from_be_bytes([header[2], header[3]]));
        let data = self.rest.get(4..4 + len)?;
        self.rest = &self.rest[4 + len..];
        Some(EdnsOption { code, data })
    }
}

/// One EDNS option: its code and its data. [`EdnsOption::decode`] gives
/// its typed view; `Display` is the line dig prints for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EdnsOption<'a> {
    /// What the option is.
    pub code: OptionCode,
    /// Its data, uninterpreted.
    pub data: &'a [u8],
}

/// An EDNS option that can be written into an OPT record: its code and its
/// data, which must be at most 65 535 bytes. The builder asks for the
/// length first, then lends a slice of exactly that length.
pub trait ComposeOption {
    /// The option's code.
    fn code(&self) -> OptionCode;
    /// The length of the option's data, without the 4-byte code and length.
    fn data_len(&self) -> usize;
    /// Writes the data into `out`, which is exactly [`ComposeOption::data_len`] long.
    fn write_data(&self, out: &mut [u8]);
}

impl ComposeOption for EdnsOption<'_> {
    fn code(&self) -> OptionCode {
        self.code
    }

    fn data_len(&self) -> usize {
        self.data.len()
    }

    fn write_data(&self, out: &mut [u8]) {
        super::put(out, 0, self.data);
    }
}

/// An EDNS option code (IANA "DNS EDNS0 Option Codes"). Unknown codes
/// survive as their number.
///
/// `Display` is the label dig 9.18 puts before the option in the OPT
/// pseudo-section: `NSID`, `CLIENT-SUBNET`, `EXPIRE`, `COOKIE`,
/// `TCP KEEPALIVE` (a space, not a hyphen), `PAD`, `KEY-TAG`, `EDE`,
/// `CLIENT-TAG`, `SERVER-TAG`, `LLQ`, and `OPT=<n>` for every other code,
/// DAU, DHU, N3U and CHAIN included.
///
/// ```
/// use dnswire::OptionCode;
///
/// assert_eq!(OptionCode::TCP_KEEPALIVE.to_string(), "TCP KEEPALIVE");
/// assert_eq!(OptionCode::PADDING.to_string(), "PAD");
/// assert_eq!(OptionCode::DAU.to_string(), "OPT=5");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OptionCode(pub u16);

impl OptionCode {
    /// Long-lived queries (RFC 8764).
    pub const LLQ: OptionCode = OptionCode(1);
    /// Update lease (RFC 9664).
    pub const UPDATE_LEASE: OptionCode = OptionCode(2);
    /// Name server identifier (RFC 5001).
    pub const NSID: OptionCode = OptionCode(3);
    /// DNSSEC algorithms understood (RFC 6975).
    pub const DAU: OptionCode = OptionCode(5);
    /// DS hash algorithms understood (RFC 6975).
    pub const DHU: OptionCode = OptionCode(6);
    /// NSEC3 hash algorithms understood (RFC 6975).
    pub const N3U: OptionCode = OptionCode(7);
    /// Client subnet (RFC 7871).
    pub const CLIENT_SUBNET: OptionCode = OptionCode(8);
    /// Zone expiry (RFC 7314).
    pub const EXPIRE: OptionCode = OptionCode(9);
    /// Cookie (RFC 7873).
    pub const COOKIE: OptionCode = OptionCode(10);
    /// TCP keepalive (RFC 7828).
    pub const TCP_KEEPALIVE: OptionCode = OptionCode(11);
    /// Padding (RFC 7830).
    pub const PADDING: OptionCode = OptionCode(12);
    /// CHAIN query (RFC 7901).
    pub const CHAIN: OptionCode = OptionCode(13);
    /// Key tags of the trust anchors a resolver uses (RFC 8145).
    pub const KEY_TAG: OptionCode = OptionCode(14);
    /// Extended DNS error (RFC 8914).
    pub const EXTENDED_ERROR: OptionCode = OptionCode(15);
    /// Client tag (draft-bellis-dnsop-edns-tags).
    pub const CLIENT_TAG: OptionCode = OptionCode(16);
    /// Server tag (draft-bellis-dnsop-edns-tags).
    pub const SERVER_TAG: OptionCode = OptionCode(17);
    /// Report channel for error reporting (RFC 9567).
    pub const REPORT_CHANNEL: OptionCode = OptionCode(18);
    /// Zone version (RFC 9660).
    pub const ZONEVERSION: OptionCode = OptionCode(19);

    /// dig 9.18's label, for the codes it has one for.
    fn label(self) -> Option<&'static str> {
        Some(match self {
            OptionCode::LLQ => "LLQ",
            OptionCode::NSID => "NSID",
            OptionCode::CLIENT_SUBNET => "CLIENT-SUBNET",
            OptionCode::EXPIRE => "EXPIRE",
            OptionCode::COOKIE => "COOKIE",
            OptionCode::TCP_KEEPALIVE => "TCP KEEPALIVE",
            OptionCode::PADDING => "PAD",
            OptionCode::KEY_TAG => "KEY-TAG",
            OptionCode::EXTENDED_ERROR => "EDE",
            OptionCode::CLIENT_TAG => "CLIENT-TAG",
            OptionCode::SERVER_TAG => "SERVER-TAG",
            _ => return None,
        })
    }
}

impl fmt::Display for OptionCode {
    /// dig's label for the option (see [`OptionCode`]); honours width and
    /// fill.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.label() {
            Some(label) => f.pad(label),
            None => f.pad(crate::rdata::present::Numbered::new("OPT=", self.0).as_str()),
        }
    }
}

//--- Edns

/// The EDNS(0) data of a message: the OPT record's fields, decoded.
///
/// ```
/// use dnswire::{Edns, Message, MessageBuilder, Rtype, Class, Opt};
///
/// let mut buf = [0u8; 512];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_question("example.com.", Rtype::MX, Class::IN)?;
/// builder.push_edns(&Edns { udp_payload_size: 1232, dnssec_ok: true, ..Edns::default() })?;
/// let message = Message::parse(builder.finish())?;
/// let edns = message.edns().unwrap();
/// assert_eq!(edns.udp_payload_size, 1232);
/// assert!(edns.dnssec_ok);
/// assert_eq!(edns.version, 0);
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Edns<'a> {
    /// The largest UDP payload the sender can reassemble (the CLASS field).
    pub udp_payload_size: u16,
    /// The upper 8 bits of the 12-bit response code.
    pub extended_rcode: u8,
    /// EDNS version; 0 is the only one defined.
    pub version: u8,
    /// DO: the sender wants DNSSEC records (RFC 3225).
    pub dnssec_ok: bool,
    /// The other 15 flag bits (Z), zero unless a later RFC defines them.
    pub z: u16,
    /// The options.
    pub options: Opt<'a>,
}

impl Default for Edns<'_> {
    /// EDNS version 0, a 1232-byte payload (the DNS Flag Day 2020
    /// recommendation), no flags, no options.
    fn default() -> Self {
        Edns { udp_payload_size: 1232, extended_rcode: 0, version: 0, dnssec_ok: false, z: 0, options: Opt::EMPTY }
    }
}

const DO_BIT: u32 = 0x8000;

impl<'a> Edns<'a> {
    /// Decodes the fixed fields of an OPT record.
    pub(crate) fn from_fields(class: u16, ttl: u32, options: Opt<'a>) -> Self {
        Edns {
            udp_payload_size: class,
            extended_rcode: (ttl >> 24) as u8,
            version: (ttl >> 16) as u8,
            dnssec_ok: ttl & DO_BIT != 0,
            z: (ttl & 0x7fff) as u16,
            options,
        }
    }

    /// The TTL field that carries the rcode bits, version and flags.
    pub(crate) fn ttl(&self) -> u32 {
        u32::from(self.extended_rcode) << 24
            | u32::from(self.version) << 16
            | if self.dnssec_ok { DO_BIT } else { 0 }
            | u32::from(self.z & 0x7fff)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, _: &mut RdataWriter<'_>) -> TextResult<()> {
    // OPT has no presentation form of its own (RFC 6891 §6.1.1): only the
    // generic one, handled before this.
    Err(s.error_here("OPT RDATA", crate::Error::BadText))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iterates_options() {
        // NSID "knot" then an empty COOKIE-coded option.
        let opt = Opt::from_wire(b"\x00\x03\x00\x04knot\x00\x0a\x00\x00").unwrap();
        let options: Vec<_> = opt.options().collect();
        assert_eq!(options.len(), 2);
        assert_eq!(options[0], EdnsOption { code: OptionCode::NSID, data: b"knot" });
        assert_eq!(options[1].code, OptionCode::COOKIE);
        assert!(options[1].data.is_empty());
    }

    #[test]
    fn rejects_bad_option_lengths() {
        assert_eq!(Opt::from_wire(b"\x00\x03\x00\x05knot"), Err(Error::OptionLength));
        assert_eq!(Opt::from_wire(b"\x00\x03\x00"), Err(Error::OptionLength));
        assert_eq!(Opt::from_wire(b"\x00\x03\x00\x00\x00"), Err(Error::OptionLength));
        assert!(Opt::from_wire(b"").is_ok());
    }

    #[test]
    fn ttl_field_round_trips() {
        // RFC 6891 §6.1.3: EXTENDED-RCODE, VERSION, DO, Z.
        let edns = Edns::from_fields(4096, 0x0100_8001, Opt::EMPTY);
        assert_eq!((edns.extended_rcode, edns.version, edns.dnssec_ok, edns.z), (1, 0, true, 1));
        assert_eq!(edns.ttl(), 0x0100_8001);
    }
}
