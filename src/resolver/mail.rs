//! Mail routing: "where do I deliver mail for this domain?" (RFC 5321 §5.1,
//! RFC 7505).

use core::fmt;
use core::net::IpAddr;
use std::boxed::Box;
use std::string::{String, ToString};
use std::vec;
use std::vec::Vec;

use crate::name::NameBuf;
use crate::rdata::{RData, Rtype};
use crate::resolver::{addresses, random, ResolveError, Resolver};

/// How a domain's mail route was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteKind {
    /// From the domain's MX records.
    Mx,
    /// The domain has no MX records: it is its own exchange, with
    /// preference 0 (the "implicit MX" of RFC 5321 §5.1).
    Implicit,
    /// A single MX of preference 0 to `.` (RFC 7505): the domain accepts no
    /// mail. Not an error: a definite answer.
    NullMx,
}

/// Something wrong with a domain's mail setup. Reported, never fatal: the
/// route still lists every exchange worth trying.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// The exchange is an IP address written as a name; RFC 5321 §5.1 wants
    /// a host name there.
    IpLiteral,
    /// The exchange is an alias (a CNAME to `canonical`); RFC 2181 §10.3
    /// forbids it. Its addresses were still followed.
    CnameTarget {
        /// Where the alias leads.
        canonical: Box<NameBuf>,
    },
    /// The exchange has no A or AAAA records.
    NoAddresses,
    /// The exchange does not exist (NXDOMAIN).
    NoSuchHost,
    /// The exchange's addresses could not be looked up: why.
    Unresolvable(String),
    /// A null MX (`.`) stands beside other MX records, which RFC 7505 §3
    /// forbids; the other records are used.
    NullMxWithOthers,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::IpLiteral => f.write_str("exchange is an IP literal, not a host name (RFC 5321 5.1)"),
            Problem::CnameTarget { canonical } => {
                write!(f, "exchange is a CNAME to {canonical} (RFC 2181 10.3)")
            }
            Problem::NoAddresses => f.write_str("exchange has no A or AAAA records"),
            Problem::NoSuchHost => f.write_str("exchange does not exist (NXDOMAIN)"),
            Problem::Unresolvable(why) => write!(f, "exchange addresses unresolvable: {why}"),
            Problem::NullMxWithOthers => f.write_str("null MX beside other MX records (RFC 7505 3)"),
        }
    }
}

/// One mail exchange, in delivery order within a [`MailRoute`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    /// Lower is tried first (0 for an implicit MX).
    pub preference: u16,
    /// The exchange's host name.
    pub host: NameBuf,
    /// Its addresses, IPv6 first; empty if it has none.
    pub addresses: Vec<IpAddr>,
    /// Whether the addresses came from the MX response's additional section
    /// rather than from lookups of their own.
    pub from_glue: bool,
    /// What is wrong with this exchange.
    pub problems: Vec<Problem>,
}

/// Where mail for a domain goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailRoute {
    /// The domain asked about.
    pub domain: NameBuf,
    /// The domain after its own CNAMEs (RFC 5321 §5.1: an alias is
    /// processed as if it were the domain).
    pub canonical: NameBuf,
    /// How the route was found.
    pub kind: RouteKind,
    /// Exchanges in delivery order: by preference, equal preferences in
    /// random order. Empty for a null MX.
    pub exchanges: Vec<Exchange>,
    /// What is wrong with the domain's MX set as a whole.
    pub problems: Vec<Problem>,
}

impl MailRoute {
    /// The exchanges, in delivery order.
    pub fn exchanges(&self) -> &[Exchange] {
        &self.exchanges
    }

    /// Whether the domain says it accepts mail (it has no null MX).
    pub fn accepts_mail(&self) -> bool {
        self.kind != RouteKind::NullMx
    }
}

/// Whether a host name is really an IP address: `192.0.2.1.` or
/// `[2001:db8::1].`.
fn is_ip_literal(host: &NameBuf) -> bool {
    let text = host.to_string();
    let text = text.strip_suffix('.').unwrap_or(&text);
    let text = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')).unwrap_or(text);
    text.parse::<IpAddr>().is_ok()
}

/// Sorts by preference and shuffles each run of equal preferences
/// (RFC 5321 §5.1: "randomize them to spread the load").
fn order(exchanges: &mut [Exchange]) {
    exchanges.sort_by_key(|exchange| exchange.preference);
    for run in exchanges.chunk_by_mut(|a, b| a.preference == b.preference) {
        for i in (1..run.len()).rev() {
            run.swap(i, random::random_below(i + 1));
        }
    }
}

/// Fills in an exchange's addresses: glue if the MX response had it, else
/// lookups of its own (which also reveal an alias).
fn find_addresses(resolver: &Resolver, exchange: &mut Exchange, glue: Vec<IpAddr>) {
    if is_ip_literal(&exchange.host) {
        exchange.problems.push(Problem::IpLiteral);
    }
    if !glue.is_empty() {
        exchange.addresses = glue;
        exchange.from_glue = true;
        return;
    }
    match addresses(|qtype| resolver.resolve_name(&exchange.host, qtype)) {
        Ok((found, canonical)) => {
            if let Some(canonical) = canonical {
                exchange.problems.push(Problem::CnameTarget { canonical: Box::new(canonical) });
            }
            if found.is_empty() {
                exchange.problems.push(Problem::NoAddresses);
            }
            exchange.addresses = found;
        }
        Err(ResolveError::NxDomain { .. }) => exchange.problems.push(Problem::NoSuchHost),
        Err(error) => exchange.problems.push(Problem::Unresolvable(error.to_string())),
    }
}

pub(super) fn lookup_mx(resolver: &Resolver, domain: &str) -> Result<MailRoute, ResolveError> {
    let domain: NameBuf = domain.parse().map_err(ResolveError::InvalidName)?;
    let domain = domain.to_absolute().map_err(ResolveError::InvalidName)?;
    let lookup = resolver.resolve_name(&domain, Rtype::MX)?;
    let canonical = lookup.canonical.clone();
    let mut problems = Vec::new();

    let mut mx: Vec<(u16, NameBuf)> = lookup
        .records
        .iter()
        .filter_map(|record| match record.rdata() {
            RData::Mx(mx) => Some((mx.preference, NameBuf::from(mx.exchange))),
            _ => None,
        })
        .collect();
    if mx.is_empty() {
        let mut exchange = Exchange {
            preference: 0,
            host: canonical.clone(),
            addresses: Vec::new(),
            from_glue: false,
            problems: Vec::new(),
        };
        find_addresses(resolver, &mut exchange, Vec::new());
        return Ok(MailRoute { domain, canonical, kind: RouteKind::Implicit, exchanges: vec![exchange], problems });
    }
    if mx.iter().any(|(_, host)| host.is_root()) {
        if mx.len() == 1 {
            return Ok(MailRoute { domain, canonical, kind: RouteKind::NullMx, exchanges: Vec::new(), problems });
        }
        problems.push(Problem::NullMxWithOthers);
        mx.retain(|(_, host)| !host.is_root());
    }

    let message = &lookup.answer.message;
    let mut exchanges: Vec<Exchange> = mx
        .into_iter()
        .map(|(preference, host)| Exchange {
            preference,
            host,
            addresses: Vec::new(),
            from_glue: false,
            problems: Vec::new(),
        })
        .collect();
    order(&mut exchanges);
    for exchange in &mut exchanges {
        let mut glue: Vec<IpAddr> = Vec::new();
        for record in message.additional().filter(|r| r.owner() == exchange.host) {
            match record.rdata() {
                RData::Aaaa(aaaa) => glue.insert(glue.iter().filter(|a| a.is_ipv6()).count(), IpAddr::V6(aaaa.addr)),
                RData::A(a) => glue.push(IpAddr::V4(a.addr)),
                _ => {}
            }
        }
        find_addresses(resolver, exchange, glue);
    }
    Ok(MailRoute { domain, canonical, kind: RouteKind::Mx, exchanges, problems })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(text: &str) -> NameBuf {
        text.parse().unwrap()
    }

    #[test]
    fn recognises_ip_literals() {
        assert!(is_ip_literal(&name("192.0.2.1.")));
        assert!(is_ip_literal(&name("[2001:db8::1].")));
        assert!(!is_ip_literal(&name("mx1.example.com.")));
        assert!(!is_ip_literal(&name("1.2.3.example.")));
        assert!(!is_ip_literal(&name("256.0.0.1.")));
    }

    #[test]
    fn orders_by_preference_and_shuffles_equal_ones() {
        let exchange = |preference, host: &str| Exchange {
            preference,
            host: name(host),
            addresses: Vec::new(),
            from_glue: false,
            problems: Vec::new(),
        };
        let mut first_seen = std::collections::HashSet::new();
        for _ in 0..200 {
            let mut list = vec![
                exchange(20, "c."),
                exchange(10, "a."),
                exchange(30, "d."),
                exchange(10, "b."),
                exchange(10, "e."),
            ];
            order(&mut list);
            let prefs: Vec<u16> = list.iter().map(|e| e.preference).collect();
            assert_eq!(prefs, [10, 10, 10, 20, 30]);
            assert_eq!(list[3].host, name("c."));
            first_seen.insert(list[0].host.to_string());
        }
        // Each of the three equal-preference hosts comes first sometimes
        // (each would be missing from 200 shuffles with probability (2/3)^200).
        assert_eq!(first_seen.len(), 3, "{first_seen:?}");
    }
}
