//! Hostile answers to `lookup_mx` and `lookup_ip`, as a server under an
//! attacker's control sends them: every domain under `hostile.test.` is a
//! case of the resolver's hostile-answers tests (`tests/resolver_hostile.rs`)
//! and of the measurement harness (`benches/src/bin/hostile_mx.rs`).
#![allow(dead_code)]

use std::net::Ipv6Addr;
use std::sync::atomic::{AtomicUsize, Ordering};

use dnswire::stub::Transport;
use dnswire::{Aaaa, Class, Cname, Error, MessageBuilder, Mx, NameBuf, Rcode, Rtype, Soa, A};

use super::server::{fit, reply, Action, Request};

/// 1 359 MX records naming one exchange, then AAAA glue for it to 64 KiB;
/// the exchange's own A and AAAA answers fill 64 KiB too, with repeats.
pub const DUPLICATES: &str = "dup.hostile.test.";
/// The exchange all of [`DUPLICATES`]'s records name.
pub const DUPLICATE_EXCHANGE: &str = "mx.dup.hostile.test.";
/// As many distinct exchanges as 64 KiB holds (3 000 and more), each with
/// one A record.
pub const MANY: &str = "many.hostile.test.";
/// 40 exchanges whose addresses are never answered (UDP silence, TCP
/// connections held open).
pub const STALLING: &str = "stall.hostile.test.";
/// Two exchanges: `mx.glue.hostile.test.` (A glue in bailiwick, A glue of
/// class CH, and AAAA only from its own lookup) and `mx.elsewhere.example.`
/// (forged A glue out of bailiwick).
pub const GLUE: &str = "glue.hostile.test.";
/// An A answer holding a class CH record before the class IN one.
pub const CHAOS: &str = "ch.hostile.test.";
/// An A answer whose only CNAME is of class CH, to a name whose A record
/// the answer carries too: the alias must not be followed.
pub const CHAOS_CNAME: &str = "chcname.hostile.test.";
/// Four exchanges whose address lookups are CNAMEs to fresh names, again
/// and again, never with data or an SOA (so each link is asked for anew).
pub const FRESH_CNAMES: &str = "cnames.hostile.test.";
/// Every name under it: FORMERR to EDNS over UDP, TC=1 without EDNS (each
/// after [`SLOW`]), and a TCP connection that never answers.
pub const DOWNGRADE: &str = "edns.hostile.test.";
/// Every A or AAAA question under it: after [`SLOW`], a CNAME to a fresh
/// name under it, again and again.
pub const SLOW_CNAMES: &str = "slowcnames.hostile.test.";
/// How long [`DOWNGRADE`] and [`SLOW_CNAMES`] wait before each reply.
pub const SLOW: std::time::Duration = std::time::Duration::from_millis(150);

/// How many AAAA glue records [`DUPLICATES`] carries, and MX records.
pub const DUPLICATE_MX_RECORDS: usize = 1359;
/// The stalling exchanges of [`STALLING`].
pub const STALLING_EXCHANGES: usize = 40;

/// The address [`GLUE`]'s in-bailiwick A glue claims.
pub const GLUE_A: [u8; 4] = [192, 0, 2, 50];
/// What `mx.glue.hostile.test.`'s own lookups answer.
pub const GLUE_OWN_A: [u8; 4] = [192, 0, 2, 51];
pub const GLUE_OWN_AAAA: Ipv6Addr = Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 0x51);
/// The forged addresses: out of bailiwick, and of class CH.
pub const FORGED_A: [u8; 4] = [6, 6, 6, 6];
pub const FORGED_CH_A: [u8; 4] = [6, 6, 6, 7];
/// What `mx.elsewhere.example.`'s own lookup answers.
pub const ELSEWHERE_OWN_A: [u8; 4] = [192, 0, 2, 52];
/// [`CHAOS`] and [`CHAOS_CNAME`]: the CH record's address, and the IN one.
pub const CHAOS_FORGED_A: [u8; 4] = [6, 6, 6, 8];
pub const CHAOS_REAL_A: [u8; 4] = [192, 0, 2, 60];

fn name(text: &str) -> NameBuf {
    text.parse().unwrap()
}

fn soa() -> Soa<&'static str> {
    Soa {
        mname: "ns.hostile.test.",
        rname: "hostmaster.hostile.test.",
        serial: 1,
        refresh: 60,
        retry: 60,
        expire: 60,
        minimum: 60,
    }
}

/// NODATA: no answer, the zone's SOA in authority.
fn nodata(request: &Request) -> Vec<u8> {
    reply(request, |b| b.push_authority("hostile.test.", Class::IN, 60, &soa()).unwrap())
}

/// Pushes records from `next` until the message is full (64 KiB) or `next`
/// has none left.
fn fill(
    b: &mut MessageBuilder<Vec<u8>>,
    mut next: impl FnMut(&mut MessageBuilder<Vec<u8>>) -> Option<Result<(), Error>>,
) {
    while let Some(result) = next(b) {
        match result {
            Ok(()) => {}
            Err(Error::BufferTooSmall | Error::CountOverflow) => return,
            Err(error) => panic!("{error:?}"),
        }
    }
}

/// The `i`-th exchange of [`MANY`]: a short distinct label.
pub fn many_exchange(i: usize) -> NameBuf {
    name(&format!("{}.{MANY}", base36(i)))
}

fn base36(mut i: usize) -> String {
    let digits = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut label = Vec::new();
    loop {
        label.push(digits[i % 36]);
        i /= 36;
        if i == 0 {
            break;
        }
    }
    String::from_utf8(label).unwrap()
}

fn mx_answer(request: &Request, exchanges: impl Iterator<Item = (u16, NameBuf)>) -> Vec<u8> {
    reply(request, |b| {
        let mut exchanges = exchanges;
        fill(b, |b| {
            let (preference, exchange) = exchanges.next()?;
            Some(b.push_answer(&request.name, Class::IN, 60, &Mx { preference, exchange }))
        });
    })
}

static FRESH: AtomicUsize = AtomicUsize::new(0);

/// The script of a server for every case under `hostile.test.`.
pub fn script(request: &Request) -> Vec<Action> {
    let qname = request.name.to_string().to_ascii_lowercase();
    let is = |domain: &str| qname == domain;
    let under = |domain: &str| qname.ends_with(&format!(".{domain}"));
    let bytes = match request.qtype {
        _ if is(DOWNGRADE) || under(DOWNGRADE) => {
            return match (request.transport, request.edns) {
                // FORMERR without an OPT record: EDNS rejected.
                (Transport::Udp, true) => {
                    vec![
                        Action::Wait(SLOW),
                        Action::Reply(reply(request, |b| b.header_mut().set_low_rcode(Rcode::FORMERR))),
                    ]
                }
                (Transport::Udp, false) => {
                    vec![Action::Wait(SLOW), Action::Reply(reply(request, |b| b.header_mut().set_tc(true)))]
                }
                (Transport::Tcp, _) => vec![Action::Stall],
            };
        }
        _ if under(STALLING) => return vec![Action::Stall],
        Rtype::MX if is(DUPLICATES) => reply(request, |b| {
            let exchange = name(DUPLICATE_EXCHANGE);
            let mut records = 0;
            fill(b, |b| {
                records += 1;
                (records <= DUPLICATE_MX_RECORDS)
                    .then(|| b.push_answer(&request.name, Class::IN, 60, &Mx { preference: 10, exchange: &exchange }))
            });
            let mut glue = 0u16;
            fill(b, |b| {
                glue = glue.wrapping_add(1);
                let addr = Ipv6Addr::new(0x2001, 0xdb8, 0xd, 0, 0, 0, 0, glue);
                Some(b.push_additional(&exchange, Class::IN, 60, &Aaaa::from(addr)))
            });
        }),
        Rtype::A if is(DUPLICATE_EXCHANGE) => reply(request, |b| {
            // 4 000 records, each address twice.
            let mut i = 0u16;
            fill(b, |b| {
                i += 1;
                let [high, low] = (i / 2).to_be_bytes();
                Some(b.push_answer(&request.name, Class::IN, 60, &A::from([192, 0, high, low])))
            });
        }),
        Rtype::AAAA if is(DUPLICATE_EXCHANGE) => reply(request, |b| {
            let mut i = 0u16;
            fill(b, |b| {
                i += 1;
                let addr = Ipv6Addr::new(0x2001, 0xdb8, 0xe, 0, 0, 0, 0, i / 2);
                Some(b.push_answer(&request.name, Class::IN, 60, &Aaaa::from(addr)))
            });
        }),
        Rtype::MX if is(MANY) => mx_answer(request, (0..).map(|i| ((i % 50) as u16, many_exchange(i)))),
        Rtype::A if under(MANY) => reply(request, |b| {
            let last = qname.len() as u8;
            b.push_answer(&request.name, Class::IN, 60, &A::from([192, 0, 2, last])).unwrap();
        }),
        Rtype::MX if is(STALLING) => {
            mx_answer(request, (0..STALLING_EXCHANGES).map(|i| (i as u16, name(&format!("s{i}.{STALLING}")))))
        }
        Rtype::MX if is(GLUE) => reply(request, |b| {
            b.push_answer(&request.name, Class::IN, 60, &Mx { preference: 10, exchange: "mx.glue.hostile.test." })
                .unwrap();
            b.push_answer(&request.name, Class::IN, 60, &Mx { preference: 20, exchange: "mx.elsewhere.example." })
                .unwrap();
            b.push_additional("mx.elsewhere.example.", Class::IN, 60, &A::from(FORGED_A)).unwrap();
            b.push_additional("mx.glue.hostile.test.", Class::CH, 60, &A::from(FORGED_CH_A)).unwrap();
            b.push_additional("mx.glue.hostile.test.", Class::IN, 60, &A::from(GLUE_A)).unwrap();
        }),
        Rtype::A if is("mx.glue.hostile.test.") => {
            reply(request, |b| b.push_answer(&request.name, Class::IN, 60, &A::from(GLUE_OWN_A)).unwrap())
        }
        Rtype::AAAA if is("mx.glue.hostile.test.") => {
            reply(request, |b| b.push_answer(&request.name, Class::IN, 60, &Aaaa::from(GLUE_OWN_AAAA)).unwrap())
        }
        Rtype::A if is("mx.elsewhere.example.") => {
            reply(request, |b| b.push_answer(&request.name, Class::IN, 60, &A::from(ELSEWHERE_OWN_A)).unwrap())
        }
        Rtype::A if is(CHAOS) => reply(request, |b| {
            b.push_answer(&request.name, Class::CH, 60, &A::from(CHAOS_FORGED_A)).unwrap();
            b.push_answer(&request.name, Class::IN, 60, &A::from(CHAOS_REAL_A)).unwrap();
        }),
        Rtype::A if is(CHAOS_CNAME) => reply(request, |b| {
            b.push_answer(&request.name, Class::CH, 60, &Cname { cname: "evil.example." }).unwrap();
            b.push_answer("evil.example.", Class::IN, 60, &A::from(CHAOS_FORGED_A)).unwrap();
        }),
        Rtype::MX if is(FRESH_CNAMES) => {
            mx_answer(request, (0..4).map(|i| (i as u16, name(&format!("c{i}.{FRESH_CNAMES}")))))
        }
        Rtype::A | Rtype::AAAA if under(SLOW_CNAMES) => {
            let fresh = name(&format!("f{}.{SLOW_CNAMES}", FRESH.fetch_add(1, Ordering::Relaxed)));
            let bytes =
                reply(request, |b| b.push_answer(&request.name, Class::IN, 60, &Cname { cname: fresh }).unwrap());
            return vec![Action::Wait(SLOW), Action::Reply(bytes)];
        }
        Rtype::A | Rtype::AAAA if under(FRESH_CNAMES) => reply(request, |b| {
            let fresh = name(&format!("f{}.{FRESH_CNAMES}", FRESH.fetch_add(1, Ordering::Relaxed)));
            b.push_answer(&request.name, Class::IN, 60, &Cname { cname: fresh }).unwrap();
        }),
        _ => nodata(request),
    };
    vec![Action::Reply(fit(request, bytes))]
}
