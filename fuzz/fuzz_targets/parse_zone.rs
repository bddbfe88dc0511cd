//! Zone text → records: arbitrary text through `ZoneReader` (with an
//! origin, going on after each error as a linter does) gives records or
//! `TextError`s, never a panic, in time linear in the text. Every record
//! read, printed in RFC 3597's generic form (`\# LEN HEX`) with its absolute
//! owner, reads back to the same record.
#![no_main]

use dnswire::zone::{ZoneReader, RECORD_BUF_LEN};
use dnswire::{NameBuf, UnknownRdata};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let origin: NameBuf = "origin.example.".parse().unwrap();
    let mut zone = ZoneReader::new(text).with_origin(origin);
    let mut buf = vec![0u8; RECORD_BUF_LEN];
    let mut again_buf = vec![0u8; RECORD_BUF_LEN];
    // Each entry is at least a line: a bound on the calls.
    for _ in 0..=text.len() {
        let record = match zone.next_record(&mut buf) {
            Ok(Some(record)) => record,
            Ok(None) => return,
            Err(_) => continue,
        };
        let generic = UnknownRdata::new(record.rtype(), record.rdata_bytes());
        let printed = format!(
            "{} {} {} TYPE{} {generic}\n",
            record.owner(),
            record.ttl(),
            record.class(),
            record.rtype().0
        );
        let mut reader = ZoneReader::new(&printed);
        let again = match reader.next_record(&mut again_buf) {
            Ok(Some(again)) => again,
            other => panic!("{printed:?} does not read back: {other:?}"),
        };
        assert_eq!(again.owner(), record.owner(), "{printed}");
        assert_eq!((again.ttl(), again.class(), again.rtype()), (record.ttl(), record.class(), record.rtype()));
        assert_eq!(again.rdata_bytes(), record.rdata_bytes(), "{printed}");
    }
    panic!("more entries than bytes");
});
