//! MX: a mail exchange ([RFC 1035 §3.3.9](https://www.rfc-editor.org/rfc/rfc1035#section-3.3.9)).
//!
//! # Wire format
//! ```text
//! PREFERENCE  u16, lower is preferred
//! EXCHANGE    domain name, compressible (RFC 3597 §4)
//! ```
//! The name must end exactly at RDLENGTH. A single MX of preference 0 and
//! exchange `.` is a "null MX" (RFC 7505): the domain accepts no mail.

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::name::{CheckedSuffixes, Name, ToName};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{check_name_then, ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A mail exchange record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Mx, NameBuf, RData};
///
/// let mx = Mx { preference: 10, exchange: "mx1.example.com.".parse::<NameBuf>()? };
/// let mut buf = [0u8; 128];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.com.", Class::IN, 3600, &mx)?;
/// let message = Message::parse(builder.finish())?;
/// let RData::Mx(parsed) = message.answers().next().unwrap().rdata() else { panic!() };
/// assert_eq!(parsed.preference, 10);
/// assert_eq!(parsed.exchange, mx.exchange);
/// assert_eq!(parsed.to_string(), "10 mx1.example.com.");
/// assert!(!parsed.is_null());
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Mx<N> {
    /// Preference among the domain's exchanges; lower is preferred.
    pub preference: u16,
    /// The host that accepts mail for the domain.
    pub exchange: N,
}

#[inline(always)]
pub(crate) fn check(message: &[u8], rdata: Range<usize>, memo: &mut CheckedSuffixes) -> Result<()> {
    check_name_then(message, rdata.start + 2, rdata.end, 0, memo).map(drop)
}

#[inline(always)]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Mx<Name<'_>>> {
    Ok(Mx {
        preference: crate::wire::peek_u16(message, rdata.start),
        exchange: Name::new_checked(message, rdata.start + 2),
    })
}

impl<'a> Mx<Name<'a>> {
    /// Whether this is a null MX (RFC 7505): exchange `.`, whatever the
    /// preference. RFC 7505 §3 gives it preference 0, but `.` is no host
    /// at any preference; [`Resolver::lookup_mx`] follows the same rule and
    /// reports a preference other than 0 as a problem.
    ///
    /// [`Resolver::lookup_mx`]: https://docs.rs/dnswire/latest/dnswire/resolver/struct.Resolver.html#method.lookup_mx
    pub fn is_null(&self) -> bool {
        self.exchange.is_root()
    }
}

impl<N: fmt::Display> fmt::Display for Mx<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.preference, self.exchange)
    }
}

impl<N: ToName> ComposeRdata for Mx<N> {
    fn rtype(&self) -> Rtype {
        Rtype::MX
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.preference)?;
        out.compressed_name(&self.exchange)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let preference = s.u16("MX preference")?;
    out.u16(preference).map_err(|e| s.error_here("MX preference", e))?;
    s.write_name("MX exchange", out)
}
