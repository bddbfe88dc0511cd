//! EDNS options, printed as dig prints the same bytes.
//!
//! `tests/data/edns/NAME.bin` is a response and `NAME.dig` what dig 9.18
//! printed for it: captured from knotd 3.2 and named 9.18 by
//! `tests/data/edns/capture.sh` (NSID, client subnet, cookies, TCP
//! keepalive, padding, EXPIRE, EDE, BADVERS), or crafted and replayed to dig
//! by `tests/data/edns/craft.py` (what no server here sends: every EDE
//! code, EDE text, client subnets of every shape, unknown options, extended
//! rcodes). Each message's `Display` must be dig's text, OPT pseudo-section
//! included, but for one thing: dig ends a COOKIE line in ` (good)` when
//! it sent the cookie itself, which a message alone cannot tell.

use std::path::PathBuf;

use dnswire::{
    Class, ClientSubnet, ComposeOption, Cookie, EdeCode, Edns, EdnsOption, EdnsOptionData, Expire, ExtendedError,
    KeyTag, Message, MessageBuilder, Nsid, Opt, OptionCode, Padding, Rcode, Rtype, TcpKeepalive,
};

/// Where the fixtures are: `tests/data/edns`, or `DNSWIRE_EDNS_DIR` when
/// set (CI points it at fresh captures).
fn fixture_dir() -> PathBuf {
    match std::env::var_os("DNSWIRE_EDNS_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/edns"),
    }
}

fn read(name: &str) -> (Vec<u8>, String) {
    let dir = fixture_dir();
    let bytes = std::fs::read(dir.join(format!("{name}.bin"))).unwrap_or_else(|e| panic!("{name}.bin: {e}"));
    let dig = std::fs::read_to_string(dir.join(format!("{name}.dig"))).unwrap_or_else(|e| panic!("{name}.dig: {e}"));
    (bytes, dig)
}

/// dig's text of a message, less its own remarks, the COOKIE verdict cut.
fn dig_lines(dig: &str) -> Vec<String> {
    dig.lines()
        .skip_while(|l| !l.starts_with(";; ->>HEADER<<-"))
        .take_while(|l| !l.starts_with(";; Query time"))
        .filter(|l| !l.starts_with(";; WARNING"))
        .map(|l| match l.strip_prefix("; COOKIE: ") {
            Some(cookie) => {
                let cookie = cookie.strip_suffix(" (good)").or_else(|| cookie.strip_suffix(" (bad)")).unwrap_or(cookie);
                format!("; COOKIE: {cookie}")
            }
            None => l.to_string(),
        })
        .collect()
}

/// The lines of the OPT pseudo-section: `; EDNS:` and one a option.
fn opt_lines(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .skip_while(|l| *l != ";; OPT PSEUDOSECTION:")
        .skip(1)
        .take_while(|l| l.starts_with("; "))
        .cloned()
        .collect()
}

fn check_fixture(name: &str) {
    let (bytes, dig) = read(name);
    let message = Message::parse(&bytes[..]).unwrap_or_else(|e| panic!("{name}: {e}"));
    let theirs = dig_lines(&dig);
    let ours: Vec<String> = message.to_string().lines().map(String::from).collect();
    // The pseudo-section first, for a readable failure.
    assert_eq!(opt_lines(&ours), opt_lines(&theirs), "{name}: OPT pseudo-section");
    assert!(opt_lines(&theirs).len() > 1 || name.starts_with("bind-badvers"), "{name}: no option in dig's text");
    assert_eq!(ours, theirs, "{name}: dig layout");

    // Every option dig accepted decodes (but a TCP keepalive of a length
    // RFC 7828 forbids, which dig shows as bytes, as dnswire does), and
    // writes back its own bytes (padding as zeros).
    let edns = message.edns().expect("an OPT record");
    for option in edns.options.options() {
        let decoded = match option.decode() {
            Ok(decoded) => decoded,
            Err(error) => {
                assert_eq!((name, option.code), ("crafted-keepalive-odd-length", OptionCode::TCP_KEEPALIVE), "{error}");
                continue;
            }
        };
        assert_eq!(decoded.code(), option.code);
        assert_eq!(decoded.data_len(), option.data.len(), "{name}: {:?}", option.code);
        let mut out = vec![0xa5; option.data.len()];
        decoded.write_data(&mut out);
        if option.code == OptionCode::PADDING {
            assert!(out.iter().all(|&b| b == 0));
        } else {
            assert_eq!(out, option.data, "{name}: {:?}", option.code);
        }
        assert_eq!(decoded.to_string(), option.to_string());
    }
}

macro_rules! fixtures {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check_fixture($file);
            }
        )*

        /// Every fixture in tests/data/edns has a test above.
        #[test]
        fn every_fixture_is_tested() {
            let listed = [$($file),*];
            let mut missing = Vec::new();
            for entry in std::fs::read_dir(fixture_dir()).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "bin") {
                    let stem = path.file_stem().unwrap().to_str().unwrap().to_string();
                    if !listed.contains(&stem.as_str()) {
                        missing.push(stem);
                    }
                }
            }
            assert!(missing.is_empty(), "fixtures without a test: {missing:?}");
        }
    };
}

fixtures! {
    knot_nsid_subnet_cookie => "knot-nsid-subnet-cookie",
    knot_subnet_v6 => "knot-subnet-v6",
    knot_subnet_zero => "knot-subnet-zero",
    bind_tcp_padding => "bind-tcp-padding",
    bind_expire => "bind-expire",
    bind_prohibited => "bind-prohibited",
    bind_badvers => "bind-badvers",
    bind_subnet => "bind-subnet",
    crafted_nsid_bytes => "crafted-nsid-bytes",
    crafted_nsid_utf8 => "crafted-nsid-utf8",
    crafted_nsid_empty => "crafted-nsid-empty",
    crafted_subnet_v4 => "crafted-subnet-v4",
    crafted_subnet_v4_scope => "crafted-subnet-v4-scope",
    crafted_subnet_v6 => "crafted-subnet-v6",
    crafted_subnet_v6_embedded_v4 => "crafted-subnet-v6-embedded-v4",
    crafted_subnet_family_0 => "crafted-subnet-family-0",
    crafted_expire => "crafted-expire",
    crafted_cookie_client => "crafted-cookie-client",
    crafted_cookie_rfc9018 => "crafted-cookie-rfc9018",
    crafted_cookie_longest => "crafted-cookie-longest",
    crafted_keepalive => "crafted-keepalive",
    crafted_keepalive_odd_length => "crafted-keepalive-odd-length",
    crafted_padding => "crafted-padding",
    crafted_key_tag => "crafted-key-tag",
    crafted_ede_codes => "crafted-ede-codes",
    crafted_ede_text => "crafted-ede-text",
    crafted_ede_text_controls => "crafted-ede-text-controls",
    crafted_ede_text_utf8 => "crafted-ede-text-utf8",
    crafted_untyped => "crafted-untyped",
    crafted_mixed => "crafted-mixed",
    crafted_rcode_16 => "crafted-rcode-16",
    crafted_rcode_17 => "crafted-rcode-17",
    crafted_rcode_22 => "crafted-rcode-22",
    crafted_rcode_23 => "crafted-rcode-23",
    crafted_rcode_24 => "crafted-rcode-24",
    crafted_rcode_26 => "crafted-rcode-26",
    crafted_rcode_100 => "crafted-rcode-100",
    crafted_rcode_3841 => "crafted-rcode-3841",
    crafted_rcode_4095 => "crafted-rcode-4095",
}

fn options(name: &str) -> Vec<(OptionCode, Vec<u8>)> {
    let (bytes, _) = read(name);
    let message = Message::parse(&bytes[..]).unwrap();
    message.edns().unwrap().options.options().map(|o| (o.code, o.data.to_vec())).collect()
}

#[test]
fn bind_pads_as_rfc_8467_blocks_say() {
    // named with `block-size 468`: the padding is what brings the rest of
    // the message, the option's 4-byte header included, to 468 bytes.
    let (bytes, _) = read("bind-tcp-padding");
    assert_eq!(bytes.len(), 468);
    let (_, data) = options("bind-tcp-padding").into_iter().find(|(code, _)| *code == OptionCode::PADDING).unwrap();
    let unpadded = bytes.len() - 4 - data.len();
    assert_eq!(Padding::for_block(unpadded, Padding::RESPONSE_BLOCK), Padding::new(data.len() as u16));
}

#[test]
fn server_facts_decode() {
    let decoded = |name: &str, code: OptionCode| {
        let (code, data) = options(name).into_iter().find(|(c, _)| *c == code).unwrap();
        let data: &'static [u8] = Vec::leak(data);
        EdnsOption { code, data }.decode().unwrap()
    };
    assert_eq!(
        decoded("bind-tcp-padding", OptionCode::TCP_KEEPALIVE),
        EdnsOptionData::TcpKeepalive(TcpKeepalive::new(Some(100)))
    );
    let EdnsOptionData::Nsid(nsid) = decoded("knot-nsid-subnet-cookie", OptionCode::NSID) else { panic!() };
    assert_eq!(nsid.id(), b"dnswire-knot");
    let EdnsOptionData::ClientSubnet(subnet) = decoded("knot-subnet-v6", OptionCode::CLIENT_SUBNET) else { panic!() };
    // Asked with 2001:db8:1234:5678::1/56: the address cut to 56 bits.
    assert_eq!(subnet.addr(), Some("2001:db8:1234:5600::".parse().unwrap()));
    assert_eq!((subnet.family(), subnet.source_prefix(), subnet.scope_prefix()), (2, 56, 0));
    let EdnsOptionData::Cookie(cookie) = decoded("bind-prohibited", OptionCode::COOKIE) else { panic!() };
    assert_eq!(cookie.server().len(), 16);
    assert_eq!(cookie.server()[0], 1, "RFC 9018 §4.2: version 1");
    let EdnsOptionData::ExtendedError(ede) = decoded("bind-prohibited", OptionCode::EXTENDED_ERROR) else { panic!() };
    assert_eq!((ede.info_code(), ede.text()), (EdeCode::PROHIBITED, Some("")));
    let EdnsOptionData::Expire(expire) = decoded("bind-expire", OptionCode::EXPIRE) else { panic!() };
    // At most the zone's SOA expire, 1209600 seconds.
    assert!(expire.expire.is_some_and(|seconds| seconds <= 1_209_600));

    let (bytes, _) = read("bind-badvers");
    assert_eq!(Message::parse(&bytes[..]).unwrap().rcode(), Rcode::BADVERS);
    let (bytes, _) = read("crafted-rcode-23");
    assert_eq!(Message::parse(&bytes[..]).unwrap().rcode(), Rcode::BADCOOKIE);
}

/// Writes options into OPT RDATA through `ComposeOption`, as a builder does.
fn opt_rdata(options: &[&dyn ComposeOption]) -> Vec<u8> {
    let mut rdata = Vec::new();
    for option in options {
        rdata.extend_from_slice(&option.code().0.to_be_bytes());
        rdata.extend_from_slice(&(option.data_len() as u16).to_be_bytes());
        let at = rdata.len();
        rdata.resize(at + option.data_len(), 0xa5);
        option.write_data(&mut rdata[at..]);
    }
    rdata
}

#[test]
fn built_options_parse_back_and_print_as_dig() {
    let nsid = Nsid::new(b"ns1").unwrap();
    let cookie = Cookie::new([0x24, 0x64, 0xc4, 0xab, 0xcf, 0x10, 0xc9, 0x57], &[]).unwrap();
    let ede = ExtendedError::new(EdeCode::PROHIBITED, "").unwrap();
    let subnet = ClientSubnet::new("2001:db8::1".parse().unwrap(), 56, 0).unwrap();
    let keepalive = TcpKeepalive::new(Some(100));
    let expire = Expire::new(Some(90_000));
    let tags = KeyTag::new(&[0x4f, 0x66, 0x97, 0x28]).unwrap();
    let nsid2 = Nsid::new(b"ns2").unwrap();
    let padding = Padding::new(8);
    let rdata = opt_rdata(&[&nsid, &cookie, &ede, &subnet, &keepalive, &expire, &tags, &nsid2, &padding]);

    let mut buf = [0u8; 512];
    let mut builder = MessageBuilder::new(&mut buf[..]).unwrap();
    builder.header_mut().set_qr(true);
    builder.push_question("edns.example.", Rtype::A, Class::IN).unwrap();
    builder.push_edns(&Edns { options: Opt::from_wire(&rdata).unwrap(), ..Edns::default() }).unwrap();
    let message = Message::parse(builder.finish()).unwrap();
    let decoded: Vec<EdnsOptionData<'_>> =
        message.edns().unwrap().options.options().map(|o| o.decode().unwrap()).collect();
    assert_eq!(
        decoded,
        [
            EdnsOptionData::Nsid(nsid),
            EdnsOptionData::Cookie(cookie),
            EdnsOptionData::ExtendedError(ede),
            EdnsOptionData::ClientSubnet(subnet),
            EdnsOptionData::TcpKeepalive(keepalive),
            EdnsOptionData::Expire(expire),
            EdnsOptionData::KeyTag(tags),
            EdnsOptionData::Nsid(nsid2),
            EdnsOptionData::Padding(padding),
        ]
    );
    // dig 9.18's lines for these options, from the crafted fixtures.
    let text = message.to_string();
    let lines: Vec<String> = text.lines().map(String::from).collect();
    assert_eq!(
        opt_lines(&lines),
        [
            "; EDNS: version: 0, flags:; udp: 1232",
            r#"; NSID: 6e 73 31 ("ns1")"#,
            "; COOKIE: 2464c4abcf10c957",
            "; EDE: 18 (Prohibited)",
            "; CLIENT-SUBNET: 2001:db8::/56/0",
            "; TCP KEEPALIVE: 10.0 secs",
            "; EXPIRE: 90000 (1 day 1 hour)",
            "; KEY-TAG: 20326, 38696",
            r#"; NSID: 6e 73 32 ("ns2")"#,
            "; PAD: (8 bytes)",
        ]
    );
}
