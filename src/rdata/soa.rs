//! SOA: start of a zone of authority ([RFC 1035 §3.3.13](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.13)).
//!
//! # Wire format
//! ```text
//! MNAME    domain name, compressible
//! RNAME    domain name, compressible (the mailbox, first label = local part)
//! SERIAL   u32
//! REFRESH  u32, seconds
//! RETRY    u32, seconds
//! EXPIRE   u32, seconds
//! MINIMUM  u32, seconds (the negative-caching TTL, RFC 2308)
//! ```
//! The five numbers must end exactly at RDLENGTH.

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::name::{skip_name, CheckedSuffixes, Name, ToName};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{check_name_then, check_rdata_name, ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;
use crate::wire::peek_u32;

/// A start-of-authority record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, RData, Soa};
///
/// let soa = Soa {
///     mname: "ns1.example.com.", rname: "hostmaster.example.com.",
///     serial: 2026112201, refresh: 7200, retry: 3600, expire: 1209600, minimum: 300,
/// };
/// let mut buf = [0u8; 128];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_authority("example.com.", Class::IN, 300, &soa)?;
/// let message = Message::parse(builder.finish())?;
/// let RData::Soa(parsed) = message.authority().next().unwrap().rdata() else { panic!() };
/// assert_eq!(parsed.minimum, 300);
/// assert_eq!(
///     parsed.to_string(),
///     "ns1.example.com. hostmaster.example.com. 2026112201 7200 3600 1209600 300"
/// );
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Soa<N> {
    /// The zone's primary name server.
    pub mname: N,
    /// The mailbox of the person responsible, first label the local part.
    pub rname: N,
    /// Version number of the zone.
    pub serial: u32,
    /// Seconds between refreshes by secondaries.
    pub refresh: u32,
    /// Seconds before a failed refresh is retried.
    pub retry: u32,
    /// Seconds after which secondaries stop answering without a refresh.
    pub expire: u32,
    /// The TTL of negative answers (RFC 2308 §4).
    pub minimum: u32,
}

pub(crate) fn check(message: &[u8], rdata: Range<usize>, memo: &mut CheckedSuffixes) -> Result<()> {
    // MNAME is followed by RNAME and the numbers, so it ends before them.
    if rdata.len() < 2 + 20 {
        return Err(Error::RdataLength);
    }
    let rname_at = check_rdata_name(message, rdata.start, memo)?;
    check_name_then(message, rname_at, rdata.end, 20, memo).map(|_| ())
}

#[inline]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Soa<Name<'_>>> {
    let rname_at = skip_name(message, rdata.start);
    let numbers = rdata.end.saturating_sub(20);
    Ok(Soa {
        mname: Name::new_checked(message, rdata.start),
        rname: Name::new_checked(message, rname_at),
        serial: peek_u32(message, numbers),
        refresh: peek_u32(message, numbers + 4),
        retry: peek_u32(message, numbers + 8),
        expire: peek_u32(message, numbers + 12),
        minimum: peek_u32(message, numbers + 16),
    })
}

impl<N: fmt::Display> fmt::Display for Soa<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} {} {} {} {} {}",
            self.mname, self.rname, self.serial, self.refresh, self.retry, self.expire, self.minimum
        )
    }
}

impl<N: ToName> ComposeRdata for Soa<N> {
    fn rtype(&self) -> Rtype {
        Rtype::SOA
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.compressed_name(&self.mname)?;
        out.compressed_name(&self.rname)?;
        for value in [self.serial, self.refresh, self.retry, self.expire, self.minimum] {
            out.u32(value)?;
        }
        Ok(())
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    s.write_name("SOA mname", out)?;
    s.write_name("SOA rname", out)?;
    for field in ["SOA serial", "SOA refresh", "SOA retry", "SOA expire", "SOA minimum"] {
        // Zone files may write the timers with units (1h, 2w).
        let value = if field == "SOA serial" { s.u32(field)? } else { s.ttl(field)? };
        out.u32(value).map_err(|e| s.error_here(field, e))?;
    }
    Ok(())
}
