//! Differential against NLnet Labs' `domain` 0.12: where `domain` accepts a
//! message (header, every question, every record with its typed RDATA),
//! dnswire must accept it too and agree on the record count, each
//! record's type and each owner name (with `Message::parse`: the whole
//! input is the message). Disagreements where dnswire is
//! stricter on purpose are listed in `stricter_on_purpose` and explained in
//! FUZZING.md; any other one is a crash.
#![no_main]

use dnswire::{Error, Message, Section};
use domain::base::{Message as PeerMessage, ParsedName};
use domain::rdata::AllRecordData;
use libfuzzer_sys::fuzz_target;

/// A record as both sides see it: type and owner labels, lower-cased.
type Seen = (u16, Vec<Vec<u8>>);

fn lower(label: &[u8]) -> Vec<u8> {
    label.to_ascii_lowercase()
}

/// The types whose names RFC 3597 §4 (and RFC 6762 §18.14, for NSEC) lets
/// a sender compress: dnswire checks their RDATA when it parses a message,
/// to know every pointer in them is good.
const COMPRESSIBLE: [u16; 23] = [2, 3, 4, 5, 6, 7, 8, 9, 12, 14, 15, 17, 18, 21, 24, 26, 30, 33, 35, 36, 39, 41, 47];

/// What `domain` makes of the bytes, if it accepts them all, and whether it
/// kept as opaque bytes a record of a type whose names may be compressed
/// (such as RT or PX): RDATA dnswire checks and `domain` cannot.
fn peer_view(data: &[u8]) -> Option<(usize, Vec<Seen>, bool)> {
    let message = PeerMessage::from_octets(data).ok()?;
    let mut questions = 0;
    for question in message.question() {
        question.ok()?;
        questions += 1;
    }
    let mut seen = Vec::new();
    let mut opaque_compressible = false;
    let mut section = Some(message.answer().ok()?);
    while let Some(mut records) = section {
        for record in &mut records {
            let record = record.ok()?;
            // Decode the RDATA by type, as dnswire checks it.
            let any = record.to_any_record::<AllRecordData<_, ParsedName<_>>>().ok()?;
            if matches!(any.data(), AllRecordData::Unknown(_)) && COMPRESSIBLE.contains(&record.rtype().to_int()) {
                opaque_compressible = true;
            }
            let owner: Vec<Vec<u8>> =
                record.owner().iter().filter(|l| !l.is_root()).map(|l| lower(l.as_slice())).collect();
            seen.push((record.rtype().to_int(), owner));
        }
        section = records.next_section().ok()?;
    }
    Some((questions, seen, opaque_compressible))
}

/// Rules dnswire enforces and `domain` does not: see FUZZING.md.
fn stricter_on_purpose(error: Error) -> bool {
    matches!(
        error,
        // RFC 6891 §6.1.1: one OPT, in the additional section, owned by the root.
        Error::BadOpt
        // A pointer must land before the first byte of the labels that led to
        // it; `domain` asks only that it land before the pointer itself, and
        // may jump back into a name's own labels. Every real encoder points
        // to earlier names, which meets both rules.
        | Error::BadPointer
        // At most 127 jumps per name (a name has at most 127 labels).
        | Error::TooManyPointers
        // At most 3 units of pointer-following work per message byte:
        // compression laid out to defeat dnswire's cache of checked names.
        | Error::CompressionTooCostly
        // `domain` ignores bytes after the last record (and lets names reach
        // into them); `Message::parse` refuses them.
        | Error::TrailingBytes
        // RFC 4034 §4.1.2: NSEC type bitmap windows in increasing order,
        // no trailing zero byte; `domain` checks only each window's length.
        | Error::BadBitmap
    )
}

fuzz_target!(|data: &[u8]| {
    let Some((questions, peer, opaque_compressible)) = peer_view(data) else { return };
    let message = match Message::parse(data) {
        Ok(message) => message,
        Err(error) if stricter_on_purpose(error) => return,
        // RDATA of a compressible type `domain` does not decode (RT, PX,
        // SIG, NXT…): dnswire checks its fields and names, `domain` cannot.
        Err(_) if opaque_compressible => return,
        Err(error) => panic!("domain accepts, dnswire refuses: {error:?}"),
    };
    assert_eq!(message.questions().count(), questions);
    let ours: Vec<Seen> = Section::ALL
        .into_iter()
        .flat_map(|section| message.records(section))
        .map(|r| (r.rtype().0, r.owner().labels().map(lower).collect()))
        .collect();
    assert_eq!(ours, peer);
});
