//! RFC 3597 §4: names inside the RDATA of the RFC 1035 types and of RP,
//! AFSDB, RT, SIG, PX, NXT, NAPTR, KX and SRV may be compressed, and so may
//! NSEC's in mDNS (RFC 6762 §18.14). Every path that writes a parsed
//! record again must write the names themselves, never the stale pointer.
#![cfg(feature = "alloc")]

use dnswire::{Class, Message, MessageBuilder, RData, RecordBuf, Rtype, Section};

/// A response whose question name is `mail.example.` at offset 12, with one
/// answer of `rtype` whose RDATA is `rdata` (`P` stands for a pointer to
/// the question name).
fn response(rtype: Rtype, rdata: &[u8]) -> Vec<u8> {
    let mut m = vec![0, 1, 0x84, 0, 0, 1, 0, 1, 0, 0, 0, 0];
    m.extend_from_slice(b"\x04mail\x07example\x00\x00\x01\x00\x01");
    m.extend_from_slice(&[0xc0, 12]);
    m.extend_from_slice(&rtype.0.to_be_bytes());
    m.extend_from_slice(&[0, 1, 0, 0, 0x0e, 0x10]);
    m.extend_from_slice(&(rdata.len() as u16).to_be_bytes());
    m.extend_from_slice(rdata);
    m
}

const P: [u8; 2] = [0xc0, 12];

fn cases() -> Vec<(Rtype, Vec<u8>, &'static str)> {
    let cat = |parts: &[&[u8]]| parts.concat();
    let sig_fixed: &[u8] = &[0, 1, 8, 2, 0, 0, 14, 16, 0x6a, 0, 0, 0, 0x69, 0, 0, 0, 0x30, 0x39];
    vec![
        (Rtype::MINFO, cat(&[&P, &P]), "mail.example. mail.example."),
        (Rtype::MB, P.to_vec(), "mail.example."),
        (Rtype::MG, P.to_vec(), "mail.example."),
        (Rtype::MR, P.to_vec(), "mail.example."),
        (Rtype::MD, P.to_vec(), "mail.example."),
        (Rtype::MF, P.to_vec(), "mail.example."),
        (Rtype::RP, cat(&[b"\x05admin", &P, &P]), "admin.mail.example. mail.example."),
        (Rtype::AFSDB, cat(&[&[0, 1], &P]), "1 mail.example."),
        (Rtype::RT, cat(&[&[0, 10], &P]), "10 mail.example."),
        (Rtype::KX, cat(&[&[0, 10], &P]), "10 mail.example."),
        (Rtype::PX, cat(&[&[0, 10], &P, b"\x01x", &P]), "10 mail.example. x.mail.example."),
        (Rtype::SRV, cat(&[&[0, 1, 0, 2, 0, 25], &P]), "1 2 25 mail.example."),
        (
            Rtype::NAPTR,
            cat(&[&[0, 100, 0, 10], b"\x01S\x07SIP+D2U\x00", b"\x04_sip", &P]),
            r#"100 10 "S" "SIP+D2U" "" _sip.mail.example."#,
        ),
        (Rtype::NSEC, cat(&[b"\x01a", &P, &[0, 1, 0x40]]), "a.mail.example. A"),
        (Rtype::NXT, cat(&[&P, &[0x40]]), "mail.example. A"),
        (Rtype::DNAME, P.to_vec(), "mail.example."),
        // Times from `date -u -d @$((0x6a000000)) +%Y%m%d%H%M%S` and @$((0x69000000)).
        (
            Rtype::SIG,
            cat(&[sig_fixed, &P, &[0xde, 0xad]]),
            "A 8 2 3600 20260510034816 20251027232800 12345 mail.example. 3q0=",
        ),
    ]
}

#[test]
fn names_in_rdata_are_decompressed_when_read() {
    for (rtype, rdata, text) in cases() {
        let bytes = response(rtype, &rdata);
        let message = Message::parse(&bytes[..]).unwrap_or_else(|e| panic!("{rtype}: {e}"));
        let record = message.answers().next().unwrap();
        assert_eq!(record.rdata().to_string(), text, "{rtype}");
    }
}

#[test]
fn rewritten_records_carry_their_names_not_pointers() {
    for (rtype, rdata, text) in cases() {
        let bytes = response(rtype, &rdata);
        let message = Message::parse(&bytes[..]).unwrap();
        let record = message.answers().next().unwrap();

        // Into a message where offset 12 holds another name.
        let mut builder = MessageBuilder::new(Vec::new()).unwrap();
        builder.push_question("other.test.", Rtype::A, Class::IN).unwrap();
        builder.push_record(Section::Answer, &record).unwrap();
        let copy = builder.finish();
        let copy = Message::parse(&copy[..]).unwrap_or_else(|e| panic!("{rtype}: {e}"));
        assert_eq!(copy.answers().next().unwrap().rdata().to_string(), text, "{rtype}: builder");

        // An owned record: its RDATA holds no pointer at all.
        let owned = RecordBuf::from(&record);
        assert_eq!(owned.rdata().to_string(), text, "{rtype}: RecordBuf");
        let raw = owned.rdata_bytes();
        assert!(!matches!(owned.rdata(), RData::Unknown(_) | RData::Invalid(_)), "{rtype}");
        let again = RecordBuf::new("x.test.", Class::IN, 0, &dnswire::UnknownRdata::new(rtype, raw)).unwrap();
        assert_eq!(again.rdata_bytes(), raw, "{rtype}: stored form is already uncompressed");
    }
}

/// Names that should not be compressed (RRSIG's signer, SVCB's target),
/// compressed anyway: followed when read, written whole.
#[test]
fn names_that_should_not_be_compressed_are_followed_and_written_whole() {
    let fixed: &[u8] = &[0, 1, 13, 2, 0, 0, 14, 16, 0x6a, 0, 0, 0, 0x69, 0, 0, 0, 0x30, 0x39];
    let cases = [
        (
            Rtype::RRSIG,
            [fixed, &P, &[0xde, 0xad]].concat(),
            "A 13 2 3600 20260510034816 20251027232800 12345 mail.example. 3q0=",
        ),
        (Rtype::SVCB, [&[0, 1][..], &P, &[0, 3, 0, 2, 0x01, 0xbb]].concat(), "1 mail.example. port=443"),
    ];
    for (rtype, rdata, text) in cases {
        let bytes = response(rtype, &rdata);
        let message = Message::parse(&bytes[..]).unwrap();
        let record = message.answers().next().unwrap();
        assert_eq!(record.rdata().to_string(), text, "{rtype}");
        let mut builder = MessageBuilder::new(Vec::new()).unwrap();
        builder.push_question("other.test.", Rtype::A, Class::IN).unwrap();
        builder.push_record(Section::Answer, &record).unwrap();
        let copy = builder.finish();
        let copy = Message::parse(&copy[..]).unwrap();
        assert_eq!(copy.answers().next().unwrap().rdata().to_string(), text, "{rtype}: builder");
        assert_eq!(RecordBuf::from(&record).rdata().to_string(), text, "{rtype}: RecordBuf");
    }
    // A signer whose pointer goes nowhere: invalid, and not written into
    // another message, where the same bytes could point at something.
    let bad = [fixed, &[0xc0, 0xff, 0xde]].concat();
    let bytes = response(Rtype::RRSIG, &bad);
    let message = Message::parse(&bytes[..]).unwrap();
    let record = message.answers().next().unwrap();
    assert!(matches!(record.rdata(), RData::Invalid(_)));
    let mut builder = MessageBuilder::new(Vec::new()).unwrap();
    assert_eq!(builder.push_record(Section::Answer, &record), Err(dnswire::Error::BadPointer));
}
