//! Record types, classes and typed RDATA.
//!
//! Each type lives in its own file and is one line in the table below
//! ([`rdata_types!`]). A file offers: `decode`, which builds the view from
//! the RDATA; `check`, for the types whose wire rules
//! [`Message::parse`](crate::Message::parse) enforces; `Display` in dig's
//! presentation format; and [`ComposeRdata`] for the builder. Types this
//! crate does not know are kept as [`UnknownRdata`] and written back byte
//! for byte (RFC 3597).
//!
//!
//! Where the line between checks at parse time and checks when a view is
//! asked for is drawn: see the [crate docs](crate#strict-and-lenient).

use core::fmt;
use core::ops::Range;

use crate::error::{Error, Result};
use crate::name::{check_name_with, CheckedSuffixes, Name, NameBuf};
use crate::rdata::scan::Scanner;
use crate::wire::builder::RdataWriter;

mod a;
mod aaaa;
mod afsdb;
mod bitmap;
mod caa;
mod cert;
mod class;
mod cname;
mod csync;
mod dname;
mod dnskey;
mod ds;
mod edns;
mod eui48;
mod eui64;
mod fields;
mod hinfo;
mod invalid;
mod kx;
mod l32;
mod l64;
mod loc;
mod lp;
mod mb;
mod md;
mod mf;
mod mg;
mod minfo;
mod mr;
mod mx;
mod naptr;
mod nid;
mod ns;
mod nsec;
mod nsec3;
mod nsec3param;
mod nxt;
mod openpgpkey;
pub(crate) mod present;
mod ptr;
mod px;
mod rp;
mod rrsig;
mod rt;
mod rtype;
pub(crate) mod scan;
mod sig;
mod smimea;
mod soa;
mod spf;
mod srv;
mod sshfp;
mod svcb;
mod tkey;
mod tlsa;
mod tsig;
pub(crate) mod txt;
mod unknown;
mod uri;
mod wks;
mod zonemd;

pub use a::A;
pub use aaaa::Aaaa;
pub use afsdb::Afsdb;
pub use bitmap::{BitmapTypes, TypeBitmap};
pub use caa::Caa;
pub use cert::Cert;
pub use class::Class;
pub use cname::Cname;
pub use csync::Csync;
pub use dname::Dname;
pub use dnskey::Dnskey;
pub use ds::Ds;
use edns::opt;
#[cfg(feature = "alloc")]
pub use edns::EdnsOptionBuf;
pub use edns::{
    ClientSubnet, ComposeOption, Cookie, EdeCode, Edns, EdnsOption, EdnsOptionData, EdnsOptions, Expire, ExtendedError,
    KeyTag, KeyTags, Nsid, Opt, OptionCode, Padding, TcpKeepalive,
};
pub use eui48::Eui48;
pub use eui64::Eui64;
pub use hinfo::Hinfo;
pub use invalid::InvalidRdata;
pub use kx::Kx;
pub use l32::L32;
pub use l64::L64;
pub use loc::Loc;
pub use lp::Lp;
pub use mb::Mb;
pub use md::Md;
pub use mf::Mf;
pub use mg::Mg;
pub use minfo::Minfo;
pub use mr::Mr;
pub use mx::Mx;
pub use naptr::Naptr;
pub use nid::Nid;
pub use ns::Ns;
pub use nsec::Nsec;
pub use nsec3::Nsec3;
pub use nsec3param::Nsec3param;
pub use nxt::Nxt;
pub use openpgpkey::Openpgpkey;
pub use ptr::Ptr;
pub use px::Px;
pub use rp::Rp;
pub use rrsig::Rrsig;
pub use rt::Rt;
pub use rtype::Rtype;
pub use scan::{TextError, TextResult};
pub use soa::Soa;
pub use srv::Srv;
pub use sshfp::Sshfp;
pub use svcb::{AlpnIds, KeyList, SvcParam, SvcParamKey, SvcParams, SvcParamsBuilder, Svcb};
pub use tkey::Tkey;
pub use tlsa::Tlsa;
pub use tsig::Tsig;
pub use txt::{Txt, TxtStrings};
pub use unknown::UnknownRdata;
pub use uri::Uri;
pub use wks::Wks;
pub use zonemd::Zonemd;

/// The table of typed RDATA. Each line is `Variant(view type) = RTYPE,
/// module;`, the module offering `decode(message, rdata) -> Result<view>`
/// and, in the `parsed` group, `check(message, rdata, memo)`, run by
/// [`Message::parse`](crate::Message::parse). Variants that share a view
/// (DS and CDS) name the module of their own type, which may re-use
/// another's decoder.
macro_rules! rdata_types {
    (
        parsed { $($pvariant:ident($pty:ty) = $prtype:ident, $pmodule:ident;)* }
        lazy { $($lvariant:ident($lty:ty) = $lrtype:ident, $lmodule:ident;)* }
    ) => {
        /// Typed RDATA. Parsed records give `RData<'a>` (names are [`Name`]
        /// views into the message); to build, use any
        /// [`ToName`](crate::ToName) type for `N`, such as
        /// [`NameBuf`](crate::NameBuf).
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
        #[allow(missing_docs)]
        pub enum RData<'a, N = Name<'a>> {
            $($pvariant($pty),)*
            $($lvariant($lty),)*
            /// Any other type, as opaque bytes.
            Unknown(UnknownRdata<'a>),
            /// RDATA of a type this crate decodes that breaks its type's
            /// rules; see [where the line is drawn](crate#strict-and-lenient).
            Invalid(InvalidRdata<'a>),
            /// No RDATA: a record of class NONE or ANY in an UPDATE
            /// (RFC 2136 §2.4, §2.5), of the type given.
            Empty(Rtype),
        }

        impl<N> RData<'_, N> {
            /// The record type this RDATA belongs to.
            pub fn rtype(&self) -> Rtype {
                match self {
                    $(RData::$pvariant(_) => Rtype::$prtype,)*
                    $(RData::$lvariant(_) => Rtype::$lrtype,)*
                    RData::Unknown(unknown) => unknown.rtype(),
                    RData::Invalid(invalid) => invalid.rtype(),
                    RData::Empty(rtype) => *rtype,
                }
            }
        }

        impl<'a> RData<'a> {
            /// Whether [`RData::check`] has rules for `rtype`, the types
            /// checked at parse time. RDATA of any other type passes.
            #[inline(always)]
            pub(crate) fn has_rules(rtype: Rtype) -> bool {
                matches!(rtype, $(Rtype::$prtype)|*)
            }

            /// Checks the RDATA at `rdata` in `message` for a record of `rtype`
            /// and `class` (opaque in a class not its own: [`is_foreign_class`]).
            pub(crate) fn check(
                message: &[u8],
                rtype: Rtype,
                class: Class,
                rdata: Range<usize>,
                memo: &mut CheckedSuffixes,
            ) -> Result<()> {
                if rdata.end > message.len() {
                    return Err(Error::RdataPastEnd);
                }
                match rtype {
                    $(Rtype::$prtype if !is_foreign_class(rtype, class) => $pmodule::check(message, rdata, memo),)*
                    _ => Ok(()),
                }
            }

            /// Decodes RDATA that [`RData::check`] accepted (and, for a
            /// record of class NONE or ANY, an empty one). Inline, so that
            /// a caller's `match` on the result folds into this one.
            #[inline(always)]
            pub(crate) fn decode(message: &'a [u8], rtype: Rtype, class: crate::Class, rdata: Range<usize>) -> Self {
                if rdata.is_empty() && is_update_class(class) && rtype != Rtype::OPT {
                    return RData::Empty(rtype);
                }
                let bytes = crate::wire::peek_slice(message, rdata.clone());
                match rtype {
                    // A guard folded away for all but the class IN types.
                    $(Rtype::$prtype if !is_foreign_class(rtype, class) => match $pmodule::decode(message, rdata) {
                        Ok(view) => RData::$pvariant(view),
                        Err(error) => RData::Invalid(InvalidRdata::new(rtype, bytes, error)),
                    },)*
                    $(Rtype::$lrtype if !is_foreign_class(rtype, class) => match $lmodule::decode(message, rdata) {
                        Ok(view) => RData::$lvariant(view),
                        Err(error) => RData::Invalid(InvalidRdata::new(rtype, bytes, error)),
                    },)*
                    _ => RData::Unknown(UnknownRdata::new(rtype, bytes)),
                }
            }
        }

        impl<'a> RData<'a> {
            /// Reads RDATA of `rtype` from presentation text (or the RFC
            /// 3597 generic form `\# <length> <hex>`, for any type) into
            /// `buf` in uncompressed wire form, checked as a parsed record's
            /// would be, and returns its view. No allocation: the zone
            /// reader and `no_std` users build records this way.
            ///
            /// ```
            /// use dnswire::{RData, Rtype};
            ///
            /// let mut buf = [0u8; 512];
            /// let origin = "example.com.".parse()?;
            /// let rdata = RData::from_text(Rtype::MX, "10 mx1", Some(&origin), &mut buf).unwrap();
            /// assert_eq!(rdata.to_string(), "10 mx1.example.com.");
            /// let caa = RData::from_text(Rtype::CAA, r#"0 issue "ca.example.net""#, None, &mut buf).unwrap();
            /// assert!(matches!(caa, RData::Caa(c) if c.value == b"ca.example.net"));
            /// let generic = RData::from_text(Rtype::A, r"\# 4 C0000201", None, &mut buf).unwrap();
            /// assert_eq!(generic.to_string(), "192.0.2.1");
            /// # Ok::<(), dnswire::Error>(())
            /// ```
            ///
            /// # Errors
            /// A [`TextError`] naming the field, its line and column, and
            /// the rule broken; [`Error::BufferTooSmall`] in one if `buf`
            /// is too small (65 535 bytes always suffice).
            pub fn from_text(
                rtype: Rtype,
                text: &str,
                origin: Option<&NameBuf>,
                buf: &'a mut [u8],
            ) -> TextResult<RData<'a>> {
                let mut scanner = Scanner::new(text, origin);
                let len = RData::scan_into(rtype, &mut scanner, buf)?;
                scanner.finish_text()?;
                Ok(RData::decode(buf, rtype, Class::IN, 0..len))
            }

            /// Reads the rest of `scanner`'s record as RDATA of `rtype`
            /// into `buf`; checks it as a parsed record's; returns its length.
            pub(crate) fn scan_into(rtype: Rtype, scanner: &mut Scanner<'_>, buf: &mut [u8]) -> TextResult<usize> {
                let start = scanner.position();
                let len = RdataWriter::uncompressed(buf, |out| {
                    if scanner.generic(out)? {
                        return Ok(());
                    }
                    match rtype {
                        $(Rtype::$prtype => $pmodule::scan(scanner, out)?,)*
                        $(Rtype::$lrtype => $lmodule::scan(scanner, out)?,)*
                        // RFC 3597 §5: unknown types only in the generic form.
                        _ => return Err(scanner.error_here("RDATA", Error::UnknownType)),
                    }
                    scanner.finish()
                })?;
                let written = &buf[..len];
                let whole = |error| TextError::whole(error, "RDATA", scanner.text(), start);
                RData::check(written, rtype, Class::IN, 0..len, &mut CheckedSuffixes::new()).map_err(whole)?;
                match RData::decode(written, rtype, Class::IN, 0..len) {
                    RData::Invalid(invalid) => Err(whole(invalid.error())),
                    _ => Ok(len),
                }
            }
        }

        impl<N: fmt::Display> fmt::Display for RData<'_, N> {
            /// Standard presentation format, as dig prints it.
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                match self {
                    $(RData::$pvariant(v) => v.fmt(f),)*
                    $(RData::$lvariant(v) => v.fmt(f),)*
                    RData::Unknown(v) => v.fmt(f),
                    RData::Invalid(v) => v.fmt(f),
                    RData::Empty(_) => Ok(()),
                }
            }
        }

        impl<N: crate::ToName> ComposeRdata for RData<'_, N> {
            fn rtype(&self) -> Rtype {
                RData::rtype(self)
            }

            fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
                match self {
                    $(RData::$pvariant(v) => v.compose(out),)*
                    $(RData::$lvariant(v) => v.compose(out),)*
                    RData::Unknown(v) => v.compose(out),
                    RData::Invalid(v) => v.compose(out),
                    RData::Empty(_) => Ok(()),
                }
            }

            fn is_opaque(&self) -> bool {
                matches!(self, RData::Unknown(_) | RData::Invalid(_) | RData::Empty(_))
            }
        }
    };
}

rdata_types! {
    parsed {
        Ns(Ns<N>) = NS, ns;
        Md(Md<N>) = MD, md;
        Mf(Mf<N>) = MF, mf;
        Cname(Cname<N>) = CNAME, cname;
        Soa(Soa<N>) = SOA, soa;
        Mb(Mb<N>) = MB, mb;
        Mg(Mg<N>) = MG, mg;
        Mr(Mr<N>) = MR, mr;
        Ptr(Ptr<N>) = PTR, ptr;
        Minfo(Minfo<N>) = MINFO, minfo;
        Mx(Mx<N>) = MX, mx;
        Rp(Rp<N>) = RP, rp;
        Afsdb(Afsdb<N>) = AFSDB, afsdb;
        Rt(Rt<N>) = RT, rt;
        Sig(Rrsig<'a, N>) = SIG, sig;
        Px(Px<N>) = PX, px;
        Nxt(Nxt<'a, N>) = NXT, nxt;
        Srv(Srv<N>) = SRV, srv;
        Naptr(Naptr<'a, N>) = NAPTR, naptr;
        Kx(Kx<N>) = KX, kx;
        Dname(Dname<N>) = DNAME, dname;
        Opt(Opt<'a>) = OPT, opt;
        Nsec(Nsec<'a, N>) = NSEC, nsec;
    }
    lazy {
        A(A) = A, a;
        Wks(Wks<'a>) = WKS, wks;
        Hinfo(Hinfo<'a>) = HINFO, hinfo;
        Txt(Txt<'a>) = TXT, txt;
        Key(Dnskey<'a>) = KEY, dnskey;
        Aaaa(Aaaa) = AAAA, aaaa;
        Loc(Loc) = LOC, loc;
        Cert(Cert<'a>) = CERT, cert;
        Ds(Ds<'a>) = DS, ds;
        Sshfp(Sshfp<'a>) = SSHFP, sshfp;
        Rrsig(Rrsig<'a, N>) = RRSIG, rrsig;
        Dnskey(Dnskey<'a>) = DNSKEY, dnskey;
        Nsec3(Nsec3<'a>) = NSEC3, nsec3;
        Nsec3param(Nsec3param<'a>) = NSEC3PARAM, nsec3param;
        Tlsa(Tlsa<'a>) = TLSA, tlsa;
        Smimea(Tlsa<'a>) = SMIMEA, smimea;
        Cds(Ds<'a>) = CDS, ds;
        Cdnskey(Dnskey<'a>) = CDNSKEY, dnskey;
        Openpgpkey(Openpgpkey<'a>) = OPENPGPKEY, openpgpkey;
        Csync(Csync<'a>) = CSYNC, csync;
        Zonemd(Zonemd<'a>) = ZONEMD, zonemd;
        Svcb(Svcb<'a, N>) = SVCB, svcb;
        Https(Svcb<'a, N>) = HTTPS, svcb;
        Spf(Txt<'a>) = SPF, spf;
        Nid(Nid) = NID, nid;
        L32(L32) = L32, l32;
        L64(L64) = L64, l64;
        Lp(Lp<N>) = LP, lp;
        Eui48(Eui48) = EUI48, eui48;
        Eui64(Eui64) = EUI64, eui64;
        Tkey(Tkey<'a, N>) = TKEY, tkey;
        Tsig(Tsig<'a, N>) = TSIG, tsig;
        Uri(Uri<'a>) = URI, uri;
        Caa(Caa<'a>) = CAA, caa;
        Dlv(Ds<'a>) = DLV, ds;
        Ta(Ds<'a>) = TA, ds;
        Avc(Txt<'a>) = AVC, txt;
        Resinfo(Txt<'a>) = RESINFO, txt;
        Wallet(Txt<'a>) = WALLET, txt;
    }
}

/// Whether the record's class makes its RDATA opaque: the RDATA of A,
/// AAAA, SRV, KX, PX, SVCB, HTTPS and WKS is defined for class IN alone
/// (A also for HS, as BIND reads it), and in any other class is opaque
/// bytes (RFC 3597 §4), neither checked nor decoded, as dig and dnspython
/// print it. IN counts with the mDNS cache-flush bit set (class 0x8001,
/// RFC 6762 §10.2), and the NONE and ANY of an UPDATE carry RDATA in the
/// zone's class (RFC 2136 §2.5.4).
#[inline(always)]
pub(crate) fn is_foreign_class(rtype: Rtype, class: crate::Class) -> bool {
    // IN, IN with the cache-flush bit, NONE and ANY; and HS for A.
    let in_class = |c: u16| c & 0x7fff == 1 || c.wrapping_sub(254) < 2;
    match rtype {
        Rtype::A => !in_class(class.0) && class != crate::Class::HS,
        Rtype::AAAA | Rtype::SRV | Rtype::KX | Rtype::PX | Rtype::SVCB | Rtype::HTTPS | Rtype::WKS => {
            !in_class(class.0)
        }
        _ => false,
    }
}

/// Whether a record of `class` may have empty RDATA whatever its type: the
/// deletions and prerequisites of an UPDATE (RFC 2136 §2.4, §2.5).
#[inline(always)]
pub(crate) fn is_update_class(class: crate::Class) -> bool {
    class == crate::Class::NONE || class == crate::Class::ANY
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

/// Checks a name inside RDATA (from `at`, the RDATA ending at `end`) that
/// is usually written whole, as NSEC's is outside mDNS: its labels are
/// walked in place, without the cache of checked suffixes (no encoder
/// points into such a name); one with a pointer is checked as every name
/// is. Returns where its in-place bytes end.
#[inline(always)]
pub(crate) fn check_whole_name(message: &[u8], at: usize, end: usize, memo: &mut CheckedSuffixes) -> Result<usize> {
    let bytes = message.get(at..end).ok_or(Error::RdataLength)?;
    let mut pos = 0;
    loop {
        let len = *bytes.get(pos).ok_or(Error::RdataLength)?;
        if len == 0 {
            break;
        }
        if len >= 0x40 {
            // A pointer (or a reserved label type): the general check.
            return check_rdata_name(message, at, memo);
        }
        pos += 1 + usize::from(len);
    }
    if pos >= crate::name::MAX_NAME_LEN {
        return Err(Error::NameTooLong);
    }
    Ok(at + pos + 1)
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

/// Defines, in the calling module, a type whose RDATA is exactly one
/// domain name, compressible when read (RFC 3597 §4), with its `check` and
/// `decode`: CNAME, NS, PTR, DNAME and the RFC 1035 mailbox types. The
/// last argument says how the builder writes the name.
macro_rules! single_name_rdata {
    ($(#[$doc:meta])* $type:ident, $field:ident, $rtype:ident, $write:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $type<N> {
            #[allow(missing_docs)]
            pub $field: N,
        }

        #[inline(always)]
        pub(crate) fn check(
            message: &[u8],
            rdata: core::ops::Range<usize>,
            memo: &mut crate::name::CheckedSuffixes,
        ) -> crate::Result<()> {
            crate::rdata::check_name_then(message, rdata.start, rdata.end, 0, memo).map(drop)
        }

        #[inline(always)]
        pub(crate) fn decode(message: &[u8], rdata: core::ops::Range<usize>) -> crate::Result<$type<crate::Name<'_>>> {
            Ok($type { $field: crate::Name::new_checked(message, rdata.start) })
        }

        pub(crate) fn scan(
            s: &mut crate::rdata::scan::Scanner<'_>,
            out: &mut crate::wire::builder::RdataWriter<'_>,
        ) -> crate::rdata::scan::TextResult<()> {
            s.write_name(concat!(stringify!($rtype), " ", stringify!($field)), out)
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
                out.$write(&self.$field)
            }
        }
    };
}
pub(crate) use single_name_rdata;

/// Defines, in the calling module, a type whose RDATA is a `u16` then a
/// domain name, compressible when read (RFC 3597 §4): AFSDB, RT, KX. The
/// builder writes the name uncompressed, as RFC 3597 §4 asks of types
/// after RFC 1035.
macro_rules! number_and_name_rdata {
    ($(#[$doc:meta])* $type:ident, $number:ident, $name:ident, $rtype:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $type<N> {
            #[allow(missing_docs)]
            pub $number: u16,
            #[allow(missing_docs)]
            pub $name: N,
        }

        #[inline]
        pub(crate) fn check(
            message: &[u8],
            rdata: core::ops::Range<usize>,
            memo: &mut crate::name::CheckedSuffixes,
        ) -> crate::Result<()> {
            crate::rdata::check_name_then(message, rdata.start + 2, rdata.end, 0, memo).map(drop)
        }

        #[inline]
        pub(crate) fn decode(message: &[u8], rdata: core::ops::Range<usize>) -> crate::Result<$type<crate::Name<'_>>> {
            Ok($type {
                $number: crate::wire::peek_u16(message, rdata.start),
                $name: crate::Name::new_checked(message, rdata.start + 2),
            })
        }

        pub(crate) fn scan(
            s: &mut crate::rdata::scan::Scanner<'_>,
            out: &mut crate::wire::builder::RdataWriter<'_>,
        ) -> crate::rdata::scan::TextResult<()> {
            let field = concat!(stringify!($rtype), " ", stringify!($number));
            let number = s.u16(field)?;
            out.u16(number).map_err(|e| s.error_here(field, e))?;
            s.write_name(concat!(stringify!($rtype), " ", stringify!($name)), out)
        }

        impl<N: core::fmt::Display> core::fmt::Display for $type<N> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "{} {}", self.$number, self.$name)
            }
        }

        impl<N: crate::ToName> crate::rdata::ComposeRdata for $type<N> {
            fn rtype(&self) -> crate::Rtype {
                crate::Rtype::$rtype
            }

            fn compose(&self, out: &mut crate::wire::builder::RdataWriter<'_>) -> crate::Result<()> {
                out.u16(self.$number)?;
                out.uncompressed_name(&self.$name)
            }
        }
    };
}
pub(crate) use number_and_name_rdata;

/// Defines, in the calling module, a type whose RDATA is two domain names,
/// compressible when read: MINFO, RP. `$write` says how the builder
/// writes them.
macro_rules! two_names_rdata {
    ($(#[$doc:meta])* $type:ident, $first:ident, $second:ident, $rtype:ident, $write:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct $type<N> {
            #[allow(missing_docs)]
            pub $first: N,
            #[allow(missing_docs)]
            pub $second: N,
        }

        #[inline]
        pub(crate) fn check(
            message: &[u8],
            rdata: core::ops::Range<usize>,
            memo: &mut crate::name::CheckedSuffixes,
        ) -> crate::Result<()> {
            if rdata.is_empty() {
                return Err(crate::Error::RdataLength);
            }
            let second = crate::rdata::check_rdata_name(message, rdata.start, memo)?;
            crate::rdata::check_name_then(message, second, rdata.end, 0, memo).map(drop)
        }

        #[inline]
        pub(crate) fn decode(message: &[u8], rdata: core::ops::Range<usize>) -> crate::Result<$type<crate::Name<'_>>> {
            Ok($type {
                $first: crate::Name::new_checked(message, rdata.start),
                $second: crate::Name::new_checked(message, crate::name::skip_name(message, rdata.start)),
            })
        }

        pub(crate) fn scan(
            s: &mut crate::rdata::scan::Scanner<'_>,
            out: &mut crate::wire::builder::RdataWriter<'_>,
        ) -> crate::rdata::scan::TextResult<()> {
            s.write_name(concat!(stringify!($rtype), " ", stringify!($first)), out)?;
            s.write_name(concat!(stringify!($rtype), " ", stringify!($second)), out)
        }

        impl<N: core::fmt::Display> core::fmt::Display for $type<N> {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                write!(f, "{} {}", self.$first, self.$second)
            }
        }

        impl<N: crate::ToName> crate::rdata::ComposeRdata for $type<N> {
            fn rtype(&self) -> crate::Rtype {
                crate::Rtype::$rtype
            }

            fn compose(&self, out: &mut crate::wire::builder::RdataWriter<'_>) -> crate::Result<()> {
                out.$write(&self.$first)?;
                out.$write(&self.$second)
            }
        }
    };
}
pub(crate) use two_names_rdata;

/// `FromStr` for the views that own all their fields (numbers, addresses,
/// and names as [`NameBuf`]): presentation text, names absolute, read into
/// a stack buffer as [`RData::from_text`] reads it. Views that borrow bytes
/// (TXT, CAA…) are read into an [`RdataBuf`](crate::RdataBuf) instead.
macro_rules! from_str_owned {
    ($($type:ty => $variant:ident = $rtype:ident, |$view:ident| $owned:expr;)*) => {
        $(impl core::str::FromStr for $type {
            type Err = TextError;

            fn from_str(text: &str) -> TextResult<Self> {
                // The largest of these: PX, two names of 255 bytes and a u16.
                let mut buf = [0u8; 2 * crate::name::MAX_NAME_LEN + 32];
                match RData::from_text(Rtype::$rtype, text, None, &mut buf)? {
                    RData::$variant($view) => Ok($owned),
                    // What from_text accepts decodes to the type's view.
                    _ => Err(TextError::whole(Error::BadText, "RDATA", text, 0)),
                }
            }
        })*
    };
}

/// A name of a parsed view, owned.
fn own(name: Name<'_>) -> NameBuf {
    NameBuf::from(name)
}

from_str_owned! {
    A => A = A, |v| v;
    Aaaa => Aaaa = AAAA, |v| v;
    Loc => Loc = LOC, |v| v;
    Eui48 => Eui48 = EUI48, |v| v;
    Eui64 => Eui64 = EUI64, |v| v;
    Nid => Nid = NID, |v| v;
    L32 => L32 = L32, |v| v;
    L64 => L64 = L64, |v| v;
    Ns<NameBuf> => Ns = NS, |v| Ns { nsdname: own(v.nsdname) };
    Cname<NameBuf> => Cname = CNAME, |v| Cname { cname: own(v.cname) };
    Ptr<NameBuf> => Ptr = PTR, |v| Ptr { ptrdname: own(v.ptrdname) };
    Dname<NameBuf> => Dname = DNAME, |v| Dname { target: own(v.target) };
    Mb<NameBuf> => Mb = MB, |v| Mb { madname: own(v.madname) };
    Mg<NameBuf> => Mg = MG, |v| Mg { mgmname: own(v.mgmname) };
    Mr<NameBuf> => Mr = MR, |v| Mr { newname: own(v.newname) };
    Md<NameBuf> => Md = MD, |v| Md { madname: own(v.madname) };
    Mf<NameBuf> => Mf = MF, |v| Mf { madname: own(v.madname) };
    Mx<NameBuf> => Mx = MX, |v| Mx { preference: v.preference, exchange: own(v.exchange) };
    Afsdb<NameBuf> => Afsdb = AFSDB, |v| Afsdb { subtype: v.subtype, hostname: own(v.hostname) };
    Rt<NameBuf> => Rt = RT, |v| Rt { preference: v.preference, host: own(v.host) };
    Kx<NameBuf> => Kx = KX, |v| Kx { preference: v.preference, exchanger: own(v.exchanger) };
    Lp<NameBuf> => Lp = LP, |v| Lp { preference: v.preference, fqdn: own(v.fqdn) };
    Minfo<NameBuf> => Minfo = MINFO, |v| Minfo { rmailbx: own(v.rmailbx), emailbx: own(v.emailbx) };
    Rp<NameBuf> => Rp = RP, |v| Rp { mbox: own(v.mbox), txt: own(v.txt) };
    Px<NameBuf> => Px = PX, |v| Px { preference: v.preference, map822: own(v.map822), mapx400: own(v.mapx400) };
    Srv<NameBuf> => Srv = SRV, |v| Srv { priority: v.priority, weight: v.weight, port: v.port, target: own(v.target) };
    Soa<NameBuf> => Soa = SOA, |v| Soa {
        mname: own(v.mname), rname: own(v.rname), serial: v.serial, refresh: v.refresh,
        retry: v.retry, expire: v.expire, minimum: v.minimum,
    };
}

#[cfg(test)]
mod from_str_tests {
    use super::*;

    #[test]
    fn owned_views_read_from_text() {
        let mx: Mx<NameBuf> = "10 mx1.example.".parse().unwrap();
        assert_eq!((mx.preference, mx.exchange.to_string()), (10, "mx1.example.".to_string()));
        let a: A = "192.0.2.1".parse().unwrap();
        assert_eq!(a.addr, core::net::Ipv4Addr::new(192, 0, 2, 1));
        let soa: Soa<NameBuf> = "ns. host. 1 2h 1h 2w 5m".parse().unwrap();
        assert_eq!((soa.refresh, soa.minimum), (7200, 300));
        let loc: Loc = "42 21 54 N 71 06 18 W -24m 30m".parse().unwrap();
        assert_eq!(loc.to_string(), "42 21 54.000 N 71 6 18.000 W -24.00m 30m 10000m 10m");
        // Names must be absolute: there is no origin here.
        let error = "10 mx1".parse::<Mx<NameBuf>>().unwrap_err();
        assert_eq!(error.error(), Error::RelativeName);
        assert_eq!("192.0.2".parse::<A>().unwrap_err().error(), Error::BadAddress);
    }
}
