//! [`SpecialPurpose`]: the address blocks of IANA's IPv4 and IPv6
//! Special-Purpose Address Registries (RFC 6890) that are not globally
//! reachable, and multicast: addresses no mail exchange on the Internet
//! should have.

use core::fmt;
use core::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// A special-purpose block an address falls in: its name and prefix as the
/// IANA registry gives them, and the RFC that set it aside.
///
/// ```
/// use dnswire::resolver::SpecialPurpose;
///
/// let block = SpecialPurpose::of("192.168.1.25".parse()?).unwrap();
/// assert_eq!((block.name, block.block, block.rfc), ("Private-Use", "192.168.0.0/16", "RFC 1918"));
/// assert_eq!(SpecialPurpose::of("2001:db8::25".parse()?).unwrap().name, "Documentation");
/// assert!(SpecialPurpose::of("9.9.9.9".parse()?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SpecialPurpose {
    /// The registry's name for the block ("Loopback", "Private-Use"…).
    pub name: &'static str,
    /// The block, as the registry writes it.
    pub block: &'static str,
    /// The RFC that reserved it.
    pub rfc: &'static str,
}

impl fmt::Display for SpecialPurpose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}, {})", self.name, self.block, self.rfc)
    }
}

/// One row: the block as a prefix, and whether it is globally reachable
/// (rows that are, listed before the larger block they sit in, let those
/// addresses through).
struct Row<A> {
    prefix: A,
    len: u8,
    global: bool,
    what: SpecialPurpose,
}

const fn v4(
    octets: [u8; 4],
    len: u8,
    global: bool,
    name: &'static str,
    block: &'static str,
    rfc: &'static str,
) -> Row<u32> {
    Row { prefix: u32::from_be_bytes(octets), len, global, what: SpecialPurpose { name, block, rfc } }
}

const fn v6(
    prefix: u128,
    len: u8,
    global: bool,
    name: &'static str,
    block: &'static str,
    rfc: &'static str,
) -> Row<u128> {
    Row { prefix, len, global, what: SpecialPurpose { name, block, rfc } }
}

/// Most specific first: the first row that holds an address decides. The
/// registry's rows that are globally reachable, or N/A (TEREDO, 6to4, the
/// two terminated blocks), let their addresses through; the ones inside
/// blocks that are not must come before them.
#[rustfmt::skip]
const IPV4: &[Row<u32>] = &[
    v4([0, 0, 0, 0], 32, false, "\"This host on this network\"", "0.0.0.0/32", "RFC 1122"),
    v4([0, 0, 0, 0], 8, false, "\"This network\"", "0.0.0.0/8", "RFC 791"),
    v4([10, 0, 0, 0], 8, false, "Private-Use", "10.0.0.0/8", "RFC 1918"),
    v4([100, 64, 0, 0], 10, false, "Shared Address Space", "100.64.0.0/10", "RFC 6598"),
    v4([127, 0, 0, 0], 8, false, "Loopback", "127.0.0.0/8", "RFC 1122"),
    v4([169, 254, 0, 0], 16, false, "Link Local", "169.254.0.0/16", "RFC 3927"),
    v4([172, 16, 0, 0], 12, false, "Private-Use", "172.16.0.0/12", "RFC 1918"),
    v4([192, 0, 0, 9], 32, true, "Port Control Protocol Anycast", "192.0.0.9/32", "RFC 7723"),
    v4([192, 0, 0, 10], 32, true, "Traversal Using Relays around NAT Anycast", "192.0.0.10/32", "RFC 8155"),
    v4([192, 0, 0, 8], 32, false, "IPv4 dummy address", "192.0.0.8/32", "RFC 7600"),
    v4([192, 0, 0, 170], 32, false, "NAT64/DNS64 Discovery", "192.0.0.170/32", "RFC 8880; RFC 7050"),
    v4([192, 0, 0, 171], 32, false, "NAT64/DNS64 Discovery", "192.0.0.171/32", "RFC 8880; RFC 7050"),
    v4([192, 0, 0, 0], 29, false, "IPv4 Service Continuity Prefix", "192.0.0.0/29", "RFC 7335"),
    v4([192, 0, 0, 0], 24, false, "IETF Protocol Assignments", "192.0.0.0/24", "RFC 6890"),
    v4([192, 0, 2, 0], 24, false, "Documentation (TEST-NET-1)", "192.0.2.0/24", "RFC 5737"),
    v4([192, 88, 99, 2], 32, false, "6a44-relay anycast address", "192.88.99.2/32", "RFC 6751"),
    v4([192, 168, 0, 0], 16, false, "Private-Use", "192.168.0.0/16", "RFC 1918"),
    v4([198, 18, 0, 0], 15, false, "Benchmarking", "198.18.0.0/15", "RFC 2544"),
    v4([198, 51, 100, 0], 24, false, "Documentation (TEST-NET-2)", "198.51.100.0/24", "RFC 5737"),
    v4([203, 0, 113, 0], 24, false, "Documentation (TEST-NET-3)", "203.0.113.0/24", "RFC 5737"),
    v4([224, 0, 0, 0], 4, false, "Multicast", "224.0.0.0/4", "RFC 5771"),
    v4([255, 255, 255, 255], 32, false, "Limited Broadcast", "255.255.255.255/32", "RFC 8190; RFC 919"),
    v4([240, 0, 0, 0], 4, false, "Reserved", "240.0.0.0/4", "RFC 1112"),
];

#[rustfmt::skip]
const IPV6: &[Row<u128>] = &[
    v6(1, 128, false, "Loopback Address", "::1/128", "RFC 4291"),
    v6(0, 128, false, "Unspecified Address", "::/128", "RFC 4291"),
    v6(0xffff_0000_0000, 96, false, "IPv4-mapped Address", "::ffff:0:0/96", "RFC 4291"),
    v6(0x0064_ff9b_0001 << 80, 48, false, "IPv4-IPv6 Translat.", "64:ff9b:1::/48", "RFC 8215"),
    v6(0x0100 << 112, 64, false, "Discard-Only Address Block", "100::/64", "RFC 6666"),
    v6(0x0100_0000_0000_0001 << 64, 64, false, "Dummy IPv6 Prefix", "100:0:0:1::/64", "RFC 9780"),
    v6((0x2001_0001 << 96) | 1, 128, true, "Port Control Protocol Anycast", "2001:1::1/128", "RFC 7723"),
    v6((0x2001_0001 << 96) | 2, 128, true, "Traversal Using Relays around NAT Anycast", "2001:1::2/128", "RFC 8155"),
    v6((0x2001_0001 << 96) | 3, 128, true, "DNS-SD Service Registration Protocol Anycast", "2001:1::3/128", "RFC 9665"),
    v6(0x2001_0002 << 96, 48, false, "Benchmarking", "2001:2::/48", "RFC 5180"),
    v6(0x2001_0003 << 96, 32, true, "AMT", "2001:3::/32", "RFC 7450"),
    v6(0x2001_0004_0112 << 80, 48, true, "AS112-v6", "2001:4:112::/48", "RFC 7535"),
    v6(0x2001_0010 << 96, 28, true, "Deprecated (previously ORCHID)", "2001:10::/28", "RFC 4843"),
    v6(0x2001_0020 << 96, 28, true, "ORCHIDv2", "2001:20::/28", "RFC 7343"),
    v6(0x2001_0030 << 96, 28, true, "Drone Remote ID Protocol Entity Tags (DETs) Prefix", "2001:30::/28", "RFC 9374"),
    v6(0x2001 << 112, 32, true, "TEREDO", "2001::/32", "RFC 4380; RFC 8190"),
    v6(0x2001 << 112, 23, false, "IETF Protocol Assignments", "2001::/23", "RFC 2928"),
    v6(0x2001_0db8 << 96, 32, false, "Documentation", "2001:db8::/32", "RFC 3849"),
    v6(0x3fff << 112, 20, false, "Documentation", "3fff::/20", "RFC 9637"),
    v6(0x5f00 << 112, 16, false, "Segment Routing (SRv6) SIDs", "5f00::/16", "RFC 9602"),
    v6(0xfc00 << 112, 7, false, "Unique-Local", "fc00::/7", "RFC 4193; RFC 8190"),
    v6(0xfe80 << 112, 10, false, "Link-Local Unicast", "fe80::/10", "RFC 4291"),
    v6(0xff00 << 112, 8, false, "Multicast", "ff00::/8", "RFC 3513; RFC 4291"),
];

fn find<A: Copy + PartialEq>(rows: &[Row<A>], holds: impl Fn(&Row<A>) -> bool) -> Option<SpecialPurpose> {
    let row = rows.iter().find(|row| holds(row))?;
    (!row.global).then_some(row.what)
}

impl SpecialPurpose {
    /// The special-purpose block `addr` is in, unless it is an ordinary
    /// address or in a block the registry marks globally reachable (PCP
    /// and TURN anycast, AMT, AS112…). Multicast counts; an IPv4-mapped
    /// IPv6 address is its own block ("IPv4-mapped Address").
    pub fn of(addr: IpAddr) -> Option<SpecialPurpose> {
        match addr {
            IpAddr::V4(addr) => Self::of_v4(addr),
            IpAddr::V6(addr) => Self::of_v6(addr),
        }
    }

    fn of_v4(addr: Ipv4Addr) -> Option<SpecialPurpose> {
        let bits = u32::from(addr);
        find(IPV4, |row| {
            bits.checked_shr(32 - u32::from(row.len)).unwrap_or(0)
                == row.prefix.checked_shr(32 - u32::from(row.len)).unwrap_or(0)
        })
    }

    fn of_v6(addr: Ipv6Addr) -> Option<SpecialPurpose> {
        let bits = u128::from(addr);
        find(IPV6, |row| {
            bits.checked_shr(128 - u32::from(row.len)).unwrap_or(0)
                == row.prefix.checked_shr(128 - u32::from(row.len)).unwrap_or(0)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::string::String;
    use std::vec::Vec;

    /// A row of `tests/data/mail/special-purpose.csv`, IANA's registries.
    struct Registered {
        first: u128,
        len: u32,
        bits: u32,
        v4: bool,
        name: String,
        block: String,
        rfc: String,
        flagged: bool,
    }

    fn registry() -> Vec<Registered> {
        let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/mail/special-purpose.csv"))
            .expect("the registry fixture");
        text.lines()
            .filter(|line| !line.starts_with('#') && !line.starts_with("family,"))
            .map(|line| {
                let fields: Vec<&str> = line.split(',').collect();
                let (prefix, len) = fields[1].split_once('/').unwrap();
                let v4 = fields[0] == "ipv4";
                let (first, bits) = match prefix.parse::<IpAddr>().unwrap() {
                    IpAddr::V4(addr) => (u128::from(u32::from(addr)), 32),
                    IpAddr::V6(addr) => (u128::from(addr), 128),
                };
                let name = fields[2].split(" [").next().unwrap();
                let multicast = name.starts_with("Multicast");
                Registered {
                    first,
                    len: len.parse().unwrap(),
                    bits,
                    v4,
                    name: String::from(if multicast { "Multicast" } else { name }),
                    block: String::from(fields[1]),
                    rfc: String::from(fields[3]),
                    // Not globally reachable; multicast is no unicast host.
                    flagged: fields[4] == "false" || multicast,
                }
            })
            .collect()
    }

    fn addr(v4: bool, bits: u128) -> IpAddr {
        if v4 {
            IpAddr::V4(Ipv4Addr::from(bits as u32))
        } else {
            IpAddr::V6(Ipv6Addr::from(bits))
        }
    }

    #[test]
    fn every_registered_block_as_iana_says() {
        let rows = registry();
        assert_eq!((rows.iter().filter(|r| r.v4).count(), rows.iter().filter(|r| !r.v4).count()), (27, 26));
        let mut checked = 0;
        for row in &rows {
            let size = 1u128.checked_shl(row.bits - row.len).unwrap_or(0).wrapping_sub(1);
            for bits in [row.first, row.first + size / 2, row.first + size] {
                // The most specific registered block holding the address decides.
                let holds = |r: &&Registered| {
                    r.v4 == row.v4
                        && bits.checked_shr(r.bits - r.len).unwrap_or(0)
                            == r.first.checked_shr(r.bits - r.len).unwrap_or(0)
                };
                let decides = rows.iter().filter(holds).max_by_key(|r| r.len).unwrap();
                let found = SpecialPurpose::of(addr(row.v4, bits));
                assert_eq!(found.is_some(), decides.flagged, "{} ({})", addr(row.v4, bits), decides.block);
                if let Some(found) = found {
                    assert_eq!(
                        (found.name, found.block, found.rfc),
                        (&decides.name[..], &decides.block[..], &decides.rfc[..])
                    );
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 3 * rows.len());
    }

    fn name(addr: &str) -> Option<&'static str> {
        SpecialPurpose::of(addr.parse().unwrap()).map(|block| block.name)
    }

    #[test]
    fn most_specific_block_wins_and_global_exceptions_pass() {
        assert_eq!(name("0.0.0.0"), Some("\"This host on this network\""));
        assert_eq!(name("0.1.2.3"), Some("\"This network\""));
        assert_eq!(name("192.0.0.9"), None);
        assert_eq!(name("192.0.0.171"), Some("NAT64/DNS64 Discovery"));
        assert_eq!(name("192.0.0.200"), Some("IETF Protocol Assignments"));
        assert_eq!(name("255.255.255.255"), Some("Limited Broadcast"));
        assert_eq!(name("255.255.255.254"), Some("Reserved"));
        assert_eq!(name("100.127.255.255"), Some("Shared Address Space"));
        assert_eq!(name("100.128.0.0"), None);
        assert_eq!(name("172.31.255.255"), Some("Private-Use"));
        assert_eq!(name("172.32.0.0"), None);
        assert_eq!(name("2001:1::1"), None);
        assert_eq!(name("2001:1::4"), Some("IETF Protocol Assignments"));
        assert_eq!(name("2001:0:4136::1"), None, "TEREDO is N/A in the registry");
        assert_eq!(name("2001:1ff::1"), Some("IETF Protocol Assignments"));
        assert_eq!(name("2001:200::1"), None);
        assert_eq!(name("::ffff:192.0.2.1"), Some("IPv4-mapped Address"));
        assert_eq!(name("64:ff9b::1"), None);
        assert_eq!(name("fe80::1"), Some("Link-Local Unicast"));
        assert_eq!(name("2a00:1450::1"), None);
    }
}
