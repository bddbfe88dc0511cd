//! The resolver doing what a user expects of the OS's: A and AAAA asked
//! side by side, one TCP connection per server reused and pipelined, DNS
//! cookies, 0x20, DNSSEC flags and EDNS options, IP literals. Against the
//! scripted server on 127.0.0.1, which records what arrives and when.
#![cfg(feature = "std")]

mod support;

use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use dnswire::resolver::{Config, Failure, ResolveError, Resolver};
use dnswire::stub::{Mismatch, ServerFailure, Transport};
use dnswire::{Aaaa, Class, Cookie, EdnsOptionBuf, MessageBuilder, NameBuf, Nsid, OptionCode, Rcode, Rtype, Soa, A};
use support::server::{reply, Action, Request, ScriptedServer};

const COOKIE: u16 = 10;
const SERVER_COOKIE: [u8; 16] = *b"server-cookie-16";

/// An answer to `request`: 192.0.2.1 for A, 2001:db8::1 for AAAA, NODATA
/// otherwise; then `edit`.
fn answer(request: &Request, edit: impl FnOnce(&mut MessageBuilder<Vec<u8>>)) -> Vec<u8> {
    reply(request, |b| {
        match request.qtype {
            Rtype::A => b.push_answer(&request.name, Class::IN, 60, &A::from([192, 0, 2, 1])).unwrap(),
            Rtype::AAAA => {
                let v6: std::net::Ipv6Addr = "2001:db8::1".parse().unwrap();
                b.push_answer(&request.name, Class::IN, 60, &Aaaa::from(v6)).unwrap()
            }
            _ => {
                let soa = Soa {
                    mname: "ns.test.",
                    rname: "hostmaster.test.",
                    serial: 1,
                    refresh: 60,
                    retry: 60,
                    expire: 60,
                    minimum: 60,
                };
                b.push_authority("test.", Class::IN, 60, &soa).unwrap()
            }
        }
        edit(b);
    })
}

fn plain(request: &Request) -> Vec<u8> {
    answer(request, |_| {})
}

fn config(server: &ScriptedServer) -> Config {
    let mut config = Config::new([server.addr]);
    config.timeout = Duration::from_millis(800);
    config.attempts = 1;
    config
}

/// The resolver and the debug text of every event it reports.
fn observed(config: Config) -> (Resolver, Arc<Mutex<Vec<String>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let sink = Arc::clone(&log);
    let resolver = Resolver::new(config).with_observer(move |event| sink.lock().unwrap().push(format!("{event:?}")));
    (resolver, log)
}

fn cookie_of(request: &Request) -> Option<Vec<u8>> {
    request.options.iter().find(|(code, _)| *code == COOKIE).map(|(_, data)| data.clone())
}

//--- A and AAAA side by side

#[test]
fn a_and_aaaa_are_both_sent_before_either_answer_comes() {
    let server =
        ScriptedServer::start(|request| vec![Action::Wait(Duration::from_millis(200)), Action::Reply(plain(request))]);
    let resolver = Resolver::new(config(&server));
    let started = Instant::now();
    let addresses = resolver.lookup_ip("host.test.").unwrap();
    let took = started.elapsed();
    assert_eq!(addresses.len(), 2);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let first_reply = (0..2).filter_map(|i| server.replied_at(i)).min().unwrap();
    assert!(requests.iter().all(|r| r.arrived < first_reply), "one query waited for the other's answer");
    println!("A + AAAA with 200 ms per answer: {} ms", took.as_millis());
    // One round trip, not two; generous for a loaded machine.
    assert!(took < Duration::from_millis(390), "{took:?}: the answers were awaited one after the other");
}

//--- TCP: one connection per server, reused and pipelined

#[test]
fn one_tcp_connection_serves_query_after_query() {
    let server = ScriptedServer::start(|request| vec![Action::Reply(plain(request))]);
    let mut config = config(&server);
    config.tcp_only = true;
    let (resolver, log) = observed(config);
    for name in ["one.test.", "two.test.", "three.test."] {
        assert_eq!(resolver.resolve(name, Rtype::A).unwrap().records.len(), 1);
    }
    // A clone shares the connection.
    assert_eq!(resolver.clone().resolve("four.test.", Rtype::A).unwrap().records.len(), 1);
    assert_eq!(server.connections(), 1);
    assert!(server.requests().iter().all(|r| r.transport == Transport::Tcp && r.connection == 0));
    assert_eq!(log.lock().unwrap().iter().filter(|e| e.starts_with("Connected")).count(), 1);
}

#[test]
fn queries_in_flight_are_pipelined_on_one_connection() {
    let server =
        ScriptedServer::start(|request| vec![Action::Wait(Duration::from_millis(200)), Action::Reply(plain(request))]);
    let mut config = config(&server);
    config.tcp_only = true;
    let resolver = Resolver::new(config);
    let started = Instant::now();
    assert_eq!(resolver.lookup_ip("host.test.").unwrap().len(), 2);
    let took = started.elapsed();
    let requests = server.requests();
    assert_eq!((requests.len(), server.connections()), (2, 1));
    // The second query went out before the first answer came back.
    let first_reply = (0..2).filter_map(|i| server.replied_at(i)).min().unwrap();
    assert!(requests.iter().all(|r| r.arrived < first_reply));
    println!("A + AAAA pipelined over one TCP connection, 200 ms per answer: {} ms", took.as_millis());
}

#[test]
fn a_connection_the_server_closed_is_replaced() {
    // The server answers, then closes (as servers do with idle ones).
    let server = ScriptedServer::start(|request| vec![Action::Reply(plain(request)), Action::Close]);
    let mut config = config(&server);
    config.tcp_only = true;
    let resolver = Resolver::new(config);
    for name in ["one.test.", "two.test.", "three.test."] {
        assert_eq!(resolver.resolve(name, Rtype::A).unwrap().records.len(), 1, "{name}");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(server.connections(), 3);
    assert_eq!(server.count(), 3);
}

#[test]
fn answers_out_of_order_reach_their_own_queries() {
    // A is answered after 300 ms, AAAA at once: the AAAA answer overtakes.
    let server = ScriptedServer::start(|request| {
        let pause = if request.qtype == Rtype::A { 300 } else { 0 };
        vec![Action::Wait(Duration::from_millis(pause)), Action::Reply(plain(request))]
    });
    let mut config = config(&server);
    config.tcp_only = true;
    let resolver = Resolver::new(config);
    let addresses = resolver.lookup_ip("host.test.").unwrap();
    let expected: Vec<IpAddr> = vec!["2001:db8::1".parse().unwrap(), "192.0.2.1".parse().unwrap()];
    assert_eq!(addresses, expected);
    assert_eq!(server.connections(), 1);
}

//--- Cookies (RFC 7873)

/// A server that does cookies: it always sends its own back; with
/// `strict`, a query without it gets BADCOOKIE (RFC 7873 §5.2.3).
fn cookie_server(strict: bool) -> ScriptedServer {
    ScriptedServer::start(move |request| {
        let Some(sent) = cookie_of(request) else { return vec![Action::Reply(plain(request))] };
        let client: [u8; 8] = sent[..8].try_into().unwrap();
        let known = sent.len() == 24 && sent[8..] == SERVER_COOKIE;
        let with_cookie = |b: &mut MessageBuilder<Vec<u8>>| {
            b.set_edns(1232, false).unwrap();
            b.push_edns_option(&Cookie::new(client, &SERVER_COOKIE).unwrap()).unwrap();
        };
        if strict && !known {
            let bad = reply(request, |b| {
                with_cookie(b);
                b.set_rcode(Rcode::BADCOOKIE).unwrap();
            });
            return vec![Action::Reply(bad)];
        }
        vec![Action::Reply(answer(request, with_cookie))]
    })
}

#[test]
fn cookies_are_sent_learned_and_sent_back() {
    let server = cookie_server(false);
    let resolver = Resolver::new(config(&server));
    assert_eq!(resolver.server_cookie(server.addr), None);
    resolver.resolve("one.test.", Rtype::A).unwrap();
    assert_eq!(resolver.server_cookie(server.addr).unwrap().as_bytes(), SERVER_COOKIE);
    resolver.resolve("two.test.", Rtype::A).unwrap();
    let cookies: Vec<Vec<u8>> = server.requests().iter().map(|r| cookie_of(r).unwrap()).collect();
    assert_eq!(cookies[0].len(), 8, "the first query has only the client cookie");
    assert_eq!(cookies[1][..8], cookies[0][..], "the same client cookie for the same server");
    assert_eq!(cookies[1][8..], SERVER_COOKIE);
    // Another resolver has a client cookie of its own.
    Resolver::new(config(&server)).resolve("three.test.", Rtype::A).unwrap();
    assert_ne!(cookie_of(&server.requests()[2]).unwrap()[..8], cookies[0][..8]);
}

#[test]
fn badcookie_is_asked_again_once_with_the_servers_cookie() {
    let server = cookie_server(true);
    let (resolver, log) = observed(config(&server));
    assert_eq!(resolver.resolve("one.test.", Rtype::A).unwrap().records.len(), 1);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(cookie_of(&requests[1]).unwrap()[8..], SERVER_COOKIE);
    assert!(log.lock().unwrap().iter().any(|e| e.starts_with("BadCookie")));
}

#[test]
fn a_server_that_always_says_badcookie_is_given_up_on() {
    let server = ScriptedServer::start(|request| {
        let client: [u8; 8] = cookie_of(request).unwrap()[..8].try_into().unwrap();
        let bad = reply(request, |b| {
            b.set_edns(1232, false).unwrap();
            b.push_edns_option(&Cookie::new(client, &SERVER_COOKIE).unwrap()).unwrap();
            b.set_rcode(Rcode::BADCOOKIE).unwrap();
        });
        vec![Action::Reply(bad)]
    });
    let error = Resolver::new(config(&server)).resolve("one.test.", Rtype::A).unwrap_err();
    assert!(matches!(error, ResolveError::AllServersFailed(_)), "{error:?}");
    // Once again over UDP with its cookie, then over TCP (RFC 7873 §5.3).
    let transports: Vec<Transport> = server.requests().iter().map(|r| r.transport).collect();
    assert_eq!(transports, [Transport::Udp, Transport::Udp, Transport::Tcp]);
}

#[test]
fn a_response_with_another_client_cookie_is_ignored() {
    // A forger's answer with the wrong client cookie comes first.
    let server = ScriptedServer::start(|request| {
        let forged = reply(request, |b| {
            b.push_answer(&request.name, Class::IN, 60, &A::from([203, 0, 113, 66])).unwrap();
            b.set_edns(1232, false).unwrap();
            b.push_edns_option(&Cookie::new([0x66; 8], &SERVER_COOKIE).unwrap()).unwrap();
        });
        vec![Action::Reply(forged), Action::Wait(Duration::from_millis(20)), Action::Reply(plain(request))]
    });
    let (resolver, log) = observed(config(&server));
    let lookup = resolver.resolve("one.test.", Rtype::A).unwrap();
    assert_eq!(lookup.records[0].rdata().to_string(), "192.0.2.1");
    assert!(log.lock().unwrap().iter().any(|e| e.contains("why: Cookie")));
}

#[test]
fn cookies_can_be_turned_off() {
    let server = cookie_server(false);
    let mut config = config(&server);
    config.cookies = false;
    Resolver::new(config).resolve("one.test.", Rtype::A).unwrap();
    assert_eq!(cookie_of(&server.requests()[0]), None);
}

//--- 0x20

#[test]
fn random_case_is_sent_and_must_come_back() {
    let name = "abcdefghijklmnopqrstuvwxyz.test.";
    let echo = ScriptedServer::start(|request| vec![Action::Reply(plain(request))]);
    let mut config = config(&echo);
    config.randomize_case = true;
    let lookup = Resolver::new(config.clone()).resolve(name, Rtype::A).unwrap();
    assert_eq!(lookup.records.len(), 1);
    assert_eq!(lookup.name.to_string(), name, "the lookup keeps the name as asked");
    let sent = echo.requests()[0].name.to_string();
    assert_eq!(sent.to_ascii_lowercase(), name);
    // 30 letters: all lower case once in 2^30.
    assert_ne!(sent, name, "the case was not randomised");

    // A server that lowercases the question: refused.
    let lowering = ScriptedServer::start(|request| {
        let lowered: NameBuf = request.name.to_string().to_ascii_lowercase().parse().unwrap();
        vec![Action::Reply(plain(&Request { name: lowered, ..request.clone() }))]
    });
    config.servers = vec![lowering.addr];
    match Resolver::new(config.clone()).resolve(name, Rtype::A) {
        Err(ResolveError::AllServersFailed(failures)) => {
            assert!(matches!(failures[0].1, Failure::Server(ServerFailure::Mismatch(Mismatch::Case))), "{failures:?}")
        }
        other => panic!("{other:?}"),
    }
    // Over TCP the same, at once.
    config.tcp_only = true;
    let started = Instant::now();
    assert!(Resolver::new(config.clone()).resolve(name, Rtype::A).is_err());
    assert!(started.elapsed() < config.timeout, "over TCP a mismatch is a failure, not a wait");
    // Without 0x20, the lowercasing server is fine.
    config.randomize_case = false;
    assert!(Resolver::new(config).resolve(name, Rtype::A).is_ok());
}

//--- Flags and options

#[test]
fn dnssec_flags_and_options_reach_the_server_and_ad_and_options_come_back() {
    let server = ScriptedServer::start(|request| {
        let bytes = answer(request, |b| {
            b.header_mut().set_ad(true);
            b.set_edns(1232, true).unwrap();
            b.push_edns_option(&Nsid::new(b"ns1").unwrap()).unwrap();
        });
        vec![Action::Reply(bytes)]
    });
    let mut config = config(&server);
    config.dnssec_ok = true;
    config.checking_disabled = true;
    config.authentic_data = true;
    config.recursion_desired = false;
    config.edns_options.push(EdnsOptionBuf::new(&Nsid::new(b"").unwrap()));
    let resolver = Resolver::new(config.clone());
    let answer = resolver.query_name(&"one.test.".parse().unwrap(), Rtype::A).unwrap();
    let request = &server.requests()[0];
    assert!(request.dnssec_ok && request.cd && request.ad && !request.rd);
    assert!(request.options.iter().any(|(code, data)| *code == OptionCode::NSID.0 && data.is_empty()));
    assert!(answer.authentic_data());
    assert_eq!(answer.edns_option(OptionCode::NSID), Some(&b"ns1"[..]));
    let lookup = resolver.resolve("two.test.", Rtype::A).unwrap();
    assert!(lookup.answer.authentic_data());
    // The MX answer's AD bit is the route's (here NODATA: implicit MX).
    assert!(resolver.lookup_mx("mail.test").unwrap().authentic_data);

    // Padding to 128-byte blocks (RFC 8467).
    let mut padded = config.clone();
    padded.padding_block = 128;
    Resolver::new(padded).query_name(&"padded.test.".parse().unwrap(), Rtype::A).unwrap();
    let request = server.requests().pop().unwrap();
    assert!(request.options.iter().any(|(code, _)| *code == OptionCode::PADDING.0));

    // Without EDNS there is no OPT record, so no DO and no options either.
    config.udp_payload = None;
    Resolver::new(config).query_name(&"three.test.".parse().unwrap(), Rtype::A).unwrap();
    let request = server.requests().pop().unwrap();
    assert!(!request.edns && !request.dnssec_ok && request.options.is_empty() && request.cd);
}

//--- IP literals

#[test]
fn ip_literals_are_their_own_addresses() {
    let server = ScriptedServer::start(|request| vec![Action::Reply(plain(request))]);
    let resolver = Resolver::new(config(&server));
    for (literal, expected) in [("192.0.2.7", "192.0.2.7"), ("2001:db8::7", "2001:db8::7"), ("[::1]", "::1")] {
        assert_eq!(resolver.lookup_ip(literal).unwrap(), [expected.parse::<IpAddr>().unwrap()]);
    }
    assert_eq!(server.count(), 0, "a literal was sent as a query");
    // A name that only looks like one is asked.
    resolver.lookup_ip("192.0.2.7.test.").unwrap();
    assert_eq!(server.count(), 2);
}

//--- Hostile TCP

#[test]
fn a_flood_of_answers_to_other_ids_ends_at_the_deadline() {
    // Over the shared connection, 20 000 responses with other IDs, then
    // silence: each is dropped as it comes, the lookup times out on time.
    let server = ScriptedServer::start(|request| {
        let mut actions: Vec<Action> = (1..=20_000u16)
            .map(|i| {
                let mut bytes = plain(request);
                bytes[..2].copy_from_slice(&request.id.wrapping_add(i).to_be_bytes());
                Action::Reply(bytes)
            })
            .collect();
        actions.push(Action::Stall);
        actions
    });
    let mut config = config(&server);
    config.tcp_only = true;
    config.timeout = Duration::from_millis(500);
    let started = Instant::now();
    let error = Resolver::new(config).resolve("flood.test.", Rtype::A).unwrap_err();
    let took = started.elapsed();
    assert!(matches!(error, ResolveError::Timeout { .. }), "{error:?}");
    assert!(took < Duration::from_secs(2), "{took:?} for a 500 ms lookup");
    assert_eq!(server.count(), 1);
}
