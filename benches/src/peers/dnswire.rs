//! The tasks with dnswire.

use dnswire::{Class, Message, MessageBuilder, MessageReader, Mx, Name, NameBuf, RData, Record, Rtype, Section, A};

use crate::{Summary, MX_RESPONSE};

fn name(summary: &mut Summary, name: Name<'_>) {
    for label in name.labels() {
        summary.label(label);
    }
    summary.end_name();
}

#[inline(always)]
fn record(s: &mut Summary, record: Record<'_>) {
    s.records += 1;
    if record.rtype() == Rtype::OPT {
        return;
    }
    name(s, record.owner());
    s.value(u64::from(record.ttl()));
    match record.rdata() {
        RData::A(a) => s.value(u64::from(a.addr.to_bits())),
        RData::Aaaa(aaaa) => s.v6(aaaa.addr.to_bits()),
        RData::Mx(mx) => {
            s.value(u64::from(mx.preference));
            name(s, mx.exchange);
        }
        RData::Cname(cname) => name(s, cname.cname),
        RData::Ns(ns) => name(s, ns.nsdname),
        RData::Ptr(ptr) => name(s, ptr.ptrdname),
        _ => {}
    }
}

/// Full parse in one pass: `MessageReader` checks each question and record
/// as it hands it over.
pub fn full_parse(bytes: &[u8]) -> Option<Summary> {
    let mut reader = MessageReader::new(bytes).ok()?;
    let mut s = Summary::default();
    while let Some(question) = reader.next_question().ok()? {
        s.questions += 1;
        name(&mut s, question.name);
        s.value(u64::from(question.qtype.0));
    }
    while let Some((_, r)) = reader.next_record().ok()? {
        record(&mut s, r);
    }
    Some(s)
}

/// Full parse in two: `Message::parse` checks everything up front; the
/// views then walk the checked bytes.
pub fn full_parse_message(bytes: &[u8]) -> Option<Summary> {
    let message = Message::parse(bytes).ok()?;
    let mut s = Summary::default();
    for question in message.questions() {
        s.questions += 1;
        name(&mut s, question.name);
        s.value(u64::from(question.qtype.0));
    }
    for section in Section::ALL {
        for r in message.records(section) {
            record(&mut s, r);
        }
    }
    Some(s)
}

/// Names parsed once, and a stack buffer.
pub struct Input {
    domain: NameBuf,
    exchanges: Vec<(u16, NameBuf, A)>,
    buf: [u8; 512],
}

impl Default for Input {
    fn default() -> Self {
        let r = &MX_RESPONSE;
        Input {
            domain: r.domain.parse().expect("name"),
            exchanges: r
                .exchanges
                .iter()
                .map(|&(pref, host, addr)| (pref, host.parse().expect("name"), A::from(addr)))
                .collect(),
            buf: [0; 512],
        }
    }
}

/// Builds the response into the stack buffer.
pub fn encode(all: &mut super::Encoders) -> &[u8] {
    let input = &mut all.dnswire;
    let ttl = MX_RESPONSE.ttl;
    let mut b = MessageBuilder::new(&mut input.buf[..]).expect("room for a header");
    let mut header = b.header_mut();
    header.set_id(MX_RESPONSE.id);
    header.set_qr(true);
    header.set_aa(true);
    b.push_question(&input.domain, Rtype::MX, Class::IN).expect("push");
    for (preference, exchange, _) in &input.exchanges {
        let mx = Mx { preference: *preference, exchange };
        b.push_answer(&input.domain, Class::IN, ttl, &mx).expect("push");
    }
    for (_, exchange, a) in &input.exchanges {
        b.push_additional(exchange, Class::IN, ttl, a).expect("push");
    }
    b.finish()
}
