//! The resolver against a scripted DNS server on 127.0.0.1 that misbehaves
//! on purpose: each test scripts the server's replies and asserts what the
//! client must do. Hermetic: loopback only, no real DNS server needed.
#![cfg(feature = "std")]

mod support;

use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dnswire::resolver::{Config, Problem, ResolveError, Resolver, RouteKind};
use dnswire::stub::{ChainError, Transport};
use dnswire::{Class, Cname, Mx, NameBuf, Rcode, Rtype, Soa, A};
use support::server::{reply, Action, Request, ScriptedServer};

//--- Replies

fn with_rcode(request: &Request, rcode: Rcode) -> Vec<u8> {
    reply(request, |b| b.header_mut().set_low_rcode(rcode))
}

/// A records for the asked name, or NODATA with an SOA for other types.
fn addresses(request: &Request, addresses: &[[u8; 4]]) -> Vec<u8> {
    reply(request, |b| {
        if request.qtype == Rtype::A {
            for a in addresses {
                b.push_answer(&request.name, Class::IN, 60, &A::from(*a)).unwrap();
            }
        } else {
            b.push_authority("test.", Class::IN, 60, &soa()).unwrap();
        }
    })
}

fn soa() -> Soa<&'static str> {
    Soa { mname: "ns.test.", rname: "hostmaster.test.", serial: 1, refresh: 60, retry: 60, expire: 60, minimum: 60 }
}

fn resolver(servers: &[&ScriptedServer]) -> Resolver {
    let mut config = Config::new(servers.iter().map(|s| s.addr));
    config.timeout = Duration::from_millis(400);
    config.attempts = 2;
    Resolver::new(config)
}

/// A resolver whose events are kept, as debug text, in the returned log.
fn observed(servers: &[&ScriptedServer]) -> (Resolver, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    let resolver = resolver(servers).with_observer(move |event| sink.lock().unwrap().push(format!("{event:?}")));
    (resolver, log)
}

fn ips(list: &[[u8; 4]]) -> Vec<IpAddr> {
    list.iter().map(|a| IpAddr::from(*a)).collect()
}

fn a_records(resolver: &Resolver, name: &str) -> Result<Vec<IpAddr>, ResolveError> {
    let lookup = resolver.resolve(name, Rtype::A)?;
    Ok(lookup
        .records
        .iter()
        .filter_map(|r| match r.rdata() {
            dnswire::RData::A(a) => Some(IpAddr::V4(a.addr)),
            _ => None,
        })
        .collect())
}

//--- UDP faults

#[test]
fn drops_the_first_datagram_then_answers_the_retry() {
    let server = ScriptedServer::start(|req| {
        if req.index == 0 {
            vec![]
        } else {
            vec![Action::Reply(addresses(req, &[[192, 0, 2, 1]]))]
        }
    });
    let resolver = resolver(&[&server]);
    assert_eq!(a_records(&resolver, "host.test.").unwrap(), ips(&[[192, 0, 2, 1]]));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    // Each try is a fresh query: a new ID and a new source port.
    assert_ne!(requests[0].id, requests[1].id);
    assert_ne!(requests[0].from.port(), requests[1].from.port());
    assert!(requests.iter().all(|r| r.transport == Transport::Udp && r.edns));
}

#[test]
fn ignores_a_wrong_id_and_takes_the_right_one() {
    let server = ScriptedServer::start(|req| {
        let mut wrong = addresses(req, &[[203, 0, 113, 66]]);
        wrong[1] ^= 0x5a;
        vec![
            Action::Reply(wrong),
            Action::Wait(Duration::from_millis(20)),
            Action::Reply(addresses(req, &[[192, 0, 2, 2]])),
        ]
    });
    let (resolver, log) = observed(&[&server]);
    assert_eq!(a_records(&resolver, "host.test.").unwrap(), ips(&[[192, 0, 2, 2]]));
    assert_eq!(server.requests().len(), 1, "no retry was needed");
    assert!(log.lock().unwrap().iter().any(|e| e.contains("Ignored") && e.contains("why: Id")));
}

#[test]
fn ignores_an_answer_to_another_question() {
    let server = ScriptedServer::start(|req| {
        let other = Request { name: "other.test.".parse().unwrap(), ..req.clone() };
        let other_type = Request { qtype: Rtype::MX, ..req.clone() };
        vec![
            Action::Reply(addresses(&other, &[[203, 0, 113, 1]])),
            Action::Reply(reply(&other_type, |_| {})),
            Action::Reply(addresses(req, &[[192, 0, 2, 3]])),
        ]
    });
    let (resolver, log) = observed(&[&server]);
    assert_eq!(a_records(&resolver, "host.test.").unwrap(), ips(&[[192, 0, 2, 3]]));
    let ignored = log.lock().unwrap().iter().filter(|e| e.contains("why: Question")).count();
    assert_eq!(ignored, 2);
}

#[test]
fn a_reply_from_another_port_never_reaches_the_client() {
    // The first try only gets a reply from a foreign port: it must time out
    // (the connected socket never sees it), and the retry gets the real one.
    let server = ScriptedServer::start(|req| {
        if req.index == 0 {
            vec![Action::ReplyFromOtherPort(addresses(req, &[[203, 0, 113, 9]]))]
        } else {
            vec![Action::Reply(addresses(req, &[[192, 0, 2, 4]]))]
        }
    });
    let (resolver, log) = observed(&[&server]);
    assert_eq!(a_records(&resolver, "host.test.").unwrap(), ips(&[[192, 0, 2, 4]]));
    assert_eq!(server.requests().len(), 2);
    assert!(log.lock().unwrap().iter().any(|e| e.contains("Failed") && e.contains("TimedOut")));
}

#[test]
fn garbage_is_ignored_while_waiting() {
    let server = ScriptedServer::start(|req| {
        vec![
            Action::Reply(vec![0xde, 0xad]),
            Action::Reply(b"\x00\x00 this is not DNS at all, just bytes on the wire".to_vec()),
            Action::Reply(addresses(req, &[[192, 0, 2, 5]])),
        ]
    });
    let (resolver, log) = observed(&[&server]);
    assert_eq!(a_records(&resolver, "host.test.").unwrap(), ips(&[[192, 0, 2, 5]]));
    assert_eq!(log.lock().unwrap().iter().filter(|e| e.contains("Ignored")).count(), 2);
}

#[test]
fn malformed_reply_with_our_id_moves_to_the_next_server() {
    let broken = ScriptedServer::start(|req| {
        let mut bytes = addresses(req, &[[203, 0, 113, 7]]);
        bytes.truncate(bytes.len() - 2); // RDATA cut short
        vec![Action::Reply(bytes)]
    });
    let good = ScriptedServer::start(|req| vec![Action::Reply(addresses(req, &[[192, 0, 2, 6]]))]);
    let resolver = resolver(&[&broken, &good]);
    assert_eq!(a_records(&resolver, "host.test.").unwrap(), ips(&[[192, 0, 2, 6]]));
    assert_eq!(broken.requests().len(), 1);
    assert_eq!(good.requests().len(), 1);
    // Alone, the broken server's replies are reported as malformed.
    let alone = resolver_for(&broken);
    assert!(matches!(
        alone.lookup_ip("host.test."),
        Err(ResolveError::Malformed { error: dnswire::Error::RdataPastEnd, .. })
    ));
}

fn resolver_for(server: &ScriptedServer) -> Resolver {
    resolver(&[server])
}

#[test]
fn truncated_answer_is_asked_again_over_tcp() {
    let many: Vec<[u8; 4]> = (1..=60).map(|i| [198, 51, 100, i]).collect();
    let tcp_answer = many.clone();
    let server = ScriptedServer::start(move |req| match req.transport {
        Transport::Udp => vec![Action::Reply(reply(req, |b| b.header_mut().set_tc(true)))],
        Transport::Tcp => vec![Action::Reply(addresses(req, &tcp_answer))],
    });
    let resolver = resolver(&[&server]);
    let lookup = resolver.resolve("many.test.", Rtype::A).unwrap();
    assert_eq!(lookup.records.len(), 60);
    assert_eq!(lookup.answer.transport, Transport::Tcp);
    let transports: Vec<Transport> = server.requests().iter().map(|r| r.transport).collect();
    assert_eq!(transports, [Transport::Udp, Transport::Tcp]);
}

#[test]
fn stalled_server_times_out_and_the_next_one_answers() {
    let stalled = ScriptedServer::start(|_| vec![]);
    let good = ScriptedServer::start(|req| vec![Action::Reply(addresses(req, &[[192, 0, 2, 8]]))]);
    let resolver = resolver(&[&stalled, &good]);
    assert_eq!(a_records(&resolver, "host.test.").unwrap(), ips(&[[192, 0, 2, 8]]));
    assert_eq!((stalled.requests().len(), good.requests().len()), (1, 1));
    // With only the stalled server: every try times out, and the error says so.
    match resolver_for(&stalled).resolve("host.test.", Rtype::A) {
        Err(ResolveError::Timeout { servers, tries }) => assert_eq!((servers, tries), (1, 2)),
        other => panic!("{other:?}"),
    }
    assert_eq!(stalled.requests().len(), 3);
}

#[test]
fn servfail_moves_to_the_second_server_and_all_failures_are_reported() {
    let failing = ScriptedServer::start(|req| vec![Action::Reply(with_rcode(req, Rcode::SERVFAIL))]);
    let refusing = ScriptedServer::start(|req| vec![Action::Reply(with_rcode(req, Rcode::REFUSED))]);
    let good = ScriptedServer::start(|req| vec![Action::Reply(addresses(req, &[[192, 0, 2, 9]]))]);
    let first_good = resolver(&[&failing, &good]);
    assert_eq!(a_records(&first_good, "host.test.").unwrap(), ips(&[[192, 0, 2, 9]]));
    assert_eq!((failing.requests().len(), good.requests().len()), (1, 1));

    match resolver(&[&failing, &refusing]).resolve("host.test.", Rtype::A) {
        Err(ResolveError::AllServersFailed(reasons)) => {
            let text: Vec<String> = reasons.iter().map(|(s, why)| format!("{s} {why}")).collect();
            assert_eq!(reasons.len(), 2, "{text:?}");
            assert_eq!(reasons[0].0, failing.addr);
            assert!(text[0].ends_with("answered SERVFAIL"), "{text:?}");
            assert!(text[1].ends_with("answered REFUSED"), "{text:?}");
        }
        other => panic!("{other:?}"),
    }
    // Two rounds over both servers.
    assert_eq!(refusing.requests().len(), 2);
}

#[test]
fn nxdomain_and_nodata_are_answers_not_retried() {
    let server = ScriptedServer::start(|req| {
        if req.name.to_string() == "missing.test." {
            vec![Action::Reply(reply(req, |b| {
                b.header_mut().set_low_rcode(Rcode::NXDOMAIN);
                b.push_authority("test.", Class::IN, 60, &soa()).unwrap();
            }))]
        } else {
            vec![Action::Reply(addresses(req, &[]))]
        }
    });
    let second = ScriptedServer::start(|req| vec![Action::Reply(addresses(req, &[[203, 0, 113, 1]]))]);
    let resolver = resolver(&[&server, &second]);
    match resolver.lookup_ip("missing.test.") {
        Err(ResolveError::NxDomain { name }) => assert_eq!(name.to_string(), "missing.test."),
        other => panic!("{other:?}"),
    }
    assert_eq!(resolver.lookup_ip("empty.test.").unwrap(), Vec::<IpAddr>::new());
    assert!(second.requests().is_empty(), "no answer was retried elsewhere");
}

#[test]
fn formerr_to_edns_is_asked_again_without_edns() {
    let server = ScriptedServer::start(|req| {
        if req.edns {
            // An old server: FORMERR, no OPT record.
            vec![Action::Reply(with_rcode(req, Rcode::FORMERR))]
        } else {
            vec![Action::Reply(addresses(req, &[[192, 0, 2, 10]]))]
        }
    });
    let resolver = resolver(&[&server]);
    assert_eq!(a_records(&resolver, "old.test.").unwrap(), ips(&[[192, 0, 2, 10]]));
    let edns: Vec<bool> = server.requests().iter().map(|r| r.edns).collect();
    assert_eq!(edns, [true, false]);
}

//--- TCP

#[test]
fn tcp_reply_split_across_many_writes() {
    let many: Vec<[u8; 4]> = (1..=30).map(|i| [198, 51, 100, i]).collect();
    let expected = ips(&many);
    let server = ScriptedServer::start(move |req| vec![Action::ReplyInPieces(addresses(req, &many), 3)]);
    let mut config = resolver(&[&server]).config().clone();
    config.tcp_only = true;
    config.timeout = Duration::from_secs(5);
    let resolver = Resolver::new(config);
    assert_eq!(a_records(&resolver, "pieces.test.").unwrap(), expected);
    assert_eq!(server.requests()[0].transport, Transport::Tcp);
}

#[test]
fn tcp_answer_to_another_question_is_a_failure_not_a_wait() {
    let server = ScriptedServer::start(|req| {
        let other = Request { name: "other.test.".parse().unwrap(), ..req.clone() };
        vec![Action::Reply(addresses(&other, &[[203, 0, 113, 1]]))]
    });
    let mut config = resolver(&[&server]).config().clone();
    config.tcp_only = true;
    config.attempts = 1;
    match Resolver::new(config).resolve("host.test.", Rtype::A) {
        Err(ResolveError::AllServersFailed(reasons)) => {
            assert_eq!(reasons[0].1.to_string(), "response with another question");
        }
        other => panic!("{other:?}"),
    }
}

//--- CNAMEs and search

#[test]
fn follows_cnames_across_queries_and_stops_loops() {
    let server = ScriptedServer::start(|req| {
        let name = req.name.to_string();
        let cname = |target: &str| {
            let target: NameBuf = target.parse().unwrap();
            reply(req, move |b| b.push_answer(&req.name, Class::IN, 60, &Cname { cname: target }).unwrap())
        };
        vec![Action::Reply(match name.as_str() {
            "alias.test." => cname("middle.other."),
            "middle.other." => cname("final.test."),
            "final.test." => addresses(req, &[[192, 0, 2, 11]]),
            "loop-a.test." => cname("loop-b.test."),
            "loop-b.test." => cname("loop-a.test."),
            _ => with_rcode(req, Rcode::NXDOMAIN),
        })]
    });
    let resolver = resolver(&[&server]);
    let lookup = resolver.resolve("alias.test.", Rtype::A).unwrap();
    assert_eq!(lookup.canonical.to_string(), "final.test.");
    let aliases: Vec<String> = lookup.aliases.iter().map(ToString::to_string).collect();
    assert_eq!(aliases, ["alias.test.", "middle.other."]);
    assert_eq!(lookup.records.len(), 1);
    match resolver.resolve("loop-a.test.", Rtype::A) {
        Err(ResolveError::Cname { error: ChainError::Loop, .. }) => {}
        other => panic!("{other:?}"),
    }
}

#[test]
fn search_list_and_ndots() {
    let server = ScriptedServer::start(|req| {
        vec![Action::Reply(if req.name.to_string() == "www.corp.test." {
            addresses(req, &[[192, 0, 2, 12]])
        } else {
            with_rcode(req, Rcode::NXDOMAIN)
        })]
    });
    let mut config = resolver(&[&server]).config().clone();
    config.search = vec!["corp.test.".parse().unwrap(), "other.test.".parse().unwrap()];
    config.ndots = 1;
    let resolver = Resolver::new(config);
    let candidates: Vec<String> = resolver.candidates("www").unwrap().iter().map(ToString::to_string).collect();
    assert_eq!(candidates, ["www.corp.test.", "www.other.test.", "www."]);
    let dotted: Vec<String> = resolver.candidates("a.b").unwrap().iter().map(ToString::to_string).collect();
    assert_eq!(dotted, ["a.b.", "a.b.corp.test.", "a.b.other.test."]);
    assert_eq!(resolver.candidates("abs.").unwrap().len(), 1);
    assert_eq!(resolver.lookup_ip("www").unwrap(), ips(&[[192, 0, 2, 12]]));
    // "a.b" has enough dots: tried as it is first, NXDOMAIN, then each search domain.
    assert!(matches!(resolver.lookup_ip("a.b"), Err(ResolveError::NxDomain { .. })));
    let asked: Vec<String> = server.requests().iter().map(|r| r.name.to_string()).collect();
    assert!(asked.starts_with(&["www.corp.test.".to_string()]), "{asked:?}");
}

//--- Mail routing

/// A server for a small mail setup. Its MX answers carry glue that
/// disagrees with the exchanges' own A records: the glue must not be used.
fn mail_server() -> ScriptedServer {
    ScriptedServer::start(|req| {
        let name = req.name.to_string();
        let mx = |records: &[(u16, &str)], glue: &[(&str, [u8; 4])]| {
            let records: Vec<(u16, NameBuf)> = records.iter().map(|(p, n)| (*p, n.parse().unwrap())).collect();
            let glue: Vec<(NameBuf, [u8; 4])> = glue.iter().map(|(n, a)| (n.parse().unwrap(), *a)).collect();
            reply(req, move |b| {
                for (preference, exchange) in records {
                    b.push_answer(&req.name, Class::IN, 60, &Mx { preference, exchange }).unwrap();
                }
                for (owner, a) in glue {
                    b.push_additional(&owner, Class::IN, 60, &A::from(a)).unwrap();
                }
            })
        };
        let reply_bytes = match (name.as_str(), req.qtype) {
            ("mail.test.", Rtype::MX) => mx(
                &[(20, "backup.mail.test."), (10, "mx-a.mail.test."), (10, "mx-b.mail.test.")],
                &[("mx-a.mail.test.", [203, 0, 113, 21]), ("mx-b.mail.test.", [203, 0, 113, 22])],
            ),
            ("mx-a.mail.test.", _) => addresses(req, &[[192, 0, 2, 21]]),
            ("mx-b.mail.test.", _) => addresses(req, &[[192, 0, 2, 22]]),
            ("backup.mail.test.", _) => addresses(req, &[[192, 0, 2, 23]]),
            ("implicit.test.", Rtype::MX) => addresses(req, &[]),
            ("implicit.test.", _) => addresses(req, &[[192, 0, 2, 30]]),
            ("nullmx.test.", Rtype::MX) => mx(&[(0, ".")], &[]),
            ("broken.test.", Rtype::MX) => {
                mx(&[(10, "192.0.2.40."), (20, "alias.broken.test."), (30, "gone.broken.test.")], &[])
            }
            ("alias.broken.test.", _) => reply(req, |b| {
                b.push_answer(&req.name, Class::IN, 60, &Cname { cname: "real.broken.test." }).unwrap();
                if req.qtype == Rtype::A {
                    b.push_answer("real.broken.test.", Class::IN, 60, &A::from([192, 0, 2, 41])).unwrap();
                } else {
                    b.push_authority("test.", Class::IN, 60, &soa()).unwrap();
                }
            }),
            ("nullmx-and-more.test.", Rtype::MX) => {
                mx(&[(0, "."), (10, "mx-a.mail.test.")], &[("mx-a.mail.test.", [192, 0, 2, 21])])
            }
            _ => reply(req, |b| {
                b.header_mut().set_low_rcode(Rcode::NXDOMAIN);
                b.push_authority("test.", Class::IN, 60, &soa()).unwrap();
            }),
        };
        vec![Action::Reply(reply_bytes)]
    })
}

#[test]
fn mx_in_preference_order_shuffled_ties_and_own_lookups_not_glue() {
    let server = mail_server();
    let resolver = resolver(&[&server]);
    let mut first = std::collections::HashSet::new();
    for _ in 0..40 {
        let route = resolver.lookup_mx("mail.test").unwrap();
        assert_eq!(route.kind, RouteKind::Mx);
        let order: Vec<(u16, String)> = route.exchanges.iter().map(|e| (e.preference, e.host.to_string())).collect();
        assert_eq!(order.len(), 3);
        assert_eq!((order[0].0, order[1].0, order[2].0), (10, 10, 20));
        assert_eq!(order[2].1, "backup.mail.test.");
        first.insert(order[0].1.clone());
        for exchange in &route.exchanges {
            let own = match exchange.host.to_string().as_str() {
                "mx-a.mail.test." => [192, 0, 2, 21],
                "mx-b.mail.test." => [192, 0, 2, 22],
                _ => [192, 0, 2, 23],
            };
            assert_eq!(exchange.addresses, ips(&[own]), "{}", exchange.host);
        }
        // Documentation addresses (RFC 5737) are not public; nothing else is wrong.
        assert!(route.exchanges.iter().all(|e| e.problems.iter().all(|p| p.code() == "non_public_address")));
    }
    assert_eq!(first.len(), 2, "both equal-preference exchanges come first sometimes: {first:?}");
    // Every exchange was looked up, both families, glue or not.
    let asked: std::collections::HashSet<String> =
        server.requests().iter().map(|r| format!("{} {}", r.name, r.qtype)).collect();
    for host in ["mx-a", "mx-b", "backup"] {
        for qtype in ["A", "AAAA"] {
            assert!(asked.contains(&format!("{host}.mail.test. {qtype}")), "{host} {qtype}: {asked:?}");
        }
    }
}

/// The problems but those of documentation addresses, which every test
/// zone uses.
fn public_problems(problems: &[Problem]) -> Vec<Problem> {
    problems.iter().filter(|p| p.code() != "non_public_address").cloned().collect()
}

#[test]
fn implicit_mx_null_mx_and_misconfigurations() {
    let server = mail_server();
    let resolver = resolver(&[&server]);

    let implicit = resolver.lookup_mx("implicit.test").unwrap();
    assert_eq!(implicit.kind, RouteKind::Implicit);
    assert_eq!(implicit.exchanges.len(), 1);
    assert_eq!(
        (implicit.exchanges[0].preference, implicit.exchanges[0].host.to_string()),
        (0, "implicit.test.".into())
    );
    assert_eq!(implicit.exchanges[0].addresses, ips(&[[192, 0, 2, 30]]));

    let null = resolver.lookup_mx("nullmx.test").unwrap();
    assert_eq!(null.kind, RouteKind::NullMx);
    assert!(!null.accepts_mail() && null.exchanges.is_empty());

    let mixed = resolver.lookup_mx("nullmx-and-more.test").unwrap();
    assert_eq!(mixed.kind, RouteKind::Mx);
    assert_eq!(mixed.problems, [Problem::NullMxWithOthers, Problem::NoUsableExchange]);
    assert_eq!(mixed.exchanges.len(), 1);

    let broken = resolver.lookup_mx("broken.test").unwrap();
    let problems: Vec<(String, Vec<Problem>)> =
        broken.exchanges.iter().map(|e| (e.host.to_string(), public_problems(&e.problems))).collect();
    assert_eq!(problems[0].0, "192.0.2.40.");
    assert!(problems[0].1.contains(&Problem::IpLiteral), "{problems:?}");
    assert_eq!(problems[1].1, [Problem::CnameTarget { canonical: Box::new("real.broken.test.".parse().unwrap()) }]);
    assert_eq!(broken.exchanges[1].addresses, ips(&[[192, 0, 2, 41]]));
    assert_eq!(problems[2].1, [Problem::NoSuchHost]);

    assert!(matches!(resolver.lookup_mx("no-such-domain.test"), Err(ResolveError::NxDomain { .. })));
}
