//! Real server responses, decoded and compared with dig's decoding of the
//! same bytes.
//!
//! Each `tests/data/NAME.bin` is a response captured from knotd 3.2 or
//! nsd 4.6 by `tests/data/capture/capture.sh`; `NAME.dig` is what dig 9.18
//! printed for exactly those bytes. The expectation is read from the `.dig`
//! file, field by field: header (opcode, status, id), flags, counts, EDNS
//! (version, flags, payload size, NSID), every question and every record
//! (owner, TTL, class, type, RDATA), and each line as a whole.

use std::path::PathBuf;

use dnswire::{Message, RData, Section};

/// Where the captures are: `tests/data`, or `DNSWIRE_CAPTURE_DIR` when set
/// (CI points it at captures it has just made from freshly started servers).
fn capture_dir() -> PathBuf {
    match std::env::var_os("DNSWIRE_CAPTURE_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data"),
    }
}

fn data(name: &str, extension: &str) -> PathBuf {
    capture_dir().join(format!("{name}.{extension}"))
}

/// What dig printed, split into the parts we compare.
#[derive(Default, Debug)]
struct DigOutput {
    opcode: String,
    status: String,
    id: u16,
    flags: Vec<String>,
    counts: [u16; 4],
    edns: Option<String>,
    nsid: Option<String>,
    questions: Vec<String>,
    sections: [Vec<String>; 3],
}

/// The text after `key` in `line`, up to the next `,`, `;` or end.
fn field<'a>(line: &'a str, key: &str) -> &'a str {
    let start = line.find(key).unwrap_or_else(|| panic!("{key:?} not in {line:?}")) + key.len();
    let rest = &line[start..];
    rest[..rest.find([',', ';']).unwrap_or(rest.len())].trim()
}

fn read_dig(name: &str) -> DigOutput {
    let text = std::fs::read_to_string(data(name, "dig")).unwrap();
    let mut out = DigOutput::default();
    let mut section: Option<usize> = None;
    let mut in_question = false;
    for line in text.lines() {
        if line.starts_with(";; ->>HEADER<<-") {
            out.opcode = field(line, "opcode:").to_string();
            out.status = field(line, "status:").to_string();
            out.id = field(line, "id:").parse().unwrap();
        } else if let Some(rest) = line.strip_prefix(";; flags:") {
            let (flags, counts) = rest.split_once(';').unwrap();
            out.flags = flags.split_whitespace().map(String::from).collect();
            for (i, key) in ["QUERY:", "ANSWER:", "AUTHORITY:", "ADDITIONAL:"].iter().enumerate() {
                out.counts[i] = field(counts, key).parse().unwrap();
            }
        } else if line.starts_with("; EDNS:") {
            out.edns = Some(line.to_string());
        } else if line.starts_with("; NSID:") {
            out.nsid = Some(line.to_string());
        } else if line == ";; QUESTION SECTION:" {
            in_question = true;
        } else if let Some(title) = line.strip_prefix(";; ").and_then(|l| l.strip_suffix(" SECTION:")) {
            in_question = false;
            section = Some(["ANSWER", "AUTHORITY", "ADDITIONAL"].iter().position(|t| *t == title).unwrap());
        } else if line.is_empty() {
            in_question = false;
            section = None;
        } else if in_question {
            out.questions.push(line.to_string());
        } else if let Some(index) = section {
            out.sections[index].push(line.to_string());
        }
    }
    out
}

fn check_capture(name: &str) {
    let bytes = std::fs::read(data(name, "bin")).unwrap();
    let dig = read_dig(name);
    let message = Message::parse(&bytes[..]).unwrap_or_else(|e| panic!("{name}: {e}"));
    let header = message.header();

    assert_eq!(header.opcode().to_string(), dig.opcode, "{name}: opcode");
    assert_eq!(message.rcode().to_string(), dig.status, "{name}: status");
    assert_eq!(header.id(), dig.id, "{name}: id");
    let flags: Vec<(&str, bool)> = vec![
        ("qr", header.qr()),
        ("aa", header.aa()),
        ("tc", header.tc()),
        ("rd", header.rd()),
        ("ra", header.ra()),
        ("ad", header.ad()),
        ("cd", header.cd()),
    ];
    for (flag, set) in flags {
        assert_eq!(dig.flags.iter().any(|f| f == flag), set, "{name}: flag {flag}");
    }
    let counts = [header.qdcount(), header.ancount(), header.nscount(), header.arcount()];
    assert_eq!(counts, dig.counts, "{name}: counts");

    // EDNS: dig prints "; EDNS: version: V, flags: [do]; udp: N".
    match (message.edns(), &dig.edns) {
        (None, None) => {}
        (Some(edns), Some(line)) => {
            assert_eq!(edns.version.to_string(), field(line, "version:"), "{name}: EDNS version");
            assert_eq!(edns.udp_payload_size.to_string(), field(line, "udp:"), "{name}: EDNS udp");
            assert_eq!(edns.dnssec_ok, field(line, "flags:") == "do", "{name}: EDNS DO");
        }
        (ours, theirs) => panic!("{name}: EDNS {ours:?} vs {theirs:?}"),
    }
    if let Some(nsid_line) = &dig.nsid {
        let edns = message.edns().unwrap();
        let nsid = edns.options.options().find(|o| o.code == dnswire::OptionCode::NSID).unwrap();
        let quoted = nsid_line.rsplit_once("(\"").unwrap().1.trim_end_matches("\")");
        assert_eq!(nsid.data, quoted.as_bytes(), "{name}: NSID");
    }

    // Questions: ";name<tab>CLASS<tab>TYPE".
    assert_eq!(message.questions().len(), dig.questions.len(), "{name}: questions");
    for (question, line) in message.questions().zip(&dig.questions) {
        let tokens: Vec<&str> = line.trim_start_matches(';').split_whitespace().collect();
        assert_eq!(question.name.to_string(), tokens[0], "{name}: question name");
        assert_eq!(question.qclass.to_string(), tokens[1], "{name}: question class");
        assert_eq!(question.qtype.to_string(), tokens[2], "{name}: question type");
        assert_eq!(question.to_string(), *line, "{name}: question line");
    }

    // Records, section by section (dig leaves the OPT record out).
    for (index, section) in Section::ALL.into_iter().enumerate() {
        let records: Vec<_> = message.records(section).filter(|r| !matches!(r.rdata(), RData::Opt(_))).collect();
        let lines = &dig.sections[index];
        assert_eq!(records.len(), lines.len(), "{name}: {section:?} record count");
        for (record, line) in records.iter().zip(lines) {
            let tokens: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(record.owner().to_string(), tokens[0], "{name}: owner");
            assert_eq!(record.ttl().to_string(), tokens[1], "{name}: ttl");
            assert_eq!(record.class().to_string(), tokens[2], "{name}: class");
            assert_eq!(record.rtype().to_string(), tokens[3], "{name}: type");
            let rdata = record.rdata().to_string();
            assert_eq!(rdata.split_whitespace().collect::<Vec<_>>(), tokens[4..], "{name}: rdata");
            assert_eq!(record.to_string(), *line, "{name}: whole line");
        }
    }

    // The whole dig-style text, less dig's own remarks, is dig's text.
    let ours = message.to_string();
    let dig_text = std::fs::read_to_string(data(name, "dig")).unwrap();
    let theirs: Vec<&str> = dig_text
        .lines()
        .skip_while(|l| !l.starts_with(";; ->>HEADER<<-"))
        .take_while(|l| !l.starts_with(";; Query time"))
        .filter(|l| !l.starts_with(";; WARNING"))
        .collect();
    let ours: Vec<&str> = ours.lines().collect();
    assert_eq!(ours, theirs, "{name}: dig layout");
}

macro_rules! captures {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_capture($file);
            }
        )*

        /// Every capture in tests/data has a test above.
        #[test]
        fn every_capture_is_tested() {
            let typed = std::fs::read_to_string(typed_list()).unwrap();
            let listed: Vec<&str> = [$($file),*].into_iter().chain(typed.lines()).collect();
            let mut missing = Vec::new();
            for entry in std::fs::read_dir(capture_dir()).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "bin") {
                    let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
                    if !listed.contains(&stem.as_str()) {
                        missing.push(stem);
                    }
                }
            }
            assert!(missing.is_empty(), "captures without a test: {missing:?}");
        }
    };
}

captures! {
    knot_mx => "knot-mx",
    nsd_mx => "nsd-mx",
    knot_mx_noedns => "knot-mx-noedns",
    knot_soa => "knot-soa",
    knot_ns => "knot-ns",
    knot_aaaa => "knot-aaaa",
    knot_cname_chain => "knot-cname-chain",
    nsd_cname_chain => "nsd-cname-chain",
    knot_ptr => "knot-ptr",
    knot_txt => "knot-txt",
    knot_txt_odd => "knot-txt-odd",
    knot_txt_long => "knot-txt-long",
    knot_srv => "knot-srv",
    nsd_srv => "nsd-srv",
    knot_unknown => "knot-unknown",
    knot_unknown_empty => "knot-unknown-empty",
    knot_unknown_40 => "knot-unknown-40",
    knot_escaped_dot => "knot-escaped-dot",
    knot_escaped_space => "knot-escaped-space",
    knot_escaped_specials => "knot-escaped-specials",
    knot_escaped_8bit => "knot-escaped-8bit",
    knot_label_63 => "knot-label-63",
    knot_name_255 => "knot-name-255",
    knot_nxdomain => "knot-nxdomain",
    nsd_nxdomain => "nsd-nxdomain",
    knot_nodata => "knot-nodata",
    knot_edns_do_nsid => "knot-edns-do-nsid",
    knot_many_udp_tc => "knot-many-udp-tc",
    knot_many_tcp => "knot-many-tcp",
    nsd_many_tcp => "nsd-many-tcp",
}

/// The captures of every record type from knotd, NSD and BIND
/// (`tests/data/capture/types.sh`), one stem per line.
fn typed_list() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/capture/types.list")
}

/// Each typed capture, compared as the ones above; all are checked and
/// every mismatch is reported before the test fails.
#[test]
fn typed_captures_from_three_servers() {
    let list = std::fs::read_to_string(typed_list()).unwrap();
    let stems: Vec<&str> = list.lines().filter(|l| !l.is_empty()).collect();
    assert!(stems.len() >= 120, "only {} typed captures listed", stems.len());
    let mut failed = Vec::new();
    std::panic::set_hook(Box::new(|_| {}));
    for stem in &stems {
        if let Err(panic) = std::panic::catch_unwind(|| check_capture(stem)) {
            let message = panic.downcast_ref::<String>().cloned().unwrap_or_default();
            failed.push(format!("{stem}: {}", message.lines().take(6).collect::<Vec<_>>().join("\n    ")));
        }
    }
    drop(std::panic::take_hook());
    assert!(
        failed.is_empty(),
        "{} of {} typed captures differ from dig:\n{}",
        failed.len(),
        stems.len(),
        failed.join("\n")
    );
}

/// Facts about particular captures that the dig text shows only indirectly.
#[test]
fn capture_specifics() {
    let read = |name: &str| std::fs::read(data(name, "bin")).unwrap();

    // The 63-byte label and the 255-byte name are at the limits.
    let bytes = read("knot-label-63");
    let message = Message::parse(&bytes[..]).unwrap();
    let owner = message.answers().next().unwrap().owner();
    assert_eq!(owner.labels().next().unwrap().len(), 63);
    let bytes = read("knot-name-255");
    let message = Message::parse(&bytes[..]).unwrap();
    assert_eq!(message.answers().next().unwrap().owner().wire_len(), 255);

    // A dot and a space inside labels survive as label bytes.
    let bytes = read("knot-escaped-dot");
    let message = Message::parse(&bytes[..]).unwrap();
    assert_eq!(message.answers().next().unwrap().owner().labels().next(), Some(&b"a.b"[..]));
    let bytes = read("knot-escaped-space");
    let message = Message::parse(&bytes[..]).unwrap();
    assert_eq!(message.question().unwrap().name.labels().next(), Some(&b"with space"[..]));

    // TC=1 over UDP, the full answer over TCP: 40 addresses.
    let bytes = read("knot-many-udp-tc");
    let message = Message::parse(&bytes[..]).unwrap();
    assert!(message.header().tc());
    for name in ["knot-many-tcp", "nsd-many-tcp"] {
        let bytes = read(name);
        let message = Message::parse(&bytes[..]).unwrap();
        assert!(!message.header().tc());
        assert_eq!(message.answers().filter(|r| matches!(r.rdata(), RData::A(_))).count(), 40);
    }

    // Long TXT: a 255-byte string then a 200-byte one.
    let bytes = read("knot-txt-long");
    let message = Message::parse(&bytes[..]).unwrap();
    let RData::Txt(txt) = message.answers().next().unwrap().rdata() else { panic!("not TXT") };
    assert_eq!(txt.strings().map(<[u8]>::len).collect::<Vec<_>>(), [255, 200]);

    // NXDOMAIN and NODATA both carry the SOA in the authority section.
    for name in ["knot-nxdomain", "nsd-nxdomain", "knot-nodata"] {
        let bytes = read(name);
        let message = Message::parse(&bytes[..]).unwrap();
        assert_eq!(message.answers().count(), 0, "{name}");
        let soa = message.authority().next().unwrap();
        assert!(matches!(soa.rdata(), RData::Soa(s) if s.minimum == 300), "{name}");
    }
}
