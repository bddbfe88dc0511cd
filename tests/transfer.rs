//! Zone transfers as knotd, NSD and BIND send them (benches/data/transfers.tcp:
//! each server's AXFR of two deep zones, in that order, with answers to
//! other queries between them): [`Transfer`] must find where each server's
//! stream ends, at its last message, whether or not the continuation
//! messages repeat the question.

use dnswire::stub::{Transfer, TransferKind};
use dnswire::{tcp, Message, Rtype};

#[test]
fn every_real_axfr_ends_at_its_servers_last_message() {
    let path = std::env::var("DNSWIRE_BENCH_TRANSFERS").unwrap_or_else(|_| "benches/data/transfers.tcp".into());
    let stream = std::fs::read(path).unwrap();
    let mut frames = Vec::new();
    let mut reader = tcp::FrameReader::new(vec![0u8; 70_000]);
    // Fed in uneven pieces, as a socket would give them.
    for piece in stream.chunks(1_000) {
        let mut piece = piece;
        while !piece.is_empty() {
            let taken = reader.push(piece);
            piece = &piece[taken..];
            while let Some(frame) = reader.next_frame().unwrap() {
                frames.push(frame.to_vec());
            }
        }
    }
    assert!(reader.is_empty());
    let (mut transfer, mut done, mut records, mut without_question): (Option<Transfer>, usize, usize, usize) =
        (None, 0, 0, 0);
    for (index, frame) in frames.iter().enumerate() {
        let message = Message::parse(&frame[..]).unwrap();
        let is_axfr = message.question().is_none_or(|q| q.qtype == Rtype::AXFR);
        if !is_axfr {
            assert!(transfer.is_none(), "an answer inside a transfer, message {index}");
            continue;
        }
        let current = transfer.get_or_insert_with(|| {
            let zone = message.question().expect("a transfer opens with its question").name;
            Transfer::axfr(zone, message.id()).unwrap()
        });
        without_question += usize::from(message.question().is_none());
        records += current.accept(frame).unwrap().answers().count();
        if current.is_done() {
            assert_eq!(current.kind(), Some(TransferKind::Zone));
            // The server's stream ends here: what follows is another
            // transfer's first message or another query's answer.
            if let Some(next) = frames.get(index + 1) {
                assert!(Message::parse(&next[..]).unwrap().question().is_some());
            }
            transfer = None;
            done += 1;
        }
    }
    assert!(transfer.is_none(), "a transfer left open");
    // Three servers, two zones each; some servers omit the question.
    assert_eq!(done, 6);
    assert!(without_question >= 4, "{without_question}");
    assert!(records > 2_000, "{records}");
}
