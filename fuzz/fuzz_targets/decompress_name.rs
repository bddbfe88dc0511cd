//! Names at arbitrary offsets of arbitrary bytes, against the naive decoder
//! of the fuzz crate: same verdict, same labels, same length, same text.
#![no_main]

use dnswire::{Error, Name};
use dnswire_fuzz::naive::{self, Refusal};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, &[u8])| {
    let (offset, bytes) = input;
    if bytes.is_empty() {
        return;
    }
    let start = usize::from(offset) % bytes.len();
    let ours = Name::parse_at(bytes, start);
    let theirs = naive::decode(bytes, start);
    match (ours, theirs) {
        (Ok(name), Ok(labels)) => {
            let our_labels: Vec<Vec<u8>> = name.labels().map(<[u8]>::to_vec).collect();
            assert_eq!(our_labels, labels);
            let len = 1 + labels.iter().map(|l| 1 + l.len()).sum::<usize>();
            assert_eq!(name.wire_len(), len);
            assert_eq!(name.to_string(), naive::to_text(&labels));
            // And the text parses back to the same name.
            let parsed: dnswire::NameBuf = name.to_string().parse().unwrap();
            assert_eq!(parsed, name);
        }
        (Err(error), Err(refusal)) => {
            let expected = match refusal {
                Refusal::Truncated => Error::Truncated,
                Refusal::ReservedLabelType => Error::ReservedLabelType,
                Refusal::NameTooLong => Error::NameTooLong,
                Refusal::BadPointer => Error::BadPointer,
                Refusal::TooManyPointers => Error::TooManyPointers,
            };
            assert_eq!(error, expected);
        }
        (ours, theirs) => panic!("dnswire {ours:?} but the naive decoder {theirs:?}"),
    }
});
