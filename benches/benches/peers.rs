//! The same full parse and encode for every crate, under criterion.
//! `cargo bench -p dnswire-bench --bench peers` (the quicker one-run table:
//! `cargo run --release -p dnswire-bench --bin compare`).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use dnswire_bench::peers::{Encoders, DNSWIRE_MESSAGE, PEERS};
use dnswire_bench::realistic;

/// The realistic corpus, by every crate that accepts all of it (dnswire
/// both ways).
fn full_parse(c: &mut Criterion) {
    let messages: Vec<Vec<u8>> = realistic().into_iter().map(|s| s.bytes).collect();
    let peers = PEERS.iter().chain([&DNSWIRE_MESSAGE]).filter(|p| messages.iter().all(|m| (p.full_parse)(m).is_some()));
    let mut group = c.benchmark_group("peers_full_parse");
    group.throughput(Throughput::Bytes(messages.iter().map(|m| m.len() as u64).sum()));
    for peer in peers {
        group.bench_function(peer.name, |b| {
            b.iter(|| {
                for m in &messages {
                    black_box((peer.full_parse)(black_box(m)));
                }
            })
        });
    }
    group.finish();
}

fn encode(c: &mut Criterion) {
    let mut encoders = Encoders::default();
    let mut group = c.benchmark_group("peers_encode");
    group.throughput(Throughput::Elements(1));
    for peer in &PEERS {
        let Some(encode) = peer.encode else { continue };
        group.bench_function(peer.name, |b| b.iter(|| black_box(encode(black_box(&mut encoders)).len())));
    }
    group.finish();
}

criterion_group!(benches, full_parse, encode);
criterion_main!(benches);
