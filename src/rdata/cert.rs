//! CERT: a certificate or CRL ([RFC 4398 §2](https://www.rfc-editor.org/rfc/rfc4398#section-2)).
//!
//! # Wire format
//! ```text
//! TYPE         u16 (1 PKIX, 2 SPKI, 3 PGP, 4 IPKIX, 5 ISPKI, 6 IPGP,
//!              7 ACPKIX, 8 IACPKIX, 253 URI, 254 OID), printed by mnemonic
//! KEY TAG      u16
//! ALGORITHM    u8, printed by mnemonic (RSASHA256…) as dig does
//! CERTIFICATE  the rest, printed in base64
//! ```

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::present::base64;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A certificate record.
///
/// ```
/// use dnswire::{Cert, Class, Message, MessageBuilder};
///
/// let cert = Cert { cert_type: 3, key_tag: 0, algorithm: 0, certificate: b"foobar" };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.", Class::IN, 300, &cert)?;
/// let message = Message::parse(builder.finish())?;
/// assert_eq!(message.answers().next().unwrap().rdata().to_string(), "PGP 0 0 Zm9vYmFy");
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Cert<'a> {
    /// The certificate type.
    pub cert_type: u16,
    /// The key tag of the key the certificate is for (or 0).
    pub key_tag: u16,
    /// The key's DNSSEC algorithm (or 0).
    pub algorithm: u8,
    /// The certificate or CRL.
    pub certificate: &'a [u8],
}

/// The mnemonic of a certificate type (RFC 4398 §2.1).
fn type_mnemonic(value: u16) -> Option<&'static str> {
    Some(match value {
        1 => "PKIX",
        2 => "SPKI",
        3 => "PGP",
        4 => "IPKIX",
        5 => "ISPKI",
        6 => "IPGP",
        7 => "ACPKIX",
        8 => "IACPKIX",
        253 => "URI",
        254 => "OID",
        _ => return None,
    })
}

/// The mnemonic dig prints for a DNSSEC algorithm number.
pub(crate) fn algorithm_mnemonic(value: u8) -> Option<&'static str> {
    Some(match value {
        1 => "RSAMD5",
        2 => "DH",
        3 => "DSA",
        5 => "RSASHA1",
        6 => "NSEC3DSA",
        7 => "NSEC3RSASHA1",
        8 => "RSASHA256",
        10 => "RSASHA512",
        12 => "ECCGOST",
        13 => "ECDSAP256SHA256",
        14 => "ECDSAP384SHA384",
        15 => "ED25519",
        16 => "ED448",
        252 => "INDIRECT",
        253 => "PRIVATEDNS",
        254 => "PRIVATEOID",
        _ => return None,
    })
}

pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Cert<'_>> {
    let mut fields = Fields::new(message, rdata);
    Ok(Cert { cert_type: fields.u16()?, key_tag: fields.u16()?, algorithm: fields.u8()?, certificate: fields.rest() })
}

impl fmt::Display for Cert<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match type_mnemonic(self.cert_type) {
            Some(name) => f.write_str(name)?,
            None => write!(f, "{}", self.cert_type)?,
        }
        write!(f, " {} ", self.key_tag)?;
        match algorithm_mnemonic(self.algorithm) {
            Some(name) => f.write_str(name)?,
            None => write!(f, "{}", self.algorithm)?,
        }
        if !self.certificate.is_empty() {
            f.write_str(" ")?;
            base64(f, self.certificate)?;
        }
        Ok(())
    }
}

impl ComposeRdata for Cert<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::CERT
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.cert_type)?;
        out.u16(self.key_tag)?;
        out.u8(self.algorithm)?;
        out.bytes(self.certificate)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let token = s.token("CERT type")?;
    let cert_type = (1..=u16::MAX)
        .take(254)
        .find(|&v| type_mnemonic(v).is_some_and(|m| m.eq_ignore_ascii_case(token.raw)))
        .or_else(|| crate::rdata::scan::parse_decimal(token.raw).and_then(|n| u16::try_from(n).ok()))
        .ok_or_else(|| s.error_at(&token, "CERT type", crate::Error::BadNumber))?;
    let key_tag = s.u16("CERT key tag")?;
    let token = s.token("CERT algorithm")?;
    let algorithm = (0..=u8::MAX)
        .find(|&v| algorithm_mnemonic(v).is_some_and(|m| m.eq_ignore_ascii_case(token.raw)))
        .or_else(|| crate::rdata::scan::parse_decimal(token.raw).and_then(|n| u8::try_from(n).ok()))
        .ok_or_else(|| s.error_at(&token, "CERT algorithm", crate::Error::BadNumber))?;
    out.u16(cert_type)
        .and_then(|()| out.u16(key_tag))
        .and_then(|()| out.u8(algorithm))
        .map_err(|e| s.error_here("CERT", e))?;
    s.write_base64_rest("CERT certificate", true, out)
}
