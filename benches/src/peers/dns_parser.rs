//! The full-parse task with `dns-parser` (its builder writes only queries).
//! Its names are read through `Display`, which writes one `&str` per label.

use std::fmt::{self, Write};

use dns_parser::{Name, Packet, RData, ResourceRecord};

use crate::Summary;

/// Receives a name's `Display` output: each `write_str` is one label, each
/// `write_char` the dot between two.
struct LabelSink<'s>(&'s mut Summary);

impl Write for LabelSink<'_> {
    fn write_str(&mut self, label: &str) -> fmt::Result {
        if !label.is_empty() {
            self.0.label(label.as_bytes());
        }
        Ok(())
    }

    fn write_char(&mut self, _dot: char) -> fmt::Result {
        Ok(())
    }
}

fn name(summary: &mut Summary, name: &Name<'_>) {
    write!(LabelSink(summary), "{name}").expect("sink never fails");
    summary.end_name();
}

fn record(s: &mut Summary, record: &ResourceRecord<'_>) {
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
    let packet = Packet::parse(bytes).ok()?;
    let mut s = Summary::default();
    for question in &packet.questions {
        s.questions += 1;
        name(&mut s, &question.qname);
        s.value(question.qtype as u64);
    }
    // The OPT record is taken out of the additional section (`opt`); it
    // comes last in every corpus message that has one.
    let records = packet.answers.iter().chain(&packet.nameservers).chain(&packet.additional);
    for r in records {
        record(&mut s, r);
    }
    s.records += u32::from(packet.opt.is_some());
    Some(s)
}
