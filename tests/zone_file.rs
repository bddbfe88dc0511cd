//! The zone reader against the wire bytes a server made of the same zone
//! file: BIND reads every record of `types.example.zone` as written (see
//! `tests/data/capture/types.sh`), and its AXFR of the zone, captured in
//! `tests/data/types-bind-axfr.bin`, holds them all (beside the DNSSEC
//! records dnssec-signzone added). The comparison with dnspython's and
//! BIND's own zone readers, on more zones, is `tests/zone/check.py`.
#![cfg(feature = "std")]

use std::collections::BTreeSet;

use dnswire::zone::{ZoneFile, RECORD_BUF_LEN};
use dnswire::{Message, RecordBuf, Rtype, Section};

/// (owner, type, class, TTL, RDATA with names uncompressed).
type Key = (String, u16, u16, u32, Vec<u8>);

fn key(record: &RecordBuf) -> Key {
    let owner = record.owner().to_string().to_ascii_lowercase();
    (owner, record.rtype().0, record.class().0, record.ttl(), record.rdata_bytes().to_vec())
}

#[test]
fn every_record_of_the_zone_is_in_binds_transfer_of_it() {
    let bytes = std::fs::read("tests/data/types-bind-axfr.bin").unwrap();
    let message = Message::parse(&bytes[..]).unwrap();
    let served: BTreeSet<Key> = message.records(Section::Answer).map(|r| key(&RecordBuf::from(&r))).collect();
    let mut zone = ZoneFile::open("tests/data/capture/types.example.zone").unwrap();
    let mut buf = vec![0u8; RECORD_BUF_LEN];
    let mut read = 0;
    let mut types = BTreeSet::new();
    while let Some(record) = zone.next_record(&mut buf).unwrap() {
        let record = RecordBuf::from(&record);
        assert!(served.contains(&key(&record)), "not in BIND's transfer: {record}");
        read += 1;
        types.insert(record.rtype());
    }
    // The transfer has the SOA twice (first and last) and the DNSSEC records.
    let signing = [Rtype::RRSIG, Rtype::NSEC3, Rtype::NSEC3PARAM, Rtype::DNSKEY];
    let unsigned = served.iter().filter(|k| !signing.contains(&Rtype(k.1))).count();
    assert_eq!(read, unsigned, "records read against those BIND served, DNSSEC aside");
    assert!(types.len() >= 40, "only {} types", types.len());
}
