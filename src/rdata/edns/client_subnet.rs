//! CLIENT-SUBNET: the network a query comes from ([RFC 7871](https://www.rfc-editor.org/rfc/rfc7871)).
//!
//! # Wire format
//! ```text
//! OPTION-CODE             8
//! FAMILY                  u16: 1 IPv4, 2 IPv6 (IANA address families)
//! SOURCE PREFIX-LENGTH    u8: how many leading bits of ADDRESS count, ≤ 32 / 128
//! SCOPE PREFIX-LENGTH     u8: in a response, how many the answer covers; 0 in a query
//! ADDRESS                 ceil(SOURCE PREFIX-LENGTH / 8) bytes, bits past the prefix zero
//! ```
//! RFC 7871 §6 asks a server to refuse (FORMERR) an option with too few or
//! too many address bytes, or with bits set past the source prefix;
//! [`ClientSubnet::parse`] refuses them, as BIND's parser does.

use core::fmt;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

use super::{put, ComposeOption, OptionCode};
use crate::error::{Error, Result};

/// A client subnet ([RFC 7871 §6](https://www.rfc-editor.org/rfc/rfc7871#section-6)),
/// option code 8: an address family (u16), the source and scope prefix
/// lengths (u8 each), and the address cut to the source prefix. Owns its address
/// (16 bytes at most), so it can be built from an [`IpAddr`] without an
/// allocator.
///
/// Valid values, as [`ClientSubnet::parse`] and [`ClientSubnet::new`]
/// check them: family 1 (IPv4) with prefixes 0 to 32, family 2 (IPv6) with
/// prefixes 0 to 128, and family 0 with both prefixes 0 and no address.
/// RFC 7871 defines no family 0; BIND's parser takes that one form of it
/// (dig prints it `0/0/0`) and refuses family 0 with a prefix, so this
/// does too.
///
/// ```
/// use dnswire::{ClientSubnet, EdnsOption, EdnsOptionData, OptionCode};
/// use std::net::IpAddr;
///
/// // 192.0.2.0/24, the IPv4 prefix RFC 7871 §11.1 recommends at most.
/// let subnet = ClientSubnet::new("192.0.2.77".parse()?, 24, 0)?;
/// assert_eq!(subnet.address(), [192, 0, 2]); // cut to the prefix
/// assert_eq!(subnet.to_string(), "; CLIENT-SUBNET: 192.0.2.0/24/0");
///
/// let option = EdnsOption { code: OptionCode::CLIENT_SUBNET, data: b"\x00\x02\x38\x30\x20\x01\x0d\xb8\x00\x00\x00" };
/// let EdnsOptionData::ClientSubnet(echoed) = option.decode()? else { unreachable!() };
/// assert_eq!(echoed.addr(), Some("2001:db8::".parse::<IpAddr>()?));
/// assert_eq!((echoed.source_prefix(), echoed.scope_prefix()), (56, 48));
/// assert_eq!(echoed.to_string(), "; CLIENT-SUBNET: 2001:db8::/56/48");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientSubnet {
    family: u16,
    source_prefix: u8,
    scope_prefix: u8,
    /// The address, zero past the source prefix.
    address: [u8; 16],
}

impl ClientSubnet {
    /// FAMILY of an IPv4 address.
    pub const FAMILY_IPV4: u16 = 1;
    /// FAMILY of an IPv6 address.
    pub const FAMILY_IPV6: u16 = 2;

    /// The subnet of `addr` with `source_prefix` leading bits: the bits
    /// past it are cleared, the address cut to the bytes the prefix needs.
    /// A query's `scope_prefix` is 0 (RFC 7871 §6).
    ///
    /// # Errors
    /// [`Error::BadClientSubnet`] if a prefix is longer than the address
    /// (32 bits for IPv4, 128 for IPv6).
    pub fn new(addr: IpAddr, source_prefix: u8, scope_prefix: u8) -> Result<Self> {
        let (family, octets, bits) = match addr {
            IpAddr::V4(v4) => {
                let mut octets = [0u8; 16];
                octets[..4].copy_from_slice(&v4.octets());
                (Self::FAMILY_IPV4, octets, 32)
            }
            IpAddr::V6(v6) => (Self::FAMILY_IPV6, v6.octets(), 128),
        };
        if source_prefix > bits || scope_prefix > bits {
            return Err(Error::BadClientSubnet);
        }
        let mut address = [0u8; 16];
        for (i, (out, byte)) in address.iter_mut().zip(octets).enumerate() {
            *out = byte & prefix_mask(source_prefix, i);
        }
        Ok(ClientSubnet { family, source_prefix, scope_prefix, address })
    }

    /// The same subnet with another scope prefix: what a server echoes
    /// (RFC 7871 §7.2.1 copies FAMILY, SOURCE PREFIX-LENGTH and ADDRESS).
    ///
    /// # Errors
    /// [`Error::BadClientSubnet`] if `scope_prefix` is longer than the
    /// address, or is not 0 in family 0.
    pub fn with_scope(self, scope_prefix: u8) -> Result<Self> {
        if scope_prefix > max_prefix(self.family).ok_or(Error::BadClientSubnet)? {
            return Err(Error::BadClientSubnet);
        }
        Ok(ClientSubnet { scope_prefix, ..self })
    }

    /// Reads a client subnet option's data.
    ///
    /// # Errors
    /// [`Error::BadClientSubnet`] if it is shorter than 4 bytes, of a family
    /// other than 1 and 2 (or 0 with both prefixes 0), with a prefix longer
    /// than the address, with more or fewer address bytes than the source
    /// prefix needs, or with bits set past it (RFC 7871 §6).
    pub fn parse(data: &[u8]) -> Result<Self> {
        let [f0, f1, source_prefix, scope_prefix, ref address @ ..] = *data else {
            return Err(Error::BadClientSubnet);
        };
        let family = u16::from_be_bytes([f0, f1]);
        let max = max_prefix(family).ok_or(Error::BadClientSubnet)?;
        if source_prefix > max || scope_prefix > max {
            return Err(Error::BadClientSubnet);
        }
        if address.len() != usize::from(source_prefix).div_ceil(8) {
            return Err(Error::BadClientSubnet);
        }
        let mut octets = [0u8; 16];
        for (i, (out, &byte)) in octets.iter_mut().zip(address).enumerate() {
            if byte & !prefix_mask(source_prefix, i) != 0 {
                return Err(Error::BadClientSubnet);
            }
            *out = byte;
        }
        Ok(ClientSubnet { family, source_prefix, scope_prefix, address: octets })
    }

    /// FAMILY: 1 for IPv4, 2 for IPv6, 0 for "no address".
    pub fn family(&self) -> u16 {
        self.family
    }

    /// SOURCE PREFIX-LENGTH: how many leading bits of the address the
    /// client gave.
    pub fn source_prefix(&self) -> u8 {
        self.source_prefix
    }

    /// SCOPE PREFIX-LENGTH: in a response, how many leading bits the answer
    /// is good for; 0 in a query.
    pub fn scope_prefix(&self) -> u8 {
        self.scope_prefix
    }

    /// ADDRESS as on the wire: the bytes the source prefix needs.
    pub fn address(&self) -> &[u8] {
        &self.address[..usize::from(self.source_prefix).div_ceil(8)]
    }

    /// The address, zero past the prefix; `None` for family 0.
    pub fn addr(&self) -> Option<IpAddr> {
        match self.family {
            Self::FAMILY_IPV4 => {
                let [a, b, c, d, ..] = self.address;
                Some(IpAddr::V4(Ipv4Addr::new(a, b, c, d)))
            }
            Self::FAMILY_IPV6 => Some(IpAddr::V6(Ipv6Addr::from(self.address))),
            _ => None,
        }
    }
}

/// The longest prefix of a family: 32 or 128; 0 for family 0, which BIND
/// takes only with both prefixes 0 (and so no address).
fn max_prefix(family: u16) -> Option<u8> {
    match family {
        0 => Some(0),
        ClientSubnet::FAMILY_IPV4 => Some(32),
        ClientSubnet::FAMILY_IPV6 => Some(128),
        _ => None,
    }
}

/// The bits of address byte `index` that a prefix of `prefix` bits covers.
fn prefix_mask(prefix: u8, index: usize) -> u8 {
    let covered = usize::from(prefix).saturating_sub(8 * index).min(8);
    // 8 covered bits: all of them; fewer: the high ones.
    (0xff_u16 << (8 - covered)) as u8
}

impl fmt::Display for ClientSubnet {
    /// As dig prints it: `; CLIENT-SUBNET: <address>/<source>/<scope>`,
    /// the address padded with zeros (`192.0.2.0`, `2001:db8::`, IPv6 in
    /// BIND's form, see [`Aaaa`](crate::Aaaa)); `0/0/0` for family 0.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("; CLIENT-SUBNET: ")?;
        match self.family {
            Self::FAMILY_IPV4 => {
                let [a, b, c, d, ..] = self.address;
                write!(f, "{a}.{b}.{c}.{d}")?;
            }
            Self::FAMILY_IPV6 => crate::rdata::present::ipv6(f, self.address)?,
            _ => f.write_str("0")?,
        }
        write!(f, "/{}/{}", self.source_prefix, self.scope_prefix)
    }
}

impl ComposeOption for ClientSubnet {
    fn code(&self) -> OptionCode {
        OptionCode::CLIENT_SUBNET
    }

    fn data_len(&self) -> usize {
        4 + self.address().len()
    }

    fn write_data(&self, out: &mut [u8]) {
        put(out, 0, &self.family.to_be_bytes());
        put(out, 2, &[self.source_prefix, self.scope_prefix]);
        put(out, 4, self.address());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_hex(hex: &str) -> Result<ClientSubnet> {
        let bytes: Vec<u8> =
            (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap()).collect();
        ClientSubnet::parse(&bytes)
    }

    #[test]
    fn prints_as_dig() {
        // Each option replayed to dig 9.18 (tests/data/edns/), and its line.
        let cases = [
            ("00011800c00002", "192.0.2.0/24/0"),
            ("00011810c00002", "192.0.2.0/24/16"),
            ("00012000c0000201", "192.0.2.1/32/0"),
            ("00011900c0000280", "192.0.2.128/25/0"),
            ("00010000", "0.0.0.0/0/0"),
            ("0002380020010db8000000", "2001:db8::/56/0"),
            ("0002383020010db8000000", "2001:db8::/56/48"),
            ("0002800020010db8000000000000000000000001", "2001:db8::1/128/0"),
            ("0002400020010db800010002", "2001:db8:1:2::/64/0"),
            ("00020000", "::/0/0"),
            ("0002800000000000000000000000ffffc0000201", "::ffff:192.0.2.1/128/0"),
            ("00028000000000000000000000000000c0000201", "::192.0.2.1/128/0"),
            ("000210000001", "1::/16/0"),
            ("00000000", "0/0/0"),
        ];
        for (hex, dig) in cases {
            let subnet = parse_hex(hex).unwrap_or_else(|e| panic!("{hex}: {e}"));
            assert_eq!(subnet.to_string(), format!("; CLIENT-SUBNET: {dig}"), "{hex}");
        }
    }

    #[test]
    fn new_cuts_the_address_to_the_prefix() {
        // RFC 7871 §6: ADDRESS "MUST be truncated to the number of bits
        // indicated by the SOURCE PREFIX-LENGTH field, padding with 0 bits
        // to pad to the end of the last octet needed"; §11.1 recommends /24
        // and /56 at most.
        let v4 = ClientSubnet::new("198.51.100.77".parse().unwrap(), 24, 0).unwrap();
        assert_eq!((v4.family(), v4.address()), (1, &[198, 51, 100][..]));
        let v6 = ClientSubnet::new("2001:db8:1234:5678::1".parse().unwrap(), 56, 0).unwrap();
        assert_eq!((v6.family(), v6.address()), (2, &[0x20, 0x01, 0x0d, 0xb8, 0x12, 0x34, 0x56][..]));
        let odd = ClientSubnet::new("192.0.2.255".parse().unwrap(), 25, 0).unwrap();
        assert_eq!(odd.address(), [192, 0, 2, 0x80]);
        assert_eq!(odd.addr(), Some("192.0.2.128".parse().unwrap()));
        let none = ClientSubnet::new("192.0.2.1".parse().unwrap(), 0, 0).unwrap();
        assert!(none.address().is_empty());
    }

    #[test]
    fn round_trips() {
        for subnet in [
            ClientSubnet::new("192.0.2.1".parse().unwrap(), 24, 0).unwrap(),
            ClientSubnet::new("192.0.2.1".parse().unwrap(), 32, 32).unwrap(),
            ClientSubnet::new("2001:db8::1".parse().unwrap(), 56, 0).unwrap().with_scope(48).unwrap(),
            ClientSubnet::new("2001:db8::1".parse().unwrap(), 128, 0).unwrap(),
            ClientSubnet::parse(b"\x00\x00\x00\x00").unwrap(),
        ] {
            let mut out = [0u8; 20];
            let len = subnet.data_len();
            subnet.write_data(&mut out[..len]);
            assert_eq!(ClientSubnet::parse(&out[..len]), Ok(subnet));
        }
    }

    #[test]
    fn rejects_what_rfc_7871_section_6_forbids() {
        // Each one dig 9.18 refuses too ("malformed OPT option").
        for hex in [
            "",                   // no data
            "000100",             // shorter than the fixed part
            "00011900c0000281",   // a bit set past /25
            "00010700c1",         // a bit set past /7
            "00011800c0000200",   // a byte more than /24 needs
            "00011800c000",       // a byte fewer
            "00012100c000020100", // /33 of IPv4
            "00011821c00002",     // scope /33 of IPv4
            "00028100",           // /129 of IPv6
            "00030000",           // family 3
            "00030800ff",
            "00000800", // family 0 with a prefix
            "00000008",
            "00000808ff",
        ] {
            assert_eq!(parse_hex(hex), Err(Error::BadClientSubnet), "{hex:?}");
        }
        let v4 = "192.0.2.1".parse().unwrap();
        assert_eq!(ClientSubnet::new(v4, 33, 0), Err(Error::BadClientSubnet));
        assert_eq!(ClientSubnet::new(v4, 24, 33), Err(Error::BadClientSubnet));
        assert_eq!(ClientSubnet::new(v4, 24, 0).unwrap().with_scope(33), Err(Error::BadClientSubnet));
        assert_eq!(ClientSubnet::new("::1".parse().unwrap(), 129, 0), Err(Error::BadClientSubnet));
    }

    #[test]
    fn masks_cover_the_prefix() {
        assert_eq!([prefix_mask(0, 0), prefix_mask(1, 0), prefix_mask(7, 0), prefix_mask(8, 0)], [0, 0x80, 0xfe, 0xff]);
        assert_eq!([prefix_mask(9, 0), prefix_mask(9, 1), prefix_mask(9, 2)], [0xff, 0x80, 0]);
        assert_eq!(prefix_mask(128, 15), 0xff);
    }
}
