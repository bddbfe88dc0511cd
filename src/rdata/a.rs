//! A: an IPv4 address ([RFC 1035 §3.4.1](https://www.rfc-editor.org/rfc/rfc1035#section-3.4.1)).
//!
//! # Wire format
//! Exactly four bytes, the address in network order.

use core::fmt;
use core::net::Ipv4Addr;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// An IPv4 address record.
///
/// ```
/// use dnswire::{A, MessageBuilder, Message, RData, Class};
///
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("host.example.", Class::IN, 300, &A::from([192, 0, 2, 1]))?;
/// let message = Message::parse(builder.finish())?;
/// let record = message.answers().next().unwrap();
/// assert_eq!(record.rdata(), RData::A(A::from([192, 0, 2, 1])));
/// assert_eq!(record.rdata().to_string(), "192.0.2.1");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct A {
    /// The address.
    pub addr: Ipv4Addr,
}

#[inline(always)]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<A> {
    match message.get(rdata) {
        Some(&[a, b, c, d]) => Ok(A::from([a, b, c, d])),
        _ => Err(Error::RdataLength),
    }
}

impl From<[u8; 4]> for A {
    fn from(octets: [u8; 4]) -> Self {
        A { addr: Ipv4Addr::from(octets) }
    }
}

impl From<Ipv4Addr> for A {
    fn from(addr: Ipv4Addr) -> Self {
        A { addr }
    }
}

impl fmt::Display for A {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.addr.fmt(f)
    }
}

impl ComposeRdata for A {
    fn rtype(&self) -> Rtype {
        Rtype::A
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.bytes(&self.addr.octets())
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let token = s.token("A address")?;
    let addr: Ipv4Addr = token.raw.parse().map_err(|_| s.error_at(&token, "A address", Error::BadAddress))?;
    out.bytes(&addr.octets()).map_err(|e| s.error_at(&token, "A address", e))
}
