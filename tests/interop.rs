//! The resolver against real servers: knotd, NSD and BIND (authoritative
//! for mail.test) and unbound (recursive, in front of knotd), started on
//! 127.0.0.1 by `tests/interop/run.sh`, which `.ci/run` calls. Every
//! expectation comes from dig asking the same server the same question.
//!
//! Without the servers (a plain `cargo test`) the test says it is skipped;
//! with `DNSWIRE_INTEROP_REQUIRED=1` (as run.sh sets) it fails instead.
#![cfg(feature = "std")]

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::process::Command;
use std::time::Duration;

use dnswire::resolver::{Config, Problem, ResolveError, Resolver, RouteKind};
use dnswire::stub::Transport;
use dnswire::{RData, Rtype};

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
        assert!(exchange.problems.is_empty(), "{}: {:?}", exchange.host, exchange.problems);
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
    match exchange.problems.as_slice() {
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

    checks.passed
}

#[test]
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
    if configured.len() < servers.len() {
        let required = std::env::var("DNSWIRE_INTEROP_REQUIRED").is_ok_and(|v| v == "1");
        assert!(!required, "interop servers required but DNSWIRE_INTEROP_KNOT/NSD/BIND/UNBOUND are not all set");
        println!("interop: skipped (run tests/interop/run.sh to start knotd, nsd, named and unbound on 127.0.0.1)");
        return;
    }
    let mut total = 0;
    for (label, server) in configured {
        total += run_checks(label, server);
    }
    println!("interop: {total} checks passed against knot, nsd, bind and unbound");
}
