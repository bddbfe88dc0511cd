//! Whatever parses is re-encoded through the builder, with and without
//! compression, and parsed again: the two decodings must be equal, and
//! encoding the second decoding again must give the same bytes. (Invalid
//! RDATA of the types that hold names is refused by the builder, on
//! purpose; such a message is left there.)
#![no_main]

use dnswire::{Error, Message, MessageBuilder, Section};
use libfuzzer_sys::fuzz_target;

/// Re-encodes `message`; `None` if the result would exceed 65 535 bytes
/// (our encoding can be longer than the input's: we compress only against
/// names we wrote, and never inside SRV or unknown RDATA).
fn encode<T: AsRef<[u8]>>(message: &Message<T>, compress: bool) -> Option<Vec<u8>> {
    let mut builder = MessageBuilder::new(Vec::new()).unwrap();
    builder.set_compression(compress);
    builder.header_mut().set_id(message.id());
    builder.header_mut().set_flags(message.header().flags());
    let fits = |result: Result<(), Error>| match result {
        Ok(()) => Some(()),
        Err(Error::BufferTooSmall) => None,
        Err(error) => panic!("re-encoding a parsed message failed: {error}"),
    };
    for question in message.questions() {
        fits(builder.push_question(question.name, question.qtype, question.qclass))?;
    }
    for section in Section::ALL {
        for record in message.records(section) {
            // Invalid RDATA of a type that holds names (an RRSIG whose
            // signer's pointer goes nowhere) is refused on purpose: its
            // bytes could point at something else in another message.
            if let dnswire::RData::Invalid(_) = record.rdata() {
                match builder.push_record(section, &record) {
                    Err(Error::BadPointer) => return None,
                    other => {
                        fits(other)?;
                        continue;
                    }
                }
            }
            fits(builder.push_record(section, &record))?;
        }
    }
    Some(builder.finish())
}

fn assert_same<A: AsRef<[u8]>, B: AsRef<[u8]>>(a: &Message<A>, b: &Message<B>) {
    assert_eq!(a.header().id(), b.header().id());
    assert_eq!(a.header().flags(), b.header().flags());
    assert!(a.questions().eq(b.questions()));
    for section in Section::ALL {
        assert!(a.records(section).eq(b.records(section)), "{section:?} differs");
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(original) = Message::parse(data) else { return };
    for compress in [true, false] {
        let Some(bytes) = encode(&original, compress) else { continue };
        let again = Message::parse(&bytes[..]).expect("our own encoding parses");
        assert_same(&original, &again);
        let twice = encode(&again, compress).expect("the same content fits again");
        assert_eq!(twice, bytes, "re-encoding is stable");
    }
});
