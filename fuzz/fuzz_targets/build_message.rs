//! Sequences of builder calls, driven by structured input, into buffers of
//! random sizes: never a panic, only the documented errors, and whatever
//! finishes parses back to exactly what was pushed successfully. The
//! builder may start as the response to an EDNS query; size limits,
//! truncation, checkpoints and rollbacks are followed by a model (a
//! rollback refused only where the model says the checkpoint is stale, or
//! conservatively after many rollbacks), and the message stays within its
//! limit. Options for the OPT record to come arrive in order, padding is a
//! padding option of zeros, room kept for a last record stays free, and a
//! framed message carries its own length.
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
    Limit(u16),
    Checkpoint,
    Rollback(u8),
    Truncate,
    /// An option for the OPT record `finish` writes.
    EdnsOption(u16, Vec<u8>),
    Padding(u16),
    KeepRoom(u16),
}

#[derive(Arbitrary, Debug)]
struct Input {
    size: u16,
    /// Start as the response to a query with this EDNS (payload size,
    /// version, DO), or to one without EDNS for `Some(None)`.
    respond: Option<Option<(u16, u8, bool)>>,
    /// Framed for TCP: the length prefix first.
    framed: bool,
    ops: Vec<Op>,
}

/// A query for `q.example. A`, with the EDNS given.
fn query(edns: Option<(u16, u8, bool)>) -> Vec<u8> {
    let mut buf = vec![0u8; 512];
    let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
    b.header_mut().set_id(0x1234);
    b.push_question("q.example.", Rtype::A, Class::IN).unwrap();
    if let Some((udp_payload_size, version, dnssec_ok)) = edns {
        b.push_edns(&Edns { udp_payload_size, version, dnssec_ok, ..Edns::default() }).unwrap();
    }
    let len = b.finish().len();
    buf.truncate(len);
    buf
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
    let query_bytes = input.respond.map(query);
    let query_message = query_bytes.as_deref().map(|q| Message::parse(q).unwrap());
    let started = match (&query_message, input.framed) {
        (Some(q), false) => MessageBuilder::start_response(&mut buf[..], q),
        (Some(q), true) => MessageBuilder::start_framed_response(&mut buf[..], q),
        (None, false) => MessageBuilder::new(&mut buf[..]),
        (None, true) => MessageBuilder::new_framed(&mut buf[..]),
    };
    let mut builder = match started {
        Ok(builder) => builder,
        Err(Error::BufferTooSmall) => return,
        Err(error) => panic!("{error:?}"),
    };
    let mut pushed = Vec::new();
    if query_message.is_some() {
        pushed.push(Pushed::Question("q.example.".parse().unwrap(), Rtype::A.0, Class::IN.0));
    }
    // The response's own OPT record, written by `finish`: (payload, TTL).
    let pending_opt = match input.respond {
        Some(Some((_, version, dnssec_ok))) => {
            let ttl = if version > 0 { 1 << 24 } else { 0 } | if dnssec_ok { 0x8000 } else { 0 };
            Some((1232u16, ttl))
        }
        _ => None,
    };
    // Whether each entry of `pushed` is an OPT record.
    let mut opt_flags = vec![false; pushed.len()];
    // Checkpoints taken: the builder's, how much of `pushed` they cover,
    // and whether they still hold (no rollback since went below them).
    let mut checkpoints: Vec<(dnswire::Checkpoint, usize, bool)> = Vec::new();
    let mut rollbacks = 0;
    let mut truncated = false;
    // The options pushed for the OPT record to come, and whether padding
    // was asked for.
    let mut options: Vec<u8> = Vec::new();
    let mut padded = false;
    let mut kept = 0;
    for op in input.ops.iter().take(64) {
        match op {
            Op::EdnsOption(code, data) => {
                let data = &data[..data.len().min(80)];
                let option = dnswire::EdnsOption { code: dnswire::OptionCode(*code), data };
                let len = builder.len();
                match builder.push_edns_option(&option) {
                    Ok(()) => {
                        assert!(pending_opt.is_some() && !opt_flags.contains(&true));
                        options.extend_from_slice(&code.to_be_bytes());
                        options.extend_from_slice(&(data.len() as u16).to_be_bytes());
                        options.extend_from_slice(data);
                    }
                    Err(error) => {
                        assert!(
                            matches!(error, Error::BadOpt | Error::SizeLimit | Error::BufferTooSmall),
                            "unexpected {error:?}"
                        );
                        assert_eq!(builder.len(), len);
                    }
                }
                continue;
            }
            Op::Padding(block) => {
                builder.set_padding(*block);
                padded = *block > 0;
                continue;
            }
            Op::KeepRoom(bytes) => {
                kept = usize::from(*bytes);
                builder.keep_room(kept);
                continue;
            }
            Op::Limit(limit) => {
                builder.set_limit(usize::from(*limit));
                continue;
            }
            Op::Checkpoint => {
                checkpoints.push((builder.checkpoint(), pushed.len(), true));
                continue;
            }
            Op::Rollback(index) => {
                if checkpoints.is_empty() {
                    continue;
                }
                let (checkpoint, covered, holds) = checkpoints[usize::from(*index) % checkpoints.len()];
                let len = builder.len();
                match builder.rollback(checkpoint) {
                    Ok(()) => {
                        assert!(holds, "a stale checkpoint was taken back to");
                        pushed.truncate(covered);
                        opt_flags.truncate(covered);
                        rollbacks += 1;
                        for (_, later, holds) in &mut checkpoints {
                            if *later > covered {
                                *holds = false;
                            }
                        }
                    }
                    Err(error) => {
                        assert_eq!(error, Error::StaleCheckpoint);
                        assert_eq!(builder.len(), len, "a refused rollback changes nothing");
                        // Refusing one that holds: only once the
                        // builder's log of 8 rollbacks has had to merge.
                        assert!(!holds || rollbacks > 8, "a checkpoint that holds was refused");
                    }
                }
                continue;
            }
            Op::Truncate => {
                builder.truncate();
                truncated = true;
                let after_questions = pushed.iter().take_while(|p| matches!(p, Pushed::Question(..))).count();
                if pushed.len() > after_questions {
                    // An OPT record pushed stays, right after the questions.
                    let opt = opt_flags.iter().position(|&is_opt| is_opt).map(|i| pushed.swap_remove(i));
                    pushed.truncate(after_questions);
                    opt_flags.truncate(after_questions);
                    if let Some(opt) = opt {
                        pushed.push(opt);
                        opt_flags.push(true);
                    }
                    rollbacks += 1;
                    for (_, later, holds) in &mut checkpoints {
                        if *later > after_questions {
                            *holds = false;
                        }
                    }
                }
                continue;
            }
            _ => {}
        }
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
            Op::Limit(_)
            | Op::Checkpoint
            | Op::Rollback(_)
            | Op::Truncate
            | Op::EdnsOption(..)
            | Op::Padding(_)
            | Op::KeepRoom(_) => unreachable!("handled above"),
        };
        match result {
            Ok(()) => {
                let is_opt = match op {
                    Op::Edns(..) => true,
                    Op::Record(_, _, _, _, Data::Unknown(rtype, _)) => *rtype == Rtype::OPT.0,
                    _ => false,
                };
                if entry.is_some() {
                    opt_flags.push(is_opt);
                }
                pushed.extend(entry);
            }
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
                            | Error::SizeLimit
                    ),
                    "unexpected {error:?}"
                );
                assert_eq!(builder.len(), before, "a failed push changes nothing");
            }
        }
    }
    let limit = builder.limit();
    // The response's OPT record comes last, unless one was pushed; that
    // one gets BADVERS's extended bits.
    if let Some((payload, ttl)) = pending_opt {
        match opt_flags.iter().position(|&is_opt| is_opt) {
            None => {
                // Its options in order; with padding, not compared here
                // (its length depends on the limit), checked below.
                let wire = (!padded).then(|| options.clone());
                pushed.push(Pushed::Record(Section::Additional, NameBuf::root(), payload, ttl, wire))
            }
            Some(i) => {
                if let Pushed::Record(_, _, _, opt_ttl, _) = &mut pushed[i] {
                    *opt_ttl |= ttl & 0xff00_0000;
                }
            }
        }
    }
    let written = builder.len();
    let frame = builder.finish().to_vec();
    let bytes = if input.framed {
        let (message, rest) = dnswire::tcp::split_frame(&frame).expect("a whole frame");
        assert!(rest.is_empty(), "bytes after the frame");
        message.to_vec()
    } else {
        frame
    };
    assert!(bytes.len() <= limit.max(12), "{} bytes past the limit {limit}", bytes.len());
    // The room kept for a last record stays free.
    assert!(written + kept <= limit || limit == dnswire::MAX_MESSAGE_LEN, "room kept was taken");
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
    if padded {
        if let (Some(_), Some(edns)) = (pending_opt, message.edns()) {
            let data = edns.options.as_wire();
            if !opt_flags.contains(&true) {
                // The options pushed, then a padding option of zeros.
                assert!(data.starts_with(&options), "options lost");
                let rest = &data[options.len()..];
                if !rest.is_empty() {
                    assert_eq!(&rest[..2], &[0, 12]);
                    assert!(rest[4..].iter().all(|&byte| byte == 0));
                }
            }
        }
    }
    if truncated {
        assert!(message.header().tc(), "truncated without TC");
    }
    dnswire_fuzz::exercise(&message);
});
