//! Presentation text → record → text: arbitrary text through
//! `RecordBuf::from_text` (relative names against an origin) gives a
//! record or a `TextError`, never a panic; whatever reads is printed, and
//! the print reads back to the same bytes and prints the same again.
#![no_main]

use dnswire::{NameBuf, RData, RecordBuf};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let origin: NameBuf = "origin.example.".parse().unwrap();
    let Ok(record) = RecordBuf::from_text(text, Some(&origin)) else { return };
    // Records that print in RFC 3597 form (an invalid view) or not at all
    // (an empty UPDATE record) read back through other paths.
    if matches!(record.rdata(), RData::Invalid(_)) {
        return;
    }
    let printed = record.to_string();
    let again: RecordBuf = match printed.parse() {
        Ok(again) => again,
        Err(_) if matches!(record.rdata(), RData::Empty(_)) => return,
        Err(error) => panic!("{printed:?} does not read back: {error}"),
    };
    assert_eq!(again.rdata_bytes(), record.rdata_bytes(), "{printed}");
    assert_eq!(again.to_string(), printed);
});
