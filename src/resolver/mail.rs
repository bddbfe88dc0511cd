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
use crate::resolver::check::PolicyKind;
use crate::resolver::deadline::Deadline;
use crate::resolver::{addresses, ip_literal, parallel, random, ResolveError, Resolver, SpecialPurpose};

/// How a domain's mail route was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteKind {
    /// From the domain's MX records.
    Mx,
    /// The domain has no MX records: it is its own exchange, with
    /// preference 0 (the "implicit MX" of RFC 5321 §5.1).
    Implicit,
    /// A single MX to `.` (RFC 7505): the domain accepts no mail. Not an
    /// error: a definite answer. RFC 7505 §3 gives it preference 0; `.` is
    /// no host whatever the preference, so a lone `MX 10 .` is a null MX
    /// too, reported as [`Problem::DotExchangeNonzeroPreference`] — the
    /// rule [`Mx::is_null`](crate::Mx::is_null) follows.
    NullMx,
}

/// What a mail server should do with mail for the domain, from a route
/// ([`MailRoute::verdict`]) or a failed lookup
/// ([`ResolveError::is_temporary`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Some exchange has an address: try them in order.
    Deliver,
    /// Nothing to try now, but it may come back (a lookup timed out, the
    /// server failed): keep the mail, try later (a 4xx).
    Defer,
    /// The domain accepts no mail (null MX), or no exchange exists or has
    /// an address, or the only exchanges are this host: return the mail
    /// (a 5xx).
    Bounce,
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
/// route still lists every exchange worth trying. Each has a stable
/// [`Problem::code`]; `Display` says what is wrong in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The exchange is an IP address written as a name (`192.0.2.1.`); RFC
    /// 5321 §5.1 wants a host name there. It is not looked up.
    IpLiteral,
    /// The exchange is an alias (a CNAME to `canonical`); RFC 2181 §10.3
    /// forbids it. Its addresses were still followed.
    CnameTarget {
        /// Where the alias leads.
        canonical: Box<NameBuf>,
    },
    /// The exchange does not exist (NXDOMAIN).
    NoSuchHost,
    /// The exchange has no A or AAAA records.
    NoAddresses,
    /// The exchange's addresses could not be looked up.
    Unresolvable {
        /// What went wrong.
        detail: String,
        /// Whether it may work later (a timeout, SERVFAIL), as
        /// [`ResolveError::is_temporary`] says.
        temporary: bool,
    },
    /// A null MX (`.`) stands beside other MX records, which RFC 7505 §3
    /// forbids; the other records are used.
    NullMxWithOthers,
    /// An MX record to `.` with a preference other than 0 (RFC 7505 §3
    /// says 0). Alone it is still a null MX.
    DotExchangeNonzeroPreference {
        /// The preference it has.
        preference: u16,
    },
    /// The domain lists more distinct exchanges than
    /// [`MailLimits::max_exchanges`]: only the first `kept`, in delivery
    /// order, are in the route.
    TooManyExchanges {
        /// Distinct exchanges the MX records name.
        listed: usize,
        /// Those kept.
        kept: usize,
    },
    /// The exchange is `localhost` or under it (RFC 6761 §6.3): this very
    /// host, wherever it is asked. It is not looked up.
    Localhost,
    /// An address of the exchange is not globally reachable: loopback,
    /// private, link-local, shared (CGNAT), documentation, multicast or
    /// another special-purpose block of IANA's registries.
    NonPublicAddress {
        /// The address.
        addr: IpAddr,
        /// Its block, as IANA names it.
        block: SpecialPurpose,
    },
    /// The exchange ends with a domain twice (`mx.example.com.example.com.`):
    /// the zone file lacks a trailing dot.
    DoubledOrigin {
        /// The name probably meant.
        probably: Box<NameBuf>,
    },
    /// The exchange is named by more than one MX record; it is tried once,
    /// at its lowest preference.
    DuplicateExchange {
        /// The preferences of its records, lowest first.
        preferences: Vec<u16>,
    },
    /// No exchange has an address on the Internet: none that exists, is
    /// not an IP literal or localhost, and has a globally reachable address.
    NoUsableExchange,
    /// This host is one of the exchanges, at `preference`: it and every
    /// exchange of that preference or worse were dropped (RFC 5321 §5.1).
    LocalExchange {
        /// The name it is listed under.
        host: Box<NameBuf>,
        /// Its preference.
        preference: u16,
    },
    /// This host is the domain's best exchange: nowhere else to send the
    /// mail (Postfix: "mail for … loops back to myself").
    LoopsBackToMyself,
    /// ([`Resolver::check_mail`]) The address has no PTR record.
    NoPtr {
        /// The address.
        addr: IpAddr,
    },
    /// ([`Resolver::check_mail`]) None of the first two names the
    /// address's PTR records give has the address: forward-confirmed
    /// reverse DNS fails, and many receivers distrust such a sender.
    PtrMismatch {
        /// The address.
        addr: IpAddr,
        /// The names its PTR records give.
        names: Vec<NameBuf>,
    },
    /// ([`Resolver::check_mail`]) A reverse lookup failed.
    ReverseUnresolvable {
        /// Why.
        detail: String,
    },
    /// ([`Resolver::check_mail`]) The domain has no SPF or DMARC record.
    NoPolicy {
        /// Which.
        policy: PolicyKind,
    },
    /// ([`Resolver::check_mail`]) More than one record of a policy: SPF
    /// then fails with a permerror (RFC 7208 §4.5), DMARC, MTA-STS and
    /// TLS-RPT apply none (RFC 7489 §6.6.3, RFC 8461 §3.1, RFC 8460 §3).
    MultiplePolicies {
        /// Which.
        policy: PolicyKind,
        /// How many.
        count: usize,
    },
    /// ([`Resolver::check_mail`]) An MTA-STS or TLS-RPT record that breaks
    /// its syntax.
    BadPolicy {
        /// Which.
        policy: PolicyKind,
        /// What is wrong.
        detail: String,
    },
    /// ([`Resolver::check_mail`]) A policy lookup failed.
    PolicyUnresolvable {
        /// Which.
        policy: PolicyKind,
        /// Why.
        detail: String,
    },
    /// ([`Resolver::check_mail`]) A TLSA record with undefined fields, a
    /// digest of the wrong length, or a PKIX usage SMTP does not use.
    BadTlsa {
        /// The record and what is wrong.
        detail: String,
    },
    /// ([`Resolver::check_mail`]) TLSA records came without the AD bit:
    /// unvalidated, DANE does not apply to them (RFC 7672 §2.2).
    TlsaNotValidated,
    /// ([`Resolver::check_mail`]) The TLSA lookup failed (a validating
    /// resolver says SERVFAIL for a broken signature).
    TlsaUnresolvable {
        /// Why.
        detail: String,
    },
}

impl Problem {
    /// A stable, machine-readable name: `ip_literal`, `cname_target`,
    /// `no_such_host`, `no_addresses`, `unresolvable`,
    /// `null_mx_with_others`, `dot_exchange_nonzero_preference`,
    /// `too_many_exchanges`, `localhost`, `non_public_address`,
    /// `doubled_origin`, `duplicate_exchange`, `no_usable_exchange`,
    /// `local_exchange`, `loops_back_to_myself`; and from
    /// [`Resolver::check_mail`]: `no_ptr`, `ptr_mismatch`,
    /// `reverse_unresolvable`, `no_spf`, `no_dmarc`, `no_mta_sts`,
    /// `no_tls_rpt`, `multiple_spf`, `multiple_dmarc`, `multiple_mta_sts`,
    /// `multiple_tls_rpt`, `bad_spf`, `bad_dmarc`, `bad_mta_sts`,
    /// `bad_tls_rpt`, `policy_unresolvable`, `bad_tlsa`,
    /// `tlsa_not_validated`, `tlsa_unresolvable`.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::IpLiteral => "ip_literal",
            Problem::CnameTarget { .. } => "cname_target",
            Problem::NoSuchHost => "no_such_host",
            Problem::NoAddresses => "no_addresses",
            Problem::Unresolvable { .. } => "unresolvable",
            Problem::NullMxWithOthers => "null_mx_with_others",
            Problem::DotExchangeNonzeroPreference { .. } => "dot_exchange_nonzero_preference",
            Problem::TooManyExchanges { .. } => "too_many_exchanges",
            Problem::Localhost => "localhost",
            Problem::NonPublicAddress { .. } => "non_public_address",
            Problem::DoubledOrigin { .. } => "doubled_origin",
            Problem::DuplicateExchange { .. } => "duplicate_exchange",
            Problem::NoUsableExchange => "no_usable_exchange",
            Problem::LocalExchange { .. } => "local_exchange",
            Problem::LoopsBackToMyself => "loops_back_to_myself",
            Problem::NoPtr { .. } => "no_ptr",
            Problem::PtrMismatch { .. } => "ptr_mismatch",
            Problem::ReverseUnresolvable { .. } => "reverse_unresolvable",
            Problem::NoPolicy { policy: PolicyKind::Spf } => "no_spf",
            Problem::NoPolicy { policy: PolicyKind::Dmarc } => "no_dmarc",
            Problem::NoPolicy { policy: PolicyKind::MtaSts } => "no_mta_sts",
            Problem::NoPolicy { policy: PolicyKind::TlsRpt } => "no_tls_rpt",
            Problem::MultiplePolicies { policy: PolicyKind::Spf, .. } => "multiple_spf",
            Problem::MultiplePolicies { policy: PolicyKind::Dmarc, .. } => "multiple_dmarc",
            Problem::MultiplePolicies { policy: PolicyKind::MtaSts, .. } => "multiple_mta_sts",
            Problem::MultiplePolicies { policy: PolicyKind::TlsRpt, .. } => "multiple_tls_rpt",
            Problem::BadPolicy { policy: PolicyKind::Spf, .. } => "bad_spf",
            Problem::BadPolicy { policy: PolicyKind::Dmarc, .. } => "bad_dmarc",
            Problem::BadPolicy { policy: PolicyKind::MtaSts, .. } => "bad_mta_sts",
            Problem::BadPolicy { policy: PolicyKind::TlsRpt, .. } => "bad_tls_rpt",
            Problem::PolicyUnresolvable { .. } => "policy_unresolvable",
            Problem::BadTlsa { .. } => "bad_tlsa",
            Problem::TlsaNotValidated => "tlsa_not_validated",
            Problem::TlsaUnresolvable { .. } => "tlsa_unresolvable",
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::IpLiteral => f.write_str("exchange is an IP literal, not a host name (RFC 5321 5.1)"),
            Problem::CnameTarget { canonical } => {
                write!(f, "exchange is a CNAME to {canonical} (RFC 2181 10.3)")
            }
            Problem::NoSuchHost => f.write_str("exchange does not exist (NXDOMAIN)"),
            Problem::NoAddresses => f.write_str("exchange has no A or AAAA records"),
            Problem::Unresolvable { detail, temporary: true } => {
                write!(f, "exchange addresses unresolvable for now: {detail}")
            }
            Problem::Unresolvable { detail, temporary: false } => {
                write!(f, "exchange addresses unresolvable: {detail}")
            }
            Problem::NullMxWithOthers => f.write_str("null MX beside other MX records (RFC 7505 3)"),
            Problem::DotExchangeNonzeroPreference { preference } => {
                write!(f, "MX to \".\" with preference {preference}; a null MX has preference 0 (RFC 7505 3)")
            }
            Problem::TooManyExchanges { listed, kept } => {
                write!(f, "{listed} distinct exchanges; only the first {kept} in delivery order are used")
            }
            Problem::Localhost => f.write_str("exchange is localhost, this very host (RFC 6761 6.3)"),
            Problem::NonPublicAddress { addr, block } => write!(f, "address {addr} is not public: {block}"),
            Problem::DoubledOrigin { probably } => {
                write!(f, "exchange repeats its domain: probably {probably} (a missing trailing dot)")
            }
            Problem::DuplicateExchange { preferences } => {
                let list: Vec<String> = preferences.iter().map(ToString::to_string).collect();
                write!(f, "exchange named by {} MX records (preferences {})", preferences.len(), list.join(", "))
            }
            Problem::NoUsableExchange => f.write_str("no exchange has a public address: mail cannot be delivered"),
            Problem::LocalExchange { host, preference } => write!(
                f,
                "this host is exchange {host} at preference {preference}: it and every exchange at {preference} or \
                 above dropped (RFC 5321 5.1)"
            ),
            Problem::LoopsBackToMyself => f.write_str("this host is the best exchange: mail loops back to myself"),
            Problem::NoPtr { addr } => write!(f, "address {addr} has no PTR record"),
            Problem::PtrMismatch { addr, names } => {
                let list: Vec<String> = names.iter().map(ToString::to_string).collect();
                write!(f, "address {addr} has PTR {}, whose addresses do not include it", list.join(", "))
            }
            Problem::ReverseUnresolvable { detail } => write!(f, "reverse DNS unresolvable: {detail}"),
            Problem::NoPolicy { policy } => write!(f, "no {policy} record"),
            Problem::MultiplePolicies { policy, count } => write!(f, "{count} {policy} records: none applies"),
            Problem::BadPolicy { policy, detail } => write!(f, "{policy} record: {detail}"),
            Problem::PolicyUnresolvable { policy, detail } => write!(f, "{policy} record unresolvable: {detail}"),
            Problem::BadTlsa { detail } => write!(f, "TLSA {detail}"),
            Problem::TlsaNotValidated => {
                f.write_str("TLSA records without the AD bit: not DNSSEC-validated, DANE does not apply (RFC 7672 2.2)")
            }
            Problem::TlsaUnresolvable { detail } => write!(f, "TLSA records unresolvable: {detail}"),
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

    /// Whether an exchange has an address worth trying: not an IP literal
    /// or localhost, found, and globally reachable.
    fn usable(exchange: &Exchange) -> bool {
        exchange.addresses.iter().any(|addr| SpecialPurpose::of(*addr).is_none())
    }

    /// Adds [`Problem::NoUsableExchange`] when no exchange is usable.
    fn check_usable(&mut self) {
        if !self.exchanges.iter().any(MailRoute::usable) {
            self.problems.push(Problem::NoUsableExchange);
        }
    }

    /// What to do with mail for the domain:
    /// - [`Verdict::Deliver`] when an exchange has an address (a
    ///   non-public one counts: the MTA of a private network delivers
    ///   there; see [`Problem::NonPublicAddress`]);
    /// - [`Verdict::Defer`] when none has, but a lookup failed for now;
    /// - [`Verdict::Bounce`] for a null MX, for exchanges that do not
    ///   exist or have no address, or when this host is the best one.
    ///
    /// A lookup that failed altogether is decided by
    /// [`ResolveError::is_temporary`].
    pub fn verdict(&self) -> Verdict {
        if self.exchanges.iter().any(|exchange| !exchange.addresses.is_empty()) {
            return Verdict::Deliver;
        }
        let temporary = self
            .exchanges
            .iter()
            .flat_map(|exchange| &exchange.problems)
            .any(|problem| matches!(problem, Problem::Unresolvable { temporary: true, .. }));
        if temporary {
            Verdict::Defer
        } else {
            Verdict::Bounce
        }
    }

    /// The addresses to try, in delivery order, at most `limit` (Postfix's
    /// `smtp_mx_address_limit` is 5), with both IP families among them
    /// when the route has both (Postfix's `smtp_balance_inet_protocols`):
    /// if the first `limit` are all of one family, the last of them gives
    /// way to the first address of the other. Each address once.
    pub fn delivery_addresses(&self, limit: usize) -> Vec<(&NameBuf, IpAddr)> {
        let mut seen = std::collections::HashSet::new();
        let all: Vec<(&NameBuf, IpAddr)> = self
            .exchanges
            .iter()
            .flat_map(|exchange| exchange.addresses.iter().map(move |addr| (&exchange.host, *addr)))
            .filter(|(_, addr)| seen.insert(*addr))
            .collect();
        let mut chosen: Vec<(&NameBuf, IpAddr)> = all.iter().copied().take(limit).collect();
        let family = |addr: &IpAddr| addr.is_ipv6();
        if let Some(first) = chosen.first().map(|(_, addr)| family(addr)) {
            let one_family = chosen.iter().all(|(_, addr)| family(addr) == first);
            let other = all.iter().skip(chosen.len()).find(|(_, addr)| family(addr) != first);
            if let (true, Some(other), Some(last)) = (one_family && limit > 1, other, chosen.last_mut()) {
                *last = *other;
            }
        }
        chosen
    }
}

/// Whether a host name is really an IP address: `192.0.2.1.` or
/// `[2001:db8::1].`.
fn is_ip_literal(host: &NameBuf) -> bool {
    let text = host.to_string();
    ip_literal(text.strip_suffix('.').unwrap_or(&text)).is_some()
}

/// Sorts by preference and shuffles each run of equal preferences
/// (RFC 5321 §5.1: "randomize them to spread the load").
fn order<T, U>(exchanges: &mut [(u16, T, U)]) {
    exchanges.sort_by_key(|(preference, _, _)| *preference);
    for run in exchanges.chunk_by_mut(|a, b| a.0 == b.0) {
        for i in (1..run.len()).rev() {
            run.swap(i, random::random_below(i + 1));
        }
    }
}

/// The distinct exchanges `mx` names, each at its lowest preference, with
/// the preferences of every record naming it (lowest first). At most as
/// many preferences are kept as records came.
fn merge<'a>(mx: impl Iterator<Item = (u16, Name<'a>)>) -> Vec<(u16, Name<'a>, Vec<u16>)> {
    let mut seen: HashMap<Name<'a>, Vec<u16>> = HashMap::new();
    for (preference, host) in mx {
        let preferences = seen.entry(host).or_default();
        // The same record twice in an answer is one record (RFC 2181 §5).
        if !preferences.contains(&preference) {
            preferences.push(preference);
        }
    }
    seen.into_iter()
        .map(|(host, mut preferences)| {
            preferences.sort_unstable();
            (preferences[0], host, preferences)
        })
        .collect()
}

/// Whether a host name is `localhost.` or below it (RFC 6761 §6.3).
fn is_localhost(host: &NameBuf) -> bool {
    host.labels().last().is_some_and(|label| label.eq_ignore_ascii_case(b"localhost"))
}

/// The name probably meant when `host` ends with an ancestor of `domain`
/// twice (`mx.example.com.example.com.` for `example.com.`): the ancestor
/// once. Ancestors of one label (a TLD) are not considered.
fn doubled_origin(host: &NameBuf, domain: &NameBuf) -> Option<NameBuf> {
    let mut origin = Some(domain.clone());
    while let Some(current) = origin {
        if current.label_count() < 2 {
            return None;
        }
        if let Some(prefix) = host.strip_suffix(&current) {
            if prefix.ends_with(&current) {
                return prefix.to_absolute().ok();
            }
        }
        origin = current.parent();
    }
    None
}

/// An exchange with its addresses found by lookups of its own (which also
/// reveal an alias), before `deadline`; what is wrong with its name is
/// found first, and an IP literal or localhost is not asked about.
fn resolve_exchange(
    resolver: &Resolver,
    (preference, host, preferences): (u16, NameBuf, Vec<u16>),
    domain: &NameBuf,
    deadline: Deadline,
) -> Exchange {
    let mut exchange = Exchange { preference, host, addresses: Vec::new(), problems: Vec::new() };
    if preferences.len() > 1 {
        exchange.problems.push(Problem::DuplicateExchange { preferences });
    }
    if let Some(probably) = doubled_origin(&exchange.host, domain) {
        exchange.problems.push(Problem::DoubledOrigin { probably: Box::new(probably) });
    }
    if is_ip_literal(&exchange.host) {
        exchange.problems.push(Problem::IpLiteral);
        return exchange;
    }
    if is_localhost(&exchange.host) {
        exchange.problems.push(Problem::Localhost);
        return exchange;
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
            for &addr in &found {
                if let Some(block) = SpecialPurpose::of(addr) {
                    exchange.problems.push(Problem::NonPublicAddress { addr, block });
                }
            }
            exchange.addresses = found;
        }
        Err(ResolveError::NxDomain { .. }) => exchange.problems.push(Problem::NoSuchHost),
        Err(error) => {
            let temporary = error.is_temporary();
            exchange.problems.push(Problem::Unresolvable { detail: error.to_string(), temporary });
        }
    }
    exchange
}

pub(super) fn lookup_mx(resolver: &Resolver, domain: &str, local: &[NameBuf]) -> Result<MailRoute, ResolveError> {
    let domain: NameBuf = domain.parse().map_err(ResolveError::InvalidName)?;
    let domain = domain.to_absolute().map_err(ResolveError::InvalidName)?;
    // The MX lookup has one lookup's time; the exchanges get what is left
    // of twice that.
    let deadline = Deadline::after(resolver.config.lookup_timeout().saturating_mul(2));
    let lookup = resolver.resolve_name_until(&domain, Rtype::MX, resolver.deadline())?;
    let canonical = lookup.chain.current().clone();
    let authentic_data = lookup.answer.authentic_data();
    let mut route = MailRoute {
        domain,
        canonical,
        kind: RouteKind::Mx,
        exchanges: Vec::new(),
        problems: Vec::new(),
        authentic_data,
    };

    let records = lookup.records(Rtype::MX).filter_map(|record| match record.rdata() {
        RData::Mx(mx) => Some((mx.preference, mx.exchange)),
        _ => None,
    });
    let mut mx = merge(records);
    if mx.is_empty() {
        route.kind = RouteKind::Implicit;
        let own = (0, route.canonical.clone(), vec![0]);
        let exchange = resolve_exchange(resolver, own, &route.canonical, deadline);
        route.exchanges.push(exchange);
        route.check_usable();
        return Ok(route);
    }
    if let Some((_, _, preferences)) = mx.iter().find(|(_, host, _)| host.is_root()) {
        if let Some(&preference) = preferences.iter().find(|&&preference| preference != 0) {
            route.problems.push(Problem::DotExchangeNonzeroPreference { preference });
        }
        if mx.len() == 1 {
            route.kind = RouteKind::NullMx;
            return Ok(route);
        }
        route.problems.push(Problem::NullMxWithOthers);
        mx.retain(|(_, host, _)| !host.is_root());
    }
    order(&mut mx);
    // RFC 5321 §5.1: this host, and every exchange at its preference or
    // worse, go; if it is the best, there is nowhere to send the mail.
    if let Some((preference, host, _)) = mx.iter().find(|(_, host, _)| local.iter().any(|own| *host == *own)) {
        let (preference, host) = (*preference, host.to_buf());
        mx.retain(|(other, _, _)| *other < preference);
        route.problems.push(Problem::LocalExchange { host: Box::new(host), preference });
        if mx.is_empty() {
            route.problems.push(Problem::LoopsBackToMyself);
            return Ok(route);
        }
    }
    let limit = resolver.config.mail.max_exchanges;
    if mx.len() > limit {
        route.problems.push(Problem::TooManyExchanges { listed: mx.len(), kept: limit });
        mx.truncate(limit);
    }
    let wanted: Vec<(u16, NameBuf, Vec<u16>)> =
        mx.into_iter().map(|(preference, host, preferences)| (preference, host.to_buf(), preferences)).collect();
    let domain = route.canonical.clone();
    route.exchanges = parallel::each(wanted, |wanted| resolve_exchange(resolver, wanted, &domain, deadline));
    route.check_usable();
    Ok(route)
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
            let mut list = vec![(20, "c.", ()), (10, "a.", ()), (30, "d.", ()), (10, "b.", ()), (10, "e.", ())];
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
        merged.sort_by_key(|(preference, _, _)| *preference);
        let merged: Vec<(u16, String, Vec<u16>)> =
            merged.iter().map(|(p, host, all)| (*p, host.to_string(), all.clone())).collect();
        assert_eq!(merged.len(), 2, "{merged:?}");
        assert_eq!((merged[0].0, &merged[0].2[..]), (5, &[5, 20, 30][..]));
        assert!(merged[0].1.eq_ignore_ascii_case("mx.example."));
        assert_eq!(merged[1], (10, "other.example.".to_string(), vec![10]));
    }
}
