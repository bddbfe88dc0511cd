//! Sequences of builder calls, driven by structured input, into buffers of
//! random sizes: never a panic, only the documented errors, and whatever
//! finishes parses back to exactly what was pushed successfully.
#![no_main]

use arbitrary::Arbitrary;
use dnswire::{
    Aaaa, Class, Cname, ComposeRdata, Edns, Error, Message, MessageBuilder, Mx, NameBuf, Ns, Opt, Ptr, RecordBuf,
    Rtype, Section, Soa, Srv, Txt, UnknownRdata, A,
};
use libfuzzer_sys::fuzz_target;

#[derive(Arbitrary, Debug)]
enum Data {
    A([u8; 4]),
    Aaaa([u8; 16]),
    Mx(u16, Labels),
    Cname(Labels),
    Ns(Labels),
    Ptr(Labels),
    Soa(Labels, Labels, [u32; 5]),
    Txt(Vec<Vec<u8>>),
    Srv(u16, u16, u16, Labels),
    Unknown(u16, Vec<u8>),
}

#[derive(Arbitrary, Debug)]
struct Labels(Vec<Vec<u8>>);

impl Labels {
    /// An absolute name from the labels, cut to the wire limits.
    fn name(&self) -> NameBuf {
        let mut wire = Vec::new();
        for label in &self.0 {
            let label = &label[..label.len().clamp(0, 63)];
            if label.is_empty() || wire.len() + 1 + label.len() + 1 > 255 {
                continue;
            }
            wire.push(label.len() as u8);
            wire.extend_from_slice(label);
        }
        wire.push(0);
        NameBuf::from_wire(&wire).unwrap()
    }
}

#[derive(Arbitrary, Debug)]
enum Op {
    Question(Labels, u16, u16),
    Record(u8, Labels, u16, u32, Data),
    Edns(u16, bool, Vec<(u16, Vec<u8>)>),
    Compression(bool),
}

#[derive(Arbitrary, Debug)]
struct Input {
    size: u16,
    ops: Vec<Op>,
}

fn txt_wire(strings: &[Vec<u8>]) -> Vec<u8> {
    let mut wire = Vec::new();
    for s in strings.iter().take(8) {
        let s = &s[..s.len().min(255)];
        wire.push(s.len() as u8);
        wire.extend_from_slice(s);
    }
    if wire.is_empty() {
        wire.push(0);
    }
    wire
}

/// The typed value for `data` (TXT from its checked wire form `txt`).
fn rdata<'a>(data: &'a Data, txt: &'a [u8]) -> Box<dyn ComposeRdata + 'a> {
    match data {
        Data::A(a) => Box::new(A::from(*a)),
        Data::Aaaa(a) => Box::new(Aaaa::from(*a)),
        Data::Mx(p, n) => Box::new(Mx { preference: *p, exchange: n.name() }),
        Data::Cname(n) => Box::new(Cname { cname: n.name() }),
        Data::Ns(n) => Box::new(Ns { nsdname: n.name() }),
        Data::Ptr(n) => Box::new(Ptr { ptrdname: n.name() }),
        Data::Soa(m, r, v) => Box::new(Soa {
            mname: m.name(),
            rname: r.name(),
            serial: v[0],
            refresh: v[1],
            retry: v[2],
            expire: v[3],
            minimum: v[4],
        }),
        Data::Txt(_) => Box::new(Txt::from_wire(txt).unwrap()),
        Data::Srv(a, b, c, n) => Box::new(Srv { priority: *a, weight: *b, port: *c, target: n.name() }),
        Data::Unknown(t, d) => Box::new(UnknownRdata::new(Rtype(*t), d)),
    }
}

/// What was pushed, to compare with what parses. RDATA in uncompressed
/// wire form, as `RecordBuf` normalises it; `None` where that cannot be
/// computed alone (opaque bytes with pointers into the message), and then
/// not compared.
#[derive(Debug)]
enum Pushed {
    Question(NameBuf, u16, u16),
    Record(Section, NameBuf, u16, u32, Option<Vec<u8>>),
}

impl PartialEq for Pushed {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Pushed::Question(a, b, c), Pushed::Question(x, y, z)) => (a, b, c) == (x, y, z),
            (Pushed::Record(a, b, c, d, e), Pushed::Record(v, w, x, y, z)) => {
                (a, b, c, d) == (v, w, x, y) && (e.is_none() || z.is_none() || e == z)
            }
            _ => false,
        }
    }
}

fuzz_target!(|input: Input| {
    let mut buf = vec![0u8; usize::from(input.size)];
    let Ok(mut builder) = MessageBuilder::new(&mut buf[..]) else {
        assert!(input.size < 12);
        return;
    };
    let mut pushed = Vec::new();
    for op in input.ops.iter().take(64) {
        let before = builder.len();
        let (result, entry) = match op {
            Op::Question(name, qtype, qclass) => {
                let name = name.name();
                let result = builder.push_question(&name, Rtype(*qtype), Class(*qclass));
                (result, Some(Pushed::Question(name, *qtype, *qclass)))
            }
            Op::Record(section, owner, class, ttl, data) => {
                let section = Section::ALL[usize::from(*section) % 3];
                let owner = owner.name();
                let txt = match data {
                    Data::Txt(strings) => txt_wire(strings),
                    _ => Vec::new(),
                };
                let value = rdata(data, &txt);
                let result = builder.push(section, &owner, Class(*class), *ttl, &value.as_ref());
                let wire =
                    RecordBuf::new(&owner, Class(*class), *ttl, &value.as_ref()).ok().map(|r| r.rdata_bytes().to_vec());
                (result, Some(Pushed::Record(section, owner, *class, *ttl, wire)))
            }
            Op::Edns(size, dnssec_ok, options) => {
                let mut wire = Vec::new();
                for (code, data) in options.iter().take(4) {
                    let data = &data[..data.len().min(64)];
                    wire.extend_from_slice(&code.to_be_bytes());
                    wire.extend_from_slice(&(data.len() as u16).to_be_bytes());
                    wire.extend_from_slice(data);
                }
                let edns = Edns {
                    udp_payload_size: *size,
                    dnssec_ok: *dnssec_ok,
                    options: Opt::from_wire(&wire).unwrap(),
                    ..Edns::default()
                };
                let result = builder.push_edns(&edns);
                // The OPT TTL field: extended rcode 0, version 0, the DO bit.
                let ttl = if *dnssec_ok { 0x8000 } else { 0 };
                (result, Some(Pushed::Record(Section::Additional, NameBuf::root(), *size, ttl, Some(wire))))
            }
            Op::Compression(on) => {
                builder.set_compression(*on);
                (Ok(()), None)
            }
        };
        match result {
            Ok(()) => pushed.extend(entry),
            Err(error) => {
                assert!(
                    matches!(
                        error,
                        Error::BufferTooSmall
                            | Error::SectionOrder
                            | Error::CountOverflow
                            | Error::BadOpt
                            | Error::RdataLength
                            | Error::BadPointer
                            | Error::TooManyPointers
                            | Error::NameTooLong
                            | Error::ReservedLabelType
                            | Error::Truncated
                            | Error::OptionLength
                            // Opaque RDATA claiming NSEC or NXT, whose type
                            // bitmap is malformed.
                            | Error::BadBitmap
                    ),
                    "unexpected {error:?}"
                );
                assert_eq!(builder.len(), before, "a failed push changes nothing");
            }
        }
    }
    let bytes = builder.finish().to_vec();
    let message = match Message::parse(&bytes[..]) {
        Ok(message) => message,
        // The builder points a name at any suffix it has written. Records
        // owned by many different suffixes of long names, in turn, can need
        // more pointer-following work than the parser allows a message
        // (`dnswire::name::WORK_PER_BYTE`); that refusal is documented, any
        // other is a bug.
        Err(Error::CompressionTooCostly) => return,
        Err(error) => panic!("the builder finished a message the parser refuses: {error:?}"),
    };
    let mut parsed = Vec::new();
    for q in message.questions() {
        parsed.push(Pushed::Question(NameBuf::from(q.name), q.qtype.0, q.qclass.0));
    }
    for section in Section::ALL {
        for r in message.records(section) {
            let wire = RecordBuf::from(&r).rdata_bytes().to_vec();
            parsed.push(Pushed::Record(section, NameBuf::from(r.owner()), r.class().0, r.ttl(), Some(wire)));
        }
    }
    // Names compare case-insensitively, which is how DNS compares them;
    // the builder keeps the case (checked by the property tests).
    assert_eq!(parsed, pushed);
    dnswire_fuzz::exercise(&message);
});
