//! Real Windows dynamic updates (RFC 2136), compared with dnspython's
//! decoding of the same bytes.
//!
//! `tests/data/update/update-windows-N.bin` are four messages from a public
//! capture (provenance in `update-windows.md`): two clients each delete
//! their A and AAAA records (class ANY, RDLENGTH 0) and add one, on the
//! prerequisite that no CNAME exists (class NONE, RDLENGTH 0); one is
//! signed with GSS-TSIG. `NAME.dnspython` is dnspython 2's text for the
//! same bytes (`tests/data/update/dnspython.py`), the expectation here.
#![cfg(feature = "alloc")]

use std::path::PathBuf;

use dnswire::{Class, Message, Opcode, RData, Rtype, Section};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/update").join(name)
}

/// dnspython's line for a record: without a TTL or RDATA when the RDATA is
/// empty, as it prints update records.
fn dnspython_line(record: &dnswire::Record<'_>) -> String {
    let rdata = record.rdata();
    if matches!(rdata, RData::Empty(_)) {
        format!("{} {} {}", record.owner(), record.class(), record.rtype())
    } else {
        let text = format!("{} {} {} {} {}", record.owner(), record.ttl(), record.class(), record.rtype(), rdata);
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

#[test]
fn windows_dynamic_updates_parse_as_dnspython_reads_them() {
    for n in 1..=4 {
        let bytes = std::fs::read(data(&format!("update-windows-{n}.bin"))).unwrap();
        let expected = std::fs::read_to_string(data(&format!("update-windows-{n}.dnspython"))).unwrap();
        let message = Message::parse(&bytes[..]).unwrap_or_else(|e| panic!("update-windows-{n}: {e}"));
        assert_eq!(message.header().opcode(), Opcode::UPDATE, "{n}");
        let id_line = expected.lines().next().unwrap();
        assert_eq!(id_line, format!("id {}", message.header().id()), "{n}");
        assert!(expected.contains(&format!("rcode {}", message.rcode())), "{n}");

        // The zone is the question section; then prerequisites, updates
        // and the additional section, record by record.
        let zone = message.question().unwrap();
        let sections = ["PREREQ", "UPDATE", "ADDITIONAL"];
        let mut lines = expected.lines().skip_while(|l| *l != ";ZONE").skip(1);
        assert_eq!(lines.next().unwrap(), format!("{} {} {}", zone.name, zone.qclass, zone.qtype), "{n}: zone");
        for (section, title) in Section::ALL.into_iter().zip(sections) {
            assert_eq!(lines.next(), Some(format!(";{title}").as_str()), "{n}");
            for record in message.records(section) {
                assert_eq!(lines.next().unwrap(), dnspython_line(&record), "{n}: {title}");
            }
        }
        assert_eq!(lines.next(), None, "{n}: dnspython has more records");

        // The deletions and the prerequisite decode as empty RDATA.
        let empty: Vec<(Class, Rtype)> = message
            .answers()
            .chain(message.authority())
            .filter(|r| matches!(r.rdata(), RData::Empty(_)))
            .map(|r| (r.class(), r.rtype()))
            .collect();
        assert_eq!(empty, [(Class::NONE, Rtype::CNAME), (Class::ANY, Rtype::AAAA), (Class::ANY, Rtype::A)], "{n}");
    }
}

#[test]
fn signed_update_keeps_its_gss_tsig_record() {
    let bytes = std::fs::read(data("update-windows-1.bin")).unwrap();
    let message = Message::parse(&bytes[..]).unwrap();
    let tsig = message.additional().next().unwrap();
    let RData::Tsig(tsig) = tsig.rdata() else { panic!("not TSIG: {:?}", tsig.rdata()) };
    assert_eq!(tsig.algorithm.to_string(), "gss-tsig.");
    assert_eq!(tsig.fudge, 36000);
    assert_eq!(tsig.mac.len(), 28);
    assert_eq!(tsig.original_id, message.header().id());
    // Rebuilt record by record, the update says the same.
    let mut builder = dnswire::MessageBuilder::new(Vec::new()).unwrap();
    builder.header_mut().set_opcode(Opcode::UPDATE);
    let zone = message.question().unwrap();
    builder.push_question(zone.name, zone.qtype, zone.qclass).unwrap();
    for section in Section::ALL {
        for record in message.records(section) {
            builder.push_record(section, &record).unwrap();
        }
    }
    let rebuilt = builder.finish();
    let copy = Message::parse(&rebuilt[..]).unwrap();
    let lines = |m: &Message<&[u8]>| {
        m.answers().chain(m.authority()).chain(m.additional()).map(|r| r.to_string()).collect::<Vec<_>>()
    };
    assert_eq!(lines(&copy), lines(&message));
}
