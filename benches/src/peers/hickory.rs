//! The tasks with `hickory-proto`: `Message::from_vec` decodes every record
//! into owned values; the walk then reads them.

use std::net::Ipv4Addr;

use hickory_proto::op::{Message, MessageType, OpCode, Query};
use hickory_proto::rr::rdata::{A, MX};
use hickory_proto::rr::{Name, RData, Record, RecordType};
use hickory_proto::serialize::binary::{BinEncodable, BinEncoder};

use crate::{Summary, MX_RESPONSE};

fn name(summary: &mut Summary, name: &Name) {
    for label in name.iter() {
        summary.label(label);
    }
    summary.end_name();
}

fn record(s: &mut Summary, record: &Record) {
    s.records += 1;
    name(s, &record.name);
    s.value(u64::from(record.ttl));
    match &record.data {
        RData::A(a) => s.value(u64::from(a.0.to_bits())),
        RData::AAAA(aaaa) => s.v6(aaaa.0.to_bits()),
        RData::MX(mx) => {
            s.value(u64::from(mx.preference));
            name(s, &mx.exchange);
        }
        RData::CNAME(cname) => name(s, &cname.0),
        RData::NS(ns) => name(s, &ns.0),
        RData::PTR(ptr) => name(s, &ptr.0),
        _ => {}
    }
}

pub fn full_parse(bytes: &[u8]) -> Option<Summary> {
    let message = Message::from_vec(bytes).ok()?;
    let mut s = Summary::default();
    for query in &message.queries {
        s.questions += 1;
        name(&mut s, query.name());
        s.value(u64::from(u16::from(query.query_type())));
    }
    // The OPT record is taken out of the additional section into `edns`;
    // it comes last in every corpus message that has one.
    let records = message.answers.iter().chain(&message.authorities).chain(&message.additionals);
    for r in records {
        record(&mut s, r);
    }
    s.records += u32::from(message.edns.is_some());
    Some(s)
}

/// The message built once from parsed names; encoding emits it into a
/// reused `Vec` (hickory's encoder writes only into a `Vec`).
pub struct Input {
    message: Message,
    out: Vec<u8>,
}

impl Default for Input {
    fn default() -> Self {
        let r = &MX_RESPONSE;
        let domain = Name::from_ascii(r.domain).expect("name");
        let mut message = Message::new(r.id, MessageType::Response, OpCode::Query);
        message.metadata.authoritative = true;
        message.add_query(Query::query(domain.clone(), RecordType::MX));
        for &(preference, host, addr) in &r.exchanges {
            let exchange = Name::from_ascii(host).expect("name");
            let mx = Record::from_rdata(domain.clone(), r.ttl, RData::MX(MX::new(preference, exchange.clone())));
            message.add_answer(mx);
            message.add_additional(Record::from_rdata(exchange, r.ttl, RData::A(A::from(Ipv4Addr::from(addr)))));
        }
        Input { message, out: Vec::with_capacity(512) }
    }
}

pub fn encode(all: &mut super::Encoders) -> &[u8] {
    let input = &mut all.hickory;
    input.out.clear();
    let mut encoder = BinEncoder::new(&mut input.out);
    input.message.emit(&mut encoder).expect("emit");
    &input.out
}
