//! AAAA: an IPv6 address ([RFC 3596 §2.2](https://www.rfc-editor.org/rfc/rfc3596#section-2.2)).
//!
//! # Wire format
//! Exactly sixteen bytes, the address in network order.

use core::fmt;
use core::net::Ipv6Addr;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// An IPv6 address record. `Display` is the text dig prints: RFC 5952's,
/// with BIND's dotted tail for IPv4-compatible addresses.
///
/// ```
/// use dnswire::{Aaaa, MessageBuilder, Message, RData, Class};
/// use std::net::Ipv6Addr;
///
/// let addr: Ipv6Addr = "2001:db8::1".parse().unwrap();
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &Aaaa::from(addr))?;
/// let message = Message::parse(builder.finish())?;
/// let rdata = message.answers().next().unwrap().rdata();
/// assert_eq!(rdata, RData::Aaaa(Aaaa::from(addr)));
/// assert_eq!(rdata.to_string(), "2001:db8::1");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Aaaa {
    /// The address.
    pub addr: Ipv6Addr,
}

#[inline(always)]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Aaaa> {
    let octets: [u8; 16] = message.get(rdata).and_then(|b| b.try_into().ok()).ok_or(Error::RdataLength)?;
    Ok(Aaaa::from(octets))
}

impl From<[u8; 16]> for Aaaa {
    fn from(octets: [u8; 16]) -> Self {
        Aaaa { addr: Ipv6Addr::from(octets) }
    }
}

impl From<Ipv6Addr> for Aaaa {
    fn from(addr: Ipv6Addr) -> Self {
        Aaaa { addr }
    }
}

impl fmt::Display for Aaaa {
    /// As dig prints it: RFC 5952 text, but `::192.0.2.1` for an
    /// IPv4-compatible address, which `core` writes `::c000:201`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::rdata::present::Ipv6Text(self.addr.octets()).fmt(f)
    }
}

impl ComposeRdata for Aaaa {
    fn rtype(&self) -> Rtype {
        Rtype::AAAA
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(&self.addr.octets())
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let token = s.token("AAAA address")?;
    let addr: Ipv6Addr = token.raw.parse().map_err(|_| s.error_at(&token, "AAAA address", Error::BadAddress))?;
    out.bytes(&addr.octets()).map_err(|e| s.error_at(&token, "AAAA address", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_as_dig() {
        // dig 9.18's text for AAAA records of these addresses (crafted,
        // replayed to it): BIND's inet_ntop, which dots an IPv4-compatible
        // tail where core::net writes ::c000:201.
        for (octets, dig) in [
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 1], "::192.0.2.1"),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1], "::ffff:192.0.2.1"),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0], "::0.1.0.0"),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], "::1"),
            ([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0], "::1:0:0:0"),
            ([0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], "2001:db8::1:0:0:1"),
        ] {
            assert_eq!(Aaaa::from(octets).to_string(), dig);
        }
    }
}
