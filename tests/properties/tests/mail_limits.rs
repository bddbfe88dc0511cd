//! Property test: `lookup_mx` stays within its limits (exchanges,
//! addresses, each host once, delivery order) for any generated MX setup —
//! glue, class CH records, null MX — served by the scripted server on
//! 127.0.0.1 (`tests/support/`, shared with the main test suite).
//!
//! Moved out of the main package with the other property tests, so that
//! proptest is never built for the examples (see this crate's Cargo.toml).

#[path = "../../support/mod.rs"]
mod support;

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use dnswire::resolver::{Config, Event, Problem, Resolver, RouteKind};
use dnswire::{Class, Mx, NameBuf, Rtype, A};
use proptest::prelude::*;
use support::server::{reply, Action, ScriptedServer};

//--- Any answer: lookup_mx stays within its limits

/// One generated MX setup: the MX records (preference, host index; index
/// `HOSTS` is the root, a null MX), glue for some hosts, and for each host
/// the A records of class IN and of class CH its own answer holds.
#[derive(Clone, Debug)]
struct Setup {
    mx: Vec<(u16, usize)>,
    glue: Vec<(usize, u8)>,
    hosts: Vec<(Vec<u8>, Vec<u8>)>,
}

const HOSTS: usize = 12;

fn setup() -> impl Strategy<Value = Setup> {
    (
        prop::collection::vec((0u16..4, 0usize..=HOSTS), 0..60),
        prop::collection::vec((0usize..HOSTS, any::<u8>()), 0..20),
        prop::collection::vec((prop::collection::vec(0u8..8, 0..12), prop::collection::vec(0u8..8, 0..3)), HOSTS),
    )
        .prop_map(|(mx, glue, hosts)| Setup { mx, glue, hosts })
}

fn host(i: usize) -> NameBuf {
    format!("h{i}.prop.test.").parse().unwrap()
}

fn setup_script(setup: &Arc<Mutex<Setup>>) -> impl Fn(&support::server::Request) -> Vec<Action> + Send + Sync {
    let setup = Arc::clone(setup);
    move |request| {
        let setup = setup.lock().unwrap().clone();
        let qname = request.name.to_string().to_ascii_lowercase();
        let bytes = if qname == "prop.test." && request.qtype == Rtype::MX {
            reply(request, |b| {
                for &(preference, i) in &setup.mx {
                    // Odd preferences name the host in upper case: the
                    // same host, which must be merged all the same.
                    let exchange: NameBuf = match i {
                        HOSTS => NameBuf::root(),
                        _ if preference % 2 == 1 => host(i).to_string().to_ascii_uppercase().parse().unwrap(),
                        _ => host(i),
                    };
                    b.push_answer(&request.name, Class::IN, 60, &Mx { preference, exchange }).unwrap();
                }
                for &(i, last) in &setup.glue {
                    b.push_additional(host(i), Class::IN, 60, &A::from([203, 0, 113, last])).unwrap();
                }
            })
        } else {
            let i = (0..HOSTS).find(|&i| host(i).to_string().to_ascii_lowercase() == qname);
            reply(request, |b| {
                let (Some(i), Rtype::A) = (i, request.qtype) else { return };
                let (own, chaos) = &setup.hosts[i];
                for last in own {
                    b.push_answer(&request.name, Class::IN, 60, &A::from([192, 0, i as u8, *last])).unwrap();
                }
                for last in chaos {
                    b.push_answer(&request.name, Class::CH, 60, &A::from([6, 6, i as u8, *last])).unwrap();
                }
            })
        };
        vec![Action::Reply(bytes)]
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn lookup_mx_stays_within_its_limits_for_any_answer(generated in setup(), max_exchanges in 1usize..6, max_addresses in 1usize..6) {
        let shared = Arc::new(Mutex::new(generated.clone()));
        let server = ScriptedServer::start(setup_script(&shared));
        let mut config = Config::new([server.addr]);
        config.timeout = Duration::from_secs(2);
        config.mail.max_exchanges = max_exchanges;
        config.mail.max_addresses_per_exchange = max_addresses;
        let sent = Arc::new(Mutex::new(0usize));
        let count = Arc::clone(&sent);
        let resolver = Resolver::new(config).with_observer(move |event| {
            if let Event::Sent { .. } = event {
                *count.lock().unwrap() += 1;
            }
        });
        let route = resolver.lookup_mx("prop.test").unwrap();

        let named: HashSet<usize> = generated.mx.iter().map(|&(_, i)| i).collect();
        let hosts: HashSet<usize> = named.iter().copied().filter(|&i| i < HOSTS).collect();
        let kind = match (named.len(), hosts.len()) {
            (0, _) => RouteKind::Implicit,
            (1, 0) => RouteKind::NullMx,
            _ => RouteKind::Mx,
        };
        prop_assert_eq!(route.kind, kind);
        if kind == RouteKind::Mx {
            // Each host once, at its lowest preference, at most the limit.
            prop_assert_eq!(route.exchanges.len(), hosts.len().min(max_exchanges));
            let seen: HashSet<String> = route.exchanges.iter().map(|e| e.host.to_string().to_ascii_lowercase()).collect();
            prop_assert_eq!(seen.len(), route.exchanges.len());
            prop_assert!(route.exchanges.windows(2).all(|w| w[0].preference <= w[1].preference));
            let dropped = hosts.len() > max_exchanges;
            prop_assert_eq!(route.problems.iter().any(|p| matches!(p, Problem::TooManyExchanges { .. })), dropped);
            for exchange in &route.exchanges {
                let i = (0..HOSTS).find(|&i| host(i) == exchange.host).unwrap();
                let best = generated.mx.iter().filter(|&&(_, h)| h == i).map(|&(p, _)| p).min();
                prop_assert_eq!(Some(exchange.preference), best);
                // Its own IN addresses only (no glue, no CH), each once,
                // at most the limit.
                let own: HashSet<IpAddr> = generated.hosts[i].0.iter().map(|&last| IpAddr::from([192, 0, i as u8, last])).collect();
                let kept: HashSet<&IpAddr> = exchange.addresses.iter().collect();
                prop_assert_eq!(kept.len(), exchange.addresses.len());
                prop_assert_eq!(exchange.addresses.len(), own.len().min(max_addresses));
                prop_assert!(exchange.addresses.iter().all(|a| own.contains(a)));
            }
        }
        // The MX question, then AAAA and A for each exchange resolved:
        // nothing here is an alias, truncated or refused.
        let exchanges = if kind == RouteKind::NullMx { 0 } else { route.exchanges.len() };
        prop_assert_eq!(*sent.lock().unwrap(), 1 + 2 * exchanges);
        prop_assert_eq!(server.count(), 1 + 2 * exchanges);
    }
}
