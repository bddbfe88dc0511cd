//! [`Resolver::check_mail`]: everything an admin's MX checker looks at,
//! beyond the route an MTA needs: reverse DNS of every exchange address,
//! the domain's SPF, DMARC, MTA-STS and TLS-RPT records, and the DANE TLSA
//! records of every exchange. Reported, never fatal; bounded like
//! [`Resolver::lookup_mx`].

use core::fmt;
use core::net::IpAddr;
use std::string::{String, ToString};
use std::vec;
use std::vec::Vec;

use crate::name::NameBuf;
use crate::rdata::{RData, Rtype};
use crate::resolver::deadline::Deadline;
use crate::resolver::mail::{MailRoute, Problem};
use crate::resolver::{parallel, ResolveError, Resolver};

/// Addresses per exchange whose reverse DNS is checked, and PTR names per
/// address whose addresses are asked for (forward confirmation): 4 × (1 + 2
/// × 2) questions per exchange at most.
const REVERSE_PER_EXCHANGE: usize = 4;
const CONFIRMED_NAMES: usize = 2;

/// The findings of [`Resolver::check_mail`]: the route, with the problems
/// the checks found added to its own lists (the route's for the domain's
/// policies, each exchange's for its reverse DNS and TLSA records), and what
/// was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailCheck {
    /// The route, as [`Resolver::lookup_mx`] finds it, problems added.
    pub route: MailRoute,
    /// For each exchange of the route, in its order: reverse DNS and TLSA
    /// (none for an IP literal or localhost exchange, never looked up).
    pub exchanges: Vec<ExchangeCheck>,
    /// The domain's mail policies.
    pub policies: Policies,
}

/// What [`Resolver::check_mail`] found about one exchange.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExchangeCheck {
    /// The reverse DNS of its first public addresses (4 at most: those
    /// [`SpecialPurpose`](crate::resolver::SpecialPurpose) does not name).
    pub reverse: Vec<Reverse>,
    /// Its DANE records: TLSA at `_25._tcp.<exchange>` (RFC 7672 §2.2).
    pub tlsa: Vec<TlsaRecord>,
    /// Whether the TLSA answer had the AD bit: only then does DANE apply
    /// (RFC 7672 §2.2). This stub validates nothing itself: the bit is the
    /// server's word, worth what the path to a validating resolver you
    /// trust is worth.
    pub tlsa_authentic: bool,
}

/// The reverse DNS of one address.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reverse {
    /// The address.
    pub addr: IpAddr,
    /// The names its PTR records give (at most 8).
    pub names: Vec<NameBuf>,
    /// Whether one of the first two names has the address among its own
    /// (forward-confirmed reverse DNS).
    pub confirmed: bool,
}

/// One TLSA record's fields (RFC 6698 §2.1).
///
/// ```
/// use dnswire::resolver::TlsaRecord;
///
/// // DANE-EE, the public key, SHA-256: what most mail servers publish.
/// let tlsa = TlsaRecord { usage: 3, selector: 1, matching_type: 1, data: vec![0xab; 32] };
/// // As dig prints it: upper-case hex, in groups of 56 digits.
/// assert_eq!(tlsa.to_string(), format!("3 1 1 {} {}", "AB".repeat(28), "AB".repeat(4)));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TlsaRecord {
    /// 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE.
    pub usage: u8,
    /// 0 the whole certificate, 1 its public key.
    pub selector: u8,
    /// 0 the data itself, 1 SHA-256, 2 SHA-512.
    pub matching_type: u8,
    /// The certificate association data.
    pub data: Vec<u8>,
}

impl fmt::Display for TlsaRecord {
    /// As dig prints the RDATA: `3 1 1 <hex>`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let rdata = crate::Tlsa {
            usage: self.usage,
            selector: self.selector,
            matching_type: self.matching_type,
            data: &self.data,
        };
        rdata.fmt(f)
    }
}

/// The domain's mail policy records, as their text (strings joined), or
/// `None` where there is none. With several, the first; the problem says
/// there are several.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Policies {
    /// SPF: the `v=spf1` TXT record of the domain (RFC 7208 §4.5).
    pub spf: Option<String>,
    /// DMARC: the `v=DMARC1` TXT record at `_dmarc.<domain>` (RFC 7489
    /// §6.6.3). The organizational domain's is not looked for.
    pub dmarc: Option<String>,
    /// MTA-STS: the `v=STSv1` TXT record at `_mta-sts.<domain>` (RFC 8461
    /// §3.1). The HTTPS policy it announces is not fetched: that needs an
    /// HTTPS client, out of this crate's scope.
    pub mta_sts: Option<String>,
    /// TLS-RPT: the `v=TLSRPTv1` TXT record at `_smtp._tls.<domain>` (RFC
    /// 8460 §3).
    pub tls_rpt: Option<String>,
}

/// A policy record kind: which, where it lives, what it starts with, and
/// what is wrong with its text.
struct Policy {
    kind: PolicyKind,
    label: &'static str,
    version: &'static str,
    syntax: fn(&str) -> Option<String>,
}

const POLICIES: [Policy; 4] = [
    Policy { kind: PolicyKind::Spf, label: "", version: "v=spf1", syntax: spf_syntax },
    Policy { kind: PolicyKind::Dmarc, label: "_dmarc", version: "v=DMARC1", syntax: dmarc_syntax },
    Policy { kind: PolicyKind::MtaSts, label: "_mta-sts", version: "v=STSv1", syntax: mta_sts_syntax },
    Policy { kind: PolicyKind::TlsRpt, label: "_smtp._tls", version: "v=TLSRPTv1", syntax: tls_rpt_syntax },
];

/// The TXT records of `name` whose text starts with `version` and then a
/// `;`, a space or nothing (case-insensitively), at most 8; `Err` when the
/// lookup failed for another reason than the name's absence.
fn policy_records(
    resolver: &Resolver,
    name: &NameBuf,
    version: &str,
    deadline: Deadline,
) -> Result<Vec<String>, ResolveError> {
    let chased = match resolver.resolve_name_until(name, Rtype::TXT, deadline) {
        Ok(chased) => chased,
        Err(ResolveError::NxDomain { .. }) => return Ok(Vec::new()),
        Err(error) => return Err(error),
    };
    let texts = chased.records(Rtype::TXT).filter_map(|record| match record.rdata() {
        RData::Txt(txt) => {
            let bytes: Vec<u8> = txt.strings().flatten().copied().collect();
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
        _ => None,
    });
    Ok(texts
        .filter(|text| {
            let head = text.get(..version.len()).is_some_and(|head| head.eq_ignore_ascii_case(version));
            head && matches!(text.as_bytes().get(version.len()), None | Some(b' ' | b';' | b'\t'))
        })
        .take(8)
        .collect())
}

/// The `;`-separated fields of a policy record after its version, which
/// must come first (MTA-STS, TLS-RPT and DMARC write them so), trimmed,
/// empty ones skipped; `Err` says the version is not first.
fn tags_after<'a>(text: &'a str, version: &str) -> Result<impl Iterator<Item = &'a str>, String> {
    let mut tags = text.split(';').map(str::trim).filter(|tag| !tag.is_empty());
    if tags.next() != Some(version) {
        return Err(std::format!("does not start with {version}"));
    }
    Ok(tags)
}

/// What is wrong with an MTA-STS TXT record (RFC 8461 §3.1): `v=STSv1`
/// first, then `id=` of 1 to 32 letters and digits, fields separated by
/// `;`.
fn mta_sts_syntax(text: &str) -> Option<String> {
    let fields = match tags_after(text, "v=STSv1") {
        Ok(fields) => fields,
        Err(problem) => return Some(problem),
    };
    let mut id = None;
    for field in fields {
        let Some((key, value)) = field.split_once('=') else {
            return Some(std::format!("field {field:?} is not key=value"));
        };
        if key == "id" {
            id = Some(value);
        }
    }
    match id {
        None => Some(String::from("no id= field")),
        Some(id) if id.is_empty() || id.len() > 32 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            Some(std::format!("id {id:?} is not 1 to 32 letters and digits"))
        }
        Some(_) => None,
    }
}

/// What is wrong with a TLS-RPT TXT record (RFC 8460 §3): `v=TLSRPTv1`
/// first, then `rua=` with `mailto:` or `https:` URIs.
fn tls_rpt_syntax(text: &str) -> Option<String> {
    let mut fields = match tags_after(text, "v=TLSRPTv1") {
        Ok(fields) => fields,
        Err(problem) => return Some(problem),
    };
    let rua = fields.find_map(|field| field.strip_prefix("rua="));
    match rua {
        None => Some(String::from("no rua= field")),
        Some(uris)
            if !uris.split(',').all(|uri| uri.trim().starts_with("mailto:") || uri.trim().starts_with("https:")) =>
        {
            Some(std::format!("rua {uris:?} is not mailto: or https: URIs"))
        }
        Some(_) => None,
    }
}

/// What is wrong with an SPF record's terms (RFC 7208 §4.6.1, §5, §6):
/// each a mechanism (`all`, `include`, `a`, `mx`, `ptr`, `ip4`, `ip6`,
/// `exists`, with an optional `+ - ~ ?` qualifier) or a `name=value`
/// modifier; `include` and `exists` need a domain, `ip4` and `ip6` an
/// address with an optional prefix length. An unknown mechanism makes the
/// record a permerror. Macros are not expanded.
fn spf_syntax(text: &str) -> Option<String> {
    for term in text.split_ascii_whitespace().skip(1) {
        let directive = term.strip_prefix(['+', '-', '~', '?']).unwrap_or(term);
        let name_end = directive.find([':', '/', '=']).unwrap_or(directive.len());
        let (name, rest) = directive.split_at(name_end);
        if rest.starts_with('=') {
            let valid = name.starts_with(|c: char| c.is_ascii_alphabetic())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
            if !valid || directive.len() != term.len() {
                return Some(std::format!("term {term:?} is not a modifier (RFC 7208 6)"));
            }
            continue;
        }
        let value = rest.strip_prefix(':');
        let valid = match name.to_ascii_lowercase().as_str() {
            "all" => rest.is_empty(),
            "include" | "exists" => value.is_some_and(|domain| !domain.is_empty()),
            "a" | "mx" | "ptr" => true,
            "ip4" => value.and_then(|v| with_prefix(v, 32)).is_some_and(|a| a.parse::<core::net::Ipv4Addr>().is_ok()),
            "ip6" => value.and_then(|v| with_prefix(v, 128)).is_some_and(|a| a.parse::<core::net::Ipv6Addr>().is_ok()),
            _ => false,
        };
        if !valid {
            return Some(std::format!("term {term:?} is not a valid mechanism: a permerror (RFC 7208 5)"));
        }
    }
    None
}

/// The address of `addr[/len]`, if `len` (when there) is at most `max`.
fn with_prefix(text: &str, max: u8) -> Option<&str> {
    match text.split_once('/') {
        None => Some(text),
        Some((addr, len)) => len.parse::<u8>().ok().filter(|&len| len <= max).map(|_| addr),
    }
}

/// What is wrong with a DMARC record (RFC 7489 §6.3): `v=DMARC1` first,
/// then a `p=` tag of `none`, `quarantine` or `reject`.
fn dmarc_syntax(text: &str) -> Option<String> {
    let mut tags = match tags_after(text, "v=DMARC1") {
        Ok(tags) => tags,
        Err(problem) => return Some(problem),
    };
    let policy = tags.find_map(|tag| tag.strip_prefix("p=").map(str::trim));
    match policy {
        None => Some(String::from("no p= tag")),
        Some(policy) if !["none", "quarantine", "reject"].iter().any(|p| policy.eq_ignore_ascii_case(p)) => {
            Some(std::format!("p={policy} is not none, quarantine or reject"))
        }
        Some(_) => None,
    }
}

/// The reverse-lookup name of `addr`: `d.c.b.a.in-addr.arpa.`, or the
/// nibbles of an IPv6 address under `ip6.arpa.` (RFC 1035 §3.5, RFC 3596
/// §2.5).
pub(crate) fn reverse_name(addr: IpAddr) -> NameBuf {
    let text = match addr {
        IpAddr::V4(v4) => {
            let [a, b, c, d] = v4.octets();
            std::format!("{d}.{c}.{b}.{a}.in-addr.arpa.")
        }
        IpAddr::V6(v6) => {
            let mut text = String::with_capacity(72);
            for byte in v6.octets().iter().rev() {
                text.push_str(&std::format!("{:x}.{:x}.", byte & 0xf, byte >> 4));
            }
            text.push_str("ip6.arpa.");
            text
        }
    };
    text.parse().expect("a reverse name is always a valid name")
}

/// The reverse DNS of `addr`, forward-confirmed.
fn reverse(resolver: &Resolver, addr: IpAddr, deadline: Deadline) -> Result<Reverse, ResolveError> {
    let names: Vec<NameBuf> = match resolver.resolve_name_until(&reverse_name(addr), Rtype::PTR, deadline) {
        Ok(chased) => chased
            .records(Rtype::PTR)
            .filter_map(|record| match record.rdata() {
                RData::Ptr(ptr) => Some(NameBuf::from(ptr.ptrdname)),
                _ => None,
            })
            .take(8)
            .collect(),
        Err(ResolveError::NxDomain { .. }) => Vec::new(),
        Err(error) => return Err(error),
    };
    let forward = parallel::each(names.iter().take(CONFIRMED_NAMES).cloned().collect(), |name: NameBuf| {
        crate::resolver::addresses(|qtype| resolver.resolve_name_until(&name, qtype, deadline), 64)
            .map(|(found, _)| found.contains(&addr))
            .unwrap_or(false)
    });
    Ok(Reverse { addr, names, confirmed: forward.contains(&true) })
}

/// The TLSA records of `_25._tcp.<host>` and the answer's AD bit.
fn tlsa(resolver: &Resolver, host: &NameBuf, deadline: Deadline) -> Result<(Vec<TlsaRecord>, bool), ResolveError> {
    let name = "_25._tcp".parse::<NameBuf>().and_then(|prefix| prefix.join(host)).map_err(ResolveError::InvalidName)?;
    match resolver.resolve_name_until(&name, Rtype::TLSA, deadline) {
        Ok(chased) => {
            let records = chased
                .records(Rtype::TLSA)
                .filter_map(|record| match record.rdata() {
                    RData::Tlsa(tlsa) => Some(TlsaRecord {
                        usage: tlsa.usage,
                        selector: tlsa.selector,
                        matching_type: tlsa.matching_type,
                        data: tlsa.data.to_vec(),
                    }),
                    _ => None,
                })
                .take(16)
                .collect();
            Ok((records, chased.answer.authentic_data()))
        }
        Err(ResolveError::NxDomain { .. }) => Ok((Vec::new(), false)),
        Err(error) => Err(error),
    }
}

/// What is wrong with a TLSA record, per RFC 6698 §2.1 and RFC 7672 §3.1.
fn tlsa_problem(record: &TlsaRecord) -> Option<String> {
    if record.usage > 3 || record.selector > 1 || record.matching_type > 2 {
        return Some(std::format!("{record}: usage, selector or matching type not defined (RFC 6698 2.1)"));
    }
    let expected = match record.matching_type {
        1 => Some(32),
        2 => Some(64),
        _ => None,
    };
    if let Some(expected) = expected.filter(|&len| record.data.len() != len) {
        return Some(std::format!("{record}: a digest of {} bytes, not {expected}", record.data.len()));
    }
    if record.usage < 2 {
        return Some(std::format!("{record}: PKIX usage; RFC 7672 3.1.3 says SMTP uses DANE-TA(2) or DANE-EE(3)"));
    }
    None
}

/// Looks for one policy and says what is wrong with it.
fn check_policy(
    resolver: &Resolver,
    domain: &NameBuf,
    policy: &Policy,
    deadline: Deadline,
) -> (Option<String>, Vec<Problem>) {
    let name = if policy.label.is_empty() {
        Ok(domain.clone())
    } else {
        policy.label.parse::<NameBuf>().and_then(|label| label.join(domain))
    };
    let Ok(name) = name else { return (None, Vec::new()) };
    let which = policy.kind;
    match policy_records(resolver, &name, policy.version, deadline) {
        Err(error) => (None, vec![Problem::PolicyUnresolvable { policy: which, detail: error.to_string() }]),
        Ok(records) => {
            let mut problems = Vec::new();
            match records.len() {
                0 => problems.push(Problem::NoPolicy { policy: which }),
                1 => {}
                count => problems.push(Problem::MultiplePolicies { policy: which, count }),
            }
            if let Some(detail) = records.first().and_then(|text| (policy.syntax)(text)) {
                problems.push(Problem::BadPolicy { policy: which, detail });
            }
            (records.into_iter().next(), problems)
        }
    }
}

/// The four mail policies a domain may publish.
///
/// ```
/// use dnswire::resolver::{PolicyKind, Problem};
///
/// let problem = Problem::NoPolicy { policy: PolicyKind::Dmarc };
/// assert_eq!(problem.code(), "no_dmarc");
/// assert_eq!(PolicyKind::Dmarc.to_string(), "DMARC");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyKind {
    /// SPF (RFC 7208).
    Spf,
    /// DMARC (RFC 7489).
    Dmarc,
    /// MTA-STS (RFC 8461).
    MtaSts,
    /// SMTP TLS reporting (RFC 8460).
    TlsRpt,
}

impl PolicyKind {
    /// `spf`, `dmarc`, `mta_sts`, `tls_rpt`.
    ///
    /// ```
    /// use dnswire::resolver::PolicyKind;
    ///
    /// let kinds = [PolicyKind::Spf, PolicyKind::Dmarc, PolicyKind::MtaSts, PolicyKind::TlsRpt];
    /// assert_eq!(kinds.map(|kind| kind.code()), ["spf", "dmarc", "mta_sts", "tls_rpt"]);
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            PolicyKind::Spf => "spf",
            PolicyKind::Dmarc => "dmarc",
            PolicyKind::MtaSts => "mta_sts",
            PolicyKind::TlsRpt => "tls_rpt",
        }
    }
}

impl fmt::Display for PolicyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            PolicyKind::Spf => "SPF",
            PolicyKind::Dmarc => "DMARC",
            PolicyKind::MtaSts => "MTA-STS",
            PolicyKind::TlsRpt => "TLS-RPT",
        })
    }
}

/// The checks of one exchange, its problems added to `problems`.
fn check_exchange(
    resolver: &Resolver,
    host: &NameBuf,
    addresses: &[IpAddr],
    deadline: Deadline,
) -> (ExchangeCheck, Vec<Problem>) {
    // Non-public addresses are reported already; their reverse zones are
    // nobody's on the Internet.
    let public = addresses.iter().copied().filter(|addr| crate::resolver::SpecialPurpose::of(*addr).is_none());
    let checked: Vec<IpAddr> = public.take(REVERSE_PER_EXCHANGE).collect();
    let (reverses, dane) = parallel::both(
        || parallel::each(checked, |addr| reverse(resolver, addr, deadline)),
        || tlsa(resolver, host, deadline),
    );
    let mut check = ExchangeCheck::default();
    let mut problems = Vec::new();
    for reverse in reverses {
        match reverse {
            Ok(reverse) => {
                if reverse.names.is_empty() {
                    problems.push(Problem::NoPtr { addr: reverse.addr });
                } else if !reverse.confirmed {
                    problems.push(Problem::PtrMismatch { addr: reverse.addr, names: reverse.names.clone() });
                }
                check.reverse.push(reverse);
            }
            Err(error) => problems.push(Problem::ReverseUnresolvable { detail: error.to_string() }),
        }
    }
    match dane {
        Ok((records, authentic)) => {
            for record in &records {
                if let Some(detail) = tlsa_problem(record) {
                    problems.push(Problem::BadTlsa { detail });
                }
            }
            if !records.is_empty() && !authentic {
                problems.push(Problem::TlsaNotValidated);
            }
            check.tlsa = records;
            check.tlsa_authentic = authentic;
        }
        Err(error) => problems.push(Problem::TlsaUnresolvable { detail: error.to_string() }),
    }
    (check, problems)
}

pub(super) fn check_mail(resolver: &Resolver, domain: &str, local: &[NameBuf]) -> Result<MailCheck, ResolveError> {
    let name: NameBuf = domain.parse().map_err(ResolveError::InvalidName)?;
    let name = name.to_absolute().map_err(ResolveError::InvalidName)?;
    // The route takes up to twice the lookup timeout; the checks after it
    // one more, the policies all along.
    let deadline = Deadline::after(resolver.config.lookup_timeout().saturating_mul(3));
    let (route, found) = parallel::both(
        || crate::resolver::mail::lookup_mx(resolver, domain, local),
        || parallel::each(POLICIES.iter().collect(), |policy| check_policy(resolver, &name, policy, deadline)),
    );
    let mut route = route?;
    let mut policies = Policies::default();
    for (policy, (text, problems)) in POLICIES.iter().zip(found) {
        match policy.kind {
            PolicyKind::Spf => policies.spf = text,
            PolicyKind::Dmarc => policies.dmarc = text,
            PolicyKind::MtaSts => policies.mta_sts = text,
            PolicyKind::TlsRpt => policies.tls_rpt = text,
        }
        // A domain without MTA-STS or TLS-RPT is not misconfigured: only
        // SPF and DMARC are expected of every mail domain.
        route.problems.extend(problems.into_iter().filter(|problem| {
            !matches!(problem, Problem::NoPolicy { policy: PolicyKind::MtaSts | PolicyKind::TlsRpt })
        }));
    }
    // An IP literal or localhost exchange is never looked up (RFC 5321
    // §5.1 wants a host name; RFC 6761 §6.3: localhost names are not sent
    // to a server): no TLSA or reverse DNS to ask for either.
    let wanted: Vec<Option<(NameBuf, Vec<IpAddr>)>> = route
        .exchanges
        .iter()
        .map(|exchange| {
            let asked =
                !exchange.problems.iter().any(|problem| matches!(problem, Problem::IpLiteral | Problem::Localhost));
            asked.then(|| (exchange.host.clone(), exchange.addresses.clone()))
        })
        .collect();
    let checks = parallel::each(wanted, |wanted| match wanted {
        Some((host, addresses)) => check_exchange(resolver, &host, &addresses, deadline),
        None => (ExchangeCheck::default(), Vec::new()),
    });
    let mut exchanges = Vec::new();
    for (exchange, (check, problems)) in route.exchanges.iter_mut().zip(checks) {
        exchange.problems.extend(problems);
        exchanges.push(check);
    }
    Ok(MailCheck { route, exchanges, policies })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_names_as_rfc_1035_and_3596_write_them() {
        // RFC 3596 §2.5's example address.
        let v6: IpAddr = "4321:0:1:2:3:4:567:89ab".parse().unwrap();
        assert_eq!(
            reverse_name(v6).to_string(),
            "b.a.9.8.7.6.5.0.4.0.0.0.3.0.0.0.2.0.0.0.1.0.0.0.0.0.0.0.1.2.3.4.ip6.arpa."
        );
        // RFC 1035 §3.5: 10.2.0.52 is 52.0.2.10.IN-ADDR.ARPA.
        assert_eq!(reverse_name("10.2.0.52".parse().unwrap()).to_string(), "52.0.2.10.in-addr.arpa.");
    }

    #[test]
    fn mta_sts_and_tls_rpt_syntax() {
        assert_eq!(mta_sts_syntax("v=STSv1; id=20160831085700Z;"), None);
        assert_eq!(mta_sts_syntax("v=STSv1;id=abc"), None);
        assert!(mta_sts_syntax("v=STSv1; id=").is_some());
        assert!(mta_sts_syntax("v=STSv1; id=2016-08-31").is_some());
        assert!(mta_sts_syntax("v=STSv1;").is_some());
        assert_eq!(tls_rpt_syntax("v=TLSRPTv1; rua=mailto:reports@example.com"), None);
        assert_eq!(tls_rpt_syntax("v=TLSRPTv1;rua=https://reporting.example.com/v1/tlsrpt"), None);
        assert!(tls_rpt_syntax("v=TLSRPTv1; rua=ftp://example.com").is_some());
        assert!(tls_rpt_syntax("v=TLSRPTv1").is_some());
    }

    #[test]
    fn spf_and_dmarc_syntax() {
        // RFC 7208 appendix A's records.
        for good in [
            "v=spf1 +mx a:colo.example.com/28 -all",
            "v=spf1 a mx -all",
            "v=spf1 include:example.com include:example.org -all",
            "v=spf1 a:mail.example.com -all",
            "v=spf1 ip4:192.0.2.128/28 -all",
            "v=spf1 ip6:2001:db8::/32 ~all",
            "v=spf1 redirect=_spf.example.com",
            "v=spf1 mx ?exists:%{ir}.%{l1r+-}._spf.%{d} -all",
            "v=spf1",
        ] {
            assert_eq!(spf_syntax(good), None, "{good}");
        }
        for bad in
            ["v=spf1 mx -al", "v=spf1 ip4:192.0.2.300", "v=spf1 ip4:192.0.2.0/33", "v=spf1 include", "v=spf1 -a=b=c"]
        {
            assert!(spf_syntax(bad).is_some(), "{bad}");
        }
        assert_eq!(dmarc_syntax("v=DMARC1; p=reject; rua=mailto:d@example.com"), None);
        assert_eq!(dmarc_syntax("v=DMARC1;p=none"), None);
        assert!(dmarc_syntax("v=DMARC1; rua=mailto:d@example.com").unwrap().contains("no p="));
        assert!(dmarc_syntax("v=DMARC1; p=block").is_some());
    }

    #[test]
    fn tlsa_fields_and_digest_lengths() {
        let record =
            |usage, selector, matching_type, len| TlsaRecord { usage, selector, matching_type, data: vec![0; len] };
        assert_eq!(tlsa_problem(&record(3, 1, 1, 32)), None);
        assert_eq!(tlsa_problem(&record(2, 0, 2, 64)), None);
        assert!(tlsa_problem(&record(3, 1, 1, 31)).is_some());
        assert!(tlsa_problem(&record(4, 1, 1, 32)).is_some());
        assert!(tlsa_problem(&record(1, 1, 1, 32)).unwrap().contains("PKIX"));
    }
}
