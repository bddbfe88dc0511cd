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
    assert_eq!(r.header().low_rcode(), Rcode(0));
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
    r.header_mut().set_low_rcode(Rcode::NXDOMAIN);
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

/// The options of a message's OPT record, as (code, data) pairs.
fn options(message: &Message<&[u8]>) -> Vec<(u16, Vec<u8>)> {
    let edns = message.edns().expect("an OPT record");
    edns.options.options().map(|option| (option.code.0, option.data.to_vec())).collect()
}

fn edns_query() -> Vec<u8> {
    query("www.example.", Rtype::A, Some(Edns { udp_payload_size: 4096, ..Edns::default() }))
}

#[cfg(feature = "alloc")]
#[test]
fn a_framed_response_carries_its_length_first() {
    let q = edns_query();
    let q = parse(&q);
    for grow in [false, true] {
        let mut fixed = [0u8; 70_000];
        let frame: Vec<u8> = if grow {
            let mut r = MessageBuilder::start_framed_response(Vec::new(), &q).unwrap();
            // Over TCP the limit is the message's (RFC 7766 §8).
            assert_eq!(r.limit(), 65_535);
            for i in 0..40u8 {
                r.push_answer("www.example.", Class::IN, 60, &A::from([192, 0, 2, i])).unwrap();
            }
            r.finish()
        } else {
            let mut r = MessageBuilder::start_framed_response(&mut fixed[..], &q).unwrap();
            for i in 0..40u8 {
                r.push_answer("www.example.", Class::IN, 60, &A::from([192, 0, 2, i])).unwrap();
            }
            r.finish().to_vec()
        };
        // RFC 1035 §4.2.2: a two-byte length, then the message.
        let len = usize::from(u16::from_be_bytes([frame[0], frame[1]]));
        assert_eq!(len, frame.len() - 2);
        let r = parse(&frame[2..]);
        assert_eq!(r.answers().count(), 40);
        // Every owner after the first is a pointer to the question's name,
        // at offset 12 of the message, not of the frame.
        assert_eq!(&frame[2 + 12 + 17..2 + 12 + 19], b"\xc0\x0c");
        assert!(r.answers().all(|a| a.owner().to_string() == "www.example."));
    }
}

#[cfg(feature = "alloc")]
#[test]
fn a_framed_message_reaches_65535_bytes() {
    let mut b = MessageBuilder::new_framed(Vec::new()).unwrap();
    let big = [b'x'; 255];
    let strings: Vec<u8> = (0..200).flat_map(|_| core::iter::once(255).chain(big)).collect();
    let txt = Txt::from_wire(&strings[..]).unwrap();
    let mut pushed = 0;
    while b.push_answer("t.example.", Class::IN, 0, &txt).is_ok() {
        pushed += 1;
    }
    let frame = b.finish();
    assert_eq!(pushed, 1);
    assert!(frame.len() > 51_000);
    assert_eq!(usize::from(u16::from_be_bytes([frame[0], frame[1]])), frame.len() - 2);
    parse(&frame[2..]);
}

#[test]
fn response_options_follow_the_records_in_the_order_pushed() {
    let q = edns_query();
    let q = parse(&q);
    let mut buf = [0u8; 1232];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    r.push_edns_option(&dnswire::EdnsOption { code: dnswire::OptionCode::NSID, data: b"ns1" }).unwrap();
    r.push_answer("www.example.", Class::IN, 60, &A::from([192, 0, 2, 1])).unwrap();
    r.push_edns_option(&dnswire::EdnsOption { code: dnswire::OptionCode(15), data: b"\x00\x12" }).unwrap();
    r.push_additional("a.example.", Class::IN, 60, &A::from([192, 0, 2, 2])).unwrap();
    let bytes = r.finish().to_vec();
    let r = parse(&bytes);
    assert_eq!(options(&r), [(3, b"ns1".to_vec()), (15, b"\x00\x12".to_vec())]);
    assert_eq!(r.additional().count(), 2);
    // The OPT record last, with 7 + 6 bytes of options.
    assert_eq!(&bytes[bytes.len() - 24..bytes.len() - 13], b"\x00\x00\x29\x04\xd0\x00\x00\x00\x00\x00\x0d");
}

#[test]
fn response_options_take_room_from_the_records() {
    // A client that takes 512 bytes: the options count against them.
    let q = query("www.example.", Rtype::A, Some(Edns { udp_payload_size: 512, ..Edns::default() }));
    let q = parse(&q);
    let fill = |r: &mut MessageBuilder<&mut [u8]>| {
        let mut n = 0;
        while r.push_answer("www.example.", Class::IN, 60, &A::from([192, 0, 2, 1])).is_ok() {
            n += 1;
        }
        n
    };
    let mut buf = [0u8; 4096];
    let mut plain = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    let without = fill(&mut plain);
    let mut buf = [0u8; 4096];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    r.push_edns_option(&dnswire::EdnsOption { code: dnswire::OptionCode::NSID, data: &[0x61; 28] }).unwrap();
    let with = fill(&mut r);
    // 32 bytes of option cost two 16-byte A records.
    assert_eq!(without - with, 2);
    let out = r.finish();
    assert!(out.len() <= 512);
    assert_eq!(options(&parse(out)).len(), 1);
    // An option past the limit is refused; the message stays whole.
    let mut buf = [0u8; 4096];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    fill(&mut r);
    let option = dnswire::EdnsOption { code: dnswire::OptionCode::NSID, data: &[0; 64] };
    assert_eq!(r.push_edns_option(&option), Err(Error::SizeLimit));
    let out = parse(r.finish());
    assert!(options(&out).is_empty());
}

#[test]
fn options_need_an_opt_record_to_come() {
    let q = query("www.example.", Rtype::A, None);
    let q = parse(&q);
    let mut buf = [0u8; 512];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    let option = dnswire::EdnsOption { code: dnswire::OptionCode::NSID, data: b"" };
    // RFC 6891 §7: no OPT in the response to a query without one.
    assert_eq!(r.push_edns_option(&option), Err(Error::BadOpt));
    assert!(parse(r.finish()).edns().is_none());
}

#[cfg(feature = "alloc")]
#[test]
fn options_survive_growth_truncation_and_rollback() {
    let q = edns_query();
    let q = parse(&q);
    let mut r = MessageBuilder::start_framed_response(Vec::new(), &q).unwrap();
    r.push_edns_option(&dnswire::EdnsOption { code: dnswire::OptionCode::NSID, data: b"first" }).unwrap();
    let point = r.checkpoint();
    for i in 0..200u8 {
        r.push_answer("www.example.", Class::IN, 60, &A::from([192, 0, 2, i])).unwrap();
    }
    r.push_edns_option(&dnswire::EdnsOption { code: dnswire::OptionCode::COOKIE, data: &[7; 8] }).unwrap();
    r.rollback(point).unwrap();
    r.push_answer("www.example.", Class::IN, 60, &A::from([192, 0, 2, 1])).unwrap();
    let frame = r.finish();
    let message = parse(&frame[2..]);
    assert_eq!(message.answers().count(), 1);
    assert_eq!(options(&message), [(3, b"first".to_vec()), (10, vec![7; 8])]);

    let mut r = MessageBuilder::start_response(Vec::new(), &q).unwrap();
    r.push_answer("www.example.", Class::IN, 60, &A::from([192, 0, 2, 1])).unwrap();
    r.push_edns_option(&dnswire::EdnsOption { code: dnswire::OptionCode::NSID, data: b"kept" }).unwrap();
    r.truncate();
    let bytes = r.finish();
    let message = parse(&bytes);
    assert!(message.header().tc());
    assert_eq!(message.answers().count(), 0);
    assert_eq!(options(&message), [(3, b"kept".to_vec())]);
}

#[test]
fn padding_fills_to_the_block_size_within_the_limit() {
    // RFC 8467 §4.1: responses padded to a multiple of 468 bytes.
    let q = edns_query();
    let q = parse(&q);
    for (answers, limit, expected) in [(1, 1232, 468), (30, 1232, 936), (1, 400, 400), (28, 512, 512)] {
        let mut buf = [0u8; 4096];
        let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
        r.set_udp_payload_size(limit as u16);
        r.set_limit(limit);
        r.set_padding(468);
        for i in 0..answers {
            r.push_answer("www.example.", Class::IN, 60, &A::from([192, 0, 2, i])).unwrap();
        }
        let out = r.finish();
        assert_eq!(out.len(), expected, "{answers} answers, limit {limit}");
        let message = parse(out);
        let padding = options(&message).pop().unwrap();
        assert_eq!(padding.0, 12);
        assert!(padding.1.iter().all(|&byte| byte == 0));
    }
}

#[test]
fn room_kept_for_a_last_record() {
    let q = query("www.example.", Rtype::A, Some(Edns { udp_payload_size: 512, ..Edns::default() }));
    let q = parse(&q);
    let mut buf = [0u8; 512];
    let mut r = MessageBuilder::start_response(&mut buf[..], &q).unwrap();
    r.keep_room(100);
    let mut n = 0;
    while r.push_answer("www.example.", Class::IN, 60, &A::from([192, 0, 2, 1])).is_ok() {
        n += 1;
    }
    assert!(r.len() + 11 + 100 <= 512 && r.len() + 11 + 100 + 16 > 512, "{} after {n}", r.len());
    r.keep_room(0);
    let wire = [[80u8].as_slice(), &[b'k'; 80]].concat();
    let txt = Txt::from_wire(&wire).unwrap();
    r.push_additional("key.", Class::ANY, 0, &txt).unwrap();
    let message = parse(r.finish());
    assert_eq!(message.additional().count(), 2);
}

#[cfg(feature = "alloc")]
#[test]
fn owned_and_parsed_records_push_in_one_call() {
    let records: Vec<dnswire::RecordBuf> = ["www.example. 60 IN A 192.0.2.1", "www.example. 60 IN TXT \"a b\" c"]
        .iter()
        .map(|text| text.parse().unwrap())
        .collect();
    let mut b = MessageBuilder::new(Vec::new()).unwrap();
    for record in &records {
        b.push_record(Section::Answer, record).unwrap();
    }
    let first = b.finish();
    let first = parse(&first);
    let mut b = MessageBuilder::new(Vec::new()).unwrap();
    for record in first.answers() {
        b.push_record(Section::Authority, &record).unwrap();
    }
    let second = b.finish();
    let second = parse(&second);
    let texts: Vec<String> = second.authority().map(|r| r.to_string()).collect();
    assert_eq!(texts, ["www.example.\t\t60\tIN\tA\t192.0.2.1", "www.example.\t\t60\tIN\tTXT\t\"a b\" \"c\""]);
}
