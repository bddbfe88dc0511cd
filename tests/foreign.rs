//! Traffic other projects captured, read as dnspython reads it.
//!
//! `tests/data/foreign/*.bin` are the DNS messages of the packet captures
//! that Zeek and tcpdump test their DNS decoders with: resolvers' and
//! servers' real answers, mDNS, LLMNR, NOTIFY, UPDATE and TSIG, and the
//! broken messages those projects keep as regression cases (provenance and
//! the extraction in `tests/data/foreign/README.md`). `NAME.dnspython` is
//! dnspython's reading of the same bytes (`tests/data/foreign/dnspython.py`).
//!
//! Where dnspython reads a message, dnswire must read it too, and print
//! every question and record as dnspython does, apart from the documented
//! places where dnspython's text is not dig's. Where dnspython refuses one,
//! dnswire must refuse it or keep it and mark the broken record, as the
//! table `REFUSED` says, message by message.
#![cfg(feature = "alloc")]

use std::collections::BTreeMap;
use std::path::PathBuf;

use dnswire::{Message, RData, Rtype, Section};

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/foreign")
}

/// Every `.bin` file with its expectation.
fn corpus() -> Vec<(String, Vec<u8>, String)> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("bin") {
            continue;
        }
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let expected = std::fs::read_to_string(path.with_extension("dnspython"))
            .unwrap_or_else(|e| panic!("{name}.dnspython: {e}; run tests/data/foreign/dnspython.py"));
        all.push((name, std::fs::read(&path).unwrap(), expected));
    }
    all.sort();
    all
}

/// One record as `dnspython.py` writes it: the head (owner, TTL, class,
/// type), the RDATA text and the uncompressed RDATA in hex.
struct Line {
    key: (String, u16, Rtype, Option<Rtype>),
    owner: String,
    ttl: u32,
    class: dnswire::Class,
    rtype: Rtype,
    text: Option<String>,
    wire: String,
}

impl Line {
    fn of(record: &dnswire::Record<'_>) -> Line {
        let rdata = record.rdata();
        // RRSIGs form one RRset per type covered (dnspython's `covers`).
        let covers = match rdata {
            RData::Rrsig(rrsig) => Some(rrsig.type_covered),
            _ => None,
        };
        let owner = record.owner().to_string();
        let text = (!matches!(rdata, RData::Empty(_))).then(|| rdata.to_string());
        let wire = dnswire::RecordBuf::from(record).rdata_bytes().iter().map(|b| format!("{b:02x}")).collect();
        Line {
            key: (owner.to_ascii_lowercase(), record.class().0, record.rtype(), covers),
            owner,
            // RFC 2181 §8, as dnspython reads it: a TTL with the top bit set
            // is 0 (dnswire hands over the field as sent, as dig prints it).
            ttl: if record.ttl() > 0x7fff_ffff { 0 } else { record.ttl() },
            class: record.class(),
            rtype: record.rtype(),
            text,
            wire,
        }
    }

    /// Whether dnspython's line says the same. The RDATA text is compared
    /// without spaces, quotes or case, where dnspython's presentation is
    /// not dig's (dnspython splits base64 and hex in chunks of 32, writes
    /// hex in lower case and quotes every SvcParam value); the wire form
    /// is compared exactly. Where dnspython's text differs in substance —
    /// TKEY (it leaves out the key and other-data sizes), LOC (it writes
    /// `1.00m` where dig writes `1m`), and class IN types with the mDNS
    /// cache-flush bit (dnspython, like dig, prints their RDATA in RFC
    /// 3597 form; dnswire decodes them, RFC 6762 §10.2) — the wire form
    /// alone is compared.
    fn matches(&self, theirs: &str, ttl: u32) -> bool {
        let head = format!("{} {ttl} {} {}", self.owner, self.class, self.rtype);
        let Some((text, wire)) = theirs.split_once('\t') else { return false };
        let Some(rest) = text.strip_prefix(head.as_str()) else { return false };
        if wire != self.wire {
            return false;
        }
        let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace() && *c != '"').collect::<String>().to_lowercase();
        let text_differs = matches!(self.rtype, Rtype::TKEY | Rtype::LOC)
            || (self.class.0 & 0x8000 != 0 && matches!(rest.trim_start(), t if t.starts_with("\\#")));
        match &self.text {
            None => rest.is_empty(),
            Some(_) if text_differs => true,
            Some(ours) => squash(rest) == squash(ours),
        }
    }
}

/// A section's records as dnspython gathers them: RRsets in the order each
/// first appears, duplicates once, each with the RRset's smallest TTL.
fn rrsets(lines: Vec<Line>) -> Vec<(Line, u32)> {
    let mut order: Vec<(Line, u32)> = Vec::new();
    for line in lines {
        let min = order.iter().filter(|(l, _)| l.key == line.key).map(|(l, _)| l.ttl).chain([line.ttl]).min().unwrap();
        for (_, ttl) in order.iter_mut().filter(|(l, _)| l.key == line.key) {
            *ttl = min;
        }
        if order.iter().any(|(l, _)| l.key == line.key && l.wire == line.wire) {
            continue;
        }
        // After the last record of its RRset, or at the end.
        let at = order.iter().rposition(|(l, _)| l.key == line.key).map_or(order.len(), |i| i + 1);
        order.insert(at, (line, min));
    }
    order
}

/// Compares the message with dnspython's lines; the first difference.
fn compare(message: &Message<&[u8]>, expected: &str) -> Result<usize, String> {
    let header = message.header();
    let bytes = message.as_bytes();
    let mut theirs = expected.lines();
    let mut next = |what: &str| theirs.next().ok_or_else(|| format!("dnspython has no {what}"));
    let mut compared = 0;
    for ours in [
        format!("id {}", header.id()),
        format!("opcode {}", header.opcode()),
        format!("flags {:#06x}", u16::from_be_bytes([bytes[2], bytes[3]])),
        ";QUESTION".to_owned(),
    ] {
        let line = next("header")?;
        if line != ours {
            return Err(format!("dnspython: {line}\n  dnswire:   {ours}"));
        }
    }
    for question in message.questions() {
        let ours = format!("{} {} {}", question.name, question.qclass, question.qtype);
        let line = next("question")?;
        if line != ours {
            return Err(format!("dnspython: {line}\n  dnswire:   {ours}"));
        }
        compared += 1;
    }
    let tsig = message.additional().last().filter(|r| r.rtype() == Rtype::TSIG);
    for (section, title) in Section::ALL.into_iter().zip([";ANSWER", ";AUTHORITY", ";ADDITIONAL"]) {
        let line = next("section")?;
        if line != title {
            return Err(format!("dnspython: {line}\n  dnswire:   {title}"));
        }
        let records = message
            .records(section)
            .filter(|r| r.rtype() != Rtype::OPT)
            .filter(|r| section != Section::Additional || tsig.is_none_or(|t| t.offset() != r.offset()));
        for (ours, ttl) in rrsets(records.map(|r| Line::of(&r)).collect()) {
            let line = next("record")?;
            if !ours.matches(line, ttl) {
                return Err(format!(
                    "dnspython: {line}\n  dnswire:   {} {ttl} {} {} {}\t{}",
                    ours.owner,
                    ours.class,
                    ours.rtype,
                    ours.text.unwrap_or_default(),
                    ours.wire
                ));
            }
            compared += 1;
        }
    }
    if let Some(opt) = message.opt_record() {
        let ttl = opt.ttl();
        let mut ours =
            vec![format!(";OPT {} {} {} {:#06x}", opt.class().0, ttl >> 24, (ttl >> 16) & 0xff, ttl & 0xffff)];
        if let RData::Opt(options) = opt.rdata() {
            for option in options.options() {
                let hex: String = option.data.iter().map(|b| format!("{b:02x}")).collect();
                ours.push(format!(";OPTION {} {hex}", option.code.0));
            }
        }
        for ours in ours {
            let line = next("OPT line")?;
            if line != ours {
                return Err(format!("dnspython: {line}\n  dnswire:   {ours}"));
            }
            compared += 1;
        }
    }
    if let Some(tsig) = tsig {
        let ours = Line::of(&tsig);
        let line = next("TSIG")?;
        if !ours.matches(line, 0) {
            return Err(format!("dnspython: {line}\n  dnswire:   {:?}", ours.text));
        }
        compared += 1;
    }
    match theirs.next() {
        Some(line) => Err(format!("dnspython has more: {line}")),
        None => Ok(compared),
    }
}

/// The messages dnspython refuses, and what dnswire does with each: refuse
/// it too (the error), or keep it (`None`) with the records named here
/// marked [`RData::Invalid`], by type. dnswire keeps a message whose broken
/// parts are framed and name-free: one RDATA of a name-free type, or an
/// EDNS option's contents (see the crate docs, "strict and lenient").
const REFUSED: &[(&str, Option<dnswire::Error>, &[Rtype])] = {
    use dnswire::Error::*;
    &[
        ("tcpdump-dns-badlabel-1", Some(NameTooLong), &[]),
        ("tcpdump-dns_fwdptr-1", Some(BadPointer), &[]),
        // 5 bytes after the last record.
        ("tcpdump-dns_udp_2-2", Some(Truncated), &[]),
        // ECS options whose address is longer than the prefix, or whose
        // family is not 1 or 2: the OPT record itself is framed, so the
        // message is kept and `EdnsOption::decode` names the broken rule.
        ("zeek-dns-edns-ecs-weirds-1", None, &[]),
        ("zeek-dns-edns-ecs-weirds-2", None, &[]),
        ("zeek-dns-edns-ecs-weirds-3", None, &[]),
        ("zeek-dns-edns-ecs-weirds-4", None, &[]),
        ("zeek-dns-edns-ecs-weirds-5", Some(OptionLength), &[]),
        ("zeek-dns-edns-ecs-bad-1", Some(RdataLength), &[]),
        ("zeek-dns-edns-ecs-bad-2", Some(RdataLength), &[]),
        ("zeek-dns-edns-ecs-bad-3", Some(RdataLength), &[]),
        ("zeek-dns-edns-ecs-bad-4", Some(RdataPastEnd), &[]),
        // SVCB RDATA of priority 1 and no target name.
        ("zeek-dns-svcb-rdlength-mismatch-1", None, &[Rtype::SVCB]),
        ("zeek-dns_dns-edns-bad-length-1", Some(OptionLength), &[]),
        ("zeek-dns_dns-invalid-names-1", Some(Truncated), &[]),
        ("zeek-dns_dns-invalid-names-2", Some(BadPointer), &[]),
        ("zeek-dns_dns-invalid-names-3", Some(Truncated), &[]),
        // LOC RDATA of 15 bytes, not 16.
        ("zeek-dns_loc-invalid-length-1", None, &[Rtype::LOC]),
        // An ALPN value whose length byte runs past the value, or stops
        // short of it; a port of 3 bytes.
        ("zeek-dns_svcb-alpn-malformed-len-too-long-2", None, &[Rtype::HTTPS]),
        ("zeek-dns_svcb-alpn-malformed-len-too-short-2", None, &[Rtype::HTTPS]),
        ("zeek-dns_svcb-port-malformed-2", None, &[Rtype::HTTPS]),
    ]
};

#[test]
fn foreign_captures_read_as_dnspython_reads_them() {
    let corpus = corpus();
    assert!(corpus.len() >= 300, "only {} messages in {}", corpus.len(), dir().display());
    let mut differences = BTreeMap::new();
    let (mut compared, mut refused) = (0, 0);
    for (name, bytes, expected) in &corpus {
        let ours = Message::parse(&bytes[..]);
        if expected.starts_with("error ") {
            refused += 1;
            let Some(&(_, error, invalid)) = REFUSED.iter().find(|(n, _, _)| n == name) else {
                differences
                    .insert(name.clone(), format!("dnspython refuses it ({}), REFUSED does not say", expected.trim()));
                continue;
            };
            let outcome = match (&ours, error) {
                (Err(ours), Some(error)) if *ours == error => Ok(()),
                (Ok(message), None) => {
                    let marked: Vec<Rtype> = Section::ALL
                        .into_iter()
                        .flat_map(|s| message.records(s))
                        .filter(|r| matches!(r.rdata(), RData::Invalid(_)))
                        .map(|r| r.rtype())
                        .collect();
                    if marked == invalid {
                        Ok(())
                    } else {
                        Err(format!("invalid records {marked:?}, not {invalid:?}"))
                    }
                }
                _ => Err(format!("dnswire: {:?}, REFUSED says {error:?}", ours.as_ref().err())),
            };
            if let Err(difference) = outcome {
                differences.insert(name.clone(), difference);
            }
            continue;
        }
        match ours {
            Ok(message) => match compare(&message, expected) {
                Ok(lines) => compared += lines,
                Err(difference) => {
                    differences.insert(name.clone(), difference);
                }
            },
            Err(error) => {
                differences.insert(name.clone(), format!("dnspython reads it, dnswire refuses it: {error}"));
            }
        }
    }
    for (name, difference) in &differences {
        println!("{name}:\n  {difference}");
    }
    println!("{} messages, {refused} refused by dnspython, {compared} lines compared", corpus.len());
    assert_eq!(refused, REFUSED.len(), "REFUSED names messages dnspython reads");
    assert!(differences.is_empty(), "{} messages differ", differences.len());
}

#[test]
fn class_in_types_are_opaque_in_other_classes() {
    // The records of an answer built by hand, as dig 9.18 prints them
    // (`tests/data/foreign/README.md`): A and AAAA with the mDNS cache-flush
    // bit, where dnswire decodes them (RFC 6762 §10.2) and dig does not;
    // HS A, typed by both; CH SRV, opaque to both.
    let cases: &[(u16, Rtype, &[u8], &str)] = &[
        (0x8001, Rtype::A, &[10, 0, 2, 7], "10.0.2.7"),
        (4, Rtype::A, &[10, 0, 0, 9], "10.0.0.9"),
        (3, Rtype::SRV, b"\x00\x01\x00\x02\x00\x03\x01x\x00", r"\# 9 000100020003017800"),
        // Six bytes are no IN A, but a Chaosnet A may be anything here.
        (3, Rtype::A, b"\x01a\x00\x01\x02\x03", r"\# 6 016100010203"),
        // CH SRV whose bytes are no SRV at all: not checked, so kept.
        (3, Rtype::SRV, b"\x01", r"\# 1 01"),
    ];
    for &(class, rtype, rdata, text) in cases {
        let mut builder = dnswire::MessageBuilder::new(Vec::new()).unwrap();
        let unknown = dnswire::UnknownRdata::new(rtype, rdata);
        builder.push_answer("a.example.", dnswire::Class(class), 60, &unknown).unwrap();
        let bytes = builder.finish();
        let message = Message::parse(&bytes[..]).unwrap_or_else(|e| panic!("CLASS{class} {rtype}: {e}"));
        let record = message.answers().next().unwrap();
        assert_eq!(record.rdata().to_string(), text, "CLASS{class} {rtype}");
    }
}
