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

/// What `domain` makes of the bytes, if it accepts them all.
fn peer_view(data: &[u8]) -> Option<(usize, Vec<Seen>)> {
    let message = PeerMessage::from_octets(data).ok()?;
    let mut questions = 0;
    for question in message.question() {
        question.ok()?;
        questions += 1;
    }
    let mut seen = Vec::new();
    let mut section = Some(message.answer().ok()?);
    while let Some(mut records) = section {
        for record in &mut records {
            let record = record.ok()?;
            // Decode the RDATA by type, as dnswire checks it.
            record.to_any_record::<AllRecordData<_, ParsedName<_>>>().ok()?;
            // RFC 1035 §3.3.14: TXT RDATA is one or more character-strings.
            // `domain` accepts none; dnswire refuses (RdataLength), on purpose.
            if record.rtype() == domain::base::iana::Rtype::TXT && record.rdlen() == 0 {
                return None;
            }
            let owner: Vec<Vec<u8>> =
                record.owner().iter().filter(|l| !l.is_root()).map(|l| lower(l.as_slice())).collect();
            seen.push((record.rtype().to_int(), owner));
        }
        section = records.next_section().ok()?;
    }
    Some((questions, seen))
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
    )
}

fuzz_target!(|data: &[u8]| {
    let Some((questions, peer)) = peer_view(data) else { return };
    let message = match Message::parse(data) {
        Ok(message) => message,
        Err(error) if stricter_on_purpose(error) => return,
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
