//! WKS: the well-known services of a host ([RFC 1035 §3.4.2](https://www.rfc-editor.org/rfc/rfc1035#section-3.4.2)).
//!
//! # Wire format
//! ```text
//! ADDRESS   4 bytes, an IPv4 address
//! PROTOCOL  u8, an IP protocol number (6 TCP, 17 UDP)
//! BIT MAP   the rest, at most 8 192 bytes: bit N (bit 0 the high bit of
//!           the first byte) set when port N offers the service
//! ```
//! A class IN type: in another class the RDATA is opaque (RFC 3597 §4).
//! Presentation, as BIND and dig write it: the address, the protocol
//! number, then each port set, in increasing order. Reading text, the
//! protocol may also be `tcp` or `udp`; ports are numbers (service names
//! would need the system's services database).

use core::fmt;
use core::net::Ipv4Addr;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::fields::Fields;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// The longest bit map: one bit for each of the 65 536 ports.
const MAX_BITMAP: usize = 8192;

/// A well-known services record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, RData, Wks};
///
/// // SMTP (25) and HTTP (80) over TCP.
/// let mut bitmap = [0u8; 11];
/// bitmap[25 / 8] |= 0x80 >> (25 % 8);
/// bitmap[80 / 8] |= 0x80 >> (80 % 8);
/// let wks = Wks { addr: [192, 0, 2, 1].into(), protocol: 6, bitmap: &bitmap };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &wks)?;
/// let message = Message::parse(builder.finish())?;
/// let RData::Wks(parsed) = message.answers().next().unwrap().rdata() else { panic!() };
/// assert_eq!(parsed.ports().collect::<Vec<_>>(), [25, 80]);
/// assert_eq!(parsed.to_string(), "192.0.2.1 6 25 80");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Wks<'a> {
    /// The host's address.
    pub addr: Ipv4Addr,
    /// The IP protocol (6 for TCP, 17 for UDP).
    pub protocol: u8,
    /// The port bit map, as on the wire.
    pub bitmap: &'a [u8],
}

impl<'a> Wks<'a> {
    /// The ports whose bit is set, in increasing order.
    ///
    /// ```
    /// use dnswire::Wks;
    ///
    /// // Ports 0, 1, 2, 21 and 23 (the bit map of Zeek's dns-wks.pcap).
    /// let wks = Wks { addr: [192, 168, 0, 1].into(), protocol: 6, bitmap: &[0xe0, 0x00, 0x05] };
    /// assert_eq!(wks.ports().collect::<Vec<_>>(), [0, 1, 2, 21, 23]);
    /// ```
    pub fn ports(&self) -> impl Iterator<Item = u16> + 'a {
        let bitmap = self.bitmap;
        (0..bitmap.len() * 8).filter(move |bit| bitmap[bit / 8] & (0x80 >> (bit % 8)) != 0).map(|bit| bit as u16)
    }
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Wks<'_>> {
    let mut fields = Fields::new(message, rdata);
    let addr = Ipv4Addr::from(fields.array::<4>()?);
    let protocol = fields.u8()?;
    let bitmap = fields.rest();
    if bitmap.len() > MAX_BITMAP {
        return Err(Error::RdataLength);
    }
    Ok(Wks { addr, protocol, bitmap })
}

impl fmt::Display for Wks<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.addr, self.protocol)?;
        for port in self.ports() {
            write!(f, " {port}")?;
        }
        Ok(())
    }
}

impl ComposeRdata for Wks<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::WKS
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        if self.bitmap.len() > MAX_BITMAP {
            return Err(Error::RdataLength);
        }
        out.bytes(&self.addr.octets())?;
        out.u8(self.protocol)?;
        out.bytes(self.bitmap)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let token = s.token("WKS address")?;
    let addr: Ipv4Addr = token.raw.parse().map_err(|_| s.error_at(&token, "WKS address", Error::BadAddress))?;
    let token = s.token("WKS protocol")?;
    let protocol = match token.raw {
        raw if raw.eq_ignore_ascii_case("tcp") => 6,
        raw if raw.eq_ignore_ascii_case("udp") => 17,
        raw => crate::rdata::scan::parse_decimal(raw)
            .and_then(|n| u8::try_from(n).ok())
            .ok_or_else(|| s.error_at(&token, "WKS protocol", Error::BadNumber))?,
    };
    out.bytes(&addr.octets()).and_then(|()| out.u8(protocol)).map_err(|e| s.error_at(&token, "WKS", e))?;
    // Two passes over the ports: the highest sizes the bit map, which is
    // then written as zeros and filled in, so no buffer is needed here.
    let mut first = s.clone();
    let mut highest = None;
    while !first.at_end()? {
        let port = first.u16("WKS port")?;
        highest = highest.max(Some(port));
    }
    let Some(highest) = highest else { return Ok(()) };
    let start = out.written();
    let len = usize::from(highest) / 8 + 1;
    for _ in 0..len {
        out.u8(0).map_err(|e| s.error_here("WKS port", e))?;
    }
    while !s.at_end()? {
        let port = usize::from(s.u16("WKS port")?);
        out.written_since(start)[port / 8] |= 0x80 >> (port % 8);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::{RData, Rtype};

    /// The record of Zeek's `dns-wks.pcap` (tests/data/foreign), as dig
    /// and dnspython print it: `192.168.0.1 6 0 1 2 21 23`.
    const CAPTURED: &[u8] = b"\xc0\xa8\x00\x01\x06\xe0\x00\x05";

    #[test]
    fn prints_the_ports_set() {
        let RData::Wks(wks) = RData::decode(CAPTURED, Rtype::WKS, crate::Class::IN, 0..CAPTURED.len()) else {
            panic!("not WKS");
        };
        assert_eq!(wks.to_string(), "192.168.0.1 6 0 1 2 21 23");
    }

    #[test]
    fn reads_text_into_the_captured_bytes() {
        let mut buf = [0u8; 64];
        let rdata = RData::from_text(Rtype::WKS, "192.168.0.1 tcp 23 21 2 1 0", None, &mut buf).unwrap();
        let RData::Wks(wks) = rdata else { panic!("{rdata:?}") };
        assert_eq!(wks.bitmap, &CAPTURED[5..]);
        let mut buf = [0u8; 64];
        assert!(RData::from_text(Rtype::WKS, "192.168.0.1 6 65536", None, &mut buf).is_err());
        let rdata = RData::from_text(Rtype::WKS, "192.168.0.1 17", None, &mut buf).unwrap();
        assert_eq!(rdata.to_string(), "192.168.0.1 17");
    }

    #[test]
    fn a_short_or_huge_bit_map_is_invalid() {
        for bytes in [&b"\xc0\xa8\x00\x01"[..], &[0u8; 5 + 8193][..]] {
            let rdata = RData::decode(bytes, Rtype::WKS, crate::Class::IN, 0..bytes.len());
            assert!(matches!(rdata, RData::Invalid(_)), "{} bytes: {rdata:?}", bytes.len());
        }
    }
}
