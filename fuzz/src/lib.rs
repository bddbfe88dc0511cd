//! What the fuzz targets share: walking a parsed message end to end, and a
//! naive reference decoder for names.

pub mod naive;

use dnswire::{
    ComposeOption, EdnsOptionData, Message, NameBuf, Opt, OptionCode, RData, RecordBuf, Section, MAX_MESSAGE_LEN,
};

/// Reads everything a parsed message holds and formats it, checking the
/// invariants a parsed message promises. Returns a number so the work is
/// not optimised away.
pub fn exercise<T: AsRef<[u8]>>(message: &Message<T>) -> usize {
    let header = message.header();
    let mut work = message.to_string().len();
    assert!(message.as_bytes().len() <= MAX_MESSAGE_LEN);
    assert_eq!(message.questions().count(), usize::from(header.qdcount()));
    for question in message.questions() {
        work += check_name(question.name);
        work += question.to_string().len();
    }
    let counts = [header.ancount(), header.nscount(), header.arcount()];
    for (section, count) in Section::ALL.into_iter().zip(counts) {
        assert_eq!(message.records(section).count(), usize::from(count));
        for record in message.records(section) {
            work += check_name(record.owner());
            let rdata = record.rdata();
            work += rdata.to_string().len() + record.to_string().len();
            match rdata {
                RData::Mx(mx) => work += check_name(mx.exchange),
                RData::Cname(c) => work += check_name(c.cname),
                RData::Ns(ns) => work += check_name(ns.nsdname),
                RData::Ptr(p) => work += check_name(p.ptrdname),
                RData::Soa(soa) => work += check_name(soa.mname) + check_name(soa.rname),
                RData::Srv(srv) => work += check_name(srv.target),
                RData::Txt(txt) => work += txt.strings().map(<[u8]>::len).sum::<usize>(),
                RData::Opt(opt) => work += check_options(opt),
                _ => {}
            }
            // The owned copy decodes to the same thing.
            let owned = RecordBuf::from(&record);
            assert_eq!(owned.rdata(), rdata);
            assert_eq!(owned.owner(), record.owner());
        }
    }
    if let Some(edns) = message.edns() {
        work += usize::from(edns.udp_payload_size);
    }
    work
}

/// Decodes and prints every EDNS option: an option that decodes prints as
/// its typed view does and writes back its own bytes (padding as zeros).
pub fn check_options(opt: Opt<'_>) -> usize {
    let mut work = 0;
    for option in opt.options() {
        let text = option.to_string();
        work += text.len() + option.data.len();
        let Ok(decoded) = option.decode() else { continue };
        assert_eq!(decoded.to_string(), text);
        assert_eq!(decoded.code(), option.code);
        assert_eq!(decoded.data_len(), option.data.len());
        let mut out = vec![0xa5; option.data.len()];
        decoded.write_data(&mut out);
        if option.code == OptionCode::PADDING {
            assert!(out.iter().all(|&b| b == 0));
        } else {
            assert_eq!(out, option.data);
        }
        if let EdnsOptionData::Unknown(unknown) = decoded {
            assert_eq!(unknown, option);
        }
    }
    work
}

/// Reads every field through the views only — no formatting, no copies —
/// so that it allocates nothing. Returns a checksum.
pub fn walk_views<T: AsRef<[u8]>>(message: &Message<T>) -> u64 {
    fn name(sum: &mut u64, name: dnswire::Name<'_>) {
        for label in name.labels() {
            *sum = sum.wrapping_add(label.len() as u64);
        }
    }
    let mut sum = u64::from(message.id()) + u64::from(message.rcode().0);
    for question in message.questions() {
        name(&mut sum, question.name);
    }
    for section in Section::ALL {
        for record in message.records(section) {
            name(&mut sum, record.owner());
            sum = sum.wrapping_add(u64::from(record.ttl()));
            match record.rdata() {
                RData::A(a) => sum = sum.wrapping_add(u64::from(u32::from(a.addr))),
                RData::Aaaa(a) => sum = sum.wrapping_add(u128::from(a.addr) as u64),
                RData::Mx(mx) => name(&mut sum, mx.exchange),
                RData::Cname(c) => name(&mut sum, c.cname),
                RData::Ns(ns) => name(&mut sum, ns.nsdname),
                RData::Ptr(p) => name(&mut sum, p.ptrdname),
                RData::Soa(soa) => {
                    name(&mut sum, soa.mname);
                    name(&mut sum, soa.rname);
                }
                RData::Srv(srv) => name(&mut sum, srv.target),
                RData::Txt(txt) => sum = sum.wrapping_add(txt.strings().count() as u64),
                RData::Opt(opt) => {
                    for option in opt.options() {
                        // Decoding borrows: no allocation.
                        let len = option.decode().map_or(0, |decoded| decoded.data_len());
                        sum = sum.wrapping_add(len as u64);
                    }
                }
                RData::Unknown(u) => sum = sum.wrapping_add(u.data().len() as u64),
                _ => {}
            }
        }
    }
    sum
}

/// Checks a parsed name's promises: labels of 1..=63 bytes, at most 255
/// bytes in all, a copy that compares equal and prints the same.
pub fn check_name(name: dnswire::Name<'_>) -> usize {
    let mut len = 1;
    for label in name.labels() {
        assert!((1..=63).contains(&label.len()));
        len += 1 + label.len();
    }
    assert!(len <= 255);
    assert_eq!(len, name.wire_len());
    let copy = NameBuf::from(name);
    assert_eq!(copy, name);
    assert_eq!(copy.to_string(), name.to_string());
    len
}
