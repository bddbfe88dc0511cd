//! SRV: a service location ([RFC 2782](https://www.rfc-editor.org/rfc/rfc2782)).
//!
//! # Wire format
//! ```text
//! PRIORITY  u16, lower is tried first
//! WEIGHT    u16, for load sharing among equal priorities
//! PORT      u16
//! TARGET    domain name; RFC 2782 forbids compressing it, so the builder
//!           never does, but the parser accepts pointers as many servers send them
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::name::{CheckedSuffixes, Name, ToName};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{check_name_then, ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;
use crate::wire::peek_u16;

/// A service location record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, RData, Srv};
///
/// let srv = Srv { priority: 10, weight: 5, port: 25, target: "mx1.example.com." };
/// let mut buf = [0u8; 128];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("_smtp._tcp.example.com.", Class::IN, 3600, &srv)?;
/// let message = Message::parse(builder.finish())?;
/// let RData::Srv(parsed) = message.answers().next().unwrap().rdata() else { panic!() };
/// assert_eq!(parsed.to_string(), "10 5 25 mx1.example.com.");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Srv<N> {
    /// Lower is tried first.
    pub priority: u16,
    /// Relative weight among targets of equal priority.
    pub weight: u16,
    /// The port the service listens on.
    pub port: u16,
    /// The host providing the service; `.` means "not available here".
    pub target: N,
}

#[inline(always)]
pub(crate) fn check(message: &[u8], rdata: Range<usize>, memo: &mut CheckedSuffixes) -> Result<()> {
    check_name_then(message, rdata.start + 6, rdata.end, 0, memo).map(drop)
}

#[inline(always)]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Srv<Name<'_>>> {
    Ok(Srv {
        priority: peek_u16(message, rdata.start),
        weight: peek_u16(message, rdata.start + 2),
        port: peek_u16(message, rdata.start + 4),
        target: Name::new_checked(message, rdata.start + 6),
    })
}

impl<N: fmt::Display> fmt::Display for Srv<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {} {}", self.priority, self.weight, self.port, self.target)
    }
}

impl<N: ToName> ComposeRdata for Srv<N> {
    fn rtype(&self) -> Rtype {
        Rtype::SRV
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.priority)?;
        out.u16(self.weight)?;
        out.u16(self.port)?;
        out.uncompressed_name(&self.target)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    for field in ["SRV priority", "SRV weight", "SRV port"] {
        let value = s.u16(field)?;
        out.u16(value).map_err(|e| s.error_here(field, e))?;
    }
    s.write_name("SRV target", out)
}
