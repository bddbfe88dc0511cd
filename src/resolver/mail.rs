//! Mail routing: "where do I deliver mail for this domain?" (RFC 5321 §5.1,
//! RFC 7505), with bounded work whatever the answers say.

use core::fmt;
use core::net::IpAddr;
use std::boxed::Box;
use std::collections::HashMap;
use std::string::{String, ToString};
use std::vec;
use std::vec::Vec;

use crate::name::{Name, NameBuf};
use crate::rdata::{RData, Rtype};
use crate::resolver::deadline::Deadline;
use crate::resolver::{addresses, parallel, random, ResolveError, Resolver};

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

/// What one [`Resolver::lookup_mx`] may do at most, so that one hostile
/// answer cannot turn into unbounded queries, time or memory: every domain
/// a mail server looks up is named by its senders and recipients, and
/// anyone can publish any MX records for a domain of their own.
///
/// ```
/// use dnswire::resolver::{Config, MailLimits};
///
/// let mut config = Config::new(["127.0.0.1:53".parse()?]);
/// assert_eq!(config.mail, MailLimits { max_exchanges: 10, max_addresses_per_exchange: 16 });
/// config.mail.max_exchanges = 3; // an MTA that never tries more than 3 hosts
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MailLimits {
    /// Exchanges resolved, in delivery order; the rest are dropped and
    /// reported ([`Problem::TooManyExchanges`]). RFC 5321 §5.1 lets a
    /// client stop trying after some; Postfix tries 5 addresses and opens 2
    /// sessions at most by default (`smtp_mx_address_limit`,
    /// `smtp_mx_session_limit`). The default, 10, is twice Postfix's address
    /// limit, so that half the exchanges may fail to resolve and the MTA
    /// still has as many to try; it bounds the questions one lookup asks at
    /// 189.
    pub max_exchanges: usize,
    /// Addresses kept per exchange, each at most once, IPv6 and IPv4 half
    /// each (or more of one when the other has fewer). The default, 16, is
    /// more than the load-balanced mail hosts of large providers publish,
    /// and keeps a route at 160 addresses at most however large the
    /// answers.
    pub max_addresses_per_exchange: usize,
}

impl Default for MailLimits {
    fn default() -> Self {
        MailLimits { max_exchanges: 10, max_addresses_per_exchange: 16 }
    }
}

/// Something wrong with a domain's mail setup. Reported, never fatal: the
/// route still lists every exchange worth trying.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
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
    /// The domain lists more distinct exchanges than
    /// [`MailLimits::max_exchanges`]: only the first `kept`, in delivery
    /// order, are in the route.
    TooManyExchanges {
        /// Distinct exchanges the MX records name.
        listed: usize,
        /// Those kept.
        kept: usize,
    },
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
            Problem::TooManyExchanges { listed, kept } => {
                write!(f, "{listed} distinct exchanges; only the first {kept} in delivery order are used")
            }
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
    /// Its addresses, IPv6 first, from its own AAAA and A lookups; empty if
    /// it has none.
    pub addresses: Vec<IpAddr>,
    /// What is wrong with this exchange.
    pub problems: Vec<Problem>,
}

/// Where mail for a domain goes.
///
/// Addresses always come from each exchange's own AAAA and A lookups; the
/// MX response's additional section is never used. RFC 2181 §5.4.1 ranks
/// additional data below every answer, a forger can put any addresses
/// there (out of the zone's bailiwick, of another class), and glue with one
/// family would hide the other; Postfix, too, looks every MX host up
/// itself.
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
    /// random order, each host once (at its lowest preference), at most
    /// [`MailLimits::max_exchanges`]. Empty for a null MX.
    pub exchanges: Vec<Exchange>,
    /// What is wrong with the domain's MX set as a whole.
    pub problems: Vec<Problem>,
    /// The AD bit of the MX answer: the server says it validated the MX
    /// set (or its absence) with DNSSEC. Ask for it with
    /// [`Config::authentic_data`](crate::resolver::Config::authentic_data)
    /// or `dnssec_ok`, and trust it only from a validating resolver on a
    /// secure path (DANE, RFC 7672 §2.2.1, needs a secure MX set).
    pub authentic_data: bool,
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
fn order<T>(exchanges: &mut [(u16, T)]) {
    exchanges.sort_by_key(|(preference, _)| *preference);
    for run in exchanges.chunk_by_mut(|a, b| a.0 == b.0) {
        for i in (1..run.len()).rev() {
            run.swap(i, random::random_below(i + 1));
        }
    }
}

/// The distinct exchanges `mx` names, each at its lowest preference.
fn merge<'a>(mx: impl Iterator<Item = (u16, Name<'a>)>) -> Vec<(u16, Name<'a>)> {
    let mut best: HashMap<Name<'a>, u16> = HashMap::new();
    for (preference, host) in mx {
        best.entry(host).and_modify(|seen| *seen = (*seen).min(preference)).or_insert(preference);
    }
    best.into_iter().map(|(host, preference)| (preference, host)).collect()
}

/// An exchange with its addresses found by lookups of its own (which also
/// reveal an alias), before `deadline`.
fn resolve_exchange(resolver: &Resolver, preference: u16, host: NameBuf, deadline: Deadline) -> Exchange {
    let mut exchange = Exchange { preference, host, addresses: Vec::new(), problems: Vec::new() };
    if is_ip_literal(&exchange.host) {
        exchange.problems.push(Problem::IpLiteral);
    }
    let limit = resolver.config.mail.max_addresses_per_exchange;
    match addresses(|qtype| resolver.resolve_name_until(&exchange.host, qtype, deadline), limit) {
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
    exchange
}

pub(super) fn lookup_mx(resolver: &Resolver, domain: &str) -> Result<MailRoute, ResolveError> {
    let domain: NameBuf = domain.parse().map_err(ResolveError::InvalidName)?;
    let domain = domain.to_absolute().map_err(ResolveError::InvalidName)?;
    // The MX lookup has one lookup's time; the exchanges get what is left
    // of twice that.
    let deadline = Deadline::after(resolver.config.lookup_timeout().saturating_mul(2));
    let lookup = resolver.resolve_name_until(&domain, Rtype::MX, resolver.deadline())?;
    let canonical = lookup.chain.current().clone();
    let authentic_data = lookup.answer.authentic_data();
    let mut problems = Vec::new();

    let records = lookup.records(Rtype::MX).filter_map(|record| match record.rdata() {
        RData::Mx(mx) => Some((mx.preference, mx.exchange)),
        _ => None,
    });
    let mut mx = merge(records);
    if mx.is_empty() {
        let exchange = resolve_exchange(resolver, 0, canonical.clone(), deadline);
        return Ok(MailRoute {
            domain,
            canonical,
            kind: RouteKind::Implicit,
            exchanges: vec![exchange],
            problems,
            authentic_data,
        });
    }
    if mx.iter().any(|(_, host)| host.is_root()) {
        if mx.len() == 1 {
            return Ok(MailRoute {
                domain,
                canonical,
                kind: RouteKind::NullMx,
                exchanges: Vec::new(),
                problems,
                authentic_data,
            });
        }
        problems.push(Problem::NullMxWithOthers);
        mx.retain(|(_, host)| !host.is_root());
    }
    order(&mut mx);
    let limit = resolver.config.mail.max_exchanges;
    if mx.len() > limit {
        problems.push(Problem::TooManyExchanges { listed: mx.len(), kept: limit });
        mx.truncate(limit);
    }
    let wanted: Vec<(u16, NameBuf)> = mx.into_iter().map(|(preference, host)| (preference, host.to_buf())).collect();
    let exchanges = parallel::each(wanted, |(preference, host)| resolve_exchange(resolver, preference, host, deadline));
    Ok(MailRoute { domain, canonical, kind: RouteKind::Mx, exchanges, problems, authentic_data })
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
        let mut first_seen = std::collections::HashSet::new();
        for _ in 0..200 {
            let mut list = vec![(20, "c."), (10, "a."), (30, "d."), (10, "b."), (10, "e.")];
            order(&mut list);
            let prefs: Vec<u16> = list.iter().map(|e| e.0).collect();
            assert_eq!(prefs, [10, 10, 10, 20, 30]);
            assert_eq!(list[3].1, "c.");
            first_seen.insert(list[0].1);
        }
        // Each of the three equal-preference hosts comes first sometimes
        // (each would be missing from 200 shuffles with probability (2/3)^200).
        assert_eq!(first_seen.len(), 3, "{first_seen:?}");
    }

    #[test]
    fn merges_duplicate_exchanges_at_their_lowest_preference() {
        let wire = b"\x02mx\x07example\x00\x02MX\x07EXAMPLE\x00\x05other\x07example\x00";
        let [mx, mx_upper, other] = [0, 12, 24].map(|at| Name::parse_at(wire, at).unwrap());
        let mut merged = merge([(20, mx), (10, other), (5, mx_upper), (30, mx)].into_iter());
        merged.sort_by_key(|(preference, _)| *preference);
        let merged: Vec<(u16, String)> = merged.iter().map(|(p, host)| (*p, host.to_string())).collect();
        assert_eq!(merged.len(), 2, "{merged:?}");
        assert_eq!(merged[0].0, 5);
        assert!(merged[0].1.eq_ignore_ascii_case("mx.example."));
        assert_eq!(merged[1], (10, "other.example.".to_string()));
    }
}
