//! The tasks with `simple-dns`: `Packet::parse` decodes every record into
//! vectors of borrowed values; the walk then reads them.

use std::io::Cursor;

use simple_dns::rdata::{RData, A, MX};
use simple_dns::{Name, Packet, PacketFlag, Question, ResourceRecord, CLASS, QCLASS, QTYPE, TYPE};

use crate::{Summary, MX_RESPONSE};

fn name(summary: &mut Summary, name: &Name<'_>) {
    for label in name.iter() {
        summary.label(label.as_ref());
    }
    summary.end_name();
}

fn record(s: &mut Summary, record: &ResourceRecord<'_>) {
    s.records += 1;
    name(s, &record.name);
    s.value(u64::from(record.ttl));
    match &record.rdata {
        RData::A(a) => s.value(u64::from(a.address)),
        RData::AAAA(aaaa) => s.v6(aaaa.address),
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
    let packet = Packet::parse(bytes).ok()?;
    let mut s = Summary::default();
    for question in &packet.questions {
        s.questions += 1;
        name(&mut s, &question.qname);
        s.value(u64::from(u16::from(question.qtype)));
    }
    // The OPT record is taken out of the additional section (`opt()`); it
    // comes last in every corpus message that has one.
    let records = packet.answers.iter().chain(&packet.name_servers).chain(&packet.additional_records);
    for r in records {
        record(&mut s, r);
    }
    s.records += u32::from(packet.opt().is_some());
    Some(s)
}

/// The packet built once from parsed names; encoding writes it into a
/// fixed buffer through `write_compressed_to`.
pub struct Input {
    packet: Packet<'static>,
    buf: [u8; 512],
}

fn parse_name(text: &'static str) -> Name<'static> {
    Name::new(text.trim_end_matches('.')).expect("name")
}

impl Default for Input {
    fn default() -> Self {
        let r = &MX_RESPONSE;
        let domain = parse_name(r.domain);
        let mut packet = Packet::new_reply(r.id);
        packet.set_flags(PacketFlag::AUTHORITATIVE_ANSWER);
        packet.questions.push(Question::new(domain.clone(), QTYPE::TYPE(TYPE::MX), QCLASS::CLASS(CLASS::IN), false));
        for &(preference, host, addr) in &r.exchanges {
            let exchange = parse_name(host);
            let mx = RData::MX(MX { preference, exchange: exchange.clone() });
            packet.answers.push(ResourceRecord::new(domain.clone(), CLASS::IN, r.ttl, mx));
            let a = RData::A(A { address: u32::from_be_bytes(addr) });
            packet.additional_records.push(ResourceRecord::new(exchange, CLASS::IN, r.ttl, a));
        }
        Input { packet, buf: [0; 512] }
    }
}

pub fn encode(all: &mut super::Encoders) -> &[u8] {
    let input = &mut all.simple_dns;
    let mut cursor = Cursor::new(&mut input.buf[..]);
    input.packet.write_compressed_to(&mut cursor).expect("write");
    let len = cursor.position() as usize;
    &input.buf[..len]
}
