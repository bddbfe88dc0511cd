//! Record types, classes and typed RDATA.
//!
//! Each type lives in its own file and offers the same three things: a
//! check of the wire form (run once, by [`Message::parse`](crate::Message::parse)),
//! a decoder that builds the view from checked bytes, and [`ComposeRdata`]
//! for the builder. Types this crate does not know are kept as
//! [`UnknownRdata`] and written back byte for byte (RFC 3597).

use core::fmt;
use core::ops::Range;
use core::str::FromStr;

use crate::error::{Error, Result};
use crate::name::{check_name_with, CheckedSuffixes, Name};
use crate::wire::builder::RdataWriter;

mod a;
mod aaaa;
mod cname;
mod mx;
mod ns;
mod opt;
mod ptr;
mod soa;
mod srv;
mod txt;
mod unknown;

pub use a::A;
pub use aaaa::Aaaa;
pub use cname::Cname;
pub use mx::Mx;
pub use ns::Ns;
pub use opt::{Edns, EdnsOption, EdnsOptions, Opt, OptionCode};
pub use ptr::Ptr;
pub use soa::Soa;
pub use srv::Srv;
pub use txt::{Txt, TxtStrings};
pub use unknown::UnknownRdata;

//--- Rtype

/// A record type (RFC 1035 §3.2.2, IANA "Resource Record (RR) TYPEs").
/// Unknown types survive as their number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rtype(pub u16);

macro_rules! rtypes {
    ($($name:ident = $value:expr, $doc:expr;)*) => {
        impl Rtype {
            $(#[doc = $doc] pub const $name: Rtype = Rtype($value);)*

            /// The mnemonic, for the types that have one here.
            pub fn mnemonic(self) -> Option<&'static str> {
                match self {
                    $(Rtype::$name => Some(stringify!($name)),)*
                    _ => None,
                }
            }

            fn from_mnemonic(text: &str) -> Option<Rtype> {
                $(if text.eq_ignore_ascii_case(stringify!($name)) {
                    return Some(Rtype::$name);
                })*
                None
            }
        }
    };
}

rtypes! {
    A = 1, "IPv4 address (RFC 1035).";
    NS = 2, "Authoritative name server (RFC 1035).";
    CNAME = 5, "Canonical name (RFC 1035).";
    SOA = 6, "Start of authority (RFC 1035).";
    PTR = 12, "Domain name pointer (RFC 1035).";
    HINFO = 13, "Host information (RFC 8482).";
    MX = 15, "Mail exchange (RFC 1035, RFC 7505).";
    TXT = 16, "Text strings (RFC 1035).";
    AAAA = 28, "IPv6 address (RFC 3596).";
    SRV = 33, "Service location (RFC 2782).";
    NAPTR = 35, "Naming authority pointer (RFC 3403).";
    DNAME = 39, "Delegation name (RFC 6672).";
    OPT = 41, "EDNS(0) pseudo-record (RFC 6891).";
    DS = 43, "Delegation signer (RFC 4034).";
    SSHFP = 44, "SSH key fingerprint (RFC 4255).";
    RRSIG = 46, "RRset signature (RFC 4034).";
    NSEC = 47, "Next secure record (RFC 4034).";
    DNSKEY = 48, "DNS public key (RFC 4034).";
    NSEC3 = 50, "Hashed next secure record (RFC 5155).";
    NSEC3PARAM = 51, "NSEC3 parameters (RFC 5155).";
    TLSA = 52, "TLS association (RFC 6698).";
    SVCB = 64, "Service binding (RFC 9460).";
    HTTPS = 65, "HTTPS service binding (RFC 9460).";
    SPF = 99, "Sender policy framework (RFC 7208, obsolete).";
    TSIG = 250, "Transaction signature (RFC 8945).";
    IXFR = 251, "Incremental zone transfer (RFC 1995).";
    AXFR = 252, "Zone transfer (RFC 5936).";
    ANY = 255, "Any type, in a question (RFC 8482).";
    URI = 256, "Uniform resource identifier (RFC 7553).";
    CAA = 257, "Certification authority authorization (RFC 8659).";
}

impl fmt::Display for Rtype {
    /// The mnemonic, or `TYPE<n>` (RFC 3597 §5).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mnemonic() {
            Some(name) => f.write_str(name),
            None => write!(f, "TYPE{}", self.0),
        }
    }
}

impl fmt::Debug for Rtype {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Rtype({self})")
    }
}

impl FromStr for Rtype {
    type Err = Error;

    /// A mnemonic (any case) or `TYPE<n>`.
    fn from_str(text: &str) -> Result<Self> {
        if let Some(rtype) = Rtype::from_mnemonic(text) {
            return Ok(rtype);
        }
        numeric_suffix(text, "TYPE").map(Rtype).ok_or(Error::BadText)
    }
}

fn numeric_suffix(text: &str, prefix: &str) -> Option<u16> {
    let head = text.get(..prefix.len())?;
    let digits = text.get(prefix.len()..)?;
    if !head.eq_ignore_ascii_case(prefix) || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

//--- Class

/// A record class (RFC 1035 §3.2.4). Unknown classes survive as their
/// number. In an OPT record this field is the UDP payload size instead.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Class(pub u16);

impl Class {
    /// The Internet.
    pub const IN: Class = Class(1);
    /// Chaos.
    pub const CH: Class = Class(3);
    /// Hesiod.
    pub const HS: Class = Class(4);
    /// No class, in updates (RFC 2136).
    pub const NONE: Class = Class(254);
    /// Any class, in a question.
    pub const ANY: Class = Class(255);

    /// The mnemonic, for the classes that have one.
    pub fn mnemonic(self) -> Option<&'static str> {
        Some(match self {
            Class::IN => "IN",
            Class::CH => "CH",
            Class::HS => "HS",
            Class::NONE => "NONE",
            Class::ANY => "ANY",
            _ => return None,
        })
    }
}

impl fmt::Display for Class {
    /// The mnemonic, or `CLASS<n>` (RFC 3597 §5).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mnemonic() {
            Some(name) => f.write_str(name),
            None => write!(f, "CLASS{}", self.0),
        }
    }
}

impl fmt::Debug for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Class({self})")
    }
}

impl FromStr for Class {
    type Err = Error;

    /// A mnemonic (any case) or `CLASS<n>`.
    fn from_str(text: &str) -> Result<Self> {
        for class in [Class::IN, Class::CH, Class::HS, Class::NONE, Class::ANY] {
            if class.mnemonic().is_some_and(|m| m.eq_ignore_ascii_case(text)) {
                return Ok(class);
            }
        }
        numeric_suffix(text, "CLASS").map(Class).ok_or(Error::BadText)
    }
}

//--- RData

/// Typed RDATA. Parsed records give `RData<'a>` (names are [`Name`] views
/// into the message); to build, use any [`ToName`](crate::ToName) type for
/// `N`, such as [`NameBuf`](crate::NameBuf).
///
/// ```
/// use dnswire::{Message, RData};
///
/// let bytes = std::fs::read("tests/data/knot-mx.bin")?;
/// let message = Message::parse(&bytes[..])?;
/// for record in message.answers() {
///     if let RData::Mx(mx) = record.rdata() {
///         println!("{} {}", mx.preference, mx.exchange);
///     }
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RData<'a, N = Name<'a>> {
    /// An IPv4 address.
    A(A),
    /// An IPv6 address.
    Aaaa(Aaaa),
    /// A mail exchange.
    Mx(Mx<N>),
    /// A canonical name.
    Cname(Cname<N>),
    /// A name server.
    Ns(Ns<N>),
    /// A pointer, as in reverse lookups.
    Ptr(Ptr<N>),
    /// A start of authority.
    Soa(Soa<N>),
    /// Text strings.
    Txt(Txt<'a>),
    /// A service location.
    Srv(Srv<N>),
    /// EDNS(0) options.
    Opt(Opt<'a>),
    /// Any other type, as opaque bytes.
    Unknown(UnknownRdata<'a>),
}

impl<N> RData<'_, N> {
    /// The record type this RDATA belongs to.
    pub fn rtype(&self) -> Rtype {
        match self {
            RData::A(_) => Rtype::A,
            RData::Aaaa(_) => Rtype::AAAA,
            RData::Mx(_) => Rtype::MX,
            RData::Cname(_) => Rtype::CNAME,
            RData::Ns(_) => Rtype::NS,
            RData::Ptr(_) => Rtype::PTR,
            RData::Soa(_) => Rtype::SOA,
            RData::Txt(_) => Rtype::TXT,
            RData::Srv(_) => Rtype::SRV,
            RData::Opt(_) => Rtype::OPT,
            RData::Unknown(unknown) => unknown.rtype(),
        }
    }
}

impl<'a> RData<'a> {
    /// Whether [`RData::check`] has rules for `rtype`: the typed records.
    /// RDATA of any other type is opaque and always passes.
    #[inline(always)]
    pub(crate) fn has_rules(rtype: Rtype) -> bool {
        matches!(
            rtype,
            Rtype::A
                | Rtype::AAAA
                | Rtype::MX
                | Rtype::CNAME
                | Rtype::NS
                | Rtype::PTR
                | Rtype::SOA
                | Rtype::TXT
                | Rtype::SRV
                | Rtype::OPT
        )
    }

    /// Checks the RDATA at `rdata` in `message` for a record of `rtype`.
    pub(crate) fn check(message: &[u8], rtype: Rtype, rdata: Range<usize>, memo: &mut CheckedSuffixes) -> Result<()> {
        let bytes = message.get(rdata.clone()).ok_or(Error::RdataPastEnd)?;
        match rtype {
            Rtype::A => a::check(rdata),
            Rtype::AAAA => aaaa::check(rdata),
            Rtype::MX => check_name_then(message, rdata.start + 2, rdata.end, 0, memo).map(drop),
            Rtype::CNAME | Rtype::NS | Rtype::PTR => {
                check_name_then(message, rdata.start, rdata.end, 0, memo).map(drop)
            }
            Rtype::SOA => soa::check(message, rdata, memo),
            Rtype::TXT => txt::check(bytes),
            Rtype::SRV => check_name_then(message, rdata.start + 6, rdata.end, 0, memo).map(drop),
            Rtype::OPT => opt::check(bytes),
            _ => Ok(()),
        }
    }

    /// Decodes RDATA that [`RData::check`] accepted. Inline, so that a
    /// caller's `match` on the result folds into this one.
    #[inline(always)]
    pub(crate) fn decode(message: &'a [u8], rtype: Rtype, rdata: Range<usize>) -> Self {
        let bytes = crate::wire::peek_slice(message, rdata.clone());
        match rtype {
            Rtype::A => RData::A(A::decode(bytes)),
            Rtype::AAAA => RData::Aaaa(Aaaa::decode(bytes)),
            Rtype::MX => RData::Mx(Mx::decode(message, rdata)),
            Rtype::CNAME => RData::Cname(Cname::decode(message, rdata)),
            Rtype::NS => RData::Ns(Ns::decode(message, rdata)),
            Rtype::PTR => RData::Ptr(Ptr::decode(message, rdata)),
            Rtype::SOA => RData::Soa(Soa::decode(message, rdata)),
            Rtype::TXT => RData::Txt(Txt::decode(bytes)),
            Rtype::SRV => RData::Srv(Srv::decode(message, rdata)),
            Rtype::OPT => RData::Opt(Opt::decode(bytes)),
            _ => RData::Unknown(UnknownRdata::new(rtype, bytes)),
        }
    }
}

impl<N: fmt::Display> fmt::Display for RData<'_, N> {
    /// Standard presentation format, as dig prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RData::A(v) => v.fmt(f),
            RData::Aaaa(v) => v.fmt(f),
            RData::Mx(v) => v.fmt(f),
            RData::Cname(v) => v.fmt(f),
            RData::Ns(v) => v.fmt(f),
            RData::Ptr(v) => v.fmt(f),
            RData::Soa(v) => v.fmt(f),
            RData::Txt(v) => v.fmt(f),
            RData::Srv(v) => v.fmt(f),
            RData::Opt(v) => v.fmt(f),
            RData::Unknown(v) => v.fmt(f),
        }
    }
}

impl<N: crate::ToName> ComposeRdata for RData<'_, N> {
    fn rtype(&self) -> Rtype {
        RData::rtype(self)
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        match self {
            RData::A(v) => v.compose(out),
            RData::Aaaa(v) => v.compose(out),
            RData::Mx(v) => v.compose(out),
            RData::Cname(v) => v.compose(out),
            RData::Ns(v) => v.compose(out),
            RData::Ptr(v) => v.compose(out),
            RData::Soa(v) => v.compose(out),
            RData::Txt(v) => v.compose(out),
            RData::Srv(v) => v.compose(out),
            RData::Opt(v) => v.compose(out),
            RData::Unknown(v) => v.compose(out),
        }
    }

    fn is_opaque(&self) -> bool {
        matches!(self, RData::Unknown(_))
    }
}

//--- ComposeRdata

/// RDATA the [`MessageBuilder`](crate::MessageBuilder) can write: every
/// type in this module, and [`RData`] itself.
pub trait ComposeRdata {
    /// The record type written in the record's TYPE field.
    fn rtype(&self) -> Rtype;

    /// Writes the RDATA; the builder fills in RDLENGTH.
    ///
    /// # Errors
    /// [`Error::BufferTooSmall`] when it does not fit, or what a name reports.
    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()>;

    /// Whether the RDATA is opaque bytes rather than typed fields, so that
    /// the builder checks them against the rules of [`ComposeRdata::rtype`].
    fn is_opaque(&self) -> bool {
        false
    }
}

impl<T: ComposeRdata + ?Sized> ComposeRdata for &T {
    fn rtype(&self) -> Rtype {
        (**self).rtype()
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        (**self).compose(out)
    }

    fn is_opaque(&self) -> bool {
        (**self).is_opaque()
    }
}

//--- Helpers shared by the types

/// Checks a name inside RDATA: running off the message is an RDATA that
/// does not fit its type, not a truncated message.
#[inline(always)]
pub(crate) fn check_rdata_name(message: &[u8], at: usize, memo: &mut CheckedSuffixes) -> Result<usize> {
    check_name_with(message, at, memo).map_err(|error| match error {
        Error::Truncated => Error::RdataLength,
        other => other,
    })
}

/// Checks a name at `at` (inside the RDATA that ends at `end`) followed by
/// exactly `fixed` bytes up to `end`; returns where the name's in-place
/// bytes end.
///
/// The name is checked against the whole message, as every name is: its
/// pointers may lead anywhere before it. Its own bytes, up to its first
/// pointer or its root label, must lie inside the RDATA.
#[inline(always)]
pub(crate) fn check_name_then(
    message: &[u8],
    at: usize,
    end: usize,
    fixed: usize,
    memo: &mut CheckedSuffixes,
) -> Result<usize> {
    if at >= end {
        return Err(Error::RdataLength);
    }
    let after = check_rdata_name(message, at, memo)?;
    if after + fixed != end {
        return Err(Error::RdataLength);
    }
    Ok(after)
}

/// Defines a type whose RDATA is exactly one domain name, compressible on
/// the wire (RFC 3597 §4): CNAME, NS and PTR.
macro_rules! single_name_rdata {
    ($(#[$doc:meta])* $type:ident, $field:ident, $rtype:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $type<N> {
            #[allow(missing_docs)]
            pub $field: N,
        }

        impl<'a> $type<crate::Name<'a>> {
            pub(crate) fn decode(message: &'a [u8], rdata: core::ops::Range<usize>) -> Self {
                $type { $field: crate::Name::new_checked(message, rdata.start) }
            }
        }

        impl<N: core::fmt::Display> core::fmt::Display for $type<N> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                self.$field.fmt(f)
            }
        }

        impl<N: crate::ToName> crate::rdata::ComposeRdata for $type<N> {
            fn rtype(&self) -> crate::Rtype {
                crate::Rtype::$rtype
            }

            fn compose(&self, out: &mut crate::wire::builder::RdataWriter<'_>) -> crate::Result<()> {
                out.compressed_name(&self.$field)
            }
        }
    };
}
pub(crate) use single_name_rdata;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_and_class_text_round_trips() {
        assert_eq!(Rtype::MX.to_string(), "MX");
        assert_eq!(Rtype(65280).to_string(), "TYPE65280");
        assert_eq!("mx".parse::<Rtype>(), Ok(Rtype::MX));
        assert_eq!("TYPE65280".parse::<Rtype>(), Ok(Rtype(65280)));
        assert_eq!("type1".parse::<Rtype>(), Ok(Rtype::A));
        assert_eq!("TYPE".parse::<Rtype>(), Err(Error::BadText));
        assert_eq!("TYPE65536".parse::<Rtype>(), Err(Error::BadText));
        assert_eq!("MXX".parse::<Rtype>(), Err(Error::BadText));
        assert_eq!(Class(42).to_string(), "CLASS42");
        assert_eq!("ch".parse::<Class>(), Ok(Class::CH));
        assert_eq!("CLASS42".parse::<Class>(), Ok(Class(42)));
    }
}
