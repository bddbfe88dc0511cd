//! PX: X.400 mail mapping ([RFC 2163 §4](https://www.rfc-editor.org/rfc/rfc2163#section-4)).
//!
//! # Wire format
//! ```text
//! PREFERENCE  u16, lower is preferred
//! MAP822      domain name, compressible when read (RFC 3597 §4)
//! MAPX400     domain name, compressible when read
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::name::{skip_name, CheckedSuffixes, Name, ToName};
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{check_name_then, check_rdata_name, ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// An X.400 mapping record.
///
/// ```
/// use dnswire::{Class, Message, MessageBuilder, Px};
///
/// let mut buf = [0u8; 128];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// let px = Px { preference: 10, map822: "net2.it.", mapx400: "PRMD-net2.ADMD-p400.C-it." };
/// builder.push_answer("*.net2.it.", Class::IN, 300, &px)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "10 net2.it. PRMD-net2.ADMD-p400.C-it.");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Px<N> {
    /// Lower is preferred.
    pub preference: u16,
    /// The RFC 822 domain.
    pub map822: N,
    /// The X.400 domain, in domain name form.
    pub mapx400: N,
}

pub(crate) fn check(message: &[u8], rdata: Range<usize>, memo: &mut CheckedSuffixes) -> Result<()> {
    if rdata.len() < 3 {
        return Err(Error::RdataLength);
    }
    let second = check_rdata_name(message, rdata.start + 2, memo)?;
    check_name_then(message, second, rdata.end, 0, memo).map(drop)
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Px<Name<'_>>> {
    Ok(Px {
        preference: crate::wire::peek_u16(message, rdata.start),
        map822: Name::new_checked(message, rdata.start + 2),
        mapx400: Name::new_checked(message, skip_name(message, rdata.start + 2)),
    })
}

impl<N: fmt::Display> fmt::Display for Px<N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.preference, self.map822, self.mapx400)
    }
}

impl<N: ToName> ComposeRdata for Px<N> {
    fn rtype(&self) -> Rtype {
        Rtype::PX
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.preference)?;
        out.uncompressed_name(&self.map822)?;
        out.uncompressed_name(&self.mapx400)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let preference = s.u16("PX preference")?;
    out.u16(preference).map_err(|e| s.error_here("PX preference", e))?;
    s.write_name("PX map822", out)?;
    s.write_name("PX mapx400", out)
}
