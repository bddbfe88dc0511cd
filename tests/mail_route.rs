//! What `lookup_mx` finds wrong with a domain's MX set, and what it tells
//! an MTA to do, against a scripted server on 127.0.0.1 that serves one
//! misconfigured domain per case. Each case's expected finding is the
//! mistake the zone was written with.
#![cfg(feature = "std")]

mod support;

use std::net::IpAddr;
use std::time::Duration;

use dnswire::resolver::{Config, Problem, ResolveError, Resolver, RouteKind, Verdict};
use dnswire::{Aaaa, Class, Mx, NameBuf, Rcode, RecordBuf, Rtype, Soa, A};
use support::server::{reply, Action, Request, ScriptedServer};

/// The MX records of each test domain.
fn mx_of(domain: &str) -> Option<Vec<(u16, &'static str)>> {
    Some(match domain {
        "localhost.test." => vec![(10, "localhost."), (20, "good.test.")],
        "doubled.test." => vec![(10, "mx.doubled.test.doubled.test.")],
        "sub.doubled.test." => vec![(10, "mx.doubled.test.doubled.test.")],
        "duplicate.test." => vec![(10, "good.test."), (20, "good.test."), (30, "other.test.")],
        "dot10.test." => vec![(10, ".")],
        "dot-and-more.test." => vec![(5, "."), (10, "good.test.")],
        "literal.test." => vec![(10, "192.0.2.40."), (20, "[2001:db8::40].")],
        "private.test." => vec![(10, "private.test."), (20, "loopback.test.")],
        "mixed.test." => vec![(10, "private.test."), (20, "good.test.")],
        "local.test." => vec![(10, "good.test."), (20, "me.test."), (20, "other.test."), (30, "last.test.")],
        "me-first.test." => vec![(10, "me.test."), (20, "good.test.")],
        "failing.test." => vec![(10, "servfail.test."), (20, "missing.test.")],
        "gone.test." => vec![(10, "missing.test.")],
        "families.test." => vec![(10, "v6.test."), (20, "v6b.test."), (30, "good.test.")],
        "policy.test." => vec![(10, "good.test."), (20, "other.test."), (30, "last.test.")],
        "twospf.test." => vec![(10, "mismatch.test.")],
        "twelve.test." => (1..=12).map(|i| (i, TWELVE[usize::from(i) - 1])).collect(),
        _ => return None,
    })
}

/// The addresses of each host.
fn addresses_of(host: &str) -> Option<Vec<IpAddr>> {
    let list: &[&str] = match host {
        "good.test." | "other.test." | "last.test." | "me.test." => &["9.9.9.9", "2620:fe::9"],
        "private.test." => &["10.1.2.3", "fd00::1"],
        "loopback.test." => &["127.0.0.1"],
        "v6.test." => &["2620:fe::1", "2620:fe::2"],
        "v6b.test." => &["2620:fe::3"],
        "mx.doubled.test.doubled.test." => &["9.9.9.10"],
        "mismatch.test." => &["9.9.9.20"],
        "elsewhere.test." => &["9.9.9.21"],
        name if TWELVE.contains(&name) => &["9.9.9.30"],
        _ => return None,
    };
    Some(list.iter().map(|a| a.parse().unwrap()).collect())
}

const TWELVE: [&str; 12] = [
    "x1.test.",
    "x2.test.",
    "x3.test.",
    "x4.test.",
    "x5.test.",
    "x6.test.",
    "x7.test.",
    "x8.test.",
    "x9.test.",
    "x10.test.",
    "x11.test.",
    "x12.test.",
];

/// TXT, PTR and TLSA records for the checks; the AD bit for some.
fn extra(name: &str, qtype: Rtype) -> Option<(Vec<RecordBuf>, bool)> {
    let txt = |texts: &[&str]| -> Vec<RecordBuf> {
        texts.iter().map(|t| RecordBuf::from_text(&format!("{name} 60 IN TXT \"{t}\""), None).unwrap()).collect()
    };
    let ptr = |target: &str| vec![RecordBuf::from_text(&format!("{name} 60 IN PTR {target}"), None).unwrap()];
    let tlsa = |rdata: &str| vec![RecordBuf::from_text(&format!("{name} 60 IN TLSA {rdata}"), None).unwrap()];
    let digest = "8cb0fc6c527506a053f4f14c8464bebbd6dede2738d11468dd953d7d6a3021f1";
    Some(match (name, qtype) {
        ("policy.test.", Rtype::TXT) => (txt(&["v=spf1 mx -all", "google-site-verification=abc"]), false),
        ("_dmarc.policy.test.", Rtype::TXT) => (txt(&["v=DMARC1; p=reject"]), false),
        ("_mta-sts.policy.test.", Rtype::TXT) => (txt(&["v=STSv1; id=2024-01-01"]), false),
        ("_smtp._tls.policy.test.", Rtype::TXT) => (txt(&["v=TLSRPTv1; rua=mailto:tls@policy.test"]), false),
        ("twospf.test.", Rtype::TXT) => (txt(&["v=spf1 -all", "v=spf1 a -all"]), false),
        ("9.9.9.9.in-addr.arpa.", Rtype::PTR) => (ptr("good.test."), false),
        ("20.9.9.9.in-addr.arpa.", Rtype::PTR) => (ptr("elsewhere.test."), false),
        ("_25._tcp.good.test.", Rtype::TLSA) => (tlsa(&format!("3 1 1 {digest}")), true),
        ("_25._tcp.other.test.", Rtype::TLSA) => (tlsa(&format!("3 1 1 {digest}")), false),
        ("_25._tcp.last.test.", Rtype::TLSA) => (tlsa("3 1 1 8cb0fc6c"), true),
        _ => return None,
    })
}

fn soa() -> Soa<&'static str> {
    Soa { mname: "ns.test.", rname: "hostmaster.test.", serial: 1, refresh: 60, retry: 60, expire: 60, minimum: 60 }
}

fn serve(request: &Request) -> Vec<Action> {
    let name = request.name.to_string().to_ascii_lowercase();
    if name == "servfail.test." {
        return vec![Action::Reply(reply(request, |b| b.header_mut().set_low_rcode(Rcode::SERVFAIL)))];
    }
    if let Some((records, authentic)) = extra(&name, request.qtype) {
        let bytes = reply(request, |b| {
            b.header_mut().set_ad(authentic);
            for record in &records {
                b.push_record(dnswire::Section::Answer, record).unwrap();
            }
        });
        return vec![Action::Reply(bytes)];
    }
    let bytes = match (request.qtype, mx_of(&name), addresses_of(&name)) {
        (Rtype::MX, Some(mx), _) => reply(request, |b| {
            for (preference, exchange) in mx {
                let exchange: NameBuf = exchange.parse().unwrap();
                b.push_answer(&request.name, Class::IN, 60, &Mx { preference, exchange }).unwrap();
            }
        }),
        (_, _, Some(addresses)) => reply(request, |b| {
            let mut answered = false;
            for addr in addresses {
                match (request.qtype, addr) {
                    (Rtype::A, IpAddr::V4(v4)) => b.push_answer(&request.name, Class::IN, 60, &A::from(v4)).unwrap(),
                    (Rtype::AAAA, IpAddr::V6(v6)) => {
                        b.push_answer(&request.name, Class::IN, 60, &Aaaa::from(v6)).unwrap()
                    }
                    _ => continue,
                }
                answered = true;
            }
            if !answered {
                b.push_authority("test.", Class::IN, 60, &soa()).unwrap();
            }
        }),
        (_, Some(_), None) => reply(request, |b| b.push_authority("test.", Class::IN, 60, &soa()).unwrap()),
        _ => reply(request, |b| {
            b.header_mut().set_low_rcode(Rcode::NXDOMAIN);
            b.push_authority("test.", Class::IN, 60, &soa()).unwrap();
        }),
    };
    vec![Action::Reply(bytes)]
}

fn setup() -> (ScriptedServer, Resolver) {
    let server = ScriptedServer::start(serve);
    let mut config = Config::new([server.addr]);
    config.timeout = Duration::from_millis(500);
    config.attempts = 1;
    (server, Resolver::new(config))
}

fn codes(problems: &[Problem]) -> Vec<&'static str> {
    problems.iter().map(Problem::code).collect()
}

#[test]
fn localhost_is_flagged_and_not_asked() {
    let (server, resolver) = setup();
    let route = resolver.lookup_mx("localhost.test").unwrap();
    assert_eq!(codes(&route.exchanges[0].problems), ["localhost"]);
    assert!(route.exchanges[0].addresses.is_empty());
    assert!(server.requests().iter().all(|r| r.name.to_string() != "localhost."));
    assert_eq!(route.verdict(), Verdict::Deliver);
}

#[test]
fn a_doubled_origin_says_what_was_meant() {
    let (_server, resolver) = setup();
    for domain in ["doubled.test", "sub.doubled.test"] {
        let route = resolver.lookup_mx(domain).unwrap();
        match route.exchanges[0].problems.as_slice() {
            [Problem::DoubledOrigin { probably }] => assert_eq!(probably.to_string(), "mx.doubled.test."),
            other => panic!("{domain}: {other:?}"),
        }
    }
}

#[test]
fn a_duplicate_exchange_is_tried_once_at_its_best_preference() {
    let (_server, resolver) = setup();
    let route = resolver.lookup_mx("duplicate.test").unwrap();
    assert_eq!(route.exchanges.len(), 2);
    assert_eq!((route.exchanges[0].preference, route.exchanges[0].host.to_string()), (10, "good.test.".into()));
    assert_eq!(route.exchanges[0].problems, [Problem::DuplicateExchange { preferences: vec![10, 20] }]);
    assert!(route.exchanges[1].problems.is_empty());
    assert!(route.problems.is_empty());
}

#[test]
fn one_rule_for_null_mx() {
    let (_server, resolver) = setup();
    // A lone `MX 10 .`: still a null MX, the preference reported.
    let route = resolver.lookup_mx("dot10.test").unwrap();
    assert_eq!(route.kind, RouteKind::NullMx);
    assert_eq!(route.problems, [Problem::DotExchangeNonzeroPreference { preference: 10 }]);
    assert_eq!(route.verdict(), Verdict::Bounce);
    // Beside other records, `.` is dropped and both mistakes reported.
    let route = resolver.lookup_mx("dot-and-more.test").unwrap();
    assert_eq!(route.kind, RouteKind::Mx);
    assert_eq!(codes(&route.problems), ["dot_exchange_nonzero_preference", "null_mx_with_others"]);
    assert_eq!(route.exchanges.len(), 1);
    assert_eq!(route.verdict(), Verdict::Deliver);
}

#[test]
fn ip_literals_are_flagged_and_never_asked_as_names() {
    let (server, resolver) = setup();
    let route = resolver.lookup_mx("literal.test").unwrap();
    for exchange in &route.exchanges {
        assert_eq!(exchange.problems, [Problem::IpLiteral], "{}", exchange.host);
        assert!(exchange.addresses.is_empty());
    }
    let asked: Vec<String> = server.requests().iter().map(|r| r.name.to_string()).collect();
    assert_eq!(asked, ["literal.test."], "only the MX question");
    assert_eq!(codes(&route.problems), ["no_usable_exchange"]);
    assert_eq!(route.verdict(), Verdict::Bounce);
}

#[test]
fn non_public_addresses_are_named_by_their_block() {
    let (_server, resolver) = setup();
    let route = resolver.lookup_mx("private.test").unwrap();
    let found: Vec<(String, &str)> = route
        .exchanges
        .iter()
        .flat_map(|e| &e.problems)
        .filter_map(|p| match p {
            Problem::NonPublicAddress { addr, block } => Some((addr.to_string(), block.name)),
            _ => None,
        })
        .collect();
    assert_eq!(
        found,
        [("fd00::1".into(), "Unique-Local"), ("10.1.2.3".into(), "Private-Use"), ("127.0.0.1".into(), "Loopback")]
    );
    assert_eq!(codes(&route.problems), ["no_usable_exchange"]);
    // Non-public addresses are still addresses: a private network's MTA uses them.
    assert_eq!(route.verdict(), Verdict::Deliver);
    // One public exchange is enough.
    let mixed = resolver.lookup_mx("mixed.test").unwrap();
    assert!(mixed.problems.is_empty(), "{:?}", mixed.problems);
}

#[test]
fn the_local_host_and_every_exchange_not_better_are_cut() {
    let (_server, resolver) = setup();
    let me: Vec<NameBuf> = vec!["me.test.".parse().unwrap()];
    let route = resolver.lookup_mx_from("local.test", &me).unwrap();
    let hosts: Vec<String> = route.exchanges.iter().map(|e| e.host.to_string()).collect();
    assert_eq!(hosts, ["good.test."]);
    assert_eq!(codes(&route.problems), ["local_exchange"]);
    // Without the local names, all four.
    assert_eq!(resolver.lookup_mx("local.test").unwrap().exchanges.len(), 4);
    // check_mail makes the same cut.
    let check = resolver.check_mail_from("local.test", &me).unwrap();
    assert_eq!(check.route.exchanges.len(), 1);
    assert!(codes(&check.route.problems).contains(&"local_exchange"));
    // The best exchange is this host: nowhere to go.
    let route = resolver.lookup_mx_from("me-first.test", &me).unwrap();
    assert!(route.exchanges.is_empty());
    assert_eq!(codes(&route.problems), ["local_exchange", "loops_back_to_myself"]);
    assert_eq!(route.verdict(), Verdict::Bounce);
}

#[test]
fn temporary_and_permanent_failures_are_told_apart() {
    let (_server, resolver) = setup();
    // SERVFAIL for one exchange, NXDOMAIN for the other: defer, not bounce.
    let route = resolver.lookup_mx("failing.test").unwrap();
    assert_eq!(codes(&route.exchanges[0].problems), ["unresolvable"]);
    assert!(matches!(route.exchanges[0].problems[0], Problem::Unresolvable { temporary: true, .. }));
    assert_eq!(codes(&route.exchanges[1].problems), ["no_such_host"]);
    assert_eq!(route.verdict(), Verdict::Defer);
    // Every exchange gone for good: bounce.
    assert_eq!(resolver.lookup_mx("gone.test").unwrap().verdict(), Verdict::Bounce);
    // The MX lookup itself: NXDOMAIN is permanent, SERVFAIL temporary.
    let nx = resolver.lookup_mx("no-such-domain.test").unwrap_err();
    assert!(matches!(nx, ResolveError::NxDomain { .. }) && !nx.is_temporary());
    let servfail = resolver.lookup_mx("servfail.test").unwrap_err();
    assert!(matches!(servfail, ResolveError::AllServersFailed(_)) && servfail.is_temporary(), "{servfail:?}");
}

#[test]
fn delivery_addresses_keep_both_families_within_the_limit() {
    let (_server, resolver) = setup();
    let route = resolver.lookup_mx("families.test").unwrap();
    let all: Vec<String> = route.delivery_addresses(10).iter().map(|(_, a)| a.to_string()).collect();
    assert_eq!(all, ["2620:fe::1", "2620:fe::2", "2620:fe::3", "2620:fe::9", "9.9.9.9"]);
    // The first three are IPv6 only: the third gives way to the first IPv4.
    let three: Vec<(String, String)> =
        route.delivery_addresses(3).iter().map(|(host, a)| (host.to_string(), a.to_string())).collect();
    assert_eq!(
        three,
        [
            ("v6.test.".into(), "2620:fe::1".into()),
            ("v6.test.".into(), "2620:fe::2".into()),
            ("good.test.".into(), "9.9.9.9".into())
        ]
    );
    assert_eq!(route.delivery_addresses(1).len(), 1);
}

//--- check_mail

#[test]
fn check_mail_reports_reverse_dns_policies_and_dane() {
    let (_server, resolver) = setup();
    let check = resolver.check_mail("policy.test").unwrap();
    assert_eq!(check.policies.spf.as_deref(), Some("v=spf1 mx -all"));
    assert_eq!(check.policies.dmarc.as_deref(), Some("v=DMARC1; p=reject"));
    assert_eq!(check.policies.mta_sts.as_deref(), Some("v=STSv1; id=2024-01-01"));
    assert_eq!(check.policies.tls_rpt.as_deref(), Some("v=TLSRPTv1; rua=mailto:tls@policy.test"));
    assert_eq!(codes(&check.route.problems), ["bad_mta_sts"], "{:?}", check.route.problems);
    let hosts: Vec<String> = check.route.exchanges.iter().map(|e| e.host.to_string()).collect();
    assert_eq!(hosts, ["good.test.", "other.test.", "last.test."]);
    // good.test.: 9.9.9.9 has a PTR back to it; 2620:fe::9 none. TLSA validated.
    let good = &check.exchanges[0];
    assert_eq!(good.reverse.len(), 2);
    let v4 = good.reverse.iter().find(|r| r.addr.is_ipv4()).unwrap();
    assert!(v4.confirmed && v4.names[0].to_string() == "good.test.");
    assert_eq!(codes(&check.route.exchanges[0].problems), ["no_ptr"]);
    assert!(good.tlsa_authentic && good.tlsa.len() == 1 && good.tlsa[0].to_string().starts_with("3 1 1 8CB0FC6C"));
    // other.test.: the same TLSA without AD.
    assert!(codes(&check.route.exchanges[1].problems).contains(&"tlsa_not_validated"));
    // last.test.: a SHA-256 digest of 4 bytes.
    assert!(codes(&check.route.exchanges[2].problems).contains(&"bad_tlsa"));

    let check = resolver.check_mail("twospf.test").unwrap();
    assert_eq!(codes(&check.route.problems), ["multiple_spf", "no_dmarc"]);
    // mismatch.test. (9.9.9.20) has PTR elsewhere.test., which is 9.9.9.21.
    assert!(matches!(
        &check.route.exchanges[0].problems[..],
        [Problem::PtrMismatch { names, .. }] if names[0].to_string() == "elsewhere.test."
    ));
}

#[test]
fn check_mail_asks_nothing_about_localhost_or_ip_literal_exchanges() {
    // No TLSA at _25._tcp.localhost. or _25._tcp.192.0.2.40.: those
    // exchanges are never looked up (found by tests/mail/check.sh).
    let (server, resolver) = setup();
    for domain in ["localhost.test", "literal.test"] {
        let check = resolver.check_mail(domain).unwrap();
        for (exchange, checked) in check.route.exchanges.iter().zip(&check.exchanges) {
            if exchange.host.to_string() == "good.test." {
                continue;
            }
            assert_eq!(codes(&exchange.problems).len(), 1, "{}: {:?}", exchange.host, exchange.problems);
            assert!(checked.tlsa.is_empty() && checked.reverse.is_empty());
        }
    }
    let asked: Vec<String> = server.requests().iter().map(|r| r.name.to_string()).collect();
    let wrong: Vec<&String> = asked
        .iter()
        .filter(|name| name.ends_with(".localhost.") || name.ends_with(".192.0.2.40.") || name.contains("2001:db8::40"))
        .collect();
    assert!(wrong.is_empty(), "{wrong:?}");
}

#[test]
fn check_mail_of_twelve_exchanges_takes_a_few_round_trips() {
    // Every answer 100 ms late: 12 exchanges with 2 address lookups, a PTR
    // and its confirmation and a TLSA each, and 4 policies, would take
    // about 7 s one after the other.
    let server = ScriptedServer::start(|request| {
        let mut actions = vec![Action::Wait(Duration::from_millis(100))];
        actions.extend(serve(request));
        actions
    });
    let mut config = Config::new([server.addr]);
    config.timeout = Duration::from_secs(2);
    config.attempts = 1;
    config.mail.max_exchanges = 12;
    let resolver = Resolver::new(config);
    let started = std::time::Instant::now();
    let check = resolver.check_mail("twelve.test").unwrap();
    let took = started.elapsed();
    assert_eq!(check.route.exchanges.len(), 12);
    assert!(check.route.exchanges.iter().all(|e| e.addresses.len() == 1));
    let questions = server.count();
    println!("check_mail, 12 exchanges, 100 ms per answer: {questions} questions in {} ms", took.as_millis());
    // MX, then addresses, then PTR and TLSA, then the PTR names' addresses:
    // four rounds, the policies beside them. Generous for a loaded machine.
    assert!(took < Duration::from_millis(1500), "{took:?}");
}
