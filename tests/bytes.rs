//! The `bytes` feature: parse from `Bytes`, build into `BytesMut`.
#![cfg(feature = "bytes")]

use bytes::{Bytes, BytesMut};
use dnswire::{Class, Message, MessageBuilder, Mx, RData, Rtype, A};

#[test]
fn parses_from_bytes_and_keeps_the_container() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/nsd-mx.bin");
    let shared = Bytes::from(std::fs::read(path).unwrap());
    let message = Message::parse(shared.clone()).unwrap();
    let mut preferences: Vec<u16> = message
        .answers()
        .filter_map(|r| match r.rdata() {
            RData::Mx(mx) => Some(mx.preference),
            _ => None,
        })
        .collect();
    preferences.sort();
    assert_eq!(preferences, [10, 10, 20, 30]);
    // The message is a view over the same shared buffer.
    assert_eq!(message.into_inner().as_ptr(), shared.as_ptr());
}

#[test]
fn builds_into_bytes_mut_growing_as_needed() {
    let mut builder = MessageBuilder::new(BytesMut::new()).unwrap();
    builder.push_question("example.com.", Rtype::MX, Class::IN).unwrap();
    for i in 0..60u16 {
        let mx = Mx { preference: i, exchange: "mx.example.com." };
        builder.push_answer("example.com.", Class::IN, 60, &mx).unwrap();
    }
    builder.push_additional("mx.example.com.", Class::IN, 60, &A::from([192, 0, 2, 1])).unwrap();
    let frozen = builder.finish().freeze();
    assert!(frozen.len() > 512, "grew past its first 512 bytes: {}", frozen.len());
    let message = Message::parse(frozen).unwrap();
    assert_eq!(message.answers().count(), 60);
    assert_eq!(message.additional().next().unwrap().owner().to_string(), "mx.example.com.");
}
