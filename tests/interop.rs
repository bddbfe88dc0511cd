//! The resolver against real servers: knotd, NSD and BIND (authoritative
//! for mail.test) and unbound (recursive, in front of knotd), started on
//! 127.0.0.1 by `tests/interop/run.sh`, which `.ci/run` calls. Every
//! expectation comes from dig asking the same server the same question.
//!
//! The test is `#[ignore]`d, so a plain `cargo test` lists it as ignored
//! rather than passing it without servers; run.sh runs it with
//! `--ignored`, and without the servers' addresses it fails.
#![cfg(feature = "std")]

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::process::Command;
use std::time::Duration;

use dnswire::resolver::{Config, Problem, ResolveError, Resolver, RouteKind};
use dnswire::stub::Transport;
use dnswire::{EdnsOptionBuf, Nsid, OptionCode, RData, Rtype};

/// dig's answer lines (`+short`) for a question to `server`.
fn dig(server: SocketAddr, args: &[&str]) -> Vec<String> {
    let output = Command::new("dig")
        .args(["+short", "+time=2", "+tries=2", "-p", &server.port().to_string(), &format!("@{}", server.ip())])
        .args(args)
        .output()
        .expect("dig runs");
    assert!(output.status.success(), "dig {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().lines().map(String::from).collect()
}

/// dig's status (NOERROR, NXDOMAIN…) for a question.
fn dig_status(server: SocketAddr, args: &[&str]) -> String {
    let output = Command::new("dig")
        .args([
            "+noall",
            "+comments",
            "+time=2",
            "+tries=2",
            "-p",
            &server.port().to_string(),
            &format!("@{}", server.ip()),
        ])
        .args(args)
        .output()
        .expect("dig runs");
    let text = String::from_utf8(output.stdout).unwrap();
    let start = text.find("status: ").expect("a status line") + "status: ".len();
    text[start..].split(',').next().unwrap().to_string()
}

/// The addresses among dig's lines for `name` A and AAAA.
fn dig_addresses(server: SocketAddr, name: &str) -> BTreeSet<IpAddr> {
    ["A", "AAAA"].iter().flat_map(|t| dig(server, &[name, t])).filter_map(|line| line.parse().ok()).collect()
}

struct Checks {
    server: &'static str,
    passed: usize,
}

impl Checks {
    fn ok(&mut self, what: &str) {
        self.passed += 1;
        println!("interop {}: {what}: ok", self.server);
    }
}

fn run_checks(label: &'static str, server: SocketAddr) -> usize {
    let mut config = Config::new([server]);
    config.timeout = Duration::from_secs(2);
    let resolver = Resolver::new(config);
    let mut checks = Checks { server: label, passed: 0 };

    // Raw MX answer: the same records as dig sees.
    let answer = resolver.query("mail.test.", Rtype::MX).unwrap();
    let ours: BTreeSet<String> = answer.message.answers().map(|r| r.rdata().to_string()).collect();
    let theirs: BTreeSet<String> = dig(server, &["mail.test", "MX"]).into_iter().collect();
    assert_eq!(ours, theirs);
    checks.ok("MX records match dig");

    // Mail route: preference order, every exchange's addresses as dig finds them.
    let route = resolver.lookup_mx("mail.test").unwrap();
    assert_eq!(route.kind, RouteKind::Mx);
    let preferences: Vec<u16> = route.exchanges.iter().map(|e| e.preference).collect();
    let mut dig_preferences: Vec<u16> = theirs.iter().map(|l| l.split(' ').next().unwrap().parse().unwrap()).collect();
    dig_preferences.sort();
    assert_eq!(preferences, dig_preferences);
    for exchange in &route.exchanges {
        let ours: BTreeSet<IpAddr> = exchange.addresses.iter().copied().collect();
        assert_eq!(ours, dig_addresses(server, &exchange.host.to_string()), "{}", exchange.host);
        // The zone's addresses are documentation ones (RFC 5737, RFC 3849).
        assert!(
            exchange.problems.iter().all(|p| p.code() == "non_public_address"),
            "{}: {:?}",
            exchange.host,
            exchange.problems
        );
    }
    checks.ok("lookup_mx order and addresses match dig");

    // Equal preferences are shuffled: over many lookups both come first.
    let firsts: BTreeSet<String> =
        (0..30).map(|_| resolver.lookup_mx("mail.test").unwrap().exchanges[0].host.to_string()).collect();
    assert_eq!(firsts.len(), 2, "{firsts:?}");
    checks.ok("equal preferences shuffled");

    // Implicit MX: no MX records, the domain's own addresses.
    assert!(dig(server, &["implicit.mail.test", "MX"]).is_empty());
    let implicit = resolver.lookup_mx("implicit.mail.test").unwrap();
    assert_eq!(implicit.kind, RouteKind::Implicit);
    let ours: BTreeSet<IpAddr> = implicit.exchanges[0].addresses.iter().copied().collect();
    assert_eq!(ours, dig_addresses(server, "implicit.mail.test"));
    checks.ok("implicit MX");

    // Null MX, though the domain has an address.
    assert_eq!(dig(server, &["nullmx.mail.test", "MX"]), ["0 ."]);
    let null = resolver.lookup_mx("nullmx.mail.test").unwrap();
    assert_eq!(null.kind, RouteKind::NullMx);
    assert!(null.exchanges.is_empty());
    checks.ok("null MX");

    // An exchange that is a CNAME: reported, its target's addresses used.
    let dig_alias = dig(server, &["alias.mail.test", "A"]);
    let route = resolver.lookup_mx("cname-mx.mail.test").unwrap();
    let exchange = &route.exchanges[0];
    let public: Vec<&Problem> = exchange.problems.iter().filter(|p| p.code() != "non_public_address").collect();
    match public.as_slice() {
        [Problem::CnameTarget { canonical }] => assert_eq!(canonical.to_string(), dig_alias[0]),
        other => panic!("{other:?}"),
    }
    let ours: BTreeSet<IpAddr> = exchange.addresses.iter().copied().collect();
    assert_eq!(ours, dig_addresses(server, "alias.mail.test"));
    checks.ok("CNAME exchange reported");

    // An IP literal exchange, and an exchange that does not exist.
    assert_eq!(dig(server, &["iplit.mail.test", "MX"]), ["10 192.0.2.7."]);
    let route = resolver.lookup_mx("iplit.mail.test").unwrap();
    assert!(route.exchanges[0].problems.contains(&Problem::IpLiteral), "{:?}", route.exchanges[0].problems);
    assert_eq!(dig_status(server, &["nothing.mail.test", "A"]), "NXDOMAIN");
    let route = resolver.lookup_mx("noaddr.mail.test").unwrap();
    assert_eq!(route.exchanges[0].problems, [Problem::NoSuchHost]);
    checks.ok("IP-literal and missing exchanges reported");

    // A domain that is an alias is routed as its target (RFC 5321 5.1).
    let route = resolver.lookup_mx("mailalias.mail.test").unwrap();
    assert_eq!(route.canonical.to_string(), dig(server, &["mailalias.mail.test", "MX"])[0]);
    assert_eq!(route.exchanges.len(), 4);
    checks.ok("aliased domain");

    // CNAME chain: the same path and address as dig shows.
    let lookup = resolver.resolve("www.mail.test.", Rtype::A).unwrap();
    let dig_chain = dig(server, &["www.mail.test", "A"]);
    let mut ours: Vec<String> = lookup.aliases.iter().skip(1).map(ToString::to_string).collect();
    ours.push(lookup.canonical.to_string());
    ours.extend(lookup.records.iter().map(|r| r.rdata().to_string()));
    assert_eq!(ours, dig_chain);
    checks.ok("CNAME chain");

    // A CNAME loop is an error, not a hang.
    match resolver.resolve("loop1.mail.test.", Rtype::A) {
        Err(ResolveError::Cname { .. } | ResolveError::AllServersFailed(_)) => {}
        other => panic!("{other:?}"),
    }
    checks.ok("CNAME loop stopped");

    // 100 addresses do not fit 1232 bytes: truncated over UDP, whole over TCP.
    let lookup = resolver.resolve("many.mail.test.", Rtype::A).unwrap();
    assert_eq!(lookup.answer.transport, Transport::Tcp);
    let ours: BTreeSet<String> = lookup.records.iter().map(|r| r.rdata().to_string()).collect();
    let theirs: BTreeSet<String> = dig(server, &["+tcp", "many.mail.test", "A"]).into_iter().collect();
    assert_eq!((ours.len(), &ours), (100, &theirs));
    checks.ok("TC=1 then TCP");

    // NXDOMAIN, and TXT as dig prints it.
    assert_eq!(dig_status(server, &["missing.mail.test", "A"]), "NXDOMAIN");
    assert!(matches!(resolver.lookup_ip("missing.mail.test"), Err(ResolveError::NxDomain { .. })));
    let txt = resolver.resolve("txt.mail.test.", Rtype::TXT).unwrap();
    assert!(matches!(txt.records[0].rdata(), RData::Txt(_)));
    assert_eq!(vec![txt.records[0].rdata().to_string()], dig(server, &["txt.mail.test", "TXT"]));
    checks.ok("NXDOMAIN and TXT");

    // DO: the same answer records as `dig +dnssec` (RRSIGs from the zone
    // knotd signs, and unbound passes on; none from nsd and named).
    let mut dnssec = Config::new([server]);
    dnssec.timeout = Duration::from_secs(2);
    dnssec.dnssec_ok = true;
    let answer = Resolver::new(dnssec).query("host.mail.test.", Rtype::A).unwrap();
    let ours: BTreeSet<String> = answer.message.answers().map(|r| r.rdata().to_string()).collect();
    let theirs: BTreeSet<String> = dig(server, &["+dnssec", "host.mail.test", "A"]).into_iter().collect();
    assert_eq!(ours, theirs);
    let signed = answer.message.answers().any(|r| r.rtype() == Rtype::RRSIG);
    assert_eq!(signed, label == "knot" || label == "unbound", "RRSIGs from {label}: {signed}");
    checks.ok(if signed { "DO: RRSIGs as dig sees them" } else { "DO: unsigned zone, as dig sees it" });

    // NSID: the server's identity as dig reads it.
    let mut nsid = Config::new([server]);
    nsid.timeout = Duration::from_secs(2);
    nsid.edns_options.push(EdnsOptionBuf::new(&Nsid::new(b"").unwrap()));
    let answer = Resolver::new(nsid).query("host.mail.test.", Rtype::A).unwrap();
    let ours = answer.edns_option(OptionCode::NSID).map(|id| String::from_utf8_lossy(id).into_owned());
    assert_eq!(ours, dig_nsid(server), "NSID");
    assert_eq!(ours.as_deref(), Some(format!("ns-{label}").as_str()));
    checks.ok("NSID as dig reads it");

    // Cookies: a server cookie learned exactly when dig gets one, and sent
    // back on the next query, which the server accepts. named requires
    // one: BADCOOKIE first, for us as for dig.
    let (server_sends, dig_badcookie) = dig_server_cookie(server);
    let bad_cookies = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = std::sync::Arc::clone(&bad_cookies);
    let mut fresh = Config::new([server]);
    fresh.timeout = Duration::from_secs(2);
    let fresh = Resolver::new(fresh).with_observer(move |event| {
        if matches!(event, dnswire::resolver::Event::BadCookie { .. }) {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    let ours: BTreeSet<String> =
        fresh.query("host.mail.test.", Rtype::A).unwrap().message.answers().map(|r| r.rdata().to_string()).collect();
    assert_eq!(ours, dig(server, &["host.mail.test", "A"]).into_iter().collect());
    let badcookie = bad_cookies.load(std::sync::atomic::Ordering::SeqCst);
    assert_eq!((badcookie > 0, badcookie <= 1), (dig_badcookie, true), "BADCOOKIE from {label}");
    let _ = resolver.query("host.mail.test.", Rtype::A).unwrap();
    assert_eq!(resolver.server_cookie(server).is_some(), server_sends, "{label} sends a server cookie");
    assert_eq!(resolver.query("host.mail.test.", Rtype::A).unwrap().message.rcode(), dnswire::Rcode::NOERROR);
    checks.ok(match (server_sends, dig_badcookie) {
        (true, true) => "BADCOOKIE, asked again with the cookie, learned and sent back as dig does",
        (true, false) => "cookie learned and sent back",
        (false, _) => "no server cookie, as dig sees",
    });

    // One TCP connection for several queries, and queries in flight side
    // by side on it.
    let connects = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = std::sync::Arc::clone(&connects);
    let mut tcp = Config::new([server]);
    tcp.timeout = Duration::from_secs(2);
    tcp.tcp_only = true;
    let over_tcp = Resolver::new(tcp).with_observer(move |event| {
        if matches!(event, dnswire::resolver::Event::Connected { .. }) {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        }
    });
    for name in ["host.mail.test", "mx-a.mail.test", "implicit.mail.test"] {
        let ours: BTreeSet<IpAddr> = over_tcp.lookup_ip(name).unwrap().into_iter().collect();
        assert_eq!(ours, dig_addresses(server, name), "{name} over TCP");
    }
    assert_eq!(connects.load(std::sync::atomic::Ordering::SeqCst), 1, "TCP connections to {label}");
    checks.ok("six queries, three pairs in flight, on one TCP connection");

    // 0x20: the server echoes the case it was sent; the answers do not change.
    let mut mixed = Config::new([server]);
    mixed.timeout = Duration::from_secs(2);
    mixed.randomize_case = true;
    let ours: BTreeSet<IpAddr> = Resolver::new(mixed).lookup_ip("host.mail.test").unwrap().into_iter().collect();
    assert_eq!(ours, dig_addresses(server, "host.mail.test"));
    checks.ok("0x20 case echoed");

    checks.passed
}

/// The NSID text dig shows for `server` (`; NSID: … ("text")`).
fn dig_nsid(server: SocketAddr) -> Option<String> {
    let output = Command::new("dig")
        .args(["+nsid", "+time=2", "+tries=2", "-p", &server.port().to_string(), &format!("@{}", server.ip())])
        .args(["host.mail.test", "A"])
        .output()
        .expect("dig runs");
    let text = String::from_utf8(output.stdout).unwrap();
    let line = text.lines().find(|line| line.starts_with("; NSID: "))?;
    let quoted = line.split_once("(\"")?.1.strip_suffix("\")")?;
    Some(quoted.to_string())
}

/// Whether `server` sends a server cookie back to dig's `+cookie` (dig
/// prints `; COOKIE: <client+server hex> (good)`; a client cookie alone
/// would be 16 hex digits), and whether it answered BADCOOKIE first (dig
/// says `;; BADCOOKIE, retrying.`).
fn dig_server_cookie(server: SocketAddr) -> (bool, bool) {
    let output = Command::new("dig")
        .args(["+cookie", "+time=2", "+tries=2", "-p", &server.port().to_string(), &format!("@{}", server.ip())])
        .args(["host.mail.test", "A"])
        .output()
        .expect("dig runs");
    let text = String::from_utf8(output.stdout).unwrap();
    let server_cookie = text
        .lines()
        .find_map(|line| line.strip_prefix("; COOKIE: "))
        .is_some_and(|rest| rest.split(' ').next().is_some_and(|hex| hex.len() > 16));
    (server_cookie, text.contains("BADCOOKIE, retrying"))
}

#[test]
#[ignore = "needs knotd, nsd, named and unbound: bash tests/interop/run.sh"]
fn against_knot_nsd_bind_and_unbound() {
    let servers = [
        ("knot", "DNSWIRE_INTEROP_KNOT"),
        ("nsd", "DNSWIRE_INTEROP_NSD"),
        ("bind", "DNSWIRE_INTEROP_BIND"),
        ("unbound", "DNSWIRE_INTEROP_UNBOUND"),
    ];
    let configured: Vec<(&'static str, SocketAddr)> = servers
        .iter()
        .filter_map(|(label, var)| Some((*label, std::env::var(var).ok()?.parse().expect("a socket address"))))
        .collect();
    assert_eq!(
        configured.len(),
        servers.len(),
        "the servers' addresses (DNSWIRE_INTEROP_KNOT/NSD/BIND/UNBOUND) are not all set: run tests/interop/run.sh"
    );
    let mut total = 0;
    for (label, server) in configured {
        total += run_checks(label, server);
    }
    println!("interop: {total} checks passed against knot, nsd, bind and unbound");
}
