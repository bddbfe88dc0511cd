//! Records read from presentation text, with independent expectations.
//!
//! - **Text → wire**: every record dig printed for the captures in
//!   `tests/data` (knotd, NSD and BIND, every record type) is read back
//!   from dig's line, and its RDATA must be the bytes the server sent —
//!   the server's encoding is the expectation, not ours.
//! - **Wire → text → wire**: every captured record, printed and read back,
//!   gives the same bytes and the same text.
//! - **Any bytes**: arbitrary RDATA for every type decodes without panic;
//!   whatever decodes as a typed view goes to text and back unchanged.

use std::path::PathBuf;

use dnswire::{Class, Message, NameBuf, RData, RecordBuf, Rtype, Section, UnknownRdata};
use proptest::prelude::*;

fn captures() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "bin"))
        .map(|path| (path.file_stem().unwrap().to_string_lossy().into_owned(), std::fs::read(&path).unwrap()))
        .collect();
    out.sort();
    out
}

/// The record lines of a `.dig` file (answer, authority, additional).
fn dig_lines(stem: &str) -> Vec<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data").join(format!("{stem}.dig"));
    let text = std::fs::read_to_string(path).unwrap();
    let mut lines = Vec::new();
    let mut in_records = false;
    for line in text.lines() {
        if line.starts_with(";; ANSWER SECTION:")
            || line.starts_with(";; AUTHORITY SECTION:")
            || line.starts_with(";; ADDITIONAL SECTION:")
        {
            in_records = true;
        } else if line.is_empty() || line.starts_with(';') {
            in_records = in_records && !line.is_empty() && !line.starts_with(";;");
        } else if in_records {
            lines.push(line.to_string());
        }
    }
    lines
}

/// A record's RDATA as the server encoded it, names uncompressed.
fn uncompressed_rdata(record: &dnswire::Record<'_>) -> Vec<u8> {
    RecordBuf::from(record).rdata_bytes().to_vec()
}

#[test]
fn dig_lines_read_back_to_the_servers_bytes() {
    let mut checked = 0;
    let mut types = std::collections::BTreeSet::new();
    for (stem, bytes) in captures() {
        let message = Message::parse(&bytes[..]).unwrap();
        let records: Vec<_> = Section::ALL
            .into_iter()
            .flat_map(|section| message.records(section))
            .filter(|r| r.rtype() != Rtype::OPT)
            .collect();
        let lines = dig_lines(&stem);
        assert_eq!(records.len(), lines.len(), "{stem}: records vs dig lines");
        for (record, line) in records.iter().zip(&lines) {
            let parsed: RecordBuf = line.parse().unwrap_or_else(|e| panic!("{stem}: {line}\n  {e}"));
            assert_eq!(parsed.owner(), record.owner(), "{stem}: {line}");
            assert_eq!((parsed.rtype(), parsed.class(), parsed.ttl()), (record.rtype(), record.class(), record.ttl()));
            assert_eq!(parsed.rdata_bytes(), &uncompressed_rdata(record)[..], "{stem}: {line}");
            checked += 1;
            types.insert(record.rtype());
        }
    }
    assert!(checked > 1200, "only {checked} records");
    assert!(types.len() >= 45, "only {} types: {types:?}", types.len());
}

#[test]
fn printed_records_read_back_unchanged() {
    for (stem, bytes) in captures() {
        let message = Message::parse(&bytes[..]).unwrap();
        for section in Section::ALL {
            for record in message.records(section).filter(|r| r.rtype() != Rtype::OPT) {
                let text = record.to_string();
                let parsed: RecordBuf = text.parse().unwrap_or_else(|e| panic!("{stem}: {text}\n  {e}"));
                assert_eq!(parsed.rdata_bytes(), &uncompressed_rdata(&record)[..], "{stem}: {text}");
                assert_eq!(parsed.to_string(), text, "{stem}");
            }
        }
    }
}

#[test]
fn generic_form_works_for_every_type() {
    // RFC 3597 §5: `\# <length> <hex>` for any type, known or not.
    let a: RecordBuf = r"a.example. 300 IN A \# 4 C0000201".parse().unwrap();
    assert_eq!(a.to_string(), "a.example.\t\t300\tIN\tA\t192.0.2.1");
    let unknown: RecordBuf = r"a.example. 300 CLASS32 TYPE731 \# 6 abcd ef012345".parse().unwrap();
    assert_eq!(unknown.rdata_bytes(), [0xab, 0xcd, 0xef, 0x01, 0x23, 0x45]);
    assert_eq!(unknown.class(), Class(32));
    let empty: RecordBuf = r"a.example. 300 TYPE65535 \# 0".parse().unwrap();
    assert!(empty.rdata_bytes().is_empty());
    // The length must match the hex, and the bytes must fit the type.
    let error = r"a.example. 300 A \# 5 C0000201".parse::<RecordBuf>().unwrap_err();
    assert_eq!(error.error(), dnswire::Error::RdataLength);
    let error = r"a.example. 300 MX \# 3 000AC0".parse::<RecordBuf>().unwrap_err();
    assert_eq!(error.field(), "RDATA");
}

#[test]
fn errors_name_the_field_and_where_it_is() {
    let cases = [
        ("x. 300 IN MX 65536 mx.example.", "1:14: MX preference `65536`: larger than 65535"),
        ("x. 300 IN A 192.0.2", "1:13: A address `192.0.2`: not an IP address"),
        ("x. 300 IN MX 10", "1:16: MX exchange: missing field"),
        ("x. 300 IN A 192.0.2.1 extra", "1:23: end of record `extra`: text after the last field"),
        ("x. 300 IN CAA 0 \"\" \"v\"", "1:17: CAA tag `\"\"`: CAA tag empty or not alphanumeric"),
        ("x. 300 IN DS 1 8 2 ABCDEFG", "1:20: DS digest `ABCDEFG`: not hex"),
        ("x. 300 IN BOGUS 1", "1:11: type `BOGUS`: unknown record type"),
        ("x. 300 IN TXT \"unclosed", "1:15: quoted string `\"unclosed`: invalid presentation text"),
        (
            "x. 300 IN SVCB 1 . port=1 port=2",
            "1:33: SVCB parameters: SVCB parameters out of order, repeated, or malformed",
        ),
        ("x. 300 IN MX 10 mx", "1:17: MX exchange `mx`: relative name where an absolute one is needed"),
        ("x. IN MX 10 mx.", "1:7: TTL: missing field"),
        ("x. 300 IN LOC 91 N 0 E 0", "1:15: LOC latitude `91`: larger than 90"),
    ];
    for (text, expected) in cases {
        let error = text.parse::<RecordBuf>().unwrap_err();
        assert_eq!(error.to_string(), expected, "{text}");
    }
    // Errors on later lines of a record in parentheses.
    let error = "x. 300 IN SOA ns. host. (\n 1 2 3\n 4 five )".parse::<RecordBuf>().unwrap_err();
    assert_eq!((error.line(), error.column(), error.field()), (3, 4, "SOA minimum"));
}

#[test]
fn relative_names_take_the_origin() {
    let origin: NameBuf = "example.com.".parse().unwrap();
    let record = RecordBuf::from_text("@ 3600 IN SOA ns1 hostmaster 1 2h 1h 2w 5m", Some(&origin)).unwrap();
    assert_eq!(
        record.to_string(),
        "example.com.\t\t3600\tIN\tSOA\tns1.example.com. hostmaster.example.com. 1 7200 3600 1209600 300"
    );
    let naptr = RecordBuf::from_text(r#"sip 60 NAPTR 100 10 "S" "SIP+D2U" "" _sip._udp"#, Some(&origin)).unwrap();
    assert_eq!(naptr.rdata().to_string(), r#"100 10 "S" "SIP+D2U" "" _sip._udp.example.com."#);
}

/// The types with a typed view, for the property test.
fn typed_types() -> &'static [Rtype] {
    static TYPES: std::sync::OnceLock<Vec<Rtype>> = std::sync::OnceLock::new();
    TYPES.get_or_init(|| {
        (0..=u16::MAX)
            .map(Rtype)
            .filter(|&rtype| {
                let mut buf = [0u8; 64];
                // A type is typed if its generic form decodes to something other
                // than `Unknown` (any bytes will do to tell).
                !matches!(RData::from_text(rtype, r"\# 0", None, &mut buf), Ok(RData::Unknown(_)))
            })
            .filter(|&rtype| rtype != Rtype::OPT)
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    #[test]
    fn any_rdata_decodes_without_panic_and_typed_views_round_trip(
        index in any::<prop::sample::Index>(),
        data in prop::collection::vec(any::<u8>(), 0..96),
    ) {
        let types = typed_types();
        let rtype = types[index.index(types.len())];
        let Ok(record) = RecordBuf::new("x.example.", Class::IN, 300, &UnknownRdata::new(rtype, &data)) else {
            return Ok(()); // names that do not parse: refused, as a parser would
        };
        let rdata = record.rdata();
        let text = rdata.to_string();
        if matches!(rdata, RData::Invalid(_) | RData::Empty(_)) {
            return Ok(());
        }
        let line = record.to_string();
        let again: RecordBuf = line.parse().map_err(|e| TestCaseError::fail(format!("{line}\n{e}")))?;
        prop_assert_eq!(again.rdata_bytes(), record.rdata_bytes(), "{}", line);
        prop_assert_eq!(again.rdata().to_string(), text);
    }
}

/// Where dnswire reads what dnspython refuses, on purpose.
fn read_on_purpose(rtype: &str, reason: &str) -> bool {
    // dnspython has no presentation form for these RFC 1035 types; BIND,
    // Knot and NSD do (and dig prints it).
    let no_text_form = reason.contains("generic rdata does not start with");
    // dig prints NID and L64 groups without leading zeros (`14:4fff:…`);
    // BIND reads them back, dnspython wants four digits a group.
    let short_groups = matches!(rtype, "NID" | "L64") && reason.contains("hex string");
    no_text_form || short_groups
}

#[test]
fn text_reads_to_the_wire_form_dnspython_gives() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/text/dnspython.txt");
    let origin: NameBuf = "example.".parse().unwrap();
    let mut compared = 0;
    for line in std::fs::read_to_string(path).unwrap().lines().filter(|l| !l.starts_with('#')) {
        let mut fields = line.splitn(3, '\t');
        let (rtype, text, expected) = (fields.next().unwrap(), fields.next().unwrap(), fields.next().unwrap());
        let text = text.replace("\\n", "\n").replace("\\t", "\t");
        let mut buf = vec![0u8; 65535];
        let ours = RData::from_text(rtype.parse().unwrap(), &text, Some(&origin), &mut buf);
        match (expected.strip_prefix("ERROR "), ours) {
            (None, Ok(rdata)) => {
                let hex: String = RecordBuf::new("x.example.", Class::IN, 0, &rdata)
                    .unwrap()
                    .rdata_bytes()
                    .iter()
                    .map(|b| format!("{b:02X}"))
                    .collect();
                assert_eq!(hex, expected, "{rtype} {text}");
                compared += 1;
            }
            (None, Err(error)) => panic!("{rtype} {text}: dnspython reads it, dnswire says {error}"),
            (Some(_), Err(_)) => compared += 1,
            (Some(reason), Ok(rdata)) => {
                assert!(
                    read_on_purpose(rtype, reason),
                    "{rtype} {text}: dnspython refuses ({reason}), dnswire reads {rdata}"
                )
            }
        }
    }
    assert!(compared >= 90, "only {compared} compared");
}

#[test]
fn found_in_review_and_by_fuzzing() {
    // Numbers too large for LOC's fields: an error, not an overflow.
    for text in ["0 0 99999999999999999 N 0 E 0", "0 N 0 E 92233720368547758", "0 N 0 E 0 92233720368547758.99"] {
        let error = RecordBuf::from_text(&format!("x. 0 LOC {text}"), None).unwrap_err();
        assert_eq!(error.error(), dnswire::Error::BadLoc, "{text}");
    }
    // A MAC longer than one word of 56 characters, as dig breaks it.
    let mac = "A".repeat(86) + "=="; // 64 bytes
    let line = format!("x. 0 ANY TSIG hmac-sha512. 1700000000 300 64 {} {} 4660 NOERROR 0 ", &mac[..56], &mac[56..]);
    let tsig: RecordBuf = line.parse().unwrap();
    assert_eq!(tsig.to_string().split_whitespace().collect::<Vec<_>>(), line.split_whitespace().collect::<Vec<_>>());
    // Empty SVCB values print as a bare key, as dig prints them, and read back.
    let svcb: RecordBuf = "x. 0 SVCB 1 . ech key7 key9".parse().unwrap();
    assert_eq!(svcb.rdata().to_string(), "1 . ech key7 key9");
    assert_eq!(svcb.rdata_bytes(), b"\x00\x01\x00\x00\x05\x00\x00\x00\x07\x00\x00\x00\x09\x00\x00");
    // A key that needs a value, given none.
    assert!("x. 0 SVCB 1 . port".parse::<RecordBuf>().is_err());
    // One record only: text after it, on a later line, is an error.
    let error = "a. 1 A 192.0.2.1\ngarbage".parse::<RecordBuf>().unwrap_err();
    assert_eq!((error.line(), error.error()), (2, dnswire::Error::TrailingText));
    assert!("a. 1 A 192.0.2.1 ; a comment\n\n".parse::<RecordBuf>().is_ok());
    // A long list of types, repeated, in one pass.
    let types = "A NS TYPE65535 ".repeat(5000);
    let nsec: RecordBuf = format!("a. 0 NSEC b. ( {types} )").parse().unwrap();
    assert_eq!(nsec.rdata().to_string(), "b. A NS TYPE65535");
    // 65 535 bytes in the generic form.
    let hex = "00".repeat(65535);
    let big: RecordBuf = format!(r"a. 0 TYPE65280 \# 65535 {hex}").parse().unwrap();
    assert_eq!(big.rdata_bytes().len(), 65535);
    // Generic-form bytes with a pointer are written whole again.
    let mx: RecordBuf = r"a. 0 MX \# 4 000AC000".parse().unwrap();
    assert_eq!(mx, "a. 0 MX 10 .".parse::<RecordBuf>().unwrap());
}
