//! [`Rtype`]: record types, with every mnemonic IANA registers.

use core::fmt;
use core::str::FromStr;

use crate::error::{Error, Result};

/// A record type (RFC 1035 §3.2.2, IANA "Resource Record (RR) TYPEs").
/// Unknown types survive as their number and print as `TYPE<n>`
/// (RFC 3597 §5).
///
/// ```
/// use dnswire::Rtype;
///
/// assert_eq!("loc".parse::<Rtype>()?, Rtype::LOC);
/// assert_eq!(Rtype::LOC.to_string(), "LOC");
/// assert_eq!("TYPE29".parse::<Rtype>()?, Rtype::LOC);
/// assert_eq!(Rtype(65280).to_string(), "TYPE65280");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Rtype(pub u16);

macro_rules! rtypes {
    ($($name:ident = $value:expr, $text:expr, $doc:expr;)*) => {
        impl Rtype {
            $(#[doc = $doc] pub const $name: Rtype = Rtype($value);)*

            /// The IANA mnemonic, for the types that have one.
            pub fn mnemonic(self) -> Option<&'static str> {
                match self {
                    $(Rtype::$name => Some($text),)*
                    _ => None,
                }
            }

            fn from_mnemonic(text: &str) -> Option<Rtype> {
                $(if text.eq_ignore_ascii_case($text) {
                    return Some(Rtype::$name);
                })*
                None
            }
        }
    };
}

// From the IANA registry "Resource Record (RR) TYPEs", data types, query
// types and meta types alike. `ANY` is `*` there; dig prints `ANY`.
rtypes! {
    A = 1, "A", "IPv4 address (RFC 1035).";
    NS = 2, "NS", "Authoritative name server (RFC 1035).";
    MD = 3, "MD", "Mail destination (RFC 1035, obsolete).";
    MF = 4, "MF", "Mail forwarder (RFC 1035, obsolete).";
    CNAME = 5, "CNAME", "Canonical name (RFC 1035).";
    SOA = 6, "SOA", "Start of authority (RFC 1035).";
    MB = 7, "MB", "Mailbox domain name (RFC 1035).";
    MG = 8, "MG", "Mail group member (RFC 1035).";
    MR = 9, "MR", "Mail rename domain name (RFC 1035).";
    NULL = 10, "NULL", "Null record (RFC 1035).";
    WKS = 11, "WKS", "Well-known services (RFC 1035).";
    PTR = 12, "PTR", "Domain name pointer (RFC 1035).";
    HINFO = 13, "HINFO", "Host information (RFC 1035, RFC 8482).";
    MINFO = 14, "MINFO", "Mailbox or mail list information (RFC 1035).";
    MX = 15, "MX", "Mail exchange (RFC 1035, RFC 7505).";
    TXT = 16, "TXT", "Text strings (RFC 1035).";
    RP = 17, "RP", "Responsible person (RFC 1183).";
    AFSDB = 18, "AFSDB", "AFS database location (RFC 1183, RFC 5864).";
    X25 = 19, "X25", "X.25 PSDN address (RFC 1183).";
    ISDN = 20, "ISDN", "ISDN address (RFC 1183).";
    RT = 21, "RT", "Route through (RFC 1183).";
    NSAP = 22, "NSAP", "NSAP address (RFC 1706).";
    NSAP_PTR = 23, "NSAP-PTR", "NSAP domain name pointer (RFC 1706).";
    SIG = 24, "SIG", "Security signature (RFC 2536, RFC 2931).";
    KEY = 25, "KEY", "Security key (RFC 2536, RFC 3445).";
    PX = 26, "PX", "X.400 mail mapping (RFC 2163).";
    GPOS = 27, "GPOS", "Geographical position (RFC 1712).";
    AAAA = 28, "AAAA", "IPv6 address (RFC 3596).";
    LOC = 29, "LOC", "Location (RFC 1876).";
    NXT = 30, "NXT", "Next domain (RFC 2535, obsolete).";
    EID = 31, "EID", "Endpoint identifier.";
    NIMLOC = 32, "NIMLOC", "Nimrod locator.";
    SRV = 33, "SRV", "Service location (RFC 2782).";
    ATMA = 34, "ATMA", "ATM address.";
    NAPTR = 35, "NAPTR", "Naming authority pointer (RFC 3403).";
    KX = 36, "KX", "Key exchanger (RFC 2230).";
    CERT = 37, "CERT", "Certificate (RFC 4398).";
    A6 = 38, "A6", "IPv6 address, A6 form (RFC 2874, historic).";
    DNAME = 39, "DNAME", "Delegation name (RFC 6672).";
    SINK = 40, "SINK", "Kitchen sink.";
    OPT = 41, "OPT", "EDNS(0) pseudo-record (RFC 6891).";
    APL = 42, "APL", "Address prefix list (RFC 3123).";
    DS = 43, "DS", "Delegation signer (RFC 4034).";
    SSHFP = 44, "SSHFP", "SSH key fingerprint (RFC 4255).";
    IPSECKEY = 45, "IPSECKEY", "IPsec key (RFC 4025).";
    RRSIG = 46, "RRSIG", "RRset signature (RFC 4034).";
    NSEC = 47, "NSEC", "Next secure record (RFC 4034).";
    DNSKEY = 48, "DNSKEY", "DNS public key (RFC 4034).";
    DHCID = 49, "DHCID", "DHCP identifier (RFC 4701).";
    NSEC3 = 50, "NSEC3", "Hashed next secure record (RFC 5155).";
    NSEC3PARAM = 51, "NSEC3PARAM", "NSEC3 parameters (RFC 5155).";
    TLSA = 52, "TLSA", "TLS association (RFC 6698).";
    SMIMEA = 53, "SMIMEA", "S/MIME certificate association (RFC 8162).";
    HIP = 55, "HIP", "Host identity protocol (RFC 8005).";
    NINFO = 56, "NINFO", "Zone status information.";
    RKEY = 57, "RKEY", "Resource key.";
    TALINK = 58, "TALINK", "Trust anchor link.";
    CDS = 59, "CDS", "Child DS (RFC 7344).";
    CDNSKEY = 60, "CDNSKEY", "Child DNSKEY (RFC 7344).";
    OPENPGPKEY = 61, "OPENPGPKEY", "OpenPGP public key (RFC 7929).";
    CSYNC = 62, "CSYNC", "Child-to-parent synchronization (RFC 7477).";
    ZONEMD = 63, "ZONEMD", "Message digest over zone data (RFC 8976).";
    SVCB = 64, "SVCB", "Service binding (RFC 9460).";
    HTTPS = 65, "HTTPS", "HTTPS service binding (RFC 9460).";
    DSYNC = 66, "DSYNC", "Delegation synchronization (RFC 9859).";
    HHIT = 67, "HHIT", "Hierarchical host identity tag.";
    BRID = 68, "BRID", "UAS broadcast remote identification.";
    SPF = 99, "SPF", "Sender policy framework (RFC 7208, obsolete).";
    UINFO = 100, "UINFO", "Reserved (IANA).";
    UID = 101, "UID", "Reserved (IANA).";
    GID = 102, "GID", "Reserved (IANA).";
    UNSPEC = 103, "UNSPEC", "Reserved (IANA).";
    NID = 104, "NID", "ILNP node identifier (RFC 6742).";
    L32 = 105, "L32", "ILNP 32-bit locator (RFC 6742).";
    L64 = 106, "L64", "ILNP 64-bit locator (RFC 6742).";
    LP = 107, "LP", "ILNP locator pointer (RFC 6742).";
    EUI48 = 108, "EUI48", "EUI-48 address (RFC 7043).";
    EUI64 = 109, "EUI64", "EUI-64 address (RFC 7043).";
    NXNAME = 128, "NXNAME", "NXDOMAIN indicator for compact denial (RFC 9824).";
    TKEY = 249, "TKEY", "Transaction key (RFC 2930).";
    TSIG = 250, "TSIG", "Transaction signature (RFC 8945).";
    IXFR = 251, "IXFR", "Incremental zone transfer (RFC 1995).";
    AXFR = 252, "AXFR", "Zone transfer (RFC 5936).";
    MAILB = 253, "MAILB", "Mailbox-related records, in a question (RFC 1035).";
    MAILA = 254, "MAILA", "Mail agent records, in a question (RFC 1035, obsolete).";
    ANY = 255, "ANY", "Any type, in a question (RFC 8482).";
    URI = 256, "URI", "Uniform resource identifier (RFC 7553).";
    CAA = 257, "CAA", "Certification authority authorization (RFC 8659).";
    AVC = 258, "AVC", "Application visibility and control.";
    DOA = 259, "DOA", "Digital object architecture.";
    AMTRELAY = 260, "AMTRELAY", "Automatic multicast tunneling relay (RFC 8777).";
    RESINFO = 261, "RESINFO", "Resolver information (RFC 9606).";
    WALLET = 262, "WALLET", "Public wallet address.";
    CLA = 263, "CLA", "BP convergence layer adapter.";
    IPN = 264, "IPN", "BP node number.";
    TA = 32768, "TA", "DNSSEC trust authorities.";
    DLV = 32769, "DLV", "DNSSEC lookaside validation (RFC 8749, historic).";
}

impl fmt::Display for Rtype {
    /// The mnemonic, or `TYPE<n>` (RFC 3597 §5). Honours width and fill.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.mnemonic() {
            Some(name) => f.pad(name),
            None => f.pad(crate::rdata::present::Numbered::new("TYPE", self.0).as_str()),
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

/// `n` from `<prefix><n>` (prefix in any case, `n` a decimal `u16`).
pub(crate) fn numeric_suffix(text: &str, prefix: &str) -> Option<u16> {
    let head = text.get(..prefix.len())?;
    let digits = text.get(prefix.len()..)?;
    if !head.eq_ignore_ascii_case(prefix) || digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_text_round_trips() {
        assert_eq!(Rtype::MX.to_string(), "MX");
        assert_eq!(Rtype(65280).to_string(), "TYPE65280");
        assert_eq!(format!("{:<6}|", Rtype(23)), "NSAP-PTR|");
        assert_eq!(format!("{:>8}", Rtype(3000)), "TYPE3000");
        assert_eq!(format!("{:>6}", Rtype::MX), "    MX");
        assert_eq!("mx".parse::<Rtype>(), Ok(Rtype::MX));
        assert_eq!("nsap-ptr".parse::<Rtype>(), Ok(Rtype::NSAP_PTR));
        assert_eq!("TYPE65280".parse::<Rtype>(), Ok(Rtype(65280)));
        assert_eq!("type1".parse::<Rtype>(), Ok(Rtype::A));
        assert_eq!("TYPE".parse::<Rtype>(), Err(Error::BadText));
        assert_eq!("TYPE65536".parse::<Rtype>(), Err(Error::BadText));
        assert_eq!("MXX".parse::<Rtype>(), Err(Error::BadText));
    }

    #[test]
    fn every_mnemonic_parses_back() {
        // Every value; under Miri, one in 97 (the loop is the slow part).
        for value in (0..=u16::MAX).step_by(if cfg!(miri) { 97 } else { 1 }) {
            let rtype = Rtype(value);
            assert_eq!(rtype.to_string().parse::<Rtype>(), Ok(rtype));
        }
    }
}
