//! The reader's behaviour beyond what a record's text gives: state across
//! entries, errors and where they are, includes. The records themselves are
//! compared with dnspython's and BIND's readers by `tests/zone/check.py`.

use super::*;
use crate::{Error, RData, Rtype};

/// Every record as `owner ttl class type rdata`, or the errors met.
fn read(text: &str) -> (Vec<String>, Vec<TextError>) {
    let mut buf = [0u8; RECORD_BUF_LEN];
    let mut zone = ZoneReader::new(text);
    let (mut records, mut errors) = (Vec::new(), Vec::new());
    loop {
        match zone.next_record(&mut buf) {
            Ok(Some(r)) => records.push(format!("{} {} {} {} {}", r.owner(), r.ttl(), r.class(), r.rtype(), r.rdata())),
            Ok(None) => return (records, errors),
            Err(error) => errors.push(error),
        }
    }
}

#[test]
fn blank_owner_ttl_and_class_carry_over() {
    let (records, errors) = read("$ORIGIN example.\n$TTL 300\n@ 60 IN NS ns\n\tNS ns2\nns A 192.0.2.1\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(
        records,
        ["example. 60 IN NS ns.example.", "example. 300 IN NS ns2.example.", "ns.example. 300 IN A 192.0.2.1"]
    );
}

#[test]
fn errors_name_the_line_and_column_and_reading_goes_on() {
    let text = "$ORIGIN example.\n$TTL 300\nmx MX 65536 mail\nok A 192.0.2.1\nbad A 192.0.2.256\n( \n ) ; nothing\nlast A 192.0.2.2\n";
    let (records, errors) = read(text);
    assert_eq!(records, ["ok.example. 300 IN A 192.0.2.1", "last.example. 300 IN A 192.0.2.2"]);
    let places: Vec<_> = errors.iter().map(|e| (e.line(), e.column(), e.field(), e.error())).collect();
    assert_eq!(places, [(3, 7, "MX preference", Error::BadNumber), (5, 7, "A address", Error::BadAddress)]);
}

#[test]
fn an_error_on_a_later_line_of_an_entry_is_placed_there() {
    let text = "$TTL 1\nexample. SOA ns.example. h.example. (\n 1 2 3\n 4 x )\n";
    let (_, errors) = read(text);
    assert_eq!((errors[0].line(), errors[0].column()), (4, 4));
}

#[test]
fn what_the_servers_refuse_is_refused() {
    let cases: [(&str, Error); 7] = [
        // The first record has no owner to continue.
        ("$TTL 1\n  A 192.0.2.1\n", Error::NoOwner),
        // No TTL anywhere before, and not an SOA.
        ("example. A 192.0.2.1\n", Error::NoTtl),
        ("$TTL 1\nexample. IN A 192.0.2.1\nexample. CH A 192.0.2.1\n", Error::WrongClass),
        ("$GENERATE 1-2 h$ A 192.0.2.$\n", Error::BadDirective),
        ("$TTL 1h1\n", Error::BadNumber),
        ("$TTL 1 2\n", Error::TrailingText),
        ("$TTL 1\nrelative A 192.0.2.1\n", Error::RelativeName),
    ];
    for (text, expected) in cases {
        let (records, errors) = read(text);
        assert_eq!(errors.iter().map(|e| e.error()).collect::<Vec<_>>(), [expected], "{text:?}: {records:?}");
    }
}

#[test]
fn without_ttl_the_soa_minimum_then_the_previous_ttl() {
    let mut buf = [0u8; RECORD_BUF_LEN];
    let mut zone = ZoneReader::new("example. SOA ns.example. h.example. 1 2 3 4 600\nexample. NS ns.example.\n");
    assert_eq!(zone.next_record(&mut buf).unwrap().unwrap().ttl(), 600);
    assert_eq!(zone.take_warning(), Some(Warning::SoaMinimumAsTtl { line: 1, ttl: 600 }));
    assert_eq!(zone.next_record(&mut buf).unwrap().unwrap().ttl(), 600);
    assert_eq!(zone.take_warning(), None);

    let mut zone = ZoneReader::new("a.example. 30 A 192.0.2.1\nb.example. A 192.0.2.2\n");
    zone.next_record(&mut buf).unwrap();
    assert_eq!(zone.next_record(&mut buf).unwrap().unwrap().ttl(), 30);
    assert_eq!(zone.take_warning(), Some(Warning::PreviousTtl { line: 2, ttl: 30 }));
}

#[test]
fn crlf_line_ends_and_a_last_line_without_one() {
    let (records, errors) =
        read("$TTL 5\r\na.example. A 192.0.2.1\r\nb.example. TXT ( \"x\"\r\n \"y\" )\r\nc.example. A 192.0.2.3");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records.len(), 3);
    assert_eq!(records[1], "b.example. 5 IN TXT \"x\" \"y\"");
}

#[test]
fn include_is_handed_to_the_caller_or_refused() {
    let text = "$ORIGIN example.\n$TTL 1\n$INCLUDE \"sub file.zone\" sub\n";
    let mut buf = [0u8; RECORD_BUF_LEN];
    match ZoneReader::new(text).next_entry(&mut buf) {
        Ok(Some(Entry::Include { path, origin, line })) => {
            assert_eq!((path, line), ("sub file.zone", 3));
            assert_eq!(origin.unwrap().to_string(), "sub.example.");
        }
        other => panic!("{other:?}"),
    }
    let error = ZoneReader::new(text).next_record(&mut buf).unwrap_err();
    assert_eq!((error.error(), error.line()), (Error::IncludeRefused, 3));
}

#[test]
fn a_record_fits_a_small_buffer_or_says_so() {
    let text = "$TTL 1\nexample. TXT \"a fairly long string that needs room\"\n";
    let mut small = [0u8; 24];
    let error = ZoneReader::new(text).next_record(&mut small).unwrap_err();
    assert_eq!(error.error(), Error::BufferTooSmall);
    let mut enough = [0u8; 64];
    let record = ZoneReader::new(text).next_record(&mut enough).unwrap().unwrap();
    assert!(matches!(record.rdata(), RData::Txt(_)));
    assert_eq!(record.rtype(), Rtype::TXT);
}

#[test]
fn unclosed_parentheses_at_the_end_are_an_error() {
    let (records, errors) = read("$TTL 1\na.example. A 192.0.2.1\nb.example. TXT ( \"x\"\n\"y\"\n");
    assert_eq!(records.len(), 1);
    assert_eq!(errors.len(), 1);
    // At the end of the text, line 5, where BIND and dnspython see it.
    assert_eq!((errors[0].line(), errors[0].field()), (5, "parentheses"));
}

#[test]
fn found_in_review() {
    // A written owner stays the owner even when its record is refused.
    let (records, errors) = read("$TTL 1\na.example. A 192.0.2.1\nb.example. A 192.0.2.256\n  TXT \"x\"\n");
    assert_eq!(errors.len(), 1);
    assert_eq!(records[1], "b.example. 1 IN TXT \"x\"");
    // Meta types are no data (BIND: "invalid use of a meta type"), even
    // the one dnspython lets through.
    let (_, errors) = read("$TTL 1\ne.example. OPT \\# 0\n");
    assert_eq!(errors.iter().map(|e| e.error()).collect::<Vec<_>>(), [Error::MetaType]);
    // A relative origin is taken as absolute: no owner without its root.
    let mut buf = [0u8; RECORD_BUF_LEN];
    let mut zone = ZoneReader::new("www 1 CAA 0 issue \"ca\"\n").with_origin("example".parse().unwrap());
    assert_eq!(zone.next_record(&mut buf).unwrap().unwrap().owner().to_string(), "www.example.");
    // Leading zeros do not make a number too large.
    let (records, errors) = read("$TTL 1\nx.example. MX 000000000000000000000010 mail.example.\n");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records, ["x.example. 1 IN MX 10 mail.example."]);
    // A warning is the last entry's, not an older one's.
    let mut zone = ZoneReader::new("a.example. 30 A 192.0.2.1\nb.example. A 192.0.2.2\nc.example. 5 A 192.0.2.3\n");
    for _ in 0..3 {
        zone.next_record(&mut buf).unwrap();
    }
    assert_eq!(zone.take_warning(), None);
    // A TTL above 2³¹ − 1 is kept, and said.
    let mut zone = ZoneReader::new("a.example. 4294967295 A 192.0.2.1\n");
    assert_eq!(zone.next_record(&mut buf).unwrap().unwrap().ttl(), u32::MAX);
    assert_eq!(zone.take_warning(), Some(Warning::TtlAboveMax { line: 1, ttl: u32::MAX }));
}

#[cfg(feature = "std")]
mod files {
    use super::*;
    use std::io::Cursor;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("dnswire-zone-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn include_is_relative_to_the_including_file_and_restores_the_origin() {
        let dir = temp_dir("include");
        std::fs::create_dir_all(dir.join("parts")).unwrap();
        std::fs::write(dir.join("parts/hosts.zone"), "www A 192.0.2.80\n").unwrap();
        std::fs::write(
            dir.join("top.zone"),
            "$ORIGIN example.\n$TTL 1\n$INCLUDE parts/hosts.zone sub.example.\nafter A 192.0.2.1\n",
        )
        .unwrap();
        let records: Vec<String> =
            ZoneFile::open(dir.join("top.zone")).unwrap().map(|r| r.unwrap().owner().to_string()).collect();
        assert_eq!(records, ["www.sub.example.", "after.example."]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_file_that_includes_itself_stops_at_the_depth_limit() {
        let dir = temp_dir("loop");
        std::fs::write(dir.join("loop.zone"), "$TTL 1\nx.example. A 192.0.2.1\n$INCLUDE loop.zone\n").unwrap();
        let mut zone = ZoneFile::open(dir.join("loop.zone")).unwrap();
        let mut buf = vec![0u8; RECORD_BUF_LEN];
        let mut records = 0;
        let error = loop {
            match zone.next_record(&mut buf) {
                Ok(Some(_)) => records += 1,
                Ok(None) => panic!("no error"),
                Err(error) => break error,
            }
        };
        assert_eq!(records, MAX_INCLUDE_DEPTH);
        assert_eq!(error.text_error().map(TextError::error), Some(Error::IncludeTooDeep));
        assert_eq!(error.line(), 3);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_entry_too_long_is_refused_and_reading_goes_on() {
        let mut text = String::from("$TTL 1\na.example. TXT ");
        text.push_str(&"\"abcdefgh\" ".repeat(200_000));
        text.push_str("\nb.example. A 192.0.2.1\n");
        let mut zone = ZoneFile::from_reader("long.zone", Cursor::new(text.into_bytes()));
        let mut buf = vec![0u8; RECORD_BUF_LEN];
        let error = zone.next_record(&mut buf).unwrap_err();
        assert_eq!((error.text_error().map(TextError::error), error.line()), (Some(Error::EntryTooLong), 2));
        assert_eq!(error.to_string(), "long.zone:2:1: entry: entry longer than the reader's limit");
        let next = zone.next_record(&mut buf).unwrap().unwrap();
        assert_eq!(next.owner().to_string(), "b.example.");
    }

    #[test]
    fn what_is_not_a_regular_file_is_refused_and_reading_goes_on() {
        let dir = temp_dir("special");
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("top.zone"), "$TTL 1\n$INCLUDE sub\n$INCLUDE /dev/zero\nok.example. A 192.0.2.1\n")
            .unwrap();
        let mut zone = ZoneFile::open(dir.join("top.zone")).unwrap();
        let mut buf = vec![0u8; RECORD_BUF_LEN];
        let mut errors = Vec::new();
        let record = loop {
            match zone.next_record(&mut buf) {
                Ok(record) => break record.map(|r| r.owner().to_string()),
                Err(error) => errors.push((error.line(), error.message())),
            }
        };
        assert_eq!(record.as_deref(), Some("ok.example."));
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors.iter().all(|(_, message)| message.contains("not a regular file")), "{errors:?}");
        assert_eq!((errors[0].0, errors[1].0), (2, 3));
        assert!(ZoneFile::open(&dir).is_err());
        let text = "$INCLUDE sub\n";
        let mut refusing = ZoneFile::from_reader(dir.join("x.zone"), Cursor::new(text)).without_includes();
        let error = refusing.next_record(&mut buf).unwrap_err();
        assert_eq!(error.text_error().map(TextError::error), Some(Error::IncludeRefused));
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn an_entry_too_long_inside_parentheses_is_dropped_to_its_end() {
        let mut text = String::from("$TTL 1\na.example. TXT ( \"x\"\n");
        text.push_str(&"\"abcdefgh\" ".repeat(200_000));
        text.push_str("\n \"y\" )\nb.example. A 192.0.2.1\n");
        let mut zone = ZoneFile::from_reader("long.zone", Cursor::new(text.into_bytes()));
        let mut buf = vec![0u8; RECORD_BUF_LEN];
        let error = zone.next_record(&mut buf).unwrap_err();
        assert_eq!((error.text_error().map(TextError::error), error.line()), (Some(Error::EntryTooLong), 3));
        assert_eq!(zone.next_record(&mut buf).unwrap().unwrap().owner().to_string(), "b.example.");
        assert!(zone.next_record(&mut buf).unwrap().is_none());
    }

    #[test]
    fn text_that_is_not_utf8_is_refused_where_it_is() {
        let text = b"$TTL 1\na.example. TXT \"caf\xe9\"\nb.example. A 192.0.2.1\n".to_vec();
        let mut zone = ZoneFile::from_reader("latin1.zone", Cursor::new(text));
        let mut buf = vec![0u8; RECORD_BUF_LEN];
        let error = zone.next_record(&mut buf).unwrap_err();
        let text_error = error.text_error().unwrap();
        assert_eq!((text_error.error(), text_error.line(), text_error.column()), (Error::BadText, 2, 20));
        assert_eq!(zone.next_record(&mut buf).unwrap().unwrap().owner().to_string(), "b.example.");
    }

    #[test]
    fn the_file_reader_and_the_text_reader_agree() {
        let text = std::fs::read_to_string("tests/data/capture/types.example.zone").unwrap();
        let origin: NameBuf = "types.example.".parse().unwrap();
        let mut from_text = Vec::new();
        let mut buf = vec![0u8; RECORD_BUF_LEN];
        let mut reader = ZoneReader::new(&text).with_origin(origin.clone());
        while let Some(record) = reader.next_record(&mut buf).unwrap() {
            from_text.push(crate::RecordBuf::from(&record));
        }
        let from_file: Vec<_> = ZoneFile::open("tests/data/capture/types.example.zone")
            .unwrap()
            .with_origin(origin)
            .map(Result::unwrap)
            .collect();
        assert!(from_text.len() > 40);
        assert_eq!(from_text, from_file);
    }
}
