//! The tasks with NLnet Labs' `domain`: records are parsed lazily; each
//! RDATA is decoded with the type that matches its record type, as a
//! client would.

use std::net::Ipv4Addr;

use domain::base::iana::{Class, Rtype};
use domain::base::{Message, MessageBuilder, Name, ParsedName, StaticCompressor, Ttl};
use domain::dep::octseq::array::Array;
use domain::rdata::{Aaaa, Cname, Mx, Ns, Ptr, A};

use crate::{Summary, MX_RESPONSE};

fn name<O: AsRef<[u8]>>(summary: &mut Summary, name: &ParsedName<O>) {
    for label in name.iter() {
        if !label.is_root() {
            summary.label(label.as_slice());
        }
    }
    summary.end_name();
}

pub fn full_parse(bytes: &[u8]) -> Option<Summary> {
    let message = Message::from_octets(bytes).ok()?;
    let mut s = Summary::default();
    for question in message.question() {
        let question = question.ok()?;
        s.questions += 1;
        name(&mut s, question.qname());
        s.value(u64::from(question.qtype().to_int()));
    }
    let mut section = message.answer().ok()?;
    loop {
        for record in &mut section {
            let record = record.ok()?;
            s.records += 1;
            let rtype = record.rtype();
            if rtype == Rtype::OPT {
                continue;
            }
            name(&mut s, &record.owner());
            s.value(u64::from(record.ttl().as_secs()));
            match rtype {
                Rtype::A => {
                    let a = record.to_record::<A>().ok()??;
                    s.value(u64::from(a.data().addr().to_bits()));
                }
                Rtype::AAAA => {
                    let aaaa = record.to_record::<Aaaa>().ok()??;
                    s.v6(aaaa.data().addr().to_bits());
                }
                Rtype::MX => {
                    let mx = record.to_record::<Mx<ParsedName<_>>>().ok()??;
                    s.value(u64::from(mx.data().preference()));
                    name(&mut s, mx.data().exchange());
                }
                Rtype::CNAME => {
                    let cname = record.to_record::<Cname<ParsedName<_>>>().ok()??;
                    name(&mut s, cname.data().cname());
                }
                Rtype::NS => {
                    let ns = record.to_record::<Ns<ParsedName<_>>>().ok()??;
                    name(&mut s, ns.data().nsdname());
                }
                Rtype::PTR => {
                    let ptr = record.to_record::<Ptr<ParsedName<_>>>().ok()??;
                    name(&mut s, ptr.data().ptrdname());
                }
                _ => {}
            }
        }
        match section.next_section().ok()? {
            Some(next) => section = next,
            None => return Some(s),
        }
    }
}

/// domain's cheapest walk through a message, to set beside
/// `Message::parse`: every question and record parsed (each owner name
/// checked, no RDATA decoded), counted. `None` if the message is refused.
pub fn walk(bytes: &[u8]) -> Option<usize> {
    let message = Message::from_octets(bytes).ok()?;
    let mut count = 0;
    for question in message.question() {
        question.ok()?;
        count += 1;
    }
    let mut section = message.answer().ok()?;
    loop {
        for record in &mut section {
            record.ok()?;
            count += 1;
        }
        match section.next_section().ok()? {
            Some(next) => section = next,
            None => return Some(count),
        }
    }
}

type OwnedName = Name<Vec<u8>>;

/// Names parsed once; the output in a fixed array (no allocation).
pub struct Input {
    domain: OwnedName,
    exchanges: Vec<(u16, OwnedName, A)>,
    out: Array<512>,
}

impl Default for Input {
    fn default() -> Self {
        let parse = |s: &str| s.parse::<OwnedName>().expect("name");
        Input {
            domain: parse(MX_RESPONSE.domain),
            exchanges: MX_RESPONSE
                .exchanges
                .iter()
                .map(|&(pref, host, addr)| (pref, parse(host), A::new(Ipv4Addr::from(addr))))
                .collect(),
            out: Array::new(),
        }
    }
}

/// Builds the response with the allocation-free `StaticCompressor`.
pub fn encode(all: &mut super::Encoders) -> &[u8] {
    let input = &mut all.domain;
    let ttl = Ttl::from_secs(MX_RESPONSE.ttl);
    let mut b = MessageBuilder::from_target(StaticCompressor::new(Array::<512>::new())).expect("room");
    let header = b.header_mut();
    header.set_id(MX_RESPONSE.id);
    header.set_qr(true);
    header.set_aa(true);
    let mut b = b.question();
    b.push((&input.domain, Rtype::MX, Class::IN)).expect("push");
    let mut b = b.answer();
    for (preference, exchange, _) in &input.exchanges {
        b.push((&input.domain, Class::IN, ttl, Mx::new(*preference, exchange))).expect("push");
    }
    let mut b = b.additional();
    for (_, exchange, a) in &input.exchanges {
        b.push((exchange, Class::IN, ttl, a)).expect("push");
    }
    input.out = b.finish().into_target();
    input.out.as_ref()
}
