//! An authoritative DNS server over UDP and TCP, answering from zone files:
//!
//! ```text
//! cargo run --example serve -- --listen 127.0.0.1:5300 tests/data/zone/good/example.com.zone
//! dig @127.0.0.1 -p 5300 www.example.com. A
//! ```
//!
//! Each zone's origin is its SOA record's owner (the file's `$ORIGIN`).
//! Answers as RFC 1034 §4.3.2 describes: AA answers, CNAME chains inside
//! the zone, NXDOMAIN and NODATA with the SOA record in authority (RFC
//! 2308 §3, its TTL the smaller of the SOA's TTL and MINIMUM), referrals
//! with glue for delegations, wildcards (RFC 4592), additional addresses
//! for NS, MX and SRV targets; EDNS as the client asks (RFC 6891), TC over
//! UDP when the answer does not fit, AXFR over TCP (RFC 5936); FORMERR,
//! NOTIMP and REFUSED for what it does not serve. Runs until killed.

use std::collections::BTreeMap;
use std::io::{BufReader, BufWriter};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::ops::Bound;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use dnswire::zone::ZoneFile;
use dnswire::{
    tcp, Class, Message, MessageBuilder, NameBuf, Opcode, OutputBuffer, RData, Rcode, RecordBuf, Rtype, Section,
};

const USAGE: &str = "usage: serve --listen ADDR:PORT ZONEFILE...";

/// Links of a CNAME chain followed inside the zone, at most.
const MAX_CHAIN: usize = 8;

/// One zone: its records by owner, in canonical order (RFC 4034 §6.1), so
/// that a name's descendants follow it.
struct Zone {
    origin: NameBuf,
    soa: RecordBuf,
    names: BTreeMap<NameBuf, Vec<RecordBuf>>,
}

impl Zone {
    fn load(path: &str) -> Result<Zone, String> {
        let mut names: BTreeMap<NameBuf, Vec<RecordBuf>> = BTreeMap::new();
        let mut soa = None;
        let mut errors = Vec::new();
        for record in ZoneFile::open(path).map_err(|error| format!("{path}: {}", error.message()))? {
            match record {
                Ok(record) => {
                    if record.rtype() == Rtype::SOA && soa.is_none() {
                        soa = Some(record.clone());
                    }
                    names.entry(NameBuf::from(record.owner())).or_default().push(record);
                }
                Err(error) => errors.push(error.message()),
            }
        }
        if !errors.is_empty() {
            return Err(errors.join("\n"));
        }
        let soa = soa.ok_or_else(|| format!("{path}: no SOA record"))?;
        let origin = NameBuf::from(soa.owner());
        Ok(Zone { origin, soa, names })
    }

    fn records(&self, name: &NameBuf) -> &[RecordBuf] {
        self.names.get(name).map_or(&[], Vec::as_slice)
    }

    /// Whether `name` has records, or names below it do (an empty
    /// non-terminal, RFC 8020 §2 aside: it exists).
    fn exists(&self, name: &NameBuf) -> bool {
        if self.names.contains_key(name) {
            return true;
        }
        let next = self.names.range((Bound::Excluded(name.clone()), Bound::Unbounded)).next();
        next.is_some_and(|(below, _)| below.is_subdomain_of(name))
    }

    /// The delegation above or at `name` (below the apex): its owner.
    fn delegation(&self, name: &NameBuf) -> Option<NameBuf> {
        let mut cuts = Vec::new();
        let mut at = Some(name.clone());
        while let Some(current) = at {
            if current == self.origin {
                break;
            }
            if self.records(&current).iter().any(|r| r.rtype() == Rtype::NS) {
                cuts.push(current.clone());
            }
            at = current.parent();
        }
        // The highest cut wins: below it the zone has only glue.
        cuts.pop()
    }
}

/// How a query is answered: its records by section, the rcode, AA.
struct Answer {
    rcode: Rcode,
    authoritative: bool,
    answer: Vec<RecordBuf>,
    authority: Vec<RecordBuf>,
    additional: Vec<RecordBuf>,
}

/// `record` with another owner (a wildcard's synthesis, RFC 4592 §4.1).
fn renamed(record: &RecordBuf, owner: &NameBuf) -> RecordBuf {
    RecordBuf::new(owner, record.class(), record.ttl(), &record.rdata()).unwrap_or_else(|_| record.clone())
}

/// The SOA record for a negative answer: its TTL the smaller of its own
/// and the MINIMUM field (RFC 2308 §3).
fn negative_soa(zone: &Zone) -> RecordBuf {
    let mut soa = zone.soa.clone();
    if let RData::Soa(fields) = soa.rdata() {
        let ttl = soa.ttl().min(fields.minimum);
        soa.set_ttl(ttl);
    }
    soa
}

/// The target a record asks the additional section about.
fn target(record: &RecordBuf) -> Option<NameBuf> {
    match record.rdata() {
        RData::Ns(ns) => Some(NameBuf::from(ns.nsdname)),
        RData::Mx(mx) => Some(NameBuf::from(mx.exchange)),
        RData::Srv(srv) => Some(NameBuf::from(srv.target)),
        _ => None,
    }
}

/// The A and AAAA records of `targets` found in the zone.
fn addresses(zone: &Zone, targets: impl Iterator<Item = NameBuf>, out: &mut Vec<RecordBuf>) {
    for name in targets {
        if !name.is_subdomain_of(&zone.origin) {
            continue;
        }
        for record in zone.records(&name) {
            let is_address = matches!(record.rtype(), Rtype::A | Rtype::AAAA);
            if is_address && !out.iter().any(|kept| kept.to_string() == record.to_string()) {
                out.push(record.clone());
            }
        }
    }
}

fn lookup(zone: &Zone, qname: &NameBuf, qtype: Rtype) -> Answer {
    let mut answer = Answer {
        rcode: Rcode::NOERROR,
        authoritative: true,
        answer: Vec::new(),
        authority: Vec::new(),
        additional: Vec::new(),
    };
    let mut name = qname.clone();
    for _ in 0..MAX_CHAIN {
        if let Some(cut) = zone.delegation(&name) {
            // A referral (RFC 1034 §4.3.2 step 3b), not authoritative unless
            // part of the answer is; glue in additional.
            if answer.answer.is_empty() {
                answer.authoritative = false;
            }
            let ns: Vec<RecordBuf> = zone.records(&cut).iter().filter(|r| r.rtype() == Rtype::NS).cloned().collect();
            addresses(zone, ns.iter().filter_map(target), &mut answer.additional);
            answer.authority = ns;
            return answer;
        }
        let records: Vec<RecordBuf> = if zone.exists(&name) {
            zone.records(&name).to_vec()
        } else {
            // RFC 4592 §3.3.1: the closest encloser, then its wildcard.
            let mut encloser = name.parent();
            while let Some(candidate) = &encloser {
                if zone.exists(candidate) {
                    break;
                }
                encloser = candidate.parent();
            }
            let wildcard =
                encloser.and_then(|encloser| "*".parse::<NameBuf>().ok().and_then(|star| star.join(&encloser).ok()));
            match wildcard.filter(|wildcard| zone.names.contains_key(wildcard)) {
                Some(wildcard) => zone.records(&wildcard).iter().map(|r| renamed(r, &name)).collect(),
                None => {
                    if answer.answer.is_empty() {
                        answer.rcode = Rcode::NXDOMAIN;
                    }
                    answer.authority.push(negative_soa(zone));
                    return answer;
                }
            }
        };
        let matching: Vec<RecordBuf> =
            records.iter().filter(|r| qtype == Rtype::ANY || r.rtype() == qtype).cloned().collect();
        if !matching.is_empty() {
            addresses(zone, matching.iter().filter_map(target), &mut answer.additional);
            answer.answer.extend(matching);
            return answer;
        }
        match records.iter().find(|r| r.rtype() == Rtype::CNAME) {
            Some(cname) => {
                answer.answer.push(cname.clone());
                let RData::Cname(rdata) = cname.rdata() else { return answer };
                let next = NameBuf::from(rdata.cname);
                // Outside the zone, or a loop: the chain as far as it goes.
                let looped = answer.answer.iter().any(|r| r.owner() == next);
                if !next.is_subdomain_of(&zone.origin) || looped {
                    return answer;
                }
                name = next;
            }
            None => {
                // NODATA (RFC 2308 §2.2).
                answer.authority.push(negative_soa(zone));
                return answer;
            }
        }
    }
    answer
}

/// The zone that holds `qname`: the one with the longest origin.
fn find_zone<'z>(zones: &'z [Zone], qname: &NameBuf) -> Option<&'z Zone> {
    zones.iter().filter(|zone| qname.is_subdomain_of(&zone.origin)).max_by_key(|zone| zone.origin.label_count())
}

/// A response carrying only a header (and the question, if any), for an
/// rcode: FORMERR, NOTIMP, REFUSED.
fn error_response<B: OutputBuffer>(target: B, query: &Message<&[u8]>, rcode: Rcode, framed: bool) -> Option<B::Output> {
    let mut response = start(target, query, framed)?;
    response.set_rcode(rcode).ok()?;
    Some(response.finish())
}

/// The response to `query`, framed for TCP or not.
fn start<B: OutputBuffer>(target: B, query: &Message<&[u8]>, framed: bool) -> Option<MessageBuilder<B>> {
    let started = if framed {
        MessageBuilder::start_framed_response(target, query)
    } else {
        MessageBuilder::start_response(target, query)
    };
    started.ok()
}

/// The response to `bytes`, or `None` to drop it (not a query at all).
fn respond(zones: &[Zone], bytes: &[u8], framed: bool) -> Option<Vec<u8>> {
    let query = match Message::parse(bytes) {
        Ok(query) => query,
        Err(_) => {
            // As Knot does: FORMERR (with the query's ID) when the header
            // and question read, or there is no question; dropped when
            // even they are broken (or it is a response).
            if bytes.len() < 12 || bytes[2] & 0x80 != 0 || !question_reads(bytes) {
                return None;
            }
            let mut header = [0u8; 12];
            header.copy_from_slice(&bytes[..12]);
            header[2] = (header[2] & 0x79) | 0x80; // QR, opcode and RD kept
            header[3] = Rcode::FORMERR.0 as u8;
            header[4..].fill(0);
            return Some(if framed { [&tcp::prefix(12).ok()?[..], &header].concat() } else { header.to_vec() });
        }
    };
    let header = query.header();
    if header.qr() {
        return None;
    }
    if header.opcode() != Opcode::QUERY {
        return error_response(Vec::new(), &query, Rcode::NOTIMP, framed);
    }
    if header.qdcount() > 1 {
        // Knot drops these.
        return None;
    }
    let Some(question) = query.question() else {
        return error_response(Vec::new(), &query, Rcode::FORMERR, framed);
    };
    if question.qtype == Rtype(0) {
        // TYPE0 is reserved (RFC 6895 §3.1): not a question to answer.
        return error_response(Vec::new(), &query, Rcode::NOTIMP, framed);
    }
    let qname = NameBuf::from(question.name);
    let Some(zone) = find_zone(zones, &qname).filter(|_| question.qclass == Class::IN) else {
        return error_response(Vec::new(), &query, Rcode::REFUSED, framed);
    };
    if question.qtype == Rtype::AXFR && !framed {
        // Over TCP only (RFC 5936 §4.2), refused as Knot refuses it.
        return error_response(Vec::new(), &query, Rcode::NOTIMP, framed);
    }
    if matches!(question.qtype, Rtype::AXFR | Rtype::IXFR) {
        // An IXFR names the client's SOA in authority (RFC 1995 §3); the
        // transfers themselves are `serve_tcp`'s.
        let has_soa = query.authority().any(|r| r.rtype() == Rtype::SOA);
        if qname != zone.origin || (question.qtype == Rtype::IXFR && !has_soa) || question.qtype == Rtype::AXFR {
            return error_response(Vec::new(), &query, Rcode::FORMERR, framed);
        }
        if !framed {
            // IXFR over UDP: the SOA alone tells the client to use TCP
            // (RFC 1995 §2).
            let mut response = MessageBuilder::start_response(Vec::new(), &query).ok()?;
            response.header_mut().set_aa(true);
            response.push_record(Section::Answer, &zone.soa).ok()?;
            return Some(response.finish());
        }
        return None;
    }
    let answer = lookup(zone, &qname, question.qtype);
    let mut response = start(Vec::new(), &query, framed)?;
    response.header_mut().set_aa(answer.authoritative);
    response.set_rcode(answer.rcode).ok()?;
    let sections = [
        (Section::Answer, &answer.answer, true),
        (Section::Authority, &answer.authority, true),
        (Section::Additional, &answer.additional, false),
    ];
    'sections: for (section, records, required) in sections {
        for record in records {
            if response.push_record(section, record).is_err() {
                if required {
                    // RFC 2181 §9: what does not fit is dropped, TC set.
                    response.truncate();
                }
                // Additional addresses that do not fit are left out
                // (RFC 1035 §7.3, RFC 9471 aside).
                break 'sections;
            }
        }
    }
    Some(response.finish())
}

/// Whether the header and question of a message the parser refused read
/// on their own (or it has no question).
fn question_reads(bytes: &[u8]) -> bool {
    let mut head = bytes.to_vec();
    // Counts: the question only.
    head[6..12].fill(0);
    if u16::from_be_bytes([head[4], head[5]]) > 1 {
        return false;
    }
    Message::parse_prefix(&head[..]).is_ok()
}

/// An AXFR over TCP: the SOA, every record, the SOA again, in messages of
/// at most 16 KiB as Knot sends them.
fn transfer(zone: &Zone, query: &Message<&[u8]>, stream: &mut impl std::io::Write) -> std::io::Result<()> {
    let mut records = vec![&zone.soa];
    records.extend(zone.names.values().flatten().filter(|r| r.rtype() != Rtype::SOA));
    records.push(&zone.soa);
    let mut iter = records.into_iter().peekable();
    while iter.peek().is_some() {
        let mut message = MessageBuilder::start_framed_response(Vec::new(), query).map_err(to_io)?;
        message.header_mut().set_aa(true);
        message.set_limit(16_384);
        let mut pushed = 0;
        while let Some(record) = iter.peek() {
            match message.push_record(Section::Answer, *record) {
                Ok(()) => {
                    pushed += 1;
                    iter.next();
                }
                Err(_) if pushed > 0 => break,
                Err(error) => return Err(to_io(error)),
            }
        }
        stream.write_all(&message.finish())?;
    }
    stream.flush()
}

fn to_io(error: dnswire::Error) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, error)
}

fn serve_tcp(zones: &[Zone], stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = BufWriter::new(stream);
    let mut buffer = Vec::new();
    while tcp::read_message(&mut reader, &mut buffer)? {
        if let Ok(query) = Message::parse(&buffer[..]) {
            let question = query.question();
            let wanted = |q: &dnswire::Question<'_>| q.qtype == Rtype::AXFR || q.qtype == Rtype::IXFR;
            if let Some(question) = question.filter(|q| wanted(q) && !query.header().qr()) {
                let qname = NameBuf::from(question.name);
                let has_soa = query.authority().any(|r| r.rtype() == Rtype::SOA);
                let asked = question.qtype == Rtype::AXFR || has_soa;
                if let Some(zone) = find_zone(zones, &qname).filter(|zone| zone.origin == qname && asked) {
                    // IXFR: this server keeps no history, so the whole
                    // zone, in AXFR's form (RFC 1995 §4).
                    transfer(zone, &query, &mut writer)?;
                    continue;
                }
            }
        }
        if let Some(response) = respond(zones, &buffer, true) {
            std::io::Write::write_all(&mut writer, &response)?;
            std::io::Write::flush(&mut writer)?;
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut listen: Option<SocketAddr> = None;
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--listen" => match args.next().and_then(|a| a.parse().ok()) {
                Some(addr) => listen = Some(addr),
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::FAILURE;
                }
            },
            _ => files.push(arg),
        }
    }
    let (Some(listen), false) = (listen, files.is_empty()) else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    let mut zones = Vec::new();
    for file in &files {
        match Zone::load(file) {
            Ok(zone) => zones.push(zone),
            Err(error) => {
                eprintln!("{error}");
                return ExitCode::FAILURE;
            }
        }
    }
    let zones = Arc::new(zones);
    let (udp, tcp_listener) = match (UdpSocket::bind(listen), TcpListener::bind(listen)) {
        (Ok(udp), Ok(tcp)) => (udp, tcp),
        (Err(error), _) | (_, Err(error)) => {
            eprintln!("{listen}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let tcp_zones = Arc::clone(&zones);
    std::thread::spawn(move || {
        for stream in tcp_listener.incoming().flatten() {
            let zones = Arc::clone(&tcp_zones);
            std::thread::spawn(move || {
                let _ = serve_tcp(&zones, stream);
            });
        }
    });
    eprintln!("serving {} zones on {listen} (UDP and TCP)", zones.len());
    let mut buf = [0u8; 65_535];
    loop {
        let Ok((len, peer)) = udp.recv_from(&mut buf) else { continue };
        if let Some(response) = respond(&zones, &buf[..len], false) {
            let _ = udp.send_to(&response, peer);
        }
    }
}
