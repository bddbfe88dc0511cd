//! Responses started from queries: what RFC 1035, RFC 3225 and RFC 6891
//! say a response copies and adds, the size limit, truncation and
//! checkpoints.

use dnswire::{Class, Edns, Error, Message, MessageBuilder, Opcode, Rcode, Rtype, Section, Txt, A};

/// A query for `name` `qtype`, with EDNS when `edns` says so.
fn query(name: &str, qtype: Rtype, edns: Option<Edns<'_>>) -> Vec<u8> {
    let mut buf = vec![0u8; 512];
    let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
    let mut header = b.header_mut();
    header.set_id(0xbeef);
    header.set_rd(true);
    header.set_cd(true);
    b.push_question(name, qtype, Class::IN).unwrap();
    if let Some(edns) = edns {
        b.push_edns(&edns).unwrap();
    }
    let len = b.finish().len();
    buf.truncate(len);
    buf
}

fn parse(bytes: &[u8]) -> Message<&[u8]> {
    Message::parse(bytes).unwrap()
}

#[test]
fn a_response_copies_id_opcode_rd_cd_and_the_question() {
    let q = query("www.example.", Rtype::A, None);
    let q = parse(&q);
    let mut buf = [0u8; 512];
    let r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    let r = parse(r.finish());
    let h = r.header();
    assert_eq!((h.id(), h.opcode()), (0xbeef, Opcode::QUERY));
    assert!(h.qr() && h.rd() && h.cd() && !h.aa() && !h.tc() && !h.ra());
    assert_eq!(r.question(), q.question());
    // No OPT record: the query had none (RFC 6891 §7).
    assert!(r.edns().is_none());
}

#[test]
fn edns_is_answered_with_edns_and_do_is_copied() {
    for dnssec_ok in [false, true] {
        let q = query("www.example.", Rtype::A, Some(Edns { udp_payload_size: 4096, dnssec_ok, ..Edns::default() }));
        let q = parse(&q);
        let mut buf = [0u8; 4096];
        let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
        // The smaller of the client's size and ours (1 232 unless set).
        assert_eq!(r.limit(), 1232);
        r.set_udp_payload_size(4096);
        assert_eq!(r.limit(), 4096);
        r.set_udp_payload_size(1232);
        let r = parse(r.finish());
        let edns = r.edns().expect("an OPT record");
        assert_eq!((edns.version, edns.dnssec_ok, edns.udp_payload_size), (0, dnssec_ok, 1232));
        assert_eq!(r.rcode(), Rcode::NOERROR);
    }
}

#[test]
fn an_edns_version_above_0_gets_badvers() {
    // RFC 6891 §6.1.3: BADVERS (16) is 1 in the OPT's extended RCODE and 0
    // in the header; the response's version is 0.
    let q = query("www.example.", Rtype::A, Some(Edns { version: 1, ..Edns::default() }));
    let q = parse(&q);
    let mut buf = [0u8; 512];
    let r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    let bytes = r.finish();
    let r = parse(bytes);
    assert_eq!(r.rcode(), Rcode::BADVERS);
    assert_eq!(r.header().rcode(), Rcode(0));
    let edns = r.edns().unwrap();
    assert_eq!((edns.extended_rcode, edns.version), (1, 0));
}

#[test]
fn extended_rcodes_need_an_opt_record() {
    let q = query("www.example.", Rtype::A, None);
    let q = parse(&q);
    let mut buf = [0u8; 512];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    assert_eq!(r.set_rcode(Rcode::BADVERS), Err(Error::BadOpt));
    r.set_rcode(Rcode::NXDOMAIN).unwrap();
    assert_eq!(parse(r.finish()).rcode(), Rcode::NXDOMAIN);
}

/// Pushes TXT records of 100 bytes until one does not fit.
fn fill(r: &mut MessageBuilder<&mut [u8]>) -> (usize, Error) {
    let text = [b'x'; 99];
    let strings: [&[u8]; 1] = [&text];
    let mut room = [0u8; 128];
    let txt = Txt::from_strings(&strings[..], &mut room[..]).unwrap();
    let mut pushed = 0;
    loop {
        let before = r.len();
        match r.push_answer("www.example.", Class::IN, 300, &txt) {
            Ok(()) => pushed += 1,
            Err(error) => {
                assert_eq!(r.len(), before, "a failed push changes nothing");
                return (pushed, error);
            }
        }
    }
}

#[test]
fn the_limit_is_the_clients_and_room_is_kept_for_opt() {
    // Without EDNS: 512 bytes (RFC 1035 §4.2.1), in a larger buffer.
    let q = query("www.example.", Rtype::TXT, None);
    let q = parse(&q);
    let mut buf = [0u8; 4096];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    let (pushed, error) = fill(&mut r);
    assert_eq!(error, Error::SizeLimit);
    let bytes = r.finish();
    assert!(bytes.len() <= 512 && bytes.len() > 512 - 114, "{} bytes", bytes.len());
    assert_eq!(parse(bytes).answers().count(), pushed);

    // With EDNS: the client's size, with the OPT record's 11 bytes kept.
    for size in [100, 1232, 1400] {
        let q = query("www.example.", Rtype::TXT, Some(Edns { udp_payload_size: size, ..Edns::default() }));
        let q = parse(&q);
        let mut buf = [0u8; 4096];
        let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
        // Below 512 counts as 512 (RFC 6891 §6.2.5); above ours (1 232),
        // ours.
        let limit = usize::from(size).clamp(512, 1232);
        assert_eq!(r.limit(), limit);
        let (_, error) = fill(&mut r);
        assert_eq!(error, Error::SizeLimit);
        let bytes = r.finish();
        assert!(bytes.len() <= limit && bytes.len() > limit - 114, "{size}: {} bytes", bytes.len());
        assert!(parse(bytes).edns().is_some());
    }
}

#[test]
fn truncation_keeps_the_question_and_the_opt_record_and_sets_tc() {
    let q = query("www.example.", Rtype::TXT, Some(Edns::default()));
    let q = parse(&q);
    let mut buf = [0u8; 4096];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    r.header_mut().set_aa(true);
    let (pushed, _) = fill(&mut r);
    assert!(pushed > 5);
    r.truncate();
    let r = parse(r.finish());
    assert!(r.header().tc() && r.header().aa());
    assert_eq!(r.question(), q.question());
    assert_eq!(r.answers().count(), 0);
    assert_eq!(r.records(Section::Additional).count(), 1);
    assert!(r.edns().is_some());
}

#[test]
fn over_tcp_the_limit_is_65535() {
    let q = query("www.example.", Rtype::TXT, None);
    let q = parse(&q);
    let mut buf = vec![0u8; 65535];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    r.set_limit(65535);
    let (pushed, error) = fill(&mut r);
    assert_eq!(error, Error::BufferTooSmall);
    // 112 bytes a record (a pointer for the owner): 584 of them fit.
    assert_eq!(pushed, (65535 - 12 - 17) / 112);
}

#[test]
fn a_rollback_undoes_what_came_after_its_checkpoint() {
    let q = query("example.", Rtype::A, None);
    let q = parse(&q);
    let a = |n| A::from([192, 0, 2, n]);
    // Pushed, rolled back, pushed again: the same bytes as pushed once.
    let mut buf = [0u8; 512];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    r.push_answer("a.example.", Class::IN, 1, &a(1)).unwrap();
    let checkpoint = r.checkpoint();
    r.push_answer("b.longer-name.example.", Class::IN, 1, &a(2)).unwrap();
    r.push_authority("example.", Class::IN, 1, &a(3)).unwrap();
    r.rollback(checkpoint).unwrap();
    r.push_answer("c.example.", Class::IN, 1, &a(4)).unwrap();
    let once = r.finish().to_vec();

    let mut buf = [0u8; 512];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    r.push_answer("a.example.", Class::IN, 1, &a(1)).unwrap();
    r.push_answer("c.example.", Class::IN, 1, &a(4)).unwrap();
    assert_eq!(r.finish(), &once[..]);
    let m = parse(&once);
    let owners: Vec<String> = m.answers().map(|r| r.owner().to_string()).collect();
    assert_eq!(owners, ["a.example.", "c.example."]);
    assert_eq!(m.authority().count(), 0);
}

#[test]
fn a_checkpoint_a_rollback_went_back_before_is_stale() {
    let q = query("example.", Rtype::A, None);
    let q = parse(&q);
    let a = |n| A::from([192, 0, 2, n]);
    let mut buf = [0u8; 512];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    let outer = r.checkpoint();
    r.push_answer("a.example.", Class::IN, 1, &a(1)).unwrap();
    let inner = r.checkpoint();
    r.push_answer("b.example.", Class::IN, 1, &a(2)).unwrap();
    let innermost = r.checkpoint();
    // Nested: the inner one, then the outer one, both hold.
    r.rollback(innermost).unwrap();
    r.rollback(inner).unwrap();
    r.push_answer("c.example.", Class::IN, 1, &a(3)).unwrap();
    // `innermost` covered b.example., which is gone: refused, and nothing
    // changes.
    let len = r.len();
    assert_eq!(r.rollback(innermost), Err(Error::StaleCheckpoint));
    assert_eq!(r.len(), len);
    r.rollback(outer).unwrap();
    assert_eq!(r.rollback(inner), Err(Error::StaleCheckpoint));
    let m = parse(r.finish());
    assert_eq!(m.answers().count(), 0);
    assert_eq!(m.question(), q.question());
}

#[test]
fn truncation_keeps_every_question_even_after_a_record_that_failed() {
    // Found by the build_message fuzz target: a first record that did not
    // fit made the builder think the questions ended there.
    let mut buf = [0u8; 40];
    let mut b = MessageBuilder::new(&mut buf[..]).unwrap();
    b.push_question(".", Rtype::A, Class::IN).unwrap();
    let long = "a-long-owner-name.example.";
    assert_eq!(b.push_answer(long, Class::IN, 1, &A::from([192, 0, 2, 1])), Err(Error::BufferTooSmall));
    b.push_question(".", Rtype::AAAA, Class::IN).unwrap();
    b.truncate();
    let m = parse(b.finish());
    assert!(m.header().tc());
    assert_eq!(m.questions().map(|q| q.qtype).collect::<Vec<_>>(), [Rtype::A, Rtype::AAAA]);
}

#[test]
fn an_opt_record_pushed_stays_through_truncation_and_takes_the_extended_rcode() {
    let q = query("www.example.", Rtype::TXT, Some(Edns { version: 1, ..Edns::default() }));
    let q = parse(&q);
    let mut buf = [0u8; 4096];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    r.push_answer("www.example.", Class::IN, 1, &A::from([192, 0, 2, 1])).unwrap();
    // The caller's own OPT record, with an option (NSID, empty: RFC 5001).
    let options = dnswire::Opt::from_wire(&[0, 3, 0, 0]).unwrap();
    r.push_edns(&Edns { udp_payload_size: 1400, options, ..Edns::default() }).unwrap();
    r.truncate();
    let m = parse(r.finish());
    assert!(m.header().tc());
    assert_eq!(m.answers().count(), 0);
    let edns = m.edns().unwrap();
    assert_eq!((edns.udp_payload_size, edns.options.options().count()), (1400, 1));
    // BADVERS still: 1 in the OPT record, 0 in the header.
    assert_eq!(m.rcode(), Rcode::BADVERS);
}

#[test]
fn an_rcode_set_in_the_header_replaces_the_extended_one() {
    let q = query("www.example.", Rtype::A, Some(Edns { version: 1, ..Edns::default() }));
    let q = parse(&q);
    let mut buf = [0u8; 512];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    r.header_mut().set_rcode(Rcode::NXDOMAIN);
    assert_eq!(r.rcode(), Rcode::NXDOMAIN);
    assert_eq!(parse(r.finish()).rcode(), Rcode::NXDOMAIN);
}

#[test]
fn a_query_without_questions_still_gets_its_opt_record() {
    // An EDNS query of no question (a COOKIE-only query, RFC 7873),
    // answered into a buffer that holds just a header.
    let mut qbuf = [0u8; 64];
    let mut b = MessageBuilder::new(&mut qbuf[..]).unwrap();
    b.push_edns(&Edns::default()).unwrap();
    let q = b.finish().to_vec();
    let q = parse(&q);
    let mut small = [0u8; 12];
    assert_eq!(MessageBuilder::start_response(&mut small[..], &q).err(), Some(Error::BufferTooSmall));
    let mut enough = [0u8; 23];
    let r = MessageBuilder::start_response(&mut enough[..], &q).unwrap();
    assert!(parse(r.finish()).edns().is_some());
}
