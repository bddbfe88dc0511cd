//! DNSKEY, CDNSKEY and KEY: a public key ([RFC 4034 §2](https://www.rfc-editor.org/rfc/rfc4034#section-2),
//! RFC 7344 §3.2, RFC 2535 §3).
//!
//! # Wire format
//! ```text
//! FLAGS       u16 (256: zone key; 257: zone key and secure entry point)
//! PROTOCOL    u8, always 3
//! ALGORITHM   u8
//! PUBLIC KEY  the rest, printed in base64
//! ```
//! The three types share the view; push `RData::Cdnskey(key)` or
//! `RData::Key(key)` to write the others.

use core::fmt;
use core::ops::Range;

use crate::error::Result;
use crate::rdata::fields::Fields;
use crate::rdata::present::base64;
use crate::rdata::scan::{Scanner, TextResult};
use crate::rdata::{ComposeRdata, Rtype};
use crate::wire::builder::RdataWriter;

/// A DNS public key (DNSKEY, CDNSKEY, KEY).
///
/// ```
/// use dnswire::{Class, Dnskey, Message, MessageBuilder, RData};
///
/// let key = Dnskey { flags: 257, protocol: 3, algorithm: 15, public_key: &[1, 2, 3, 4, 5][..] };
/// let mut buf = [0u8; 64];
/// let mut builder = MessageBuilder::new(&mut buf[..])?;
/// builder.push_answer("example.", Class::IN, 3600, &key)?;
/// let message = Message::parse(builder.finish())?;
/// let RData::Dnskey(parsed) = message.answers().next().unwrap().rdata() else { panic!() };
/// assert_eq!(parsed.to_string(), "257 3 15 AQIDBAU=");
/// assert!(parsed.is_secure_entry_point());
/// # Ok::<(), dnswire::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Dnskey<'a> {
    /// Flags: bit 7 (256) zone key, bit 15 (1) secure entry point, bit 8 (128) revoked.
    pub flags: u16,
    /// The protocol, 3 for DNSSEC.
    pub protocol: u8,
    /// The algorithm (IANA "DNS Security Algorithm Numbers").
    pub algorithm: u8,
    /// The key, in the algorithm's format.
    pub public_key: &'a [u8],
}

impl Dnskey<'_> {
    /// Whether the zone-key flag (256) is set.
    pub fn is_zone_key(&self) -> bool {
        self.flags & 0x0100 != 0
    }

    /// Whether the secure-entry-point flag (1) is set: a KSK, usually.
    pub fn is_secure_entry_point(&self) -> bool {
        self.flags & 0x0001 != 0
    }

    /// The key tag (RFC 4034 Appendix B), as DS and RRSIG records name
    /// the key.
    pub fn key_tag(&self) -> u16 {
        let mut sum: u32 = 0;
        let head = [(self.flags >> 8) as u8, self.flags as u8, self.protocol, self.algorithm];
        for (i, byte) in head.iter().chain(self.public_key).enumerate() {
            sum += if i % 2 == 0 { u32::from(*byte) << 8 } else { u32::from(*byte) };
        }
        sum += sum >> 16;
        sum as u16
    }
}

#[inline(always)]
pub(crate) fn decode(message: &[u8], rdata: Range<usize>) -> Result<Dnskey<'_>> {
    let mut fields = Fields::new(message, rdata);
    Ok(Dnskey { flags: fields.u16()?, protocol: fields.u8()?, algorithm: fields.u8()?, public_key: fields.rest() })
}

impl fmt::Display for Dnskey<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.flags, self.protocol, self.algorithm)?;
        if !self.public_key.is_empty() {
            f.write_str(" ")?;
            base64(f, self.public_key)?;
        }
        Ok(())
    }
}

impl ComposeRdata for Dnskey<'_> {
    fn rtype(&self) -> Rtype {
        Rtype::DNSKEY
    }

    fn compose(&self, out: &mut RdataWriter<'_>) -> Result<()> {
        out.u16(self.flags)?;
        out.bytes(&[self.protocol, self.algorithm])?;
        out.bytes(self.public_key)
    }
}

pub(crate) fn scan(s: &mut Scanner<'_>, out: &mut RdataWriter<'_>) -> TextResult<()> {
    let flags = s.u16("DNSKEY flags")?;
    let protocol = s.u8("DNSKEY protocol")?;
    let algorithm = s.u8("DNSKEY algorithm")?;
    out.u16(flags).and_then(|()| out.bytes(&[protocol, algorithm])).map_err(|e| s.error_here("DNSKEY", e))?;
    s.write_base64_rest("DNSKEY public key", true, out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_tag_of_rfc_4034_example() {
        // RFC 4034 §5.4: the DNSKEY of dskey.example.com has key tag 60485.
        let key = "AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==";
        let public_key = decode_base64(key);
        let dnskey = Dnskey { flags: 256, protocol: 3, algorithm: 5, public_key: &public_key };
        assert_eq!(dnskey.key_tag(), 60485);
    }

    fn decode_base64(text: &str) -> Vec<u8> {
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let mut bits = 0u32;
        let mut count = 0;
        let mut out = Vec::new();
        for c in text.bytes().filter(|&c| c != b'=') {
            bits = bits << 6 | alphabet.iter().position(|&a| a == c).unwrap() as u32;
            count += 6;
            if count >= 8 {
                count -= 8;
                out.push((bits >> count) as u8);
            }
        }
        out
    }
}
